package text_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/text"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/summary"
)

// TestWriteInfo checks the report built from stages made in code (no
// decoding): the liaison-only message, sections, radii, off-route boxes,
// problems and the rally table with its rest day.
func TestWriteInfo(t *testing.T) {
	t.Parallel()
	line := orb.LineString{}
	for i := 0; i <= 20; i++ {
		line = append(line, orb.Point{45 + float64(i)*0.01, 24})
	}
	mk := func(name string, w ...route.Waypoint) route.LoadedStage {
		f := &route.File{Tracks: []route.Track{{Name: name, Segments: []route.Segment{{Points: line}}}}, Waypoints: w}
		return route.LoadedStage{Path: name + ".gpx", File: f, Stage: route.NewStage(f, route.StageOptions{})}
	}
	at := func(i int, k route.Kind) route.Waypoint {
		return route.Waypoint{Point: line[i], HasPoint: true, Controls: []route.Control{{Kind: k}}, Line: 10 + i}
	}
	dz := at(5, route.DZ)
	dz.Speed = 60
	boxOnly := route.Waypoint{Distance: 15, HasDistance: true, Name: "box", Controls: []route.Control{{Kind: route.WPC, Radii: route.Radii{Clear: 150}}}}
	plain := mk("plain", route.Waypoint{Point: orb.Point{45.05, 24.01}, HasPoint: true, Name: "well"})
	special := mk("special", at(2, route.DSS), dz, at(8, route.FZ), boxOnly, at(18, route.ASS), at(19, route.DN))
	rally := &route.Rally{
		Name: "R",
		Stages: []route.RallyStage{
			{Name: "A", File: "a.gpx", Date: "2026-01-01", Start: "X", Finish: "Y"},
			{Name: "B", File: "b.gpx", Date: "2026-01-03", Start: "Y", Finish: "Z", Marathon: true},
		},
		RestDays: []route.RestDay{{Date: "2026-01-04", Place: "Z"}, {Date: "2026-01-02", Place: "Y"}},
	}
	plainA, specialB := plain, special
	plainA.Entry, specialB.Entry = &rally.Stages[0], &rally.Stages[1]
	doc := summary.NewDocument()
	doc.AddFile(plain.Path, plain.File, plain.Stage, nil)
	doc.AddRally("r", rally, []route.LoadedStage{plainA, specialB}, nil)
	var b strings.Builder
	if err := text.WriteInfo(&b, doc, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Without stages, the rally's files are left out.
	var short strings.Builder
	text.WriteInfo(&short, doc, false)
	if strings.Count(out, "stage \"plain\"") != 2 || strings.Count(short.String(), "stage \"plain\"") != 1 || strings.Contains(short.String(), "special.gpx") {
		t.Errorf("WriteInfo without stages printed the rally's files:\n%s", short.String())
	}
	for _, want := range []string{
		"no DSS/ASS: the whole stage is liaison",
		"-     well",
		"liaison 1  ", "special    ",
		"DZ          ",
		"  60\n",
		"WPC   WPC box  15.000",
		"no position",
		"150",
		"is outside a special: ignored",
		"A      2026-01-01  X > Y",
		"-      2026-01-02  rest day, Y",
		"B      2026-01-03  Y > Z",
		"marathon\n-      2026-01-04  rest day, Z",
		"total  2 stages",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("writeInfo output lacks %q:\n%s", want, out)
		}
	}
	tot := doc.Rallies[0].Totals
	if tot.TotalKm != math.Round((doc.Rallies[0].Stages[0].TotalKm+doc.Rallies[0].Stages[1].TotalKm)*1000)/1000 {
		t.Errorf("rally total %v km; want the sum of the stages", tot.TotalKm)
	}
	if d := tot.LiaisonKm + tot.SpecialKm + tot.NeutralisedKm - tot.TotalKm; d > 0.002 || d < -0.002 {
		t.Errorf("rally liaison + special + neutralised = %v km; want the total %v km", tot.LiaisonKm+tot.SpecialKm+tot.NeutralisedKm, tot.TotalKm)
	}
}

// TestWriteErrors: a failed write is returned, and nothing is written after
// it.
func TestWriteErrors(t *testing.T) {
	t.Parallel()
	f := &route.File{Tracks: []route.Track{{Segments: []route.Segment{{Points: orb.LineString{{45, 24}, {45.1, 24}}}}}}}
	doc := summary.NewDocument()
	doc.AddFile("x.gpx", f, route.NewStage(f, route.StageOptions{}), nil)
	w := &failWriter{after: 3}
	if err := text.WriteInfo(w, doc, false); !errors.Is(err, errFull) || w.writes != 4 {
		t.Errorf("WriteInfo to a writer failing at its 4th write = %v after %d writes; want errFull after 4", err, w.writes)
	}
	rep, err := route.Check(route.NewStage(f, route.StageOptions{}), f, route.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(*failWriter) error{
		"WriteCheck": func(w *failWriter) error { return text.WriteCheck(w, "r.gpx", rep) },
		"WriteComparison": func(w *failWriter) error {
			return text.WriteComparison(w, []string{"a", "b"}, []*route.Report{rep, rep})
		},
		"WriteValidations": func(w *failWriter) error {
			return text.WriteValidations(w, []roadbook.Validation{{File: "a.gpx", Problems: []roadbook.Problem{}}})
		},
		"WriteLexicon": func(w *failWriter) error { return text.WriteLexicon(w, lexicon.All()) },
		"WriteTable":   func(w *failWriter) error { return text.WriteTable(w, "", "lr", [][]string{{"a", "1"}, {"b", "2"}}) },
	} {
		w := &failWriter{}
		if err := write(w); !errors.Is(err, errFull) || w.writes != 1 {
			t.Errorf("%s to a failing writer = %v after %d writes; want errFull after 1", name, err, w.writes)
		}
	}
}

var errFull = errors.New("no space left on device")

// failWriter fails every write after the first after ones.
type failWriter struct {
	after, writes int
}

func (w *failWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > w.after {
		return 0, errFull
	}
	return len(p), nil
}

// WriteTable aligns columns as every report does.
func ExampleWriteTable() {
	text.WriteTable(os.Stdout, "  ", "lrr", [][]string{
		{"SECTION", "FROM KM", "TO KM"},
		{"liaison", "0.000", "2.027"},
		{"special 1", "2.027", "9.122"},
	})
	// Output:
	//   SECTION    FROM KM  TO KM
	//   liaison      0.000  2.027
	//   special 1    2.027  9.122
}

// CheckSummary is the first line of roadbook check's report.
func ExampleCheckSummary() {
	stage := &route.File{Tracks: []route.Track{{Name: "Stage 1", Segments: []route.Segment{{Points: orb.LineString{{45, 24}, {45.1, 24}}}}}}}
	// A ride along it, a fix every 50 m and 5 s.
	var ride route.Segment
	start := time.Date(2026, 1, 11, 7, 0, 0, 0, time.UTC)
	for i := 0; i <= 200; i++ {
		ride.Points = append(ride.Points, orb.Point{45 + float64(i)*0.0005, 24})
		ride.Time = append(ride.Time, start.Add(time.Duration(i)*5*time.Second))
	}
	st := route.NewStage(stage, route.StageOptions{})
	rep, err := route.Check(st, &route.File{Tracks: []route.Track{{Segments: []route.Segment{ride}}}}, route.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text.CheckSummary(rep))
	// Output:
	// Stage 1: no wrong turn; 0 missed waypoints; no speeding
}

// WriteValidations prints a table for a stage with problems, a line for a
// clean one, blank lines around tables, and the totals.
func ExampleWriteValidations() {
	text.WriteValidations(os.Stdout, []roadbook.Validation{
		{File: "00-prologue.gpx", Stage: "Prologue", Problems: []roadbook.Problem{}},
		{File: "01-stage1.gpx", Stage: "Stage 1", Errors: 1, Problems: []roadbook.Problem{
			{Severity: roadbook.Error, Rule: roadbook.RuleSpeedZone, Box: 12, Line: 40, Waypoint: 3, Km: 12.3, Roadbook: "special km 2.30", Message: "DZ (km 12.30) has no speed limit"},
		}},
		{File: "02-stage2.gpx", Warnings: 1, Problems: []roadbook.Problem{
			{Severity: roadbook.Warning, Rule: roadbook.RuleNoSpecial, Waypoint: -1, Message: "no DSS and no ASS: the whole stage is liaison"},
		}},
		{File: "03-stage3.gpx", Stage: "Stage 3", Problems: []roadbook.Problem{}},
	})
	// Output:
	// 00-prologue.gpx (Prologue): ok, no problems
	//
	// 01-stage1.gpx (Stage 1): 1 error, 0 warnings
	//   SEVERITY  BOX  ROADBOOK         ROUTE KM  LINE  CHECK       MESSAGE
	//   error      12  special km 2.30     12.30    40  speed-zone  DZ (km 12.30) has no speed limit
	//
	// 02-stage2.gpx: 0 errors, 1 warning
	//   SEVERITY  BOX  ROADBOOK  ROUTE KM  LINE  CHECK       MESSAGE
	//   warning     -  -                -     -  no-special  no DSS and no ASS: the whole stage is liaison
	//
	// 03-stage3.gpx (Stage 3): ok, no problems
	//
	// 4 stages: 1 error, 1 warning
}

// WriteLexicon lists symbols as roadbook lexicon does.
func ExampleWriteLexicon() {
	var symbols []*lexicon.Symbol
	for _, code := range []string{"village", "wadi", "danger-2", "speed-limit-N"} {
		if s, ok := lexicon.Lookup(code); ok {
			symbols = append(symbols, s)
		}
	}
	text.WriteLexicon(os.Stdout, symbols)
	// Output:
	// CODE           ABBR  CATEGORY  MEANING
	// village        V     landmark  village (village)
	// wadi           OUED  water     wadi / wash (dry river bed) (oued)
	// danger-2       !!    danger    danger level 2 (danger !!)
	// speed-limit-N  N     speed     speed limit N km/h (vitesse limitée)
}

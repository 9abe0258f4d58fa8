package summary_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/summary"
)

// line is a straight route east along 24°N, 21 points 0.01° apart.
func line() orb.LineString {
	var l orb.LineString
	for i := 0; i <= 20; i++ {
		l = append(l, orb.Point{45 + float64(i)*0.01, 24})
	}
	return l
}

func stage(name string, w ...route.Waypoint) (*route.File, *route.Stage) {
	f := &route.File{Tracks: []route.Track{{Name: name, Segments: []route.Segment{{Points: line()}}}}, Waypoints: w}
	return f, route.NewStage(f, route.StageOptions{})
}

func at(i int, k route.Kind) route.Waypoint {
	return route.Waypoint{Point: line()[i], HasPoint: true, Controls: []route.Control{{Kind: k}}, Line: 10 + i}
}

// TestNewStage: the figures add up as printed, whatever the rounding.
func TestNewStage(t *testing.T) {
	t.Parallel()
	f, s := stage("S", at(3, route.DSS), at(7, route.DN), at(11, route.FN), at(17, route.ASS))
	sum := summary.NewFile("s.gpx", f, s, nil)
	st := sum.Stage
	if sum.File != "s.gpx" || sum.TrackPts != 21 || st.Name != "S" || !st.HasSpecial || len(st.Sections) != 5 || len(st.Waypoints) != 4 {
		t.Fatalf("NewFile = %+v; want s.gpx, 21 points, stage S with 5 sections and 4 waypoints", sum)
	}
	var all, byKind [3]float64
	for i, sec := range st.Sections {
		if sec.LengthKm != round3(sec.ToKm-sec.FromKm) {
			t.Errorf("section %d: length %v km; want to − from = %v", i, sec.LengthKm, sec.ToKm-sec.FromKm)
		}
		if i > 0 && sec.FromKm != st.Sections[i-1].ToKm {
			t.Errorf("section %d starts at %v km; want the end of the previous, %v", i, sec.FromKm, st.Sections[i-1].ToKm)
		}
		k := map[string]int{"liaison": 0, "special": 1, "neutralisation": 2}[sec.Kind]
		byKind[k] = round3(byKind[k] + sec.LengthKm)
		all[0] = round3(all[0] + sec.LengthKm)
	}
	if got := [3]float64{st.LiaisonKm, st.SpecialKm, st.NeutralisedKm}; got != byKind {
		t.Errorf("stage totals %v km; want the sums of the printed sections %v", got, byKind)
	}
	if all[0] != st.LengthKm {
		t.Errorf("sections add up to %v km; want the stage's %v", all[0], st.LengthKm)
	}
	// Totals of route.Stage, in metres, agree to the metre per section.
	l, sp, n := s.Totals()
	for i, m := range []float64{l, sp, n} {
		if d := math.Abs(m/1000 - byKind[i]); d > 0.002 {
			t.Errorf("kind %d: %v km; route.Stage.Totals gives %v m", i, byKind[i], m)
		}
	}
	prev := 0.0
	for i, w := range st.Waypoints {
		if w.PartialKm != round3(w.Km-prev) {
			t.Errorf("waypoint %d: partial %v km; want km − the previous km = %v", i, w.PartialKm, w.Km-prev)
		}
		prev = w.Km
	}
}

// TestNewStageRules: radii come from the file, else the rules, else the
// defaults.
func TestNewStageRules(t *testing.T) {
	t.Parallel()
	wpm := at(5, route.WPM)
	own := at(9, route.WPM)
	own.Controls[0].Radii = route.Radii{Clear: 123}
	_, s := stage("S", wpm, own)
	rules := &route.Rules{Radii: map[route.Kind]route.Radii{route.WPM: {Clear: 77, Open: 500}}}
	def := summary.NewStage(s, nil)
	ev := summary.NewStage(s, rules)
	if ev.Waypoints[0].ClearM != 77 || ev.Waypoints[0].OpenM != 500 || ev.Waypoints[1].ClearM != 123 {
		t.Errorf("with rules: radii %v, %v; want 77/500 from the rules and 123 from the file", ev.Waypoints[0], ev.Waypoints[1])
	}
	if want := route.DefaultRadii()[route.WPM].Clear; def.Waypoints[0].ClearM != want {
		t.Errorf("without rules: clear %v m; want the default %v", def.Waypoints[0].ClearM, want)
	}
}

// TestNewRally: a rally's rows and totals, the rows' columns adding up to
// the totals.
func TestNewRally(t *testing.T) {
	t.Parallel()
	r := &route.Rally{Name: "R", Stages: []route.RallyStage{
		{Name: "A", File: "a.gpx", Date: "2026-01-01"},
		{Name: "B", File: "b.gpx", Date: "2026-01-02", Marathon: true},
	}, RestDays: []route.RestDay{{Date: "2026-01-03"}}}
	_, a := stage("a")
	_, b := stage("b", at(2, route.DSS), at(18, route.ASS))
	sum := summary.NewRally("dir", r, []route.LoadedStage{{Entry: &r.Stages[0], Stage: a}, {Entry: &r.Stages[1], Stage: b}})
	if sum.Dir != "dir" || sum.Name != "R" || len(sum.Stages) != 2 || len(sum.RestDays) != 1 || !sum.Stages[1].Marathon {
		t.Fatalf("NewRally = %+v", sum)
	}
	tot := sum.Totals
	if tot.Stages != 2 || tot.TotalKm != round3(sum.Stages[0].TotalKm+sum.Stages[1].TotalKm) ||
		round3(tot.LiaisonKm+tot.SpecialKm+tot.NeutralisedKm) != tot.TotalKm || sum.Stages[0].SpecialKm != 0 {
		t.Errorf("totals %+v of rows %+v; want the sums", tot, sum.Stages)
	}
}

func round3(v float64) float64 { return math.Round(v*1000)/1000 + 0 }

// A stage's summary marshals to the JSON of roadbook info --json.
func ExampleNewStage() {
	f := &route.File{Tracks: []route.Track{{Segments: []route.Segment{{Points: orb.LineString{{45, 24}, {45.1, 24}, {45.2, 24}}}}}},
		Waypoints: []route.Waypoint{
			{Point: orb.Point{45.05, 24}, HasPoint: true, Controls: []route.Control{{Kind: route.DSS}}},
			{Point: orb.Point{45.15, 24}, HasPoint: true, Controls: []route.Control{{Kind: route.ASS}}},
		}}
	st := summary.NewStage(route.NewStage(f, route.StageOptions{Name: "Stage 1"}), nil)
	fmt.Printf("%s: %.3f km, special %.3f km\n", st.Name, st.LengthKm, st.SpecialKm)
	b, _ := json.Marshal(st.Sections[1])
	fmt.Println(string(b))
	// Output:
	// Stage 1: 20.350 km, special 10.175 km
	// {"kind":"special","sector":1,"label":"special","roadbook_km":10.17,"from_km":5.088,"to_km":15.263,"length_km":10.175}
}

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/route/gpx"
)

const checkData = "testdata/check"

// TestCheckGolden runs check on the rides of testdata/check (made by its
// gen.py) and compares the outputs and exit codes with the golden files.
func TestCheckGolden(t *testing.T) {
	t.Parallel()
	stage := checkData + "/stage.gpx"
	cases := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"clean", []string{"check", stage, checkData + "/clean.gpx"}, exitOK, "clean.golden"},
		{"wrong turn", []string{"check", stage, checkData + "/wrongturn.gpx"}, exitDeviation, "wrongturn.golden"},
		{"wrong turn json", []string{"check", "--json", stage, checkData + "/wrongturn.gpx"}, exitDeviation, "wrongturn.json.golden"},
		{"rules", []string{"check", stage, checkData + "/wrongturn.gpx", "--rules", checkData + "/rules.json"}, exitDeviation, "rules.golden"},
		{"reverse", []string{"check", stage, checkData + "/reverse.gpx"}, exitDeviation, "reverse.golden"},
		{"reverse json", []string{"check", "--json", stage, checkData + "/reverse.gpx"}, exitDeviation, "reverse.json.golden"},
		{"two rides", []string{"check", stage, checkData + "/clean.gpx", checkData + "/wrongturn.gpx"}, exitDeviation, "two.golden"},
		{"two rides json", []string{"check", "--json", stage, checkData + "/clean.gpx", checkData + "/wrongturn.gpx"}, exitDeviation, "two.json.golden"},
		{"two rides jsonl", []string{"check", "--jsonl", stage, checkData + "/clean.gpx", checkData + "/wrongturn.gpx"}, exitDeviation, "two.jsonl.golden"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runMain(t, "", c.args...)
			if code != c.code || stderr != "" {
				t.Fatalf("Main(%q) = %d, stderr %q; want %d and nothing on stderr", c.args, code, stderr, c.code)
			}
			checkGolden(t, filepath.Join(checkData, c.golden), stdout)
		})
	}
}

// TestCheckJSONDocuments: --json is one JSON document whatever the number of
// rides (a report, an array of several), which a JSON reader reads whole;
// --jsonl is a report a line; both hold the same reports (issue 13).
func TestCheckJSONDocuments(t *testing.T) {
	t.Parallel()
	stage, rides := checkData+"/stage.gpx", []string{checkData + "/clean.gpx", checkData + "/wrongturn.gpx", checkData + "/reverse.gpx"}
	for n := 1; n <= len(rides); n++ {
		args := append([]string{"check", "--json", stage}, rides[:n]...)
		_, out, _ := runMain(t, "", args...)
		dec := json.NewDecoder(strings.NewReader(out))
		var doc any
		if err := dec.Decode(&doc); err != nil || dec.More() {
			t.Fatalf("check --json with %d rides: %v, more documents %v; want one document", n, err, dec.More())
		}
		var reports []any
		if list, ok := doc.([]any); ok && n > 1 {
			reports = list
		} else if obj, ok := doc.(map[string]any); ok && n == 1 {
			reports = []any{obj}
		} else {
			t.Fatalf("check --json with %d rides printed a %T; want a report for one ride, an array of several", n, doc)
		}
		args[1] = "--jsonl"
		_, lines, _ := runMain(t, "", args...)
		ls := strings.Split(strings.TrimSuffix(lines, "\n"), "\n")
		if len(ls) != n || len(reports) != n {
			t.Fatalf("check with %d rides: %d reports in --json, %d lines in --jsonl; want %d", n, len(reports), len(ls), n)
		}
		for i, l := range ls {
			var r any
			if err := json.Unmarshal([]byte(l), &r); err != nil || !reflect.DeepEqual(r, reports[i]) {
				t.Errorf("check --jsonl line %d: %v; want the report --json gives", i+1, err)
			}
		}
	}
	if code, _, stderr := runMain(t, "", "check", "--json", "--jsonl", stage, rides[0]); code != exitUsage || !strings.Contains(stderr, "--json and --jsonl: give one") {
		t.Errorf("check --json --jsonl = %d, %q; want a usage error", code, stderr)
	}
}

// TestCheckSummary checks the summary line of each report.
func TestCheckSummary(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		ride, rules string
		want        string
	}{
		{"clean.gpx", "", "Stage 7 (test): no wrong turn; 0 missed waypoints; no speeding"},
		{"wrongturn.gpx", "", "Stage 7 (test): 2 wrong turns (4.1 km driven off route, 4 min 15 s, max 1.5 km from the route at km 7.0, special 6.51); " +
			"1 missed waypoint (15 min); speeding in 1 zone (max 75 km/h in a 50 zone, 5 min); 1 recording gap (10 min 1 s); " +
			"2 of 3 WP waypoints validated (67 %, under 70 %): counts as not finishing; penalties 20 min"},
		{"reverse.gpx", "", "Stage 7 (test): no wrong turn; 1 stretch driven the wrong way (11.9 km back along the route); " +
			"7 missed waypoints (45 min); no speeding; 0 of 3 WP waypoints validated (0 %, under 70 %): counts as not finishing; penalties 45 min"},
		// The event's rules ask for 50 % of the WPs: 2 of 3 finish.
		{"wrongturn.gpx", "rules.json", "Stage 7 (test): 2 wrong turns (4.1 km driven off route, 4 min 15 s, max 1.5 km from the route at km 7.0, special 6.51); " +
			"1 missed waypoint (30 min); speeding in 1 zone (max 75 km/h in a 50 zone, 10 min); 1 recording gap (10 min 1 s); penalties 40 min"},
	} {
		args := []string{"check", checkData + "/stage.gpx", checkData + "/" + c.ride}
		if c.rules != "" {
			args = append(args, "--rules", checkData+"/"+c.rules)
		}
		_, out, _ := runMain(t, "", args...)
		if got, _, _ := strings.Cut(out, "\n"); got != c.want {
			t.Errorf("check %s %s: summary\n%s\nwant\n%s", c.ride, c.rules, got, c.want)
		}
	}
}

// TestCheckJSONFields checks the documented JSON fields and values of the
// wrong-turn ride.
func TestCheckJSONFields(t *testing.T) {
	t.Parallel()
	code, out, _ := runMain(t, "", "check", "--json", checkData+"/stage.gpx", checkData+"/wrongturn.gpx")
	if code != exitDeviation {
		t.Fatalf("exit %d; want %d", code, exitDeviation)
	}
	var doc struct {
		Ride       string `json:"ride"`
		Excursions []struct {
			FromKm   float64 `json:"from_km"`
			ToKm     float64 `json:"to_km"`
			MaxOff   float64 `json:"max_offset_m"`
			Driven   float64 `json:"driven_m"`
			Start    string  `json:"start"`
			End      string  `json:"end"`
			First    int     `json:"first_index"`
			Last     int     `json:"last_index"`
			Duration float64 `json:"duration_s"`
			Rejoined string  `json:"rejoined"`
		} `json:"excursions"`
		Waypoints []struct {
			Kind      string   `json:"kind"`
			Name      string   `json:"name"`
			Validated bool     `json:"validated"`
			Time      *string  `json:"time"`
			Distance  *float64 `json:"distance_m"`
			Penalty   float64  `json:"penalty_s"`
		} `json:"waypoints"`
		Speeding []struct {
			Max     float64 `json:"max_kmh"`
			Penalty float64 `json:"penalty_s"`
		} `json:"speeding"`
		Sections []struct {
			Kind string   `json:"kind"`
			Dur  *float64 `json:"duration_s"`
		} `json:"sections"`
		Gaps []struct {
			Duration float64 `json:"duration_s"`
		} `json:"gaps"`
		Retired any     `json:"retired"`
		Penalty float64 `json:"penalty_s"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Ride != checkData+"/wrongturn.gpx" || len(doc.Excursions) != 2 || len(doc.Waypoints) != 7 || len(doc.Speeding) != 1 ||
		len(doc.Sections) != 3 || len(doc.Gaps) != 1 || doc.Retired != nil || doc.Penalty != 1200 {
		t.Fatalf("report %+v", doc)
	}
	e := doc.Excursions[0]
	if e.Rejoined != "same" || e.First != 350 || e.Last != 542 || e.Duration != 192 || e.Start != "2026-01-11T07:05:50Z" {
		t.Errorf("excursion 1 = %+v", e)
	}
	if e := doc.Excursions[1]; e.Rejoined != "ahead" || e.ToKm-e.FromKm < 1 {
		t.Errorf("excursion 2 = %+v; want rejoined ahead, 1 km on", e)
	}
	w := doc.Waypoints[5]
	if w.Kind != "WPC" || w.Validated || w.Time != nil || w.Distance == nil || *w.Distance < 300 || w.Penalty != 900 {
		t.Errorf("WPC 10 = %+v; want missed by 300+ m, 900 s", w)
	}
	if doc.Gaps[0].Duration != 601 {
		t.Errorf("gap = %v s; want 601", doc.Gaps[0].Duration)
	}
}

// TestCheckErrors checks usage errors (exit 2) and unreadable input (exit 1).
func TestCheckErrors(t *testing.T) {
	t.Parallel()
	stage := checkData + "/stage.gpx"
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"missed_min": {"WPV": -1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"no args", []string{"check"}, exitUsage, "need a route and at least one ride"},
		{"no ride", []string{"check", stage}, exitUsage, "usage: roadbook check"},
		{"bad flag", []string{"check", "--nope", stage, stage}, exitUsage, "flag provided but not defined"},
		{"bad off-route", []string{"check", "--off-route", "-5", stage, stage}, exitUsage, "--off-route"},
		{"missing route", []string{"check", filepath.Join(dir, "none.gpx"), stage}, exitFailure, "none.gpx: no such file"},
		{"missing ride", []string{"check", stage, filepath.Join(dir, "none.gpx")}, exitFailure, "none.gpx: no such file"},
		{"bad rules", []string{"check", "--rules", bad, stage, checkData + "/clean.gpx"}, exitFailure, "missed_min: WPV"},
		{"missing rules", []string{"check", "--rules", filepath.Join(dir, "r.json"), stage, checkData + "/clean.gpx"}, exitFailure, "r.json: no such file"},
		{"not gpx", []string{"check", stage, checkData + "/rules.json"}, exitFailure, "rules.json: gpx:"},
		{"stdin twice", []string{"check", "-", "-"}, exitUsage, "roadbook check: standard input (-) given 2 times: it can be read once"},
		{"rules and a ride from stdin", []string{"check", "--rules", "-", stage, "-"}, exitUsage, "standard input (-) given 2 times"},
		{"rules from an empty stdin", []string{"check", "--rules", "-", stage, checkData + "/clean.gpx"}, exitFailure, "stdin: rules: empty file"},
		{"no stage of the rally", []string{"check", "../../examples/dakar2026", stage}, exitFailure, "testdata/check/stage.gpx: no stage of ../../examples/dakar2026 has the ride's date or follows its places"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runMain(t, "", c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("Main(%q) = %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.want)
			}
		})
	}
}

// TestCheckStdin reads the ride from standard input.
func TestCheckStdin(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(checkData + "/wrongturn.gpx")
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := runMain(t, "", "check", checkData+"/stage.gpx", checkData+"/wrongturn.gpx")
	code, got, stderr := runMain(t, string(b), "check", checkData+"/stage.gpx", "-")
	want = strings.Replace(want, "ride "+checkData+"/wrongturn.gpx:", "ride stdin:", 1)
	if code != exitDeviation || got != want {
		t.Errorf("check STAGE - < wrongturn.gpx = %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, got, want)
	}
}

// TestDemoCheck runs the demo's Stage 7 wrong-turn report on the embedded
// ride and compares its JSON with the example's truth file.
func TestDemoCheck(t *testing.T) {
	t.Parallel()
	d, err := loadDemo(&env{stdout: io.Discard, stderr: io.Discard}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	written, err := demoCheck(d)
	if err != nil || strings.Join(written, ",") != "stage07-check.txt,stage07-check.json" {
		t.Fatalf("demoCheck = %q, %v; want the .txt and the .json", written, err)
	}
	var truth struct {
		Fixes     int     `json:"fixes"`
		First     int     `json:"first_off_index"`
		Last      int     `json:"last_off_index"`
		Max       float64 `json:"max_distance_m"`
		Driven    float64 `json:"off_route_driven_m"`
		Junction  float64 `json:"junction_route_km"`
		RejoinKm  float64 `json:"rejoin_route_km"`
		Threshold float64 `json:"threshold_m"`
	}
	tb, err := fs.ReadFile(dakar2026.FS, dakar2026.RideTruthFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(tb, &truth); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(d.dir, "stage07-check.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Fixes      int `json:"fixes"`
		Excursions []struct {
			FromKm float64 `json:"from_km"`
			ToKm   float64 `json:"to_km"`
			First  int     `json:"first_index"`
			Last   int     `json:"last_index"`
			Max    float64 `json:"max_offset_m"`
			Driven float64 `json:"driven_m"`
			Rejoin string  `json:"rejoined"`
		} `json:"excursions"`
		WrongWay []any `json:"wrong_way"`
		Missed   int   `json:"missed"`
		Retired  any   `json:"retired"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.WrongWay == nil || len(rep.WrongWay) != 0 {
		t.Errorf("wrong_way = %v; want [] (the crew drove forward)", rep.WrongWay)
	}
	if truth.Threshold != 50 || rep.Fixes != truth.Fixes || len(rep.Excursions) != 1 || rep.Missed != 0 || rep.Retired != nil {
		t.Fatalf("report: %d fixes, excursions %+v, %d missed, retired %v; want %d fixes, one excursion, none missed, finished",
			rep.Fixes, rep.Excursions, rep.Missed, rep.Retired, truth.Fixes)
	}
	e := rep.Excursions[0]
	if e.First != truth.First || e.Last != truth.Last {
		t.Errorf("excursion fixes %d–%d; want %d–%d", e.First, e.Last, truth.First, truth.Last)
	}
	if math.Abs(e.Max-truth.Max) > 0.005*truth.Max+1 || math.Abs(e.Driven-truth.Driven) > 0.01*truth.Driven {
		t.Errorf("excursion max %.1f m, driven %.0f m; want %.1f, %.0f", e.Max, e.Driven, truth.Max, truth.Driven)
	}
	if math.Abs(e.FromKm-truth.Junction) > 0.2 || math.Abs(e.ToKm-truth.RejoinKm) > 0.2 || e.Rejoin != "ahead" {
		t.Errorf("excursion km %.3f–%.3f %s; want %.3f–%.3f ahead", e.FromKm, e.ToKm, e.Rejoin, truth.Junction, truth.RejoinKm)
	}
	txt, err := os.ReadFile(filepath.Join(d.dir, "stage07-check.txt"))
	if err != nil || !strings.HasPrefix(string(txt), "Stage 7: 1 wrong turn (") {
		t.Errorf("stage07-check.txt starts %.80q, %v; want the summary", txt, err)
	}
}

// TestCheckRallyFolder: given the rally folder, the Stage 7 ride is checked
// against Stage 7, found by its date, and without times by its places.
func TestCheckRallyFolder(t *testing.T) {
	t.Parallel()
	const rally, ride = "../../examples/dakar2026", "../../examples/dakar2026/stage07-ride.gpx"
	_, want, _ := runMain(t, "", "check", "--json", rally+"/07-stage7.gpx", ride)
	code, got, stderr := runMain(t, "", "check", "--json", rally, ride)
	// The same report, but for the stage's name: the manifest's in a rally.
	_, gotRest, _ := strings.Cut(got, `"route_km"`)
	_, wantRest, _ := strings.Cut(want, `"route_km"`)
	if code != exitDeviation || gotRest == "" || gotRest != wantRest || !strings.Contains(stderr, `checked against "Stage 7" (by date)`) {
		t.Errorf("check DIR ride: exit %d, stderr %q, same report %v; want 3, by date, the same report", code, stderr, gotRest == wantRest)
	}
	// The ride without its times.
	b, err := os.ReadFile(ride)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gpx.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			f.Tracks[i].Segments[j].Time = nil
		}
	}
	var buf bytes.Buffer
	if err := gpx.Encode(&buf, f); err != nil {
		t.Fatal(err)
	}
	untimed := filepath.Join(t.TempDir(), "untimed.gpx")
	if err := os.WriteFile(untimed, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, got, stderr = runMain(t, "", "check", rally, untimed)
	if code != exitDeviation || !strings.Contains(stderr, `checked against "Stage 7" (by position)`) ||
		!strings.HasPrefix(got, "Stage 7: 1 wrong turn") {
		t.Errorf("check DIR untimed ride: exit %d, stderr %q, stdout %.200q; want Stage 7 found by position", code, stderr, got)
	}
}

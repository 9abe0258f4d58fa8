package dakar2026_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	gpxgo "github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/examples/dakar2026/internal/gen"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// table is Dakar 2026 as the press reported the organiser's figures (cars;
// where the plan and the race differ, the race), in km.
var table = []struct {
	name, date, start, finish string
	marathon                  bool
	liaison, special, total   float64
}{
	{"Prologue", "2026-01-03", "Yanbu", "Yanbu", false, 75, 23, 98},
	{"Stage 1", "2026-01-04", "Yanbu", "Yanbu", false, 213, 305, 518},
	{"Stage 2", "2026-01-05", "Yanbu", "AlUla", false, 104, 400, 504},
	{"Stage 3", "2026-01-06", "AlUla", "AlUla", false, 244, 422, 666},
	{"Stage 4", "2026-01-07", "AlUla", "Refuge 1", true, 75, 451, 526},
	{"Stage 5", "2026-01-08", "Refuge 1", "Ha'il", true, 56, 371, 427},
	{"Stage 6", "2026-01-09", "Ha'il", "Riyadh", false, 589, 331, 920},
	{"Stage 7", "2026-01-11", "Riyadh", "Wadi ad-Dawasir", false, 414, 462, 876},
	{"Stage 8", "2026-01-12", "Wadi ad-Dawasir", "Wadi ad-Dawasir", false, 238, 483, 721},
	{"Stage 9", "2026-01-13", "Wadi ad-Dawasir", "Refuge 2", true, 122, 410, 532},
	{"Stage 10", "2026-01-14", "Refuge 2", "Bisha", true, 50, 420, 470},
	{"Stage 11", "2026-01-15", "Bisha", "Al Henakiyah", false, 536, 346, 882},
	{"Stage 12", "2026-01-16", "Al Henakiyah", "Yanbu", false, 409, 311, 720},
	{"Stage 13", "2026-01-17", "Yanbu", "Yanbu", false, 36, 105, 141},
}

// towns are the bivouac towns' centres (WGS84), [lon, lat].
var towns = map[string][2]float64{
	"Yanbu": {38.0618, 24.0895}, "AlUla": {37.9236, 26.6086}, "Ha'il": {41.7208, 27.5114},
	"Riyadh": {46.6753, 24.7136}, "Wadi ad-Dawasir": {44.7889, 20.4632}, "Bisha": {42.5902, 19.9764},
	"Al Henakiyah": {40.5125, 24.8607},
}

func manifest(t *testing.T) *route.Rally {
	t.Helper()
	f, err := dakar2026.FS.Open(dakar2026.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := route.ParseRally(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// loaded is a stage decoded from the embedded files.
type loaded struct {
	file  *route.File
	stage *route.Stage
}

var (
	stagesOnce sync.Once
	stages     []loaded
	stagesErr  error
)

// loadStages decodes every stage once for all the tests; the tests only
// read the result.
func loadStages(t *testing.T) []loaded {
	t.Helper()
	r := manifest(t)
	stagesOnce.Do(func() {
		for _, s := range r.Stages {
			b, err := fs.ReadFile(dakar2026.FS, s.File)
			if err != nil {
				stagesErr = err
				return
			}
			file, err := gpx.Decode(bytes.NewReader(b))
			if err != nil {
				stagesErr = fmt.Errorf("gpx.Decode(%s): %v", s.File, err)
				return
			}
			stages = append(stages, loaded{file, route.NewStage(file, route.StageOptions{Name: s.Name})})
		}
	})
	if stagesErr != nil {
		t.Fatal(stagesErr)
	}
	return stages
}

func TestManifest(t *testing.T) {
	r := manifest(t)
	if r.Name != "Dakar 2026" || r.Year != 2026 {
		t.Errorf("manifest name, year = %q, %d; want Dakar 2026, 2026", r.Name, r.Year)
	}
	if len(r.Stages) != len(table) {
		t.Fatalf("manifest has %d stages; want %d", len(r.Stages), len(table))
	}
	for i, s := range r.Stages {
		w := table[i]
		if s.Name != w.name || s.Date != w.date || s.Start != w.start || s.Finish != w.finish || s.Marathon != w.marathon {
			t.Errorf("stage %d = %+v; want %+v", i, s, w)
		}
	}
	if len(r.RestDays) != 1 || r.RestDays[0] != (route.RestDay{Date: "2026-01-10", Place: "Riyadh"}) {
		t.Errorf("rest days = %+v; want 10 Jan in Riyadh", r.RestDays)
	}
}

// TestStageLengths measures every stage from its file, through gpx.Decode
// and route.NewStage, against the press figures. The liaison counts the
// neutralised part of Stage 13 (it is not timed).
func TestStageLengths(t *testing.T) {
	var sumL, sumS, sumT float64
	for i, l := range loadStages(t) {
		w := table[i]
		liaison, special, neutral := l.stage.Totals()
		liaison += neutral
		total := l.stage.Length()
		sumL += liaison
		sumS += special
		sumT += total
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"liaison", liaison, w.liaison}, {"special", special, w.special}, {"total", total, w.total}} {
			if math.Abs(c.got/1e3-c.want) > 0.5 {
				t.Errorf("%s %s = %.3f km; want %.0f ± 0.5", w.name, c.what, c.got/1e3, c.want)
			}
		}
		for _, p := range l.stage.Problems {
			t.Errorf("%s: NewStage problem: %s", w.name, p)
		}
		wantSectors := 1
		if w.name == "Stage 13" {
			wantSectors = 2
		}
		sectors := map[int]bool{}
		for _, s := range l.stage.Sections {
			if s.Kind == route.Special {
				sectors[s.Sector] = true
			}
		}
		if len(sectors) != wantSectors {
			t.Errorf("%s has %d timed sectors; want %d", w.name, len(sectors), wantSectors)
		}
		if w.name == "Stage 11" {
			// 320 km of liaison before the DSS, the rest after.
			if first := l.stage.Sections[0]; first.Kind != route.Liaison || math.Abs(first.Length()/1e3-320) > 0.5 {
				t.Errorf("Stage 11 starts with %v of %.3f km; want a liaison of 320 ± 0.5 km", first.Kind, first.Length()/1e3)
			}
		}
		t.Logf("%-9s liaison %8.3f  special %8.3f  total %8.3f km", w.name, liaison/1e3, special/1e3, total/1e3)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{{"liaison", sumL, 3161}, {"special", sumS, 4840}, {"total", sumT, 8001}} {
		if math.Abs(c.got/1e3-c.want) > 5 {
			t.Errorf("rally %s = %.1f km; want %.0f ± 5", c.what, c.got/1e3, c.want)
		}
	}
}

// TestStagePlaces checks that each route starts and ends at its bivouac
// (the towns' centres; the refuges only between their neighbours), stays
// on land (east of the Red Sea coast), and is sampled every 10–30 m.
func TestStagePlaces(t *testing.T) {
	// The Red Sea coast from Al Wajh to south of Al Lith, [lat, lon].
	coast := [][2]float64{{28.0, 35.2}, {26.2, 36.45}, {25.05, 37.27}, {24.09, 38.05}, {22.8, 39.03}, {21.5, 39.15}, {20.0, 40.3}, {18.5, 41.5}}
	offshore := func(lat, lon float64) bool {
		for i := 1; i < len(coast); i++ {
			a, b := coast[i-1], coast[i]
			if lat <= a[0] && lat >= b[0] {
				return lon < a[1]+(a[0]-lat)/(a[0]-b[0])*(b[1]-a[1])-0.01
			}
		}
		return false
	}
	for i, l := range loadStages(t) {
		w := table[i]
		line := l.stage.Path.Line
		for _, end := range []struct {
			town string
			idx  int
		}{{w.start, 0}, {w.finish, len(line) - 1}} {
			if c, ok := towns[end.town]; ok {
				if d := geo.Distance(line[end.idx], c); d > 1 {
					t.Errorf("%s: route end %d is %.0f m from %s", w.name, end.idx, d, end.town)
				}
			}
		}
		var gaps []float64
		for k := 1; k < len(line); k++ {
			if offshore(line[k][1], line[k][0]) {
				t.Errorf("%s: point %d %v is in the Red Sea", w.name, k, line[k])
				break
			}
			gaps = append(gaps, l.stage.Path.Odo[k]-l.stage.Path.Odo[k-1])
		}
		sort.Float64s(gaps)
		if lo, med, hi := gaps[len(gaps)/20], gaps[len(gaps)/2], gaps[len(gaps)-1]; lo < 8 || med < 15 || hi > 30.5 {
			t.Errorf("%s: point spacing 5th percentile %.1f m, median %.1f m, max %.1f m; want about 10–30 m", w.name, lo, med, hi)
		}
	}
}

// TestWaypoints checks the kinds and names of each stage's waypoints.
func TestWaypoints(t *testing.T) {
	for i, l := range loadStages(t) {
		w := table[i]
		count := map[route.Kind]int{}
		for _, p := range l.file.Waypoints {
			for _, c := range p.Controls {
				count[c.Kind]++
				if want := fmt.Sprintf("WPC %d", int(p.Distance)); c.Kind == route.WPC && p.Name != want {
					t.Errorf("%s: WPC at km %.2f named %q; want %q", w.name, p.Distance, p.Name, want)
				}
				// Each section counts from 0 at its start: the box there
				// gives the closed section's total and resets.
				if k := c.Kind; (k == route.DSS || k == route.ASS || k == route.DN || k == route.FN) && !p.Reset {
					t.Errorf("%s: %v at km %.2f does not reset; want each section to count from 0", w.name, k, p.Distance)
				}
				if c.Kind == route.ASS && !p.Has(route.DN) && w.name != "Stage 13" && p.Distance != w.special {
					t.Errorf("%s: ASS at km %.2f; want the special's total %.2f", w.name, p.Distance, w.special)
				}
			}
			if p.Has(route.DZ) && p.Speed <= 0 {
				t.Errorf("%s: DZ %q without a limit", w.name, p.Name)
			}
		}
		if count[route.DSS] != 1 || count[route.ASS] != 1 || count[route.DZ] != count[route.FZ] || count[route.DZ] < 3 {
			t.Errorf("%s: DSS %d, ASS %d, DZ %d, FZ %d; want 1, 1 and matching speed zones", w.name, count[route.DSS], count[route.ASS], count[route.DZ], count[route.FZ])
		}
		wps := 0
		for k := route.WPV; k <= route.WPP; k++ {
			wps += count[k]
		}
		if want := int(w.special / 30); wps < want {
			t.Errorf("%s: %d waypoints in a %.0f km special; want at least %d", w.name, wps, w.special, want)
		}
		if w.special >= 350 && count[route.Fuel] != 1 {
			t.Errorf("%s: %d refuels in a %.0f km special; want 1", w.name, count[route.Fuel], w.special)
		}
		if (w.name == "Stage 13") != (count[route.DN] == 1 && count[route.FN] == 1) {
			t.Errorf("%s: DN %d, FN %d", w.name, count[route.DN], count[route.FN])
		}
	}
}

// TestRoadbookValidate runs the organisers' structural checks on every
// stage: the only finding allowed is that a loop stage's route comes back
// into its departure control's radius, at the finish.
func TestRoadbookValidate(t *testing.T) {
	for i, l := range loadStages(t) {
		w := table[i]
		for _, p := range roadbook.Validate(l.stage, nil) {
			if w.start == w.finish && p.Rule == roadbook.RuleReentry && p.Box == 1 && p.Severity == roadbook.Warning {
				continue
			}
			t.Errorf("%s: roadbook.Validate: %s", w.name, p)
		}
	}
}

// TestRide checks the recorded ride against the truth the generator wrote,
// measuring each fix's distance from the route with package geo.
func TestRide(t *testing.T) {
	var truth gen.Truth
	b, err := fs.ReadFile(dakar2026.FS, dakar2026.RideTruthFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	rb, err := fs.ReadFile(dakar2026.FS, dakar2026.RideFile)
	if err != nil {
		t.Fatal(err)
	}
	ride, err := gpx.Decode(bytes.NewReader(rb))
	if err != nil {
		t.Fatal(err)
	}
	if len(ride.Tracks) != 1 || len(ride.Tracks[0].Segments) != 1 {
		t.Fatalf("ride has %d tracks; want one with one segment", len(ride.Tracks))
	}
	seg := &ride.Tracks[0].Segments[0]
	if seg.Len() != truth.Fixes {
		t.Errorf("ride has %d fixes; truth says %d", seg.Len(), truth.Fixes)
	}
	start := time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC)
	if t0 := seg.TimeAt(0); t0.Before(start) || t0.After(start.Add(12*time.Hour)) {
		t.Errorf("ride starts at %v; want on 11 Jan 2026", t0)
	}
	for k := 1; k < seg.Len(); k++ {
		if d := seg.Time[k].Sub(seg.Time[k-1]); d != time.Second {
			t.Fatalf("fix %d is %v after the previous; want 1 s", k, d)
		}
	}
	var stage *route.Stage
	for i, s := range manifest(t).Stages {
		if s.Name == dakar2026.RideStage {
			stage = loadStages(t)[i].stage
		}
	}
	if stage == nil {
		t.Fatalf("no %s in the manifest", dakar2026.RideStage)
	}
	// The speed zones, by distance along the route.
	type zone struct{ from, to, limit float64 }
	var zones []zone
	for _, w := range stage.Waypoints {
		switch {
		case w.Has(route.DZ):
			zones = append(zones, zone{w.Along, math.Inf(1), w.Speed})
		case w.Has(route.FZ) && len(zones) > 0:
			zones[len(zones)-1].to = w.Along
		}
	}
	p := stage.Path
	first, last, maxD, maxAt := -1, -1, 0.0, -1
	along := 0.0
	var liaison []float64 // speeds on the liaison roads out of the zones, km/h
	speeding := 0
	alongs := make([]float64, seg.Len()) // -1 off the route
	for k, q := range seg.Points {
		pr := p.ProjectForward(q, along-1000, 8000)
		d := pr.Distance()
		alongs[k] = -1
		if d <= 50 {
			along = pr.Along
			alongs[k] = along
			if k >= 5 && alongs[k-5] >= 0 {
				v := geo.Distance(seg.Points[k-5], q) / 5 * 3.6 // km/h over 5 s
				inZone := false
				for _, z := range zones {
					if alongs[k-5] >= z.from && along <= z.to {
						inZone = true
						if v > z.limit+2 {
							speeding++
						}
					}
				}
				if sec := stage.SectionAt(along); !inZone && sec.Kind == route.Liaison {
					liaison = append(liaison, v)
				}
			}
		} else {
			if first < 0 {
				first = k
			}
			last = k
		}
		if d > maxD {
			maxD, maxAt = d, k
		}
	}
	if first != truth.FirstOff || last != truth.LastOff {
		t.Errorf("fixes off the route: %d to %d; truth says %d to %d", first, last, truth.FirstOff, truth.LastOff)
	}
	if math.Abs(maxD-truth.MaxDistanceM) > 1 || maxAt != truth.MaxIndex {
		t.Errorf("farthest fix %d at %.1f m; truth says %d at %.1f m", maxAt, maxD, truth.MaxIndex, truth.MaxDistanceM)
	}
	if truth.MaxDistanceM < 2000 {
		t.Errorf("the wrong turn goes %.0f m off the route; want at least 2 km", truth.MaxDistanceM)
	}
	// Speeds: about 100 km/h on the liaison roads, under the limits in
	// the speed zones.
	if len(zones) < 6 || speeding > 0 {
		t.Errorf("%d speed zones, %d fixes over the limit; want some zones and none", len(zones), speeding)
	}
	sort.Float64s(liaison)
	if med := liaison[len(liaison)/2]; med < 85 || med > 110 {
		t.Errorf("median speed on the liaison roads %.0f km/h; want about 100", med)
	}
}

// TestSchema validates every file against the published OpenRally schema
// (testdata/tools/validate-xml).
func TestSchema(t *testing.T) {
	const validate = "../../testdata/tools/validate-xml"
	if _, err := os.Stat(validate); err != nil {
		t.Fatalf("test tools not found at %s: %v", validate, err)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint not found (apt-get install libxml2-utils): %v", err)
		}
		t.Skipf("xmllint not found (apt-get install libxml2-utils): %v", err)
	}
	files, err := filepath.Glob("*.gpx")
	if err != nil || len(files) != len(table)+2 { // the stages, the ride, the other tracks
		t.Fatalf("found %d GPX files (%v); want %d", len(files), err, len(table)+2)
	}
	out, err := exec.Command(validate, append([]string{"openrally"}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("validate-xml openrally: %v\n%s", err, out)
	}
}

// TestGpxgo reads every file with gpxgo and compares it with gpx.Decode.
func TestGpxgo(t *testing.T) {
	names, err := fs.Glob(dakar2026.FS, "*.gpx")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(dakar2026.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		g, err := gpxgo.ParseBytes(b)
		if err != nil {
			t.Errorf("gpxgo.ParseBytes(%s): %v", name, err)
			continue
		}
		f, err := gpx.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Waypoints) != len(f.Waypoints) || len(g.Tracks) != len(f.Tracks) || len(f.Tracks) == 0 {
			t.Errorf("gpxgo read %s: %d wpt, %d trk; want %d wpt, %d trk", name, len(g.Waypoints), len(g.Tracks), len(f.Waypoints), len(f.Tracks))
			continue
		}
	tracks:
		for i, gt := range g.Tracks {
			if len(gt.Segments) != len(f.Tracks[i].Segments) {
				t.Errorf("gpxgo read %d segments in %s track %d; want %d", len(gt.Segments), name, i, len(f.Tracks[i].Segments))
				continue
			}
			for j, gs := range gt.Segments {
				gp, fp := gs.Points, f.Tracks[i].Segments[j].Points
				if len(gp) != len(fp) {
					t.Errorf("gpxgo read %d points in %s track %d segment %d; want %d", len(gp), name, i, j, len(fp))
					continue tracks
				}
				for k := range gp {
					if gp[k].Latitude != fp[k][1] || gp[k].Longitude != fp[k][0] {
						t.Errorf("%s track %d segment %d point %d: gpxgo %v,%v; Decode %v", name, i, j, k, gp[k].Latitude, gp[k].Longitude, fp[k])
						continue tracks
					}
				}
			}
		}
	}
}

// TestRegenerate regenerates the example into a temporary folder and
// compares every file with the committed one, byte for byte.
func TestRegenerate(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(table)+5 { // the stages, rally.json, the ride, its truth, the other tracks, README.md
		t.Errorf("generator wrote %d files; want %d", len(got), len(table)+5)
	}
	for _, e := range got {
		a, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(e.Name())
		if err != nil {
			t.Errorf("%s is generated but not committed: %v", e.Name(), err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a fresh generation: run go generate ./examples/dakar2026", e.Name())
		}
	}
}

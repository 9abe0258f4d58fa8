package route

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// vertexStep is the vertex spacing of the synthetic routes, in degrees (about 100 m
// of longitude and 110 m of latitude at 24° N).
const vertexStep = 0.001

// walkLine appends to ls n points, each vertexStep degrees further in direction
// (dlon, dlat) from the last point of ls.
func walkLine(ls orb.LineString, n int, dlon, dlat float64) orb.LineString {
	p := ls[len(ls)-1]
	for i := 1; i <= n; i++ {
		ls = append(ls, orb.Point{p[0] + float64(i)*dlon*vertexStep, p[1] + float64(i)*dlat*vertexStep})
	}
	return ls
}

// straightLine is a 101-point route eastwards from 38° E 24° N, about 10.2 km.
func straightLine() orb.LineString {
	return walkLine(orb.LineString{{38, 24}}, 100, 1, 0)
}

func oneTrack(ls orb.LineString, wpts ...Waypoint) *File {
	return &File{
		Tracks:    []Track{{Name: "track", Segments: []Segment{{Points: ls}}}},
		Waypoints: wpts,
	}
}

// ctlWpt is a waypoint at p carrying the given controls, on the given line.
func ctlWpt(p orb.Point, line int, name string, kinds ...Kind) Waypoint {
	w := Waypoint{Point: p, HasPoint: true, Name: name, Line: line}
	for _, k := range kinds {
		w.Controls = append(w.Controls, Control{Kind: k})
	}
	return w
}

// distBox is a distance-only OpenRally box at km.
func distBox(km float64, line int, name string, kinds ...Kind) Waypoint {
	w := ctlWpt(orb.Point{}, line, name, kinds...)
	w.HasPoint = false
	w.Distance, w.HasDistance = km, true
	return w
}

// closeTo reports whether a and b are within tol of each other.
func closeTo(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// wantSec is an expected section: its kind, sector and ends as vertex indexes.
type wantSec struct {
	kind     SectionKind
	sector   int
	from, to int
}

func checkSections(t *testing.T, s *Stage, odo []float64, want []wantSec) {
	t.Helper()
	if len(s.Sections) != len(want) {
		t.Fatalf("NewStage(...).Sections = %v; want %d sections %v", s.Sections, len(want), want)
	}
	for i, w := range want {
		got := s.Sections[i]
		if got.Kind != w.kind || got.Sector != w.sector || !closeTo(got.From, odo[w.from], 1) || !closeTo(got.To, odo[w.to], 1) {
			t.Errorf("Sections[%d] = %v %d [%.1f, %.1f]; want %v %d [%.1f, %.1f]",
				i, got.Kind, got.Sector, got.From, got.To, w.kind, w.sector, odo[w.from], odo[w.to])
		}
	}
	// Contiguous cover of [0, Length].
	end := 0.0
	for i, got := range s.Sections {
		if got.From != end {
			t.Errorf("Sections[%d].From = %v; want %v (the previous section's end)", i, got.From, end)
		}
		end = got.To
	}
	if end != s.Length() {
		t.Errorf("last section ends at %v; want the route length %v", end, s.Length())
	}
}

func TestNewStageSections(t *testing.T) {
	line := straightLine()
	odo := geo.NewPath(line).Odo
	type at struct {
		vertex int
		kinds  []Kind
	}
	cases := []struct {
		name     string
		wpts     []at
		want     []wantSec
		problems []string // substrings, one per expected problem
	}{
		{
			name: "DSS and ASS",
			wpts: []at{{20, []Kind{DSS}}, {50, []Kind{WPV}}, {80, []Kind{ASS}}},
			want: []wantSec{{Liaison, 0, 0, 20}, {Special, 1, 20, 80}, {Liaison, 0, 80, 100}},
		},
		{
			name: "DN and FN split the special into two sectors",
			wpts: []at{{10, []Kind{DSS}}, {40, []Kind{DN}}, {50, []Kind{FN}}, {90, []Kind{ASS}}},
			want: []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 40}, {Neutralisation, 0, 40, 50}, {Special, 2, 50, 90}, {Liaison, 0, 90, 100}},
		},
		{
			name: "two DSS/ASS pairs",
			wpts: []at{{10, []Kind{DSS}}, {30, []Kind{ASS}}, {50, []Kind{DSS}}, {90, []Kind{ASS}}},
			want: []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 30}, {Liaison, 0, 30, 50}, {Special, 2, 50, 90}, {Liaison, 0, 90, 100}},
		},
		{
			name: "ASS and DSS on one waypoint",
			wpts: []at{{10, []Kind{DSS}}, {40, []Kind{DSS, ASS}}, {90, []Kind{ASS}}},
			want: []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 40}, {Special, 2, 40, 90}, {Liaison, 0, 90, 100}},
		},
		{
			name: "no DSS/ASS",
			wpts: []at{{10, []Kind{WPV}}, {40, []Kind{DZ}}, {60, []Kind{FZ}}},
			want: []wantSec{{Liaison, 0, 0, 100}},
		},
		{
			name: "special from the start to the end",
			wpts: []at{{0, []Kind{DSS}}, {100, []Kind{ASS}}},
			want: []wantSec{{Special, 1, 0, 100}},
		},
		{
			name:     "DSS without ASS",
			wpts:     []at{{20, []Kind{DSS}}},
			want:     []wantSec{{Liaison, 0, 0, 20}, {Special, 1, 20, 100}},
			problems: []string{`DSS "DSS w0" (line 1) at km 2.035 has no ASS`},
		},
		{
			name:     "ASS without DSS",
			wpts:     []at{{20, []Kind{ASS}}},
			want:     []wantSec{{Liaison, 0, 0, 100}},
			problems: []string{"ASS \"ASS w0\" (line 1) at km 2.035 has no DSS before it: ignored"},
		},
		{
			name:     "two DSS then one ASS",
			wpts:     []at{{10, []Kind{DSS}}, {30, []Kind{DSS}}, {60, []Kind{ASS}}},
			want:     []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 30}, {Special, 2, 30, 60}, {Liaison, 0, 60, 100}},
			problems: []string{"starts a special inside the special from the DSS at km 1.0"},
		},
		{
			name:     "DN without FN",
			wpts:     []at{{10, []Kind{DSS}}, {40, []Kind{DN}}, {90, []Kind{ASS}}},
			want:     []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 40}, {Neutralisation, 0, 40, 90}, {Liaison, 0, 90, 100}},
			problems: []string{"ends the special inside the neutralisation from km 4.0"},
		},
		{
			name:     "DN without FN nor ASS",
			wpts:     []at{{10, []Kind{DSS}}, {40, []Kind{DN}}},
			want:     []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 40}, {Neutralisation, 0, 40, 100}},
			problems: []string{"DN \"DN w1\" (line 2) at km 4.070 has no FN"},
		},
		{
			name:     "DN outside a special",
			wpts:     []at{{5, []Kind{DN}}, {10, []Kind{FN}}, {20, []Kind{DSS}}, {80, []Kind{ASS}}},
			want:     []wantSec{{Liaison, 0, 0, 20}, {Special, 1, 20, 80}, {Liaison, 0, 80, 100}},
			problems: []string{"is outside a special: ignored"}, // its FN goes with it
		},
		{
			name:     "DSS inside a neutralisation",
			wpts:     []at{{10, []Kind{DSS}}, {30, []Kind{DN}}, {50, []Kind{DSS}}, {70, []Kind{ASS}}},
			want:     []wantSec{{Liaison, 0, 0, 10}, {Special, 1, 10, 30}, {Neutralisation, 0, 30, 50}, {Special, 2, 50, 70}, {Liaison, 0, 70, 100}},
			problems: []string{"starts a special inside the neutralisation from km 3.0"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ws []Waypoint
			for i, a := range c.wpts {
				ws = append(ws, ctlWpt(line[a.vertex], i+1, "w"+string(rune('0'+i)), a.kinds...))
			}
			s := NewStage(oneTrack(line, ws...), StageOptions{})
			checkSections(t, s, odo, c.want)
			if len(s.Problems) != len(c.problems) {
				t.Fatalf("NewStage(...).Problems = %v; want %d problems", s.Problems, len(c.problems))
			}
			for i, want := range c.problems {
				if !strings.Contains(s.Problems[i].Message, want) {
					t.Errorf("Problems[%d] = %q; want it to contain %q", i, s.Problems[i].Message, want)
				}
			}
			wantSpecial := false
			for _, w := range c.want {
				wantSpecial = wantSpecial || w.kind == Special
			}
			if got := s.HasSpecial(); got != wantSpecial {
				t.Errorf("HasSpecial() = %v; want %v", got, wantSpecial)
			}
		})
	}
}

func TestNewStagePlacesStraight(t *testing.T) {
	line := straightLine()
	odo := geo.NewPath(line).Odo
	off := func(v int, northMetres float64) orb.Point {
		return orb.Point{line[v][0], line[v][1] + northMetres/110_760} // metres per degree of latitude at 24° N
	}
	f := oneTrack(line,
		ctlWpt(line[20], 10, "DSS", DSS),
		ctlWpt(off(50, 150), 11, "WPV 1", WPV), // inside its 200 m
		ctlWpt(off(40, 500), 12, "WPM 2", WPM), // listed after WPV 1, but before it on the route
		ctlWpt(off(60, -500), 13, "note"),      // plain: not judged
		ctlWpt(line[80], 14, "ASS", ASS),
	)
	s := NewStage(f, StageOptions{})
	want := []struct {
		name          string
		along, offset float64
	}{
		{"DSS", odo[20], 0},
		{"WPM 2", odo[40], -500},
		{"WPV 1", odo[50], -150},
		{"note", odo[60], 500},
		{"ASS", odo[80], 0},
	}
	if len(s.Waypoints) != len(want) {
		t.Fatalf("NewStage(...).Waypoints has %d; want %d", len(s.Waypoints), len(want))
	}
	prev := 0.0
	for i, w := range want {
		got := s.Waypoints[i]
		if got.Name != w.name || !closeTo(got.Along, w.along, 1) || !closeTo(got.Offset, w.offset, 5) || !got.OnRoute {
			t.Errorf("Waypoints[%d] = %q at %.1f m, offset %.1f m, on route %v; want %q at %.1f m, offset %.1f m, on route",
				i, got.Name, got.Along, got.Offset, got.OnRoute, w.name, w.along, w.offset)
		}
		if !closeTo(got.Partial, w.along-prev, 1) {
			t.Errorf("Waypoints[%d].Partial = %.1f; want %.1f", i, got.Partial, w.along-prev)
		}
		prev = w.along
	}
	if len(s.Problems) != 1 {
		t.Fatalf("Problems = %v; want the one about WPM 2", s.Problems)
	}
	p := s.Problems[0]
	for _, part := range []string{"WPM", `"WPM 2"`, "line 12", fmt.Sprintf(" is %.0f m from the route", math.Abs(s.Waypoints[1].Offset)), "200 m validation radius"} {
		if !strings.Contains(p.Message, part) {
			t.Errorf("Problems[0] = %q; want it to contain %q", p.Message, part)
		}
	}
	if p.Line != 12 || p.Waypoint != 1 {
		t.Errorf("Problems[0] line %d, waypoint %d; want line 12, waypoint 1", p.Line, p.Waypoint)
	}
	if s.Waypoints[1].Index != 2 {
		t.Errorf("Waypoints[1].Index = %d; want 2 (its place in the file)", s.Waypoints[1].Index)
	}

	// Radii from the rules: with a 600 m WPM radius nothing is reported.
	s = NewStage(f, StageOptions{Rules: &Rules{Radii: map[Kind]Radii{WPM: {Clear: 600}}}})
	if len(s.Problems) != 0 {
		t.Errorf("with a 600 m WPM radius: Problems = %v; want none", s.Problems)
	}
	// Radii from the file come first.
	f.Waypoints[2].Controls[0].Radii.Clear = 550
	s = NewStage(f, StageOptions{})
	if len(s.Problems) != 0 {
		t.Errorf("with the file's 550 m radius: Problems = %v; want none", s.Problems)
	}
}

func TestNewStageLoop(t *testing.T) {
	// A loop: east 50, north 30, west 50, south 30 back to the start, then
	// east 20 again over the first leg.
	line := walkLine(orb.LineString{{38, 24}}, 50, 1, 0)
	line = walkLine(line, 30, 0, 1)
	line = walkLine(line, 50, -1, 0)
	line = walkLine(line, 30, 0, -1)
	line = walkLine(line, 20, 1, 0)
	odo := geo.NewPath(line).Odo
	f := oneTrack(line,
		ctlWpt(line[0], 1, "DSS", DSS),
		ctlWpt(line[10], 2, "WP1", WPV),
		ctlWpt(line[65], 3, "WP2", WPM),
		ctlWpt(line[10], 4, "WP3", WPV), // the place of WP1, met again on the last leg
		ctlWpt(line[15], 5, "ASS", ASS), // after the start, on the last leg only
	)
	s := NewStage(f, StageOptions{})
	want := map[string]float64{"DSS": odo[0], "WP1": odo[10], "WP2": odo[65], "WP3": odo[170], "ASS": odo[175]}
	for _, w := range s.Waypoints {
		if !closeTo(w.Along, want[w.Name], 1) {
			t.Errorf("%s placed at %.1f m; want %.1f m", w.Name, w.Along, want[w.Name])
		}
	}
	checkSections(t, s, odo, []wantSec{{Special, 1, 0, 175}, {Liaison, 0, 175, 180}})
	if len(s.Problems) != 0 {
		t.Errorf("Problems = %v; want none", s.Problems)
	}

	// A loop stage that starts and ends at the bivouac: DSS and ASS at the
	// same place, the ASS at the end.
	closed := line[:161]
	codo := geo.NewPath(closed).Odo
	f = oneTrack(closed,
		ctlWpt(closed[0], 1, "DSS", DSS),
		ctlWpt(closed[65], 2, "WP", WPV),
		ctlWpt(closed[0], 3, "ASS", ASS),
	)
	s = NewStage(f, StageOptions{})
	checkSections(t, s, codo, []wantSec{{Special, 1, 0, 160}})
}

func TestNewStageOutAndBack(t *testing.T) {
	line := walkLine(orb.LineString{{38, 24}}, 100, 1, 0)
	line = walkLine(line, 100, -1, 0)
	odo := geo.NewPath(line).Odo
	f := oneTrack(line,
		ctlWpt(line[0], 1, "DSS", DSS),
		ctlWpt(line[30], 2, "out 30", WPV),
		ctlWpt(line[70], 3, "out 70", WPV),
		ctlWpt(line[100], 4, "turn", WPC),
		ctlWpt(line[130], 5, "back 70", WPV), // the place of "out 70"
		ctlWpt(line[170], 6, "back 30", WPV), // the place of "out 30"
		ctlWpt(line[200], 7, "ASS", ASS),     // the place of the DSS
	)
	s := NewStage(f, StageOptions{})
	names := []string{"DSS", "out 30", "out 70", "turn", "back 70", "back 30", "ASS"}
	vertex := []int{0, 30, 70, 100, 130, 170, 200}
	for i, w := range s.Waypoints {
		if w.Name != names[i] || !closeTo(w.Along, odo[vertex[i]], 1) {
			t.Errorf("Waypoints[%d] = %q at %.1f m; want %q at %.1f m", i, w.Name, w.Along, names[i], odo[vertex[i]])
		}
	}
	checkSections(t, s, odo, []wantSec{{Special, 1, 0, 200}})
}

func TestNewStageDistanceOnly(t *testing.T) {
	line := straightLine()
	odo := geo.NewPath(line).Odo
	reset := distBox(3, 3, "reset", WPV)
	reset.Reset = true
	nothing := distBox(0, 6, "lost")
	nothing.HasDistance = false
	f := oneTrack(line,
		distBox(1, 1, "DSS", DSS),
		distBox(2, 2, "WPM", WPM),
		reset,
		distBox(1.5, 4, "after reset", WPV), // 3 + 1.5 km
		distBox(5, 5, "ASS", ASS),           // 3 + 5 km
		nothing,
	)
	s := NewStage(f, StageOptions{})
	want := []struct {
		name  string
		along float64
	}{{"DSS", 1000}, {"WPM", 2000}, {"reset", 3000}, {"after reset", 4500}, {"ASS", 8000}, {"lost", 8000}}
	for i, w := range want {
		got := s.Waypoints[i]
		if got.Name != w.name || got.Along != w.along || got.OnRoute {
			t.Errorf("Waypoints[%d] = %q at %v m, on route %v; want %q at %v m, not on route", i, got.Name, got.Along, got.OnRoute, w.name, w.along)
		}
	}
	if len(s.Problems) != 1 || !strings.Contains(s.Problems[0].Message, `"lost" (line 6): no position and no roadbook distance`) {
		t.Errorf("Problems = %v; want one about \"lost\"", s.Problems)
	}
	// Sections from the boxes' distances: the straight route is about
	// 10.2 km.
	if len(s.Sections) != 3 || s.Sections[1].Kind != Special || s.Sections[1].From != 1000 || s.Sections[1].To != 8000 || s.Sections[2].To != odo[100] {
		t.Errorf("Sections = %v; want liaison to 1000 m, special to 8000 m, liaison to %.1f m", s.Sections, odo[100])
	}
}

func TestNewStageEmpty(t *testing.T) {
	for _, f := range []*File{nil, {}, {Tracks: []Track{{Segments: []Segment{{}}}}}} {
		s := NewStage(f, StageOptions{})
		if s.Length() != 0 || len(s.Sections) != 0 || len(s.Waypoints) != 0 || len(s.Problems) != 0 || s.HasSpecial() {
			t.Errorf("NewStage(%v) = length %v, %d sections, %d waypoints, %d problems; want an empty stage", f, s.Length(), len(s.Sections), len(s.Waypoints), len(s.Problems))
		}
		if got := s.SectionAt(0); got != (Section{}) {
			t.Errorf("empty stage: SectionAt(0) = %v; want the zero Section", got)
		}
	}
	// Waypoints but no route: the unplaced waypoints are reported once,
	// with the missing route, not one by one.
	s := NewStage(&File{Waypoints: []Waypoint{
		ctlWpt(orb.Point{38, 24}, 3, "DSS", DSS),
		ctlWpt(orb.Point{38.1, 24}, 9, "WPV 1", WPV),
	}}, StageOptions{})
	want := "no track or route points: 2 waypoints cannot be placed (put at km 0) and the sections cannot be measured"
	if len(s.Waypoints) != 2 || s.Waypoints[0].OnRoute || len(s.Problems) != 2 || s.Problems[1].Message != want {
		t.Errorf("no route: Waypoints %v, Problems %q; want two waypoints off the route, the DSS's problem and %q", s.Waypoints, s.Problems, want)
	}
	// A route of one point has no length either.
	s = NewStage(&File{
		Tracks:    []Track{{Segments: []Segment{{Points: orb.LineString{{38, 24}}}}}},
		Waypoints: []Waypoint{ctlWpt(orb.Point{38.1, 24}, 9, "WPV 1", WPV)},
	}, StageOptions{})
	want = "the route is a single point: the sections cannot be measured"
	if n := len(s.Problems); n == 0 || s.Problems[n-1].Message != want {
		t.Errorf("one-point route: Problems %q; want the last to be %q", s.Problems, want)
	}
}

func TestNewStageRouteAndName(t *testing.T) {
	a := walkLine(orb.LineString{{38, 24}}, 10, 1, 0)
	b := walkLine(orb.LineString{{38.05, 24}}, 10, 1, 0)
	nan := math.NaN()
	cases := []struct {
		name     string
		f        *File
		opt      string
		wantName string
		wantLen  int
		wantEle  []float64
	}{
		{"option", &File{Metadata: Metadata{Name: "meta"}, Tracks: []Track{{Name: "trk", Segments: []Segment{{Points: a}}}}}, "opt", "opt", 11, nil},
		{"metadata", &File{Metadata: Metadata{Name: "meta"}, Tracks: []Track{{Name: "trk", Segments: []Segment{{Points: a}}}}}, "", "meta", 11, nil},
		{"track", &File{Tracks: []Track{{Name: "trk", Segments: []Segment{{Points: a}}}}, Routes: []Itinerary{{Name: "rte", Points: Segment{Points: b}}}}, "", "trk", 11, nil},
		{"route points without a track", &File{Routes: []Itinerary{{Name: "rte", Points: Segment{Points: b}}}}, "", "rte", 11, nil},
		{"segments and tracks joined", &File{Tracks: []Track{
			{Segments: []Segment{{Points: a[:3], Ele: []float64{1, 2, 3}}, {Points: a[3:5]}}},
			{Segments: []Segment{{Points: b[:2], Ele: []float64{nan, 7}}}},
		}}, "", "", 7, []float64{1, 2, 3, nan, nan, nan, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewStage(c.f, StageOptions{Name: c.opt})
			if s.Name != c.wantName {
				t.Errorf("Name = %q; want %q", s.Name, c.wantName)
			}
			if len(s.Path.Line) != c.wantLen {
				t.Errorf("route has %d points; want %d", len(s.Path.Line), c.wantLen)
			}
			if len(s.Ele) != len(c.wantEle) {
				t.Fatalf("Ele = %v; want %v", s.Ele, c.wantEle)
			}
			for i := range s.Ele {
				if s.Ele[i] != c.wantEle[i] && !(math.IsNaN(s.Ele[i]) && math.IsNaN(c.wantEle[i])) {
					t.Errorf("Ele = %v; want %v", s.Ele, c.wantEle)
					break
				}
			}
			if want := geo.Length(s.Path.Line); s.Length() != want {
				t.Errorf("Length() = %v; want %v", s.Length(), want)
			}
		})
	}
}

func TestTotalsAndSectionAt(t *testing.T) {
	line := straightLine()
	odo := geo.NewPath(line).Odo
	s := NewStage(oneTrack(line,
		ctlWpt(line[10], 1, "DSS", DSS), ctlWpt(line[40], 2, "DN", DN),
		ctlWpt(line[50], 3, "FN", FN), ctlWpt(line[90], 4, "ASS", ASS),
	), StageOptions{})
	l, sp, n := s.Totals()
	if !closeTo(l, odo[10]+odo[100]-odo[90], 1e-6) || !closeTo(sp, odo[40]-odo[10]+odo[90]-odo[50], 1e-6) || !closeTo(n, odo[50]-odo[40], 1e-6) {
		t.Errorf("Totals() = %v, %v, %v", l, sp, n)
	}
	if !closeTo(l+sp+n, s.Length(), 1e-6) {
		t.Errorf("Totals() sum to %v; want the length %v", l+sp+n, s.Length())
	}
	cases := []struct {
		along  float64
		kind   SectionKind
		sector int
	}{
		{-5, Liaison, 0}, {0, Liaison, 0}, {odo[10], Special, 1}, {odo[45], Neutralisation, 0},
		{odo[50], Special, 2}, {odo[95], Liaison, 0}, {odo[100], Liaison, 0}, {1e9, Liaison, 0},
	}
	for _, c := range cases {
		got := s.SectionAt(c.along)
		if got.Kind != c.kind || got.Sector != c.sector {
			t.Errorf("SectionAt(%.1f) = %v %d; want %v %d", c.along, got.Kind, got.Sector, c.kind, c.sector)
		}
	}
}

// TestNewStageLarge places 2000 waypoints on a 200k-point route that never
// crosses itself, where the chosen pass must be the plain projection, and
// logs the time it took (a scan of the route per waypoint would take
// seconds; the index makes it milliseconds).
func TestNewStageLarge(t *testing.T) {
	line := make(orb.LineString, 200_001)
	for i := range line {
		line[i] = orb.Point{38 + float64(i)*1e-4, 24 + 0.1*math.Sin(float64(i)/5000)}
	}
	p := geo.NewPath(line)
	var ws []Waypoint
	for i := 0; i < 2000; i++ {
		ws = append(ws, ctlWpt(line[i*100], i+1, "", WPV))
	}
	start := time.Now()
	s := NewStage(oneTrack(line, ws...), StageOptions{})
	for i, w := range s.Waypoints {
		if want := p.Project(w.Point).Along; !closeTo(w.Along, want, 1e-6) {
			t.Fatalf("Waypoints[%d].Along = %v; want %v", i, w.Along, want)
		}
		if i >= 20 {
			break
		}
	}
	t.Logf("NewStage: 200k points, 2000 waypoints in %v", time.Since(start))
}

func TestNewStageParallelReturn(t *testing.T) {
	// Out east along 24° N, back west 200 m further north: the way back
	// passes within reach of every waypoint of the way out, and the other
	// way round.
	line := walkLine(orb.LineString{{38, 24}}, 50, 1, 0)
	line = append(line, orb.Point{line[50][0], 24 + 200.0/110_760})
	line = walkLine(line, 50, -1, 0)
	odo := geo.NewPath(line).Odo
	f := oneTrack(line,
		ctlWpt(line[5], 1, "out 5", WPV),
		ctlWpt(line[71], 2, "back 30", WPV), // beside "out 20"
		ctlWpt(line[90], 3, "back 11", WPV),
	)
	f.Waypoints = append([]Waypoint{ctlWpt(line[20], 0, "out 20", WPV)}, f.Waypoints...)
	// File order: out 20, out 5 (behind it: placed by nearness), back 30,
	// back 11.
	s := NewStage(f, StageOptions{})
	want := map[string]float64{"out 5": odo[5], "out 20": odo[20], "back 30": odo[71], "back 11": odo[90]}
	for _, w := range s.Waypoints {
		if !closeTo(w.Along, want[w.Name], 1) || !closeTo(w.Offset, 0, 0.5) {
			t.Errorf("%s placed at %.1f m, offset %.1f m; want %.1f m, offset 0", w.Name, w.Along, w.Offset, want[w.Name])
		}
	}
}

// FuzzNewStage builds stages from arbitrary routes and waypoints: NewStage
// must not panic, and its sections must cover the route contiguously with
// the totals adding up to its length, whatever the controls' order.
func FuzzNewStage(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5}, []byte{1, 10, 2, 20, 12, 30, 13, 40}, uint8(3))
	f.Add([]byte{}, []byte{1, 0}, uint8(0))
	f.Add([]byte{9, 9, 9, 9}, []byte{2, 5, 12, 200, 13, 0, 1, 255}, uint8(7))
	f.Fuzz(func(t *testing.T, route []byte, wpts []byte, distanceOnly uint8) {
		// Each route byte turns the next leg: a random walk of ~100 m legs.
		line := orb.LineString{}
		p := orb.Point{45, 24}
		for i, b := range route {
			if i > 2000 {
				break
			}
			line = append(line, p)
			a := float64(b) / 256 * 2 * math.Pi
			p = orb.Point{p[0] + 0.001*math.Cos(a), p[1] + 0.001*math.Sin(a)}
		}
		var ws []Waypoint
		for i := 0; i+1 < len(wpts) && i < 400; i += 2 {
			k := Kind(wpts[i]%uint8(NumKinds-1) + 1)
			var w Waypoint
			if len(line) > 0 && (distanceOnly == 0 || i%(int(distanceOnly)+1) != 0) {
				v := line[int(wpts[i+1])%len(line)]
				w = ctlWpt(orb.Point{v[0] + float64(wpts[i+1]%7)*1e-4, v[1]}, i, "", k)
			} else {
				w = distBox(float64(wpts[i+1])/10, i, "", k)
				w.Reset = wpts[i+1]%5 == 0
			}
			ws = append(ws, w)
		}
		s := NewStage(oneTrack(line, ws...), StageOptions{})
		end := 0.0
		for i, sec := range s.Sections {
			if sec.From != end || sec.To <= sec.From {
				t.Fatalf("Sections[%d] = %+v after %v", i, sec, end)
			}
			end = sec.To
		}
		if len(s.Sections) > 0 && end != s.Length() {
			t.Fatalf("sections end at %v; want %v", end, s.Length())
		}
		if l, sp, n := s.Totals(); math.Abs(l+sp+n-s.Length()) > 1e-6*s.Length()+1e-9 {
			t.Fatalf("Totals() = %v+%v+%v; want %v", l, sp, n, s.Length())
		}
		if len(s.Waypoints) != len(ws) {
			t.Fatalf("%d waypoints placed; want %d", len(s.Waypoints), len(ws))
		}
		// Waypoints come in route order; without a route, in file order,
		// and each box whose distance goes back is reported.
		reported := map[int]bool{}
		for _, pr := range s.Problems {
			if pr.Kind == ProblemDistance {
				reported[pr.Waypoint] = true
			}
		}
		for i := 1; i < len(s.Waypoints); i++ {
			if s.Waypoints[i].Along < s.Waypoints[i-1].Along && (len(line) > 0 || !reported[i]) {
				t.Fatalf("waypoints out of route order at %d (%v after %v), not reported", i, s.Waypoints[i].Along, s.Waypoints[i-1].Along)
			}
		}
		for _, pr := range s.Problems {
			if pr.Waypoint < -1 || pr.Waypoint >= len(s.Waypoints) {
				t.Fatalf("problem %q names waypoint %d of %d", pr.Message, pr.Waypoint, len(s.Waypoints))
			}
		}
	})
}

func TestNewStagePassWithinRadius(t *testing.T) {
	// The route passes 30 m south of a WPC (20 m radius), turns north, and
	// comes back west through it: the WPC is met on the second pass.
	const north = 30.0 / 110_760
	line := walkLine(orb.LineString{{38, 24}}, 20, 1, 0)
	line = walkLine(line, 2, 0, 1)
	line = append(line, orb.Point{line[len(line)-1][0], 24 + north})
	line = walkLine(line, 20, -1, 0)
	last := len(line) - 1
	wpc := ctlWpt(orb.Point{38.010, 24 + north}, 2, "WPC", WPC)
	wpc.Controls[0].Radii.Clear = 20
	for _, c := range []struct {
		name string
		w    Waypoint
		want float64
	}{
		{"WPC 20 m radius", wpc, geo.NewPath(line).Project(wpc.Point).Along},
		// Without a radius (a plain waypoint), 30 m is near enough: the
		// first pass wins.
		{"plain waypoint", ctlWpt(wpc.Point, 2, "note"), geo.NewPath(line).Odo[10]},
	} {
		s := NewStage(oneTrack(line, ctlWpt(line[0], 1, "start", DSS), c.w, ctlWpt(line[last], 3, "end", ASS)), StageOptions{})
		got := s.Waypoints[1]
		if !closeTo(got.Along, c.want, 1) {
			t.Errorf("%s placed at %.1f m, offset %.1f; want %.1f m", c.name, got.Along, got.Offset, c.want)
		}
	}
}

// BenchmarkNewStage1M builds a stage of a 1M-point route (about 1,000 km of
// points every metre or so) with 4,000 waypoints and a DSS/ASS pair.
func BenchmarkNewStage1M(b *testing.B) {
	line := make(orb.LineString, 1_000_000)
	for i := range line {
		x := float64(i)
		line[i] = orb.Point{38 + x*1e-5, 24 + 0.05*math.Sin(x/20000)}
	}
	ws := []Waypoint{ctlWpt(line[1000], 1, "DSS", DSS)}
	for i := 1; i < 4000; i++ {
		ws = append(ws, ctlWpt(orb.Point{line[i*249][0], line[i*249][1] + 1e-4}, i+1, "", WPM))
	}
	ws = append(ws, ctlWpt(line[999_000], 4002, "ASS", ASS))
	f := oneTrack(line, ws...)
	for b.Loop() {
		NewStage(f, StageOptions{})
	}
}

// TestProblemKinds checks that each problem says what it is about: the
// unpaired DSS a pairing problem, the WPV 5.5 km off the route one too far
// to be placed (and left out of the stage's waypoints).
func TestProblemKinds(t *testing.T) {
	line := straightLine()
	far := orb.Point{line[60][0], line[60][1] + 0.05} // about 5.5 km north
	f := &File{
		Tracks: []Track{{Segments: []Segment{{Points: line}}}},
		Waypoints: []Waypoint{
			ctlWpt(line[10], 3, "DSS", DSS),
			ctlWpt(line[30], 4, "DN", DN),
			ctlWpt(far, 5, "WPV 1", WPV),
			ctlWpt(line[80], 6, "FN 2", FN),
		},
	}
	s := NewStage(f, StageOptions{})
	kinds := map[ProblemKind]int{}
	for _, p := range s.Problems {
		kinds[p.Kind]++
	}
	if len(s.Problems) != 2 || kinds[ProblemPairing] != 1 || kinds[ProblemFar] != 1 {
		t.Errorf("stage problems %q; want the DSS's (pairing) and the far WPV's (far)", s.Problems)
	}
	if len(s.Waypoints) != 3 || len(s.Unplaced) != 1 || s.Unplaced[0].Name != "WPV 1" || s.Unplaced[0].OnRoute {
		t.Errorf("placed %d, unplaced %+v; want 3 placed and the WPV unplaced", len(s.Waypoints), s.Unplaced)
	}
	// With a wider limit the WPV is placed, beyond its radius.
	s = NewStage(f, StageOptions{MaxOffset: 10000})
	kinds = map[ProblemKind]int{}
	for _, p := range s.Problems {
		kinds[p.Kind]++
	}
	if len(s.Unplaced) != 0 || kinds[ProblemRadius] != 1 || kinds[ProblemFar] != 0 {
		t.Errorf("MaxOffset 10 km: unplaced %d, problems %q; want none unplaced, the WPV beyond its radius", len(s.Unplaced), s.Problems)
	}
}

// TestNewStageOnePointTrack checks that a track of a single point gives
// way to the file's route, and that a longer track wins over a route.
func TestNewStageOnePointTrack(t *testing.T) {
	line := straightLine()
	rte := []Itinerary{{Points: Segment{Points: line}}}
	cases := []struct {
		name  string
		track orb.LineString
		want  int // points of the stage's route
	}{
		{"no track", nil, len(line)},
		{"one-point track", orb.LineString{{40, 20}}, len(line)},
		{"two-point track", orb.LineString{{40, 20}, {40.01, 20}}, 2},
	}
	for _, c := range cases {
		f := &File{Routes: rte}
		if c.track != nil {
			f.Tracks = []Track{{Segments: []Segment{{Points: c.track}}}}
		}
		if got := len(NewStage(f, StageOptions{}).Path.Line); got != c.want {
			t.Errorf("%s: NewStage route has %d points; want %d", c.name, got, c.want)
		}
	}
}

// BenchmarkNewStageWaypoints builds stages of 20,000 waypoints that are
// not placed by a route search: with a position but no route (every one
// put at km 0 and reported once), and a roadbook without a track whose
// boxes have positions but only the first and last a distance (every
// other one measured along the straight lines between them).
func BenchmarkNewStageWaypoints(b *testing.B) {
	const n = 20_000
	pt := func(i int) orb.Point {
		x := float64(i)
		return orb.Point{38 + x*1e-4, 24 + 0.01*math.Sin(x/50)}
	}
	noRoute := &File{}
	boxes := &File{}
	for i := range n {
		noRoute.Waypoints = append(noRoute.Waypoints, ctlWpt(pt(i), i+1, "", WPV))
		w := ctlWpt(pt(i), i+1, "", WPV)
		if i == 0 || i == n-1 {
			w.Distance, w.HasDistance = float64(i)*0.011, true
		}
		boxes.Waypoints = append(boxes.Waypoints, w)
	}
	for _, c := range []struct {
		name string
		f    *File
	}{{"no route", noRoute}, {"boxes without distances", boxes}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				NewStage(c.f, StageOptions{})
			}
		})
	}
}

// TestBoxLineMissingDistances builds a roadbook without a track whose
// boxes lie every 1 km or so along a parallel, some without a distance:
// those between two boxes with one are spread along the straight lines
// between them, those after the last one measured on from it, those before
// the first measured back from it (not before km 0), each reported.
func TestBoxLineMissingDistances(t *testing.T) {
	const step = 0.01 // degrees of longitude, about 1 km at 24° N
	pt := func(i int) orb.Point { return orb.Point{38 + float64(i)*step, 24} }
	dist := map[int]float64{2: 1.5, 4: 5.5} // km the file gives, by box
	f := &File{}
	for i := range 7 {
		w := ctlWpt(pt(i), i+1, fmt.Sprint("box ", i+1))
		if km, ok := dist[i]; ok {
			w.Distance, w.HasDistance = km, true
		}
		f.Waypoints = append(f.Waypoints, w)
	}
	s := NewStage(f, StageOptions{})
	if s.Source != BoxSource {
		t.Fatalf("Source = %v; want boxes", s.Source)
	}
	leg := geo.Distance(pt(0), pt(1))
	want := []float64{
		0,            // 1.5 km less two legs: before 0, so at 0
		750,          // half way from box 1 (put at 0) to box 3
		1500,         // the file's
		1500 + 2000,  // half way to box 5 along equal legs
		5500,         // the file's
		5500 + leg,   // one leg on
		5500 + 2*leg, // two legs on
	}
	measured := 0
	for _, p := range s.Problems {
		if p.Kind == ProblemDistance && strings.Contains(p.Message, "has a position but no distance") {
			measured++
		}
	}
	if measured != 5 {
		t.Errorf("%d boxes reported without a distance; want 5: %q", measured, s.Problems)
	}
	for i, w := range s.Waypoints {
		if math.Abs(w.Along-want[i]) > 1e-6 {
			t.Errorf("box %d at %.3f m; want %.3f m", i+1, w.Along, want[i])
		}
	}
}

// TestBoxLineTotal: a roadbook without a track runs on to the file's total
// distance only when that says more than its last box: a total within the
// printed 10 m of the last box's figure (Tulip writes 35.95 for a last box
// at 35.949) is that figure, not a 1 m section after the ASS. The same for
// a roadbook of distances only.
func TestBoxLineTotal(t *testing.T) {
	for _, withPoints := range []bool{true, false} {
		for _, tc := range []struct {
			total, want float64 // km
			sections    int
		}{
			{35.95, 35.949, 2}, // liaison to the DSS, special to the ASS
			{35.954, 35.949, 2},
			{35.96, 35.96, 3}, // and a liaison of 11 m after it
			{36.5, 36.5, 3},
		} {
			f := &File{HasTotal: true, TotalKm: tc.total}
			for i, km := range []float64{0.1, 20, 35.949} {
				var w Waypoint
				if withPoints {
					w = ctlWpt(orb.Point{38 + km/100, 24}, i+1, "", []Kind{DSS, WPV, ASS}[i])
				} else {
					w = distBox(km, i+1, "", []Kind{DSS, WPV, ASS}[i])
				}
				w.Distance, w.HasDistance = km, true
				f.Waypoints = append(f.Waypoints, w)
			}
			s := NewStage(f, StageOptions{})
			if math.Abs(s.Length()-tc.want*1000) > 1e-6 || len(s.Sections) != tc.sections {
				t.Errorf("positions %v, total %v km: length %.3f km, %d sections; want %.3f km, %d", withPoints, tc.total, s.Length()/1000, len(s.Sections), tc.want, tc.sections)
			}
		}
	}
}

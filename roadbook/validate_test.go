package roadbook

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// wp is a waypoint of a crafted stage: where (metres along) and what.
type wp struct {
	along float64
	kinds []route.Kind
	speed float64
}

func crafted(p *geo.Path, wps ...wp) *route.Stage {
	var placed []route.Placed
	for _, w := range wps {
		pl := place(p, w.along, w.kinds...)
		pl.Speed = w.speed
		placed = append(placed, pl)
	}
	return stage(p, placed...)
}

// found lists problems as "severity check" strings, sorted.
func found(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Severity.String()+" "+p.Rule)
	}
	sort.Strings(out)
	return out
}

func TestValidate(t *testing.T) {
	straight := makeRoute(yanbu, 0, 20, leg{0, 0, 10000}).path
	straight10 := makeRoute(yanbu, 0, 10, leg{0, 0, 3000}).path
	dss := wp{1000, []route.Kind{route.DSS}, 0}
	ass := wp{9000, []route.Kind{route.ASS}, 0}
	wpv := wp{2000, []route.Kind{route.WPV}, 0}
	dz := wp{3000, []route.Kind{route.DZ}, 50}
	fz := wp{4000, []route.Kind{route.FZ}, 0}
	dn := wp{5000, []route.Kind{route.DN}, 0}
	fn := wp{6000, []route.Kind{route.FN}, 0}
	at := func(w wp, along float64) wp { w.along = along; return w }
	with := func(w wp, speed float64) wp { w.speed = speed; return w }

	// An out-and-back: north 2300 m, a U-turn on the same road, back 1500 m.
	back := makeRoute(yanbu, 0, 20, leg{0, 0, 2300}, leg{180, 0, 1500}).path
	// The same drawn with two segments: they share the U-turn's vertex,
	// outside the radius.
	backSparse := makeRoute(yanbu, 0, 5000, leg{0, 0, 2300}, leg{180, 0, 1500}).path
	// A loop: north 4000 m, 150 m east, south 3000 m, as a sparse route.
	loop := makeRoute(yanbu, 0, 5000, leg{0, 0, 4000}, leg{90, 0, 150}, leg{90, 0, 3000}).path
	// A loop stage: a square of 1.5 km sides that ends where it starts.
	square := makeRoute(yanbu, 0, 20, leg{0, 0, 1500}, leg{90, 0, 1500}, leg{90, 0, 1500}, leg{90, 0, 1500}).path
	sqDZ := wp{0, []route.Kind{route.DZ}, 50}
	sqFZ := wp{300, []route.Kind{route.FZ}, 0}

	tests := []struct {
		name string
		s    *route.Stage
		want []string
	}{
		{"a good stage", crafted(straight, dss, wpv, dz, fz, dn, fn, ass), nil},
		// The 200 m radii end exactly on vertices (a point every 20 m): one
		// pass each, no re-entry.
		{"radius edges on vertices", crafted(straight10, at(dss, 300), at(wpv, 1300), at(ass, 2300)), nil},
		{"no ASS", crafted(straight, dss, wpv, dz, fz), []string{"error dss-ass"}},
		{"two DSS", crafted(straight, dss, wpv, at(dss, 2500), ass), []string{"error dss-ass"}},
		{"ASS without DSS", crafted(straight, wpv, ass), []string{"error dss-ass"}},
		{"no special at all", crafted(straight, wpv), []string{"warning no-special"}},
		{"DZ without speed", crafted(straight, dss, wpv, with(dz, 0), fz, ass), []string{"error speed-zone"}},
		{"DZ without FZ", crafted(straight, dss, wpv, dz, ass), []string{"error speed-zone"}},
		{"DZ inside a zone", crafted(straight, dss, wpv, dz, at(dz, 3500), fz, ass), []string{"error speed-zone"}},
		{"FZ without DZ", crafted(straight, dss, wpv, fz, ass), []string{"error speed-zone"}},
		{"FZ with a speed", crafted(straight, dss, wpv, dz, with(fz, 50), ass), []string{"warning speed-zone"}},
		{"FZ and DZ on one waypoint", crafted(straight, dss, wpv, dz, wp{3500, []route.Kind{route.FZ, route.DZ}, 80}, fz, ass), nil},
		{"DN without FN", crafted(straight, dss, wpv, dn, ass), []string{"error neutralisation"}},
		{"FN without DN", crafted(straight, dss, wpv, fn, ass), []string{"error neutralisation"}},
		{"DN and FN after the ASS", crafted(straight, dss, wpv, ass, at(dn, 9400), at(fn, 9800)), []string{"error neutralisation"}}, // the DN; its FN goes with it
		// The route comes back to the start's radius where the finish
		// stands: expected, not a re-entry.
		{"loop stage finishing at its start", crafted(square, sqDZ, sqFZ, at(dss, 700), at(ass, 5300),
			at(sqDZ, 5500), at(sqFZ, square.Length())), nil},
		{"loop stage finishing short of its start", crafted(square, sqDZ, sqFZ, at(dss, 700), at(ass, 5100),
			at(sqDZ, 5400), at(sqFZ, 5700)), []string{"warning radius-reentry"}},
		{"overlapping waypoints", crafted(straight, dss, wpv, wp{2300, []route.Kind{route.WPM}, 0}, ass),
			[]string{"error radius-overlap"}},
		{"overlapping speed zone ends", crafted(straight, dss, wpv, dz, at(fz, 3150), ass),
			[]string{"warning radius-overlap"}},
		{"first waypoint too close to the DSS", crafted(straight, dss, wp{1120, []route.Kind{route.WPP}, 0}, ass),
			[]string{"error first-waypoint", "warning radius-overlap"}},
		{"first waypoint far enough", crafted(straight, dss, wp{1450, []route.Kind{route.WPV}, 0}, ass), nil},
		{"first waypoint too close to the route start", crafted(straight, wp{250, []route.Kind{route.WPV}, 0}, dss, ass),
			[]string{"error first-waypoint"}},
		{"out-and-back passes the waypoint again", crafted(back, at(dss, 300), wp{2000, []route.Kind{route.WPV}, 0}, at(ass, 3600)),
			[]string{"warning radius-reentry"}},
		{"out-and-back of two segments", crafted(backSparse, at(dss, 300), wp{2000, []route.Kind{route.WPV}, 0}, at(ass, 3600)),
			[]string{"warning radius-reentry"}},
		{"loop passes the waypoint before it is reached",
			crafted(loop, at(dss, 300), wp{4150 + 2000, []route.Kind{route.WPV}, 0}, at(ass, 7100)),
			[]string{"error radius-reentry"}},
		{"loop passes it before it opens", crafted(loop, at(dss, 300), wp{3000, []route.Kind{route.WPV}, 0},
			wp{4150 + 2500, []route.Kind{route.WPV}, 0}, at(ass, 7100)),
			[]string{"warning radius-reentry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Validate(tt.s, nil)
			if g := found(got); fmt.Sprint(g) != fmt.Sprint(tt.want) {
				t.Errorf("Validate = %v; want %v\n%s", g, tt.want, problems(got))
			}
			for i, p := range got {
				if p.Waypoint >= 0 && p.Box == 0 {
					t.Errorf("problem %q has waypoint %d but no box", p.Message, p.Waypoint)
				}
				if i > 0 && p.Km < got[i-1].Km {
					t.Errorf("problems not ordered by km: %v after %v", p.Km, got[i-1].Km)
				}
			}
		})
	}
}

// TestValidateOnce checks that a problem NewStage finds is reported once,
// as the error or warning it is, with the waypoint's line: the DSS without
// an ASS an error of the dss-ass check, the WPV 2 km off the route (beyond
// its radius) a route warning.
func TestValidateOnce(t *testing.T) {
	line := makeRoute(yanbu, 0, 20, leg{0, 0, 10000}).path.Line
	dss := route.Waypoint{Point: line[50], HasPoint: true, Name: "DSS", Line: 7, Controls: []route.Control{{Kind: route.DSS}}}
	far := route.Waypoint{Point: orb.Point{line[200][0] + 0.02, line[200][1]}, HasPoint: true, Name: "WPV 1", Line: 9,
		Controls: []route.Control{{Kind: route.WPV}}}
	s := route.NewStage(&route.File{Tracks: []route.Track{{Segments: []route.Segment{{Points: line}}}}, Waypoints: []route.Waypoint{dss, far}}, route.StageOptions{})
	if len(s.Problems) != 2 {
		t.Fatalf("NewStage problems %q; want the DSS without an ASS and the far WPV", s.Problems)
	}
	got := Validate(s, nil)
	if g := found(got); fmt.Sprint(g) != "[error dss-ass warning route]" {
		t.Fatalf("Validate = %v; want [error dss-ass warning route]\n%s", g, problems(got))
	}
	for _, p := range got {
		switch p.Rule {
		case RulePairing:
			want := "DSS (line 7) at km 1.000 has no ASS: the special runs to the end of the route"
			if p.Line != 7 || p.Message != want {
				t.Errorf("dss-ass problem = line %d %q; want line 7 %q", p.Line, p.Message, want)
			}
		case RuleRoute:
			if p.Line != 9 || !strings.Contains(p.Message, "beyond its 200 m validation radius") {
				t.Errorf("route problem = line %d %q; want line 9, the far WPV", p.Line, p.Message)
			}
		}
	}
}

// TestValidateFarAndGap checks the errors and warnings of a file whose
// route is two tracks 3 km apart and one of whose waypoints is 600 km away:
// the gap is a warning naming where and how long, the waypoint an error,
// and it is not a box of the roadbook.
func TestValidateFarAndGap(t *testing.T) {
	a := makeRoute(yanbu, 0, 20, leg{0, 0, 4000}).path.Line
	b := makeRoute(geo.Destination(a[len(a)-1], 90, 3000), 0, 20, leg{0, 0, 4000}).path.Line
	wpv := route.Waypoint{Point: a[100], HasPoint: true, Name: "WPV 1", Line: 5, Controls: []route.Control{{Kind: route.WPV}}}
	away := route.Waypoint{Point: geo.Destination(a[0], 45, 600e3), HasPoint: true, Name: "WPV 2", Line: 6, Controls: []route.Control{{Kind: route.WPV}}}
	f := &route.File{Tracks: []route.Track{{Name: "morning", Segments: []route.Segment{{Points: a}}}, {Name: "afternoon", Segments: []route.Segment{{Points: b}}}},
		Waypoints: []route.Waypoint{wpv, away}}
	s := route.NewStage(f, route.StageOptions{})
	got := Validate(s, nil)
	want := "[error far-waypoint warning gap warning no-special]"
	if g := found(got); fmt.Sprint(g) != want {
		t.Fatalf("Validate = %v; want %v\n%s", g, want, problems(got))
	}
	for _, p := range got {
		switch p.Rule {
		case RuleGap:
			for _, w := range []string{"gap at km 4.000", "3.0 km", `track 1 "morning"`, `track 2 "afternoon"`} {
				if !strings.Contains(p.Message, w) {
					t.Errorf("gap problem %q; want it to say %q", p.Message, w)
				}
			}
		case RuleFar:
			if p.Line != 6 || !strings.Contains(p.Message, "592.2 km from the route: not placed") {
				t.Errorf("far problem = line %d %q; want line 6, 592.2 km (600 km from the start)", p.Line, p.Message)
			}
		}
	}
	for _, bx := range Build(s, Options{NoTulips: true}).Boxes {
		if bx.Waypoint >= 0 && s.Waypoints[bx.Waypoint].Name == "WPV 2" {
			t.Errorf("box %d is the far waypoint", bx.Number)
		}
	}
}

// TestValidateEmpty checks that a file with nothing in it is an error, not
// a clean roadbook.
func TestValidateEmpty(t *testing.T) {
	got := Validate(route.NewStage(&route.File{}, route.StageOptions{}), nil)
	if g := found(got); fmt.Sprint(g) != "[error empty]" {
		t.Errorf("Validate(empty) = %v; want [error empty]", g)
	}
}

func TestValidateBoxAndKm(t *testing.T) {
	straight := makeRoute(yanbu, 0, 20, leg{0, 0, 10000}).path
	s := crafted(straight, wp{1000, []route.Kind{route.DSS}, 0}, wp{3000, []route.Kind{route.DZ}, 0}, wp{4000, []route.Kind{route.FZ}, 0}, wp{9000, []route.Kind{route.ASS}, 0})
	got := Validate(s, nil)
	if len(got) != 1 {
		t.Fatalf("Validate = %s; want one problem", problems(got))
	}
	// Boxes: start, DSS, DZ, …: the DZ is box 3, at km 3.
	if p := got[0]; p.Box != 3 || p.Km != 3 || p.Waypoint != 1 || p.Severity != Error {
		t.Errorf("Validate = %+v; want an error on box 3 at km 3.00, waypoint 1", p)
	}
	// Rules change the radii: 600 m radii on a DZ and FZ 1000 m apart overlap.
	rules := &route.Rules{Radii: map[route.Kind]route.Radii{route.DZ: {Clear: 600}, route.FZ: {Clear: 600}}}
	s.Waypoints[1].Speed = 50
	if g := found(Validate(s, rules)); fmt.Sprint(g) != "[warning radius-overlap]" {
		t.Errorf("Validate(600 m radii) = %v; want [warning radius-overlap]", g)
	}
	if Validate(nil, nil) != nil {
		t.Errorf("Validate(nil) != nil")
	}
}

func problems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\t%s [%s]\n", p, p.Rule)
	}
	return b.String()
}

package roadbook

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

func TestBuildTurns(t *testing.T) {
	type want struct {
		leg   int     // index of the leg whose turn makes the box
		sign  float64 // +1 right, -1 left
		min   float64 // smallest |Turn|
		cap   bool    // check the CAP against the heading after the turn
		note  string
		drawn float64 // the tulip's exit angle, NaN not to check
	}
	tests := []struct {
		name string
		legs []leg
		want []want
	}{
		{"straight road", []leg{{0, 0, 3000}}, nil},
		{"right angle right", []leg{{0, 0, 1000}, {90, 0, 1000}},
			[]want{{1, +1, 88, true, "TR 90°", 90}}},
		{"right angle left", []leg{{0, 0, 1000}, {-90, 0, 1000}},
			[]want{{1, -1, 88, true, "TL 90°", -90}}},
		{"hairpin", []leg{{0, 0, 1000}, {165, 0, 1000}},
			[]want{{1, +1, 160, true, "HR 165°", math.NaN()}}},
		{"fork, two gentle turns of 30°", []leg{{0, 0, 1000}, {30, 0, 1000}, {-30, 0, 1000}}, nil},
		{"keep right 50°", []leg{{0, 0, 1000}, {50, 0, 1000}},
			[]want{{1, +1, 48, true, "KR", 50}}},
		{"curve of 90° spread over 30 m", []leg{{0, 0, 1000}, {90, 30, 1000}},
			[]want{{1, +1, 88, false, "TR 90°", 90}}},
		{"hairpin spread over 40 m", []leg{{0, 0, 1000}, {-170, 40, 1000}},
			[]want{{1, -1, 168, false, "HL 170°", -170}}},
		{"bend of 60° spread over 20 m", []leg{{0, 0, 1000}, {60, 20, 1000}},
			[]want{{1, +1, 58, false, "TR 60°", 60}}},
		{"S-bend", []leg{{0, 0, 1000}, {-90, 0, 200}, {90, 0, 1000}},
			[]want{{1, -1, 88, true, "TL 90°", math.NaN()}, {2, +1, 88, true, "TR 90°", math.NaN()}}},
		{"tight S-bend, 50 m apart: one box", []leg{{0, 0, 1000}, {-90, 0, 50}, {100, 0, 1000}},
			[]want{{2, +1, 80, false, "", math.NaN()}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, step := range []float64{5, 1000} { // dense track and sparse route
				if step > 5 && tt.legs[len(tt.legs)-1].arc > 0 {
					continue
				}
				sy := makeRoute(yanbu, 20, step, tt.legs...)
				rb := Build(stage(sy.path), Options{})
				var turns []Box
				for _, b := range rb.Boxes {
					if b.Waypoint < 0 && b.Along > mergeEnds && b.Along < sy.path.Length()-mergeEnds {
						turns = append(turns, b)
					}
				}
				if len(turns) != len(tt.want) {
					t.Fatalf("step %v: Build gave %d turn boxes %+v; want %d", step, len(turns), turns, len(tt.want))
				}
				for i, w := range tt.want {
					b := turns[i]
					if d := b.Along - sy.apex[w.leg]; math.Abs(d) > 10 {
						t.Errorf("step %v: box %d Along = %.1f m; want %.1f ± 10", step, b.Number, b.Along, sy.apex[w.leg])
					}
					if b.Turn*w.sign < w.min {
						t.Errorf("step %v: box %d Turn = %.1f°; want %+.0f at least %.0f", step, b.Number, b.Turn, w.sign, w.min)
					}
					if w.cap && bearingDiff(b.Cap, sy.heading[w.leg]) > 2 {
						t.Errorf("step %v: box %d Cap = %v; want %.1f ± 2", step, b.Number, b.Cap, sy.heading[w.leg])
					}
					if want := geo.Bearing(b.Point, sy.path.PointAt(b.Along+35)); bearingDiff(b.Cap, want) > 0.5 {
						t.Errorf("step %v: box %d Cap = %v; want the bearing to 35 m ahead, %.2f", step, b.Number, b.Cap, want)
					}
					if b.Cap != math.Trunc(b.Cap) || b.Cap < 0 || b.Cap >= 360 {
						t.Errorf("step %v: box %d Cap = %v; want whole degrees in [0, 360)", step, b.Number, b.Cap)
					}
					if w.note != "" && (b.Notes != w.note || !b.NoteGenerated) {
						t.Errorf("step %v: box %d Notes = %q (generated %v); want %q generated", step, b.Number, b.Notes, b.NoteGenerated, w.note)
					}
					if b.Tulip == nil {
						t.Fatalf("step %v: box %d has no tulip", step, b.Number)
					}
					if got, ok := b.Tulip.ExitAngle(); !math.IsNaN(w.drawn) && (!ok || math.Abs(got-w.drawn) > 2) {
						t.Errorf("step %v: box %d Tulip.ExitAngle() = %.1f, %v; want %.0f ± 2", step, b.Number, got, ok, w.drawn)
					}
				}
			}
		})
	}
}

func TestBuildControls(t *testing.T) {
	sy := makeRoute(yanbu, 90, 10, leg{0, 0, 3000})
	p := sy.path
	dz := place(p, 800, route.DZ)
	dz.Speed = 50
	note := place(p, 1100)
	note.Desc = "CX, TJS piste"
	note.Danger = 2
	stop := place(p, 1300, route.Stop)
	s := stage(p, place(p, 500, route.DSS), dz, note, stop, place(p, 1500, route.FZ, route.WPM), place(p, 2500, route.ASS))
	tests := []struct {
		name  string
		opts  Options
		total []float64 // Total of each box, metres
	}{
		{"reset at the DSS and the ASS", Options{}, []float64{0, 500, 300, 600, 800, 1000, 2000, 500}},
		{"no reset", Options{NoReset: true}, []float64{0, 500, 800, 1100, 1300, 1500, 2500, 3000}},
	}
	notes := []string{"Start", "DSS", "DZ 50 km/h", "CX, TJS piste", "STOP", "FZ", "ASS", "Finish"}
	closeBox := []bool{false, false, false, false, true, true, false, false}
	for _, tt := range tests {
		// The finish is at the route's length, which the geodesy measures.
		tt.total[len(tt.total)-1] = route.RoundOdo(tt.total[len(tt.total)-1] + p.Length() - 3000)
		t.Run(tt.name, func(t *testing.T) {
			rb := Build(s, tt.opts)
			if len(rb.Boxes) != len(tt.total) {
				t.Fatalf("Build gave %d boxes; want %d", len(rb.Boxes), len(tt.total))
			}
			prev := 0.0
			for i, b := range rb.Boxes {
				if b.Number != i+1 {
					t.Errorf("box %d Number = %d", i+1, b.Number)
				}
				if b.Total != tt.total[i] {
					t.Errorf("box %d Total = %.1f; want %.0f", i+1, b.Total, tt.total[i])
				}
				if want := route.RoundOdo(b.Along) - route.RoundOdo(prev); i > 0 && b.Partial != want {
					t.Errorf("box %d Partial = %.1f; want %.1f", i+1, b.Partial, want)
				}
				prev = b.Along
				if b.Notes != notes[i] {
					t.Errorf("box %d Notes = %q; want %q", i+1, b.Notes, notes[i])
				}
				if b.Close != closeBox[i] {
					t.Errorf("box %d Close = %v; want %v", i+1, b.Close, closeBox[i])
				}
				if bearingDiff(b.Cap, 90) > 1 {
					t.Errorf("box %d Cap = %v; want 90", i+1, b.Cap)
				}
			}
			if rb.Boxes[1].Reset == tt.opts.NoReset || rb.Boxes[6].Reset == tt.opts.NoReset {
				t.Errorf("DSS, ASS boxes Reset = %v, %v; want %v", rb.Boxes[1].Reset, rb.Boxes[6].Reset, !tt.opts.NoReset)
			}
			if !tt.opts.NoReset {
				for i, want := range []int{0, 1, 1, 1, 1, 1, 2, 2} {
					if rb.Boxes[i].Section != want {
						t.Errorf("box %d Section = %d; want %d", i+1, rb.Boxes[i].Section, want)
					}
				}
			}
			if rb.Boxes[2].Speed != 50 || rb.Boxes[3].Danger != 2 || rb.Boxes[3].NoteGenerated || !rb.Boxes[2].NoteGenerated {
				t.Errorf("boxes 3 and 4 = %+v, %+v; want speed 50, danger 2 from the file", rb.Boxes[2], rb.Boxes[3])
			}
			if len(rb.Boxes[5].Controls) != 2 || rb.Boxes[5].Waypoint != 4 {
				t.Errorf("FZ box Controls = %v, Waypoint %d; want FZ and WPM of waypoint 4", rb.Boxes[5].Controls, rb.Boxes[5].Waypoint)
			}
		})
	}
}

func TestBuildMergesTurnIntoWaypoint(t *testing.T) {
	sy := makeRoute(yanbu, 0, 5, leg{0, 0, 1000}, leg{90, 0, 1000})
	wp := place(sy.path, sy.apex[1]+8, route.WPV)
	rb := Build(stage(sy.path, wp), Options{})
	if len(rb.Boxes) != 3 {
		t.Fatalf("Build gave %d boxes; want start, WPV with the turn, finish", len(rb.Boxes))
	}
	if b := rb.Boxes[1]; b.Waypoint != 0 || b.Turn < 85 || b.Notes != "TR 90°" {
		t.Errorf("box 2 = Waypoint %d Turn %.1f Notes %q; want waypoint 0 turning right, TR 90°", b.Waypoint, b.Turn, b.Notes)
	}
	// A waypoint at the very start and the very end stands for the start
	// and the finish.
	l := sy.path.Length()
	rb = Build(stage(sy.path, place(sy.path, 0, route.DSS), place(sy.path, l, route.ASS)), Options{})
	if len(rb.Boxes) != 3 || rb.Boxes[0].Notes != "DSS" || rb.Boxes[2].Notes != "ASS Finish" {
		var got []string
		for _, b := range rb.Boxes {
			got = append(got, b.Notes)
		}
		t.Errorf("Build(DSS at 0, ASS at the end) notes = %q; want [DSS TR 90° ASS Finish]", got)
	}
}

func TestBuildEdgeCases(t *testing.T) {
	if rb := Build(nil, Options{}); len(rb.Boxes) != 0 {
		t.Errorf("Build(nil) = %d boxes; want 0", len(rb.Boxes))
	}
	// No route: waypoint boxes only, no tulips, no panic.
	s := &route.Stage{Waypoints: []route.Placed{{Waypoint: route.Waypoint{Controls: []route.Control{{Kind: route.WPV}}}, Along: 1200}}}
	rb := Build(s, Options{})
	if len(rb.Boxes) != 2 || rb.Boxes[1].Along != 1200 || rb.Boxes[1].Tulip != nil {
		t.Errorf("Build(no route) = %+v; want start and the waypoint at 1200 m without tulip", rb.Boxes)
	}
	// A one-point route and a route shorter than the turn window.
	for _, n := range []float64{0, 30} {
		sy := makeRoute(yanbu, 0, 5, leg{0, 0, n})
		rb := Build(stage(sy.path), Options{})
		if len(rb.Boxes) == 0 {
			t.Errorf("Build(route of %v m) has no box", n)
		}
	}
}

func TestKeptRoadbook(t *testing.T) {
	sy := makeRoute(yanbu, 0, 10, leg{0, 0, 2000})
	p := sy.path
	mk := func(d, km, cap float64, kinds ...route.Kind) route.Placed {
		w := place(p, d, kinds...)
		w.Distance, w.HasDistance = km, true
		w.Cap, w.HasCap = cap, true
		return w
	}
	a := mk(0, 0, 0)
	a.Notes = "<svg/>"
	b := mk(500, 0, 0, route.DSS) // reset at the DSS
	b.Reset = true
	c := mk(1000, 0.70, 0, route.WPV) // the route says 0.50 km
	c.Tulip = "<svg>tulip</svg>"
	d := mk(1500, 1.0, 40) // the route heads 0°
	rb := Build(stage(p, a, b, c, d), Options{})
	if !rb.Kept || len(rb.Boxes) != 4 {
		t.Fatalf("Build(OpenRally roadbook) Kept = %v, %d boxes; want kept, 4", rb.Kept, len(rb.Boxes))
	}
	if got := rb.Boxes[2].Total; got != 700 {
		t.Errorf("box 3 Total = %v; want the file's 700", got)
	}
	if rb.Boxes[2].TulipData != "<svg>tulip</svg>" || rb.Boxes[2].Tulip == nil {
		t.Errorf("box 3 TulipData = %q, Tulip %v; want the file's and a drawing", rb.Boxes[2].TulipData, rb.Boxes[2].Tulip)
	}
	if len(rb.Checks) != 2 || rb.Checks[0].Box != 3 || rb.Checks[0].Field != "distance" ||
		math.Abs(rb.Checks[0].Diff-200) > 1 || rb.Checks[1].Box != 4 || rb.Checks[1].Field != "cap" || math.Abs(rb.Checks[1].Diff-40) > 1 {
		t.Errorf("Checks = %+v; want box 3 distance +200 m, box 4 cap +40°", rb.Checks)
	}
	// Rebuild ignores the file's boxes.
	if rb := Build(stage(p, a, b, c, d), Options{Rebuild: true}); rb.Kept || rb.Checks != nil {
		t.Errorf("Build(Rebuild) Kept = %v; want false", rb.Kept)
	}
}

func TestBuildDegenerate(t *testing.T) {
	same := orb.LineString{yanbu, yanbu, yanbu}
	dup := makeRoute(yanbu, 0, 10, leg{0, 0, 500}, leg{90, 0, 500}).path.Line
	var doubled orb.LineString
	for _, p := range dup {
		doubled = append(doubled, p, p) // every point twice
	}
	nan := orb.LineString{yanbu, {math.NaN(), 24}, {38.07, 24.1}}
	odd := []route.Placed{
		{Along: math.NaN()}, {Along: -50}, {Along: 1e9}, {Along: math.Inf(1)},
		{Waypoint: route.Waypoint{Danger: 9, Controls: []route.Control{{Kind: route.DSS}}}, Along: 200},
	}
	tests := []struct {
		name string
		line orb.LineString
	}{
		{"no points", nil},
		{"one point", orb.LineString{yanbu}},
		{"all points the same", same},
		{"every point twice", doubled},
		{"a NaN point", nan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opts := range []Options{{}, {Rebuild: true, NoReset: true, NoStub: true}} {
				s := &route.Stage{Path: geo.NewPath(tt.line), Waypoints: append([]route.Placed(nil), odd...)}
				rb := Build(s, opts)
				for i, b := range rb.Boxes {
					if b.Number != i+1 || b.Danger < 0 || b.Danger > 3 || b.Cap < 0 || b.Cap >= 360 {
						t.Errorf("Build(%s) box %+v: bad number, danger or cap", tt.name, b)
					}
					if i > 0 && b.Along < rb.Boxes[i-1].Along {
						t.Errorf("Build(%s): boxes out of order: %v after %v", tt.name, b.Along, rb.Boxes[i-1].Along)
					}
				}
				Validate(s, nil)
			}
		})
	}
	// Every point twice still finds the right angle once.
	rb := Build(stage(geo.NewPath(doubled)), Options{})
	n := 0
	for _, b := range rb.Boxes {
		if b.Turn > 80 {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Build(every point twice) has %d right-angle boxes; want 1", n)
	}
}

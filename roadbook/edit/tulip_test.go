package edit

import (
	"math"
	"reflect"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// stage7Book builds the roadbook of Stage 7 with its tulips.
func stage7Book(t *testing.T) *roadbook.Book {
	t.Helper()
	f := decodeFile(t, stage7)
	return roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
}

// TestEditableKeepsDrawing: every tulip Build draws for Stage 7 is, in the
// editor's form, the same drawing: the same other tracks, the route through
// the same points, split at the junction into the approach and the exit on
// their surfaces, the exit ending in the arrow.
func TestEditableKeepsDrawing(t *testing.T) {
	for _, b := range stage7Book(t).Boxes {
		d := b.Tulip
		e := editable(d)
		j := parts(e)
		var route []tulip.Vec
		var others []tulip.Stroke
		for _, s := range d.Strokes {
			if s.Width == tulip.RouteWidth || s.Width == tulip.RouteTarmacWidth || s.Width == tulip.RouteWidth*0.8 {
				route = append(route, s.Points...)
			} else {
				others = append(others, s)
			}
		}
		got := append([]tulip.Vec(nil), e.Strokes[j.entry].Points...)
		if j.exit >= 0 {
			got = append(got, e.Strokes[j.exit].Points[1:]...)
		}
		if !reflect.DeepEqual(dedup(got), dedup(route)) {
			t.Fatalf("box %d: the route's points changed: %v; want %v", b.Number, got, route)
		}
		if len(j.others) != len(others) || len(others) > 0 && !reflect.DeepEqual(e.Strokes[:len(j.others)], others) {
			t.Fatalf("box %d: the other tracks changed", b.Number)
		}
		if j.exit >= 0 && !e.Strokes[j.exit].Arrow || e.Strokes[j.entry].Arrow || e.Strokes[j.entry].Points[0] != d.Dot {
			t.Fatalf("box %d: approach and exit not in place: %+v", b.Number, e.Strokes[len(others):])
		}
		if a, ok := d.ExitAngle(); ok != (j.exit >= 0) {
			t.Errorf("box %d: an exit in the drawing %v, in the editor's %v", b.Number, ok, j.exit >= 0)
		} else if ok {
			// The exit's direction (junction to tip) and its arrow's agree
			// within the curve of its last metres.
			if diff := math.Abs(normAngle(legsOf(e).Exit.Angle - a)); diff > 60 {
				t.Errorf("box %d: the exit reads %.0f°, its arrow points %.0f°", b.Number, legsOf(e).Exit.Angle, a)
			}
		}
		if !reflect.DeepEqual(editable(e), e) {
			t.Fatalf("box %d: editable is not idempotent", b.Number)
		}
	}
}

// dedup drops consecutive repeated points (the junction, in both legs).
func dedup(ps []tulip.Vec) []tulip.Vec {
	var out []tulip.Vec
	for _, p := range ps {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

// TestTulipEdits: each tulip edit changes what it says and nothing else:
// the exit turned keeps its shape (the distances between its points), a
// track added, turned, given a surface and removed, the approach's
// surface; the drawing saved in the SVG reads back the same.
func TestTulipEdits(t *testing.T) {
	book := stage7Book(t)
	f := decodeFile(t, stage7)
	d, err := NewDoc(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A box that turns, with a curved exit.
	i := -1
	for k, b := range book.Boxes {
		if b.Turn > 60 && len(b.Tulip.Strokes[len(b.Tulip.Strokes)-1].Points) > 3 {
			i = k
			break
		}
	}
	if i < 0 {
		t.Fatal("no turning box in Stage 7")
	}
	id := d.entries[i].ID
	shape := func(s tulip.Stroke) []float64 {
		var out []float64
		for k := 1; k < len(s.Points); k++ {
			out = append(out, math.Round(dist(s.Points[k-1], s.Points[k])*1e9))
		}
		return out
	}
	before := editable(book.Boxes[i].Tulip)
	apply := func(e Edit) *Legs {
		t.Helper()
		e.Box = id
		if _, err := d.Apply(e); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
		if d.entries[i].Tulip == nil {
			return nil
		}
		return legsOf(d.entries[i].Tulip)
	}
	l := apply(Edit{Op: "exit", Angle: f64(-30)})
	ex := d.entries[i].Tulip.Strokes[len(d.entries[i].Tulip.Strokes)-1]
	if l.Exit == nil || l.Exit.Angle != -30 || !reflect.DeepEqual(shape(ex), shape(before.Strokes[len(before.Strokes)-1])) {
		t.Errorf("exit turned to -30°: reads %v°; shape kept %v", l.Exit.Angle, reflect.DeepEqual(shape(ex), shape(before.Strokes[len(before.Strokes)-1])))
	}
	n := len(l.Tracks)
	l = apply(Edit{Op: "track", Angle: f64(135), Surface: "tarmac"})
	if len(l.Tracks) != n+1 || l.Tracks[n] != (Leg{Angle: 135, Surface: tulip.Tarmac}) {
		t.Errorf("track added: %+v", l.Tracks)
	}
	if s := d.entries[i].Tulip.Strokes[n]; s.Style != tulip.Double || s.Width != tulip.OtherTarmacWidth || s.Arrow {
		t.Errorf("a tarmac track is drawn %+v; want an open double line", s)
	}
	l = apply(Edit{Op: "track", Track: &n, Angle: f64(-100), Surface: "off-piste"})
	if l.Tracks[n] != (Leg{Angle: -100, Surface: tulip.OffPiste}) || d.entries[i].Tulip.Strokes[n].Style != tulip.Dashed {
		t.Errorf("track turned and made off-piste: %+v", l.Tracks[n])
	}
	l = apply(Edit{Op: "entry", Surface: "tarmac"})
	if l.Entry.Surface != tulip.Tarmac || l.Exit.Angle != -30 {
		t.Errorf("approach on tarmac: %+v", l)
	}
	saved, ok := parseTulip(d.entries[i].W.Tulip)
	if !ok || !reflect.DeepEqual(saved, d.entries[i].Tulip) {
		t.Errorf("the drawing kept in the SVG reads back %v, %+v", ok, saved)
	}
	// The roadbook prints the author's tulip.
	if b, _ := d.boxFor(i); b.Tulip != d.entries[i].Tulip || b.TulipData != d.entries[i].W.Tulip {
		t.Error("the roadbook's box does not carry the edited tulip")
	}
	l = apply(Edit{Op: "untrack", Track: &n})
	if len(l.Tracks) != n {
		t.Errorf("track removed: %+v", l.Tracks)
	}
	for _, e := range []Edit{
		{Op: "exit", Surface: "lava"},
		{Op: "exit", Surface: "unknown"},
		{Op: "exit", Angle: f64(math.NaN())},
		{Op: "track", Surface: "piste"},
		{Op: "track", Track: ptr(99), Angle: f64(3)},
		{Op: "untrack", Track: ptr(-1)},
	} {
		e.Box = id
		if _, err := d.Apply(e); err == nil {
			t.Errorf("%+v: no error", e)
		}
	}
	apply(Edit{Op: "redraw"})
	if d.entries[i].Tulip != nil || d.entries[i].W.Tulip != "" {
		t.Error("redraw kept the author's tulip")
	}
	// The finish has no exit until the author gives one.
	last := len(d.entries) - 1
	b, _ := d.boxFor(last)
	if l := legsOf(editable(b.Tulip)); l.Exit != nil {
		t.Errorf("the finish has an exit: %+v", l.Exit)
	}
	if _, err := d.Apply(Edit{Op: "exit", Box: d.entries[last].ID, Angle: f64(45)}); err != nil {
		t.Fatal(err)
	}
	if l := legsOf(d.entries[last].Tulip); l.Exit == nil || l.Exit.Angle != 45 {
		t.Errorf("the finish given an exit at 45°: %+v", l.Exit)
	}
}

// TestParseTulipRefuses: what is not a drawing the editor wrote, or one
// out of bounds, is not taken as one.
func TestParseTulipRefuses(t *testing.T) {
	for _, s := range []string{
		"",
		`<svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<svg><metadata><drawing xmlns="` + drawingNS + `">not json</drawing></metadata></svg>`,
		`<svg><metadata><drawing xmlns="` + drawingNS + `">{"Strokes":[{"Points":[{"X":1e9,"Y":0},{"X":0,"Y":0}]}]}</drawing></metadata></svg>`,
		`<svg><metadata><drawing xmlns="` + drawingNS + `">{"Strokes":[{"Points":[{"X":0,"Y":0}],"Surface":"lava"}]}</drawing></metadata></svg>`,
	} {
		if d, ok := parseTulip(s); ok {
			t.Errorf("parseTulip(%.80q) = %+v; want refused", s, d)
		}
	}
}

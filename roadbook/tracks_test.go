package roadbook

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook/tulip"
)

// TestBuildTracks: at a right-angle turn, other tracks known around the
// route (the road going on north, one going west; and a far one) show in
// the turn's tulip instead of the dashed straight-on stub.
func TestBuildTracks(t *testing.T) {
	sy := makeRoute(yanbu, 0, 5, leg{0, 0, 1000}, leg{90, 0, 1000}) // north, then right (east)
	junction := sy.path.PointAt(sy.apex[1])
	north := orb.LineString{junction, geo.Destination(junction, 0, 300)}
	west := orb.LineString{geo.Destination(junction, 270, 300), junction}
	far := orb.LineString{geo.Destination(junction, 180, 500), geo.Destination(geo.Destination(junction, 180, 500), 270, 300)}
	turnBox := func(rb *Book) Box {
		for _, b := range rb.Boxes {
			if b.Turn != 0 {
				return b
			}
		}
		t.Fatal("no turn box")
		return Box{}
	}
	plain := turnBox(Build(stage(sy.path), Options{}))
	if plain.Tulip.Strokes[0].Style != tulip.Dashed {
		t.Fatalf("without tracks: strokes %+v; want the dashed stub first", plain.Tulip.Strokes)
	}
	tr := NewTracks([]TrackLine{{Points: north, Type: "tarmac"}, {Points: west}, {Points: far}, {Points: orb.LineString{junction}}})
	with := turnBox(Build(stage(sy.path), Options{Tracks: tr}))
	var thin [][]tulip.Vec
	for _, s := range with.Tulip.Strokes {
		switch {
		case s.Style == tulip.Dashed:
			t.Errorf("with tracks: a dashed stub is still drawn")
		case s.Style == tulip.Double && len(thin) == 0, s.Style == tulip.Thin && len(thin) == 1:
			thin = append(thin, s.Points) // the tarmac road north, the track west
		case !s.Arrow:
			t.Errorf("with tracks: unexpected stroke %+v", s)
		}
	}
	if len(thin) != 2 {
		t.Fatalf("with tracks: %d other strokes %v; want 2 (north, tarmac; west; the far track is out of the tulip)", len(thin), thin)
	}
	// The crew arrives going north: the road going on north is drawn
	// straight up from the centre, the one going west to the left.
	ends := func(s []tulip.Vec) (tulip.Vec, tulip.Vec) { return s[0], s[len(s)-1] }
	a0, a1 := ends(thin[0])
	b0, b1 := ends(thin[1])
	near := func(p, q tulip.Vec) bool { return math.Hypot(p.X-q.X, p.Y-q.Y) < 0.03 }
	if !near(a0, tulip.Vec{X: 0.5, Y: 0.5}) || !near(a1, tulip.Vec{X: 0.5, Y: 0.9}) {
		t.Errorf("north road drawn %v; want from the centre straight up to the edge", thin[0])
	}
	if !near(b0, tulip.Vec{X: 0.1, Y: 0.5}) || !near(b1, tulip.Vec{X: 0.5, Y: 0.5}) {
		t.Errorf("west road drawn %v; want from the left edge to the centre", thin[1])
	}
	// The boxes themselves do not change.
	if with.Along != plain.Along || with.Cap != plain.Cap || with.Notes != plain.Notes {
		t.Errorf("box with tracks %+v; want the same as without %+v", with, plain)
	}
	if NewTracks(nil) != nil || NewTracks([]TrackLine{{Points: orb.LineString{junction}}}) != nil {
		t.Errorf("NewTracks of nothing drawable is not nil")
	}
}

func TestTrackStyle(t *testing.T) {
	for typ, want := range map[string]tulip.Style{
		"tarmac": tulip.Double, " Asphalt ": tulip.Double, "primary_link": tulip.Double, "residential": tulip.Double,
		"piste": tulip.Solid, "track": tulip.Solid, "Gravel": tulip.Solid, "unclassified": tulip.Solid,
		"path": tulip.Thin, "": tulip.Thin, "camel trail": tulip.Thin,
	} {
		if got := TrackStyle(typ); got != want {
			t.Errorf("TrackStyle(%q) = %v; want %v", typ, got, want)
		}
	}
}

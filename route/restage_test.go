package route_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// TestWithWaypoints edits the waypoints of a stage at random, as an editor
// does (move one along the route, add one, delete one, change a radius,
// make one a DSS, add a second box at one junction), each time building the stage both with WithWaypoints
// from the previous one and with NewStage from scratch: the two agree on
// every placement, section and problem, and share the route. The stages:
// the demo's Stage 7 (345 boxes, 876 km without loops) and an out-and-back
// route whose way back runs 33 m beside the way out, where the waypoint
// before decides which pass a waypoint is on.
func TestWithWaypoints(t *testing.T) {
	t.Run("stage7", func(t *testing.T) {
		testWithWaypoints(t, decodeFile(t, "../examples/dakar2026/07-stage7.gpx"), 40)
	})
	t.Run("out-and-back", func(t *testing.T) {
		var line orb.LineString
		for i := 0; i <= 100; i++ {
			line = append(line, orb.Point{38.0618 + float64(i)*0.001, 24.0895})
		}
		for i := 100; i >= 0; i-- {
			line = append(line, orb.Point{38.0618 + float64(i)*0.001, 24.0898})
		}
		f := &route.File{Tracks: []route.Track{{Segments: []route.Segment{{Points: line}}}}}
		for i := 0; i < len(line); i += 7 {
			f.Waypoints = append(f.Waypoints, route.Waypoint{Point: line[i], HasPoint: true, Name: fmt.Sprint("WPS ", i),
				Controls: []route.Control{{Kind: route.WPS}}})
		}
		testWithWaypoints(t, f, 200)
	})
}

func testWithWaypoints(t *testing.T, f *route.File, steps int) {
	opts := route.StageOptions{Rules: &route.Rules{}}
	s := route.NewStage(f, opts)
	rng := rand.New(rand.NewPCG(7, 12))
	ws := append([]route.Waypoint(nil), f.Waypoints...)
	for step := range steps {
		i := rng.IntN(len(ws))
		what := ""
		switch rng.IntN(6) {
		case 0:
			w := ws[i]
			w.Point = s.Path.PointAt(rng.Float64() * s.Length())
			w.HasDistance = false
			ws[i], what = w, "move"
		case 1:
			w := route.Waypoint{Point: s.Path.PointAt(rng.Float64() * s.Length()), HasPoint: true, Name: fmt.Sprint("new ", step)}
			ws, what = append(ws[:i:i], append([]route.Waypoint{w}, ws[i:]...)...), "add"
		case 2:
			ws, what = append(ws[:i:i], ws[i+1:]...), "delete"
		case 3:
			w := ws[i]
			w.Controls = []route.Control{{Kind: route.WPS, Radii: route.Radii{Clear: float64(rng.IntN(400))}}}
			ws[i], what = w, "radius"
		case 4:
			w := ws[i]
			w.Controls = append([]route.Control{{Kind: route.DSS}}, w.Controls...)
			ws[i], what = w, "DSS"
		case 5:
			w := ws[i] // a second box at the same junction
			w.Name += " bis"
			ws, what = append(ws[:i+1:i+1], append([]route.Waypoint{w}, ws[i+1:]...)...), "same place"
		}
		ws = append([]route.Waypoint(nil), ws...)
		got := s.WithWaypoints(ws, opts)
		g := *f
		g.Waypoints = ws
		want := route.NewStage(&g, opts)
		if got.Path != s.Path {
			t.Fatalf("step %d (%s): the route was built again", step, what)
		}
		for _, c := range []struct {
			name      string
			got, want any
		}{
			{"waypoints", got.Waypoints, want.Waypoints},
			{"sections", got.Sections, want.Sections},
			{"problems", got.Problems, want.Problems},
			{"name", got.Name, want.Name},
			{"file", *got.File, *want.File},
		} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Fatalf("step %d (%s): WithWaypoints's %s differ from NewStage's", step, what, c.name)
			}
		}
		s = got
	}
}

// BenchmarkWithWaypoints measures building Stage 7 again after one
// waypoint moved, against NewStage.
func BenchmarkWithWaypoints(b *testing.B) {
	f := decodeFile(b, "../examples/dakar2026/07-stage7.gpx")
	s := route.NewStage(f, route.StageOptions{})
	ws := append([]route.Waypoint(nil), f.Waypoints...)
	b.Run("NewStage", func(b *testing.B) {
		for b.Loop() {
			route.NewStage(f, route.StageOptions{})
		}
	})
	b.Run("WithWaypoints", func(b *testing.B) {
		k := 0
		for b.Loop() {
			k++
			ws[100].Point = s.Path.PointAt(float64(k%50) * 1000)
			s.WithWaypoints(ws, route.StageOptions{})
		}
	})
}

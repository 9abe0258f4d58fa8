package roadbook

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// yanbu is where the synthetic stages start (24.0895 N 38.0618 E).
var yanbu = orb.Point{38.0618, 24.0895}

// leg is a piece of a synthetic route: turn by turn degrees (positive
// right) spread evenly over arc metres (0: a sharp corner), then go
// straight for length metres.
type leg struct{ turn, arc, length float64 }

// synth is a synthetic route and where its turns are.
type synth struct {
	path *geo.Path
	// apex[i] is the distance along the path of leg i's turn apex, and
	// heading[i] the heading after it (degrees [0, 360)).
	apex, heading []float64
}

// makeRoute follows legs from start with initial heading h0, with a point
// every step metres.
func makeRoute(start orb.Point, h0, step float64, legs ...leg) synth {
	ls := orb.LineString{start}
	h := h0
	p := start
	var apexIdx [][2]int
	var headings []float64
	walk := func(dist, turn float64) {
		n := int(math.Ceil(dist/step - 1e-9))
		for i := 0; i < n; i++ {
			d := math.Min(step, dist-float64(i)*step)
			h += turn * d / dist
			p = geo.Destination(p, h, d)
			ls = append(ls, p)
		}
	}
	for _, l := range legs {
		first := len(ls) - 1
		if l.arc > 0 {
			// Turn half the angle over the first step, so the points sit
			// symmetrically about the apex.
			walk(l.arc, l.turn)
		} else {
			h += l.turn
		}
		apexIdx = append(apexIdx, [2]int{first, len(ls) - 1})
		headings = append(headings, math.Mod(h+720, 360))
		walk(l.length, 0)
	}
	s := synth{path: geo.NewPath(ls), heading: headings}
	for _, ab := range apexIdx {
		s.apex = append(s.apex, (s.path.Odo[ab[0]]+s.path.Odo[ab[1]])/2)
	}
	return s
}

// place returns a waypoint placed on p at distance d with the given
// controls.
func place(p *geo.Path, d float64, kinds ...route.Kind) route.Placed {
	w := route.Placed{
		Waypoint: route.Waypoint{Point: p.PointAt(d), HasPoint: true},
		OnRoute:  true,
		Along:    d,
		Index:    -1,
	}
	for _, k := range kinds {
		w.Controls = append(w.Controls, route.Control{Kind: k})
	}
	return w
}

// stage returns a stage over p with the waypoints (in route order); it
// numbers their Index and Partial, and pairs its sections and zones as
// NewStage does.
func stage(p *geo.Path, wps ...route.Placed) *route.Stage {
	prev := 0.0
	for i := range wps {
		wps[i].Index = i
		wps[i].Partial = wps[i].Along - prev
		prev = wps[i].Along
	}
	s := &route.Stage{Name: "synthetic", Path: p, Waypoints: wps, Source: route.TrackSource}
	s.Pair()
	return s
}

// bearingDiff is the absolute difference of two bearings in degrees.
func bearingDiff(a, b float64) float64 { return math.Abs(angleDiff(a, b)) }

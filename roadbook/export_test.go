package roadbook

import (
	"math"

	"github.com/roadbook/roadbook/route"
)

// RouteTurn is for the external tests: the turn in degrees the route of s
// makes at along, from its approach (as the tulips measure it) to its
// heading 50–100 m after.
func RouteTurn(s *route.Stage, along float64) float64 {
	g := newGeom(s.Path)
	ra := g.approachRadius(along, 50, math.Inf(1))
	in := flatBearing(g.p.PointAt(along-ra), g.p.PointAt(along-ra/2))
	out := flatBearing(g.p.PointAt(along+50), g.p.PointAt(along+100))
	return angleDiff(in, out)
}

// AngleDiff is angleDiff, for the external tests.
var AngleDiff = angleDiff

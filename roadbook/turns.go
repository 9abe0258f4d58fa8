package roadbook

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook/tulip"
)

// turn is a turn found in the geometry: its apex and its signed angle in
// degrees, positive to the right.
type turn struct {
	along, angle float64
}

// plateau is how close, in degrees, to a run's sharpest angle the points
// around it must be to count as the same apex.
const plateau = 0.5

// turns finds the turns of the route: at every vertex, the angle between
// the chord from the point TurnWindow metres before it and the chord to the
// point TurnWindow metres after it. Consecutive vertices at or above
// TurnAngle with the same sign are one turn, placed at its apex: the middle
// of the vertices within 0.5° of the run's sharpest angle (a curve drawn
// with many points has a flat peak). Its angle is the larger of that chord
// angle and the whole heading change across the window (headingChange),
// when both turn the same way. Vertices closer than TurnWindow to
// either end of the route are not measured. One pass, two forward cursors:
// linear in the number of vertices.
func (g *geom) turns(o Options) []turn {
	if !g.ok() {
		return nil
	}
	line, odo := g.p.Line, g.p.Odo
	l, w := g.length(), o.TurnWindow
	back, ahead := cursor{g: g}, cursor{g: g}
	var out []turn
	var run []turn // the current run's vertices
	closeRun := func() {
		if len(run) == 0 {
			return
		}
		best := 0
		for i, t := range run {
			if math.Abs(t.angle) > math.Abs(run[best].angle) {
				best = i
			}
		}
		lo, hi := best, best
		for lo > 0 && math.Abs(run[lo-1].angle) >= math.Abs(run[best].angle)-plateau {
			lo--
		}
		for hi < len(run)-1 && math.Abs(run[hi+1].angle) >= math.Abs(run[best].angle)-plateau {
			hi++
		}
		apex := (run[lo].along + run[hi].along) / 2
		out = append(out, turn{along: apex, angle: g.wholeTurn(apex, run[best].angle, w)})
		run = run[:0]
	}
	for i, d := range odo {
		if d < w || d > l-w {
			closeRun()
			continue
		}
		a := angleDiff(flatBearing(back.at(d-w), line[i]), flatBearing(line[i], ahead.at(d+w)))
		if math.Abs(a) < o.TurnAngle {
			closeRun()
			continue
		}
		if len(run) > 0 && (run[0].angle > 0) != (a > 0) {
			closeRun()
		}
		run = append(run, turn{d, a})
	}
	closeRun()
	return out
}

// headingChange returns the change of heading in degrees across the window
// of w metres each side of d: from the direction of the route over the w
// metres before the window to its direction over the w metres after it.
// A curve spread over the window makes a chord angle smaller than the turn
// the crew makes; this is the whole turn. 0 where the route is too short.
func (g *geom) headingChange(d, w float64) float64 {
	l := g.length()
	a, b := clamp(d-2*w, 0, l), clamp(d-w, 0, l)
	c, e := clamp(d+w, 0, l), clamp(d+2*w, 0, l)
	if b-a <= 0 || e-c <= 0 {
		return 0
	}
	in := flatBearing(g.p.PointAt(a), g.p.PointAt(b))
	out := flatBearing(g.p.PointAt(c), g.p.PointAt(e))
	return angleDiff(in, out)
}

// wholeTurn returns the turn at d whose chord angle over w metres each side
// is chord: the whole heading change across the window (headingChange)
// when it turns the same way and farther, else chord. A junction whose
// curve is spread over the window turns farther than its chords show.
func (g *geom) wholeTurn(d, chord, w float64) float64 {
	if full := g.headingChange(d, w); full*chord > 0 && math.Abs(full) > math.Abs(chord) {
		return full
	}
	return chord
}

// turnAt returns the signed turn angle at distance d measured over w metres
// each side (clamped to the route).
func (g *geom) turnAt(d, w float64) float64 {
	if !g.ok() {
		return 0
	}
	l := g.length()
	a, b, c := clamp(d-w, 0, l), clamp(d, 0, l), clamp(d+w, 0, l)
	if b-a <= 0 || c-b <= 0 {
		return 0
	}
	pa, pb, pc := g.p.PointAt(a), g.p.PointAt(b), g.p.PointAt(c)
	return angleDiff(flatBearing(pa, pb), flatBearing(pb, pc))
}

// tulip draws the junction at distance d as a roadbook tulip: the
// approach straight up from the bottom to the junction (the arrival dot at
// the bottom, always), the route after the junction as it goes, and the
// other tracks around, all rotated so the approach heading (over the
// TurnWindow metres before the window of TurnWindow before d, or what
// there is of it near the start) points up.
//
// The drawn area is o.TulipRadius around the junction, widened (up to three
// times, and never to the next box, next metres ahead) until the route
// leaves it going straight: a junction whose curve is wider than the circle
// would otherwise be drawn with its exit short of the turn the note gives.
func (g *geom) tulip(d float64, o Options, isTurn bool, prev, next float64) *tulip.Drawing {
	l := g.length()
	d = clamp(d, 0, l)
	c := g.p.PointAt(d)
	// The entry heading is the approach, before the turn window, so a
	// curve spread over the window shows its whole angle.
	// Where the junction's curve is wider than the window, the approach
	// is measured farther back (approachRadius), before the curve starts.
	var h float64
	ra := g.approachRadius(d, 2*o.TurnWindow, prev)
	if a, b := clamp(d-ra, 0, l), clamp(d-ra/2, 0, l); b-a >= 1 {
		h = flatBearing(g.p.PointAt(a), g.p.PointAt(b))
	} else if d >= 1 {
		h = flatBearing(g.p.PointAt(clamp(d-o.TurnWindow, 0, l)), c)
	} else {
		h = flatBearing(c, g.p.PointAt(clamp(d+o.TurnWindow, 0, l)))
	}
	r := g.exitRadius(d, o.TulipRadius, next)
	pl := geo.NewPlane(c)
	sh, ch := math.Sincos(h * math.Pi / 180)
	local := func(ls orb.LineString) []tulip.Vec {
		out := make([]tulip.Vec, 0, len(ls))
		for _, p := range ls {
			x, y := pl.XY(p)
			out = append(out, tulip.Vec{X: x*ch - y*sh, Y: x*sh + y*ch})
		}
		return out
	}
	in := []tulip.Vec{{X: 0, Y: -r}, {X: 0, Y: 0}}
	var out []tulip.Vec
	if d < l {
		// The route as it goes up to where it starts bending the other
		// way (the next bend, not this junction's; looked for a little
		// beyond the circle, where the last drawn segment reaches), at
		// most r metres along, then straight on out of the circle in the
		// direction of its last 10 metres: the exit never ends on a
		// sliver of the next bend.
		turning := angleDiff(h, flatBearing(c, g.p.PointAt(clamp(d+15, 0, l))))
		end := math.Min(g.bendBack(d, exitLook*r, turning), r)
		out = local(g.p.Slice(d, d+end))
		if len(out) >= 2 {
			ends := local(orb.LineString{g.p.PointAt(d + math.Max(end-10, end/2)), g.p.PointAt(d + end)})
			a, b := ends[0], ends[1]
			if n := math.Hypot(b.X-a.X, b.Y-a.Y); n > 0 {
				k := 2 * r / n
				out = append(out, tulip.Vec{X: b.X + (b.X-a.X)*k, Y: b.Y + (b.Y-a.Y)*k})
			}
		}
	}
	var others []tulip.Other
	for _, nl := range o.Tracks.near(c, r) {
		others = append(others, tulip.Other{Points: local(nl.points), Style: nl.surface.Style(tulip.Thin), Surface: nl.surface})
	}
	// The route's legs take the surface of the track they run on, else
	// the route's own type.
	entry := o.Tracks.surfaceAlong(g.p.PointAt(clamp(d-r, 0, l)), g.p.PointAt(clamp(d-r/3, 0, l)))
	exit := o.Tracks.surfaceAlong(g.p.PointAt(clamp(d+r/3, 0, l)), g.p.PointAt(clamp(d+r, 0, l)))
	if entry == tulip.UnknownSurface {
		entry = o.routeSurface
	}
	if exit == tulip.UnknownSurface {
		exit = o.routeSurface
	}
	return tulip.Route(in, out, tulip.Options{Radius: r, Straight: isTurn && !o.NoStub && len(others) == 0, Others: others,
		EntrySurface: entry, ExitSurface: exit})
}

// approachRadius returns how far back, in metres, a tulip at d measures the
// approach heading (over the farther half of that distance): r0, or 1.5, 2
// or 3 times r0 when the route is still turning there (the headings of
// the halves before and after differ by more than 3°), never farther than
// 90 % of the way back to the previous box (prev metres before) nor the
// route's start.
func (g *geom) approachRadius(d, r0, prev float64) float64 {
	limit := math.Min(0.9*prev, d)
	r := r0
	for _, k := range []float64{1, 1.5, 2, 3} {
		c := r0 * k
		if k > 1 && c > limit {
			break
		}
		r = c
		if d-1.5*c < 0 {
			break
		}
		a := flatBearing(g.p.PointAt(d-c), g.p.PointAt(d-0.5*c))
		b := flatBearing(g.p.PointAt(d-1.5*c), g.p.PointAt(d-c))
		if math.Abs(angleDiff(a, b)) <= 3 {
			break
		}
	}
	return r
}

// exitLook is how far past the tulip's radius, as a multiple of it,
// bendBack looks for the next bend.
const exitLook = 1.3

// bendBack returns how far after d, up to r metres, the route goes before
// it bends the other way from the junction's turn at d (by more than 4°
// over 10 m): where a following bend starts. r when it does not, or when
// turning, the junction's turn (its sign is what counts), is 0.
func (g *geom) bendBack(d, r, turning float64) float64 {
	l := g.length()
	const step = 5.0
	if d-step < 0 || d+2*step > l {
		return r
	}
	prev := flatBearing(g.p.PointAt(d), g.p.PointAt(d+step))
	for k := 2 * step; k <= r && d+k <= l; k += step {
		h := flatBearing(g.p.PointAt(d+k-2*step), g.p.PointAt(d+k))
		if t := angleDiff(prev, h); t*turning < 0 && math.Abs(t) > 4 {
			return k - step
		}
		prev = flatBearing(g.p.PointAt(d+k-step), g.p.PointAt(d+k))
	}
	return r
}

// exitRadius returns the radius in metres of the area a tulip at d draws:
// r0, or 1.5, 2 or 3 times r0 when the route has not finished turning at
// r0 (its heading over the last half of the radius differs by more than 3°
// from its heading over the half radius beyond, turning on the way the
// junction turns), but never past 90 % of
// the way to the next box (next metres ahead) nor the route's end.
func (g *geom) exitRadius(d, r0, next float64) float64 {
	l := g.length()
	limit := math.Min(0.9*next, l-d)
	r := r0
	var turning float64 // the sign of the junction's turn
	if d-r0/2 >= 0 && d+r0/2 <= l {
		turning = angleDiff(flatBearing(g.p.PointAt(d-r0/2), g.p.PointAt(d)), flatBearing(g.p.PointAt(d), g.p.PointAt(d+r0/2)))
	}
	for _, k := range []float64{1, 1.5, 2, 3} {
		c := r0 * k
		if k > 1 && c > limit {
			break
		}
		r = c
		if d+1.5*c > l {
			break
		}
		a := flatBearing(g.p.PointAt(d+0.5*c), g.p.PointAt(d+c))
		b := flatBearing(g.p.PointAt(d+c), g.p.PointAt(d+1.5*c))
		// Straight on, or a new bend the other way (the next junction):
		// the junction's own curve has ended.
		if t := angleDiff(a, b); math.Abs(t) <= 3 || t*turning < 0 {
			break
		}
	}
	return r
}

// cursor interpolates points along the route at distances that never
// decrease, walking the vertices forward.
type cursor struct {
	g *geom
	i int
}

func (c *cursor) at(d float64) orb.Point {
	line, odo := c.g.p.Line, c.g.p.Odo
	for c.i < len(odo)-2 && odo[c.i+1] < d {
		c.i++
	}
	a, b := line[c.i], line[c.i+1]
	seg := odo[c.i+1] - odo[c.i]
	if seg <= 0 {
		return b
	}
	t := clamp((d-odo[c.i])/seg, 0, 1)
	return orb.Point{a[0] + t*geo.WrapLon(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// flatBearing returns the bearing from a to b in degrees in the plane
// tangent to the ellipsoid at their middle: exact enough to compare the
// directions of chords tens of metres long (CAPs use geo.Bearing).
func flatBearing(a, b orb.Point) float64 {
	kx, ky := geo.MetresPerDegree((a[1] + b[1]) / 2)
	return math.Atan2(geo.WrapLon(b[0]-a[0])*kx, (b[1]-a[1])*ky) * 180 / math.Pi
}

// angleDiff returns the signed angle in degrees from bearing a to bearing b,
// in (-180, 180], positive clockwise (to the right).
func angleDiff(a, b float64) float64 {
	d := math.Mod(b-a, 360)
	if d <= -180 {
		d += 360
	} else if d > 180 {
		d -= 360
	}
	return d
}

package route

import (
	"math"
	"time"

	"github.com/roadbook/roadbook/geo"
)

// wp is the checker's waypoint state: the chain of geofences, the open
// one, and those the ride is still inside.
type wp struct {
	wps    []wpState
	curWP  int
	inside []int // validated waypoints the ride is still inside the radius of
}

// wpState is a waypoint of the chain with what the check needs.
type wpState struct {
	pl     geo.Plane
	radius float64
	along  float64
	r2     float64
}

// waypointChain lists the stage's waypoints that can be validated: those with
// a control role and a position, in route order.
func waypointChain(s *Stage, o CheckOptions) ([]WaypointCheck, []wpState) {
	var out []WaypointCheck
	var st []wpState
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		if len(w.Controls) == 0 || !w.HasPoint {
			continue
		}
		wc := WaypointCheck{Waypoint: i, Name: w.Label(), Km: w.Along / 1000, Index: -1}
		for _, c := range w.Controls {
			wc.Kinds = append(wc.Kinds, c.Kind)
			if r := o.Rules.RadiiFor(c.Kind, c.Radii).Clear; r > wc.Radius {
				wc.Radius = r
			}
		}
		out = append(out, wc)
		st = append(st, wpState{pl: geo.NewPlane(w.Point), radius: wc.Radius, along: w.Along, r2: wc.Radius * wc.Radius})
	}
	return out, st
}

// penaltyOf returns the penalty for missing w: the largest of its kinds'.
func (w WaypointCheck) penaltyOf(r *Rules) time.Duration {
	var p time.Duration
	for _, k := range w.Kinds {
		p = max(p, r.MissedPenalty(k))
	}
	return p
}

// validate checks the line between fixes a and b against the open waypoint
// (and the ones after it that the same line reaches). While the ride
// follows the route, a waypoint more than its radius plus
// CheckOptions.Window ahead of the ride's place on the route does not
// validate: the route passes near it on an earlier pass (an out-and-back),
// not this one.
func (c *checker) validate(a, b int, odoB float64) {
	pa, pb := c.rd.pts[a], c.rd.pts[b]
	odoA := c.odo0
	c.odo0 = odoB
	keep := c.inside[:0]
	for _, k := range c.inside {
		w := &c.wps[k]
		d2, t := w.pl.SegmentDistance(pa, pb)
		wc := &c.rep.Waypoints[k]
		if d := math.Sqrt(d2); d < wc.Distance {
			wc.Distance = d
			wc.Passed = c.rd.timeAt(a, b, t)
			wc.Odometer = odoA + t*(odoB-odoA)
		}
		if d2 <= w.r2 {
			keep = append(keep, k)
		}
	}
	c.inside = keep
	following := c.acquired && !c.inExc && c.offN == 0 && c.pendN == 0
	for c.curWP < len(c.wps) {
		w := &c.wps[c.curWP]
		wc := &c.rep.Waypoints[c.curWP]
		if following && c.cur.along < w.along-w.radius-c.o.Window {
			return
		}
		ax, ay := w.pl.XY(pa)
		bx, by := w.pl.XY(pb)
		d2, t := w.pl.SegmentDistance(pa, pb)
		if d := math.Sqrt(d2); !wc.HasDistance || d < wc.Distance {
			wc.Distance, wc.HasDistance = d, true
			wc.Passed = c.rd.timeAt(a, b, t)
			wc.Odometer = odoA + t*(odoB-odoA)
		}
		if d2 > w.r2 {
			return
		}
		// entry: the first t in [0, 1] with |a + t(b−a)| <= r
		ux, uy := bx-ax, by-ay
		uu := ux*ux + uy*uy
		f := 0.0
		if ax*ax+ay*ay > w.r2 && uu > 0 {
			bq := ax*ux + ay*uy
			cq := ax*ax + ay*ay - w.r2
			disc := bq*bq - uu*cq
			if disc < 0 {
				disc = 0
			}
			f = math.Min(1, math.Max(0, (-bq-math.Sqrt(disc))/uu))
		}
		wc.Validated = true
		wc.Time = c.rd.timeAt(a, b, f)
		wc.Index = b
		c.inside = append(c.inside, c.curWP)
		c.curWP++
	}
}

// missPassed closes the open waypoints the ride has gone past along the
// route without validating them.
func (c *checker) missPassed(i int) {
	for c.curWP < len(c.wps) {
		w := &c.wps[c.curWP]
		if c.cur.along <= w.along+w.radius+c.o.OffRoute {
			return
		}
		c.curWP++ // missed
	}
}

package route

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// ride is a recorded ride flattened: every fix of every track segment in
// file order.
type ride struct {
	pts   []orb.Point
	t     []float64 // seconds since t0; NaN when the fix has no time
	spd   []float64 // recorded speed m/s; nil when none, NaN where missing
	first []bool    // first fix of a segment; nil when one segment
	seg   []float64 // seg[i] is the distance from fix i-1 to fix i, metres; seg[0] 0
	t0    time.Time
	timed bool // some fix has a time
}

func flatten(f *File) *ride {
	r := &ride{}
	if f == nil {
		return r
	}
	n, segs, hasSpd := 0, 0, false
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			s := &f.Tracks[i].Segments[j]
			n += len(s.Points)
			segs++
			if s.Speed != nil {
				hasSpd = true
			}
			if !r.timed {
				for _, t := range s.Time {
					if !t.IsZero() {
						r.t0, r.timed = t, true
						break
					}
				}
			}
		}
	}
	r.pts = make([]orb.Point, 0, n)
	r.t = make([]float64, 0, n)
	if hasSpd {
		r.spd = make([]float64, 0, n)
	}
	if segs > 1 {
		r.first = make([]bool, 0, n)
	}
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			s := &f.Tracks[i].Segments[j]
			for k, p := range s.Points {
				r.pts = append(r.pts, p)
				tk := math.NaN()
				if s.Time != nil && !s.Time[k].IsZero() {
					tk = s.Time[k].Sub(r.t0).Seconds()
				}
				r.t = append(r.t, tk)
				if hasSpd {
					v := math.NaN()
					if s.Speed != nil {
						v = s.Speed[k]
					}
					r.spd = append(r.spd, v)
				}
				if r.first != nil {
					r.first = append(r.first, k == 0)
				}
			}
		}
	}
	r.seg = make([]float64, len(r.pts))
	for i := 1; i < len(r.pts); i++ {
		r.seg[i] = geo.Length(r.pts[i-1 : i+1])
	}
	return r
}

// at returns the time of fix i, zero when it has none.
func (r *ride) at(i int) time.Time {
	if i < 0 || i >= len(r.t) || math.IsNaN(r.t[i]) {
		return time.Time{}
	}
	return r.t0.Add(time.Duration(math.Round(r.t[i]*1e3)) * time.Millisecond)
}

// timeAt returns the time at fraction f between fixes i and j, zero when
// either has none.
func (r *ride) timeAt(i, j int, f float64) time.Time {
	if math.IsNaN(r.t[i]) || math.IsNaN(r.t[j]) {
		return time.Time{}
	}
	s := r.t[i] + f*(r.t[j]-r.t[i])
	return r.t0.Add(time.Duration(math.Round(s*1e3)) * time.Millisecond)
}

// dt returns the seconds between fixes i and j, NaN when unknown.
func (r *ride) dt(i, j int) float64 { return r.t[j] - r.t[i] }

// pairLen returns the geodesic length in metres between fixes i and j.
func (r *ride) pairLen(i, j int) float64 {
	if j == i+1 {
		return r.seg[j]
	}
	return geo.Length(orb.LineString{r.pts[i], r.pts[j]})
}

// firstLast sets the report's Start and End: the times of the first and
// last fixes that have one, in file order.
func (r *ride) firstLast(rep *Report) {
	if !r.timed {
		return
	}
	for i := range r.t {
		if !math.IsNaN(r.t[i]) {
			if rep.Start.IsZero() {
				rep.Start = r.at(i)
			}
			rep.End = r.at(i)
		}
	}
}

// untime forgets the ride's times: they say nothing (all equal) or
// contradict themselves (going back).
func (r *ride) untime() {
	for i := range r.t {
		r.t[i] = math.NaN()
	}
	r.timed = false
}

// faults finds what makes the recording unusable as it is: times that are
// all equal or that go back (the ride's times are then left out: nothing is
// timed), and a recording that jumps (many steps faster than
// CheckOptions.MaxSpeed, not isolated spikes).
func (r *ride) faults(o CheckOptions) []Fault {
	var out []Fault
	timed, first, last := 0, -1, -1
	back, firstBack := 0, -1
	equal := true
	for i := range r.t {
		if math.IsNaN(r.t[i]) {
			continue
		}
		timed++
		if first < 0 {
			first = i
		} else {
			if r.t[i] != r.t[first] {
				equal = false
			}
			if r.t[i] < r.t[last] {
				back++
				if firstBack < 0 {
					firstBack = i
				}
			}
		}
		last = i
	}
	clock := func(i int) string { return r.at(i).UTC().Format("2006-01-02 15:04:05") }
	switch {
	case timed >= 2 && equal:
		out = append(out, Fault{Kind: FaultTimesEqual, Index: first,
			Message: fmt.Sprintf("every fix has the same time, %s: nothing is timed", clock(first))})
		r.untime()
	case back > 0:
		prev := firstBack - 1
		for prev >= 0 && math.IsNaN(r.t[prev]) {
			prev--
		}
		out = append(out, Fault{Kind: FaultTimesBackwards, Index: firstBack,
			Message: fmt.Sprintf("the times go back at %s, first at fix %d (%s after %s): nothing is timed",
				Plural(back, "fix", "fixes"), firstBack, clock(firstBack), clock(prev))})
		r.untime()
	}
	if !r.timed {
		return out
	}
	maxV := o.MaxSpeed / 3.6
	fast, steps, firstFast := 0, 0, -1
	prev := -1
	for i := range r.pts {
		if math.IsNaN(r.t[i]) {
			continue
		}
		if prev >= 0 {
			steps++
			dt := r.t[i] - r.t[prev]
			if d := r.pairLen(prev, i); (dt > 0 && d/dt > maxV) || (dt == 0 && d > o.OffRoute) {
				fast++
				if firstFast < 0 {
					firstFast = i
				}
			}
		}
		prev = i
	}
	if fast >= 3 && 10*fast > steps {
		out = append(out, Fault{Kind: FaultJumping, Index: firstFast,
			Message: fmt.Sprintf("the recording jumps: %s of %d faster than %.0f km/h, first at fix %d", Plural(fast, "step", "steps"), steps, o.MaxSpeed, firstFast)})
	}
	return out
}

// gapLimit returns the time in seconds without a fix that makes a
// recording gap: CheckOptions.Gap, or four times the ride's median
// interval between fixes when that is longer.
func (r *ride) gapLimit(o CheckOptions, spike []bool) float64 {
	// The median of up to 1,001 intervals spread over the ride.
	every := max(1, len(r.t)/1000)
	var dts []float64
	prev, k := -1, 0
	for i := range r.t {
		if spike[i] || math.IsNaN(r.t[i]) {
			continue
		}
		if prev >= 0 {
			if dt := r.t[i] - r.t[prev]; dt > 0 && k%every == 0 {
				dts = append(dts, dt)
			}
			k++
		}
		prev = i
	}
	limit := o.Gap.Seconds()
	if len(dts) > 0 {
		sort.Float64s(dts)
		limit = math.Max(limit, 4*dts[len(dts)/2])
	}
	return limit
}

// findSpikes marks isolated outliers: a fix far from both neighbours that
// are close to each other, reached at an impossible speed when times are
// known.
func (c *checker) findSpikes() {
	rd := c.rd
	n := len(rd.pts)
	c.spike = make([]bool, n)
	for i, p := range rd.pts {
		if !(p[1] >= -90 && p[1] <= 90 && p[0] >= -360 && p[0] <= 360) {
			c.spike[i] = true // not a position: ignored, not counted
		}
	}
	maxV := c.o.MaxSpeed / 3.6
	for i := 1; i+1 < n; i++ {
		if c.spike[i-1] || c.spike[i] || c.spike[i+1] {
			continue
		}
		if rd.first != nil && (rd.first[i] || rd.first[i+1]) {
			continue
		}
		a, b, ab := rd.pairLen(i-1, i), rd.pairLen(i, i+1), 0.0
		if a < 100 || b < 100 {
			continue
		}
		ab = rd.pairLen(i-1, i+1)
		if a <= 3*ab+100 || b <= 3*ab+100 {
			continue
		}
		if ta, tb := rd.dt(i-1, i), rd.dt(i, i+1); !math.IsNaN(ta) && !math.IsNaN(tb) {
			if a < maxV*ta || b < maxV*tb { // could be real
				continue
			}
		}
		c.spike[i] = true
		c.rep.Spikes++
	}
}

// stepKind is what happened between two consecutive fixes.
type stepKind uint8

const (
	stepFirst stepKind = iota // the ride's first fix: no step
	stepMove                  // the ride moved: counted, validates, measures
	stepGap                   // a recording gap: no fix for a while
	stepJump                  // faster than MaxSpeed: a fault of the recording
)

// step is the move between two consecutive fixes.
type step struct {
	kind stepKind
	// dist is the straight distance between the fixes; driven what the
	// ride's odometer counts for it (see classify).
	dist, driven float64
	// follows is true when the ride followed the route across the step:
	// the second fix found ahead on the route about as far along it as
	// the fixes are apart.
	follows bool
}

// sparseStep is the distance in metres beyond which a step that follows
// the route counts the route's distance between its fixes rather than the
// straight line: fixes a minute apart cut the bends of the road.
const sparseStep = 100

// classify judges the step from fix i to fix j (consecutive, not spikes),
// j located at mt on the route when found (viaWindow: ahead in the window). By
// time where the fixes have times: faster than MaxSpeed is a jump (not
// counted), longer than the gap limit a gap; without times, a step longer
// than Jump that does not follow the route is a gap. What is counted as
// driven: the straight distance, or the route's distance between the
// fixes when the step follows the route and is longer than sparseStep (a
// sparse log, a route checked against itself), or across a gap the ride
// followed the route through.
func (c *checker) classify(i, j int, mt match, found, viaWindow bool) step {
	rd := c.rd
	d := rd.pairLen(i, j)
	st := step{kind: stepMove, dist: d, driven: d}
	r := c.o.OffRoute
	along := 0.0
	// Following: found ahead in the window, or, before the ride is found
	// on the route for good, found on it as its previous fix was.
	if found && c.prevOn && (viaWindow || !c.acquired) && !c.inExc && c.offN == 0 {
		along = mt.along - c.prevSeen.along
		st.follows = along >= d-2*r && along <= 2*d+2*r
	}
	dt := rd.dt(i, j)
	maxV := c.o.MaxSpeed / 3.6
	switch timed := !math.IsNaN(dt); {
	case timed && ((dt > 0 && d/dt > maxV) || (dt <= 0 && d > r)):
		st.kind, st.driven, st.follows = stepJump, 0, false
	case timed && dt > c.gapTime:
		st.kind = stepGap
		if st.follows && along/dt <= maxV {
			st.driven = along
		}
	case !timed && d > c.o.Jump && !st.follows:
		st.kind = stepGap
	case st.follows && d > sparseStep:
		st.driven = along
	}
	return st
}

// brk reports whether fixes i and j (consecutive, not spikes) are either
// side of a break in the recording, judged by time and distance alone: a
// gap or a jump, or without times a step longer than Jump. Speeds are not
// measured across one.
func (c *checker) brk(i, j int) bool {
	d := c.rd.pairLen(i, j)
	dt := c.rd.dt(i, j)
	if math.IsNaN(dt) {
		return d > c.o.Jump
	}
	return dt > c.gapTime || (dt > 0 && d/dt > c.o.MaxSpeed/3.6) || (dt <= 0 && d > c.o.OffRoute)
}

// addGap reports the gap or jump of step st, between fixes i and j: the
// route distances where the ride was matched before and after it (each
// unknown, NaN, when that fix was not on the route).
func (c *checker) addGap(i, j int, st step, mt match, found bool) {
	g := Gap{After: i, Before: j, Start: c.rd.at(i), End: c.rd.at(j), Distance: st.dist, Driven: st.driven,
		FromKm: math.NaN(), ToKm: math.NaN(), Jump: st.kind == stepJump}
	if !g.Start.IsZero() && !g.End.IsZero() {
		g.Duration = g.End.Sub(g.Start)
	}
	if c.prevOn {
		g.FromKm = c.prevSeen.along / 1000
	}
	if found {
		g.ToKm = mt.along / 1000
	}
	c.rep.GapCount++
	c.rep.GapTime += g.Duration
	if len(c.rep.Gaps) < MaxGaps {
		c.rep.Gaps = append(c.rep.Gaps, g)
	}
}

package route

import (
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
		return geo.Length(r.pts[i : j+1])
	}
	return geo.Length(orb.LineString{r.pts[i], r.pts[j]})
}

// match is a fix's place on the route.
type match struct {
	seg   int
	along float64 // metres
	dist  float64 // metres from the route
}

// cand is a route segment near a fix.
type cand struct {
	seg   int
	d2    float64
	along float64
}

// matcher holds the route side of a check.
type matcher struct {
	path *geo.Path
	ix   *geo.Index
	r    float64 // off-route threshold, metres
	r2   float64
	back float64 // metres searched behind the last match
	buf  []cand
}

// project measures segment s from the fix whose plane is pl.
func (m *matcher) project(pl geo.Plane, s int) cand {
	d2, t := pl.SegmentDistance(m.path.Line[s], m.path.Line[s+1])
	return cand{seg: s, d2: d2, along: m.path.Odo[s] + t*(m.path.Odo[s+1]-m.path.Odo[s])}
}

// pick chooses among candidates (in route order, each within the
// threshold) the first pass: runs of consecutive segments are passes, and
// the first pass whose closest segment is within half the threshold of the
// best of all is taken, at its closest segment. This prefers the earlier
// pass where the route runs twice along the same road.
func (m *matcher) pick(cs []cand) (match, bool) {
	if len(cs) == 0 {
		return match{}, false
	}
	best := math.Inf(1)
	for _, c := range cs {
		best = math.Min(best, c.d2)
	}
	lim := math.Sqrt(best) + m.r/2
	lim *= lim
	for i := 0; i < len(cs); {
		j, bi := i, i
		for j+1 < len(cs) && cs[j+1].seg <= cs[j].seg+1 {
			j++
			if cs[j].d2 < cs[bi].d2 {
				bi = j
			}
		}
		if cs[bi].d2 <= lim {
			c := cs[bi]
			return match{seg: c.seg, along: c.along, dist: math.Sqrt(c.d2)}, true
		}
		i = j + 1
	}
	return match{}, false // not reached: the best is in some run
}

// window searches the route from back metres behind cur to fwd metres ahead.
func (m *matcher) window(q orb.Point, cur match, fwd float64) (match, bool) {
	n := len(m.path.Line)
	if n < 2 {
		return match{}, false
	}
	pl := geo.NewPlane(q)
	odo := m.path.Odo
	lo := cur.seg
	for lo > 0 && odo[lo] > cur.along-m.back {
		lo--
	}
	cs := m.buf[:0]
	// A finished pass whose nearest segment is within half the threshold
	// is the one pick takes, whatever comes after it: stop there.
	half2 := m.r2 / 4
	runMin := math.Inf(1)
	for s := lo; s < n-1; s++ {
		if odo[s] > cur.along+fwd {
			break
		}
		c := m.project(pl, s)
		if c.d2 > m.r2 {
			if runMin <= half2 {
				break
			}
			runMin = math.Inf(1)
			continue
		}
		cs = append(cs, c)
		runMin = math.Min(runMin, c.d2)
	}
	m.buf = cs
	return m.pick(cs)
}

// anywhere looks q up in the whole route: the first pass ahead of cur (from
// back metres behind it), else the nearest pass behind.
func (m *matcher) anywhere(q orb.Point, cur match, acquired bool) (match, bool) {
	near := m.ix.Within(q, m.r)
	if len(near) == 0 {
		return match{}, false
	}
	ahead := m.buf[:0]
	var behind []cand
	for _, pr := range near {
		c := cand{seg: pr.Segment, d2: pr.Offset * pr.Offset, along: pr.Along}
		if !acquired || c.along >= cur.along-m.back {
			ahead = append(ahead, c)
		} else {
			behind = append(behind, c)
		}
	}
	m.buf = ahead
	if mt, ok := m.pick(ahead); ok {
		return mt, true
	}
	if len(behind) == 0 {
		return match{}, false
	}
	// The nearest pass behind: the last run, at its closest segment.
	j := len(behind) - 1
	bi := j
	for j > 0 && behind[j-1].seg >= behind[j].seg-1 {
		j--
		if behind[j].d2 < behind[bi].d2 {
			bi = j
		}
	}
	c := behind[bi]
	return match{seg: c.seg, along: c.along, dist: math.Sqrt(c.d2)}, true
}

// nearestExact returns the distance in metres from q to the nearest point
// of the whole route (geo.Index.Nearest: exact geodesic beyond 1 km).
func (m *matcher) nearestExact(q orb.Point) float64 {
	return m.ix.Nearest(q).Distance()
}

// offTrack follows the fixes of a run off the route: the farthest one, the
// driven distance.
type offTrack struct {
	first, last int
	from        match   // the last match before the run
	driven0     float64 // ride odometer at first
	drivenLast  float64 // ride odometer at last
	far         int
	farD        float64
	exactI      int     // last fix measured exactly
	exactD      float64 // and its distance
}

// Check compares a recorded ride with the stage's route and waypoints: the
// excursions off the route, the waypoints validated and missed, the speed
// zones, the section times, the recording gaps and whether the ride
// retired. Fixes are every point of every track segment of ride, in file
// order; routes (<rte>) in ride are ignored.
//
// Each fix is matched to the route forward from the last match within
// CheckOptions.Window; a fix not found there is looked up in the whole route
// (a spatial index), preferring the first pass ahead, and such a jump is
// only believed after CheckOptions.Fixes consecutive fixes agree. The cost is
// linear in the number of fixes and route points. A nil stage, an empty
// route or an empty ride give a report with nothing found.
func Check(s *Stage, rideFile *File, opts CheckOptions) *Report {
	o := opts.withDefaults()
	rep := &Report{}
	rd := flatten(rideFile)
	rep.Fixes = len(rd.pts)
	if s == nil {
		return rep
	}
	rep.Stage = s.Name
	rep.RouteKm = s.Length() / 1000
	if rd.timed {
		for i := range rd.t {
			if !math.IsNaN(rd.t[i]) {
				if rep.Start.IsZero() {
					rep.Start = rd.at(i)
				}
				rep.End = rd.at(i)
			}
		}
	}
	if s.Path == nil || len(s.Path.Line) < 2 || len(rd.pts) == 0 {
		rep.Waypoints, _ = waypointChain(s, o)
		for i := range rep.Waypoints {
			w := &rep.Waypoints[i]
			w.Penalty = w.penaltyOf(o.Rules)
			rep.Penalty += w.Penalty
			rep.Missed++
		}
		return rep
	}
	c := newChecker(s, rd, o, rep)
	c.run()
	c.finish()
	return rep
}

// checker is the state of one Check.
type checker struct {
	s   *Stage
	rd  *ride
	o   CheckOptions
	rep *Report
	m   *matcher

	spike []bool // isolated outliers, ignored

	// route matching
	acquired bool
	cur      match // committed match
	maxProg  float64
	pend     match   // a jump not yet believed
	pendN    int     // fixes agreeing with it
	pendI    int     // the fix it was found for
	lastFix  int     // the ride's last fix that is not a spike
	sinceOn  float64 // metres driven since the last fix on the route

	// excursions (hysteresis)
	inExc bool
	off   offTrack // the current run of fixes off the route
	offN  int
	onN   int
	back  match // first match of the current run back on the route
	lastI int   // last fix processed (not a spike)

	odo  float64 // ride odometer, metres
	odo0 float64 // the trip odometer at the previous pair's end (validate)

	// trip odometer: the ride odometer without GPS jitter (see tripStep)
	tripOdo     float64
	tripAnchor  int     // the last fix counted
	tripPending float64 // from it to the current fix, not yet counted

	// waypoints
	wps      []wpState
	curWP    int
	inside   []int // validated waypoints the ride is still inside the radius of
	progFix  []int
	progAt   []float64 // sorted route distances whose first passing fix is wanted
	progNext int

	gapOpen int // index in rep.Gaps of a gap waiting for its ToKm, -1

	firstFix   int     // first fix matched on the route, -1
	firstAlong float64 // and where

	commits int      // how many times commit ran
	ww      wrongWay // driving against the route
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

func newChecker(s *Stage, rd *ride, o CheckOptions, rep *Report) *checker {
	c := &checker{s: s, rd: rd, o: o, rep: rep, gapOpen: -1, lastI: -1, firstFix: -1}
	c.m = &matcher{path: s.Path, ix: s.Index(), r: o.OffRoute, r2: o.OffRoute * o.OffRoute, back: o.OffRoute}
	c.rep.Waypoints, c.wps = waypointChain(s, o)
	c.findSpikes()
	c.progAt = []float64{s.Length() - o.Finish}
	for _, w := range c.wps {
		c.progAt = append(c.progAt, w.along)
	}
	for _, sec := range s.Sections {
		c.progAt = append(c.progAt, sec.From, sec.To)
	}
	sort.Float64s(c.progAt)
	c.progFix = make([]int, len(c.progAt))
	for i := range c.progFix {
		c.progFix[i] = -1
	}
	return c
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
			if a < 100*ta || b < 100*tb { // under 360 km/h: could be real
				continue
			}
		}
		c.spike[i] = true
		c.rep.Spikes++
	}
}

// isGap reports whether fixes i and j (consecutive, not spikes) are either
// side of a recording gap, and the distance between them.
func (c *checker) isGap(i, j int) (bool, float64) {
	d := c.rd.pairLen(i, j)
	if d > c.o.Jump {
		return true, d
	}
	if dt := c.rd.dt(i, j); dt > c.o.Gap.Seconds() {
		return true, d
	}
	return false, d
}

func (c *checker) run() {
	rd := c.rd
	c.lastFix = -1
	for i := len(rd.pts) - 1; i >= 0; i-- {
		if !c.spike[i] {
			c.lastFix = i
			break
		}
	}
	for i := range rd.pts {
		if c.spike[i] {
			continue
		}
		prev := c.lastI
		c.lastI = i
		gap := false
		if prev >= 0 {
			var d float64
			gap, d = c.isGap(prev, i)
			if gap {
				c.rep.Gaps = append(c.rep.Gaps, Gap{After: prev, Before: i, Start: rd.at(prev), End: rd.at(i),
					Distance: d, FromKm: c.cur.along / 1000, ToKm: c.cur.along / 1000})
				if !rd.at(prev).IsZero() && !rd.at(i).IsZero() {
					c.rep.Gaps[len(c.rep.Gaps)-1].Duration = rd.at(i).Sub(rd.at(prev))
				}
				c.gapOpen = len(c.rep.Gaps) - 1
			} else {
				c.odo += d
				c.sinceOn += d
			}
			c.tripStep(prev, i, d, gap)
		} else {
			c.tripAnchor = i
		}
		if prev >= 0 && !gap {
			c.validate(prev, i, c.tripOdo+c.tripPending)
		}
		before, commits := c.cur.along, c.commits
		c.step(i, gap)
		c.wrongWayStep(i, c.commits != commits, before, gap)
		c.passProgress(i)
	}
}

// step matches fix i and runs the excursion state machine.
func (c *checker) step(i int, gap bool) {
	q := c.rd.pts[i]
	if !c.acquired {
		// Not on the route yet: nothing to leave. The first place on the
		// route is believed after Fixes consecutive fixes that agree (each
		// no farther along from the previous than it drove, plus the
		// threshold), so a spike near another pass cannot start the ride
		// there.
		mt, ok := c.m.anywhere(q, match{}, false)
		switch {
		case !ok:
			c.pendN = 0
			return
		case c.pendN > 0 && math.Abs(mt.along-c.pend.along) <= c.rd.pairLen(c.pendI, i)+2*c.o.OffRoute:
			c.pendN++
		default:
			c.pendN = 1
			c.firstFix, c.firstAlong = i, mt.along
		}
		c.pend, c.pendI = mt, i
		if c.pendN >= c.o.Fixes || i == c.lastFix {
			c.acquired = true
			c.commit(mt, i)
			c.sinceOn = 0
		}
		return
	}
	fwd := c.o.Window + math.Min(c.sinceOn, 2000)
	mt, ok := c.m.window(q, c.cur, fwd)
	viaWindow := ok
	if !ok {
		mt, ok = c.m.anywhere(q, c.cur, true)
	}
	if !ok {
		c.offFix(i)
		return
	}
	c.sinceOn = 0
	c.onFix(i, mt, viaWindow && !c.inExc && !gap)
}

// commit makes mt the committed match.
func (c *checker) commit(mt match, i int) {
	c.cur = mt
	c.commits++
	c.pendN = 0
	if c.gapOpen >= 0 {
		c.rep.Gaps[c.gapOpen].ToKm = mt.along / 1000
		c.gapOpen = -1
	}
	if mt.along > c.maxProg {
		c.maxProg = mt.along
	}
	c.missPassed(i)
}

// onFix handles fix i found on the route at mt. direct is true when mt
// continues the committed match (found in the window while following the
// route); otherwise it is believed after CheckOptions.Fixes consecutive
// fixes.
func (c *checker) onFix(i int, mt match, direct bool) {
	if c.inExc {
		c.onN++
		if c.onN == 1 {
			c.back = mt
		}
		if c.onN >= c.o.Fixes {
			c.closeExcursion(c.back)
			c.commit(mt, i)
		}
		return
	}
	c.offN = 0
	if direct {
		if mt.along > c.cur.along {
			c.commit(mt, i)
		}
		c.pendN = 0
		return
	}
	c.pend = mt
	c.pendN++
	if c.pendN >= c.o.Fixes {
		c.commit(c.pend, i)
	}
}

// offFix handles fix i farther than the threshold from the route.
func (c *checker) offFix(i int) {
	c.pendN = 0
	if c.inExc {
		c.onN = 0
		c.trackOff(i)
		return
	}
	if c.offN == 0 {
		c.off = offTrack{first: i, from: c.cur, driven0: c.odo, far: -1, exactI: -1}
	}
	c.offN++
	c.trackOff(i)
	if c.offN >= c.o.Fixes {
		c.inExc = true
		c.onN = 0
	}
}

// trackOff follows the run off the route: the last fix, the farthest.
func (c *checker) trackOff(i int) {
	t := &c.off
	t.last = i
	t.drivenLast = c.odo
	q := c.rd.pts[i]
	if t.exactI >= 0 {
		step := c.rd.pairLen(t.exactI, i)
		if t.exactD+step <= t.farD {
			return // cannot be farther than the farthest so far
		}
	}
	d := c.m.nearestExact(q)
	if math.IsNaN(d) {
		return
	}
	t.exactI, t.exactD = i, d
	if t.far < 0 || d > t.farD {
		t.far, t.farD = i, d
	}
}

// closeExcursion ends the current excursion where the ride came back at mt.
func (c *checker) closeExcursion(mt match) {
	c.inExc = false
	c.offN, c.onN = 0, 0
	c.addExcursion(mt, false)
}

func (c *checker) addExcursion(back match, never bool) {
	t := c.off
	e := Excursion{
		FromKm: t.from.along / 1000, ToKm: back.along / 1000,
		Left: c.s.Path.PointAt(t.from.along), Rejoined: c.s.Path.PointAt(back.along),
		First: t.first, Last: t.last, Farthest: t.far, MaxOffset: t.farD,
		Driven: t.drivenLast - t.driven0,
		Start:  c.rd.at(t.first), End: c.rd.at(t.last),
	}
	if !e.Start.IsZero() && !e.End.IsZero() {
		e.Duration = e.End.Sub(e.Start)
	}
	switch d := back.along - t.from.along; {
	case never:
		e.Rejoin = RejoinNever
	case d > c.o.Shortcut:
		e.Rejoin = RejoinAhead
	case d < -c.o.Shortcut:
		e.Rejoin = RejoinBehind
	default:
		e.Rejoin = RejoinSame
	}
	c.rep.Excursions = append(c.rep.Excursions, e)
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

// passProgress records the first fix at which the committed route distance
// passes each distance of interest.
func (c *checker) passProgress(i int) {
	if !c.acquired {
		return
	}
	if c.progNext == 0 {
		// Behind the place where the ride was first found on the route
		// it passed nothing (a ride started late, or driven in reverse).
		for c.progNext < len(c.progAt) && c.progAt[c.progNext] < c.firstAlong-c.o.OffRoute {
			c.progNext++
		}
	}
	for c.progNext < len(c.progAt) && c.maxProg >= c.progAt[c.progNext] {
		c.progFix[c.progNext] = i
		c.progNext++
	}
}

// passedAt returns the first fix at which the ride was matched at or past
// route distance d, -1 when never.
func (c *checker) passedAt(d float64) int {
	k := sort.SearchFloat64s(c.progAt, d)
	if k < len(c.progAt) && c.progAt[k] == d {
		return c.progFix[k]
	}
	return -1
}

func (c *checker) finish() {
	rep := c.rep
	last := c.lastI
	if c.inExc {
		c.addExcursion(c.off.from, true)
	}
	c.wrongWayClose()
	rep.Driven = c.odo
	for i := range rep.Waypoints {
		w := &rep.Waypoints[i]
		if !w.Validated {
			w.Penalty = w.penaltyOf(c.o.Rules)
			rep.Penalty += w.Penalty
			rep.Missed++
		}
	}
	c.tripMeter()
	if last >= 0 && (!c.acquired || c.maxProg < c.s.Length()-c.o.Finish) {
		rep.Retired = &Retirement{Km: c.cur.along / 1000, Index: last, Time: c.rd.at(last), Point: c.rd.pts[last]}
	}
	c.zones()
	c.sections()
}

// tripJitter is the distance in metres a fix must be from the last fix
// counted to add to the trip odometer: standing still, GPS noise of a few
// metres would otherwise add up (hundreds of metres over a refuelling
// stop) where a wheel-driven trip meter counts nothing.
const tripJitter = 15

// tripStep advances the trip odometer to fix i (prev the fix before it, d
// their distance): a fix 15 m or more from the last one counted adds that
// distance and becomes the last counted; a nearer one reads as the last
// counted plus its distance from it (which does not add up standing
// still). Moving at 15 m/s or more at 1 Hz,
// every fix counts and it equals the plain odometer; a gap restarts it at i.
func (c *checker) tripStep(prev, i int, d float64, gap bool) {
	if gap {
		c.tripAnchor, c.tripPending = i, 0
		return
	}
	if c.tripAnchor != prev {
		d = c.rd.pairLen(c.tripAnchor, i)
	}
	c.tripPending = 0
	if d >= tripJitter {
		c.tripOdo += d
		c.tripAnchor = i
	} else {
		c.tripPending = d
	}
}

// tripMeter fills the trip-meter legs between consecutive validated
// waypoints, and the share of WP waypoints validated.
func (c *checker) tripMeter() {
	rep := c.rep
	prev := -1
	for i, w := range rep.Waypoints {
		if c.s.Waypoints[w.Waypoint].IsWP() {
			rep.WPs++
			if w.Validated {
				rep.WPsValidated++
			}
		}
		if !w.Validated || !w.HasDistance {
			continue
		}
		if prev >= 0 {
			p := rep.Waypoints[prev]
			rep.TripMeter = append(rep.TripMeter, TripLeg{From: prev, To: i,
				Roadbook: (w.Km - p.Km) * 1000, Driven: w.Odometer - p.Odometer})
		}
		prev = i
	}
	rep.MinValidated = c.o.Rules.MinValidated()
	if rep.MinValidated > 0 && rep.WPs > 0 {
		rep.NotFinishing = float64(rep.WPsValidated) < rep.MinValidated/100*float64(rep.WPs)
	}
}

// zones measures every speed zone of the stage (Stage.Zones).
func (c *checker) zones() {
	tol := c.o.Rules.Tolerance()
	rule := c.o.Rules.SpeedingRule()
	chain := make(map[int]int, len(c.rep.Waypoints)) // stage index → chain index
	for k, w := range c.rep.Waypoints {
		chain[w.Waypoint] = k
	}
	for _, z := range c.s.Zones {
		c.zone(z, chain, tol, rule)
	}
}

// zone measures the ride in zone z; chain maps the stage's waypoint
// indexes to those of the report's chain.
func (c *checker) zone(sz Zone, chain map[int]int, tol float64, rule *SpeedingRule) {
	rep := c.rep
	dw := &c.s.Waypoints[sz.Start]
	z := SpeedZone{DZ: sz.Start, FZ: sz.End, Name: dw.Label(), FromKm: sz.From / 1000, ToKm: sz.To / 1000,
		Limit: sz.Limit, Tolerance: tol, First: -1, Last: -1, MaxIndex: -1}
	dk, dOK := chain[sz.Start]
	fk, fOK := -1, false
	if sz.End >= 0 {
		fk, fOK = chain[sz.End]
	}
	validated := func(k int, ok bool) bool { return ok && rep.Waypoints[k].Validated }
	start := -1
	if validated(dk, dOK) {
		start = rep.Waypoints[dk].Index
	} else {
		start = c.passedAt(sz.From)
		if sz.End >= 0 && start >= 0 && c.passedAt(sz.To) == start {
			start = -1 // jumped over the whole zone: never in it
		}
	}
	end := c.lastI
	if sz.End >= 0 {
		if validated(fk, fOK) {
			end = rep.Waypoints[fk].Index
		} else if e := c.passedAt(sz.To); e >= 0 {
			end = e
		}
	}
	if start < 0 || end < start {
		rep.Zones = append(rep.Zones, z)
		return
	}
	z.Entered = true
	z.First, z.Last = start, end
	z.Start, z.End = c.rd.at(start), c.rd.at(end)
	if validated(dk, dOK) {
		z.Start = rep.Waypoints[dk].Time
	}
	if validated(fk, fOK) {
		z.End = rep.Waypoints[fk].Time
	}
	v := c.speeds(start, end)
	lim := (z.Limit + tol) / 3.6
	prev := -1
	for i := start; i <= end; i++ {
		if c.spike[i] || math.IsNaN(v[i-start]) {
			continue
		}
		if kmh := v[i-start] * 3.6; z.MaxIndex < 0 || kmh > z.MaxSpeed {
			z.MaxSpeed, z.MaxIndex = kmh, i
		}
		if prev >= 0 && z.Limit > 0 {
			dt := c.rd.dt(prev, i)
			if gap, dist := c.isGap(prev, i); !gap && dt > 0 && (v[prev-start]+v[i-start])/2 > lim {
				z.OverDistance += dist
				z.OverTime += time.Duration(dt * float64(time.Second))
				z.Gained += time.Duration((dist/(z.Limit/3.6) - dt) * float64(time.Second))
			}
		}
		prev = i
	}
	if z.Limit > 0 && z.MaxIndex >= 0 {
		z.Penalty = rule.Penalty(z.MaxSpeed-z.Limit-tol, z.Gained)
		rep.Penalty += z.Penalty
	}
	z.OverTime = z.OverTime.Round(time.Millisecond)
	z.Gained = z.Gained.Round(time.Millisecond)
	rep.Zones = append(rep.Zones, z)
}

// speeds returns the speed in m/s of fixes from..to: the recorded speed
// where there is one, else the straight distance between the fixes
// SpeedWindow/2 before and after over their time difference (spikes and
// gaps excluded); NaN where unknown.
func (c *checker) speeds(from, to int) []float64 {
	rd := c.rd
	v := make([]float64, to-from+1)
	half := c.o.SpeedWindow.Seconds() / 2
	for i := from; i <= to; i++ {
		v[i-from] = math.NaN()
		if rd.spd != nil && !math.IsNaN(rd.spd[i]) {
			v[i-from] = rd.spd[i]
			continue
		}
		if c.spike[i] || math.IsNaN(rd.t[i]) {
			continue
		}
		j := i
		for k := i - 1; k >= 0; k-- {
			if c.spike[k] {
				continue
			}
			if g, _ := c.isGap(k, j); g || math.IsNaN(rd.t[k]) || rd.t[i]-rd.t[k] > half {
				break
			}
			j = k
		}
		l := i
		for k := i + 1; k < len(rd.pts); k++ {
			if c.spike[k] {
				continue
			}
			if g, _ := c.isGap(l, k); g || math.IsNaN(rd.t[k]) || rd.t[k]-rd.t[i] > half {
				break
			}
			l = k
		}
		if dt := rd.t[l] - rd.t[j]; l > j && dt > 0 {
			v[i-from] = rd.pairLen(j, l) / dt
		}
	}
	return v
}

// sections times the ride over each section.
func (c *checker) sections() {
	rep := c.rep
	byStage := map[int]int{}
	for k, w := range rep.Waypoints {
		byStage[w.Waypoint] = k
	}
	when := func(wp int, along float64, end bool) time.Time {
		if k, ok := byStage[wp]; ok && wp >= 0 && rep.Waypoints[k].Validated {
			return rep.Waypoints[k].Passed
		}
		if wp < 0 && !end && along == 0 {
			return c.firstOnTime()
		}
		if wp < 0 && end {
			return c.finishTime()
		}
		if i := c.passedAt(along); i >= 0 {
			return c.rd.at(i)
		}
		return time.Time{}
	}
	allSpecial := true
	nSpecial := 0
	for _, sec := range c.s.Sections {
		st := SectionTime{Kind: sec.Kind, Sector: sec.Sector, FromKm: sec.From / 1000, ToKm: sec.To / 1000}
		st.Start = when(sec.Start, sec.From, false)
		st.End = when(sec.End, sec.To, true)
		if !st.Start.IsZero() && !st.End.IsZero() && !st.End.Before(st.Start) {
			st.Complete = true
			st.Duration = st.End.Sub(st.Start)
			if h := st.Duration.Hours(); h > 0 {
				st.Speed = sec.Length() / 1000 / h
			}
		}
		switch sec.Kind {
		case Special:
			nSpecial++
			if st.Complete {
				rep.Special += st.Duration
			} else {
				allSpecial = false
			}
		case Neutralisation:
			if st.Complete {
				rep.Neutralised += st.Duration
			}
		}
		rep.Sections = append(rep.Sections, st)
	}
	rep.HasSpecial = nSpecial > 0 && allSpecial
	if !rep.HasSpecial {
		rep.Special = 0
	}
}

// firstOnTime is the time of the first fix matched on the route when that
// was within CheckOptions.Finish of the route's start, else zero.
func (c *checker) firstOnTime() time.Time {
	if c.firstFix >= 0 && c.firstAlong <= c.o.Finish {
		return c.rd.at(c.firstFix)
	}
	return time.Time{}
}

// finishTime is when a ride that reached the route's end (came within
// CheckOptions.Finish of it along the route) passed closest to its last
// point; zero when it did not reach it.
func (c *checker) finishTime() time.Time {
	i0 := c.passedAt(c.s.Length() - c.o.Finish)
	if i0 < 0 {
		return time.Time{}
	}
	end := geo.NewPlane(c.s.Path.Line[len(c.s.Path.Line)-1])
	best, at := math.Inf(1), c.rd.at(i0)
	prev, bi := -1, -1
	for i := i0; i < len(c.rd.pts); i++ {
		if c.spike[i] {
			continue
		}
		if prev >= 0 {
			if gap, _ := c.isGap(prev, i); !gap {
				if d2, t := end.SegmentDistance(c.rd.pts[prev], c.rd.pts[i]); d2 < best {
					best, bi, at = d2, prev, c.rd.timeAt(prev, i, t)
				}
			}
		}
		if bi >= 0 && math.Sqrt(best) < c.o.Finish && c.rd.pairLen(bi, i) > 2*c.o.Finish {
			break // driving away from the finish
		}
		prev = i
	}
	return at
}

package route

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

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

// follow is the checker's matching state: where the ride is on the route.
type follow struct {
	acquired bool
	cur      match // committed match
	maxProg  float64
	pend     match   // a jump not yet believed
	pendN    int     // fixes agreeing with it
	pendI    int     // the fix it was found for
	sinceOn  float64 // metres driven since the last fix on the route
	lastStep float64 // metres between the last two fixes
	commits  int     // how many times commit ran

	firstFix   int     // first fix matched on the route, -1
	firstAlong float64 // and where

	// onRoad is the last committed match of a fix within GPS noise of the
	// route (departNoise): where an excursion that starts soon after it
	// left the road, rather than the last match within the threshold,
	// which is already on the way off.
	onRoad   match
	onRoadOK bool
	// roadBefore is the onRoad before it: the ride passed between the two.
	roadBefore   match
	roadBeforeOK bool
}

// departNoise returns the distance in metres from the route within which a
// fix counts as still on the road (GPS noise, not the start of a wrong
// turn): a quarter of the off-route threshold, at least 10 m.
func (c *checker) departNoise() float64 { return math.Max(10, c.o.OffRoute/4) }

// offTrack follows the fixes of a run off the route: the farthest one, the
// driven distance.
type offTrack struct {
	first, last int
	from        match   // the last match before the run
	wp          int     // the waypoint the ride left the route at, -1
	driven0     float64 // ride odometer at first
	drivenLast  float64 // ride odometer at last
	far         int
	farD        float64
	exactI      int     // last fix measured exactly
	exactD      float64 // and its distance
}

// off is the checker's excursion state, with hysteresis.
type off struct {
	inExc     bool
	excursion offTrack // the current run of fixes off the route
	offN      int
	onN       int
	back      match // first match of the current run back on the route
}

// locate finds fix i on the route without changing anything: forward from
// the committed match in the window while the ride follows the route
// (viaWindow), else anywhere on the route through the index. prev is the
// fix before, -1 for none.
func (c *checker) locate(i, prev int) (mt match, found, viaWindow bool) {
	q := c.rd.pts[i]
	if !c.acquired {
		mt, found = c.m.anywhere(q, match{}, false)
		return mt, found, false
	}
	d := 0.0
	if prev >= 0 {
		d = c.rd.pairLen(prev, i)
	}
	fwd := c.o.Window + math.Min(c.sinceOn+d, math.Max(2000, 2*d))
	if mt, found = c.m.window(q, c.cur, fwd); found {
		return mt, true, true
	}
	mt, found = c.m.anywhere(q, c.cur, true)
	return mt, found, false
}

// apply runs the matching and excursion state machine for fix i, located at
// mt (found: within the threshold of the route). gap is true when i ends a
// recording gap or a jump the ride did not follow the route across: the
// match is then believed only after CheckOptions.Fixes agreeing fixes.
func (c *checker) apply(i int, mt match, found, viaWindow, gap bool) {
	if !c.acquired {
		// Not on the route yet: nothing to leave. The first place on the
		// route is believed after Fixes consecutive fixes that agree (each
		// no farther along from the previous than it drove, plus the
		// threshold), so a spike near another pass cannot start the ride
		// there.
		switch {
		case !found:
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
	if !found {
		c.offFix(i)
		return
	}
	c.sinceOn = 0
	c.onFix(i, mt, viaWindow && !c.inExc && !gap)
}

// commit makes mt the committed match.
func (c *checker) commit(mt match, i int) {
	c.cur = mt
	if mt.dist <= c.departNoise() {
		c.roadBefore, c.roadBeforeOK = c.onRoad, c.onRoadOK
		c.onRoad, c.onRoadOK = mt, true
	}
	c.commits++
	c.pendN = 0
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
		// The ride left the road after the last fix on it: its last
		// committed match drifting off within the threshold is already
		// on the way out (at 1 Hz and 70 km/h, 40 m past the junction).
		from := c.cur
		lo := from.along - c.departNoise()
		if c.onRoadOK && c.onRoad.along <= from.along && from.along-c.onRoad.along <= 2*c.o.OffRoute {
			from = c.onRoad
			lo = from.along - c.departNoise()
			if c.roadBeforeOK && c.roadBefore.along < lo {
				lo = math.Max(c.roadBefore.along, from.along-2*c.o.OffRoute)
			}
		}
		wp := c.leftAt(lo, from.along+c.departNoise(), from.along)
		if wp >= 0 {
			from.along = c.s.Waypoints[wp].Along
		}
		c.excursion = offTrack{first: i, from: from, wp: wp, driven0: c.odo, far: -1, exactI: -1}
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
	t := &c.excursion
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
// leftAt returns the index in Stage.Waypoints of the waypoint placed on
// the route between lo and hi metres (the stretch the ride drove between
// its last fixes on the road and the first on the way off) nearest to
// at, the later of two as near; -1 for none. A box there is the junction
// the crew went wrong at, and its distance is the roadbook's figure for
// it.
func (c *checker) leftAt(lo, hi, at float64) int {
	ws := c.s.Waypoints
	k := sort.Search(len(ws), func(k int) bool { return ws[k].Along >= lo })
	best := -1
	for ; k < len(ws) && ws[k].Along <= hi; k++ {
		if !ws[k].OnRoute {
			continue
		}
		if best < 0 || math.Abs(ws[k].Along-at) <= math.Abs(ws[best].Along-at) {
			best = k
		}
	}
	return best
}

func (c *checker) closeExcursion(mt match) {
	c.inExc = false
	c.offN, c.onN = 0, 0
	c.addExcursion(mt, false)
}

func (c *checker) addExcursion(back match, never bool) {
	t := c.excursion
	e := Excursion{
		FromKm: t.from.along / 1000, ToKm: back.along / 1000,
		Left: c.s.Path.PointAt(t.from.along), Rejoined: c.s.Path.PointAt(back.along),
		Waypoint: t.wp,
		First:    t.first, Last: t.last, Farthest: t.far, MaxOffset: t.farD,
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

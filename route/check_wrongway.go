package route

import (
	"time"
)

// WrongWay is a stretch where the ride drove along the route against its
// direction: a whole stage driven in reverse, or a crew going back down the
// road to a junction it overshot. The ride is on the route all along (an
// excursion is reported apart), so only the order of the places it passes
// tells.
type WrongWay struct {
	// FromKm is the route distance in km where the ride turned against the
	// route; ToKm the farthest back it went (ToKm < FromKm).
	FromKm, ToKm float64
	// First and Last are the indexes of the fixes at FromKm and ToKm,
	// counted across the whole ride as Excursion's are.
	First, Last int
	// Start and End are the times of fixes First and Last (zero without
	// times); Duration is End − Start.
	Start, End time.Time
	Duration   time.Duration
}

// wrongWaySample is the ride distance in metres between two looks at where
// the ride is on the route when the forward matching does not say:
// standing still, the GPS noise makes no samples.
const wrongWaySample = 50

// wrongWay follows the ride's place on the route in both directions. The
// forward matcher only moves forward (a fix behind the last match does not
// move it, so a crew reversing is still "at" the farthest place): this
// follows the fixes the matcher leaves where they are, with a projection on
// the route around the last place, either way, and notes the runs that go
// back.
type wrongWay struct {
	ok   bool    // k is known
	k    float64 // the ride's place on the route, metres
	fix  int     // the fix at k
	odo  float64 // ride odometer at fix
	in   bool    // in a run against the route
	from float64 // where the run turned
	ffix int
	min  float64 // the farthest back so far
	mfix int
}

// wrongWayStep follows fix i; committed is true when step(i) moved the
// committed match, gap when a recording gap ends at i.
func (c *checker) wrongWayStep(i int, committed bool, before float64, gap bool) {
	w := &c.ww
	if gap || c.inExc || c.offN > 0 {
		c.wrongWayLose()
	}
	if !c.acquired || c.inExc || c.offN > 0 {
		return
	}
	if committed && c.cur.along > before {
		// The matcher moved forward to fix i. A jump farther than the ride
		// drove (an excursion that rejoined ahead) starts afresh.
		if w.ok && c.cur.along-w.k > c.odo-w.odo+2*c.o.OffRoute {
			c.wrongWayLose()
		}
		if w.ok {
			c.wrongWayMove(c.cur.along, i)
		} else {
			*w = wrongWay{ok: true, k: c.cur.along, fix: i, odo: c.odo}
		}
		return
	}
	if !w.ok {
		if committed {
			*w = wrongWay{ok: true, k: c.cur.along, fix: i, odo: c.odo}
		}
		return
	}
	d := c.odo - w.odo
	if d < wrongWaySample {
		return
	}
	// Around the last place, as far as the ride drove and the threshold
	// either way. The forward side wins unless the backward one is
	// clearly nearer: where the route comes back along the same road
	// (an out-and-back) both are near, and the crew follows the route.
	win := d + 2*c.o.OffRoute
	q := c.rd.pts[i]
	fw := c.s.Path.ProjectForward(q, w.k, win)
	bw := c.s.Path.ProjectForward(q, w.k-win, win)
	switch r := c.o.OffRoute; {
	case bw.Distance() <= r && bw.Distance()+r/2 < fw.Distance():
		c.wrongWayMove(bw.Along, i)
	case fw.Distance() <= r:
		c.wrongWayMove(fw.Along, i)
	default:
		c.wrongWayLose()
	}
}

// wrongWayMove puts the ride at route distance k at fix i.
func (c *checker) wrongWayMove(k float64, i int) {
	w := &c.ww
	switch {
	case k < w.k && !w.in:
		w.in, w.from, w.ffix, w.min, w.mfix = true, w.k, w.fix, k, i
	case k < w.k && k < w.min:
		w.min, w.mfix = k, i
	case w.in && k-w.min > 2*c.o.OffRoute:
		// Going forward again: the run is over.
		c.wrongWayClose()
	}
	w.k, w.fix, w.odo = k, i, c.odo
}

// wrongWayLose ends the run, if any, and forgets the ride's place.
func (c *checker) wrongWayLose() {
	c.wrongWayClose()
	c.ww.ok = false
}

// wrongWayClose ends the run, if any, reporting it when it went back at
// least CheckOptions.WrongWay.
func (c *checker) wrongWayClose() {
	w := &c.ww
	if !w.in {
		return
	}
	w.in = false
	if w.from-w.min < c.o.WrongWay {
		return
	}
	ww := WrongWay{FromKm: w.from / 1000, ToKm: w.min / 1000, First: w.ffix, Last: w.mfix,
		Start: c.rd.at(w.ffix), End: c.rd.at(w.mfix)}
	if !ww.Start.IsZero() && !ww.End.IsZero() {
		ww.Duration = ww.End.Sub(ww.Start)
	}
	c.rep.WrongWay = append(c.rep.WrongWay, ww)
}

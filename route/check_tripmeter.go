package route

// trip is the checker's trip odometer: the ride odometer without GPS
// jitter (see tripStep).
type trip struct {
	tripOdo     float64
	tripAnchor  int     // the last fix counted
	tripPending float64 // from it to the current fix, not yet counted
	odo0        float64 // the trip odometer at the previous pair's end (validate)
}

// tripJitter is the distance in metres a fix must be from the last fix
// counted to add to the trip odometer: standing still, GPS noise of a few
// metres would otherwise add up (hundreds of metres over a refuelling
// stop) where a wheel-driven trip meter counts nothing.
const tripJitter = 15

// tripStep advances the trip odometer over step st, from fix prev to fix
// i: a fix tripJitter metres or more from the last one counted adds that
// distance and becomes the last counted; a nearer one reads as the last
// counted plus its distance from it (which does not add up standing
// still). Moving at 15 m/s or more at 1 Hz, every fix counts and it equals
// the plain odometer. A step that counts the route's distance (a sparse
// log, a gap the ride followed the route through) adds what it counts; a
// jump, or a gap off the route, restarts the count at i.
func (c *checker) tripStep(prev, i int, st step) {
	switch {
	case st.kind == stepJump || (st.kind == stepGap && !st.follows):
		c.tripAnchor, c.tripPending = i, 0
		return
	case st.driven != st.dist:
		c.tripOdo += st.driven
		c.tripAnchor, c.tripPending = i, 0
		return
	}
	d := st.dist
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

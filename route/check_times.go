package route

import (
	"math"
	"sort"
	"time"

	"github.com/roadbook/roadbook/geo"
)

// progress is the checker's record of the route distances the ride passed:
// the first fix at which its committed match reached each distance of
// interest (waypoints, section and zone ends, the finish).
type progress struct {
	progFix  []int
	progAt   []float64 // sorted route distances whose first passing fix is wanted
	progNext int
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
	for i, sec := range c.s.Sections {
		st := SectionTime{Kind: sec.Kind, Sector: sec.Sector, Label: c.s.SectionLabel(i), FromKm: sec.From / 1000, ToKm: sec.To / 1000}
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
			if !c.brk(prev, i) {
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

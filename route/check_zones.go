package route

import (
	"math"
	"time"
)

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
			if dist := c.rd.pairLen(prev, i); !c.brk(prev, i) && dt > 0 && (v[prev-start]+v[i-start])/2 > lim {
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
			if c.brk(k, j) || math.IsNaN(rd.t[k]) || rd.t[i]-rd.t[k] > half {
				break
			}
			j = k
		}
		l := i
		for k := i + 1; k < len(rd.pts); k++ {
			if c.spike[k] {
				continue
			}
			if c.brk(l, k) || math.IsNaN(rd.t[k]) || rd.t[k]-rd.t[i] > half {
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

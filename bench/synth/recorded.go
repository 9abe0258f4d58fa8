package synth

import (
	"fmt"
	"math"
)

// recorded is the competitor's 1 Hz log: positions in degrees, elevations in
// metres (not rounded: the writer prints 0.1 m), and its wrong turn.
type recorded struct {
	lat, lon, ele []float64
	exc           Excursion
}

// point is a position in degrees.
type point struct{ lat, lon float64 }

// zone is a speed zone from s0 to s1 metres along the route, limit in m/s.
type zone struct{ s0, s1, limit float64 }

// wrongPath returns the 3 km track of a wrong fork leaving junction j at dev
// degrees from the incoming heading: gently curving, a point every 15 m,
// drawn from a stream of its own so that trying a fork costs the main
// stream nothing.
func wrongPath(r *route, j, dev int) []point {
	prng := newPyRandom(fmt.Sprintf("fork:%d:%d", j, dev))
	lat, lon := r.lat, r.lon
	h := bearing(lat[j-1], lon[j-1], lat[j], lon[j]) + float64(float64(dev)*deg)
	path := []point{{lat[j], lon[j]}}
	la, lo := lat[j], lon[j]
	for d, kk := 0.0, 0.0; d < 3000; d += 15 {
		kk = float64(0.9*kk) + prng.gauss(0, 0.00005)
		h += float64(kk * 15)
		la, lo = offset(la, lo, float64(15*math.Cos(h)), float64(15*math.Sin(h)))
		path = append(path, point{la, lo})
	}
	return path
}

// noise is the GPS error: an AR(1) offset in metres whose norm is clamped to
// 5 m, plus white noise, the sum clamped to 5 m again.
type noise struct {
	n, e float64
	rng  *pyRandom
}

func (z *noise) apply(lat, lon float64) (float64, float64) {
	z.n = float64(0.97*z.n) + z.rng.gauss(0, 0.55)
	z.e = float64(0.97*z.e) + z.rng.gauss(0, 0.55)
	if nn := math.Hypot(z.n, z.e); nn > 5 {
		z.n *= 5 / nn
		z.e *= 5 / nn
	}
	wn := z.rng.gauss(0, 0.3)
	we := z.rng.gauss(0, 0.3)
	dn, de := z.n+wn, z.e+we
	if m := math.Hypot(dn, de); m > 5 {
		dn, de = dn*5/m, de*5/m
	}
	return offset(lat, lon, dn, de)
}

// makeRecorded drives the route at 1 Hz: cruising at 12–32 m/s, slowing to
// 7 m/s at junctions and below the limit in speed zones, and at the first
// junction past 40 % of the route from which some wrong fork ends at least
// 2.5 km from every part of the route, taking that fork for 3 km, U-turning
// and driving back.
func makeRecorded(r *route, wpts []waypoint, rng *pyRandom, grid *segGrid) (*recorded, error) {
	lat, lon, ele, s := r.lat, r.lon, r.ele, r.s
	n := len(s)
	total := s[n-1]
	junctionS := make([]float64, len(r.junctions))
	for i, j := range r.junctions {
		junctionS[i] = s[j.i]
	}
	var zones []zone
	open, openAt, openLimit := false, 0.0, 0.0
	for _, w := range wpts {
		switch {
		case w.typ == "DZ":
			open, openAt, openLimit = true, s[w.i], float64(w.speed)/3.6
		case w.typ == "FZ" && open:
			zones = append(zones, zone{openAt, s[w.i], openLimit})
			open = false
		}
	}

	// The wrong turn: a deterministic search over fork headings, scored by
	// the distance from the route of the fork's end and twice that of its
	// middle.
	var (
		wj, wdev int
		wturn    float64
		wpath    []point
	)
	for _, jn := range r.junctions {
		if s[jn.i] < 0.4*total {
			continue
		}
		bestScore, bestDev, bestPath := 0.0, 0, []point(nil)
		for dev := -120; dev <= 120; dev += 10 {
			if abs(dev) < 30 || math.Abs(float64(dev)-jn.turn) < 40 {
				continue
			}
			path := wrongPath(r, jn.i, dev)
			end, mid := path[len(path)-1], path[len(path)/2]
			score := math.Min(grid.nearest(end.lat, end.lon), 2*grid.nearest(mid.lat, mid.lon))
			if score > bestScore {
				bestScore, bestDev, bestPath = score, dev, path
			}
		}
		if bestScore >= 2500 {
			wj, wturn, wdev, wpath = jn.i, jn.turn, bestDev, bestPath
			break
		}
	}
	if wpath == nil {
		return nil, fmt.Errorf("no junction suitable for the excursion")
	}

	out := &recorded{}
	z := &noise{rng: rng}
	emit := func(la, lo, el float64) {
		nla, nlo := z.apply(la, lo)
		out.lat = append(out.lat, nla)
		out.lon = append(out.lon, nlo)
		out.ele = append(out.ele, el)
	}

	jz, zi, seg := 0, 0, 0
	targetSpeed := func(pos float64) float64 {
		for jz < len(junctionS) && junctionS[jz] < pos-60 {
			jz++
		}
		for zi < len(zones) && zones[zi].s1 < pos {
			zi++
		}
		vmax := 33.0
		if jz < len(junctionS) {
			if d := math.Abs(junctionS[jz] - pos); d < 150 {
				vmax = math.Min(vmax, 7+float64(d*0.12))
			}
		}
		if zi < len(zones) && zones[zi].s0 <= pos && pos <= zones[zi].s1 {
			vmax = math.Min(vmax, zones[zi].limit-0.5)
		}
		return vmax
	}
	interp := func(pos float64) (float64, float64, float64) {
		for seg < n-2 && s[seg+1] < pos {
			seg++
		}
		a, b := seg, seg+1
		f := 0.0
		if s[b] != s[a] {
			f = (pos - s[a]) / (s[b] - s[a])
		}
		f = math.Max(0, math.Min(1, f))
		return lat[a] + float64(f*(lat[b]-lat[a])), lon[a] + float64(f*(lon[b]-lon[a])), ele[a] + float64(f*(ele[b]-ele[a]))
	}

	v, cruise, pos := 18.0, 22.0, 0.0
	done := false
	for {
		la, lo, el := interp(pos)
		emit(la, lo, el)
		if pos >= total {
			break
		}
		if !done && pos >= s[wj] {
			done = true
			out.excursion(wj, wturn, wdev, wpath, lat, lon, emit, rng)
			v = 6
		}
		tv := targetSpeed(pos)
		cruise += rng.gauss(0, 0.25) + float64(0.01*(22-cruise))
		cruise = math.Max(12, math.Min(32, cruise))
		want := math.Min(tv, cruise)
		if v < want {
			v = math.Min(want, v+2)
		} else {
			v = math.Max(want, v-3)
		}
		pos = math.Min(total, pos+v)
	}
	return out, nil
}

// excursion drives the wrong fork path from junction wj: out at about
// 17 m/s, an 8 s U-turn of 12 m radius, back at about 18 m/s on a trace 24 m
// to the right of the outbound one, merging into it over the last 300 m.
func (out *recorded) excursion(wj int, wturn float64, wdev int, path []point, lat, lon []float64, emit func(la, lo, el float64), rng *pyRandom) {
	x := &out.exc
	x.StartIndex = len(out.lat) - 1
	cum := make([]float64, len(path))
	for p := 1; p < len(path); p++ {
		cum[p] = cum[p-1] + haversine(path[p-1].lat, path[p-1].lon, path[p].lat, path[p].lon)
	}
	last := cum[len(cum)-1]
	along := func(dd float64, rev bool, side float64) (float64, float64) {
		dd = math.Max(0, math.Min(last, dd))
		if rev {
			dd = last - dd
		}
		lo, hi := 0, len(cum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] < dd {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		k := max(1, lo)
		a, b := path[k-1], path[k]
		f := 0.0
		if cum[k] != cum[k-1] {
			f = (dd - cum[k-1]) / (cum[k] - cum[k-1])
		}
		pla, plo := a.lat+float64(f*(b.lat-a.lat)), a.lon+float64(f*(b.lon-a.lon))
		if side != 0 {
			hb := bearing(a.lat, a.lon, b.lat, b.lon)
			if rev {
				hb += pi
			}
			pla, plo = offset(pla, plo, float64(side*math.Cos(hb+pi/2)), float64(side*math.Sin(hb+pi/2)))
		}
		return pla, plo
	}
	walk := func(pla, plo float64) { emit(pla, plo, round(terrain(pla, plo), 1)) }

	for dd, ve := 0.0, 8.0; dd < last; {
		ve = math.Min(17+rng.uniform(-1, 1), ve+1.5)
		dd += ve
		walk(along(dd, false, 0))
	}
	x.FarIndex = len(out.lat) - 1
	end, before := path[len(path)-1], path[len(path)-2]
	hend := bearing(before.lat, before.lon, end.lat, end.lon)
	ca, co := offset(end.lat, end.lon, float64(12*math.Cos(hend+pi/2)), float64(12*math.Sin(hend+pi/2)))
	for q := 1; q <= 8; q++ {
		ang := hend - pi/2 + float64(pi*float64(q))/8
		walk(offset(ca, co, float64(12*math.Cos(ang)), float64(12*math.Sin(ang))))
	}
	for dd, ve := 0.0, 5.0; dd < last; {
		ve = math.Min(18+rng.uniform(-1, 1), ve+1.5)
		dd += ve
		side := 24.0
		if dd >= last-300 {
			side = 24 * math.Max(0, last-dd) / 300
		}
		walk(along(dd, true, -side))
	}
	x.EndIndex = len(out.lat) - 1
	x.JunctionIndex = wj
	x.JunctionTurn = round(wturn, 1)
	x.ForkDeviation = wdev
	x.JunctionLat = round(lat[wj], 7)
	x.JunctionLon = round(lon[wj], 7)
	x.Outbound = round(last, 1)
}

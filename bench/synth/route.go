package synth

import (
	"math"
	"sort"
)

// The route starts at Yanbu al Bahr on the coast and stays in a box of the
// desert inland, steering back towards its centre when it leaves it.
const (
	startLat, startLon = 24.0900, 38.0600
	boxLat0, boxLat1   = 22.0, 27.0
	boxLon0, boxLon1   = 38.8, 47.0
	boxCentreLat       = 24.6
	boxCentreLon       = 43.0
)

// route is the organiser's track: positions in degrees, elevations in metres
// (rounded to 0.1 m, as written), cumulative distance along the generated
// steps in metres, and the junctions.
type route struct {
	lat, lon, ele, s []float64
	junctions        []junction
}

// junction is a sharp turn of the route at point index i, by turn degrees
// (positive to the right).
type junction struct {
	i    int
	turn float64
}

// makeRoute draws a route of n points 10–20 m apart: curvature as a
// mean-reverting random walk (bends no tighter than 250 m), a general
// direction that changes every 20–80 km, and a junction turn of 30–110°
// every 0.8–6 km.
func makeRoute(n int, rng *pyRandom) *route {
	r := &route{lat: make([]float64, n), lon: make([]float64, n), s: make([]float64, n)}
	r.lat[0], r.lon[0] = startLat, startLon
	h := 75.0 * deg // heading, radians clockwise from north
	k := 0.0        // curvature, rad/m
	kmax := 1.0 / 250.0
	nextJunction := rng.uniform(800, 6000)
	macro := h // the general direction of travel
	nextMacro := rng.uniform(20_000, 80_000)
	dist := 0.0
	la, lo := startLat, startLon
	for i := 1; i < n; i++ {
		step := rng.uniform(10, 20)
		k = float64(0.985*k) + rng.gauss(0, 0.0002)
		k = math.Max(-kmax, math.Min(kmax, k))
		h += float64(k * step)
		if dist >= nextMacro {
			macro += float64(rng.uniform(-50, 50) * deg)
			nextMacro = dist + rng.uniform(20_000, 80_000)
		}
		h += float64(0.004 * wrap(macro-h))
		if la < boxLat0 || la > boxLat1 || lo < boxLon0 || lo > boxLon1 {
			want := bearing(la, lo, boxCentreLat, boxCentreLon)
			h += math.Max(-0.012, math.Min(0.012, wrap(want-h)))
			macro = want
		}
		la, lo = offset(la, lo, float64(step*math.Cos(h)), float64(step*math.Sin(h)))
		dist += step
		r.lat[i], r.lon[i], r.s[i] = la, lo, dist
		if dist >= nextJunction && i < n-2 {
			turn := rng.uniform(30, 110)
			if rng.random() >= 0.5 {
				turn = -turn
			}
			h += float64(turn * deg)
			k = 0
			r.junctions = append(r.junctions, junction{i, turn})
			nextJunction = dist + rng.uniform(800, 6000)
		}
	}
	r.ele = make([]float64, n)
	for i := range r.ele {
		r.ele[i] = round(terrain(r.lat[i], r.lon[i]), 1)
	}
	return r
}

// length returns the haversine length in metres of a line.
func length(lat, lon []float64) float64 {
	tot := 0.0
	for i := 1; i < len(lat); i++ {
		tot += haversine(lat[i-1], lon[i-1], lat[i], lon[i])
	}
	return tot
}

// waypoint is a rally waypoint placed on route point i.
type waypoint struct {
	i     int
	typ   string
	stage int
	seq   int     // its number among the stage's waypoints of its type
	km    float64 // from the stage's start, rounded to 10 m
	speed int     // km/h, DZ only
}

// makeWaypoints places the rally waypoints: stages of 300–500 km separated by
// 5–20 km liaisons, each from DSS to ASS, with WPM, WPV, WPS, WPE and WPC on
// distance schedules of their own and a 1–4 km speed zone (DZ … FZ) every
// 30–80 km.
func makeWaypoints(r *route, rng *pyRandom) []waypoint {
	s := r.s
	total := s[len(s)-1]
	n := len(s)
	type event struct {
		d     float64
		typ   string
		speed int
	}
	schedules := []struct {
		typ    string
		lo, hi float64
	}{
		{"WPM", 6_000, 15_000}, {"WPV", 20_000, 45_000}, {"WPS", 25_000, 60_000},
		{"WPE", 40_000, 90_000}, {"WPC", 10_000, 30_000},
	}
	speeds := []int{30, 50, 70, 90}
	var wpts []waypoint
	stageStart, stageNo := 0.0, 1
	for stageStart < total-1000 {
		stageEnd := math.Min(total, stageStart+rng.uniform(300_000, 500_000))
		if total-stageEnd < 50_000 {
			stageEnd = total
		}
		events := []event{{d: stageStart, typ: "DSS"}}
		for _, sc := range schedules {
			d := stageStart + rng.uniform(sc.lo, sc.hi)/2
			for d < stageEnd-500 {
				events = append(events, event{d: d, typ: sc.typ})
				d += rng.uniform(sc.lo, sc.hi)
			}
		}
		for d := stageStart + rng.uniform(10_000, 40_000); d+5_000 < stageEnd; {
			zlen := rng.uniform(1_000, 4_000)
			speed := speeds[rng.below(len(speeds))]
			events = append(events, event{d: d, typ: "DZ", speed: speed}, event{d: d + zlen, typ: "FZ"})
			d += zlen + rng.uniform(30_000, 80_000)
		}
		events = append(events, event{d: stageEnd, typ: "ASS"})
		sort.SliceStable(events, func(a, b int) bool {
			if events[a].d != events[b].d {
				return events[a].d < events[b].d
			}
			return events[a].typ < events[b].typ
		})
		counters := map[string]int{}
		idx := 0
		for _, e := range events {
			for idx < n-1 && s[idx] < e.d {
				idx++
			}
			counters[e.typ]++
			wpts = append(wpts, waypoint{i: idx, typ: e.typ, stage: stageNo, seq: counters[e.typ],
				km: round((s[idx]-stageStart)/1000, 2), speed: e.speed})
		}
		stageNo++
		stageStart = stageEnd + rng.uniform(5_000, 20_000)
	}
	sort.SliceStable(wpts, func(a, b int) bool {
		if wpts[a].i != wpts[b].i {
			return wpts[a].i < wpts[b].i
		}
		return wpts[a].typ < wpts[b].typ
	})
	return wpts
}

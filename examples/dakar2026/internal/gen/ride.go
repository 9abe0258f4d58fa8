package gen

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/roadbook/roadbook/route"
)

// Truth is what the generator knows about the recorded ride: where the crew
// left the route and came back. The checker's results are compared with it.
type Truth struct {
	Stage     string `json:"stage"`
	RouteFile string `json:"route_file"`
	RideFile  string `json:"ride_file"`
	Fixes     int    `json:"fixes"`
	Start     string `json:"start"`
	End       string `json:"end"`
	// ThresholdM is the off-route distance used below, metres.
	ThresholdM float64 `json:"threshold_m"`
	// FirstOff and LastOff are the indexes (from 0) in the ride's only
	// segment of the first and last fix farther than ThresholdM from the
	// route; every fix between them is part of the one excursion.
	FirstOff     int    `json:"first_off_index"`
	LastOff      int    `json:"last_off_index"`
	FirstOffTime string `json:"first_off_time"`
	LastOffTime  string `json:"last_off_time"`
	// MaxDistanceM is the largest distance of a fix from the route, metres,
	// reached at fix MaxIndex.
	MaxDistanceM float64 `json:"max_distance_m"`
	MaxIndex     int     `json:"max_index"`
	// OffRouteSeconds is the time between the first and the last off-route
	// fix; OffRouteDrivenM the distance driven between them (along the
	// driven path, without GPS noise).
	OffRouteSeconds int     `json:"off_route_seconds"`
	OffRouteDrivenM float64 `json:"off_route_driven_m"`
	// MissedJunction is where the route turned and the crew went straight
	// on, at JunctionKm along the route from the stage start; the crew
	// came back onto the route at RejoinKm.
	MissedJunction [2]float64 `json:"missed_junction_lon_lat"`
	JunctionKm     float64    `json:"junction_route_km"`
	RejoinKm       float64    `json:"rejoin_route_km"`
	SpecialKm      float64    `json:"junction_special_km"`
	// OtherFixesMaxM is the largest distance from the route of the fixes
	// more than a minute away from the excursion (GPS noise), metres.
	OtherFixesMaxM float64 `json:"other_fixes_max_m"`
}

// driven is the path the crew drove, in the stage frame.
type driven struct {
	pts   []vec
	vmax  []float64 // m/s
	stop  []time.Duration
	route []int // route vertex index, -1 off route
}

// rideStart is when the crew left the Riyadh bivouac: 05:50 local time.
var rideStart = time.Date(2026, 1, 11, 2, 50, 0, 0, time.UTC)

// makeRide drives stage b at 1 Hz with one wrong turn in the special and
// returns the recorded ride and the truth about it.
func makeRide(b *builtStage) (*route.File, *Truth, error) {
	r := newRng(77)
	before := b.odo[b.dss]
	// The missed junction: in the special between km 100 and 220, away
	// from every waypoint and out of the dunes, the second turn of a
	// dogleg, where the route turns back to its heading by 70–110°: going
	// straight on leads away from the route.
	j, rejoin := -1, -1
	var exc []vec
	for _, tn := range b.turns {
		c := tn.start
		if !tn.special || tn.kind != junction || !tn.second || tn.theta < 70 || tn.theta > 110 {
			continue
		}
		km := (b.odo[c] - before) / 1e3
		if km < 100 || km > 220 || c < 4 {
			continue
		}
		near := false
		for _, m := range b.marks {
			if math.Abs(b.odo[m]-b.odo[c]) < 4000 {
				near = true
			}
		}
		for _, o := range b.turns {
			if o.kind == junction && b.odo[o.start] > b.odo[c]+10 && b.odo[o.start] < b.odo[c]+4000 {
				near = true // the route turns again before the crew is back
			}
		}
		if near {
			continue
		}
		if e, ri, ok := tryExcursion(b, c); ok {
			j, exc, rejoin = c, e, ri
			break
		}
	}
	if j < 0 {
		return nil, nil, errors.New("ride: no junction to miss")
	}
	d := &driven{}
	push := func(v vec, ri int) {
		d.pts = append(d.pts, v)
		d.route = append(d.route, ri)
	}
	for i := 0; i <= j; i++ {
		push(b.pts[i], i)
	}
	for k := 1; k < len(exc)-1; k++ {
		push(exc[k], -1)
	}
	for i := rejoin; i < len(b.pts); i++ {
		push(b.pts[i], i)
	}
	n := len(d.pts)
	dodo := make([]float64, n)
	for i := 1; i < n; i++ {
		dodo[i] = dodo[i-1] + d.pts[i].sub(d.pts[i-1]).len()
	}

	// Speed limits along the path.
	// The limit holds from entering the DZ's validation radius (up to
	// 200 m when the DZ is also the DSS) to the FZ: the crew is down to it
	// 250 m before the DZ.
	zoneLimit := make([]float64, len(b.pts))
	for _, z := range b.zones {
		for i := b.at(b.odo[z.from] - 250); i <= z.to; i++ {
			if zoneLimit[i] == 0 || z.limit < zoneLimit[i] {
				zoneLimit[i] = z.limit
			}
		}
	}
	d.vmax = make([]float64, n)
	d.stop = make([]time.Duration, n)
	stopAt := map[int]time.Duration{}
	for _, s := range b.stops {
		stopAt[s.at] = s.dur
	}
	dunes := b.plan.dunes
	// A slowly varying pace: the terrain and the driver.
	pace := []meander{{0.08, dodo[n-1] / 23e3, r.between(0, 6)}, {0.05, dodo[n-1] / 7e3, r.between(0, 6)}}
	for i := 0; i < n; i++ {
		ri := d.route[i]
		var v, lat float64 // km/h, m/s²
		f := 1.0
		for _, m := range pace {
			f += m.amp * math.Sin(2*math.Pi*m.cycles*dodo[i]/dodo[n-1]+m.phase)
		}
		switch {
		case ri < 0:
			v, lat = 75, 4
		case ri < b.dss || ri > b.ass:
			v, lat = 100*f, 2.5
		default:
			v, lat = 95*f, 4
			km := (b.odo[ri] - before) / 1e3
			for _, dr := range dunes {
				if km >= dr[0] && km < dr[1] {
					v = 38 * f
				}
			}
		}
		if ri >= 0 && zoneLimit[ri] > 0 {
			v = math.Min(v, zoneLimit[ri]-7) // a margin for the GPS's speed noise
		}
		vm := v / 3.6
		if i > 0 && i < n-1 {
			if rc := circumradius(d.pts[i-1], d.pts[i], d.pts[i+1]); rc < 1e5 {
				vm = math.Min(vm, math.Sqrt(lat*rc))
			}
		}
		d.vmax[i] = math.Max(vm, 1.5)
		if ri >= 0 {
			d.stop[i] = stopAt[ri]
		}
	}
	d.vmax[0], d.vmax[n-1] = 0, 0
	for i, dur := range d.stop {
		if dur > 0 {
			d.vmax[i] = 0
		}
	}
	// The U-turn: the point of the excursion farthest along u.
	u := b.pts[j].sub(b.pts[j-4]).unit()
	apex, best := 0, -1.0
	for i := 0; i < n; i++ {
		if d.route[i] < 0 {
			if a := d.pts[i].sub(b.pts[j]).dot(u); a > best {
				apex, best = i, a
			}
		}
	}
	d.vmax[apex] = 0
	d.stop[apex] = 40 * time.Second // the crew stops, looks, turns
	// Accelerate at 1.8 m/s², brake at 3 m/s².
	for i := 1; i < n; i++ {
		ds := dodo[i] - dodo[i-1]
		d.vmax[i] = math.Min(d.vmax[i], math.Sqrt(d.vmax[i-1]*d.vmax[i-1]+2*1.8*ds))
	}
	for i := n - 2; i >= 0; i-- {
		ds := dodo[i+1] - dodo[i]
		d.vmax[i] = math.Min(d.vmax[i], math.Sqrt(d.vmax[i+1]*d.vmax[i+1]+2*3*ds))
	}

	// Drive at 1 Hz.
	speedAt := func(s float64, i int) float64 {
		for i < n-1 && dodo[i+1] <= s {
			i++
		}
		if i >= n-1 {
			return 0
		}
		t := (s - dodo[i]) / (dodo[i+1] - dodo[i])
		return d.vmax[i] + t*(d.vmax[i+1]-d.vmax[i])
	}
	var seg route.Segment
	var sAt []float64 // the fixes' true distance along the path
	var ex, ey, ez float64
	// GPS noise: a slow random wander of about 3 m on each axis.
	const phi = 0.99
	sigma := 3 * math.Sqrt(1-phi*phi)
	tm := rideStart
	s, i := 0.0, 0
	emit := func(s float64, i int) {
		for i < n-1 && dodo[i+1] < s {
			i++
		}
		var p vec
		if i >= n-1 {
			p = d.pts[n-1]
		} else {
			t := (s - dodo[i]) / (dodo[i+1] - dodo[i])
			p = d.pts[i].add(d.pts[i+1].sub(d.pts[i]).mul(t))
		}
		ex = phi*ex + sigma*r.gauss()
		ey = phi*ey + sigma*r.gauss()
		ez = phi*ez + 1.2*r.gauss()
		ll := b.frame.ll(p.add(vec{ex, ey}))
		seg.Points = append(seg.Points, ll)
		seg.Ele = append(seg.Ele, math.Round((terrain(ll)+ez)*10)/10)
		seg.Time = append(seg.Time, tm)
		sAt = append(sAt, s)
		tm = tm.Add(time.Second)
	}
	emit(0, 0)
	nextStop := 0
	for s < dodo[n-1] {
		for i < n-1 && dodo[i+1] <= s {
			i++
		}
		v := math.Max(speedAt(s, i), 0.8)
		vm := math.Max(speedAt(s+v/2, i), 0.8)
		ns := math.Min(s+vm, dodo[n-1])
		// Stop where the crew must.
		for nextStop < n && (d.stop[nextStop] == 0 || dodo[nextStop] < s) {
			nextStop++
		}
		if nextStop < n && dodo[nextStop] <= ns {
			ns = dodo[nextStop]
			s = ns
			emit(s, i)
			for k := 1; k < int(d.stop[nextStop].Seconds()); k++ {
				emit(s, i)
			}
			nextStop++
			continue
		}
		s = ns
		emit(s, i)
	}

	// The truth, measured on the fixes as written.
	tr := &Truth{
		Stage:      b.plan.name(),
		RouteFile:  b.plan.fileName(),
		RideFile:   RideFile,
		Fixes:      len(seg.Points),
		Start:      seg.Time[0].Format(time.RFC3339),
		End:        seg.Time[len(seg.Time)-1].Format(time.RFC3339),
		ThresholdM: 50,
		FirstOff:   -1, LastOff: -1,
		MissedJunction: [2]float64{b.line[j][0], b.line[j][1]},
		JunctionKm:     math.Round(b.odo[j]) / 1e3,
		RejoinKm:       math.Round(b.odo[rejoin]) / 1e3,
		SpecialKm:      math.Round(b.odo[j]-before) / 1e3,
	}
	cur := 0
	dists := make([]float64, len(seg.Points))
	for k, q := range seg.Points {
		dist, at := nearestOnRoute(b, q, cur-40, cur+300)
		dists[k] = dist
		if dist <= tr.ThresholdM {
			cur = at
		} else {
			if tr.FirstOff < 0 {
				tr.FirstOff = k
			}
			tr.LastOff = k
		}
		if dist > tr.MaxDistanceM {
			tr.MaxDistanceM, tr.MaxIndex = dist, k
		}
	}
	if tr.FirstOff < 0 {
		return nil, nil, errors.New("ride: no fix off the route")
	}
	worst := -1
	for k, dist := range dists {
		if k < tr.FirstOff-60 || k > tr.LastOff+60 {
			if dist > tr.OtherFixesMaxM {
				tr.OtherFixesMaxM, worst = dist, k
			}
		} else if k >= tr.FirstOff && k <= tr.LastOff && dist <= tr.ThresholdM && k-tr.FirstOff > 60 && tr.LastOff-k > 60 {
			return nil, nil, fmt.Errorf("ride: fix %d is back on the route inside the excursion", k)
		}
	}
	if tr.OtherFixesMaxM > 25 {
		return nil, nil, fmt.Errorf("ride: fix %d (of %d, excursion %d–%d) is %.1f m off the route", worst, len(dists), tr.FirstOff, tr.LastOff, tr.OtherFixesMaxM)
	}
	// Off the route, the distance is to the whole route: the route may
	// come back nearer the excursion than the part of it near the
	// junction.
	tr.MaxDistanceM = 0
	for k := tr.FirstOff; k <= tr.LastOff; k++ {
		if dist, _ := nearestOnRoute(b, seg.Points[k], 0, len(b.line)-1); dist > tr.MaxDistanceM {
			tr.MaxDistanceM, tr.MaxIndex = dist, k
		}
	}
	tr.MaxDistanceM = math.Round(tr.MaxDistanceM*10) / 10
	tr.OtherFixesMaxM = math.Round(tr.OtherFixesMaxM*10) / 10
	tr.FirstOffTime = seg.Time[tr.FirstOff].Format(time.RFC3339)
	tr.LastOffTime = seg.Time[tr.LastOff].Format(time.RFC3339)
	tr.OffRouteSeconds = tr.LastOff - tr.FirstOff
	tr.OffRouteDrivenM = math.Round(sAt[tr.LastOff] - sAt[tr.FirstOff])

	f := &route.File{
		Version: "1.1",
		Creator: "roadbook examples/dakar2026 generator",
		Metadata: route.Metadata{
			Name: "Dakar 2026 – Stage 7 recorded ride (synthetic)",
			Desc: "A synthetic 1 Hz recording of Stage 7, Riyadh > Wadi ad-Dawasir, on the illustrative route, " +
				"with GPS noise of a few metres and one wrong turn in the special: the crew misses a junction, " +
				"drives on, turns and comes back. See stage07-ride-truth.json.",
			Author:   "roadbook",
			Keywords: "Dakar 2026, recorded ride, synthetic",
		},
		Tracks: []route.Track{{Name: "Stage 7 ride", Segments: []route.Segment{seg}}},
	}
	return f, tr, nil
}

// tryExcursion returns the wrong turn at the junction whose fillet starts
// at vertex j: straight on for 3 to 8 km until the crew is 2.1 km from the
// route, then back to the route 2.5 km after the junction. It fails when no
// such excursion exists or when another part of the route comes nearer the
// excursion than the route around the junction (the farthest distance
// would then depend on how far a checker searches).
func tryExcursion(b *builtStage, j int) ([]vec, int, bool) {
	u := b.pts[j].sub(b.pts[j-4]).unit()
	rejoin := b.at(b.odo[j] + 2500)
	for out := 3000.0; out <= 8000; out += 500 {
		exc := excursion(b.pts[j], u, out, b.pts[rejoin])
		far, global := 0.0, 0.0
		for _, q := range exc {
			far = math.Max(far, distToRoute(b, q, b.at(b.odo[j]-400), b.at(b.odo[j]+3000)))
			global = math.Max(global, distToRoute(b, q, 0, len(b.pts)-1))
		}
		if far >= 2100 {
			return exc, rejoin, math.Abs(far-global) < 0.5
		}
	}
	return nil, 0, false
}

// excursion returns the wrong turn: straight on from the junction j along
// u for out metres (a piste that wanders a little), a U-turn, 1.2 km back,
// then across to the route at rejoin.
func excursion(j, u vec, out float64, rejoin vec) []vec {
	n := u.left()
	pts := []vec{j}
	const step = 25.0
	wander := func(s float64) float64 { return 40 * math.Sin(s/900) * math.Min(1, s/600) }
	for s := step; s <= out; s += step {
		pts = append(pts, j.add(u.mul(s)).add(n.mul(wander(s))))
	}
	end := pts[len(pts)-1]
	// U-turn to the left, radius 7 m.
	for k := 1; k <= 4; k++ {
		a := math.Pi * float64(k) / 4
		pts = append(pts, end.add(n.mul(7-7*math.Cos(a))).add(u.mul(7*math.Sin(a))))
	}
	back := pts[len(pts)-1]
	for s := step; s <= 1200; s += step {
		pts = append(pts, back.sub(u.mul(s)).add(n.mul(wander(out-s)-wander(out))))
	}
	from := pts[len(pts)-1]
	d := rejoin.sub(from)
	k := int(math.Ceil(d.len() / step))
	for i := 1; i <= k; i++ {
		pts = append(pts, from.add(d.mul(float64(i)/float64(k))))
	}
	return pts
}

// distToRoute returns the distance in metres, in the stage frame, from q to
// the route's vertices lo..hi.
func distToRoute(b *builtStage, q vec, lo, hi int) float64 {
	lo, hi = max(lo, 0), min(hi, len(b.pts)-1)
	best := math.Inf(1)
	for i := lo; i < hi; i++ {
		best = math.Min(best, segDist(q, b.pts[i], b.pts[i+1]))
	}
	return best
}

func segDist(q, a, c vec) float64 {
	ab := c.sub(a)
	t := 0.0
	if l2 := ab.dot(ab); l2 > 0 {
		t = math.Max(0, math.Min(1, q.sub(a).dot(ab)/l2))
	}
	return q.sub(a.add(ab.mul(t))).len()
}

// nearestOnRoute returns the distance in metres from the fix q to the
// route's segments between vertices lo and hi, measured in a plane tangent
// at q, and the index of the nearest segment.
func nearestOnRoute(b *builtStage, q orb.Point, lo, hi int) (float64, int) {
	lo, hi = max(lo, 0), min(hi, len(b.line)-1)
	f := newFrame(q)
	best, at := math.Inf(1), lo
	for i := lo; i < hi; i++ {
		d := segDist(vec{}, f.xy(b.line[i]), f.xy(b.line[i+1]))
		if d < best {
			best, at = d, i
		}
	}
	return best, at
}

// circumradius returns the radius in metres of the circle through a, b, c;
// +Inf when they are aligned.
func circumradius(a, b, c vec) float64 {
	ab, bc, ca := b.sub(a).len(), c.sub(b).len(), a.sub(c).len()
	area2 := math.Abs(b.sub(a).cross(c.sub(a)))
	if area2 < 1e-9 {
		return math.Inf(1)
	}
	return ab * bc * ca / (2 * area2)
}

// terrain is a smooth, plausible elevation in metres for the Najd plateau
// south-west of Riyadh.
func terrain(p orb.Point) float64 {
	lon, lat := p[0], p[1]
	return 620 + 90*math.Sin(lat*1.9+0.4)*math.Cos(lon*1.3) + 35*math.Sin(lat*11+lon*7) + 12*math.Sin(lat*53-lon*41)
}

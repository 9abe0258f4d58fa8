package route

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// This file generates synthetic stages and rides for the Check tests: a
// route drawn as legs (bearing, length), waypoints placed on it by distance,
// and a 1 Hz ride assembled from moves (follow the route, drive straight to
// a point, out and back off the route), with optional GPS noise, spikes,
// gaps and an early stop.

// genStart is where synthetic routes start: the desert east of Riyadh.
var genStart = orb.Point{46.9, 24.6}

type leg struct {
	bearing float64 // degrees
	length  float64 // metres
}

// legs draws a route from start with a vertex every 15 m.
func legs(start orb.Point, ls ...leg) orb.LineString {
	line := orb.LineString{start}
	p := start
	for _, l := range ls {
		n := int(math.Ceil(l.length / 15))
		for k := 1; k <= n; k++ {
			line = append(line, geo.Destination(p, l.bearing, l.length*float64(k)/float64(n)))
		}
		p = line[len(line)-1]
	}
	return line
}

// genWP is a waypoint to place on a synthetic route.
type genWP struct {
	kind  Kind
	along float64 // metres along the route
	speed float64 // km/h, for a DZ
	off   float64 // metres to the right of the route
	name  string
	radii Radii // as the file would give them
	also  Kind  // a second role, 0 for none
}

// genStage builds a stage: the route and its waypoints in route order,
// with the sections and zones NewStage would pair from them.
func genStage(name string, line orb.LineString, wps ...genWP) *Stage {
	p := geo.NewPath(line)
	s := &Stage{Name: name, Path: p}
	for i, w := range wps {
		pt := p.PointAt(w.along)
		if w.off != 0 {
			pt = geo.Destination(pt, p.BearingAt(w.along)+90, w.off)
		}
		wp := Waypoint{Point: pt, HasPoint: true, Name: w.name, Controls: []Control{{Kind: w.kind, Radii: w.radii}}, Speed: w.speed}
		if wp.Name == "" {
			wp.Name = w.kind.String()
		}
		if w.also != 0 {
			wp.Controls = append(wp.Controls, Control{Kind: w.also})
		}
		s.Waypoints = append(s.Waypoints, Placed{Waypoint: wp, Index: i, OnRoute: true, Along: w.along, Offset: w.off})
	}
	s.Pair()
	return s
}

// fix is one generated fix.
type fix struct {
	p orb.Point
	t float64 // seconds from the start
}

// rideGen assembles a ride.
type rideGen struct {
	path   *geo.Path
	fixes  []fix
	alongs []float64 // route distance of each fix while following, else NaN
	t      float64
	pos    orb.Point
}

func newRide(p *geo.Path, along float64) *rideGen {
	g := &rideGen{path: p, pos: p.PointAt(along)}
	g.emitAt(g.pos, along)
	return g
}

func (g *rideGen) emit(p orb.Point) { g.emitAt(p, math.NaN()) }

func (g *rideGen) emitAt(p orb.Point, along float64) {
	g.fixes = append(g.fixes, fix{p: p, t: g.t})
	g.alongs = append(g.alongs, along)
	g.pos = p
}

// timeAt returns the time in seconds at which the ride, following the
// route after fix after, passed route distance x; NaN when it did not.
func (g *rideGen) timeAt(x float64, after int) float64 {
	for i := after + 1; i < len(g.fixes); i++ {
		a, b := g.alongs[i-1], g.alongs[i]
		if math.IsNaN(a) || math.IsNaN(b) || (x-a)*(x-b) > 0 || a == b {
			continue
		}
		f := (x - a) / (b - a)
		return g.fixes[i-1].t + f*(g.fixes[i].t-g.fixes[i-1].t)
	}
	return math.NaN()
}

// every keeps one fix in k (and the last).
func (g *rideGen) every(k int) *rideGen {
	var fs []fix
	var as []float64
	for i := range g.fixes {
		if i%k == 0 || i == len(g.fixes)-1 {
			fs = append(fs, g.fixes[i])
			as = append(as, g.alongs[i])
		}
	}
	g.fixes, g.alongs = fs, as
	return g
}

// follow drives along the route from distance a to b (backwards when b <
// a) at v m/s, one fix a second; the fix at a is not repeated.
func (g *rideGen) follow(a, b, v float64) *rideGen {
	dir := 1.0
	if b < a {
		dir = -1
	}
	s := a
	for {
		s += dir * v
		g.t++
		if (b-s)*dir <= 0 {
			g.emitAt(g.path.PointAt(b), b)
			return g
		}
		g.emitAt(g.path.PointAt(s), s)
	}
}

// to drives straight to q at v m/s.
func (g *rideGen) to(q orb.Point, v float64) *rideGen {
	d, brg, _ := geo.Inverse(g.pos, q)
	from := g.pos
	for s := v; ; s += v {
		g.t++
		if s >= d {
			g.emit(q)
			return g
		}
		g.emit(geo.Destination(from, brg, s))
	}
}

// outAndBack drives dist metres off at the given bearing, turns and comes
// back to where it started, at v m/s.
func (g *rideGen) outAndBack(bearing, dist, v float64) *rideGen {
	back := g.pos
	g.to(geo.Destination(g.pos, bearing, dist), v)
	return g.to(back, v)
}

// gapFollow follows the route from a to b at v m/s without recording: only
// the fix at b is kept.
func (g *rideGen) gapFollow(a, b, v float64) *rideGen {
	n := len(g.fixes)
	g.follow(a, b, v)
	g.fixes = append(g.fixes[:n], g.fixes[len(g.fixes)-1])
	g.alongs = append(g.alongs[:n], g.alongs[len(g.alongs)-1])
	return g
}

// noise moves every fix by up to 3 m (deterministic).
func (g *rideGen) noise(seed uint64) *rideGen {
	r := rand.New(rand.NewPCG(seed, 7))
	for i := range g.fixes {
		g.fixes[i].p = geo.Destination(g.fixes[i].p, r.Float64()*360, r.Float64()*3)
	}
	return g
}

// spike moves fix i dist metres at a right angle to the ride.
func (g *rideGen) spike(i int, dist float64) *rideGen {
	b := geo.Bearing(g.fixes[i-1].p, g.fixes[i+1].p)
	g.fixes[i].p = geo.Destination(g.fixes[i].p, b+90, dist)
	return g
}

var genT0 = time.Date(2026, 1, 11, 7, 0, 0, 0, time.UTC)

// file returns the ride as a GPX file of one track, split into segments
// starting at the given fix indexes.
func (g *rideGen) file(splits ...int) *File {
	var segs []Segment
	start := 0
	cut := append(append([]int{}, splits...), len(g.fixes))
	for _, end := range cut {
		var s Segment
		for _, f := range g.fixes[start:end] {
			s.Points = append(s.Points, f.p)
			s.Time = append(s.Time, genT0.Add(time.Duration(f.t*float64(time.Second))))
		}
		segs = append(segs, s)
		start = end
	}
	return &File{Tracks: []Track{{Name: "ride", Segments: segs}}}
}

// truthRun is a run of fixes more than a threshold from the whole route,
// found by measuring every fix against every segment.
type truthRun struct {
	first, last int
	max         float64
}

// truthRuns returns the runs of at least minRun consecutive fixes farther
// than off metres from every part of the route.
func truthRuns(p *geo.Path, f *File, off float64, minRun int) []truthRun {
	var out []truthRun
	i := 0
	cur := truthRun{first: -1}
	for _, t := range f.Tracks {
		for _, s := range t.Segments {
			for _, q := range s.Points {
				d := p.Project(q).Distance()
				if d > off {
					if cur.first < 0 {
						cur = truthRun{first: i}
					}
					cur.last = i
					cur.max = math.Max(cur.max, d)
				} else if cur.first >= 0 {
					if cur.last-cur.first+1 >= minRun {
						out = append(out, cur)
					}
					cur = truthRun{first: -1}
				}
				i++
			}
		}
	}
	if cur.first >= 0 && cur.last-cur.first+1 >= minRun {
		out = append(out, cur)
	}
	return out
}

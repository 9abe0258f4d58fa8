package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// geodesicWalk returns an n-point track from start with steps of about step
// metres along geodesics (Destination), whose heading wanders and now and
// then turns back: unlike randomWalk, it may cross the antimeridian or a
// pole.
func geodesicWalk(rng *rand.Rand, n int, start orb.Point, heading, step float64) orb.LineString {
	ls := make(orb.LineString, 0, n)
	p := start
	for i := 0; i < n; i++ {
		ls = append(ls, p)
		_, h, _ := Inverse(p, Destination(p, heading, step))
		heading = h + rng.NormFloat64()*10
		if rng.IntN(80) == 0 {
			heading += 180
		}
		d := step * (0.2 + 1.6*rng.Float64())
		if rng.IntN(40) == 0 {
			d = 0
		}
		var final float64
		p, final = Direct(p, heading, d)
		heading = final
	}
	return ls
}

// anywhere returns a query point: near a vertex of ls, anywhere on Earth,
// the antipode of a vertex, or a pole.
func anywhere(rng *rand.Rand, ls orb.LineString, k int) orb.Point {
	v := ls[rng.IntN(len(ls))]
	switch k % 5 {
	case 0:
		return Destination(v, rng.Float64()*360, rng.ExpFloat64()*300)
	case 1:
		return Destination(v, rng.Float64()*360, rng.Float64()*20000)
	case 2:
		return orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / rad}
	case 3:
		return orb.Point{wrapLon(v[0] + 180 + rng.NormFloat64()), -v[1] + rng.NormFloat64()}
	default:
		return orb.Point{rng.Float64()*360 - 180, []float64{90, -90}[rng.IntN(2)]}
	}
}

// TestIndexAnywhere holds Nearest to Path.Project and Within to a scan of
// every segment for paths and queries the grid cannot serve alone: across
// the antimeridian, over a pole, around the world, and queries from
// anywhere on Earth.
func TestIndexAnywhere(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	cases := []struct {
		name  string
		line  orb.LineString
		radii []float64
	}{
		{"desert", geodesicWalk(rng, 800, orb.Point{46.6, 24.7}, 30, 60), []float64{50, 500}},
		{"across the antimeridian", geodesicWalk(rng, 800, orb.Point{179.7, -17}, 90, 50), []float64{50, 500}},
		{"over the north pole", geodesicWalk(rng, 800, orb.Point{10, 89.6}, 0, 40), []float64{50, 500}},
		{"near the south pole", geodesicWalk(rng, 800, orb.Point{-60, -85}, 200, 200), []float64{50, 2000}},
		{"around the world", geodesicWalk(rng, 400, orb.Point{0, 10}, 80, 100000), []float64{50, 100000}},
		{"two points far apart", orb.LineString{{-70, -33}, {151, -34}}, []float64{50, 1e6}},
		{"one place", orb.LineString{{5, 5}, {5, 5}, {5, 5}}, []float64{0, 50}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := NewPath(c.line)
			ix := NewIndex(p)
			for k := 0; k < 150; k++ {
				q := anywhere(rng, p.Line, k)
				checkNearest(t, q, ix.Nearest(q), p.Project(q))
				r := c.radii[k%len(c.radii)]
				got, want := ix.Within(q, r), bruteWithin(p, q, r)
				if len(got) != len(want) {
					t.Fatalf("Within(%v, %v) found %d segments; want %d", q, r, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("Within(%v, %v)[%d] = %+v; want %+v", q, r, i, got[i], want[i])
					}
				}
			}
		})
	}
}

// TestIndexSublinear counts the segments a query measures on a 200,000
// segment path, wherever the query is: near the path, far from it on
// another continent, at its antipode, at a pole, and with the path across
// the antimeridian or over a pole. A scan measures 200,000; the index must
// stay at a small fraction of that.
func TestIndexSublinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const n = 200_001
	paths := []struct {
		name string
		line orb.LineString
	}{
		{"desert", randomWalk(rng, n, 45, 22, 10)},
		{"across the antimeridian", shiftLon(randomWalk(rng, n, 0, -17, 10), 179.9)},
		{"north pole", polarCap(rng, n)},
	}
	for _, pc := range paths {
		p := NewPath(pc.line)
		ix := NewIndex(p)
		for _, qc := range []struct {
			name string
			q    func() orb.Point
		}{
			{"near", func() orb.Point {
				return Destination(p.Line[rng.IntN(n)], rng.Float64()*360, rng.Float64()*200)
			}},
			{"2,000 km away", func() orb.Point { return Destination(p.Line[0], rng.Float64()*360, 2e6) }},
			{"antipode", func() orb.Point { v := p.Line[rng.IntN(n)]; return orb.Point{wrapLon(v[0] + 180), -v[1]} }},
			{"pole", func() orb.Point { return orb.Point{rng.Float64()*360 - 180, -90} }},
		} {
			worst, worstWithin := 0, 0
			for range 20 {
				q := qc.q()
				s := ix.nearest(q)
				got := p.finish(q, s.i, s.foot, s.t, s.side, s.d2)
				if qc.name == "near" {
					checkNearest(t, q, got, p.Project(q))
				} else {
					// Path.Project would measure every segment from
					// this far: compare with every 50th vertex
					// instead, at most 50 steps (900 m) apart.
					minV := math.Inf(1)
					for i := 0; i < n; i += 50 {
						minV = math.Min(minV, Distance(q, p.Line[i]))
					}
					if d := got.Distance(); d > minV*(1+farSlack)+1 || d < minV*(1-2e-3)-1000 {
						t.Fatalf("%s, %s: Nearest(%v) = %.0f m; every 50th vertex: %.0f m", pc.name, qc.name, q, d, minV)
					}
				}
				worst = max(worst, s.measured)
				cand, ok := ix.cells(q, 50)
				if !ok {
					cand = ix.boxes().within(q, 50, nil)
				}
				worstWithin = max(worstWithin, len(cand))
			}
			t.Logf("%s, %s: at most %d segments measured by Nearest, %d by Within(50 m)", pc.name, qc.name, worst, worstWithin)
			if worst > 1000 || worstWithin > 1000 {
				t.Errorf("%s, %s: a query measured up to %d (Nearest) and %d (Within) of %d segments; want at most 1,000",
					pc.name, qc.name, worst, worstWithin, n-1)
			}
		}
	}
}

// checkNearest fails t unless got, Index.Nearest(q), is want,
// Path.Project(q), or, farther than farExact from the path, a projection at
// most farSlack farther: what the Index doc promises.
func checkNearest(t *testing.T, q orb.Point, got, want Projection) {
	t.Helper()
	if want.Distance() < farExact/(1+farSlack) {
		if got != want {
			t.Fatalf("Nearest(%v) = %+v; want %+v", q, got, want)
		}
		return
	}
	if got.Distance() > want.Distance()*(1+farSlack)+1 || got.Distance() < want.Distance()*(1-2e-3)-1 {
		t.Fatalf("Nearest(%v) = %+v; want within %v of %+v", q, got, farSlack, want)
	}
	if d := Distance(q, got.Point); math.Abs(d-got.Distance()) > 1e-6*d+1e-3 {
		t.Fatalf("Nearest(%v) = %+v: its point is %.3f m away", q, got, d)
	}
}

// shiftLon returns ls moved by dlon degrees of longitude, wrapped.
func shiftLon(ls orb.LineString, dlon float64) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[i] = orb.Point{wrapLon(p[0] + dlon), p[1]}
	}
	return out
}

// polarCap returns an n-point track of 10 m steps wandering within about
// 20 km of the north pole, crossing meridians freely.
func polarCap(rng *rand.Rand, n int) orb.LineString {
	ls := make(orb.LineString, n)
	pl := NewPlane(orb.Point{0, 90})
	x, y, h := 5000.0, 0.0, 0.0
	for i := range ls {
		// Polar stereographic-like: x, y metres from the pole.
		r := math.Hypot(x, y)
		ls[i] = orb.Point{math.Atan2(y, x) / rad, 90 - r/pl.Ky}
		h += rng.NormFloat64() * 0.3
		x += 10 * math.Cos(h)
		y += 10 * math.Sin(h)
		if math.Hypot(x, y) > 20000 {
			h += math.Pi
		}
	}
	return ls
}

func BenchmarkIndexNearestFar1M(b *testing.B) {
	p, _ := benchPath(b)
	ix := NewIndex(p)
	ix.Nearest(orb.Point{0, 0}) // build the boxes outside the timer
	rng := rand.New(rand.NewPCG(7, 8))
	qs := make([]orb.Point, 1024)
	for i := range qs {
		qs[i] = Destination(p.Line[0], rng.Float64()*360, 1e6+rng.Float64()*1e7)
	}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		ix.Nearest(qs[i%len(qs)])
		i++
	}
}

func BenchmarkIndexWithinFar1M(b *testing.B) {
	p, _ := benchPath(b)
	ix := NewIndex(p)
	rng := rand.New(rand.NewPCG(7, 8))
	qs := make([]orb.Point, 1024)
	for i := range qs {
		qs[i] = Destination(p.Line[0], rng.Float64()*360, 1e6+rng.Float64()*1e7)
	}
	ix.Within(qs[0], 50)
	i := 0
	b.ResetTimer()
	for b.Loop() {
		ix.Within(qs[i%len(qs)], 50)
		i++
	}
}

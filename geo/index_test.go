package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// randomWalk returns an n-point track starting at (lon, lat) with steps of
// about step metres that wander, and now and then turn back on themselves
// (so that the track crosses and retraces itself).
func randomWalk(rng *rand.Rand, n int, lon, lat, step float64) orb.LineString {
	ls := make(orb.LineString, 0, n)
	p := orb.Point{lon, lat}
	heading := rng.Float64() * 360
	for i := 0; i < n; i++ {
		ls = append(ls, p)
		heading += rng.NormFloat64() * 30
		if rng.IntN(50) == 0 {
			heading += 180
		}
		d := step * (0.2 + 1.6*rng.Float64())
		if rng.IntN(40) == 0 {
			d = 0 // repeated vertex
		}
		p = orb.Point{
			p[0] + d*math.Sin(heading*rad)/(111320*math.Cos(p[1]*rad)),
			p[1] + d*math.Cos(heading*rad)/110574,
		}
	}
	return ls
}

// bruteWithin is Index.Within by checking every segment.
func bruteWithin(p *Path, q orb.Point, r float64) []Projection {
	var out []Projection
	for i := 0; i+1 < len(p.Line); i++ {
		pr := p.projectRange(q, i, i+1)
		if pr.Distance() <= r {
			out = append(out, pr)
		}
	}
	return out
}

func TestIndexNearestMatchesProject(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name         string
		n            int
		lon, lat     float64
		step, spread float64 // metres
	}{
		{"two points", 2, 45, 24, 500, 2000},
		{"short desert track", 200, 46.6, 24.7, 50, 500},
		{"long track", 5000, 38.06, 24.09, 80, 3000},
		{"far queries", 300, 40, 20, 100, 200000},
		{"high latitude", 1000, 20, 78, 30, 1000},
		{"southern hemisphere", 1000, -68, -33, 200, 5000},
		{"near antimeridian", 500, 179.9, -17, 60, 3000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := NewPath(randomWalk(rng, c.n, c.lon, c.lat, c.step))
			ix := NewIndex(p)
			for k := 0; k < 400; k++ {
				var q orb.Point
				if k%2 == 0 { // near a vertex
					v := p.Line[rng.IntN(len(p.Line))]
					q = orb.Point{v[0] + rng.NormFloat64()*c.spread/1e5, v[1] + rng.NormFloat64()*c.spread/1e5}
				} else { // anywhere around the path
					b := p.Line.Bound()
					q = orb.Point{
						b.Min[0] + (rng.Float64()*1.4-0.2)*(b.Max[0]-b.Min[0]+0.01),
						b.Min[1] + (rng.Float64()*1.4-0.2)*(b.Max[1]-b.Min[1]+0.01),
					}
				}
				if q[0] > 180 {
					q[0] -= 360
				}
				checkNearest(t, q, ix.Nearest(q), p.Project(q))
			}
		})
	}
}

func TestIndexWithinMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{2, 50, 3000} {
		p := NewPath(randomWalk(rng, n, 44.8, 20.5, 60))
		ix := NewIndex(p)
		for k := 0; k < 300; k++ {
			v := p.Line[rng.IntN(len(p.Line))]
			q := orb.Point{v[0] + rng.NormFloat64()*0.003, v[1] + rng.NormFloat64()*0.003}
			r := []float64{0, 30, 200, 1000, 2500}[k%5]
			got, want := ix.Within(q, r), bruteWithin(p, q, r)
			if len(got) != len(want) {
				t.Fatalf("n=%d: Within(%v, %v) found %d segments; want %d", n, q, r, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("n=%d: Within(%v, %v)[%d] = %+v; want %+v", n, q, r, i, got[i], want[i])
				}
			}
		}
	}
}

func TestIndexEdgeCases(t *testing.T) {
	one := NewPath(orb.LineString{{45, 24}})
	if got, want := NewIndex(one).Nearest(orb.Point{45.001, 24}), one.Project(orb.Point{45.001, 24}); got != want {
		t.Errorf("one point: Nearest = %+v; want %+v", got, want)
	}
	if got := NewIndex(one).Within(orb.Point{45.001, 24}, 50); len(got) != 0 {
		t.Errorf("one point: Within(100 m away, 50) = %v; want none", got)
	}
	if got := NewIndex(one).Within(orb.Point{45.001, 24}, 150); len(got) != 1 {
		t.Errorf("one point: Within(100 m away, 150) = %v; want the point", got)
	}
	if got := NewIndex(nil).Within(orb.Point{}, 10); got != nil {
		t.Errorf("nil path: Within = %v; want nil", got)
	}
	if got := NewIndex(&Path{}).Within(orb.Point{}, 10); got != nil {
		t.Errorf("empty path: Within = %v; want nil", got)
	}
	same := NewPath(orb.LineString{{45, 24}, {45, 24}, {45, 24}})
	q := orb.Point{45.0005, 24.0005}
	if got, want := NewIndex(same).Nearest(q), same.Project(q); got != want {
		t.Errorf("coincident vertices: Nearest = %+v; want %+v", got, want)
	}
	// Crossing the antimeridian: one piece of grid, exact.
	wrap := NewPath(orb.LineString{{179.99, 10}, {-179.99, 10}, {-179.98, 10.01}})
	q = orb.Point{179.995, 10.001}
	if got, want := NewIndex(wrap).Nearest(q), wrap.Project(q); got != want {
		t.Errorf("antimeridian: Nearest = %+v; want %+v", got, want)
	}
	// A query on the other side of the world.
	line := NewPath(orb.LineString{{45, 24}, {45.1, 24.1}})
	q = orb.Point{-135, -24}
	checkNearest(t, q, NewIndex(line).Nearest(q), line.Project(q))
}

// benchPath is a 1M-point track of about 100 km wandering over the Arabian
// desert, shared by the benchmarks.
func benchPath(b *testing.B) (*Path, []orb.Point) {
	b.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	p := NewPath(randomWalk(rng, 1_000_000, 45, 22, 10))
	qs := make([]orb.Point, 1024)
	for i := range qs {
		v := p.Line[rng.IntN(len(p.Line))]
		qs[i] = orb.Point{v[0] + rng.NormFloat64()*0.001, v[1] + rng.NormFloat64()*0.001}
	}
	return p, qs
}

func BenchmarkNewIndex1M(b *testing.B) {
	p, _ := benchPath(b)
	b.ResetTimer()
	for b.Loop() {
		NewIndex(p)
	}
}

func BenchmarkIndexNearest1M(b *testing.B) {
	p, qs := benchPath(b)
	ix := NewIndex(p)
	i := 0
	for b.Loop() {
		ix.Nearest(qs[i%len(qs)])
		i++
	}
}

func BenchmarkProject1M(b *testing.B) {
	p, qs := benchPath(b)
	i := 0
	for b.Loop() {
		p.Project(qs[i%len(qs)])
		i++
	}
}

func BenchmarkIndexWithin1M(b *testing.B) {
	p, qs := benchPath(b)
	ix := NewIndex(p)
	i := 0
	for b.Loop() {
		ix.Within(qs[i%len(qs)], 200)
		i++
	}
}

// An out-and-back track passes a waypoint twice, 22 m north of the way out
// and 33 m south of the way back (both to the left): Within finds both
// passes, Nearest the nearer (the same answer as Path.Project).
func ExampleIndex() {
	track := orb.LineString{{46.60, 24.50}, {46.62, 24.50}, {46.64, 24.50}, {46.62, 24.5005}, {46.60, 24.5005}}
	ix := NewIndex(NewPath(track))
	wpt := orb.Point{46.61, 24.5002}
	for _, pr := range ix.Within(wpt, 100) {
		fmt.Printf("segment %d at km %.3f, %.1f m\n", pr.Segment, pr.Along/1000, pr.Offset)
	}
	n := ix.Nearest(wpt)
	fmt.Printf("nearest: segment %d at km %.3f\n", n.Segment, n.Along/1000)
	// Output:
	// segment 0 at km 1.014, -22.1 m
	// segment 3 at km 7.096, -33.3 m
	// nearest: segment 0 at km 1.014
}

func TestIndexWithinHugeRadius(t *testing.T) {
	p := NewPath(orb.LineString{{45, 24}, {45.01, 24}, {45.02, 24.01}})
	ix := NewIndex(p)
	for _, r := range []float64{1e7, 1e12, math.Inf(1)} {
		if got := ix.Within(orb.Point{45, 24}, r); len(got) != 2 {
			t.Errorf("Within(%v) found %d segments; want 2", r, len(got))
		}
	}
	if got := ix.Within(orb.Point{45, 24}, math.NaN()); got != nil {
		t.Errorf("Within(NaN) = %v; want nil", got)
	}
}

package geo

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// syntheticTrack returns a deterministic track of n points 10–20 m apart
// wandering from 24°N 45°E, built in the local plane of each point (the
// spacing is approximate; it only has to look like a recorded track).
func syntheticTrack(n int) orb.LineString {
	rng := rand.New(rand.NewPCG(7, 8))
	ls := make(orb.LineString, n)
	lon, lat, heading := 45.0, 24.0, 30.0
	for i := range ls {
		ls[i] = orb.Point{lon, lat}
		heading += rng.NormFloat64() * 10
		d := 10 + 10*rng.Float64()
		m, nn := radii(lat)
		s, c := math.Sincos(heading * rad)
		lat += d * c / (m * rad)
		lon += d * s / (nn * math.Cos(lat*rad) * rad)
	}
	return ls
}

var (
	trackOnce sync.Once
	track1M   orb.LineString
	path1M    *Path
)

func benchTrack() (orb.LineString, *Path) {
	trackOnce.Do(func() {
		track1M = syntheticTrack(1_000_000)
		path1M = NewPath(track1M)
	})
	return track1M, path1M
}

func BenchmarkDistance(b *testing.B) {
	p, q := orb.Point{38.0618, 24.0895}, orb.Point{37.9236, 26.6086} // Yanbu, AlUla
	for b.Loop() {
		Distance(p, q)
	}
}

// BenchmarkOdometer measures a 1M-point track, points 10–20 m apart.
func BenchmarkOdometer(b *testing.B) {
	ls, _ := benchTrack()
	dst := make([]float64, 0, len(ls))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		dst = Odometer(ls, dst[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ls)), "ns/point")
}

// BenchmarkProjectForward snaps fixes a few metres off the 1M-point track,
// each searched in a 2 km window ahead of the previous match, as a ride
// check does.
func BenchmarkProjectForward(b *testing.B) {
	_, p := benchTrack()
	rng := rand.New(rand.NewPCG(9, 10))
	const nq = 4096
	qs := make([]orb.Point, nq)
	from := make([]float64, nq)
	for i := range qs {
		d := rng.Float64() * (p.Length() - 3000)
		pt := p.PointAt(d)
		qs[i] = Destination(pt, rng.Float64()*360, rng.Float64()*30)
		from[i] = math.Max(0, d-50)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		p.ProjectForward(qs[i%nq], from[i%nq], 2000)
		i++
	}
}

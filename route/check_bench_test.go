package route

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// wanderLine returns an n-point line from start, steps of about step metres
// whose heading wanders (geodesics: it may cross the antimeridian or pass a
// pole).
func wanderLine(seed uint64, n int, start orb.Point, step float64) orb.LineString {
	rng := rand.New(rand.NewPCG(seed, 1))
	ls := make(orb.LineString, n)
	p, h := start, rng.Float64()*360
	for i := range ls {
		ls[i] = p
		var final float64
		p, final = geo.Direct(p, h, step*(0.5+rng.Float64()))
		h = final + rng.NormFloat64()*8
	}
	return ls
}

// rideOf returns a timed ride of the points, one fix a second.
func rideOf(pts orb.LineString) *File {
	s := Segment{Points: pts}
	for i := range pts {
		s.Time = append(s.Time, genT0.Add(time.Duration(i)*time.Second))
	}
	return &File{Tracks: []Track{{Segments: []Segment{s}}}}
}

// anywhereCases are routes and rides the spatial index must serve without
// scanning the route for every fix: a ride on another continent, a route
// and a ride across the antimeridian, and both near the north pole.
func anywhereCases(fixes int) []struct {
	name        string
	route, ride orb.LineString
} {
	const routePts = 50_000
	desert := wanderLine(1, routePts, orb.Point{46.9, 24.6}, 20)
	return []struct {
		name        string
		route, ride orb.LineString
	}{
		{"on route", desert, desert[:min(fixes, routePts)]},
		{"ride on another continent", desert, wanderLine(2, fixes, orb.Point{-100, 40}, 20)},
		{"ride on the far side of the world", desert, wanderLine(3, fixes, orb.Point{-133, -24.6}, 20)},
		{"across the antimeridian", wanderLine(4, routePts, orb.Point{179.9, -17}, 20), wanderLine(5, fixes, orb.Point{179.95, -17.02}, 20)},
		{"near the north pole", wanderLine(6, routePts, orb.Point{0, 89.7}, 20), wanderLine(7, fixes, orb.Point{90, 89.6}, 20)},
	}
}

// BenchmarkCheckAnywhere checks 20,000-fix rides against 50,000-point
// routes wherever they are. Before the index served every place (issue
// 10), a ride 90° of longitude from its route scanned the whole route for
// every fix.
func BenchmarkCheckAnywhere(b *testing.B) {
	for _, c := range anywhereCases(20_000) {
		b.Run(c.name, func(b *testing.B) {
			st := NewStage(&File{Tracks: []Track{{Segments: []Segment{{Points: c.route}}}}}, StageOptions{})
			ride := rideOf(c.ride)
			st.Index()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Check(st, ride, CheckOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

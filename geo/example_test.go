package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// The distance and heading from Yanbu to AlUla, the first transfer of
// Dakar 2026, on the WGS84 ellipsoid.
func ExampleDistance() {
	yanbu := orb.Point{38.0618, 24.0895} // [lon, lat]
	alula := orb.Point{37.9236, 26.6086}
	fmt.Printf("%.3f km\n", geo.Distance(yanbu, alula)/1000)
	fmt.Printf("CAP %.0f°\n", geo.Bearing(yanbu, alula))
	// Output:
	// 279.408 km
	// CAP 357°
}

// A path's odometer: the distance from the start at every vertex, and the
// point and heading at any distance along it.
func ExamplePath() {
	start := orb.Point{38.0618, 24.0895}
	p := geo.NewPath(orb.LineString{
		start,
		geo.Destination(start, 90, 1200), // 1.2 km east
		geo.Destination(geo.Destination(start, 90, 1200), 0, 800), // then 800 m north
	})
	for i, d := range p.Odo {
		fmt.Printf("vertex %d at %.2f km\n", i, d/1000)
	}
	fmt.Printf("length %.2f km\n", p.Length()/1000)
	at := p.PointAt(1500)
	fmt.Printf("at 1.5 km: %.5f°N %.5f°E, heading %.0f°\n", at[1], at[0], p.BearingAt(1500))
	// Output:
	// vertex 0 at 0.00 km
	// vertex 1 at 1.20 km
	// vertex 2 at 2.00 km
	// length 2.00 km
	// at 1.5 km: 24.09221°N 38.07360°E, heading 0°
}

// Snapping a position to an out-and-back route: the same place is passed
// twice, 3 km apart along the route. Searching forward from the last known
// position picks the pass being ridden. (The way back starts 30 m south of
// the way out, and a geodesic heading west bows towards the equator: 1 km
// from the start the two passes are 30.4 m apart.)
func ExamplePath_ProjectForward() {
	start := orb.Point{46.6753, 24.7136}
	turn := geo.Destination(start, 90, 3000)
	back := geo.Destination(turn, 180, 30) // return 30 m further south
	route := geo.NewPath(orb.LineString{start, turn, back, geo.Destination(back, 270, 3000)})

	fix := geo.Destination(geo.Destination(start, 90, 1000), 180, 12) // between the two passes
	for _, from := range []float64{0, 4500} {
		pr := route.ProjectForward(fix, from, 2000)
		fmt.Printf("from %.1f km: at %.3f km, %+.1f m\n", from/1000, pr.Along/1000, pr.Offset)
	}
	// Output:
	// from 0.0 km: at 1.000 km, +12.0 m
	// from 4.5 km: at 5.030 km, +18.4 m
}

// A local plane: nearby points as metres east and north of an origin, to
// compare and draw them cheaply.
func ExamplePlane() {
	yanbu := orb.Point{38.0618, 24.0895}
	pl := geo.NewPlane(yanbu)
	x, y := pl.XY(geo.Destination(yanbu, 45, 1000))
	fmt.Printf("%.1f m east, %.1f m north\n", x, y)
	// Output:
	// 707.1 m east, 707.1 m north
}

// Simplify keeps the points that matter for display at a tolerance in
// metres.
func ExampleSimplify() {
	// A 1 km straight line with a point 5 m off it in the middle.
	var ls orb.LineString
	for i := range 11 {
		ls = append(ls, geo.Destination(orb.Point{45, 24}, 90, float64(i)*100))
	}
	ls[5] = geo.Destination(ls[5], 0, 5)
	fmt.Println(geo.Simplify(ls, 2))
	fmt.Println(geo.Simplify(ls, 10))
	// Output:
	// [0 4 5 6 10]
	// [0 10]
}

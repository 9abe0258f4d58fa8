package roadbook_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// exampleStage is 1 km north from Yanbu, a right turn, 1 km east, with a
// DSS at 300 m and an ASS at 1.8 km.
func exampleStage() *route.Stage {
	start := orb.Point{38.0618, 24.0895}
	ls := orb.LineString{start}
	p := start
	for _, h := range []float64{0, 90} {
		for i := 0; i < 100; i++ {
			p = geo.Destination(p, h, 10)
			ls = append(ls, p)
		}
	}
	path := geo.NewPath(ls)
	at := func(d float64, k route.Kind) route.Placed {
		return route.Placed{
			Waypoint: route.Waypoint{Point: path.PointAt(d), HasPoint: true, Controls: []route.Control{{Kind: k}}},
			OnRoute:  true, Along: d,
		}
	}
	return &route.Stage{Name: "example", Path: path, Waypoints: []route.Placed{at(300, route.DSS), at(1800, route.ASS)},
		Sections: []route.Section{
			{Kind: route.Liaison, From: 0, To: 300, Start: -1, End: 0},
			{Kind: route.Special, From: 300, To: 1800, Sector: 1, Start: 0, End: 1},
			{Kind: route.Liaison, From: 1800, To: path.Length(), Start: 1, End: -1},
		}}
}

func ExampleBuild() {
	rb := roadbook.Build(exampleStage(), roadbook.Options{})
	for _, b := range rb.Boxes {
		fmt.Printf("%2d  %5.2f km  partial %4.2f  CAP %03.0f  %s\n", b.Number, b.Total/1000, b.Partial/1000, b.Cap, b.Notes)
	}
	// Output:
	//  1   0.00 km  partial 0.00  CAP 000  Start
	//  2   0.30 km  partial 0.30  CAP 000  DSS
	//  3   0.70 km  partial 0.70  CAP 090  TR 90°
	//  4   1.50 km  partial 0.80  CAP 090  ASS
	//  5   0.20 km  partial 0.20  CAP 090  Finish
}

func ExampleValidate() {
	s := exampleStage()
	s.Waypoints[1].Controls[0].Kind = route.DZ // a DZ without a speed, no ASS
	s.Pair()                                   // the waypoints changed: pair them again
	for _, p := range roadbook.Validate(s, nil) {
		fmt.Println(p)
	}
	// Output:
	// error: box 2 (special km 0.00, route km 0.30): DSS at km 0.300 has no ASS: the special runs to the end of the route
	// error: box 4 (special km 1.50, route km 1.80): DZ (km 1.80) has no speed limit
	// error: box 4 (special km 1.50, route km 1.80): DZ at km 1.800 has no FZ: its zone runs to the end of the route
}

package route_test

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// ExampleCheck checks a ride that takes a wrong turn 4 km into a straight
// 10 km route, drives 1 km out at a right angle and comes back.
func ExampleCheck() {
	start := orb.Point{46.9, 24.6}
	var line orb.LineString
	for m := 0.0; m <= 10000; m += 50 {
		line = append(line, geo.Destination(start, 90, m))
	}
	wpv := route.Waypoint{Point: geo.Destination(start, 90, 6000), HasPoint: true, Name: "WPV 1",
		Controls: []route.Control{{Kind: route.WPV}}}
	stage := route.NewStage(&route.File{
		Tracks:    []route.Track{{Name: "Stage", Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{wpv},
	}, route.StageOptions{})

	// The ride: 20 m/s, one fix a second.
	var ride route.Segment
	t0 := time.Date(2026, 1, 11, 8, 0, 0, 0, time.UTC)
	add := func(p orb.Point) {
		ride.Time = append(ride.Time, t0.Add(time.Duration(len(ride.Points))*time.Second))
		ride.Points = append(ride.Points, p)
	}
	for m := 0.0; m < 4000; m += 20 {
		add(geo.Destination(start, 90, m))
	}
	turn := geo.Destination(start, 90, 4000)
	for m := 0.0; m < 1000; m += 20 { // out
		add(geo.Destination(turn, 0, m))
	}
	for m := 1000.0; m > 0; m -= 20 { // and back
		add(geo.Destination(turn, 0, m))
	}
	for m := 4000.0; m <= 10000; m += 20 {
		add(geo.Destination(start, 90, m))
	}
	rep, err := route.Check(stage, &route.File{Tracks: []route.Track{{Segments: []route.Segment{ride}}}}, route.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range rep.Excursions {
		fmt.Printf("left at km %.1f (%s), back at km %.1f (%v), %.0f m out, %.1f km driven in %v\n",
			e.FromKm, rep.Odometer(e.FromKm), e.ToKm, e.Rejoin, e.MaxOffset, e.Driven/1000, e.Duration)
	}
	for _, w := range rep.Waypoints {
		fmt.Printf("%s validated %v at %s\n", w.Name, w.Validated, w.Time.Format("15:04:05"))
	}
	fmt.Println("penalty", rep.Penalty, "retired", rep.Retired != nil)
	// Output:
	// left at km 4.0 (liaison km 4.00), back at km 4.0 (same), 1000 m out, 1.9 km driven in 1m34s
	// WPV 1 validated true at 08:06:30
	// penalty 0s retired false
}

package route_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// A stage drawn as a straight track of about 10 km eastwards from Yanbu
// (101.68 m per thousandth of a degree of longitude at 24.09° N),
// with a DSS, a masked waypoint, a neutralisation and an ASS.
func ExampleNewStage() {
	var line orb.LineString
	for i := 0; i <= 100; i++ {
		line = append(line, orb.Point{38.0618 + float64(i)*0.001, 24.0895})
	}
	at := func(i int, name string, k route.Kind) route.Waypoint {
		return route.Waypoint{Point: line[i], HasPoint: true, Name: name,
			Controls: []route.Control{{Kind: k}}}
	}
	f := &route.File{
		Metadata: route.Metadata{Name: "Prologue"},
		Tracks:   []route.Track{{Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{
			at(10, "DSS", route.DSS), at(30, "WPM 1", route.WPM),
			at(40, "DN", route.DN), at(50, "FN", route.FN), at(90, "ASS", route.ASS),
		},
	}
	s := route.NewStage(f, route.StageOptions{})
	fmt.Printf("%s: %.3f km\n", s.Name, s.Length()/1000)
	for _, sec := range s.Sections {
		fmt.Printf("%-14s %d %6.3f %6.3f\n", sec.Kind, sec.Sector, sec.From/1000, sec.To/1000)
	}
	for _, w := range s.Waypoints {
		fmt.Printf("%-5s at km %.3f (+%.3f)\n", w.Name, w.Along/1000, w.Partial/1000)
	}
	l, sp, n := s.Totals()
	fmt.Printf("liaison %.3f km, special %.3f km, neutralised %.3f km\n", l/1000, sp/1000, n/1000)
	fmt.Println(s.SectionAt(4500).Kind)
	// Output:
	// Prologue: 10.168 km
	// liaison        0  0.000  1.017
	// special        1  1.017  4.067
	// neutralisation 0  4.067  5.084
	// special        2  5.084  9.151
	// liaison        0  9.151 10.168
	// DSS   at km 1.017 (+1.017)
	// WPM 1 at km 3.050 (+2.034)
	// DN    at km 4.067 (+1.017)
	// FN    at km 5.084 (+1.017)
	// ASS   at km 9.151 (+4.067)
	// liaison 2.034 km, special 7.118 km, neutralised 1.017 km
	// neutralisation
}

// Stages can be checked without a track's help: a special that never ends
// is reported, and runs to the end of the route.
func ExampleStage_HasSpecial() {
	line := orb.LineString{{45, 24}, {45.01, 24}, {45.02, 24}}
	f := &route.File{
		Tracks:    []route.Track{{Name: "Stage 7", Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{{Point: line[1], HasPoint: true, Line: 7, Controls: []route.Control{{Kind: route.DSS}}}},
	}
	s := route.NewStage(f, route.StageOptions{})
	fmt.Println(s.Name, s.HasSpecial())
	for _, p := range s.Problems {
		fmt.Println(p)
	}
	// Output:
	// Stage 7 true
	// DSS (line 7) at km 1.018 has no ASS: the special runs to the end of the route
}

// The roadbook odometer counts each section from 0 at its start: the
// wrong turn at route km 413.10 of Stage 7 is special km 163.10, and the
// box at the ASS closes the special at 462.00 and restarts the liaison.
func ExampleStage_Odometer() {
	s := &route.Stage{Sections: []route.Section{
		{Kind: route.Liaison, From: 0, To: 250000},
		{Kind: route.Special, From: 250000, To: 712000, Sector: 1},
		{Kind: route.Liaison, From: 712000, To: 876000},
	}}
	fmt.Println(s.Odometer(413104))
	ass := s.Odometer(712000)
	fmt.Printf("%s closes %s at %s\n", ass, s.SectionLabel(ass.Closed), route.Km(ass.Closing))
	fmt.Println(s.Odometer(876000))
	// Output:
	// special km 163.10
	// liaison 2 km 0.00 closes special at 462.00
	// liaison 2 km 164.00
}

// An editor moves the masked waypoint of a prologue 2 km further: the
// stage built again with WithWaypoints shares the route (its odometer and
// index are not built again) and places the waypoints as NewStage would.
func ExampleStage_WithWaypoints() {
	var line orb.LineString
	for i := 0; i <= 100; i++ {
		line = append(line, orb.Point{38.0618 + float64(i)*0.001, 24.0895})
	}
	at := func(i int, name string, k route.Kind) route.Waypoint {
		return route.Waypoint{Point: line[i], HasPoint: true, Name: name,
			Controls: []route.Control{{Kind: k}}}
	}
	f := &route.File{
		Tracks:    []route.Track{{Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{at(10, "DSS", route.DSS), at(30, "WPM 1", route.WPM), at(90, "ASS", route.ASS)},
	}
	s := route.NewStage(f, route.StageOptions{})
	ws := append([]route.Waypoint(nil), f.Waypoints...)
	ws[1] = at(50, "WPM 1", route.WPM)
	moved := s.WithWaypoints(ws, route.StageOptions{})
	fmt.Println("same route:", moved.Path == s.Path)
	for _, w := range moved.Waypoints {
		fmt.Printf("%-5s at km %.3f\n", w.Name, w.Along/1000)
	}
	fmt.Printf("the first stage still has WPM 1 at km %.3f\n", s.Waypoints[1].Along/1000)
	// Output:
	// same route: true
	// DSS   at km 1.017
	// WPM 1 at km 5.084
	// ASS   at km 9.151
	// the first stage still has WPM 1 at km 3.050
}

package synth_test

import (
	"fmt"

	"github.com/roadbook/roadbook/bench/synth"
)

func ExampleGenerate() {
	n, _ := synth.SizePoints("small")
	g, err := synth.Generate("small", n, synth.DefaultSeed)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, x := g.Truth.Route, g.Truth.Recorded.Excursion
	fmt.Printf("route: %d points, %.1f km, %d waypoints %v\n", r.Points, r.Length2D/1000, r.Waypoints, r.WaypointsByType)
	fmt.Printf("recorded: %d fixes from %s\n", g.Truth.Recorded.Points, g.Truth.Recorded.StartTime.Format("2006-01-02 15:04:05"))
	fmt.Printf("wrong turn: fixes %d–%d more than 50 m off, %.0f m at most\n", x.First, x.Last, x.MaxOffroute)
	// Output:
	// route: 5000 points, 75.0 km, 21 waypoints map[ASS:1 DSS:1 DZ:1 FZ:1 WPC:4 WPE:1 WPM:8 WPS:2 WPV:2]
	// recorded: 3906 fixes from 2025-01-03 06:30:00
	// wrong turn: fixes 1579–1928 more than 50 m off, 3012 m at most
}

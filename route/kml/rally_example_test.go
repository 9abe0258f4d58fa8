package kml_test

import (
	"fmt"
	"io"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/route"
	_ "github.com/roadbook/roadbook/route/gpx" // route.Decode reads GPX
	"github.com/roadbook/roadbook/route/kml"
)

// A rally and a recorded ride as one Google Earth document, as roadbook
// kml --ride draws them: the ride checked against the stage of its date.
func ExampleCheckedRide() {
	rally, stages, err := route.LoadRally(dakar2026.FS, ".", route.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := dakar2026.FS.Open(dakar2026.RideFile)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	ride, _, err := route.Decode(f, route.DecodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}

	doc := kml.NewDocument(rally, stages)
	r, how, err := kml.CheckedRide("car 201", ride, stages, route.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	doc.Rides = append(doc.Rides, r)
	fmt.Printf("%s: %d stages\n", doc.Name, len(doc.Stages))
	fmt.Printf("%s checked against %s (%s): %d wrong turn, %d missed waypoints\n",
		r.Name, r.Check.Stage.Name, how, len(r.Check.Excursions), len(r.Check.Missed))
	if _, err := kml.EncodeKMZ(io.Discard, doc, kml.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Dakar 2026: 14 stages
	// car 201 checked against Stage 7 (by date): 1 wrong turn, 0 missed waypoints
}

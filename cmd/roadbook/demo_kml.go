package main

import (
	"io"
	"path/filepath"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/kml"
)

// demoKMZ is the Google Earth document the demo writes.
const demoKMZ = "dakar2026.kmz"

// demoKMLProduct is the demo's Google Earth document of the whole rally.
func demoKMLProduct() demoProduct {
	return demoProduct{
		name: "Google Earth",
		run:  runDemoKML,
		open: "open " + demoKMZ + " in Google Earth Pro (File > Open), or Google Earth on the web (Projects > Open > Import KML file)",
	}
}

// runDemoKML writes the whole rally as one KMZ, with the recorded Stage 7
// ride and its wrong turns drawn over the stage, and the other tracks at
// the junctions in the balloons' tulips, as the printed roadbooks have
// them.
func runDemoKML(d *demoRun) ([]string, error) {
	doc := kml.NewDocument(d.rally, d.stages)
	name := d.ride.Metadata.Name
	if name == "" {
		name = "Recorded ride"
	}
	r, _, err := kml.CheckedRide(name, d.ride, []route.LoadedStage{{Stage: d.rideStage}}, route.CheckOptions{})
	if err != nil {
		return nil, err
	}
	doc.Rides = append(doc.Rides, r)
	err = d.e.writeOutput(filepath.Join(d.dir, demoKMZ), func(w io.Writer) error {
		_, err := kml.EncodeKMZ(w, doc, kml.Options{Tracks: d.tracks})
		return err
	})
	if err != nil {
		return nil, d.e.outputError(demoKMZ, err)
	}
	return []string{demoKMZ}, nil
}

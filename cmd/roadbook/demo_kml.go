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
// ride and its wrong turns drawn over the stage.
func runDemoKML(d *demoRun) ([]string, error) {
	doc := kmlDocument(&input{rally: d.rally, stages: d.stages})
	name := d.ride.Metadata.Name
	if name == "" {
		name = "Recorded ride"
	}
	r := kml.RideFromFile(name, d.ride)
	rep, err := route.Check(d.rideStage, d.ride, route.CheckOptions{})
	if err != nil {
		return nil, err
	}
	r.Check = kml.CheckFromReport(d.rideStage, d.ride, rep)
	doc.Rides = append(doc.Rides, r)
	err = d.e.writeOutput(filepath.Join(d.dir, demoKMZ), func(w io.Writer) error {
		_, err := kml.EncodeKMZ(w, doc, kml.Options{})
		return err
	})
	if err != nil {
		return nil, d.e.outputError(demoKMZ, err)
	}
	return []string{demoKMZ}, nil
}

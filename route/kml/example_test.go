package kml_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/kml"
)

// A stage built in code, written as plain KML: a liaison and a special, a
// DSS and an ASS: two sections, two controls with their four radii, and
// the roadbook's two other boxes (the start and a turn) in the hidden folder.
func Example() {
	line := orb.LineString{{38.06, 24.08}, {38.07, 24.09}, {38.08, 24.09}, {38.09, 24.10}}
	path := geo.NewPath(line)
	dss := route.Waypoint{Name: "DSS", HasPoint: true, Point: line[1], Controls: []route.Control{{Kind: route.DSS}}}
	ass := route.Waypoint{Name: "ASS", HasPoint: true, Point: line[3], Controls: []route.Control{{Kind: route.ASS}}}
	st := &route.Stage{
		Name: "Prologue",
		Path: path,
		Waypoints: []route.Placed{
			{Waypoint: dss, OnRoute: true, Along: path.Odo[1]},
			{Waypoint: ass, OnRoute: true, Along: path.Odo[3]},
		},
		Sections: []route.Section{
			{Kind: route.Liaison, From: 0, To: path.Odo[1], Start: -1, End: 0},
			{Kind: route.Special, From: path.Odo[1], To: path.Odo[3], Sector: 1, Start: 0, End: 1},
		},
	}
	doc := &kml.Document{Stages: []kml.StageFolder{{
		Stage: st,
		Rally: &route.RallyStage{Name: "Prologue", Start: "Yanbu", Finish: "Yanbu", Date: "2026-01-03"},
	}}}
	var buf bytes.Buffer
	stats, err := kml.Encode(&buf, doc, kml.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	out := buf.String()
	fmt.Println(doc.Stages[0].Title())
	fmt.Println("placemarks:", strings.Count(out, "<Placemark>"))
	fmt.Println("route points:", stats.RoutePoints, "kept:", stats.RouteKept)
	fmt.Println(strings.Contains(out, "<styleUrl>#special</styleUrl>"))
	// Output:
	// Prologue · Yanbu > Yanbu
	// placemarks: 10
	// route points: 5 kept: 5
	// true
}

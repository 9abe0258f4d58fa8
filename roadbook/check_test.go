package roadbook_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// TestCheckBoxLine: a roadbook without a track (Rally Navigator's exports)
// is measured by its own boxes, so its distances and CAPs are not checked
// against the straight lines between them; the same boxes on a track are.
func TestCheckBoxLine(t *testing.T) {
	// Three boxes 1 km apart heading north; the second's CAP says east.
	pts := []orb.Point{{45, 24}, {45, 24.009}, {45, 24.018}}
	f := &route.File{OpenRally: "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"}
	for i, p := range pts {
		w := route.Waypoint{Point: p, HasPoint: true, Distance: float64(i), HasDistance: true}
		if i == 1 {
			w.Cap, w.HasCap = 90, true
		}
		f.Waypoints = append(f.Waypoints, w)
	}
	st := route.NewStage(f, route.StageOptions{})
	if st.Source != route.BoxSource {
		t.Fatalf("Source = %v; want %v", st.Source, route.BoxSource)
	}
	if rb := roadbook.Build(st, roadbook.Options{}); len(rb.Checks) != 0 {
		t.Errorf("box line: Checks = %v; want none", rb.Checks)
	}

	f.Tracks = []route.Track{{Segments: []route.Segment{{Points: orb.LineString(pts)}}}}
	st = route.NewStage(f, route.StageOptions{})
	rb := roadbook.Build(st, roadbook.Options{})
	found := false
	for _, c := range rb.Checks {
		if c.Field == "cap" && c.Box == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("on a track: Checks = %v; want box 2's CAP reported", rb.Checks)
	}
}

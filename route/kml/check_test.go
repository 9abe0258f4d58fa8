package kml

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestCheckFromReport runs the wrong-turn checker on the test ride (which
// leaves the route between 1.5 and 2.1 km, up to 300 m off) and draws it.
func TestCheckFromReport(t *testing.T) {
	st := testStage()
	// A plain roadbook box at 1505 m, where the ride turns off.
	box := route.Placed{Waypoint: route.Waypoint{Point: st.Path.PointAt(1505), HasPoint: true, Notes: "KL {village}"}, OnRoute: true, Along: 1505}
	k := sort.Search(len(st.Waypoints), func(i int) bool { return st.Waypoints[i].Along > 1505 })
	st.Waypoints = append(st.Waypoints[:k], append([]route.Placed{box}, st.Waypoints[k:]...)...)
	st.Pair()
	seg, _ := testRide(st)
	ride := &route.File{Tracks: []route.Track{{Segments: []route.Segment{seg}}}}
	rep, err := route.Check(st, ride, route.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := CheckFromReport(st, ride, rep)
	if len(c.Excursions) != 1 {
		t.Fatalf("CheckFromReport: %d excursions; want 1", len(c.Excursions))
	}
	x := c.Excursions[0]
	if math.Abs(x.Left-1500) > 100 || math.Abs(x.Rejoined-2100) > 100 {
		t.Errorf("CheckFromReport: excursion km %.0f–%.0f m; want about 1500–2100", x.Left, x.Rejoined)
	}
	if x.At != "KL {village}" || x.Left != 1505 {
		t.Errorf("CheckFromReport: left at %q, %.1f m; want the box \"KL {village}\" at 1505 m", x.At, x.Left)
	}
	// 300 m north of the route at 1.8 km; the bending route comes a little
	// closer than that.
	if x.MaxOffset < 200 || x.MaxOffset > 305 {
		t.Errorf("CheckFromReport: max offset %.0f m; want 200 to 305", x.MaxOffset)
	}
	if len(x.Line) < 10 {
		t.Errorf("CheckFromReport: excursion line of %d fixes; want the ~25 fixes off route", len(x.Line))
	}
	// The waypoints inside the excursion (FZ 1 at 1.7 km and DN at 2.0
	// km) were missed; those on the route were not.
	var missed []string
	for _, m := range c.Missed {
		missed = append(missed, m.Label)
	}
	got := strings.Join(missed, ",")
	if !strings.Contains(got, "FZ 1") || strings.Contains(got, "WPV 1") || strings.Contains(got, "WPM 2") {
		t.Errorf("CheckFromReport: missed %q; want FZ 1 and not WPV 1 or WPM 2", got)
	}
	var buf bytes.Buffer
	doc := &Document{Stages: []StageFolder{{Stage: st}}, Rides: []Ride{{Name: "checked", Segments: ride.Tracks[0].Segments, Check: c}}}
	if _, err := Encode(&buf, doc, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<td>at the box</td><td>KL village</td>") {
		t.Errorf("Encode(checked ride): the wrong turn's balloon does not name the box it left at")
	}
	if n := strings.Count(buf.String(), "<styleUrl>#excursion</styleUrl>"); n != 1 {
		t.Errorf("Encode(checked ride): %d excursion lines; want 1", n)
	}
	if CheckFromReport(st, ride, nil) != nil {
		t.Errorf("CheckFromReport(nil report) != nil")
	}
}

package route

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

func TestWaypointMetric(t *testing.T) {
	w := Waypoint{Distance: 10, HasDistance: true, Speed: 30,
		Controls: []Control{{Kind: WPM, Radii: Radii{Open: 100, Clear: 50}}}}
	if got := w.Metric("metric"); got.Distance != 10 || got.Speed != 30 || got.Controls[0].Radii.Clear != 50 {
		t.Errorf("Metric(metric) = %+v; want w unchanged", got)
	}
	if got := w.Metric(""); got.Distance != 10 {
		t.Errorf("Metric(\"\") = %+v; want w unchanged", got)
	}
	got := w.Metric("statute")
	if math.Abs(got.Distance-16.09344) > 1e-12 || math.Abs(got.Speed-48.28032) > 1e-12 ||
		math.Abs(got.Controls[0].Radii.Open-91.44) > 1e-12 || math.Abs(got.Controls[0].Radii.Clear-45.72) > 1e-12 {
		t.Errorf("Metric(statute) = %+v; want 16.09344 km, 48.28032 km/h, radii 91.44 and 45.72 m", got)
	}
	if w.Controls[0].Radii.Clear != 50 {
		t.Errorf("Metric changed the waypoint's controls: %+v", w.Controls)
	}
}

// TestStatuteStage: a distance-only OpenRally roadbook in statute units is
// placed in metres, its radii judged in metres.
func TestStatuteStage(t *testing.T) {
	line := orb.LineString{{46, 24}, geo.Destination(orb.Point{46, 24}, 90, 20000)}
	f := &File{Units: "statute",
		Tracks: []Track{{Segments: []Segment{{Points: line}}}},
		Waypoints: []Waypoint{
			{Distance: 1, HasDistance: true, Controls: []Control{{Kind: DSS}}},
			{Distance: 5, HasDistance: true, Controls: []Control{{Kind: WPM, Radii: Radii{Clear: 100}}}},
			{Distance: 10, HasDistance: true, Controls: []Control{{Kind: ASS}}},
		}}
	st := NewStage(f, StageOptions{})
	want := []float64{1609.344, 8046.72, 16093.44}
	for i, p := range st.Waypoints {
		if math.Abs(p.Along-want[i]) > 1e-6 {
			t.Errorf("waypoint %d at %.3f m; want %.3f (miles in a statute file)", i, p.Along, want[i])
		}
	}
	if r := st.Waypoints[1].Controls[0].Radii.Clear; math.Abs(r-91.44) > 1e-9 {
		t.Errorf("WPM radius %v m; want 91.44 (100 yards)", r)
	}
	if f.Waypoints[1].Distance != 5 || f.Waypoints[1].Controls[0].Radii.Clear != 100 {
		t.Errorf("NewStage changed the file: %+v", f.Waypoints[1])
	}
}

package roadbook

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/roadbook/roadbook/route"
)

func TestFile(t *testing.T) {
	sy := makeRoute(yanbu, 0, 10, leg{0, 0, 1000}, leg{90, 0, 2000})
	p := sy.path
	dss := place(p, 500, route.DSS)
	dss.Name = "DSS Yanbu"
	dz := place(p, 1500, route.DZ)
	dz.Speed = 50
	dz.Controls[0].Radii.Clear = 50
	stop := place(p, 2200, route.Stop, route.WPM)
	stop.Stop = 2 * time.Minute
	stop.Danger = 3
	stop.Notes = "<svg><text>!!!</text></svg>"
	stop.Desc = "stop & go"
	s := stage(p, dss, dz, stop)
	rb := Build(s, Options{})
	f := rb.File(nil)
	if f.OpenRally != OpenRallyNamespace || f.Units != "metric" || !f.HasTotal || math.Abs(f.TotalKm*1000-p.Length()) > 1 {
		t.Errorf("File() = namespace %q units %q total %v; want v1.0.3, metric, %.3f", f.OpenRally, f.Units, f.TotalKm, p.Length()/1000)
	}
	if len(f.Tracks) != 1 || len(f.Tracks[0].Segments[0].Points) != len(p.Line) {
		t.Errorf("File() tracks = %d; want the route as one track", len(f.Tracks))
	}
	if len(f.Waypoints) != len(rb.Boxes) {
		t.Fatalf("File() has %d waypoints; want one per box (%d)", len(f.Waypoints), len(rb.Boxes))
	}
	for i, w := range f.Waypoints {
		b := rb.Boxes[i]
		if !w.HasDistance || math.Abs(w.Distance*1000-b.Total) > 0.5 || !w.HasCap || w.Cap != b.Cap || w.Reset != b.Reset || w.Point != b.Point || !w.HasPoint {
			t.Errorf("waypoint %d = %+v; want box %+v's distance, cap, reset and point", i, w, b)
		}
		if !strings.HasPrefix(w.Tulip, "<svg ") || !strings.HasPrefix(w.Notes, "<svg") {
			t.Errorf("waypoint %d tulip %.20q notes %.20q; want SVG drawings", i, w.Tulip, w.Notes)
		}
		if w.Desc != b.Notes {
			t.Errorf("waypoint %d Desc = %q; want the notes %q", i, w.Desc, b.Notes)
		}
	}
	// Find the boxes of the DSS, the DZ and the stop.
	byWaypoint := map[int]route.Waypoint{}
	for i, b := range rb.Boxes {
		if b.Waypoint >= 0 {
			byWaypoint[b.Waypoint] = f.Waypoints[i]
		}
	}
	if w := byWaypoint[0]; w.Name != "DSS Yanbu" || !w.Reset || w.Distance != route.RoundOdo(dss.Along)/1000 || w.Controls[0].Radii != (route.Radii{Open: 1000, Clear: 200}) {
		t.Errorf("DSS waypoint = %+v; want its name, a reset, the liaison's total %v, radii 1000/200", w, dss.Along)
	}
	if w := byWaypoint[1]; w.Speed != 50 || w.Controls[0].Radii.Clear != 50 || math.Abs(w.Distance-1) > 1e-9 {
		t.Errorf("DZ waypoint = %+v; want speed 50, its own clear radius 50, distance 1", w)
	}
	if w := byWaypoint[2]; w.Stop != 2*time.Minute || w.Danger != 3 || w.Notes != stop.Notes || w.Desc != "stop & go" || len(w.Controls) != 2 {
		t.Errorf("stop waypoint = %+v; want stop 2m, danger 3, the file's notes drawing, both controls", w)
	}
	if got := (*Book)(nil).File(nil); len(got.Waypoints) != 0 {
		t.Errorf("nil.File() has waypoints")
	}
}

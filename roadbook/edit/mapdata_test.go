package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/kml"
)

// TestMapColours: the map draws sections, speed zones and radii in the
// colours and widths `roadbook kml` gives them, read from the styles of a
// KML document route/kml writes (aabbggrr).
func TestMapColours(t *testing.T) {
	var buf bytes.Buffer
	if _, err := kml.Encode(&buf, &kml.Document{}, kml.Options{}); err != nil {
		t.Fatal(err)
	}
	style := func(id string) (string, string) {
		m := regexp.MustCompile(`<Style id="` + id + `"><LineStyle><color>(\w{8})</color>(?:<gx:labelVisibility>1</gx:labelVisibility>)?<width>([\d.]+)</width>`).FindStringSubmatch(buf.String())
		if m == nil {
			t.Fatalf("no style %s in the KML", id)
		}
		c := m[1]
		return "#" + c[6:8] + c[4:6] + c[2:4], m[2]
	}
	for k, id := range map[route.SectionKind]string{route.Liaison: "liaison", route.Special: "special", route.Neutralisation: "neutralisation"} {
		c, w := style(id)
		if c != sectionColour[k] || w != fmt.Sprint(sectionWidth[k]) {
			t.Errorf("%s: map %s %v px; kml %s %s px", id, sectionColour[k], sectionWidth[k], c, w)
		}
	}
	for id, want := range map[string]string{"speedzone": zoneColour, "radius-clear": clearColour, "radius-open": openColour} {
		if c, _ := style(id); c != want {
			t.Errorf("%s: map %s; kml %s", id, want, c)
		}
	}
}

// TestMapZonesAsPaired: the map's speed zones are the stage's
// (route.Stage.Zones): a DZ closed by the next DZ, a DN that is also a
// zone, limits in km/h whatever the file's units.
func TestMapZonesAsPaired(t *testing.T) {
	line := orb.LineString{}
	for i := range 101 {
		line = append(line, orb.Point{38 + float64(i)*0.001, 24})
	}
	box := func(i int, name string, km, speed float64, k route.Kind, zone bool) route.Waypoint {
		return route.Waypoint{Name: name, Point: line[i], HasPoint: true, Distance: km, HasDistance: true, Speed: speed,
			Controls: []route.Control{{Kind: k, Zone: zone}}}
	}
	for _, units := range []string{"metric", "statute"} {
		f := &route.File{Units: units, Tracks: []route.Track{{Segments: []route.Segment{{Points: line}}}}}
		f.Waypoints = []route.Waypoint{
			box(5, "DSS", 0.5, 0, route.DSS, false),
			box(10, "DZ 1", 1, 50, route.DZ, false),
			box(20, "DZ 2", 2, 30, route.DZ, false),
			box(30, "FZ", 3, 0, route.FZ, false),
			box(40, "DN", 4, 40, route.DN, true),
			box(50, "FN", 5, 0, route.FN, false),
			box(90, "ASS", 9, 0, route.ASS, false),
		}
		d, err := NewDoc(f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ft := range d.Map().Features {
			if ft.Properties["layer"] == "zone" {
				got = append(got, fmt.Sprintf("%.0f-%.0f m %v km/h", ft.Properties["from"], ft.Properties["to"], ft.Properties["speed"]))
			}
		}
		u := 1.0
		if units == "statute" {
			u = route.MileKm
		}
		odo := geo.NewPath(line).Odo // boxes are placed by their positions
		want := []string{
			fmt.Sprintf("%.0f-%.0f m %v km/h", odo[10], odo[20], 50*u),
			fmt.Sprintf("%.0f-%.0f m %v km/h", odo[20], odo[30], 30*u),
			fmt.Sprintf("%.0f-%.0f m %v km/h", odo[40], odo[50], 40*u),
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: zones %q; want %q", units, got, want)
		}
	}
}

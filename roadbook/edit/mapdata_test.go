package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

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

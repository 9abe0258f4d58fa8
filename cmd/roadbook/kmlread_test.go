package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route/gpx"
	"github.com/roadbook/roadbook/route/kml"
)

// TestCheckKMLRide: a ride recorded as KML (a gx:Track, as phone apps and
// Google Earth write them), plain or zipped, and given on standard input,
// gives the same report as the GPX it was made from.
func TestCheckKMLRide(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(checkData + "/wrongturn.gpx")
	if err != nil {
		t.Fatal(err)
	}
	f, err := gpx.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	doc := &kml.Document{Name: "Car 302"}
	for _, tr := range f.Tracks {
		doc.Rides = append(doc.Rides, kml.Ride{Name: tr.Name, Segments: tr.Segments})
	}
	dir := t.TempDir()
	for _, name := range []string{"ride.kml", "ride.kmz"} {
		var buf bytes.Buffer
		if strings.HasSuffix(name, ".kmz") {
			_, err = kml.EncodeKMZ(&buf, doc, kml.Options{Simplify: -1})
		} else {
			_, err = kml.Encode(&buf, doc, kml.Options{Simplify: -1})
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, want, _ := runMain(t, "", "check", "--json", checkData+"/stage.gpx", checkData+"/wrongturn.gpx")
	for _, ride := range []string{filepath.Join(dir, "ride.kml"), filepath.Join(dir, "ride.kmz"), "-"} {
		stdin := ""
		if ride == "-" {
			kb, _ := os.ReadFile(filepath.Join(dir, "ride.kmz"))
			stdin = string(kb)
		}
		code, got, stderr := runMain(t, stdin, "check", "--json", checkData+"/stage.gpx", ride)
		if code != exitDeviation || stderr != "" {
			t.Fatalf("check %s: exit %d, stderr %q; want 3 and nothing", ride, code, stderr)
		}
		// Only the file name differs.
		_, gotRest, _ := strings.Cut(got, "\n  \"stage\"")
		_, wantRest, _ := strings.Cut(want, "\n  \"stage\"")
		if gotRest == "" || gotRest != wantRest {
			t.Errorf("check %s: report differs from the GPX ride's:\n%s\nwant\n%s", ride, got, want)
		}
	}
}

// TestInfoKML: info reads a KML stage drawn in Google Earth: the
// placemarks' names give the controls.
func TestInfoKML(t *testing.T) {
	t.Parallel()
	in := `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Drawn in Google Earth</name>
<Placemark><name>DSS</name><Point><coordinates>46.905,24.6,0</coordinates></Point></Placemark>
<Placemark><name>WPM 1:150</name><Point><coordinates>46.93,24.6,0</coordinates></Point></Placemark>
<Placemark><name>ASS</name><Point><coordinates>46.99,24.6,0</coordinates></Point></Placemark>
<Placemark><name>Route</name><LineString><tessellate>1</tessellate><coordinates>
46.9,24.6,0 46.95,24.6,0 47.0,24.6,0
</coordinates></LineString></Placemark>
</Document></kml>`
	code, out, stderr := runMain(t, in, "info", "-")
	if code != exitOK || stderr != "" {
		t.Fatalf("info - (KML): exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{`stage "Drawn in Google Earth"`, "special", "WPM 1", "150"} {
		if !strings.Contains(out, want) {
			t.Errorf("info output lacks %q:\n%s", want, out)
		}
	}
}

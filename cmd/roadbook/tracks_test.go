package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// TestTracksFlag: --tracks draws a road known around the route in the
// tulip of the junction it passes (the test stage turns right at WPV 2, and
// the road goes on straight): a thin line where the dashed stub was.
func TestTracksFlag(t *testing.T) {
	t.Parallel()
	stage := checkData + "/stage.gpx"
	junction := orb.Point{46.9704398, 24.6190679} // WPV 2, where the route turns from 45° to 120°
	road := &route.File{Tracks: []route.Track{{Name: "piste", Segments: []route.Segment{{
		Points: orb.LineString{junction, geo.Destination(junction, 45, 300)}}}}}}
	var buf bytes.Buffer
	if err := gpx.Encode(&buf, road); err != nil {
		t.Fatal(err)
	}
	tracks := filepath.Join(t.TempDir(), "tracks.gpx")
	if err := os.WriteFile(tracks, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tulipAt := func(out string) string {
		f, err := gpx.Decode(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range f.Waypoints {
			if w.Name == "WPV 2" {
				return w.Tulip
			}
		}
		t.Fatalf("no WPV 2 box in the output")
		return ""
	}
	_, plain, _ := runMain(t, "", "openrally", stage)
	code, with, stderr := runMain(t, "", "openrally", "--tracks", tracks, stage)
	if code != exitOK || !strings.Contains(stderr, "other tracks: 1 line, 2 points") {
		t.Fatalf("openrally --tracks: exit %d, stderr %q", code, stderr)
	}
	p, w := tulipAt(plain), tulipAt(with)
	if !strings.Contains(p, "stroke-dasharray") || strings.Contains(p, `stroke-width="1.25"`) {
		t.Errorf("without --tracks the tulip has no dashed stub, or a thin line:\n%s", p)
	}
	if strings.Contains(w, "stroke-dasharray") || !strings.Contains(w, `stroke-width="1.25"`) {
		t.Errorf("with --tracks the tulip still has the stub, or no thin line:\n%s", w)
	}
	// A road of type tarmac is drawn as a double line (black, white core).
	road.Tracks[0].Type = "tarmac"
	buf.Reset()
	if err := gpx.Encode(&buf, road); err != nil {
		t.Fatal(err)
	}
	tarmac := filepath.Join(t.TempDir(), "roads.gpx")
	if err := os.WriteFile(tarmac, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, withRoad, _ := runMain(t, "", "openrally", "--tracks", tarmac, stage)
	if w := tulipAt(withRoad); !strings.Contains(w, `stroke="#fff" stroke-width="2.4"`) {
		t.Errorf("a tarmac road is not drawn double (a white core):\n%s", w)
	}
	// kml takes it too: the balloon's tulip draws the road double.
	code, kmlOut, stderr := runMain(t, "", "kml", "--tracks", tarmac, "-o", "-", stage)
	if code != exitOK || !strings.Contains(stderr, "other tracks: 1 line, 2 points") {
		t.Errorf("kml --tracks: exit %d, stderr %q", code, stderr)
	}
	if m := regexp.MustCompile(`(?s)<name>WPV 2</name>.*?<img alt="tulip" src="data:image/svg\+xml;base64,([^"]+)"`).FindStringSubmatch(kmlOut); m == nil {
		t.Errorf("kml --tracks: no tulip in the WPV 2 balloon")
	} else if svg, _ := base64.StdEncoding.DecodeString(m[1]); !strings.Contains(string(svg), `stroke="#fff"`) {
		t.Errorf("kml --tracks: the WPV 2 balloon's tulip has no tarmac road:\n%s", svg)
	}
	// print takes it too; a file with no lines is an error.
	pdfOut := filepath.Join(t.TempDir(), "s.pdf")
	if code, _, stderr := runMain(t, "", "print", "--tracks", tracks, "-o", pdfOut, stage); code != exitOK {
		t.Errorf("print --tracks: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runMain(t, "", "print", "--tracks", checkData+"/rules.json", "-o", pdfOut, stage)
	if code != exitFailure || !strings.Contains(stderr, "rules.json: gpx:") {
		t.Errorf("print --tracks rules.json: exit %d, stderr %q; want 1 and a GPX error", code, stderr)
	}
}

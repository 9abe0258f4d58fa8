package kml

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestNoteSymbols: a note written in the lexicon's notation shows its
// symbols as pictures in the balloons (files in a KMZ, data URLs in plain
// KML, each a PNG that decodes) and as words in the placemark's name.
func TestNoteSymbols(t *testing.T) {
	st := testStage()
	st.Waypoints = append(st.Waypoints, route.Placed{
		Waypoint: route.Waypoint{HasPoint: true, Point: st.Path.PointAt(1000), Notes: "{village} L into {wadi}"},
		Index:    len(st.Waypoints), OnRoute: true, Along: 1000,
	})
	doc := &Document{Stages: []StageFolder{{Stage: st}}}

	kmz := encodeKMZ(t, doc, Options{})
	zr, err := zip.NewReader(bytes.NewReader(kmz), int64(len(kmz)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
	}
	kml := string(files["doc.kml"])
	if !regexp.MustCompile(`<name>[0-9]+ · village L into OUED</name>`).MatchString(kml) {
		t.Errorf("no placemark named with the symbols' words (· village L into OUED)")
	}
	for _, code := range []string{"village", "wadi"} {
		src := "files/sym-" + code + ".png"
		if !strings.Contains(kml, `<img src="`+src+`"`) {
			t.Errorf("KMZ: the balloon does not show %s", src)
		}
		if _, err := png.Decode(bytes.NewReader(files[src])); err != nil {
			t.Errorf("KMZ: %s: %v", src, err)
		}
	}
	if strings.Contains(kml, "{village}") {
		t.Errorf("KMZ: the note's code {village} is shown as written")
	}

	plain := string(encodeKML(t, doc, Options{}))
	m := regexp.MustCompile(`<img src="data:image/png;base64,([^"]+)" height="24" alt="OUED"`).FindStringSubmatch(plain)
	if m == nil {
		t.Fatalf("KML: no data URL picture of {wadi} in the balloon")
	}
	b, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if im, err := png.Decode(bytes.NewReader(b)); err != nil || im.Bounds().Dy() != symbolPixels {
		t.Errorf("KML: the picture of {wadi}: %v, %v; want a PNG %d pixels high", err, im, symbolPixels)
	}
}

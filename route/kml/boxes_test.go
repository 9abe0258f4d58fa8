package kml

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// TestPlainBoxesHidden: waypoints without a control (junction boxes, of which
// a roadbook has hundreds) go into a "Roadbook boxes" folder hidden by
// default, named by box number and note; the controls stay visible in
// "Waypoints".
func TestPlainBoxesHidden(t *testing.T) {
	st := testStage()
	box := route.Placed{
		Waypoint: route.Waypoint{Name: "TL 90°", HasPoint: true, Point: st.Path.PointAt(1000), Notes: "TL 90°"},
		Index:    len(st.Waypoints), OnRoute: true, Along: 1000,
	}
	st.Waypoints = append(st.Waypoints, box)
	out := string(encodeKML(t, &Document{Stages: []StageFolder{{Stage: st}}}, Options{}))
	m := regexp.MustCompile(`(?s)<Folder><name>Roadbook boxes \([0-9]+\)</name><visibility>0</visibility>(.*?)</Folder>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no hidden \"Roadbook boxes\" folder in:\n%s", out)
	}
	// Boxes are named by their number and note.
	if !regexp.MustCompile(`<name>[0-9]+ · TL 90°</name>`).MatchString(m[1]) {
		t.Errorf("the box is not in the hidden folder: %s", m[1])
	}
	if strings.Contains(m[1], "<name>DSS</name>") {
		t.Errorf("a control (DSS) is in the hidden boxes folder")
	}
}

// TestMeasuredCapBalloon: a balloon shows the file's CAP as the printed box
// does, on yellow, and a CAP roadbook measured on the route (the file gives
// none) in a dashed grey frame, said to be measured.
func TestMeasuredCapBalloon(t *testing.T) {
	st := testStage() // WPV 1 gives CAP 072; the others none
	out := string(encodeKML(t, &Document{Stages: []StageFolder{{Stage: st}}}, Options{}))
	balloon := func(name string) string {
		m := regexp.MustCompile(`(?s)<name>` + name + `</name>\s*<description><!\[CDATA\[(.*?)\]\]>`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no balloon for %s", name)
		}
		return m[1]
	}
	file, measured := balloon("WPV 1"), balloon("WPM 2")
	if !strings.Contains(file, `background:#ffd600`) || !strings.Contains(file, "072°") || strings.Contains(file, "measured") {
		t.Errorf("WPV 1 (the file's CAP 072) balloon: %s; want 072° on yellow, not measured", file)
	}
	if !strings.Contains(measured, "dashed") || !strings.Contains(measured, "measured on the route by roadbook") || strings.Contains(measured, "#ffd600") {
		t.Errorf("WPM 2 (a measured CAP) balloon: %s; want a dashed frame, said measured", measured)
	}
}

// TestBalloonTulipOtherTracks: given the other tracks around the route
// (Options.Tracks, as roadbook kml --tracks and the demo give them), the
// balloons' tulips draw them as the printed roadbook does: a tarmac road
// crossing the route at the WPV is in its tulip as an open double line
// (a wide black stroke under a white one).
func TestBalloonTulipOtherTracks(t *testing.T) {
	st := testStage()
	at := st.Path.PointAt(900) // WPV 1
	road := orb.LineString{geo.Destination(at, 340, 150), geo.Destination(at, 160, 150)}
	tracks := roadbook.NewTracks([]roadbook.TrackLine{{Points: road, Type: "tarmac"}})
	tulipOf := func(opts Options) string {
		out := string(encodeKML(t, &Document{Stages: []StageFolder{{Stage: st}}}, opts))
		m := regexp.MustCompile(`(?s)<name>WPV 1</name>\s*<description><!\[CDATA\[.*?<img alt="tulip" src="data:image/svg\+xml;base64,([^"]+)"`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no tulip in the WPV 1 balloon")
		}
		svg, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil {
			t.Fatal(err)
		}
		return string(svg)
	}
	double := regexp.MustCompile(`stroke="#fff"`)
	if svg := tulipOf(Options{}); double.MatchString(svg) {
		t.Errorf("without tracks, the tulip draws an open double line:\n%s", svg)
	}
	if svg := tulipOf(Options{Tracks: tracks}); !double.MatchString(svg) {
		t.Errorf("with a tarmac road across the WPV, its tulip has no open double line:\n%s", svg)
	}
}

// TestBalloonHTMLDescription: a waypoint's description in HTML (as Google
// Earth and My Maps write them) shows its words in the balloon, as the
// printed box does, not its tags.
func TestBalloonHTMLDescription(t *testing.T) {
	st := testStage()
	st.Waypoints[0].Desc = "Turn left<br>at the <b>well</b> &amp; go"
	out := string(encodeKML(t, &Document{Stages: []StageFolder{{Stage: st}}}, Options{}))
	if !strings.Contains(out, "Turn left at the well &amp; go") || strings.Contains(out, "&lt;br&gt;") || strings.Contains(out, "<br>at") {
		t.Errorf("the balloon does not give the description's words:\n%.2000s", out)
	}
}

package gpx

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// builtStage is a 3 km route near Yanbu (1 km east, then 2 km north) with a
// DSS, a DZ and a stop that is also a WPM.
func builtStage(t *testing.T) (*route.Stage, route.Waypoint) {
	t.Helper()
	start := orb.Point{38.0618, 24.0895}
	var line orb.LineString
	for d := 0.0; d <= 1000; d += 50 {
		line = append(line, geo.Destination(start, 90, d))
	}
	corner := line[len(line)-1]
	for d := 50.0; d <= 2000; d += 50 {
		line = append(line, geo.Destination(corner, 0, d))
	}
	p := geo.NewPath(line)
	at := func(d float64, ks ...route.Kind) route.Waypoint {
		w := route.Waypoint{Point: p.PointAt(d), HasPoint: true}
		for _, k := range ks {
			w.Controls = append(w.Controls, route.Control{Kind: k})
		}
		return w
	}
	dss := at(500, route.DSS)
	dss.Name = "DSS Yanbu"
	dz := at(1500, route.DZ)
	dz.Speed = 50
	dz.Controls[0].Radii.Clear = 50
	stop := at(2200, route.Stop, route.WPM)
	stop.Stop = 2 * time.Minute
	stop.Danger = 3
	stop.Notes = "<svg><text>!!!</text></svg>"
	stop.Desc = "stop & go"
	stop.Markers = []string{"radio"}
	stop.Extensions = []route.Extension{{Space: "urn:x", Local: "y", XML: `<x:y xmlns:x="urn:x">1</x:y>`}}
	f := &route.File{
		Tracks:    []route.Track{{Name: "stage", Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{dss, dz, stop},
	}
	return route.NewStage(f, route.StageOptions{}), stop
}

func TestOpenRallyBuilt(t *testing.T) {
	s, stop := builtStage(t)
	rb := roadbook.Build(s, roadbook.Options{})
	f := OpenRally(rb, nil)
	if f.OpenRally != NamespaceOpenRally || f.Units != "metric" || !f.HasTotal || math.Abs(f.TotalKm*1000-s.Length()) > 1 {
		t.Errorf("OpenRally() = namespace %q units %q total %v; want v1.0.3, metric, %.3f", f.OpenRally, f.Units, f.TotalKm, s.Length()/1000)
	}
	if len(f.Tracks) != 1 || len(f.Tracks[0].Segments[0].Points) != len(s.Path.Line) {
		t.Errorf("OpenRally() tracks = %d; want the route as one track", len(f.Tracks))
	}
	if len(f.Waypoints) != len(rb.Boxes) {
		t.Fatalf("OpenRally() has %d waypoints; want one per box (%d)", len(f.Waypoints), len(rb.Boxes))
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
	byWaypoint := map[int]route.Waypoint{}
	for i, b := range rb.Boxes {
		if b.Waypoint >= 0 {
			byWaypoint[b.Waypoint] = f.Waypoints[i]
		}
	}
	if w := byWaypoint[0]; w.Name != "DSS Yanbu" || !w.Reset || w.Controls[0].Radii != (route.Radii{Open: 1000, Clear: 200}) {
		t.Errorf("DSS waypoint = %+v; want its name, a reset, radii 1000/200", w)
	}
	if w := byWaypoint[1]; w.Speed != 50 || w.Controls[0].Radii.Clear != 50 || math.Abs(w.Distance-1) > 1e-9 {
		t.Errorf("DZ waypoint = %+v; want speed 50, its own clear radius 50, distance 1", w)
	}
	w := byWaypoint[2]
	if w.Stop != 2*time.Minute || w.Danger != 3 || w.Notes != stop.Notes || w.Desc != "stop & go" || len(w.Controls) != 2 {
		t.Errorf("stop waypoint = %+v; want stop 2m, danger 3, the file's notes drawing, both controls", w)
	}
	if len(w.Markers) != 1 || len(w.Extensions) != 1 || w.Extensions[0].XML != stop.Extensions[0].XML {
		t.Errorf("stop waypoint markers %v extensions %+v; want the file's", w.Markers, w.Extensions)
	}
	if got := OpenRally(nil, nil); len(got.Waypoints) != 0 {
		t.Errorf("OpenRally(nil) has waypoints")
	}
	var buf bytes.Buffer
	if err := Encode(&buf, f); err != nil {
		t.Fatalf("Encode(OpenRally()) = %v", err)
	}
}

// TestOpenRallyKept checks that a kept roadbook is written as its file gave
// it: no CAP, drawing, radius or position that the file did not have.
func TestOpenRallyKept(t *testing.T) {
	const in = `<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x"
 xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3" xmlns:rn="urn:rally-navigator">
 <metadata><extensions><o:units>statute</o:units><o:distance>10</o:distance><o:format>cross_country</o:format></extensions></metadata>
 <wpt lat="0" lon="0"><extensions><o:distance>0</o:distance><o:wpm name="1"/></extensions></wpt>
 <wpt lat="24.5" lon="38.5"><name>2</name><extensions><o:distance>1.5</o:distance><o:cap>90</o:cap>
  <o:tulip><![CDATA[data:image/png;base64,iVBORw0KGgo=]]></o:tulip><rn:note level="2">x</rn:note></extensions></wpt>
</gpx>`
	src, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	s := route.NewStage(src, route.StageOptions{})
	rb := roadbook.Build(s, roadbook.Options{})
	if !rb.Kept {
		t.Fatalf("Build() did not keep the file's boxes")
	}
	f := OpenRally(rb, nil)
	if !f.HasTotal || math.Abs(f.TotalKm-10*route.MileKm) > 1e-9 || f.Units != "metric" {
		t.Errorf("total %v %v units %q; want the file's 10 miles in km, metric", f.TotalKm, f.HasTotal, f.Units)
	}
	if len(f.Extensions) != 1 || f.Extensions[0].Local != "format" {
		t.Errorf("metadata extensions = %+v; want the file's format element", f.Extensions)
	}
	if len(f.Waypoints) != 2 {
		t.Fatalf("%d waypoints; want 2", len(f.Waypoints))
	}
	w0, w1 := f.Waypoints[0], f.Waypoints[1]
	if w0.HasPoint || w0.HasCap || w0.Tulip != "" || w0.Notes != "" || w0.Name != "" || w0.Controls[0] != (route.Control{Kind: route.WPM, Name: "1"}) {
		t.Errorf("box 1 = %+v; want the file's distance-only WPM 1 with nothing added", w0)
	}
	if !w1.HasPoint || w1.Cap != 90 || w1.Tulip != src.Waypoints[1].Tulip || math.Abs(w1.Distance-1.5*route.MileKm) > 1e-9 ||
		len(w1.Extensions) != 1 || w1.Name != "2" {
		t.Errorf("box 2 = %+v; want the file's position, CAP, tulip, name, distance in km and kept element", w1)
	}
	ruled := OpenRally(rb, &route.Rules{})
	if r := ruled.Waypoints[0].Controls[0].Radii; r != (route.Radii{Open: 800, Clear: 200}) {
		t.Errorf("with rules, WPM radii = %+v; want the rules' defaults 800/200", r)
	}
}

// TestOpenRallyKeptNotes: OpenRally's notes hold a drawing, so a kept box's
// notes given as text are written as the drawing of that text with the
// text in <desc>; roadbook's own drawing of the words is drawn again from
// an edited <desc>; an author's drawing, and a text beside another <desc>,
// stay as written.
func TestOpenRallyKeptNotes(t *testing.T) {
	const png = "data:image/png;base64,iVBORw0KGgo="
	for _, tc := range []struct {
		name                string
		notes, desc         string
		wantNotes, wantDesc string
	}{
		{"text", "TL {village}", "", roadbook.NotesSVG("TL {village}"), "TL {village}"},
		{"text and the same desc", "KR", "KR", roadbook.NotesSVG("KR"), "KR"},
		{"text and another desc", "KR", "keep right", "KR", "keep right"},
		{"our drawing, desc edited", roadbook.NotesSVG("TL"), "TR {fuel}", roadbook.NotesSVG("TR {fuel}"), "TR {fuel}"},
		{"an author's drawing", png, "", png, ""},
		{"an author's SVG", `<svg xmlns="http://www.w3.org/2000/svg"><text>TL</text></svg>`, "TL", `<svg xmlns="http://www.w3.org/2000/svg"><text>TL</text></svg>`, "TL"},
		{"none", "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var extra string
			if tc.desc != "" {
				extra = "<desc><![CDATA[" + tc.desc + "]]></desc>"
			}
			in := `<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x" xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
 <wpt lat="24.5" lon="38.5">` + extra + `<extensions><o:distance>1.5</o:distance><o:notes><![CDATA[` + tc.notes + `]]></o:notes></extensions></wpt>
</gpx>`
			src, err := Decode(strings.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			f := OpenRally(roadbook.Build(route.NewStage(src, route.StageOptions{}), roadbook.Options{}), nil)
			w := f.Waypoints[0]
			if w.Notes != tc.wantNotes || w.Desc != tc.wantDesc {
				t.Errorf("notes %.80q desc %q; want notes %.80q desc %q", w.Notes, w.Desc, tc.wantNotes, tc.wantDesc)
			}
			if tc.wantNotes != "" && !route.IsDrawing(w.Notes) && tc.desc == "" {
				t.Errorf("notes %q written as text", w.Notes)
			}
		})
	}
}

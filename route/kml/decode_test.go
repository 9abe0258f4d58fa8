package kml

import (
	"archive/zip"
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

func corpusKML(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdataDir, "corpus", name))
	if err != nil {
		t.Fatalf("corpus file missing: %v", err)
	}
	return b
}

func decodeBytes(b []byte, lenient bool) (*route.File, error) {
	return (&Decoder{Lenient: lenient}).Decode(bytes.NewReader(b))
}

// points counts the points of every track segment, and those with a time
// and an elevation.
func points(f *route.File) (n, timed, ele, segs int) {
	for _, t := range f.Tracks {
		for _, s := range t.Segments {
			segs++
			n += len(s.Points)
			for i := range s.Points {
				if !s.TimeAt(i).IsZero() {
					timed++
				}
				if _, ok := s.EleAt(i); ok {
					ele++
				}
			}
		}
	}
	return
}

// TestDecodeCorpus reads the corpus's KML files; the counts come from
// testdata/corpus/MANIFEST.md and the files themselves.
func TestDecodeCorpus(t *testing.T) {
	for _, tc := range []struct {
		file                          string
		tracks, segs, pts, timed, ele int
		wpts                          int
		firstWpt                      string
	}{
		// 7 gx:coord, no <when>: a track without times, altitudes kept.
		{"gdal/gx_track_without_when.kml", 1, 1, 7, 0, 7, 0, ""},
		// gx:MultiTrack of one gx:Track: 4 <when>, 4 gx:coord of which 2
		// are empty (pauses): one segment of the 2 real points.
		{"gpsbabel/opentracks.kml", 1, 1, 2, 2, 2, 0, ""},
		// Google My Tracks: start and end Points, and a gx:MultiTrack of 2
		// gx:Track with 13 when/coord each.
		{"togeojson/gxmultitrack.kml", 1, 2, 26, 26, 26, 2, "12/04/2014 11:24 AM (départ)"},
		// GPSBabel's KML of a real-time log: the gx:Track's first <when/>
		// is empty (a fix without a time: the file was refused whole);
		// its Points folder is the track's fixes; one real waypoint.
		{"gpsbabel/realtime.kml", 1, 1, 17, 16, 14, 1, "Wpt_8u4Dqkf"},
		// A phone's hike: "Track Recording Started/Stopped" placemarks
		// without geometry are nothing; 451 timed fixes.
		{"gpsbabel/google_ext.kml", 1, 1, 451, 451, 451, 0, ""},
		// KML 2.3: <Track> and <coord> without the gx: namespace.
		{"gpsbabel/Placemark-Track-1.kml", 1, 1, 7, 7, 7, 0, ""},
		// Google's gx:Track sample, a helicopter flight.
		{"google/catalina-track.kml", 1, 1, 213, 213, 213, 0, ""},
		// Two placemarks with SchemaData: waypoints.
		{"google/schemadata-trailhead.kml", 0, 0, 0, 0, 0, 2, ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := decodeBytes(corpusKML(t, tc.file), false)
			if err != nil {
				t.Fatal(err)
			}
			n, timed, ele, segs := points(f)
			if len(f.Tracks) != tc.tracks || segs != tc.segs || n != tc.pts || timed != tc.timed || ele != tc.ele || len(f.Waypoints) != tc.wpts {
				t.Errorf("%d tracks, %d segments, %d points (%d timed, %d with elevation), %d waypoints; want %d, %d, %d (%d, %d), %d",
					len(f.Tracks), segs, n, timed, ele, len(f.Waypoints), tc.tracks, tc.segs, tc.pts, tc.timed, tc.ele, tc.wpts)
			}
			if tc.firstWpt != "" && (len(f.Waypoints) == 0 || f.Waypoints[0].Name != tc.firstWpt) {
				t.Errorf("first waypoint %+v; want %q", f.Waypoints, tc.firstWpt)
			}
		})
	}
}

func TestDecodeCorpusDetails(t *testing.T) {
	f, err := decodeBytes(corpusKML(t, "togeojson/gxmultitrack.kml"), false)
	if err != nil {
		t.Fatal(err)
	}
	w := f.Waypoints[0]
	if !w.Time.Equal(time.Date(2014, 4, 12, 14, 26, 16, 702e6, time.UTC)) || !w.HasEle || math.Abs(w.Ele-791.6) > 0.01 ||
		math.Abs(w.Point[0] - -71.324739) > 1e-9 || math.Abs(w.Point[1] - -40.139527) > 1e-9 {
		t.Errorf("start waypoint %+v", w)
	}
	if f.Metadata.Name != "12/04/2014 11:24 AM" {
		t.Errorf("document name %q", f.Metadata.Name)
	}
	s := f.Tracks[0].Segments[0]
	for i := 1; i < len(s.Time); i++ {
		if s.Time[i].Before(s.Time[i-1]) {
			t.Errorf("times out of order at %d: %v after %v", i, s.Time[i], s.Time[i-1])
		}
	}
}

// TestDecodeSkydrop: a vario's LineString with altitudes, no XML
// declaration, comments before the root. The points equal GPSBabel's
// reading of the same file (CI installs GPSBabel).
func TestDecodeSkydrop(t *testing.T) {
	b := corpusKML(t, "gpsbabel/skydrop.kml")
	f, err := decodeBytes(b, false)
	if err != nil {
		t.Fatal(err)
	}
	n, _, ele, segs := points(f)
	if len(f.Tracks) != 1 || segs != 1 || n < 100 || ele != n {
		t.Fatalf("%d tracks, %d segments, %d points, %d with elevation; want one line with altitudes", len(f.Tracks), segs, n, ele)
	}
	// Times are not compared: GPSBabel gives the line's first point the
	// placemark's TimeSpan begin; KML gives a LineString's points none.
	compareGPSBabel(t, "gpsbabel/skydrop.kml", f, false)
}

// TestDecodeTracksGPSBabel: gx:Track and gx:MultiTrack files read as
// GPSBabel reads them: the same segments, points, times and waypoints.
// (GPSBabel reads nothing of gdal/gx_track_without_when.kml, a gx:Track
// without <when>; we keep its 7 points.)
func TestDecodeTracksGPSBabel(t *testing.T) {
	for _, name := range []string{"gpsbabel/opentracks.kml", "togeojson/gxmultitrack.kml"} {
		t.Run(name, func(t *testing.T) {
			f, err := decodeBytes(corpusKML(t, name), false)
			if err != nil {
				t.Fatal(err)
			}
			compareGPSBabel(t, name, f, true)
		})
	}
}

// compareGPSBabel converts a corpus KML to GPX with GPSBabel and checks that
// its track points are ours: same positions (1e-7°) and elevations, and
// times when asked; and its waypoints.
func compareGPSBabel(t *testing.T, name string, ours *route.File, times bool) {
	t.Helper()
	bin := needTool(t, "gpsbabel")
	out := filepath.Join(t.TempDir(), "out.gpx")
	cmd := exec.Command(bin, "-i", "kml", "-f", filepath.Join(testdataDir, "corpus", name), "-o", "gpx", "-F", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gpsbabel: %v\n%s", err, msg)
	}
	fb, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	theirs, err := gpx.Decode(fb)
	if err != nil {
		t.Fatalf("our GPX reader on GPSBabel's output: %v", err)
	}
	var a, b []route.Segment
	for _, tr := range ours.Tracks {
		a = append(a, tr.Segments...)
	}
	for _, tr := range theirs.Tracks {
		b = append(b, tr.Segments...)
	}
	if len(a) != len(b) {
		t.Fatalf("%d segments; GPSBabel reads %d", len(a), len(b))
	}
	for k := range a {
		if len(a[k].Points) != len(b[k].Points) {
			t.Fatalf("segment %d: %d points; GPSBabel reads %d", k, len(a[k].Points), len(b[k].Points))
		}
		for i := range a[k].Points {
			p, q := a[k].Points[i], b[k].Points[i]
			if math.Abs(p[0]-q[0]) > 1e-7 || math.Abs(p[1]-q[1]) > 1e-7 {
				t.Fatalf("segment %d point %d: %v; GPSBabel %v", k, i, p, q)
			}
			e1, ok1 := a[k].EleAt(i)
			e2, ok2 := b[k].EleAt(i)
			if ok1 != ok2 || math.Abs(e1-e2) > 0.001 {
				t.Fatalf("segment %d point %d: elevation %v/%v; GPSBabel %v/%v", k, i, e1, ok1, e2, ok2)
			}
			// GPSBabel writes times to the millisecond.
			if t1, t2 := a[k].TimeAt(i), b[k].TimeAt(i); times && (t1.IsZero() != t2.IsZero() || t1.Sub(t2).Abs() > time.Millisecond) {
				t.Fatalf("segment %d point %d: time %v; GPSBabel %v", k, i, t1, t2)
			}
		}
	}
	if len(ours.Waypoints) != len(theirs.Waypoints) {
		t.Fatalf("%d waypoints; GPSBabel reads %d", len(ours.Waypoints), len(theirs.Waypoints))
	}
	for i := range ours.Waypoints {
		p, q := ours.Waypoints[i], theirs.Waypoints[i]
		if math.Abs(p.Point[0]-q.Point[0]) > 1e-7 || math.Abs(p.Point[1]-q.Point[1]) > 1e-7 || p.Name != q.Name {
			t.Fatalf("waypoint %d: %v %q; GPSBabel %v %q", i, p.Point, p.Name, q.Point, q.Name)
		}
	}
}

func TestDecodeBad(t *testing.T) {
	// Non-numeric coordinates in a Point, a LineString and a Polygon.
	b := corpusKML(t, "togeojson/bad.kml")
	_, err := decodeBytes(b, false)
	var ke *route.FormatError
	if !errors.As(err, &ke) || ke.Line == 0 || !strings.Contains(err.Error(), "is not a number") {
		t.Errorf("Decode(bad.kml) error = %v; want a line and 'is not a number'", err)
	}
	f, err := decodeBytes(b, true)
	if err != nil {
		t.Fatalf("lenient Decode(bad.kml): %v", err)
	}
	if len(f.Skipped) == 0 || len(f.Waypoints) != 0 {
		t.Errorf("lenient: %d waypoints, skipped %v; want the bad Point skipped and reported", len(f.Waypoints), f.Skipped)
	}
	// Cut inside <coordinates>.
	_, err = decodeBytes(corpusKML(t, "gdal/truncated.kml"), true)
	if !errors.As(err, &ke) || ke.Line == 0 || !strings.HasPrefix(err.Error(), "kml: line ") {
		t.Errorf("Decode(truncated.kml) error = %v; want a line", err)
	}
}

const kml22 = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" xmlns:atom="http://www.w3.org/2005/Atom">
`

func TestDecodeCases(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lenient  bool
		check    func(t *testing.T, f *route.File)
		err      string
	}{
		{name: "not kml", in: `<gpx version="1.1"></gpx>`, err: "kml: line 1: not a KML file: root element is gpx"},
		{name: "empty", in: ``, err: "kml: empty file"},
		{name: "text after root", in: kml22 + `</kml>x`, err: "kml: line 3: text after the root element"},
		{name: "bad lat", in: kml22 + "<Placemark>\n<Point><coordinates>10,95</coordinates></Point></Placemark></kml>",
			err: "kml: line 4: Point: latitude 95 out of range"},
		{name: "bad tuple", in: kml22 + "<Placemark><LineString>\n<coordinates>1,2 3</coordinates></LineString></Placemark></kml>",
			err: `kml: line 4: LineString: coordinate "3" is not lon,lat[,alt]`},
		{name: "bad when", in: kml22 + "<Placemark><TimeStamp>\n<when>noon</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark></kml>",
			err: `kml: line 4: when: time "noon" is not an RFC 3339 time or date`},
		{name: "empty when", in: kml22 + `<Placemark><TimeStamp><when/></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>
<Placemark><gx:Track><when/><when>2026-01-11T07:00:00Z</when><gx:coord>1 2 3</gx:coord><gx:coord>1 2.001 3</gx:coord></gx:Track></Placemark>
<Placemark><gx:Track><when> </when><when/><gx:coord>1 3 3</gx:coord><gx:coord>1 3.001 3</gx:coord></gx:Track></Placemark></kml>`,
			check: func(t *testing.T, f *route.File) {
				if len(f.Waypoints) != 1 || !f.Waypoints[0].Time.IsZero() {
					t.Errorf("waypoints %+v; want one without a time", f.Waypoints)
				}
				if len(f.Tracks) != 2 {
					t.Fatalf("%d tracks; want 2", len(f.Tracks))
				}
				if s := f.Tracks[0].Segments[0]; len(s.Time) != 2 || !s.Time[0].IsZero() || s.Time[1].IsZero() {
					t.Errorf("track 1 times %v; want none, then a time", s.Time)
				}
				if s := f.Tracks[1].Segments[0]; s.Time != nil {
					t.Errorf("track 2 times %v; want nil (every <when> empty)", s.Time)
				}
			}},
		{name: "counts differ", in: kml22 + "<Placemark>\n<gx:Track><when>2026-01-11T07:00:00Z</when><gx:coord>1 2 3</gx:coord><gx:coord>1 2.001 3</gx:coord></gx:Track></Placemark></kml>",
			err: "kml: line 4: gx:Track: 1 <when> for 2 <gx:coord> (the track's times are dropped)"},
		{name: "counts differ, lenient", lenient: true,
			in: kml22 + "<Placemark><gx:Track><when>2026-01-11T07:00:00Z</when><gx:coord>1 2 3</gx:coord><gx:coord>1 2.001 3</gx:coord></gx:Track></Placemark></kml>",
			check: func(t *testing.T, f *route.File) {
				if n, timed, _, _ := points(f); n != 2 || timed != 0 || len(f.Skipped) != 1 {
					t.Errorf("%d points, %d timed, skipped %v; want 2, 0 and one report", n, timed, f.Skipped)
				}
			}},
		{name: "folders, conventions, spaces in tuples, atom name", in: kml22 + `<Document><name>Stage 7</name><atom:author><atom:name>me</atom:name></atom:author>
<Folder><name>waypoints</name>
 <Placemark><name>WPM 12:90</name><description><![CDATA[<b>CAP 215</b>]]></description><Point><coordinates> 46.5 , 24.5 , 0 </coordinates></Point></Placemark>
 <Folder><Placemark><name>DSS</name><Point><coordinates>46.4,24.4</coordinates></Point></Placemark></Folder>
</Folder>
<Placemark><name>route</name><MultiGeometry>
 <LineString><coordinates>46.4,24.4,0 46.45,24.45,0</coordinates></LineString>
 <LineString><coordinates>46.45,24.45,0 46.5,24.5,0</coordinates></LineString>
 <Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,1 1,0 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon>
</MultiGeometry></Placemark>
<Placemark><name>area</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,1 1,0 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>`,
			check: func(t *testing.T, f *route.File) {
				if f.Metadata.Name != "Stage 7" || len(f.Waypoints) != 2 || len(f.Tracks) != 1 {
					t.Fatalf("name %q, %d waypoints, %d tracks; want Stage 7, 2, 1", f.Metadata.Name, len(f.Waypoints), len(f.Tracks))
				}
				w := f.Waypoints[0]
				if len(w.Controls) != 1 || w.Controls[0].Kind != route.WPM || w.Controls[0].Radii.Clear != 90 || w.Desc != "<b>CAP 215</b>" || w.HasEle {
					t.Errorf("waypoint 0 = %+v; want a WPM of radius 90 with its description, no elevation (0)", w)
				}
				if f.Waypoints[1].Controls[0].Kind != route.DSS {
					t.Errorf("waypoint 1 = %+v; want a DSS", f.Waypoints[1])
				}
				tr := f.Tracks[0]
				if tr.Name != "route" || len(tr.Segments) != 2 || tr.Segments[0].Ele != nil {
					t.Errorf("track %+v; want 'route', two segments, no elevations (all 0)", tr)
				}
			}},
		{name: "track types from ExtendedData", in: kml22 + `<Document>
<Placemark><name>N 15</name><ExtendedData><SchemaData schemaUrl="#osm"><SimpleData name="name">N 15</SimpleData><SimpleData name="highway">primary</SimpleData></SchemaData></ExtendedData>
 <LineString><coordinates>1,2 1,2.01</coordinates></LineString></Placemark>
<Placemark><ExtendedData><Data name="highway"><value>track</value></Data><Data name="type"><value>piste</value></Data></ExtendedData>
 <LineString><coordinates>1,2 1.01,2</coordinates></LineString></Placemark>
<Placemark><LineString><coordinates>1,2 0.99,2</coordinates></LineString></Placemark>
</Document></kml>`,
			check: func(t *testing.T, f *route.File) {
				var types []string
				for _, tr := range f.Tracks {
					types = append(types, tr.Type)
				}
				if strings.Join(types, ",") != "primary,piste," {
					t.Errorf("track types %q; want primary (OSM highway), piste (type wins), none", types)
				}
			}},
		{name: "latin-1", in: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<kml><Placemark><name>D\xe9part</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>",
			check: func(t *testing.T, f *route.File) {
				if len(f.Waypoints) != 1 || f.Waypoints[0].Name != "Départ" {
					t.Errorf("waypoints %+v; want Départ", f.Waypoints)
				}
			}},
		{name: "kml 2.1, html entity", in: `<kml xmlns="http://earth.google.com/kml/2.1"><Placemark><name>a&nbsp;b</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`,
			check: func(t *testing.T, f *route.File) {
				if len(f.Waypoints) != 1 || f.Waypoints[0].Name != "a\u00a0b" {
					t.Errorf("waypoints %+v", f.Waypoints)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := decodeBytes([]byte(tc.in), tc.lenient)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("Decode error = %v; want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, f)
		})
	}
}

// TestDecodeOwn reads back what Encode and EncodeKMZ write: the ride's
// timed track point for point, the sections as tracks, the waypoints.
func TestDecodeOwn(t *testing.T) {
	doc := testDoc()
	for _, kmz := range []bool{false, true} {
		var buf bytes.Buffer
		var err error
		if kmz {
			_, err = EncodeKMZ(&buf, doc, Options{Simplify: -1})
		} else {
			_, err = Encode(&buf, doc, Options{Simplify: -1})
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, format, err := route.Decode(bytes.NewReader(buf.Bytes()), route.DecodeOptions{}); err != nil || format != map[bool]string{true: "kmz", false: "kml"}[kmz] {
			t.Errorf("route.Decode(our output, kmz %v) = format %q, %v; want %s", kmz, format, err, map[bool]string{true: "kmz", false: "kml"}[kmz])
		}
		f, err := Decode(&buf)
		if err != nil {
			t.Fatalf("kmz %v: %v", kmz, err)
		}
		ride := doc.Rides[0].Segments[0]
		var got *route.Segment
		for i := range f.Tracks {
			if f.Tracks[i].Name == doc.Rides[0].Name {
				got = &f.Tracks[i].Segments[0]
			}
		}
		if got == nil || len(got.Points) != len(ride.Points) {
			t.Fatalf("kmz %v: ride %q not read back whole: %+v", kmz, doc.Rides[0].Name, got)
		}
		for i := range ride.Points {
			if geo.Distance(ride.Points[i], got.Points[i]) > 0.02 || !got.Time[i].Equal(ride.Time[i]) {
				t.Fatalf("kmz %v: ride point %d = %v %v; want %v %v", kmz, i, got.Points[i], got.Time[i], ride.Points[i], ride.Time[i])
			}
		}
		if len(f.Waypoints) < len(doc.Stages[0].Stage.Waypoints) {
			t.Errorf("kmz %v: %d waypoints; want at least the stage's %d", kmz, len(f.Waypoints), len(doc.Stages[0].Stage.Waypoints))
		}
	}
}

func TestFormatMatch(t *testing.T) {
	for in, want := range map[string]string{
		"<?xml version='1.0'?>\n<!-- c --><kml xmlns='x'>": "kml",
		"<kml>":                           "kml",
		"<k:kml xmlns:k='x'>":             "kml",
		"PK\x03\x04rest":                  "kmz",
		"PK\x05\x06rest":                  "kmz",
		"<?xml version='1.0'?><gpx>":      "",
		"<!DOCTYPE gpx><gpx version='1'>": "",
		"":                                "",
		"garbage":                         "",
	} {
		got := ""
		switch {
		case isZip([]byte(in)):
			got = "kmz"
		case isKMLHead([]byte(in)):
			got = "kml"
		}
		if got != want {
			t.Errorf("format of %q = %q; want %q", in, got, want)
		}
	}
}

// TestNetworkLinks: a NetworkLink that names a document of the same KMZ
// is read with it, each document once whatever links to it; one to the
// web or beside the KMZ stays in File.NetworkLinks, said rather than an
// empty file without a word (Google's hier.kmz: its doc.kml is nothing
// but two network links, to within.kml in the KMZ and outside.kml beside
// it).
func TestNetworkLinks(t *testing.T) {
	f, err := decodeBytes(corpusKML(t, "google/hier.kmz"), false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.NetworkLinks, []string{"outside.kml"}) || len(f.Waypoints) != 0 || len(f.Tracks) != 0 {
		t.Errorf("hier.kmz: links %q, %d waypoints, %d tracks; want outside.kml alone (within.kml read: a placemark without geometry)",
			f.NetworkLinks, len(f.Waypoints), len(f.Tracks))
	}

	link := func(href string) string {
		return "<NetworkLink><name>" + href + "</name><Link><href>" + href + "</href></Link></NetworkLink>"
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []struct{ name, body string }{
		{"doc.kml", kml22 + "<Document><name>Stage 3</name>" + link("files/stage.kml") + link("http://example.com/live.kml") +
			link("files/stage.kml#again") + "<Placemark><name>DSS</name><Point><coordinates>46.4,24.4</coordinates></Point></Placemark></Document></kml>"},
		{"files/stage.kml", kml22 + "<Document>" + link("../doc.kml") + link("missing.kml") +
			"<Placemark><name>ASS</name><Point><coordinates>46.5,24.5</coordinates></Point></Placemark>" +
			"<Placemark><name>route</name><LineString><coordinates>46.4,24.4 46.5,24.5</coordinates></LineString></Placemark></Document></kml>"},
	} {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f, err = decodeBytes(buf.Bytes(), false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range f.Waypoints {
		names = append(names, w.Name)
	}
	if strings.Join(names, ",") != "DSS,ASS" || len(f.Tracks) != 1 || f.Metadata.Name != "Stage 3" {
		t.Errorf("waypoints %q, %d tracks, name %q; want DSS, then the linked document's ASS and its route, Stage 3", names, len(f.Tracks), f.Metadata.Name)
	}
	if !slices.Equal(f.NetworkLinks, []string{"http://example.com/live.kml", "missing.kml"}) {
		t.Errorf("links not read %q; want the web's and the missing file", f.NetworkLinks)
	}

	// A KML file's links are never followed: a decoder reads a stream.
	f, err = decodeBytes([]byte(kml22+"<Document>"+link("stage.kml")+"</Document></kml>"), false)
	if err != nil || !slices.Equal(f.NetworkLinks, []string{"stage.kml"}) {
		t.Errorf("KML links %q, %v; want stage.kml", f.NetworkLinks, err)
	}
}

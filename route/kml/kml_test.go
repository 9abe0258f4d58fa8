package kml

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testdataDir is the project's test data (testdata/), relative to this package.
const testdataDir = "../../testdata"

// needTool returns the path of an external tool, skipping the test when it
// is missing unless CI is "true".
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found and CI=true: install it (see docs/kml.md)", name)
		}
		t.Skipf("%s not found: skipping (CI=true makes this fail)", name)
	}
	return p
}

// testDoc is the document of the golden file: the hand-built stage with its
// manifest entry, and a ride with a wrong turn and a missed waypoint.
func testDoc() *Document {
	st := testStage()
	seg, c := testRide(st)
	return &Document{
		Name: "Test rally",
		Stages: []StageFolder{{Stage: st, Rally: &route.RallyStage{
			Name: "Stage 6", File: "06.gpx", Date: "2026-01-09", Start: "Ha'il", Finish: "Riyadh",
		}}},
		Rides: []Ride{{Name: "car 201", Segments: []route.Segment{seg}, Check: c}},
	}
}

// testOptions shows kilometre markers every km on the 4 km stage.
var testOptions = Options{KmMarkers: 1, Indent: true}

// Placemarks of testDoc: 5 sections, 9 waypoints, 1 speed zone, 13 radii
// (9 validation + DSS, WPM, WPS and ASS open), 4 km markers (the route is
// 4.02 km), 1 ride, 1 wrong turn, 1 missed waypoint.
const (
	testPlacemarks = 5 + 9 + 1 + 13 + 4 + 1 + 1 + 1
	testPoints     = 9 + 4 + 1 // point placemarks
)

func encodeKML(t *testing.T, doc *Document, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Encode(&buf, doc, opts); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func encodeKMZ(t *testing.T, doc *Document, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := EncodeKMZ(&buf, doc, opts); err != nil {
		t.Fatalf("EncodeKMZ: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := encodeKML(t, testDoc(), testOptions)
	golden := filepath.Join("testdata", "stage.kml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode(testDoc) differs from %s; run go test -update and review the diff", golden)
	}
	if again := encodeKML(t, testDoc(), testOptions); !bytes.Equal(again, got) {
		t.Errorf("Encode(testDoc) gave different bytes on a second run")
	}
	if n := bytes.Count(got, []byte("<Placemark>")); n != testPlacemarks {
		t.Errorf("Encode(testDoc) has %d placemarks; want %d", n, testPlacemarks)
	}
}

// TestFloatPrecision checks that no number in the output has more than 7
// decimals.
func TestFloatPrecision(t *testing.T) {
	got := encodeKML(t, testDoc(), testOptions)
	long := regexp.MustCompile(`[0-9]\.[0-9]{8,}`)
	if m := long.Find(got); m != nil {
		t.Errorf("Encode(testDoc) writes %q: more than 7 decimals", m)
	}
}

func TestKMZ(t *testing.T) {
	b := encodeKMZ(t, testDoc(), Options{})
	if again := encodeKMZ(t, testDoc(), Options{}); !bytes.Equal(again, b) {
		t.Errorf("EncodeKMZ(testDoc) gave different bytes on a second run")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("zip.NewReader: %v", err)
	}
	if len(zr.File) == 0 || zr.File[0].Name != "doc.kml" {
		t.Fatalf("KMZ first entry is not doc.kml")
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		if !f.Modified.Equal(zipTime) {
			t.Errorf("KMZ entry %s modified %v; want %v", f.Name, f.Modified, zipTime)
		}
	}
	for _, ic := range IconNames() {
		if !names["files/"+ic+".png"] {
			t.Errorf("KMZ lacks files/%s.png", ic)
		}
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if _, err := doc.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	rc.Close()
	// Every icon the document refers to is in the archive, and no Google
	// icon is used.
	for _, m := range regexp.MustCompile(`<href>([^<]*)</href>`).FindAllSubmatch(doc.Bytes(), -1) {
		if !names[string(m[1])] {
			t.Errorf("doc.kml refers to %s, not in the KMZ", m[1])
		}
	}
	plain := encodeKML(t, testDoc(), Options{})
	if !bytes.Contains(plain, []byte("http://maps.google.com/mapfiles/kml/")) || bytes.Contains(plain, []byte("<href>files/")) {
		t.Errorf("plain KML does not refer to Google's standard icons only")
	}
}

// writeTemp writes both encodings of doc and returns their paths.
func writeTemp(t *testing.T, doc *Document, opts Options) (kmlPath, kmzPath string) {
	t.Helper()
	dir := t.TempDir()
	kmlPath = filepath.Join(dir, "doc.kml")
	kmzPath = filepath.Join(dir, "doc.kmz")
	if err := os.WriteFile(kmlPath, encodeKML(t, doc, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(kmzPath, encodeKMZ(t, doc, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	return kmlPath, kmzPath
}

// testDocs are documents that exercise the corners: no rides, a ride
// without times, two segments, a stage without sections or waypoints.
func testDocs() map[string]*Document {
	bare := testStage()
	bare.Sections, bare.Waypoints = nil, nil
	seg, _ := testRide(testStage())
	untimed := seg
	untimed.Time = nil
	half := len(seg.Points) / 2
	s1 := route.Segment{Points: seg.Points[:half], Time: seg.Time[:half]}
	s2 := route.Segment{Points: seg.Points[half:], Time: seg.Time[half:]}
	return map[string]*Document{
		"golden":  testDoc(),
		"bare":    {Stages: []StageFolder{{Stage: bare}}},
		"untimed": {Stages: []StageFolder{{Stage: testStage()}}, Rides: []Ride{{Segments: []route.Segment{untimed}}}},
		"multi":   {Rides: []Ride{{Name: "two segments", Segments: []route.Segment{s1, s2}}}},
		"empty":   {},
	}
}

func TestValidate(t *testing.T) {
	needTool(t, "xmllint")
	needTool(t, "unzip")
	tool := filepath.Join(testdataDir, "tools", "validate-xml")
	if _, err := os.Stat(tool); err != nil {
		t.Fatalf("test tools not found at %s: %v", tool, err)
	}
	for name, doc := range testDocs() {
		t.Run(name, func(t *testing.T) {
			k, z := writeTemp(t, doc, testOptions)
			out, err := exec.Command(tool, "kml", k, z).CombinedOutput()
			if err != nil {
				t.Errorf("validate-xml kml: %v\n%s", err, out)
			}
		})
	}
}

// TestOGR opens both encodings with GDAL and counts the features.
func TestOGR(t *testing.T) {
	needTool(t, "ogrinfo")
	k, z := writeTemp(t, testDoc(), testOptions)
	count := regexp.MustCompile(`Feature Count: (\d+)`)
	for _, path := range []string{k, z} {
		t.Run(filepath.Ext(path), func(t *testing.T) {
			out, err := exec.Command("ogrinfo", "-ro", "-al", "-so", path).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo %s: %v\n%s", path, err, out)
			}
			total := 0
			for _, m := range count.FindAllSubmatch(out, -1) {
				n, _ := strconv.Atoi(string(m[1]))
				total += n
			}
			if total != testPlacemarks {
				t.Errorf("ogrinfo %s: %d features; want %d\n%s", path, total, testPlacemarks, out)
			}
		})
	}
}

// TestGPSBabel reads the KML with GPSBabel: the point placemarks become
// waypoints, every line a track, and the ride's gx:Track keeps its points
// and times.
func TestGPSBabel(t *testing.T) {
	needTool(t, "gpsbabel")
	doc := testDoc()
	var buf bytes.Buffer
	stats, err := Encode(&buf, doc, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.kml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("gpsbabel", "-i", "kml", "-f", path, "-o", "gpx", "-F", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("gpsbabel: %v\n%s", err, out)
	}
	gpx := string(out)
	if n := strings.Count(gpx, "<wpt "); n != testPoints {
		t.Errorf("gpsbabel: %d waypoints; want %d", n, testPoints)
	}
	if n, want := strings.Count(gpx, "<trk>"), testPlacemarks-testPoints; n != want {
		t.Errorf("gpsbabel: %d tracks; want %d", n, want)
	}
	// The ride is the track named car 201: its points and first time.
	i := strings.Index(gpx, "<name>car 201</name>")
	if i < 0 {
		t.Fatalf("gpsbabel: no track named car 201")
	}
	ride := gpx[i:]
	ride = ride[:strings.Index(ride, "</trk>")]
	if n := strings.Count(ride, "<trkpt "); n != stats.RideKept {
		t.Errorf("gpsbabel: ride has %d points; want %d", n, stats.RideKept)
	}
	if n := strings.Count(ride, "<time>"); n != stats.RideKept {
		t.Errorf("gpsbabel: ride has %d times; want %d", n, stats.RideKept)
	}
	if !strings.Contains(ride, "<time>2026-01-09T07:30:00Z</time>") {
		t.Errorf("gpsbabel: ride lacks its first time 2026-01-09T07:30:00Z")
	}
}

func TestOptions(t *testing.T) {
	doc := testDoc()
	tests := []struct {
		name       string
		opts       Options
		markers    int
		simplified bool
	}{
		{"defaults", Options{}, 0, true}, // a 4.02 km stage has no 10 km marker
		// Markers count from each section's start (0.50, 1.50, 0.30,
		// 1.20 and 0.52 km long).
		{"every km", Options{KmMarkers: 1}, 2, true},
		{"every 500 m", Options{KmMarkers: 0.5}, 5, true},
		{"every 3 km", Options{KmMarkers: 3}, 0, true},
		{"no markers", Options{KmMarkers: -1}, 0, true},
		{"no simplification", Options{Simplify: -1}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			st, err := Encode(&buf, doc, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "<styleUrl>#wp-km</styleUrl>"); n != tt.markers {
				t.Errorf("Encode(%+v): %d km markers; want %d", tt.opts, n, tt.markers)
			}
			if got := st.RouteKept < st.RoutePoints; got != tt.simplified {
				t.Errorf("Encode(%+v): kept %d of %d route points; simplified = %v, want %v", tt.opts, st.RouteKept, st.RoutePoints, got, tt.simplified)
			}
			if got := st.RideKept < st.RidePoints; got != tt.simplified {
				t.Errorf("Encode(%+v): kept %d of %d ride points; simplified = %v, want %v", tt.opts, st.RideKept, st.RidePoints, got, tt.simplified)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	named := &route.Stage{Name: "From the file"}
	tests := []struct {
		s    StageFolder
		want string
	}{
		{StageFolder{Stage: named, Rally: &route.RallyStage{Name: "Stage 6", Start: "Ha'il", Finish: "Riyadh"}}, "Stage 6 · Ha'il > Riyadh"},
		{StageFolder{Stage: named, Rally: &route.RallyStage{Name: "Prologue", Start: "Yanbu"}}, "Prologue"},
		{StageFolder{Stage: named}, "From the file"},
		{StageFolder{}, "Stage"},
	}
	for _, tt := range tests {
		if got := tt.s.Title(); got != tt.want {
			t.Errorf("Stage{%v}.Title() = %q; want %q", tt.s.Rally, got, tt.want)
		}
	}
}

// TestRallyTimeSpan checks that a rally stage gets its day as a TimeSpan and
// a single file's stage none.
func TestRallyTimeSpan(t *testing.T) {
	doc := testDoc()
	got := encodeKML(t, doc, Options{})
	if !bytes.Contains(got, []byte("<TimeSpan><begin>2026-01-09T00:00:00Z</begin><end>2026-01-10T00:00:00Z</end></TimeSpan>")) {
		t.Errorf("Encode(rally stage) lacks the TimeSpan of 2026-01-09")
	}
	doc.Stages[0].Rally = nil
	if got := encodeKML(t, doc, Options{}); bytes.Contains(got, []byte("<TimeSpan>")) {
		t.Errorf("Encode(single stage) has a TimeSpan; want none")
	}
}

func TestElevation(t *testing.T) {
	doc := &Document{Stages: []StageFolder{{Stage: testStage()}}}
	if got := encodeKML(t, doc, Options{}); !bytes.Contains(got, []byte("<altitudeMode>absolute</altitudeMode><coordinates>38.0618,24.0895,20 ")) {
		t.Errorf("Encode(stage with elevations) does not write absolute altitudes")
	}
	doc.Stages[0].Stage.Ele = nil
	got := encodeKML(t, doc, Options{})
	if bytes.Contains(got, []byte("absolute")) || !bytes.Contains(got, []byte("<coordinates>38.0618,24.0895 ")) {
		t.Errorf("Encode(stage without elevations) does not clamp to the ground")
	}
}

// TestStreamErrors checks that a failing writer's error comes back.
func TestStreamErrors(t *testing.T) {
	for _, limit := range []int{0, 100, 5000} {
		w := &failWriter{left: limit}
		if _, err := Encode(w, testDoc(), Options{}); err == nil {
			t.Errorf("Encode(writer failing after %d bytes) = nil error; want one", limit)
		}
		w = &failWriter{left: limit}
		if _, err := EncodeKMZ(w, testDoc(), Options{}); err == nil {
			t.Errorf("EncodeKMZ(writer failing after %d bytes) = nil error; want one", limit)
		}
	}
}

type failWriter struct{ left int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n := w.left
		w.left = 0
		return n, fmt.Errorf("disk full")
	}
	w.left -= len(p)
	return len(p), nil
}

// TestNilAndEmpty checks that odd documents encode without panicking.
func TestNilAndEmpty(t *testing.T) {
	docs := []*Document{
		nil,
		{},
		{Stages: []StageFolder{{}}},
		{Stages: []StageFolder{{Stage: &route.Stage{Name: "no path"}}}},
		{Rides: []Ride{{Name: "empty"}, {Segments: []route.Segment{{}}}, {Check: &Check{Excursions: []Excursion{{}}}}}},
		{Stages: []StageFolder{{Stage: oddStage()}}},
	}
	for i, d := range docs {
		if _, err := Encode(&bytes.Buffer{}, d, Options{}); err != nil {
			t.Errorf("Encode(doc %d) = %v; want nil", i, err)
		}
	}
}

// oddStage is a stage a careless builder might produce: one route point,
// sections beyond the route, a waypoint without a position at a NaN
// distance, elevations of the wrong length, a DZ without an FZ.
func oddStage() *route.Stage {
	p := geo.NewPath(orb.LineString{{38, 24}})
	return &route.Stage{
		Path: p,
		Ele:  []float64{1, 2, 3},
		Sections: []route.Section{
			{Kind: route.Special, From: 500, To: 100},
			{Kind: route.Liaison, From: -5, To: math.Inf(1)},
		},
		Waypoints: []route.Placed{
			{Waypoint: route.Waypoint{Controls: []route.Control{{Kind: route.DZ, Radii: route.Radii{Clear: math.NaN()}}}, Speed: 50}, Along: math.NaN()},
			{Waypoint: route.Waypoint{HasPoint: true, Point: orb.Point{38, 24}, Controls: []route.Control{{Kind: route.Kind(200)}}}},
		},
	}
}

func TestRideFromFile(t *testing.T) {
	seg, _ := testRide(testStage())
	f := &route.File{Tracks: []route.Track{{Segments: []route.Segment{seg, seg}}}}
	if r := RideFromFile("x", f); len(r.Segments) != 2 || r.Name != "x" {
		t.Errorf("RideFromFile(2 segments) = %d segments, name %q; want 2, \"x\"", len(r.Segments), r.Name)
	}
	f = &route.File{Routes: []route.Itinerary{{Points: seg}}}
	if r := RideFromFile("y", f); len(r.Segments) != 1 {
		t.Errorf("RideFromFile(1 route) = %d segments; want 1", len(r.Segments))
	}
	if r := RideFromFile("z", nil); len(r.Segments) != 0 {
		t.Errorf("RideFromFile(nil) = %d segments; want 0", len(r.Segments))
	}
}

func TestTimeFormat(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 1, 9, 7, 30, 0, 0, time.UTC), "2026-01-09T07:30:00Z"},
		{time.Date(2026, 1, 9, 7, 30, 0, 500e6, time.UTC), "2026-01-09T07:30:00.5Z"},
		{time.Date(2026, 1, 9, 10, 30, 0, 0, time.FixedZone("AST", 3*3600)), "2026-01-09T07:30:00Z"},
	}
	for _, tt := range tests {
		if got := tt.t.UTC().Format(timeFormat); got != tt.want {
			t.Errorf("format(%v) = %q; want %q", tt.t, got, tt.want)
		}
	}
}

func TestRingSides(t *testing.T) {
	tests := []struct {
		r, tol float64
		want   int
	}{
		{200, 1, 32},  // π / acos(1 − 1/200) = 31.4
		{90, 1, 22},   // π / acos(1 − 1/90) = 21.1
		{3000, 1, 72}, // 121.7, capped
		{10, 1, 16},   // 7.0, raised to the minimum
		{100, 0, 72},  // no tolerance: the most sides
		{1, 5, 16},    // tolerance above the radius
	}
	for _, tt := range tests {
		if got := ringSides(tt.r, tt.tol); got != tt.want {
			t.Errorf("ringSides(%v, %v) = %d; want %d", tt.r, tt.tol, got, tt.want)
		}
	}
}

// TestSpeedZonesAsPaired checks that the speed zones drawn are the stage's
// (route.Stage.Zones, paired by route.Stage.Pair), not a pairing of the
// encoder's own: a DZ closed by the next DZ (not by the FZ after both), a
// DN that is also a zone (OpenRally's dnz) to its FN, and a DZ without an
// FZ to the route's end.
func TestSpeedZonesAsPaired(t *testing.T) {
	st := testStage()
	dz := func(along float64, name string, speed float64) route.Placed {
		w := route.Waypoint{Name: name, HasPoint: true, Point: st.Path.PointAt(along), Speed: speed, Controls: []route.Control{{Kind: route.DZ}}}
		return route.Placed{Waypoint: w, OnRoute: true, Along: along}
	}
	ws := st.Waypoints
	ws[4].Controls[0].Zone, ws[4].Speed = true, 30 // DN at 2000 m: a zone to the FN at 2300 m
	// DZ 0 at 1000 m is closed by DZ 1 at 1200 m, whose FZ is at 1700 m;
	// DZ 9 at 3800 m has no FZ.
	ws = append(ws[:2], append([]route.Placed{dz(1000, "DZ 0", 90)}, ws[2:]...)...)
	ws = append(ws, dz(3800, "DZ 9", 70))
	st.Waypoints = ws
	st.Pair()
	if len(st.Zones) != 4 {
		t.Fatalf("Pair gave zones %+v; want 4", st.Zones)
	}
	doc := &Document{Name: "zones", Stages: []StageFolder{{Stage: st}}}
	got := string(encodeKML(t, doc, Options{}))
	folder := got[strings.Index(got, "<name>Speed zones</name>"):]
	folder = folder[:strings.Index(folder, "</Folder>")]
	for _, want := range []string{
		"<name>90 km/h</name>", "Speed zone DZ 0 to DZ 1",
		"<name>50 km/h</name>", "Speed zone DZ 1 to FZ 1",
		"<name>30 km/h</name>", "Speed zone DN to FN",
		"<name>70 km/h</name>", "Speed zone DZ 9 to the end of the route",
	} {
		if !strings.Contains(folder, want) {
			t.Errorf("speed zones folder lacks %q:\n%s", want, folder)
		}
	}
	if n := strings.Count(folder, "<Placemark>"); n != 4 {
		t.Errorf("speed zones folder has %d placemarks; want 4", n)
	}
}

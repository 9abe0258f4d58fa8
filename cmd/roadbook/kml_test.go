package main

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// kmlTestGPX writes a GPX stage of n track points (every ~20 m east of
// Yanbu, elevations, times when timed) with a DSS, a WPM, a DZ/FZ speed
// zone and an ASS named the plain-GPX way, and returns its path.
func kmlTestGPX(t *testing.T, dir, name string, n int, timed bool) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="roadbook test" xmlns="http://www.topografix.com/GPX/1/1">
`)
	pt := func(i int) (lat, lon float64) {
		return 24.0895 + 0.00005*math.Sin(float64(i)/10), 38.0618 + 0.0002*float64(i)
	}
	wpt := func(i int, wname, typ string) {
		lat, lon := pt(i)
		fmt.Fprintf(&b, "<wpt lat=\"%.7f\" lon=\"%.7f\"><name>%s</name><type>%s</type></wpt>\n", lat, lon, wname, typ)
	}
	if !timed {
		wpt(n/10, "DSS", "DSS")
		wpt(n/4, "WPM 1", "WPM")
		wpt(n/3, "DZ 1", "DZ")
		wpt(n/2, "FZ 1", "FZ")
		wpt(n*9/10, "ASS", "ASS")
	}
	b.WriteString("<trk><name>" + name + "</name><trkseg>\n")
	t0 := time.Date(2026, 1, 9, 7, 0, 0, 0, time.UTC)
	for i := range n {
		lat, lon := pt(i)
		fmt.Fprintf(&b, "<trkpt lat=\"%.7f\" lon=\"%.7f\"><ele>%d</ele>", lat, lon, 100+i%7)
		if timed {
			fmt.Fprintf(&b, "<time>%s</time>", t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
		}
		b.WriteString("</trkpt>\n")
	}
	b.WriteString("</trkseg></trk>\n</gpx>\n")
	path := filepath.Join(dir, name+".gpx")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func kmlMain(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestKMLCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stage := kmlTestGPX(t, dir, "stage", 400, false)
	ride := kmlTestGPX(t, dir, "ride", 300, true)
	out := filepath.Join(dir, "out.kml")

	code, _, stderr := kmlMain("kml", "-o", out, "--ride", ride, "--km-markers", "1", stage)
	if code != exitOK {
		t.Fatalf("roadbook kml -o out.kml = %d; want 0\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "route: kept ") || !strings.Contains(stderr, "rides: kept ") {
		t.Errorf("roadbook kml stderr = %q; want the points kept", stderr)
	}
	doc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	for _, want := range []string{
		"<name>stage</name>",              // the stage folder, named after the track
		"<styleUrl>#wp-dss</styleUrl>",    // waypoints with their kinds
		"<styleUrl>#wp-wpm</styleUrl>",    //
		"<styleUrl>#speedzone</styleUrl>", // the DZ–FZ zone
		"<gx:Track>",                      // the ride with its times
		"<when>2026-01-09T07:00:00Z</when>",
		"<styleUrl>#wp-km</styleUrl>",          // km markers every km on a ~8 km route
		"http://maps.google.com/mapfiles/kml/", // plain KML: Google's icons
	} {
		if !strings.Contains(s, want) {
			t.Errorf("roadbook kml -o out.kml: output lacks %s", want)
		}
	}
	kmlValidate(t, out)

	// Same input, same bytes.
	out2 := filepath.Join(dir, "out2.kml")
	if code, _, stderr := kmlMain("kml", "-o", out2, "--ride", ride, "--km-markers", "1", stage); code != exitOK {
		t.Fatalf("second run = %d\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(out2); !bytes.Equal(again, doc) {
		t.Errorf("roadbook kml gave different bytes on a second run")
	}

	// Standard output: plain KML.
	code, stdout, stderr := kmlMain("kml", "-o", "-", stage)
	if code != exitOK || !strings.HasPrefix(stdout, "<?xml") || !strings.Contains(stdout, "<kml ") {
		t.Errorf("roadbook kml -o - = %d, stdout %.40q; want 0 and KML\n%s", code, stdout, stderr)
	}
	if strings.Contains(stderr, "wrote") {
		t.Errorf("roadbook kml -o - stderr = %q; want no \"wrote\"", stderr)
	}
}

// TestKMLDefaultKMZ checks the default output name and the KMZ's contents.
// Not parallel: the default output goes to the current folder (t.Chdir).
func TestKMLDefaultKMZ(t *testing.T) {
	dir := t.TempDir()
	stage := kmlTestGPX(t, dir, "stage6", 200, false)
	t.Chdir(dir)
	if code, _, stderr := kmlMain("kml", stage); code != exitOK {
		t.Fatalf("roadbook kml stage6.gpx = %d\n%s", code, stderr)
	}
	zr, err := zip.OpenReader("stage6.kmz")
	if err != nil {
		t.Fatalf("default output: %v", err)
	}
	defer zr.Close()
	if zr.File[0].Name != "doc.kml" {
		t.Errorf("KMZ first entry = %s; want doc.kml", zr.File[0].Name)
	}
	found := false
	for _, f := range zr.File {
		found = found || f.Name == "files/dss.png"
	}
	if !found {
		t.Errorf("KMZ lacks files/dss.png")
	}
	kmlValidate(t, filepath.Join(dir, "stage6.kmz"))
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("leftover file %s", e.Name())
		}
	}
}

func TestKMLRally(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	kmlTestGPX(t, dir, "s1", 100, false)
	kmlTestGPX(t, dir, "s2", 120, false)
	manifest := `{"name": "Test Rally", "stages": [
  {"name": "Stage 1", "file": "s1.gpx", "date": "2026-01-04", "start": "Yanbu", "finish": "AlUla"},
  {"name": "Stage 2", "file": "s2.gpx", "date": "2026-01-05", "start": "AlUla", "finish": "Ha'il"}]}`
	if err := os.WriteFile(filepath.Join(dir, "rally.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := kmlMain("kml", "-o", "-", dir)
	if code != exitOK {
		t.Fatalf("roadbook kml RALLY = %d\n%s", code, stderr)
	}
	i1 := strings.Index(stdout, "<name>Stage 1 · Yanbu &gt; AlUla</name>")
	i2 := strings.Index(stdout, "<name>Stage 2 · AlUla &gt; Ha&#39;il</name>")
	if i1 < 0 || i2 < 0 || i2 < i1 {
		t.Errorf("roadbook kml RALLY: stage folders at %d and %d; want both, in rally order", i1, i2)
	}
	if !strings.Contains(stdout, "<name>Test Rally</name>") {
		t.Errorf("roadbook kml RALLY: document not named after the rally")
	}
	if !strings.Contains(stdout, "<begin>2026-01-05T00:00:00Z</begin>") {
		t.Errorf("roadbook kml RALLY: no TimeSpan for Stage 2's date")
	}
}

// TestKMLRules checks that --rules changes the radii drawn.
func TestKMLRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stage := kmlTestGPX(t, dir, "stage", 400, false)
	rules := filepath.Join(dir, "rules.json")
	if err := os.WriteFile(rules, []byte(`{"radii": {"WPM": {"open_m": 700, "clear_m": 123}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := kmlMain("kml", "-o", "-", "--rules", rules, stage)
	if code != exitOK {
		t.Fatalf("roadbook kml --rules = %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "validation 123 m") || !strings.Contains(stdout, "open 700 m") {
		t.Errorf("roadbook kml --rules: WPM radii 700/123 m not drawn")
	}
	if code, _, _ := kmlMain("kml", "-o", "-", "--rules", filepath.Join(dir, "none.json"), stage); code != exitFailure {
		t.Errorf("roadbook kml --rules MISSING = %d; want %d", code, exitFailure)
	}
}

func TestKMLErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stage := kmlTestGPX(t, dir, "stage", 50, false)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no input", []string{"kml"}, exitUsage},
		{"two inputs", []string{"kml", stage, stage}, exitUsage},
		{"negative tolerance", []string{"kml", "--simplify", "-1", stage}, exitUsage},
		{"bad flag", []string{"kml", "--nope", stage}, exitUsage},
		{"missing file", []string{"kml", "-o", "-", filepath.Join(dir, "missing.gpx")}, exitFailure},
		{"missing ride", []string{"kml", "-o", "-", "--ride", filepath.Join(dir, "missing.gpx"), stage}, exitFailure},
		{"unwritable output", []string{"kml", "-o", filepath.Join(dir, "no", "such", "dir.kmz"), stage}, exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if code, _, stderr := kmlMain(tt.args...); code != tt.want {
				t.Errorf("roadbook %v = %d; want %d\n%s", tt.args[1:], code, tt.want, stderr)
			}
		})
	}
}

func TestDefaultOutputKMZ(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"stage.gpx", "stage.kmz"},
		{"a/b/06-stage6.gpx", "06-stage6.kmz"},
		{"examples/dakar2026", "dakar2026.kmz"},
		{"examples/dakar2026/", "dakar2026.kmz"},
		{"-", "-"},
	}
	for _, tt := range tests {
		if got := defaultOutput(tt.in, ".kmz"); got != tt.want {
			t.Errorf("defaultOutput(%q, .kmz) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// kmlPkgDir is the package's folder, taken before any test changes folder.
var kmlPkgDir, _ = os.Getwd()

// kmlValidate checks a written document against the KML schema.
func kmlValidate(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint not found and CI=true")
		}
		t.Logf("xmllint not found: %s not validated", path)
		return
	}
	tool := filepath.Join(kmlPkgDir, "..", "..", "testdata", "tools", "validate-xml")
	if _, err := os.Stat(tool); err != nil {
		t.Fatalf("test tools not found at %s", tool)
	}
	if out, err := exec.Command(tool, "kml", path).CombinedOutput(); err != nil {
		t.Errorf("validate-xml kml %s: %v\n%s", path, err, out)
	}
}

// TestKMLDemo checks the demo's Google Earth product: the whole example
// rally in rally order, the Stage 7 ride and its wrong turn.
func TestKMLDemo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, stderr := kmlMain("demo", "-o", dir); code != exitOK {
		t.Fatalf("roadbook demo = %d\n%s", code, stderr)
	}
	path := filepath.Join(dir, demoKMZ)
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if _, err := doc.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	rc.Close()
	s := doc.String()
	prologue := strings.Index(s, "<name>Prologue · Yanbu &gt; Yanbu</name>")
	stage13 := strings.Index(s, "<name>Stage 13 · ")
	if prologue < 0 || stage13 < prologue {
		t.Errorf("demo %s: Prologue at %d, Stage 13 at %d; want both, in rally order", demoKMZ, prologue, stage13)
	}
	if n := strings.Count(s, "<gx:Track>"); n != 1 {
		t.Errorf("demo %s: %d gx:Tracks; want the Stage 7 ride", demoKMZ, n)
	}
	if n := strings.Count(s, "<styleUrl>#excursion</styleUrl>"); n < 1 {
		t.Errorf("demo %s: no wrong turn drawn", demoKMZ)
	}
	// The balloons' tulips draw the other tracks at the junctions, as the
	// printed roadbooks do: Stage 7's box 4 (TL 95° onto a road) has the
	// road going on straight, an open double line (a white core).
	box4 := regexp.MustCompile(`<name>4 · TL 95° RO</name><description><!\[CDATA\[.*?<img alt="tulip" src="data:image/svg\+xml;base64,([^"]+)"`)
	stage7 := s[strings.Index(s, "<name>Stage 7 · "):]
	if m := box4.FindStringSubmatch(stage7); m == nil {
		t.Errorf("demo %s: no tulip in Stage 7's box 4", demoKMZ)
	} else if svg, _ := base64.StdEncoding.DecodeString(m[1]); !strings.Contains(string(svg), `stroke="#fff"`) {
		t.Errorf("demo %s: Stage 7's box 4 tulip has no road (an open double line):\n%s", demoKMZ, svg)
	}
	kmlValidate(t, path)
}

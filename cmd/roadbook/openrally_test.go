package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gpxgo "github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// rbLoadStage decodes a GPX file and builds its stage.
func rbLoadStage(t *testing.T, path string) *route.Stage {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := gpx.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gpx.Decode(%s): %v", path, err)
	}
	return route.NewStage(f, route.StageOptions{})
}

// rbValidateXML validates path against a published schema with
// testdata/tools/validate-xml; without xmllint it skips, unless CI=true.
func rbValidateXML(t *testing.T, schema, path string) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint not found and CI=true")
		}
		t.Skipf("xmllint not found: schema validation skipped")
	}
	tool := filepath.Join("..", "..", "testdata", "tools", "validate-xml")
	if _, err := os.Stat(tool); err != nil {
		t.Fatalf("test tools not found at %s", tool)
	}
	if out, err := exec.Command(tool, schema, path).CombinedOutput(); err != nil {
		t.Errorf("validate-xml %s %s: %v\n%s", schema, path, err, out)
	}
}

func TestOpenRallyCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "stage-openrally.gpx")
	code, stdout, stderr := runMain(t, "", "openrally", rbStage, "-o", out)
	if code != exitOK {
		t.Fatalf("openrally: exit %d\n%s", code, stderr)
	}
	orig := roadbook.Build(rbLoadStage(t, rbStage), roadbook.Options{})
	if want := out + ": " + route.Plural(len(orig.Boxes), "box", "boxes"); !strings.HasPrefix(stdout, want) {
		t.Errorf("openrally stdout = %q; want it to start with %q", stdout, want)
	}
	rbValidateXML(t, "openrally", out)

	// gpxgo, the reference reader, reads it: one waypoint per box, the
	// route as a track.
	g, err := gpxgo.ParseFile(out)
	if err != nil {
		t.Fatalf("gpxgo.ParseFile: %v", err)
	}
	if len(g.Waypoints) != len(orig.Boxes) || len(g.Tracks) != 1 || len(g.Tracks[0].Segments[0].Points) != len(orig.Stage.Path.Line) {
		t.Errorf("gpxgo reads %d waypoints, %d tracks; want %d boxes and the route", len(g.Waypoints), len(g.Tracks), len(orig.Boxes))
	}

	// Decoding what we wrote gives back the same boxes, kept as a
	// roadbook.
	back := roadbook.Build(rbLoadStage(t, out), roadbook.Options{})
	if !back.Kept || len(back.Checks) != 0 {
		t.Errorf("decoded roadbook Kept = %v, Checks = %v; want kept, no discrepancy", back.Kept, back.Checks)
	}
	if len(back.Boxes) != len(orig.Boxes) {
		t.Fatalf("decoded roadbook has %d boxes; want %d", len(back.Boxes), len(orig.Boxes))
	}
	for i, b := range back.Boxes {
		o := orig.Boxes[i]
		if math.Abs(b.Total-o.Total) > 0.5 || math.Abs(b.Along-o.Along) > 1 || b.Cap != o.Cap || b.Reset != o.Reset ||
			b.Speed != o.Speed || b.Danger != o.Danger || b.Notes != o.Notes || b.Turn*o.Turn < 0 {
			t.Errorf("box %d decoded = total %.1f along %.1f cap %v reset %v speed %v danger %d notes %q turn %.0f;\nwant total %.1f along %.1f cap %v reset %v speed %v danger %d notes %q turn %.0f",
				i+1, b.Total, b.Along, b.Cap, b.Reset, b.Speed, b.Danger, b.Notes, b.Turn,
				o.Total, o.Along, o.Cap, o.Reset, o.Speed, o.Danger, o.Notes, o.Turn)
		}
		if len(b.Controls) != len(o.Controls) {
			t.Errorf("box %d decoded controls %v; want %v", i+1, b.Controls, o.Controls)
			continue
		}
		for k := range b.Controls {
			if b.Controls[k].Kind != o.Controls[k].Kind || b.Controls[k].Name != o.Controls[k].Name {
				t.Errorf("box %d decoded control %v; want %v", i+1, b.Controls[k], o.Controls[k])
			}
		}
	}

	// Exporting the decoded roadbook again gives the same bytes.
	again := filepath.Join(dir, "again.gpx")
	if code, _, stderr := runMain(t, "", "openrally", out, "-o", again); code != exitOK {
		t.Fatalf("openrally (again): exit %d\n%s", code, stderr)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Errorf("openrally of its own output differs from it")
	}
}

func TestOpenRallyCommandStdout(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runMain(t, "", "openrally", "--no-reset", rbStage)
	if code != exitOK {
		t.Fatalf("openrally to stdout: exit %d\n%s", code, stderr)
	}
	f, err := gpx.Decode(strings.NewReader(stdout))
	if err != nil {
		t.Fatalf("gpx.Decode(openrally output): %v", err)
	}
	if f.Units != "metric" || !f.HasTotal {
		t.Errorf("openrally metadata units %q total %v; want metric and a total", f.Units, f.HasTotal)
	}
	for _, w := range f.Waypoints {
		if w.Reset {
			t.Errorf("openrally --no-reset wrote a reset at %q", w.Name)
		}
	}
	// The last box's distance is the whole route with --no-reset.
	last := f.Waypoints[len(f.Waypoints)-1]
	if math.Abs(last.Distance-f.TotalKm) > 0.002 {
		t.Errorf("openrally --no-reset: last distance %v km; want the total %v km", last.Distance, f.TotalKm)
	}
}

// TestOpenRallyReplace checks that -o replaces an existing file whole, and
// that a failed run (a bad input) leaves it as it was, with no temporary
// file beside it, and the input untouched.
func TestOpenRallyReplace(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.gpx")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "truncated.gpx")
	src, err := os.ReadFile(rbStage)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, src[:len(src)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runMain(t, "", "openrally", "-o", out, bad)
	if code != exitFailure || !strings.Contains(stderr, "truncated.gpx: gpx: line ") {
		t.Errorf("openrally of a truncated file = %d, %q; want 1 and the file and line named", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("after a failed run %s holds %q; want the old content", out, b)
	}
	if code, _, stderr := runMain(t, "", "openrally", "-o", out, rbStage); code != exitOK {
		t.Fatalf("openrally -o over an existing file = %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Errorf("openrally did not replace the old file: %.40q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if b, _ := os.ReadFile(rbStage); !bytes.Equal(b, src) {
		t.Errorf("openrally modified its input %s", rbStage)
	}
}

func TestOpenRallyCommandErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"openrally"}, exitUsage, "want exactly one input file"},
		{"two files", []string{"openrally", rbStage, rbBad}, exitUsage, "want exactly one input file"},
		{"missing file", []string{"openrally", "testdata/roadbook/nope.gpx"}, exitFailure, "nope.gpx"},
		{"output in a missing folder", []string{"openrally", rbStage, "-o", "testdata/roadbook/no-such-dir/out.gpx"}, exitFailure,
			"roadbook: testdata/roadbook/no-such-dir/out.gpx: folder testdata/roadbook/no-such-dir does not exist\n"},
		{"output is a folder", []string{"openrally", rbStage, "-o", "testdata/roadbook"}, exitFailure, "testdata/roadbook: is a folder, not a file name"},
		{"output is the input", []string{"openrally", rbStage, "-o", "testdata/roadbook/../roadbook/stage.gpx"}, exitFailure, "stage.gpx: is an input (testdata/roadbook/stage.gpx): write the output to another file"},
		{"rally folder", []string{"openrally", "testdata/info/rally"}, exitFailure, "not a rally folder"},
		{"bad KML", []string{"openrally", corpusDir + "/togeojson/bad.kml"}, exitFailure, `bad.kml: kml: line 5: Point: longitude "no" is not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runMain(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("roadbook %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), code, stderr, tt.code, tt.want)
			}
		})
	}
}

// TestOpenRallyCorpus runs the openrally command on every OpenRally file of
// the corpus (one of each version and draft): each exits 0, and its output
// has one box per waypoint of the file with the file's distances.
func TestOpenRallyCorpus(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "openrally", "*.gpx"))
	if err != nil || len(files) < 10 {
		t.Fatalf("OpenRally corpus: %d files, %v", len(files), err)
	}
	for _, path := range files {
		code, stdout, stderr := runMain(t, "", "openrally", path)
		if code != exitOK {
			t.Errorf("openrally %s: exit %d\n%s", path, code, stderr)
			continue
		}
		src := rbLoadStage(t, path).File
		back, err := gpx.Decode(strings.NewReader(stdout))
		if err != nil {
			t.Errorf("openrally %s: output does not decode: %v", path, err)
			continue
		}
		if len(back.Waypoints) != len(src.Waypoints) {
			t.Errorf("openrally %s: %d boxes; want the file's %d", path, len(back.Waypoints), len(src.Waypoints))
			continue
		}
		for i, w := range back.Waypoints {
			if s := src.Waypoints[i]; w.HasDistance != s.HasDistance || math.Abs(w.Distance-s.Distance) > 1e-9 || w.HasCap != s.HasCap {
				t.Errorf("openrally %s: box %d distance %v/%v cap %v; want the file's %v/%v cap %v", path, i+1, w.Distance, w.HasDistance, w.HasCap, s.Distance, s.HasDistance, s.HasCap)
			}
		}
	}
}

// TestOpenRallyUnknown checks that elements the toolkit does not know are
// written back as the file wrote them and listed once on stderr.
func TestOpenRallyUnknown(t *testing.T) {
	t.Parallel()
	in := filepath.Join(t.TempDir(), "rn.gpx")
	const file = `<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x"
 xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3" xmlns:rn="urn:rally-navigator">
 <metadata><extensions><o:units>metric</o:units><o:distance>1.5</o:distance><o:format>cross_country</o:format></extensions></metadata>
 <wpt lat="24.5" lon="38.5"><extensions><o:distance>0</o:distance><o:wpm name="1"/><rn:note level="2">x &amp; y</rn:note></extensions></wpt>
 <wpt lat="24.51" lon="38.5"><name>2</name><extensions><o:distance>1.5</o:distance><o:cap>90</o:cap><rn:note level="3"/></extensions></wpt>
</gpx>`
	if err := os.WriteFile(in, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, "", "openrally", in)
	if code != exitOK {
		t.Fatalf("openrally: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		`<o:format xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">cross_country</o:format>`,
		`<rn:note xmlns:rn="urn:rally-navigator" level="2">x &amp; y</rn:note>`,
		`<rn:note xmlns:rn="urn:rally-navigator" level="3"/>`,
		`<openrally:wpm name="1"/>`,
		`<openrally:distance>1.5</openrally:distance>`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "<openrally:cap>") != true || strings.Count(stdout, "<openrally:cap>") != 1 {
		t.Errorf("output has %d CAPs; want the file's one, none measured:\n%s", strings.Count(stdout, "<openrally:cap>"), stdout)
	}
	if n := strings.Count(stderr, "not understood"); n != 1 || !strings.Contains(stderr, "note (in urn:rally-navigator) ×2") ||
		!strings.Contains(stderr, "format (in http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3)") {
		t.Errorf("stderr = %q; want one note listing format and note ×2", stderr)
	}
}

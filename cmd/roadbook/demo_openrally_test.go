package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/route/gpx"
)

// TestDemoOpenRally runs the demo's OpenRally product alone: one roadbook
// per stage under openrally/, each what "roadbook openrally STAGE" writes
// for that stage, valid against the OpenRally schema.
func TestDemoOpenRally(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	d, err := loadDemo(e, dir)
	if err != nil {
		t.Fatal(err)
	}
	written, err := demoOpenRally(d)
	if err != nil {
		t.Fatalf("demoOpenRally: %v", err)
	}
	if want := "openrally/00-prologue.gpx … 13-stage13.gpx (14 files)"; len(written) != 1 || written[0] != want {
		t.Errorf("demoOpenRally wrote %q; want [%q]", written, want)
	}
	for i, s := range d.rally.Stages {
		path := filepath.Join(dir, demoOpenRallyDir, s.File)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("stage %s: %v", s.Name, err)
			continue
		}
		f, err := gpx.Decode(bytes.NewReader(b))
		if err != nil {
			t.Errorf("gpx.Decode(%s): %v", path, err)
			continue
		}
		if len(f.Waypoints) < len(d.stages[i].File.Waypoints) || f.Units != "metric" {
			t.Errorf("%s: %d boxes, units %q; want at least the stage's %d waypoints, metric", path, len(f.Waypoints), f.Units, len(d.stages[i].File.Waypoints))
		}
	}

	// Stage 7 is byte for byte what the openrally command writes with the
	// example's other tracks, but for the stage's name: the demo names it
	// as the rally manifest does.
	const stage = "07-stage7.gpx" // in.stages[7]
	if d.rally.Stages[7].File != stage {
		t.Fatalf("rally stage 7 is %s; want %s", d.rally.Stages[7].File, stage)
	}
	src, err := fs.ReadFile(dakar2026.FS, stage)
	if err != nil {
		t.Fatal(err)
	}
	code, want, errOut := runMain(t, string(src), "openrally", "--tracks", "../../examples/dakar2026/"+dakar2026.TracksFile, "-")
	if code != exitOK {
		t.Fatalf("openrally - < %s = %d: %s", stage, code, errOut)
	}
	want = strings.ReplaceAll(want, "<name>"+xmlEscape(d.stages[7].File.Metadata.Name)+"</name>", "<name>Stage 7</name>")
	got, _ := os.ReadFile(filepath.Join(dir, demoOpenRallyDir, stage))
	if string(got) != want {
		t.Errorf("demo's openrally/%s differs from roadbook openrally's output (%d and %d bytes)", stage, len(got), len(want))
	}
	rbValidateXML(t, "openrally", filepath.Join(dir, demoOpenRallyDir, stage))
	// The tulips draw the other tracks at the junctions: the specials'
	// pistes as lines 3.2 wide, the liaisons' roads double (a white core).
	pistes := strings.Count(string(got), `stroke-width="3.2"`)
	roads := strings.Count(string(got), `stroke="#fff" stroke-width="2.4"`)
	if pistes < 100 || roads < 10 {
		t.Errorf("demo's openrally/%s has %d piste and %d road strokes in its tulips; want the other tracks of its junctions", stage, pistes, roads)
	}
}

// TestSummariseWritten checks the demo summary's short form of long file
// lists.
func TestSummariseWritten(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a/1.gpx", "a/2.gpx"}, "a/1.gpx, a/2.gpx"},
		{[]string{"a/1.gpx", "a/2.gpx", "a/3.gpx", "a/4.gpx"}, "a/1.gpx … 4.gpx (4 files)"},
	}
	for _, c := range cases {
		if got := strings.Join(summariseWritten(c.in), ", "); got != c.want {
			t.Errorf("summariseWritten(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// xmlEscape escapes s as XML character data.
func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

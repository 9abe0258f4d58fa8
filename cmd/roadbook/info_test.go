package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route/summary"
)

const infoData = "testdata/info"

// TestInfoGolden runs info on the small files of testdata/info and compares
// the text and JSON outputs with the golden files.
func TestInfoGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		args   []string
		golden string
	}{
		{"stage", []string{"info", infoData + "/stage.gpx"}, "stage.golden"},
		{"stage json", []string{"info", "--json", infoData + "/stage.gpx"}, "stage.json.golden"},
		{"route only, no DSS/ASS", []string{"info", infoData + "/liaison.gpx"}, "liaison.golden"},
		{"rally", []string{"info", infoData + "/rally"}, "rally.golden"},
		{"rally with stages", []string{"info", "--stages", infoData + "/rally"}, "rally-stages.golden"},
		{"rally json", []string{"info", infoData + "/rally", "--json"}, "rally.json.golden"},
		{"two files", []string{"info", infoData + "/liaison.gpx", infoData + "/stage.gpx"}, "two.golden"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runMain(t, "", c.args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("Main(%q) = %d, stderr %q; want 0 and nothing on stderr", c.args, code, stderr)
			}
			checkGolden(t, filepath.Join(infoData, c.golden), stdout)
		})
	}
}

// TestInfoFlagsAndStdin checks that flags may follow the file name and that
// "-" reads standard input.
func TestInfoFlagsAndStdin(t *testing.T) {
	t.Parallel()
	_, want, _ := runMain(t, "", "info", "--json", infoData+"/stage.gpx")
	code, got, stderr := runMain(t, "", "info", infoData+"/stage.gpx", "--json")
	if code != exitOK || got != want {
		t.Errorf("info FILE --json = %d, %q, stderr %q; want the output of info --json FILE", code, got, stderr)
	}
	b, err := os.ReadFile(infoData + "/stage.gpx")
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ = runMain(t, "", "info", infoData+"/stage.gpx")
	code, got, stderr = runMain(t, string(b), "info", "-")
	want = strings.Replace(want, infoData+"/stage.gpx\n", "stdin\n", 1)
	if code != exitOK || got != want {
		t.Errorf("info - < stage.gpx = %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, got, want)
	}
}

// TestInfoEmptyFile checks that an empty file is called empty, not bad XML.
func TestInfoEmptyFile(t *testing.T) {
	t.Parallel()
	empty := filepath.Join(t.TempDir(), "empty.gpx")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, "", "info", empty)
	if want := "roadbook: " + empty + ": empty file\n"; code != exitFailure || stdout != "" || stderr != want {
		t.Errorf("info EMPTY = %d, %q, %q; want 1, nothing, %q", code, stdout, stderr, want)
	}
}

func TestInfoErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"missing file", []string{"info", infoData + "/missing.gpx"}, exitFailure,
			[]string{"roadbook: " + infoData + "/missing.gpx: no such file or directory"}},
		{"not GPX", []string{"info", infoData + "/not-gpx.txt"}, exitFailure,
			[]string{"roadbook: " + infoData + "/not-gpx.txt: gpx: line 1"}},
		{"bad coordinate", []string{"info", infoData + "/bad-lat.gpx"}, exitFailure,
			[]string{"roadbook: " + infoData + "/bad-lat.gpx: gpx: line 6: trkpt: latitude 91.2 out of range"}},
		{"every failure reported", []string{"info", infoData + "/missing.gpx", infoData + "/stage.gpx", infoData + "/bad-lat.gpx"}, exitFailure,
			[]string{"missing.gpx: no such file", "bad-lat.gpx: gpx: line 6"}},
		{"folder without manifest", []string{"info", infoData}, exitFailure,
			[]string{"roadbook: " + infoData + ": a folder without rally.json"}},
		{"empty stdin", []string{"info", "-"}, exitFailure, []string{"roadbook: stdin: empty file\n"}},
		{"stdin twice", []string{"info", "-", "-"}, exitUsage, []string{"roadbook info: standard input (-) given 2 times: it can be read once", "usage: roadbook info"}},
		{"rally naming a missing stage file", []string{"info", infoData + "/rally-missing"}, exitFailure,
			[]string{"roadbook: " + infoData + "/rally-missing/b.gpx: stage \"Second\": no such file or directory"}},
		{"no arguments", []string{"info"}, exitUsage,
			[]string{"roadbook info: no input files", "usage: roadbook info [--json] [--stages] [--rules FILE] [--lenient] FILE|DIR..."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runMain(t, "", c.args...)
			if code != c.code {
				t.Errorf("Main(%q) = %d; want %d (stderr %q)", c.args, code, c.code, stderr)
			}
			if stdout != "" {
				t.Errorf("Main(%q) printed %q on stdout; want nothing", c.args, stdout)
			}
			for _, s := range c.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("Main(%q) stderr = %q; want it to contain %q", c.args, stderr, s)
				}
			}
		})
	}
}

// TestLenientSummary: a file with thousands of bad points prints the first
// few and how many in all, not a line each (issue 10).
func TestLenientSummary(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>` + "\n")
	b.WriteString(`<trkpt lat="24.6" lon="46.9"/>` + "\n" + `<trkpt lat="24.6" lon="47.0"/>` + "\n")
	const bad = 20000
	for range bad {
		b.WriteString(`<trkpt lat="91.2" lon="47.0"/>` + "\n")
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	code, stdout, stderr := runMain(t, b.String(), "info", "--lenient", "-")
	if code != exitOK {
		t.Fatalf("info --lenient = %d, %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != skippedShown+1 || !strings.HasPrefix(lines[0], "roadbook: stdin: skipped: gpx: line 5: trkpt: latitude 91.2") ||
		lines[skippedShown] != fmt.Sprintf("roadbook: stdin: skipped %d problems in all (--lenient), the first %d above", bad, skippedShown) {
		t.Errorf("info --lenient on %d bad points: stderr has %d lines:\n%s", bad, len(lines), stderr)
	}
	if want := fmt.Sprintf("  skipped    %d problems (--lenient)\n", bad); !strings.Contains(stdout, want) {
		t.Errorf("info --lenient stdout lacks %q:\n%s", want, stdout)
	}
}

func TestInfoLenient(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runMain(t, "", "info", "--lenient", infoData+"/bad-lat.gpx")
	if code != exitOK {
		t.Fatalf("info --lenient bad-lat.gpx = %d, stderr %q; want 0", code, stderr)
	}
	if want := "roadbook: " + infoData + "/bad-lat.gpx: skipped: gpx: line 6: trkpt: latitude 91.2 out of range"; !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q; want it to contain %q", stderr, want)
	}
	if !strings.Contains(stdout, "1 track, 1 segment, 3 points") || !strings.Contains(stdout, "  skipped    1 problem (--lenient)\n") {
		t.Errorf("stdout = %q; want 3 points kept and 1 skipped", stdout)
	}
}

// TestInfoJSONFields checks that the JSON document has every field
// docs/info.md documents.
func TestInfoJSONFields(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runMain(t, "", "info", "--json", infoData+"/rally", infoData+"/stage.gpx")
	if code != exitOK {
		t.Fatalf("info --json = %d, stderr %q", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("info --json printed invalid JSON: %v", err)
	}
	has := func(where string, m any, keys ...string) {
		t.Helper()
		obj, ok := m.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T; want an object", where, m)
		}
		for _, k := range keys {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s has no %q", where, k)
			}
		}
	}
	first := func(where string, v any) any {
		t.Helper()
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			t.Fatalf("%s = %v; want a non-empty array", where, v)
		}
		return a[0]
	}
	has("document", doc, "files", "rallies")
	files := doc["files"].([]any)
	if len(files) != 3 {
		t.Fatalf("files has %d entries; want 3 (two rally stages and stage.gpx)", len(files))
	}
	f := files[2].(map[string]any)
	has("files[2]", f, "file", "trk", "trkseg", "trkpt", "rte", "rtept", "wpt", "track_length_m", "route_length_m", "time_start", "time_end", "stage")
	st := f["stage"]
	has("stage", st, "name", "length_km", "has_special", "liaison_km", "special_km", "neutralised_km", "sections", "waypoints", "problems")
	sm := st.(map[string]any)
	has("sections[0]", first("sections", sm["sections"]), "kind", "sector", "from_km", "to_km", "length_km")
	has("waypoints[0]", first("waypoints", sm["waypoints"]), "kind", "kinds", "name", "line", "on_route", "km", "partial_km", "offset_m", "clear_m", "open_m", "speed_kmh")
	has("problems[0]", first("problems", sm["problems"]), "message", "line", "waypoint")
	r := first("rallies", doc["rallies"])
	has("rallies[0]", r, "dir", "name", "stages", "rest_days", "totals")
	rm := r.(map[string]any)
	has("rally stages[0]", first("rally stages", rm["stages"]), "name", "file", "date", "start", "finish", "liaison_km", "special_km", "neutralised_km", "total_km", "marathon")
	has("rest_days[0]", first("rest_days", rm["rest_days"]), "date", "place")
	has("totals", rm["totals"], "stages", "liaison_km", "special_km", "neutralised_km", "total_km")
}

// corpusDir is the project's corpus of real files (testdata/corpus), from
// this package's folder.
const corpusDir = "../../testdata/corpus"

// TestInfoCorpus runs info on every GPX, KML and KMZ file of
// testdata/corpus: each either succeeds with a JSON document or fails with
// exit 1 and a message that starts with the file's name and the line; none
// may crash.
func TestInfoCorpus(t *testing.T) {
	t.Parallel()
	var files []string
	for _, ext := range []string{"gpx", "kml", "kmz"} {
		fs, _ := filepath.Glob(corpusDir + "/*/*." + ext)
		if len(fs) == 0 {
			t.Fatalf("no %s files in %s", ext, corpusDir)
		}
		files = append(files, fs...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runMain(t, "", "info", "--json", f)
			switch code {
			case exitOK:
				var doc summary.Document
				if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Files) != 1 {
					t.Errorf("info --json %s printed %d files, %v; want one file", f, len(doc.Files), err)
				}
			case exitFailure:
				format := "kml" // KML and KMZ
				if strings.HasSuffix(f, ".gpx") {
					format = "gpx"
				}
				if !strings.HasPrefix(stderr, "roadbook: "+f+": "+format+": line ") {
					t.Errorf("info %s failed with %q; want a message naming the file and line", f, stderr)
				}
			default:
				t.Errorf("info %s = %d, stderr %q; want 0 or 1", f, code, stderr)
			}
			if code == exitOK {
				if c, _, stderr := runMain(t, "", "info", "--lenient", f); c != exitOK {
					t.Errorf("info --lenient %s = %d, %q; want 0", f, c, stderr)
				}
			}
		})
	}
	// The corpus's one bad file loads leniently, reporting what it skips.
	bad := corpusDir + "/togeojson/bad.gpx"
	code, _, stderr := runMain(t, "", "info", "--lenient", bad)
	if code != exitOK || !strings.Contains(stderr, "roadbook: "+bad+": skipped: gpx: line 5: trkpt:") {
		t.Errorf("info --lenient %s = %d, stderr %q; want 0 and the skipped points", bad, code, stderr)
	}
}

// TestInfoLengthsAgainstGeod checks info's lengths against PROJ's geod
// (Karney's algorithm, Debian package proj-bin), reading the points of the
// test files with a regular expression rather than our decoder.
func TestInfoLengthsAgainstGeod(t *testing.T) {
	t.Parallel()
	geod, err := exec.LookPath("geod")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("geod (Debian package proj-bin) is needed: %v", err)
		}
		t.Skipf("geod not installed (Debian package proj-bin): %v", err)
	}
	pt := regexp.MustCompile(`<(trkpt|rtept) lat="([-0-9.]+)" lon="([-0-9.]+)"`)
	// length returns the geodesic length of the points in s, by geod.
	length := func(s string) float64 {
		var in strings.Builder
		var prev []string
		for _, m := range pt.FindAllStringSubmatch(s, -1) {
			if prev != nil {
				fmt.Fprintf(&in, "%s %s %s %s\n", prev[2], prev[3], m[2], m[3])
			}
			prev = m
		}
		cmd := exec.Command(geod, "+ellps=WGS84", "-I", "+units=m", "-f", "%.6f")
		cmd.Stdin = strings.NewReader(in.String())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("geod: %v", err)
		}
		total := 0.0
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if f := strings.Fields(line); len(f) == 3 {
				d, err := strconv.ParseFloat(f[2], 64)
				if err != nil {
					t.Fatalf("geod printed %q", line)
				}
				total += d
			}
		}
		return total
	}
	for _, name := range []string{"stage.gpx", "liaison.gpx", "rally/01-stage1.gpx", "rally/02-stage2.gpx"} {
		path := infoData + "/" + name
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		wantTrack := 0.0
		for _, seg := range strings.Split(text, "<trkseg>")[1:] {
			wantTrack += length(seg)
		}
		wantRoute := 0.0
		if !strings.Contains(text, "<trkpt") {
			wantRoute = length(text)
		}
		wantStage := length(text) // every point joined
		code, stdout, stderr := runMain(t, "", "info", "--json", path)
		if code != exitOK {
			t.Fatalf("info %s = %d, %q", path, code, stderr)
		}
		var doc summary.Document
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		f := doc.Files[0]
		// JSON metres have one decimal, kilometres three.
		if math.Abs(f.TrackLengthM-wantTrack) > 0.06 || math.Abs(f.RouteLengthM-wantRoute) > 0.06 || math.Abs(f.Stage.LengthKm*1000-wantStage) > 0.6 {
			t.Errorf("%s: track %.1f m, route %.1f m, stage %.3f km; geod says %.3f m, %.3f m, %.3f km",
				name, f.TrackLengthM, f.RouteLengthM, f.Stage.LengthKm, wantTrack, wantRoute, wantStage/1000)
		}
	}
}

// TestInfoNoRoute: waypoints of a file without a line have a position and
// no route to be placed on ("no route", has_position true), where the
// boxes of a distance-only roadbook have no position ("no position"): info
// said "no position" for both.
func TestInfoNoRoute(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file, want string
		pos        bool
	}{
		{"gpsbabel/NegElev.tpo.gpx", "no route", true},
		{"openrally/example.gpx", "no position", false},
	} {
		path := filepath.Join(corpusDir, tc.file)
		code, stdout, stderr := runMain(t, "", "info", path)
		lines := strings.Split(stdout, "\n")
		var row string
		for i, l := range lines {
			if strings.HasPrefix(l, "KIND ") && i+1 < len(lines) {
				row = lines[i+1]
				break
			}
		}
		if code != exitOK || !strings.HasSuffix(strings.TrimSpace(row), tc.want) && !strings.Contains(row, " "+tc.want+" ") {
			t.Errorf("info %s = %d, first waypoint %q (%s); want %q", tc.file, code, row, stderr, tc.want)
		}
		_, stdout, _ = runMain(t, "", "info", "--json", path)
		var doc summary.Document
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Files) != 1 || len(doc.Files[0].Stage.Waypoints) == 0 {
			t.Fatalf("info --json %s: %v", tc.file, err)
		}
		if w := doc.Files[0].Stage.Waypoints[0]; w.OnRoute || w.HasPosition != tc.pos {
			t.Errorf("info --json %s: first waypoint on_route %v, has_position %v; want false, %v", tc.file, w.OnRoute, w.HasPosition, tc.pos)
		}
	}
}

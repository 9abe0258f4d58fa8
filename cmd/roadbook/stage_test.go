package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusFile is a file of the repository's real-world test data.
func corpusFile(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "corpus"}, parts...)...)
}

// TestStageWarnings checks what the commands say about how a stage's route
// was made, on real files: the gaps joining gpxpy's 8-track lake tour, a
// track picked with --track, a track number the file does not have, the
// ExpertGPS export whose waypoints are 2,286 km from its track and which
// has both a track and a route.
func TestStageWarnings(t *testing.T) {
	t.Parallel()
	lake := corpusFile("gpxpy", "cerknicko-jezero-without-elevations.gpx")
	expert := corpusFile("gpsbabel", "expertgps.gpx")
	out := filepath.Join(t.TempDir(), "out.kmz")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr []string
		not    []string
	}{
		{"joined tracks", []string{"kml", "-o", out, lake}, exitOK,
			[]string{"warning: gap at km 2.812: a straight line of 2.3 km from the end of track 3", "warning: gap at km 7.889: a straight line of 5.4 km"}, nil},
		{"one track", []string{"kml", "-o", out, "--track", "3", lake}, exitOK,
			[]string{`warning: the route is track 3 "ACTIVE LOG #3", as asked`}, []string{"gap at km"}},
		{"no such track", []string{"kml", "-o", out, "--track", "9", lake}, exitFailure,
			[]string{"--track 9: the file has 8 tracks"}, nil},
		{"far waypoints and a route", []string{"kml", "-o", out, expert}, exitOK,
			[]string{"warning: the file has a track (64 points) and a route (<rte>, 46 points): the track is the stage's route",
				"warning: 86 waypoints farther than 5000 m from the route left out (validate lists them)"}, nil},
		{"validate lists them", []string{"validate", expert}, exitFailure,
			[]string{}, []string{"warning:"}},
		{"a wider limit", []string{"validate", "--max-offset", "3000000", expert}, exitOK,
			[]string{}, []string{"far-waypoint"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runMain(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("roadbook %s: exit %d; want %d\n%s%s", strings.Join(tc.args, " "), code, tc.code, stdout, stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("roadbook %s: stderr lacks %q:\n%s", strings.Join(tc.args, " "), s, stderr)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(stderr, s) {
					t.Errorf("roadbook %s: stderr has %q:\n%s", strings.Join(tc.args, " "), s, stderr)
				}
			}
		})
	}
	_, stdout, _ := runMain(t, "", "validate", expert)
	if n := strings.Count(stdout, "far-waypoint"); n != 86 {
		t.Errorf("validate expertgps.gpx: %d far-waypoint errors; want 86:\n%s", n, stdout)
	}
	if !strings.Contains(stdout, "2286.4 km from the route: not placed") {
		t.Errorf("validate expertgps.gpx does not say how far:\n%s", stdout)
	}
	_, stdout, _ = runMain(t, "", "validate", lake)
	if n := strings.Count(stdout, "  gap  "); n != 3 || !strings.Contains(stdout, "gap at km 5.161: a straight line of 1.4 km") {
		t.Errorf("validate cerknicko: %d gap warnings; want 3, saying where and how long:\n%s", n, stdout)
	}
}

// TestEmptyFile checks that an empty <gpx/> is an error for validate and
// openrally (which writes nothing), and a route of one point an error for
// check.
func TestEmptyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.gpx")
	one := filepath.Join(dir, "one.gpx")
	if err := os.WriteFile(empty, []byte("<gpx/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(one, []byte(`<gpx><trk><trkseg><trkpt lat="24" lon="46"/></trkseg></trk></gpx>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.gpx")
	ride := corpusFile("gpsbabel", "garminconnect.gpx")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", empty}, "nothing to validate"},
		{[]string{"openrally", "-o", out, empty}, "nothing to export"},
		{[]string{"check", one, ride}, "the stage's route has 1 point"},
		{[]string{"check", empty, ride}, "the stage's route has 0 points"},
	} {
		code, stdout, stderr := runMain(t, "", tc.args...)
		if code != exitFailure || !strings.Contains(stdout+stderr, tc.want) {
			t.Errorf("roadbook %s: exit %d, %q; want 1 and %q", strings.Join(tc.args, " "), code, stdout+stderr, tc.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("openrally of an empty file wrote %s", out)
	}
}

// TestCheckRealLogs checks real logs: a log with a fix every one to three
// minutes checked against itself drives its own length, with no wrong turn
// (exit 0 but for its real 41-minute hole, which is a gap, not a
// deviation); the same log against a stage on another continent is a
// deviation (exit 3), never clean.
func TestCheckRealLogs(t *testing.T) {
	t.Parallel()
	expert := corpusFile("gpsbabel", "expertgps.gpx")
	code, stdout, _ := runMain(t, "", "check", expert, expert)
	if code != exitOK || !strings.Contains(stdout, "no wrong turn") || !strings.Contains(stdout, "7.7 km driven") {
		t.Errorf("check expertgps.gpx against itself: exit %d:\n%s", code, stdout)
	}
	code, stdout, _ = runMain(t, "", "check", corpusFile("gpxpy", "cerknicko-jezero-without-elevations.gpx"), expert)
	if code != exitDeviation || !strings.Contains(stdout, "never on the route") {
		t.Errorf("check a ride from another continent: exit %d; want 3, never on the route:\n%s", code, stdout)
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	rbStage = "testdata/roadbook/stage.gpx" // a good stage: turns, DSS, WPV, DZ/FZ, WPM, ASS
	rbBad   = "testdata/roadbook/bad.gpx"   // no ASS, WPV too close to the DSS, DZ without speed or FZ
)

func TestValidateCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string   // stdout golden, "" for none
		stderr []string // substrings
	}{
		{"good stage", []string{"validate", rbStage}, exitOK, "testdata/roadbook/validate-good.txt", nil},
		{"broken stage", []string{"validate", rbBad}, exitFailure, "testdata/roadbook/validate-bad.txt", nil},
		{"both, flags after the files", []string{"validate", rbStage, rbBad, "--lenient"}, exitFailure, "testdata/roadbook/validate-both.txt", nil},
		{"no files", []string{"validate"}, exitUsage, "", []string{"no input files", "usage: roadbook validate"}},
		{"missing file", []string{"validate", "testdata/roadbook/nope.gpx"}, exitFailure, "", []string{"nope.gpx: no such file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runMain(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("roadbook %s: exit %d; want %d\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, errOut)
			}
			if tt.golden != "" {
				checkGolden(t, tt.golden, out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("roadbook %s: stderr %q; want it to contain %q", strings.Join(tt.args, " "), errOut, s)
				}
			}
		})
	}
}

// TestValidateOnce checks that each problem is reported once: the stage's
// DSS without an ASS is validate's dss-ass error, with the waypoint's line.
func TestValidateOnce(t *testing.T) {
	t.Parallel()
	_, out, _ := runMain(t, "", "validate", rbBad)
	if n := strings.Count(out, "has no ASS"); n != 1 {
		t.Errorf("validate bad.gpx reports the missing ASS %d times; want once:\n%s", n, out)
	}
	if strings.Contains(out, "DSS without an ASS") {
		t.Errorf("validate bad.gpx repeats the stage's pairing problem:\n%s", out)
	}
	if !strings.Contains(out, "  error       2  special km 0.00      0.50     4  dss-ass         DSS (line 4) at km 0.498 has no ASS: the special runs to the end of the route\n") {
		t.Errorf("validate bad.gpx lacks the dss-ass error with box 2, km 0.50 and line 4:\n%s", out)
	}
}

// TestValidateRules checks --rules: a rules file whose WPV radius is 50 m
// removes the radius-overlap warning and shortens the first-waypoint
// distance; a bad rules file fails with its name.
func TestValidateRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rules := dir + "/rules.json"
	if err := os.WriteFile(rules, []byte(`{"radii": {"WPV": {"clear_m": 50}, "DSS": {"clear_m": 40}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, def, _ := runMain(t, "", "validate", rbBad)
	code, out, errOut := runMain(t, "", "validate", "--rules", rules, rbBad)
	if code != exitFailure || !strings.Contains(def, "radius-overlap") || strings.Contains(out, "radius-overlap") ||
		!strings.Contains(out, "at least 150 m away (100 m + its 50 m radius)") {
		t.Errorf("validate --rules: exit %d, stdout:\n%s\nstderr %q; want the 50 m WPV radius used (defaults gave:\n%s)", code, out, errOut, def)
	}
	bad := dir + "/bad.json"
	if err := os.WriteFile(bad, []byte(`{"radii": {"WPV": {"clear_m": -5}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"validate", "--rules", bad, rbBad},
		{"info", "--rules", bad, rbBad},
		{"openrally", "--rules", dir + "/nope.json", rbBad},
	} {
		code, out, errOut := runMain(t, "", args...)
		if code != exitFailure || out != "" || !strings.Contains(errOut, "roadbook: "+dir) {
			t.Errorf("roadbook %s = %d, stdout %q, stderr %q; want 1, nothing, and the rules file named", strings.Join(args, " "), code, out, errOut)
		}
	}
}

func TestValidateJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := runMain(t, "", "validate", "--json", rbStage, rbBad)
	if code != exitFailure {
		t.Fatalf("validate --json: exit %d; want 1\n%s", code, errOut)
	}
	var reports []struct {
		File     string `json:"file"`
		Stage    string `json:"stage"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Problems []struct {
			Severity string  `json:"severity"`
			Check    string  `json:"check"`
			Box      int     `json:"box"`
			Km       float64 `json:"km"`
			Message  string  `json:"message"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("validate --json: %v\n%s", err, out)
	}
	if len(reports) != 2 || reports[0].Errors != 0 || len(reports[0].Problems) != 0 || reports[1].Errors != 4 {
		t.Fatalf("validate --json = %+v; want the good stage clean and 4 errors in the bad one", reports)
	}
	checks := map[string]int{}
	for _, p := range reports[1].Problems {
		if p.Severity == "error" {
			checks[p.Check]++
		}
		if p.Box == 0 || p.Km <= 0 {
			t.Errorf("problem %+v has no box or km", p)
		}
	}
	want := map[string]int{"dss-ass": 1, "first-waypoint": 1, "speed-zone": 2}
	for k, n := range want {
		if checks[k] != n {
			t.Errorf("validate --json: %d %s errors; want %d (all: %v)", checks[k], k, n, checks)
		}
	}
}

// TestValidateNeutralisationDraft validates OpenRally's neutralisation and
// transfer-zone proposal, whose DNs are dn and dnz elements: every FN finds
// its DN.
func TestValidateNeutralisationDraft(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "testdata", "corpus", "openrally", "neutralization-transfer-draft.gpx")
	_, stdout, stderr := runMain(t, "", "validate", path)
	out := stdout + stderr
	for _, bad := range []string{"has no DN before it", "FN without a DN"} {
		if strings.Contains(out, bad) {
			t.Errorf("validate %s reports %q:\n%s", path, bad, out)
		}
	}
	if !strings.Contains(out, `DN+fuel "DN 1"`) {
		t.Errorf("validate %s does not name the proposal's DN 1:\n%s", path, out)
	}
}

// TestValidateNetworkLinks: a KMZ that is nothing but network links (Google's
// hier.kmz) is empty, and says why: the document it links to beside the KMZ
// is not read. Every other command prints the same as a warning.
func TestValidateNetworkLinks(t *testing.T) {
	t.Parallel()
	path := filepath.Join(corpusDir, "google", "hier.kmz")
	code, stdout, _ := runMain(t, "", "validate", path)
	if code != exitFailure || !strings.Contains(stdout, "empty") || !strings.Contains(stdout, "KML NetworkLink: outside.kml") {
		t.Errorf("validate %s = %d:\n%s\nwant exit 1, empty, and the link not read", path, code, stdout)
	}
	code, _, stderr := runMain(t, "", "kml", "-o", filepath.Join(t.TempDir(), "out.kmz"), path)
	if code != exitOK || !strings.Contains(stderr, "warning: the file links to 1 document it does not hold (KML NetworkLink: outside.kml)") {
		t.Errorf("kml %s = %d, stderr %q; want a warning naming the link", path, code, stderr)
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	rbStage = "testdata/roadbook/stage.gpx" // a good stage: turns, DSS, WPV, DZ/FZ, WPM, ASS
	rbBad   = "testdata/roadbook/bad.gpx"   // no ASS, WPV too close to the DSS, DZ without speed or FZ
)

func TestValidateCommand(t *testing.T) {
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

func TestValidateJSON(t *testing.T) {
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

package route

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// jsonSeeds returns the files under the project's test data and examples
// named like name, as fuzz seeds.
func jsonSeeds(f *testing.F, name string) [][]byte {
	var out [][]byte
	for _, root := range []string{"../examples", "../cmd/roadbook/testdata", "testdata"} {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, name) {
				if b, err := os.ReadFile(path); err == nil {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	if len(out) == 0 {
		f.Fatalf("no %s in the test data", name)
	}
	return out
}

// FuzzParseRally checks that ParseRally never panics, that its errors say
// "rally manifest: ", that what it accepts holds what it promises (a name,
// stages with a name and a file each, no file twice, dates valid and in
// order), and that the manifest written back as JSON reads as the same.
func FuzzParseRally(f *testing.F) {
	for _, b := range jsonSeeds(f, "rally.json") {
		f.Add(b)
	}
	f.Add([]byte(`{"name": "x", "year": 2026, "stages": [{"name": "a", "file": "a.gpx", "date": "2026-01-04", "marathon": true}, {"name": "b", "file": "b.gpx"}], "rest_days": [{"date": "2026-01-05", "place": "p"}]}`))
	f.Add([]byte(`{"name": "x", "stages": [{"name": "a", "file": "a.gpx", "date": "2026-02-30"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRally(bytes.NewReader(b))
		if err != nil {
			if r != nil || !strings.HasPrefix(err.Error(), "rally manifest: ") {
				t.Fatalf("ParseRally error %q (rally %v); want a \"rally manifest: \" error and no rally", err, r != nil)
			}
			return
		}
		if r.Name == "" || len(r.Stages) == 0 {
			t.Fatalf("ParseRally accepted a manifest without a name or stages: %+v", r)
		}
		seen := map[string]bool{}
		var prev time.Time
		for _, s := range r.Stages {
			if s.Name == "" || s.File == "" || seen[s.File] {
				t.Fatalf("ParseRally accepted stage %+v", s)
			}
			seen[s.File] = true
			if s.Date == "" {
				continue
			}
			d, ok := s.Day()
			if !ok || d.Before(prev) {
				t.Fatalf("ParseRally accepted the date of stage %+v", s)
			}
			prev = d
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", r, err)
		}
		back, err := ParseRally(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("ParseRally(Marshal(%+v)): %v\n%s", r, err, out)
		}
		// The same manifest: the same JSON (an empty list and none are
		// the same, written alike).
		if out2, _ := json.Marshal(back); !bytes.Equal(out, out2) {
			t.Fatalf("ParseRally(Marshal(r)) = %+v; want %+v", back, r)
		}
	})
}

// FuzzParseRules checks that ParseRules never panics, that its errors say
// "rules: ", that what it accepts holds no negative value, and that the
// rules written back with MarshalJSON read as the same.
func FuzzParseRules(f *testing.F) {
	for _, b := range jsonSeeds(f, "rules.json") {
		f.Add(b)
	}
	f.Add([]byte(`{"radii": {"WPM": {"open_m": 800, "clear_m": 150}, "wpc": {"clear_m": 300}}, "missed_min": {"WPV": 15, "CP": 30}, "speed_tolerance_kmh": 5, "min_validated_pct": 70, "speeding": {"bands": [{"over_kmh": 0, "penalty_min": 1}, {"over_kmh": 20, "penalty_min": 5}], "gained_factor": 0}}`))
	f.Add([]byte(`{"min_validated_pct": 0, "missed_min": {"DSS": 1e308}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseRules(bytes.NewReader(b))
		if err != nil {
			if r != nil || !strings.HasPrefix(err.Error(), "rules: ") {
				t.Fatalf("ParseRules error %q (rules %v); want a \"rules: \" error and no rules", err, r != nil)
			}
			return
		}
		for k, rd := range r.Radii {
			if !(rd.Open >= 0 && rd.Clear >= 0) {
				t.Fatalf("ParseRules accepted radii %v for %v", rd, k)
			}
		}
		for k, d := range r.Missed {
			if d < 0 {
				t.Fatalf("ParseRules accepted a penalty %v for %v", d, k)
			}
		}
		if !(r.SpeedTolerance >= 0) {
			t.Fatalf("ParseRules accepted a speed tolerance of %v", r.SpeedTolerance)
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", r, err)
		}
		back, err := ParseRules(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("ParseRules(Marshal(%+v)): %v\n%s", r, err, out)
		}
		if out2, _ := json.Marshal(back); !bytes.Equal(out, out2) || r.Tolerance() != back.Tolerance() || r.MinValidated() != back.MinValidated() {
			t.Fatalf("ParseRules(Marshal(r)) = %+v; want %+v\n%s", back, r, out)
		}
	})
}

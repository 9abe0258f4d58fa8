package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadRallyErrors checks the messages for bad rally folders: each names
// the file, and the line for JSON errors.
func TestLoadRallyErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		manifest string
		want     []string // substrings of stderr, after "roadbook: DIR/"
	}{
		{"syntax error", "{\"name\": \"x\",\n \"stages\": [{\"name\": \"A\", \"file\": \"a.gpx\"},]}",
			[]string{"rally.json: line 2: rally manifest: invalid character ']'"}},
		{"wrong type", "{\"name\": \"x\",\n\n \"stages\": [{\"name\": \"A\", \"file\": 5}]}",
			[]string{"rally.json: line 3: stages.file: a number where a string is expected"}},
		{"stage outside the folder", `{"name": "x", "stages": [{"name": "B", "file": "../b.gpx"}]}`,
			[]string{`../b.gpx: stage "B": a stage file must be inside the rally folder`}},
		{"stage is a folder", `{"name": "x", "stages": [{"name": "S", "file": "sub"}]}`,
			[]string{`sub: stage "S": is a folder, not a stage file`}},
		{"empty stage file", `{"name": "x", "stages": [{"name": "E", "file": "empty.gpx"}]}`,
			[]string{`empty.gpx: empty file`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string]string{"rally.json": c.manifest, "empty.gpx": ""} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := runMain(t, "", "info", dir)
			if code != exitFailure || stdout != "" {
				t.Errorf("info DIR = %d, stdout %q; want 1 and nothing", code, stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, "roadbook: "+dir+"/"+w) {
					t.Errorf("info DIR stderr = %q; want it to contain %q", stderr, "roadbook: DIR/"+w)
				}
			}
		})
	}
}

// TestRulesFileErrors checks the messages for bad --rules files.
func TestRulesFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cases := []struct {
		name, data, want string
	}{
		{"wrong type", "{\n\"radii\": {\"WPM\": {\"clear_m\": \"x\"}}}", "line 2: radii.clear_m: a string where a number is expected"},
		{"negative radius", `{"radii": {"WPM": {"clear_m": -1}}}`, "rules: radii: WPM: negative radius"},
		{"truncated", `{"radii": `, "rules: unexpected EOF"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runMain(t, "", "info", "--rules", path, rbStage)
		if want := "roadbook: " + path + ": " + c.want + "\n"; code != exitFailure || stderr != want {
			t.Errorf("%s: info --rules = %d, %q; want 1, %q", c.name, code, stderr, want)
		}
	}
	code, _, stderr := runMain(t, "", "info", "--rules", dir, rbStage)
	if want := "roadbook: " + dir + ": is a folder, not a rules file\n"; code != exitFailure || stderr != want {
		t.Errorf("info --rules DIR = %d, %q; want 1, %q", code, stderr, want)
	}
}

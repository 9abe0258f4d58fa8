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
			[]string{"rally.json: rally manifest: line 2: invalid character ']'"}},
		{"wrong type", "{\"name\": \"x\",\n\n \"stages\": [{\"name\": \"A\", \"file\": 5}]}",
			[]string{"rally.json: rally manifest: line 3: stages.file: a number where a string is expected"}},
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
		{"wrong type", "{\n\"radii\": {\"WPM\": {\"clear_m\": \"x\"}}}", "rules: line 2: radii.clear_m: a string where a number is expected"},
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

// TestEmptyFileEveryCommand: an empty file is called so by every command,
// wherever it is given (issue 10: check called an empty ride "not XML").
func TestEmptyFileEveryCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.gpx")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"info", empty},
		{"validate", empty},
		{"check", empty, checkData + "/wrongturn.gpx"},
		{"check", checkData + "/stage.gpx", empty},
		{"check", checkData + "/stage.gpx", "-"},
		{"kml", "-o", out + ".kmz", empty},
		{"kml", "-o", out + ".kmz", "--ride", empty, checkData + "/stage.gpx"},
		{"print", "-o", out + ".pdf", empty},
		{"print", "-o", out + ".pdf", "--tracks", empty, checkData + "/stage.gpx"},
		{"openrally", "-o", out + ".gpx", empty},
	} {
		code, _, stderr := runMain(t, "", args...)
		name := empty
		if args[len(args)-1] == "-" {
			name = "stdin"
		}
		if want := "roadbook: " + name + ": empty file\n"; code != exitFailure || !strings.Contains(stderr, want) {
			t.Errorf("%q = %d, %q; want 1 and %q", args, code, stderr, want)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("after the failures the folder holds %d files; want the empty one only", len(ents))
	}
}

// TestRallyLinkOut: a rally folder's stage file that is a symbolic link out
// of the folder is refused, naming it (issue 10); one inside is read.
func TestRallyLinkOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rally := filepath.Join(dir, "rally")
	if err := os.Mkdir(rally, 0o755); err != nil {
		t.Fatal(err)
	}
	stage, err := os.ReadFile(checkData + "/stage.gpx")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		filepath.Join(dir, "private.gpx"):  string(stage),
		filepath.Join(rally, "a.gpx"):      string(stage),
		filepath.Join(rally, "rally.json"): `{"name": "R", "stages": [{"name": "In", "file": "in.gpx"}, {"name": "Out", "file": "out.gpx"}]}`,
		filepath.Join(dir, "only-in.json"): `{"name": "R", "stages": [{"name": "In", "file": "in.gpx"}]}`,
	} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.gpx", filepath.Join(rally, "in.gpx")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	if err := os.Symlink("../private.gpx", filepath.Join(rally, "out.gpx")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, "", "info", rally)
	want := "roadbook: " + rally + `/out.gpx: stage "Out": a link out of the rally folder: its files must be inside it` + "\n"
	if code != exitFailure || stdout != "" || stderr != want {
		t.Errorf("info RALLY with a link out = %d, %q, %q; want 1, nothing, %q", code, stdout, stderr, want)
	}
	// With the link out gone from the manifest, the link inside is read.
	if err := os.Rename(filepath.Join(dir, "only-in.json"), filepath.Join(rally, "rally.json")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runMain(t, "", "info", rally); code != exitOK {
		t.Errorf("info RALLY with a link inside = %d, %q; want 0", code, stderr)
	}
}

package route_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/roadbook/roadbook/route"
)

// rallyFS is a rally folder "dakar" with a GPX and a KML stage.
func rallyFS(manifest string) fstest.MapFS {
	return fstest.MapFS{
		"dakar/rally.json": {Data: []byte(manifest)},
		"dakar/a.gpx":      {Data: []byte(decodeGPX)},
		"dakar/b.kml":      {Data: []byte(decodeKML)},
		"dakar/empty.gpx":  {Data: nil},
		"dakar/bad.gpx":    {Data: []byte(strings.Replace(decodeGPX, `lat="24.6" lon="47.0"`, `lat="91.2" lon="47.0"`, 1))},
		"dakar/sub/c.gpx":  {Data: []byte(decodeGPX)},
		"outside.gpx":      {Data: []byte(decodeGPX)},
	}
}

const goodManifest = `{"name": "Dakar", "stages": [
  {"name": "Stage 1", "file": "a.gpx", "date": "2026-01-04"},
  {"name": "Stage 2", "file": "b.kml", "date": "2026-01-05"},
  {"name": "Stage 3", "file": "sub/c.gpx"}]}`

// TestLoadRally: each manifest stage comes paired with its file, decoded
// whatever its format, and its stage, named after the manifest.
func TestLoadRally(t *testing.T) {
	t.Parallel()
	rally, stages, err := route.LoadRally(rallyFS(goodManifest), "dakar", route.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rally.Name != "Dakar" || len(stages) != 3 {
		t.Fatalf("LoadRally = %q with %d stages; want Dakar with 3", rally.Name, len(stages))
	}
	want := []struct{ name, path, format string }{
		{"Stage 1", "dakar/a.gpx", "gpx"},
		{"Stage 2", "dakar/b.kml", "kml"},
		{"Stage 3", "dakar/sub/c.gpx", "gpx"},
	}
	for i, w := range want {
		s := stages[i]
		if s.Entry != &rally.Stages[i] || s.Entry.Name != w.name || s.Path != w.path || s.Format != w.format ||
			s.Stage.Name != w.name || s.File == nil || s.Stage.Length() < 10000 {
			t.Errorf("stage %d = %+v (stage %q, %.0f m); want %v paired with its built stage", i, s, s.Stage.Name, s.Stage.Length(), w)
		}
	}
}

// TestLoadRallyErrors: every file that cannot be read is named, with all
// the failures at once.
func TestLoadRallyErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		fsys     fs.FS
		want     []string
		sentinel error
	}{
		{"no manifest", fstest.MapFS{"dakar/a.gpx": {Data: []byte(decodeGPX)}},
			[]string{"dakar: a folder without rally.json (a rally folder needs its manifest)"}, route.ErrNoManifest},
		{"manifest syntax", rallyFS("{\"name\": \"x\",\n \"stages\": [{\"name\": \"A\", \"file\": \"a.gpx\"},]}"),
			[]string{"dakar/rally.json: rally manifest: line 2: invalid character ']'"}, nil},
		{"manifest type", rallyFS("{\"name\": \"x\",\n\n \"stages\": [{\"name\": \"A\", \"file\": 5}]}"),
			[]string{"dakar/rally.json: rally manifest: line 3: stages.file: a number where a string is expected"}, nil},
		{"every stage's failure", rallyFS(`{"name": "x", "stages": [
			{"name": "Out", "file": "../outside.gpx"},
			{"name": "Abs", "file": "/etc/passwd"},
			{"name": "Sub", "file": "sub"},
			{"name": "Missing", "file": "missing.gpx"},
			{"name": "Empty", "file": "empty.gpx"},
			{"name": "Bad", "file": "bad.gpx"},
			{"name": "Good", "file": "a.gpx"}]}`),
			[]string{
				`dakar/../outside.gpx: stage "Out": a stage file must be inside the rally folder, named relative to it`,
				`dakar//etc/passwd: stage "Abs": a stage file must be inside the rally folder`,
				`dakar/sub: stage "Sub": is a folder, not a stage file`,
				`dakar/missing.gpx: stage "Missing": file does not exist`,
				`dakar/empty.gpx: empty file`,
				`dakar/bad.gpx: gpx: line 4: trkpt: latitude 91.2 out of range`,
			}, route.ErrEmpty},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rally, stages, err := route.LoadRally(c.fsys, "dakar", route.LoadOptions{})
			if err == nil || rally != nil || stages != nil {
				t.Fatalf("LoadRally = %v, %v, %v; want an error only", rally, stages, err)
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(c.want) {
				t.Errorf("LoadRally error has %d lines; want %d:\n%v", len(got), len(c.want), err)
			}
			for i := range min(len(got), len(c.want)) {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("LoadRally error line %d = %q; want it to start %q", i+1, got[i], c.want[i])
				}
			}
			var fe *route.FileError
			if !errors.As(err, &fe) || !strings.HasPrefix(fe.Path, "dakar") {
				t.Errorf("LoadRally error %v holds no *FileError naming a file of the folder", err)
			}
			if c.sentinel != nil && !errors.Is(err, c.sentinel) {
				t.Errorf("LoadRally error %v; want it to wrap %v", err, c.sentinel)
			}
		})
	}
}

// TestLoadRallyLinks: through os.Root's FS, a stage file or a manifest that
// is a link out of the folder is refused as such; a link inside it is read.
func TestLoadRallyLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rally := filepath.Join(dir, "rally")
	for _, d := range []string{rally, filepath.Join(rally, "sub"), filepath.Join(dir, "other")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "secret.gpx"), decodeGPX)
	write(filepath.Join(rally, "a.gpx"), decodeGPX)
	write(filepath.Join(dir, "other", "rally.json"), goodManifest)
	links := map[string]string{
		"in.gpx":       "a.gpx",
		"sub/in.gpx":   "../a.gpx",
		"out.gpx":      "../secret.gpx",
		"abs.gpx":      filepath.Join(dir, "secret.gpx"),
		"twice.gpx":    "sub/out.gpx",
		"sub/out.gpx":  "../../secret.gpx",
		"dangling.gpx": "nowhere.gpx",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(rally, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write(filepath.Join(rally, "rally.json"), `{"name": "x", "stages": [
		{"name": "In", "file": "in.gpx"}, {"name": "Sub in", "file": "sub/in.gpx"},
		{"name": "Out", "file": "out.gpx"}, {"name": "Abs", "file": "abs.gpx"},
		{"name": "Twice", "file": "twice.gpx"}, {"name": "Dangling", "file": "dangling.gpx"}]}`)
	root, err := os.OpenRoot(rally)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, _, err = route.LoadRally(root.FS(), ".", route.LoadOptions{})
	got := fmt.Sprint(err)
	for _, want := range []string{
		`out.gpx: stage "Out": a link out of the rally folder`,
		`abs.gpx: stage "Abs": a link out of the rally folder`,
		`twice.gpx: stage "Twice": a link out of the rally folder`,
		`dangling.gpx: stage "Dangling": no such file or directory`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("LoadRally error = %q; want it to contain %q", got, want)
		}
	}
	if strings.Contains(got, `"In"`) || strings.Contains(got, `"Sub in"`) || strings.Count(got, "\n") != 3 {
		t.Errorf("LoadRally error = %q; want the four bad links only", got)
	}
	// A manifest that is a link out of the folder.
	if err := os.Remove(filepath.Join(rally, "rally.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other/rally.json", filepath.Join(rally, "rally.json")); err != nil {
		t.Fatal(err)
	}
	_, _, err = route.LoadRally(root.FS(), ".", route.LoadOptions{})
	if want := "rally.json: a link out of the rally folder"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("LoadRally with a manifest linking out = %v; want %q", err, want)
	}
}

// TestLoadRallyOptions: the decoding and stage options reach every stage.
func TestLoadRallyOptions(t *testing.T) {
	t.Parallel()
	fsys := rallyFS(`{"name": "x", "stages": [{"name": "Bad", "file": "bad.gpx"}]}`)
	_, stages, err := route.LoadRally(fsys, "dakar", route.LoadOptions{Decode: route.DecodeOptions{Lenient: true}})
	if err != nil || len(stages) != 1 || len(stages[0].File.Skipped) != 1 {
		t.Fatalf("LoadRally(lenient) = %v, %v; want one stage with one point skipped", stages, err)
	}
}

// LoadRally reads a rally folder from any fs.FS: here one in memory; a
// program reading the disk gives os.Root's FS.
func ExampleLoadRally() {
	fsys := rallyFS(goodManifest)
	rally, stages, err := route.LoadRally(fsys, "dakar", route.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rally.Name)
	for _, s := range stages {
		fmt.Printf("%s %s (%s): %.1f km\n", s.Entry.Date, s.Entry.Name, s.Format, s.Stage.Length()/1000)
	}
	// Output:
	// Dakar
	// 2026-01-04 Stage 1 (gpx): 10.1 km
	// 2026-01-05 Stage 2 (kml): 10.1 km
	//  Stage 3 (gpx): 10.1 km
}

// TestLoadRallyDir: a folder on disk, its files named after the folder as
// given, in the stages and in every error; links out of it refused.
func TestLoadRallyDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rally := filepath.Join(dir, "rally")
	if err := os.Mkdir(rally, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "secret.gpx"), decodeGPX)
	write(filepath.Join(rally, "a.gpx"), decodeGPX)
	write(filepath.Join(rally, "rally.json"), `{"name": "x", "stages": [{"name": "A", "file": "a.gpx"}]}`)
	for _, d := range []string{rally, rally + "/"} {
		r, stages, err := route.LoadRallyDir(d, route.LoadOptions{})
		if err != nil || r.Name != "x" || len(stages) != 1 || stages[0].Path != rally+"/a.gpx" || stages[0].Stage.Name != "A" {
			t.Errorf("LoadRallyDir(%q) = %v, %+v; want stage A at %s/a.gpx", d, err, stages, rally)
		}
	}

	write(filepath.Join(rally, "rally.json"), `{"name": "x", "stages": [
		{"name": "A", "file": "a.gpx"}, {"name": "Out", "file": "out.gpx"}, {"name": "Missing", "file": "missing.gpx"}]}`)
	if err := os.Symlink("../secret.gpx", filepath.Join(rally, "out.gpx")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, _, err := route.LoadRallyDir(rally, route.LoadOptions{})
	want := rally + `/out.gpx: stage "Out": a link out of the rally folder: its files must be inside it` + "\n" +
		rally + `/missing.gpx: stage "Missing": no such file or directory`
	if err == nil || err.Error() != want {
		t.Errorf("LoadRallyDir with a link out and a missing file = %v; want\n%s", err, want)
	}

	cases := []struct {
		dir, want string
		is        error
	}{
		{dir, dir + ": a folder without rally.json (a rally folder needs its manifest)", route.ErrNoManifest},
		{filepath.Join(dir, "none"), filepath.Join(dir, "none") + ": no such file or directory", fs.ErrNotExist},
	}
	for _, c := range cases {
		_, _, err := route.LoadRallyDir(c.dir, route.LoadOptions{})
		var fe *route.FileError
		if err == nil || err.Error() != c.want || !errors.Is(err, c.is) || !errors.As(err, &fe) || fe.Path != c.dir {
			t.Errorf("LoadRallyDir(%q) = %v; want a *FileError %q", c.dir, err, c.want)
		}
	}
}

// LoadRallyDir reads a rally folder on disk, naming its files after the
// folder.
func ExampleLoadRallyDir() {
	rally, stages, err := route.LoadRallyDir("../examples/dakar2026", route.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d stages\n", rally.Name, len(stages))
	s := stages[7]
	fmt.Printf("%s %s, %s: %.1f km\n", s.Entry.Date, s.Entry.Name, s.Path, s.Stage.Length()/1000)
	// Output:
	// Dakar 2026: 14 stages
	// 2026-01-11 Stage 7, ../examples/dakar2026/07-stage7.gpx: 876.0 km
}

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
)

// TestDemo runs the whole demo with the products registered in this
// program and checks what it wrote.
func TestDemo(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new", "demo") // created by the demo
	code, out, errOut := runMain(t, "", "demo", "-o", dir)
	if code != exitOK {
		t.Fatalf("roadbook demo -o DIR = %d; want 0\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// The rally's files, byte for byte.
	names, err := fs.Glob(dakar2026.FS, "*")
	if err != nil || len(names) != 18 {
		t.Fatalf("embedded example has %d files (%v); want 18", len(names), err)
	}
	for _, name := range names {
		want, _ := fs.ReadFile(dakar2026.FS, name)
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("demo wrote %s: %d bytes, %v; want the embedded %d bytes", name, len(got), err, len(want))
		}
	}
	// Every product's files exist, and the summary names them.
	for _, p := range demoProducts() {
		if !strings.Contains(out, p.name) {
			t.Errorf("demo output does not name product %q:\n%s", p.name, out)
		}
	}
	for _, want := range []string{`rally "Dakar 2026"`, "rest day, Riyadh", "Stage 13", "marathon", "illustrative", "roadbook info --stages " + dir} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	// The table is the one "roadbook info DIR" prints.
	code, info, errOut := runMain(t, "", "info", dir)
	if code != exitOK {
		t.Fatalf("roadbook info DIR = %d: %s", code, errOut)
	}
	i := strings.Index(info, `rally "Dakar 2026"`)
	j := strings.Index(out, "\nWrote ")
	if i < 0 || j < 0 || !strings.HasPrefix(info[i:], out[:j]) {
		t.Errorf("demo's rally table differs from info's:\ndemo:\n%s\ninfo:\n%s", out[:max(j, 0)], info[max(i, 0):])
	}
}

// TestDemoProducts runs the demo with stand-in products: they run in order,
// a failing or panicking one is reported and the others still run, and the
// exit code is 1.
func TestDemoProducts(t *testing.T) {
	t.Parallel()
	var ran []string
	product := func(name string, err error, panics bool) demoProduct {
		return demoProduct{name: name, open: "open " + name, run: func(d *demoRun) ([]string, error) {
			ran = append(ran, name)
			if d.rally == nil || len(d.stages) != len(d.rally.Stages) || d.ride == nil || d.rideStage == nil || d.rideStage.Name != "Stage 7" {
				t.Errorf("product %s got an incomplete demoRun", name)
			}
			if _, err := os.Stat(filepath.Join(d.dir, "rally.json")); err != nil {
				t.Errorf("product %s runs before the rally is written: %v", name, err)
			}
			if panics {
				panic("boom")
			}
			if err != nil {
				return nil, err
			}
			f := name + ".txt"
			return []string{f}, os.WriteFile(filepath.Join(d.dir, f), []byte(name), 0o644)
		}}
	}
	products := []demoProduct{
		product("first", nil, false),
		product("broken", errors.New("no luck"), false),
		product("panics", nil, true),
		product("third", nil, false),
	}

	dir := t.TempDir()
	// An old file is replaced.
	if err := os.WriteFile(filepath.Join(dir, "rally.json"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]*command{demoCommand(products)}, []string{"demo", "-o", dir}, strings.NewReader(""), &stdout, &stderr)
	out, errOut := stdout.String(), stderr.String()
	if code != exitFailure {
		t.Errorf("demo with a failing product = %d; want 1", code)
	}
	if got := strings.Join(ran, " "); got != "first broken panics third" {
		t.Errorf("products ran in order %q; want first broken panics third", got)
	}
	for _, want := range []string{"roadbook: demo: broken: no luck", "roadbook: demo: panics: internal error: boom"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"first.txt", "open first", "third.txt", "2 of 4 products failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "rally.json")); string(b) == "old" {
		t.Errorf("demo left the old rally.json in place")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("demo left temporary files: %v", left)
	}
}

func TestDemoUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"demo", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"demo", "-o"}, exitUsage, "flag needs an argument"},
		{[]string{"demo", "-o", "-"}, exitFailure, "-o needs a folder"},
	}
	for _, tt := range tests {
		code, _, errOut := runMain(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("Main(%q) = %d, %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	// The output folder cannot be created under a file.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runMain(t, "", "demo", "-o", filepath.Join(file, "sub")); code != exitFailure || !strings.Contains(errOut, "not a directory") {
		t.Errorf("demo -o FILE/sub = %d, %q; want 1 and not a directory", code, errOut)
	}
	// A folder in the way of one of the rally's files is named.
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "rally.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := "roadbook: demo: " + filepath.Join(dir, "rally.json") + ": is a folder, not a file name"
	if code, _, errOut := runMain(t, "", "demo", "-o", dir); code != exitFailure || !strings.Contains(errOut, want) {
		t.Errorf("demo -o DIR with a folder DIR/rally.json = %d, %q; want 1 and %q", code, errOut, want)
	}
}

package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// modes are the two ways a regular file is written: through an unnamed
// temporary file (Linux) and through a hidden one (elsewhere, and the
// fallback).
var modes = []struct {
	name    string
	unnamed bool
}{{"unnamed", true}, {"hidden", false}}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// writeWith writes name with write through create, as Write does.
func writeWith(name string, unnamed bool, write func(io.Writer) error) error {
	f, err := create(name, unnamed)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteRegular(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out.txt")
			if err := writeWith(out, m.unnamed, writeString("one")); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(out)
			if b, _ := os.ReadFile(out); err != nil || string(b) != "one" || fi.Mode().Perm() != 0o644 {
				t.Fatalf("new file: %q, %v, %v; want \"one\" with mode 0644", b, fi.Mode(), err)
			}
			// Replacing keeps the file's permissions.
			if err := os.Chmod(out, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := writeWith(out, m.unnamed, writeString("two")); err != nil {
				t.Fatal(err)
			}
			fi, err = os.Stat(out)
			if b, _ := os.ReadFile(out); err != nil || string(b) != "two" || fi.Mode().Perm() != 0o600 {
				t.Errorf("replaced file: %q, %v, %v; want \"two\" with mode 0600", b, fi.Mode(), err)
			}
			// A failing write leaves the file as it was and nothing else.
			want := errors.New("encoder failed")
			err = writeWith(out, m.unnamed, func(w io.Writer) error {
				io.WriteString(w, "half")
				return want
			})
			if err != want {
				t.Errorf("failing write returned %v; want the writer's error", err)
			}
			if b, _ := os.ReadFile(out); string(b) != "two" {
				t.Errorf("after a failed write the file holds %q; want \"two\"", b)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("folder holds %q; want out.txt alone", got)
			}
		})
	}
}

// TestSync: a synced output commits as written, in both modes and for a
// special file; Sync after Commit is an error naming the output.
func TestSync(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "saved.gpx")
			f, err := create(out, m.unnamed)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(f, "whole")
			if err := f.Sync(); err != nil {
				t.Fatalf("Sync = %v", err)
			}
			if err := f.Commit(); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(out); string(b) != "whole" {
				t.Errorf("synced output holds %q; want \"whole\"", b)
			}
			if err := f.Sync(); err == nil || !strings.Contains(err.Error(), "saved.gpx") {
				t.Errorf("Sync after Commit = %v; want an error naming saved.gpx", err)
			}
		})
	}
	f, err := Create(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Commit()
	if err := f.Sync(); err != nil {
		t.Errorf("Sync of %s = %v; want nil", os.DevNull, err)
	}
}

// TestWriteUnnamedInvisible: on Linux, nothing of an output being written
// is visible in its folder until it is committed.
func TestWriteUnnamedInvisible(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("O_TMPFILE is Linux's")
	}
	dir := t.TempDir()
	f, err := create(filepath.Join(dir, "out.txt"), true)
	if err != nil {
		t.Fatal(err)
	}
	if f.tmpName != "" {
		t.Skipf("this file system has no O_TMPFILE: %s", f.tmpName)
	}
	io.WriteString(f, "data")
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("while writing, the folder holds %q; want nothing", got)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dir); len(got) != 1 || got[0] != "out.txt" {
		t.Errorf("after Commit the folder holds %q; want out.txt", got)
	}
}

// TestWriteSymlink: a link to a regular file stays a link; its target is
// replaced.
func TestWriteSymlink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "target.txt")
	link := filepath.Join(dir, "sub", "link.txt")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../target.txt", link); err != nil {
		t.Skip(err)
	}
	if err := Write(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("after writing through it, link.txt is %v, %v; want still a link", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("the link's target holds %q; want \"new\"", b)
	}
}

// TestWriteSymlinkInLinkedFolder: a relative link is followed from the
// folder it is really in, as the kernel follows it: d/out.txt, where d
// leads to a/b and out.txt to ../in.txt, is a/in.txt, not ./in.txt (which
// the lexical d/../in.txt would name, and which was written instead).
func TestWriteSymlinkInLinkedFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	for name, text := range map[string]string{"a/in.txt": "the link's target", "in.txt": "another file"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join("a", "b"), filepath.Join(dir, "d")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join("..", "in.txt"), filepath.Join(dir, "a", "b", "out.txt")); err != nil {
		t.Skip(err)
	}
	out := filepath.Join(dir, "d", "out.txt")
	if err := Write(out, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a", "in.txt")); string(b) != "new" {
		t.Errorf("the link's target a/in.txt holds %q; want \"new\"", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "in.txt")); string(b) != "another file" {
		t.Errorf("in.txt, which no link leads to, holds %q; want it as it was", b)
	}
	var inputs Inputs
	inputs.Add(filepath.Join(dir, "a", "in.txt"))
	if err := inputs.Check(out); !errors.Is(err, ErrInput) {
		t.Errorf("Check(a link to an input through a linked folder) = %v; want ErrInput", err)
	}
}

func TestCreateErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cases := []struct{ name, want string }{
		{dir, "create " + dir + ": is a folder, not a file name"},
		{filepath.Join(dir, "missing", "out.txt"), "create " + filepath.Join(dir, "missing", "out.txt") + ": folder " + filepath.Join(dir, "missing") + " does not exist"},
		{"", "create : invalid argument"},
	}
	for _, c := range cases {
		if _, err := Create(c.name); err == nil || err.Error() != c.want {
			t.Errorf("Create(%q) = %v; want %q", c.name, err, c.want)
		}
	}
	if _, err := Create(dir); !errors.Is(err, ErrFolder) {
		t.Errorf("Create(folder) = %v; want ErrFolder", err)
	}
	f, err := Create(filepath.Join(dir, "x"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("second Commit = %v; want ErrClosed", err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("Write after Commit = %v; want ErrClosed", err)
	}
	f.Abort() // does nothing
	if _, err := os.Stat(filepath.Join(dir, "x")); err != nil {
		t.Errorf("Abort after Commit removed the file: %v", err)
	}
}

func TestInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.gpx")
	other := filepath.Join(dir, "other.gpx")
	for _, name := range []string{in, other} {
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hard := filepath.Join(dir, "hard.gpx")
	soft := filepath.Join(dir, "soft.gpx")
	if err := os.Link(in, hard); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("in.gpx", soft); err != nil {
		t.Skip(err)
	}
	var inputs Inputs
	inputs.Add(in)
	inputs.Add("-")
	inputs.Add(filepath.Join(dir, "missing.gpx"))
	for name, want := range map[string]string{
		in:                            in + ": is an input",
		dir + "/./in.gpx":             dir + "/./in.gpx" + ": is an input (" + in + ")",
		hard:                          hard + ": is an input (" + in + ")",
		soft:                          soft + ": is an input (" + in + ")",
		other:                         "",
		filepath.Join(dir, "new.gpx"): "",
		"/dev/null":                   "",
		"-":                           "",
	} {
		err := inputs.Check(name)
		if got := fmt.Sprint(err); (want == "" && err != nil) || (want != "" && (got != want || !errors.Is(err, ErrInput))) {
			t.Errorf("Check(%q) = %v; want %q", name, err, want)
		}
	}
	// Standard input redirected from a file is that file.
	f, err := os.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inputs.AddFile("stdin", f)
	if err := inputs.Check(other); err == nil || !strings.Contains(err.Error(), "(stdin)") {
		t.Errorf("Check(the file on stdin) = %v; want it refused, naming stdin", err)
	}
}

// Write replaces a file whole, or leaves it as it was.
func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "safefile")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "report.txt")
	var inputs Inputs
	inputs.Add(out)
	fmt.Println(inputs.Check(out) != nil)
	err := Write(out, func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "stage 7: 1 wrong turn")
		return err
	})
	b, _ := os.ReadFile(out)
	fmt.Print(string(b), err)
	// Output:
	// false
	// stage 7: 1 wrong turn
	// <nil>
}

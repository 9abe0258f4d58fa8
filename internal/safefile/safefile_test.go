package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestWriteSpecial: a FIFO and devices are written through, never
// replaced.
func TestWriteSpecial(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := Write(fifo, writeString("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the FIFO's reader got %q", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("after the write, fifo is %v, %v; want still a FIFO", fi.Mode(), err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %q; want the FIFO alone", got)
	}

	if _, err := os.Stat("/dev/null"); err != nil {
		t.Skip("no /dev/null")
	}
	before, _ := os.Stat("/dev/null")
	if err := Write("/dev/null", writeString("gone")); err != nil {
		t.Errorf("Write(/dev/null) = %v", err)
	}
	if after, err := os.Stat("/dev/null"); err != nil || !os.SameFile(before, after) || after.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null replaced: %v, %v", after.Mode(), err)
	}
	// A full device: the error names the output.
	if _, err := os.Stat("/dev/full"); err == nil {
		err := Write("/dev/full", writeString("x"))
		if err == nil || err.Error() != "write /dev/full: no space left on device" {
			t.Errorf("Write(/dev/full) = %v; want write /dev/full: no space left on device", err)
		}
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

// The helper process of the tests below: SAFEFILE_HELPER says what to do.
func TestMain(m *testing.M) {
	switch os.Getenv("SAFEFILE_HELPER") {
	case "":
		os.Exit(m.Run())
	case "signal", "kill":
		// Write half an output and wait to be stopped.
		if os.Getenv("SAFEFILE_HELPER") == "signal" {
			RemoveOnSignal()
		}
		f, err := create(os.Getenv("SAFEFILE_OUT"), os.Getenv("SAFEFILE_UNNAMED") == "1")
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		io.WriteString(f, strings.Repeat("x", 1<<20))
		fmt.Println("ready", f.tmpName)
		time.Sleep(time.Minute)
		os.Exit(3)
	case "fsize":
		// A file size limit stands for a full disk.
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 1000, Max: 1000}); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		err := writeWith(os.Getenv("SAFEFILE_OUT"), os.Getenv("SAFEFILE_UNNAMED") == "1", writeString(strings.Repeat("x", 1<<20)))
		fmt.Println(err)
		os.Exit(0)
	}
}

// helper runs this test binary as the helper process mode with the output
// out and returns it, its stdout read up to the first line.
func helper(t *testing.T, mode, out string, unnamed bool) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	u := "0"
	if unnamed {
		u = "1"
	}
	cmd.Env = append(os.Environ(), "SAFEFILE_HELPER="+mode, "SAFEFILE_OUT="+out, "SAFEFILE_UNNAMED="+u)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	return cmd, strings.TrimSpace(line)
}

// TestSignals: SIGTERM and SIGINT remove the hidden temporary file of an
// unfinished write, and the process dies of the signal; SIGKILL leaves
// nothing of an unnamed one.
func TestSignals(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no signals")
	}
	cases := []struct {
		name    string
		mode    string
		unnamed bool
		sig     syscall.Signal
	}{
		{"hidden SIGTERM", "signal", false, syscall.SIGTERM},
		{"hidden SIGINT", "signal", false, syscall.SIGINT},
		{"unnamed SIGKILL", "kill", true, syscall.SIGKILL},
		{"unnamed SIGTERM", "signal", true, syscall.SIGTERM},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, line := helper(t, c.mode, out, c.unnamed)
			if !strings.HasPrefix(line, "ready") {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("helper said %q; want ready", line)
			}
			if tmp := strings.TrimSpace(strings.TrimPrefix(line, "ready")); c.unnamed && tmp != "" {
				t.Logf("no O_TMPFILE here: %s", tmp)
			} else if !c.unnamed && len(entries(t, dir)) != 2 {
				t.Errorf("while writing, the folder holds %q; want out.txt and the temporary file", entries(t, dir))
			}
			cmd.Process.Signal(c.sig)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != c.sig {
				t.Errorf("helper ended with %v; want killed by %v", err, c.sig)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("after %v the folder holds %q; want out.txt alone", c.sig, got)
			}
			if b, _ := os.ReadFile(out); string(b) != "old" {
				t.Errorf("after %v out.txt holds %d bytes; want the old file", c.sig, len(b))
			}
		})
	}
}

// TestFullDisk: a write that fails for want of space names the output, not
// the temporary file, and leaves the old file and nothing else.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("RLIMIT_FSIZE stands for a full disk on Linux")
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, line := helper(t, "fsize", out, m.unnamed)
			cmd.Wait()
			if want := "write " + out + ": file too large"; line != want {
				t.Errorf("write beyond the limit: %q; want %q", line, want)
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("after the failure the folder holds %q; want out.txt alone", got)
			}
			if b, _ := os.ReadFile(out); string(b) != "old" {
				t.Errorf("after the failure out.txt holds %d bytes; want the old file", len(b))
			}
		})
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

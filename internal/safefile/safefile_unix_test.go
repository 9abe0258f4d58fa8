//go:build unix

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

// TestWriteDescriptors: /dev/fd/N and /proc/self/fd/N are the program's
// own descriptors, written through a duplicate at their offset (appending
// when the file was opened to append, as the shell's >> opens it), never
// reopened from the start; and refused when they are open on an input.
func TestWriteDescriptors(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "log.txt")
	if err := os.WriteFile(log, []byte("first line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, name := range []string{"/dev/fd/%d", "/proc/self/fd/%d", fmt.Sprintf("/proc/%d/fd/%%d", os.Getpid())} {
		out := fmt.Sprintf(name, f.Fd())
		if err := Write(out, writeString(fmt.Sprintf("line %d\n", i+2))); err != nil {
			t.Fatalf("Write(%s) = %v", out, err)
		}
	}
	if b, _ := os.ReadFile(log); string(b) != "first line\nline 2\nline 3\nline 4\n" {
		t.Errorf("the log written through its descriptor holds %q; want the three lines appended", b)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %q; want log.txt alone", got)
	}
	if _, err := f.Write([]byte("still open\n")); err != nil {
		t.Errorf("the descriptor after the writes: %v", err)
	}

	// A descriptor open on an input, even read-only, is refused.
	in := filepath.Join(dir, "in.gpx")
	if err := os.WriteFile(in, []byte("the input"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var inputs Inputs
	inputs.Add(in)
	for _, name := range []string{"/dev/fd/%d", "/proc/self/fd/%d"} {
		out := fmt.Sprintf(name, r.Fd())
		if err := inputs.Check(out); !errors.Is(err, ErrInput) {
			t.Errorf("Check(%s, open on the input) = %v; want ErrInput", out, err)
		}
	}
	// Written anyway, the read-only descriptor fails; nothing is reopened.
	if err := Write(fmt.Sprintf("/dev/fd/%d", r.Fd()), writeString("over")); err == nil {
		t.Errorf("Write(a read-only descriptor) succeeded")
	}
	if b, _ := os.ReadFile(in); string(b) != "the input" {
		t.Errorf("the input holds %q after a write to its read-only descriptor", b)
	}
	// CheckFile: an output already open (standard output) on an input.
	w, err := os.OpenFile(in, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := inputs.CheckFile("stdout", w); err == nil || err.Error() != "stdout: is an input ("+in+")" {
		t.Errorf("CheckFile(stdout open on the input) = %v; want stdout: is an input (%s)", err, in)
	}
	if err := inputs.CheckFile("stdout", f); err != nil {
		t.Errorf("CheckFile(stdout open on another file) = %v", err)
	}
}

// TestWriteProcPaths: a regular file named through /proc (the root as
// /proc/self/root) is an ordinary file: refused when it is an input, else
// replaced whole (it was written in place, over the start of what was
// there, leaving its tail).
func TestWriteProcPaths(t *testing.T) {
	if _, err := os.Stat("/proc/self/root"); err != nil {
		t.Skip("no /proc/self/root")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.gpx")
	out := filepath.Join(dir, "out.txt")
	os.WriteFile(in, []byte("the input"), 0o644)
	os.WriteFile(out, []byte(strings.Repeat("x", 1000)), 0o644)
	var inputs Inputs
	inputs.Add(in)
	proc := func(name string) string { return "/proc/self/root" + name }
	if err := inputs.Check(proc(in)); !errors.Is(err, ErrInput) {
		t.Errorf("Check(%s) = %v; want ErrInput", proc(in), err)
	}
	if err := Write(proc(out), writeString("short")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "short" {
		t.Errorf("%s holds %d bytes (%.10q…); want \"short\", the file replaced", proc(out), len(b), b)
	}
	if got := entries(t, dir); len(got) != 2 {
		t.Errorf("folder holds %q; want in.gpx and out.txt", got)
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

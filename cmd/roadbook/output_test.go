//go:build unix

package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns every file under dir with its contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if d.Type()&fs.ModeSymlink != 0 {
			l, _ := os.Readlink(path)
			b = []byte("-> " + l)
			err = nil
		}
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOutputIsInput: no command writes over one of its inputs, whichever it
// is (the main file, --ride, --tracks, --rules, a rally's stage file or
// manifest, standard input redirected from a file) and however it is named
// (another path, a hard link, a symbolic link): each is refused before
// anything is written, and every file is left as it was (issue 10).
func TestOutputIsInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stage := filepath.Join(dir, "stage.gpx")
	ride := filepath.Join(dir, "ride.gpx")
	tracks := filepath.Join(dir, "tracks.gpx")
	rules := filepath.Join(dir, "rules.json")
	copyFile(t, checkData+"/stage.gpx", stage)
	copyFile(t, checkData+"/wrongturn.gpx", ride)
	copyFile(t, checkData+"/wrongturn.gpx", tracks)
	copyFile(t, checkData+"/rules.json", rules)
	rally := filepath.Join(dir, "rally")
	if err := os.CopyFS(rally, os.DirFS(infoData+"/rally")); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.gpx")
	soft := filepath.Join(dir, "soft.gpx")
	if err := os.Link(stage, hard); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("stage.gpx", soft); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	stage1 := filepath.Join(rally, "01-stage1.gpx")
	manifest := filepath.Join(rally, "rally.json")
	cases := [][]string{
		{"kml", "-o", stage, stage},
		{"kml", "-o", ride, "--ride", ride, stage},
		{"kml", "-o", rules, "--rules", rules, stage},
		{"kml", "-o", manifest, rally},
		{"kml", "-o", stage1, rally},
		{"print", "-o", tracks, "--tracks", tracks, stage},
		{"print", "-o", rules, "--rules", rules, stage},
		{"print", "-o", stage1, rally},
		{"print", "-o", hard, stage},
		{"print", "-o", soft, stage},
		{"print", "-o", filepath.Join(dir, ".", "stage.gpx"), soft},
		{"openrally", "-o", tracks, "--tracks", tracks, stage},
		{"openrally", "-o", rules, "--rules", rules, stage},
		{"openrally", "-o", stage, hard},
	}
	for _, args := range cases {
		code, stdout, stderr := runMain(t, "", args...)
		if code != exitFailure || stdout != "" || !strings.Contains(stderr, ": is an input") {
			t.Errorf("%q = %d, %q, %q; want 1 and the output refused as an input", args, code, stdout, stderr)
		}
	}
	// Standard input redirected from the output file.
	in, err := os.Open(stage)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out, errOut bytes.Buffer
	code := Main([]string{"openrally", "-o", stage, "-"}, in, &out, &errOut)
	if want := "roadbook: " + stage + ": is an input (stdin): write the output to another file\n"; code != exitFailure || errOut.String() != want {
		t.Errorf("openrally -o STAGE - < STAGE = %d, %q; want 1, %q", code, errOut.String(), want)
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("the folder holds %d files after; want the %d before", len(after), len(before))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed", name)
		}
	}
}

// TestOutputIsInputOtherwise: the siblings of TestOutputIsInput that an
// output's name alone did not show: standard output redirected to an input
// (">> stage.gpx", "1<> stage.gpx"), -o naming a descriptor open on an
// input (/dev/fd/N, /dev/stdin) and a path through /proc. Each wrote into
// the input before; each is refused before anything is written.
func TestOutputIsInputOtherwise(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd")
	}
	dir := t.TempDir()
	stage := filepath.Join(dir, "stage.gpx")
	ride := filepath.Join(dir, "ride.gpx")
	copyFile(t, checkData+"/stage.gpx", stage)
	copyFile(t, checkData+"/wrongturn.gpx", ride)
	rally := filepath.Join(dir, "rally")
	if err := os.CopyFS(rally, os.DirFS(infoData+"/rally")); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(rally, "rally.json")
	before := snapshot(t, dir)
	open := func(name string, flag int) *os.File {
		f, err := os.OpenFile(name, flag, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	const appendTo, inPlace = os.O_WRONLY | os.O_APPEND, os.O_RDWR
	for _, c := range []struct {
		stdout string // the file standard output is open on
		flag   int
		args   []string
		want   string
	}{
		{stage, appendTo, []string{"info", stage}, "roadbook: stdout: is an input (" + stage + "): redirect standard output to another file\n"},
		{stage, inPlace, []string{"openrally", "-o", "-", stage}, "stdout: is an input"},
		{stage, appendTo, []string{"kml", "-o", "/dev/stdout", stage}, "stdout: is an input"},
		{stage, appendTo, []string{"validate", stage}, "stdout: is an input"},
		{stage, appendTo, []string{"check", stage, ride}, "stdout: is an input"},
		{ride, appendTo, []string{"check", stage, ride}, "stdout: is an input (" + ride + ")"},
		{manifest, appendTo, []string{"info", rally}, "stdout: is an input (" + manifest + ")"},
		{filepath.Join(rally, "01-stage1.gpx"), appendTo, []string{"validate", rally}, "stdout: is an input"},
	} {
		var errOut bytes.Buffer
		code := Main(c.args, strings.NewReader(""), open(c.stdout, c.flag), &errOut)
		if code != exitFailure || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%q with stdout on %s = %d, %q; want 1 and %q", c.args, filepath.Base(c.stdout), code, errOut.String(), c.want)
		}
	}
	// -o naming a descriptor open on an input, or the input through /proc.
	rw := open(stage, inPlace)
	for _, args := range [][]string{
		{"kml", "-o", "/dev/fd/" + strconv.Itoa(int(rw.Fd())), stage},
		{"print", "-o", "/proc/self/fd/" + strconv.Itoa(int(rw.Fd())), stage},
		{"openrally", "-o", "/proc/self/root" + stage, stage},
	} {
		code, stdout, stderr := runMain(t, "", args...)
		if code != exitFailure || stdout != "" || !strings.Contains(stderr, ": is an input") {
			t.Errorf("%q = %d, %q, %q; want 1 and the output refused as an input", args, code, stdout, stderr)
		}
	}
	// /dev/stdin and /dev/stdout are the process's own: the built program.
	bin := buildRoadbook(t)
	run := func(stdin, stdout *os.File, args ...string) (string, error) {
		var errOut bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, &errOut
		err := cmd.Run()
		return errOut.String(), err
	}
	if stderr, err := run(open(stage, os.O_RDONLY), nil, "openrally", "-o", "/dev/stdin", "-"); err == nil || stderr != "roadbook: /dev/stdin: is an input (stdin): write the output to another file\n" {
		t.Errorf("openrally -o /dev/stdin - < STAGE: %v, %q; want exit 1, /dev/stdin: is an input (stdin)", err, stderr)
	}
	if stderr, err := run(open(stage, inPlace), nil, "openrally", "-o", "/dev/stdin", stage); err == nil || !strings.Contains(stderr, "/dev/stdin: is an input ("+stage+")") {
		t.Errorf("openrally -o /dev/stdin STAGE 0<> STAGE: %v, %q; want exit 1, /dev/stdin: is an input", err, stderr)
	}
	after := snapshot(t, dir)
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed", name)
		}
	}
	// Appending to another file through /dev/stdout appends (reopening it
	// wrote from its start).
	log := filepath.Join(dir, "log.txt")
	os.WriteFile(log, []byte("first\n"), 0o644)
	if stderr, err := run(nil, open(log, appendTo), "kml", "-o", "/dev/stdout", stage); err != nil {
		t.Fatalf("kml -o /dev/stdout >> log: %v, %q", err, stderr)
	}
	if b, _ := os.ReadFile(log); !bytes.HasPrefix(b, []byte("first\nPK")) {
		t.Errorf("kml -o /dev/stdout >> log: the log starts %.10q; want the first line, then the KMZ", b)
	}
}

// TestOutputSpecialFiles: a FIFO and a device given to -o are written
// through, never replaced by a regular file (issue 10).
func TestOutputSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.kml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	code, _, stderr := runMain(t, "", "kml", "-o", fifo, checkData+"/stage.gpx")
	b := <-got
	if code != exitOK || !bytes.Contains(b, []byte("<kml")) {
		t.Errorf("kml -o FIFO = %d, %q; the reader got %d bytes; want 0 and the KML", code, stderr, len(b))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("after kml -o FIFO the FIFO is %v, %v; want still a FIFO", fi.Mode(), err)
	}
	null, err := os.Stat("/dev/null")
	if err != nil {
		t.Skip("no /dev/null")
	}
	for _, args := range [][]string{
		{"print", "-o", "/dev/null", checkData + "/stage.gpx"},
		{"openrally", "-o", "/dev/null", checkData + "/stage.gpx"},
		{"kml", "-o", "/dev/null", checkData + "/stage.gpx"},
	} {
		if code, _, stderr := runMain(t, "", args...); code != exitOK {
			t.Errorf("%q = %d, %q; want 0", args, code, stderr)
		}
		if fi, err := os.Stat("/dev/null"); err != nil || !os.SameFile(fi, null) || fi.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("after %q /dev/null is %v, %v; want the same device", args, fi.Mode(), err)
		}
	}
}

// TestOutputWriteErrors: every write is checked, standard output included:
// a full disk is exit 1 with the cause, naming the output (issue 10).
func TestOutputWriteErrors(t *testing.T) {
	t.Parallel()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	stage := checkData + "/stage.gpx"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"info", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"info", "--json", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"validate", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"check", stage, checkData + "/clean.gpx"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"check", "--json", stage, checkData + "/wrongturn.gpx"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"help"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"lexicon"}, "roadbook: stdout: no space left on device\n"}, // said it twice
		{[]string{"lexicon", "--json"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"info", "--json", "--stages", infoData + "/rally"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"check", "--jsonl", stage, checkData + "/wrongturn.gpx"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"validate", "--json", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"help", "print"}, "roadbook: stdout: no space left on device\n"},
		{[]string{"openrally", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"print", "-o", "-", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"kml", "-o", "-", stage}, "roadbook: stdout: no space left on device\n"},
		{[]string{"openrally", "-o", "/dev/full", stage}, "roadbook: /dev/full: no space left on device\n"},
		{[]string{"print", "-o", "/dev/full", stage}, "roadbook: /dev/full: no space left on device\n"},
	} {
		var errOut bytes.Buffer
		code := Main(c.args, strings.NewReader(""), full, &errOut)
		if code != exitFailure || !strings.HasSuffix(errOut.String(), c.want) || strings.Count(errOut.String(), "no space") != 1 {
			t.Errorf("%q > /dev/full = %d, stderr %q; want 1 and %q", c.args, code, errOut.String(), c.want)
		}
	}
}

// TestOutputFullDisk: a file that cannot be written whole (a file size
// limit stands for a full disk) fails naming the output, never the
// temporary file, and leaves the old file and nothing else (issue 10).
func TestOutputFullDisk(t *testing.T) {
	t.Parallel()
	bin := buildRoadbook(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "stage.pdf")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	stage, _ := filepath.Abs(checkData + "/stage.gpx")
	// ulimit -f counts blocks of 512 bytes (dash) or 1024 (bash): either
	// is far below the PDF.
	cmd := exec.Command("sh", "-c", `ulimit -f 8 && exec "$0" print -o "$1" "$2"`, bin, out, stage)
	b, err := cmd.CombinedOutput()
	if want := "roadbook: " + out + ": file too large\n"; err == nil || string(b) != want {
		t.Errorf("print -o OUT under a file size limit: %v, %q; want exit 1 and %q", err, b, want)
	}
	if got := snapshot(t, dir); len(got) != 1 || got[out] != "old" {
		t.Errorf("after the failure the folder holds %v; want the old stage.pdf alone", got)
	}
}

// TestOutputSignals: SIGTERM or SIGINT while an output is being written
// leaves no temporary file, and the program dies of the signal (issue 10).
// The demo writes many files; the signal comes while one is open.
func TestOutputSignals(t *testing.T) {
	t.Parallel()
	bin := buildRoadbook(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command(bin, "demo", "-o", dir)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if !waitWriting(cmd.Process.Pid, dir, exited) {
				t.Skip("the demo ended before an output was seen open")
			}
			cmd.Process.Signal(sig)
			err := <-exited
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != sig {
				t.Errorf("demo ended with %v; want killed by %v", err, sig)
			}
			for name := range snapshot(t, dir) {
				if strings.HasPrefix(filepath.Base(name), ".") {
					t.Errorf("after %v the demo left %s", sig, name)
				}
			}
		})
	}
}

// waitWriting waits until the process pid has a file of dir open for
// writing (a temporary file, named or not), and reports whether it saw one
// before the process exited.
func waitWriting(pid int, dir string, exited <-chan error) bool {
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	for {
		select {
		case <-exited:
			return false
		default:
		}
		ents, _ := os.ReadDir(fds)
		for _, e := range ents {
			target, err := os.Readlink(filepath.Join(fds, e.Name()))
			if err == nil && strings.HasPrefix(target, dir+"/") && (strings.Contains(target, "(deleted)") || strings.Contains(target, ".tmp")) {
				return true
			}
		}
		if len(ents) == 0 {
			if _, err := os.Stat("/proc/self/fd"); err != nil {
				return false // no /proc
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

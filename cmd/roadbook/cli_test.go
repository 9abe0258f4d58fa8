package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadbook/roadbook/route"
)

// update rewrites the golden files of every test in this package that uses
// checkGolden: go test ./cmd/roadbook -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain runs the tests, then removes the program buildRoadbook built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binDir    string
	binErr    error
)

// buildRoadbook builds the program once for the tests that run it as a
// process (signals, resource limits) and returns its path.
func buildRoadbook(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "roadbook-test"); binErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", binDir, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return filepath.Join(binDir, "roadbook")
}

// runMain runs the program with args and the given standard input and
// returns its exit code and what it wrote.
func runMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// checkGolden compares got with the golden file path, or rewrites it with
// -update.
func checkGolden(t *testing.T, path string, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept it)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

func TestMainDispatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings
		stderr   []string
		noStdout bool
		noStderr bool
	}{
		{name: "no arguments", args: nil, code: exitUsage, stderr: []string{"usage: roadbook COMMAND", "info"}, noStdout: true},
		{name: "help", args: []string{"help"}, code: exitOK, stdout: []string{"usage: roadbook COMMAND", "  info ", "help       show help"}, noStderr: true},
		{name: "--help", args: []string{"--help"}, code: exitOK, stdout: []string{"usage: roadbook COMMAND"}, noStderr: true},
		{name: "help info", args: []string{"help", "info"}, code: exitOK, stdout: []string{"usage: roadbook info [--json] [--stages] [--rules FILE] [--lenient] FILE|DIR...", "rally table", "\n  --json ", "\n  --lenient ", "\nexamples:\n  roadbook info "}, noStderr: true},
		{name: "help demo", args: []string{"help", "demo"}, code: exitOK, stdout: []string{"\n  -o DIR  write into the folder DIR, created if missing (default roadbook-demo)\n", "\nexamples:\n"}, noStderr: true},
		{name: "help openrally", args: []string{"help", "openrally"}, code: exitOK, stdout: []string{"\n  -o OUT.gpx           write the OpenRally file to OUT.gpx (default: standard output)\n", "\n  --rules FILE "}, noStderr: true},
		{name: "info -h", args: []string{"info", "-h"}, code: exitOK, stdout: []string{"usage: roadbook info"}, noStderr: true},
		{name: "help unknown", args: []string{"help", "nope"}, code: exitUsage, stderr: []string{`unknown command or topic "nope"`}, noStdout: true},
		{name: "unknown command", args: []string{"nope"}, code: exitUsage, stderr: []string{`roadbook: unknown command "nope"`, "usage: roadbook COMMAND"}, noStdout: true},
		{name: "version", args: []string{"version"}, code: exitOK, stdout: []string{"roadbook "}, noStderr: true},
		{name: "bad flag value", args: []string{"check", "--off-route", "abc", "a.gpx", "b.gpx"}, code: exitUsage, stderr: []string{`roadbook check: invalid value "abc" for flag --off-route: not a number`}, noStdout: true},
		{name: "flag without value", args: []string{"print", "x.gpx", "-o"}, code: exitUsage, stderr: []string{"roadbook print: flag needs an argument: -o\n"}, noStdout: true},
		{name: "unknown flag", args: []string{"info", "--colour", "x.gpx"}, code: exitUsage, stderr: []string{"roadbook info: flag provided but not defined: --colour", "usage: roadbook info", `run "roadbook help info"`}, noStdout: true},
		{name: "info without files", args: []string{"info", "--json"}, code: exitUsage, stderr: []string{"roadbook info: no input files", "usage: roadbook info"}, noStdout: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runMain(t, "", c.args...)
			if code != c.code {
				t.Errorf("Main(%q) = %d; want %d (stderr %q)", c.args, code, c.code, stderr)
			}
			for _, s := range c.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("Main(%q) stdout = %q; want it to contain %q", c.args, stdout, s)
				}
			}
			for _, s := range c.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("Main(%q) stderr = %q; want it to contain %q", c.args, stderr, s)
				}
			}
			if c.noStdout && stdout != "" {
				t.Errorf("Main(%q) stdout = %q; want nothing", c.args, stdout)
			}
			if c.noStderr && stderr != "" {
				t.Errorf("Main(%q) stderr = %q; want nothing", c.args, stderr)
			}
		})
	}
}

// TestMainEveryCommandHasHelp checks that every registered command has a
// summary, a usage line that names it, and help text.
func TestMainEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		name := c.name
		if c.summary == "" || !strings.HasPrefix(c.usage, "roadbook "+name) || strings.TrimSpace(c.help) == "" || c.run == nil {
			t.Errorf("command %q: summary %q, usage %q, help %d bytes, run set %v; want all", name, c.summary, c.usage, len(c.help), c.run != nil)
		}
		code, stdout, _ := runMain(t, "", "help", name)
		if code != exitOK || !strings.HasPrefix(stdout, "usage: "+c.usage) {
			t.Errorf("Main(help %s) = %d, %q; want 0 and the usage", name, code, stdout)
		}
	}
}

// TestParseInterspersed checks that flags may follow file names and that
// "--" ends the flags.
func TestParseInterspersed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args     []string
		wantPos  []string
		wantJSON bool
	}{
		{[]string{"a.gpx"}, []string{"a.gpx"}, false},
		{[]string{"--json", "a.gpx"}, []string{"a.gpx"}, true},
		{[]string{"a.gpx", "--json"}, []string{"a.gpx"}, true},
		{[]string{"a.gpx", "--json", "b.gpx"}, []string{"a.gpx", "b.gpx"}, true},
		{[]string{"a.gpx", "--", "--json"}, []string{"a.gpx", "--json"}, false},
		{[]string{"-", "--json"}, []string{"-"}, true},
	}
	for _, c := range cases {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		j := fs.Bool("json", false, "")
		pos, err := parseInterspersed(fs, c.args)
		if err != nil || strings.Join(pos, " ") != strings.Join(c.wantPos, " ") || *j != c.wantJSON {
			t.Errorf("parseInterspersed(%q) = %q, json %v, %v; want %q, json %v", c.args, pos, *j, err, c.wantPos, c.wantJSON)
		}
	}
}

// TestMainReentrant runs Main at once in several goroutines with different
// flags: each run has its own options, so each prints what it prints alone.
func TestMainReentrant(t *testing.T) {
	t.Parallel()
	runs := [][]string{
		{"info", "--json", infoData + "/stage.gpx"},
		{"info", infoData + "/stage.gpx"},
		{"validate", "--json", infoData + "/stage.gpx"},
		{"info", "--stages", infoData + "/rally"},
	}
	want := make([]string, len(runs))
	for i, args := range runs {
		_, want[i], _ = runMain(t, "", args...)
	}
	var wg sync.WaitGroup
	got := make([][]string, len(runs))
	for i, args := range runs {
		got[i] = make([]string, 5)
		for k := range got[i] {
			wg.Go(func() {
				var out bytes.Buffer
				Main(args, strings.NewReader(""), &out, io.Discard)
				got[i][k] = out.String()
			})
		}
	}
	wg.Wait()
	for i, args := range runs {
		for _, g := range got[i] {
			if g != want[i] {
				t.Errorf("Main(%q) run concurrently printed\n%s\nwant\n%s", args, g, want[i])
				break
			}
		}
	}
}

// TestHelpDefaults: the defaults the help states are the library's.
func TestHelpDefaults(t *testing.T) {
	t.Parallel()
	help := strings.Join(strings.Fields(radiiHelp), " ")
	radii := route.DefaultRadii()
	named := []route.Kind{route.WPV, route.WPM, route.WPE, route.WPS, route.WPC, route.WPN, route.WPP, route.DSS, route.ASS}
	var parts []string
	for _, k := range named {
		r := radii[k]
		p := fmt.Sprintf("%v %g", k, r.Clear)
		if r.Open > 0 {
			p += fmt.Sprintf(", %g", r.Open)
		}
		parts = append(parts, p)
		delete(radii, k)
	}
	for k, r := range radii {
		if r != (route.Radii{Clear: 90}) {
			t.Errorf("default radii of %v are %+v; the help says 90 for every other kind", k, r)
		}
	}
	if want := strings.Join(parts, "; ") + "; every other kind 90."; !strings.Contains(help, want) {
		t.Errorf("radiiHelp says\n%s\nwant it to say\n%s", help, want)
	}

	_, _, checkHelp, _ := helpOf(t, "check")
	var pen []string
	byMin := map[time.Duration][]string{}
	for k := route.Kind(1); k.String() != "" && k < 64; k++ {
		if d := route.DefaultPenalties()[k]; d > 0 {
			byMin[d] = append(byMin[d], k.String())
		}
	}
	for _, d := range []time.Duration{15 * time.Minute, 60 * time.Minute, 2 * time.Minute} {
		pen = append(pen, fmt.Sprintf("%d min (%s)", int(d.Minutes()), strings.Join(byMin[d], ", ")))
		delete(byMin, d)
	}
	if len(byMin) > 0 {
		t.Errorf("default penalties the help leaves out: %v", byMin)
	}
	sp := route.DefaultSpeeding()
	var bands []string
	for i, b := range sp.Bands {
		m := int(b.Penalty.Minutes())
		switch {
		case i == 0:
			bands = append(bands, fmt.Sprintf("%d min (up to %g km/h)", m, sp.Bands[1].Over))
		case i == len(sp.Bands)-1:
			bands = append(bands, fmt.Sprintf("%d min (over %g)", m, b.Over))
		default:
			bands = append(bands, fmt.Sprintf("%d min (%g to %g)", m, b.Over, sp.Bands[i+1].Over))
		}
	}
	for _, want := range []string{
		"a missed waypoint costs " + pen[0] + ", " + pen[1] + " or " + pen[2] + ", other kinds nothing",
		strings.Join(bands[:len(bands)-1], ", ") + " or " + bands[len(bands)-1],
		fmt.Sprintf("validates %g %% of", (*route.Rules)(nil).MinValidated()),
	} {
		if !strings.Contains(checkHelp, want) {
			t.Errorf("check's help does not say %q:\n%s", want, checkHelp)
		}
	}
	if (*route.Rules)(nil).Tolerance() != 0 || sp.Gained != 0 {
		t.Errorf("default tolerance %v, gained factor %v; the help says none", (*route.Rules)(nil).Tolerance(), sp.Gained)
	}
}

// helpOf returns "roadbook help NAME" on one line per paragraph's words.
func helpOf(t *testing.T, name string) (int, string, string, string) {
	t.Helper()
	code, out, errOut := runMain(t, "", "help", name)
	return code, out, strings.Join(strings.Fields(out), " "), errOut
}

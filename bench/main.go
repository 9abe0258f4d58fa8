// Command bench measures roadbook against its peers on the synthetic rally
// files of package synth (bench/synth, also `go run ./bench/gen`), side by
// side in one run, and writes the table to docs/performance.md.
//
//	go run ./bench                      # all groups, 5 runs each
//	go run ./bench -runs 3 -groups decode
//	go run ./bench -out -               # print the table only
//
// Every command is run as a whole process; wall time and peak resident memory
// come from the kernel's accounting of that process (wait4 rusage). Runs of
// the commands of a group are interleaved (A B C A B C …) so drift on a
// shared machine affects them alike; the table gives medians. Peers that are
// not installed are listed as missing, not silently dropped.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/roadbook/roadbook/bench/synth"
)

// row is one command of a comparison.
type row struct {
	tool, job string
	argv      []string
	ours      bool
	// scale multiplies the measured time for the table (extrapolation of a
	// peer measured on a smaller input); 0 means 1.
	scale float64
	note  string
	// okExit lists exit codes besides 0 that mean success (check exits 3
	// when it finds a wrong turn, as it should on these files).
	okExit []int
}

// group is a set of rows compared with each other.
type group struct {
	name, title, input string
	rows               []row
	aim                string
}

type result struct {
	row
	walls   []time.Duration
	rss     []int64 // KiB
	missing string
	failed  string
}

func main() { os.Exit(run()) }

func run() int {
	var (
		data   = flag.String("data", filepath.Join(os.TempDir(), "roadbook-bench"), "directory for the generated files (kept between runs)")
		runs   = flag.Int("runs", 5, "runs of each command")
		groups = flag.String("groups", "decode,kml,check", "comma-separated groups to run: decode, kml, check")
		out    = flag.String("out", "docs/performance.md", "Markdown file to write, - for stdout")
	)
	flag.Parse()
	if err := os.MkdirAll(*data, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	for _, size := range []string{"small", "large"} {
		if _, err := os.Stat(filepath.Join(*data, "route-"+size+".gpx")); err == nil {
			continue
		}
		fmt.Fprintf(os.Stderr, "bench: generating the %s files into %s\n", size, *data)
		n, _ := synth.SizePoints(size)
		if _, err := synth.WriteFiles(*data, size, n, synth.DefaultSeed); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
	}
	bin := filepath.Join(*data, "bin")
	os.MkdirAll(bin, 0o755)
	for _, b := range [][2]string{{"roadbook", "./cmd/roadbook"}, {"gpxgo", "./bench/peers/gpxgo"}} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(bin, b[0]), b[1])
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "bench: build:", err)
			return 1
		}
	}
	rb := filepath.Join(bin, "roadbook")
	f := func(name string) string { return filepath.Join(*data, name) }
	tmp := func(name string) string { return filepath.Join(*data, "out-"+name) }

	all := []group{
		{
			name:  "decode",
			title: "Decode and measure the large route",
			input: "route-large.gpx (73 MB, 1,000,000 track points with elevation, 3,708 waypoints)",
			aim:   "at least 5× faster than GPSBabel and 8× faster than gpxgo, under 100 MiB",
			rows: []row{
				{tool: "roadbook", job: "`roadbook info --json` (decode, WGS84 odometer, stage, waypoints placed)", ours: true,
					argv: []string{rb, "info", "--json", f("route-large.gpx")}},
				{tool: "xmllint 2.9", job: "`--noout --stream` (parse only: the floor)", argv: []string{"xmllint", "--noout", "--stream", f("route-large.gpx")}},
				{tool: "GPSBabel", job: "GPX → KML, `-o kml,points=0`", argv: []string{"gpsbabel", "-i", "gpx", "-f", f("route-large.gpx"), "-o", "kml,points=0", "-F", tmp("gpsbabel.kml")}},
				{tool: "gpxgo 1.4.0", job: "parse + `Length2D`", argv: []string{filepath.Join(bin, "gpxgo"), f("route-large.gpx")}},
				{tool: "gpxpy", job: "parse + `length_2d`", argv: []string{"/usr/bin/python3", "bench/peers/gpxpy_length.py", f("route-large.gpx")}},
			},
		},
		{
			name:  "kml",
			title: "Google Earth file of the large route",
			input: "route-large.gpx",
			aim:   "at least 3× faster than GPSBabel with elevations kept",
			rows: []row{
				{tool: "roadbook", job: "`roadbook kml -o out.kmz` (sections, waypoints, icons, radii, elevations kept)", ours: true,
					argv: []string{rb, "kml", "-o", tmp("roadbook.kmz"), f("route-large.gpx")}},
				{tool: "GPSBabel", job: "GPX → KML, `-o kml,points=0`", argv: []string{"gpsbabel", "-i", "gpx", "-f", f("route-large.gpx"), "-o", "kml,points=0", "-F", tmp("gpsbabel.kml")}},
				{tool: "GDAL ogr2ogr", job: "`-f KML out.kml in.gpx tracks` (drops elevation)", argv: []string{"ogr2ogr", "-f", "KML", tmp("ogr.kml"), f("route-large.gpx"), "tracks"}},
			},
		},
		{
			name:  "check",
			title: "Check a recorded ride against the route",
			input: "recorded-large.gpx (734,206 fixes) against route-large.gpx (1,000,000 points); the peer on the small pair (3,906 × 4,999), extrapolated by fixes × segments",
			aim:   "under 2 s and 300 MiB for the large case, whole command",
			rows: []row{
				{tool: "roadbook", job: "`roadbook check --json` (decode both, match, waypoints, speed zones, report)", ours: true,
					argv: []string{rb, "check", "--json", f("route-large.gpx"), f("recorded-large.gpx")}, okExit: []int{3}},
				{tool: "every-segment check (Python)", job: "every fix against every segment, small pair, × 37,600 for large", scale: (734206.0 * 999999) / (3906.0 * 4999),
					argv: []string{"python3", "bench/peers/naive_check.py", f("route-small.gpx"), f("recorded-small.gpx")}, note: "extrapolated"},
			},
		},
	}
	want := map[string]bool{}
	for _, g := range strings.Split(*groups, ",") {
		want[strings.TrimSpace(g)] = true
	}
	var doc bytes.Buffer
	header(&doc, *runs)
	for _, g := range all {
		if !want[g.name] {
			continue
		}
		res := measure(g, *runs)
		table(&doc, g, res)
	}
	if *out == "-" {
		os.Stdout.Write(doc.Bytes())
		return 0
	}
	if err := os.WriteFile(*out, doc.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "bench: wrote %s\n", *out)
	return 0
}

func measure(g group, runs int) []*result {
	res := make([]*result, len(g.rows))
	for i, r := range g.rows {
		res[i] = &result{row: r}
		if _, err := exec.LookPath(r.argv[0]); err != nil {
			res[i].missing = r.argv[0] + " not installed"
		}
	}
	// Slow peers (the every-segment check) run once: their time is minutes.
	for n := 0; n < runs; n++ {
		for _, r := range res {
			if r.missing != "" || r.failed != "" || (r.scale > 1 && n > 0) {
				continue
			}
			fmt.Fprintf(os.Stderr, "bench: %s run %d: %s\n", g.name, n+1, strings.Join(r.argv, " "))
			wall, rss, err := runOnce(r.argv, r.okExit)
			if err != nil {
				r.failed = err.Error()
				continue
			}
			r.walls = append(r.walls, wall)
			r.rss = append(r.rss, rss)
		}
	}
	return res
}

// runOnce runs argv with its output discarded and returns the wall time and
// the peak resident set in KiB.
func runOnce(argv []string, okExit []int) (time.Duration, int64, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && slices.Contains(okExit, ee.ExitCode()) {
		err = nil
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return 0, 0, fmt.Errorf("%v: %s", err, msg)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var rss int64
	if ru != nil {
		rss = int64(ru.Maxrss)
	}
	return wall, rss, nil
}

func median[T int64 | time.Duration](v []T) T {
	s := append([]T(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func header(w io.Writer, runs int) {
	fmt.Fprintf(w, `# Performance

Measured by `+"`go run ./bench`"+` (bench/main.go), which generates the synthetic rally files with
package `+"`bench/synth`"+` (the files of `+"`go run ./bench/gen`"+`), builds roadbook and the gpxgo peer, and
runs every command as a whole process, %d times, interleaved, on the same machine in one run. Wall
time and peak resident memory come from the kernel's accounting of each process; the table gives
medians. "× roadbook" is the peer's time divided by ours (higher means roadbook is faster). The
peers' baselines measured alone are in [bench/README.md](../bench/README.md); absolute times drift
between machines, ratios much less.

Machine: %d cores, %s/%s, %s. Regenerate this file with `+"`go run ./bench`"+` from the repository root.
`, runs, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func table(w io.Writer, g group, res []*result) {
	fmt.Fprintf(w, "\n## %s\n\nInput: %s. Aim: %s.\n\n", g.title, g.input, g.aim)
	fmt.Fprintln(w, "| tool | job | wall s (median) | peak MiB | × roadbook |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|")
	var ours time.Duration
	for _, r := range res {
		if r.ours && len(r.walls) > 0 {
			ours = median(r.walls)
		}
	}
	for _, r := range res {
		switch {
		case r.missing != "":
			fmt.Fprintf(w, "| %s | %s | – | – | %s |\n", r.tool, r.job, r.missing)
			continue
		case r.failed != "":
			fmt.Fprintf(w, "| %s | %s | – | – | failed: %s |\n", r.tool, r.job, strings.ReplaceAll(r.failed, "|", "/"))
			continue
		}
		wall := median(r.walls)
		scaled := wall
		note := ""
		if r.scale > 1 {
			scaled = time.Duration(float64(wall) * r.scale)
			note = fmt.Sprintf(" (%.2f s measured on the small pair, %s)", wall.Seconds(), r.note)
		}
		ratio := "1.0"
		if !r.ours && ours > 0 {
			ratio = fmt.Sprintf("%.1f", scaled.Seconds()/ours.Seconds())
		}
		fmt.Fprintf(w, "| %s | %s | %s%s | %.0f | %s |\n", r.tool, r.job, fmtSeconds(scaled), note, float64(median(r.rss))/1024, ratio)
	}
}

func fmtSeconds(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s >= 3600:
		return fmt.Sprintf("%.0f (%.1f h)", s, s/3600)
	case s >= 10:
		return fmt.Sprintf("%.1f", s)
	default:
		return fmt.Sprintf("%.3f", s)
	}
}

// Command gen writes the synthetic rally files of package synth: for each
// size, route-SIZE.gpx (the organiser's route with rally waypoints),
// recorded-SIZE.gpx (a competitor's 1 Hz log with one wrong turn) and
// truth-SIZE.json (what the two files are known to hold).
//
//	go run ./bench/gen                                 # small, medium and large into /tmp/benchdata
//	go run ./bench/gen -sizes small,medium -out DIR
//	go run ./bench/gen -points 250000 -name quarter -out DIR
//
// Sizes in route points: small 5,000, medium 100,000, large 1,000,000 (a
// 73 MB route and a 77 MB recorded log). The same options give the same
// files, byte for byte.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/roadbook/roadbook/bench/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: go run ./bench/gen [-out DIR] [-sizes small,medium,large] [-seed N] [-points N -name NAME]

Writes route-SIZE.gpx, recorded-SIZE.gpx and truth-SIZE.json for each size
(route points: small 5,000, medium 100,000, large 1,000,000) into DIR.

`)
		fs.PrintDefaults()
	}
	out := filepath.Join(os.TempDir(), "benchdata")
	fs.StringVar(&out, "out", out, "directory to write into (created if missing)")
	fs.StringVar(&out, "out-dir", out, "the same as -out")
	sizes := fs.String("sizes", "small,medium,large", "comma-separated standard sizes")
	seed := fs.Int("seed", synth.DefaultSeed, "random seed")
	points := fs.Int("points", 0, "a custom route point count instead of -sizes (named by -name)")
	name := fs.String("name", "custom", "the name of a custom size (with -points)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	type job struct {
		name   string
		points int
	}
	var jobs []job
	if *points > 0 {
		jobs = append(jobs, job{*name, *points})
	} else {
		for _, s := range strings.Split(*sizes, ",") {
			s = strings.TrimSpace(s)
			n, ok := synth.SizePoints(s)
			if !ok {
				fmt.Fprintf(stderr, "gen: unknown size %q (small, medium or large; or -points N -name NAME)\n", s)
				return 2
			}
			jobs = append(jobs, job{s, n})
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	for _, j := range jobs {
		start := time.Now()
		t, err := synth.WriteFiles(out, j.name, j.points, *seed)
		if err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
		fmt.Fprintf(stderr, "%-6s route %8d pts %9.1f km  %4d wpts | recorded %8d pts  excursion max %.0f m  (%.1fs)\n",
			j.name, j.points, t.Route.Length2D/1000, t.Route.Waypoints, t.Recorded.Points,
			t.Recorded.Excursion.MaxOffroute, time.Since(start).Seconds())
	}
	return 0
}

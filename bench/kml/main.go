// Command kml times the phases of writing a GPX route as a Google Earth
// KMZ (decode, build the stage, encode), for the peer comparison in bench/.
//
//	go run ./bench/kml [-cpuprofile FILE] [-simplify 2] ROUTE.gpx OUT.kmz
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
	"github.com/roadbook/roadbook/route/kml"
)

func main() { os.Exit(run()) }

func run() int {
	prof := flag.String("cpuprofile", "", "write a CPU profile to `file`")
	tol := flag.Float64("simplify", 2, "display tolerance in metres; 0 keeps every point")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: kml [-cpuprofile FILE] [-simplify 2] ROUTE.gpx OUT.kmz")
		return 2
	}
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	t0 := time.Now()
	in, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer in.Close()
	f, err := gpx.Decode(bufio.NewReaderSize(in, 1<<20))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	t1 := time.Now()
	st := route.NewStage(f, route.StageOptions{})
	t2 := time.Now()
	out, err := os.Create(flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	opts := kml.Options{Simplify: *tol}
	if *tol == 0 {
		opts.Simplify = -1
	}
	bw := bufio.NewWriter(out)
	stats, err := kml.EncodeKMZ(bw, &kml.Document{Stages: []kml.StageFolder{{Stage: st}}}, opts)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	t3 := time.Now()
	fmt.Fprintf(os.Stderr, "decode %v, stage %v, encode %v (kept %d of %d points)\n",
		t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), t3.Sub(t2).Round(time.Millisecond),
		stats.RouteKept, stats.RoutePoints)
	return 0
}

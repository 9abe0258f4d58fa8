package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/text"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/summary"
)

// demoRun is what a demo product works from: the embedded Dakar 2026
// example, loaded, and the folder to write into.
type demoRun struct {
	e      *env
	dir    string              // output directory, exists
	rally  *route.Rally        // the embedded Dakar 2026 manifest
	stages []route.LoadedStage // its stages, each with its manifest entry
	ride   *route.File         // the recorded ride of rideStage
	// rideStage is the stage the ride drove, Stage 7.
	rideStage *route.Stage
	// tracks are the other tracks at the junctions, for the tulips.
	tracks *roadbook.Tracks
}

// loadDemo loads the embedded example: the rally and its stages, the
// Stage 7 ride and the other tracks at the junctions; the products will
// write into dir.
func loadDemo(e *env, dir string) (*demoRun, error) {
	rally, stages, err := route.LoadRally(dakar2026.FS, ".", route.LoadOptions{})
	if err != nil {
		return nil, fmt.Errorf("the embedded example rally: %v", err)
	}
	d := &demoRun{e: e, dir: dir, rally: rally, stages: stages}
	for _, s := range stages {
		if s.Entry.Name == dakar2026.RideStage {
			d.rideStage = s.Stage
		}
	}
	if d.rideStage == nil {
		return nil, fmt.Errorf("the embedded rally has no %s for its ride", dakar2026.RideStage)
	}
	embedded := func(name string) (*route.File, error) {
		f, err := dakar2026.FS.Open(name)
		if err != nil {
			return nil, fmt.Errorf("the embedded %s: %v", name, err)
		}
		defer f.Close()
		rf, _, err := route.Decode(f, route.DecodeOptions{})
		if err != nil {
			return nil, fmt.Errorf("the embedded %s: %v", name, err)
		}
		return rf, nil
	}
	if d.ride, err = embedded(dakar2026.RideFile); err != nil {
		return nil, err
	}
	tf, err := embedded(dakar2026.TracksFile)
	if err != nil {
		return nil, err
	}
	d.tracks = roadbook.NewTracks(roadbook.TrackLines(tf))
	return d, nil
}

// demoProduct is one thing the demo makes from the example rally. Each
// capability describes its own in its file (demoKMLProduct…).
type demoProduct struct {
	name string // "Google Earth", "printed roadbooks", "Stage 7 wrong-turn report"
	// run writes the product's files into d.dir (with env.writeOutput) and
	// returns their paths relative to d.dir.
	run  func(d *demoRun) (written []string, err error)
	open string // one line: how to open it
}

// demoProducts returns what the demo makes, in the order it makes them.
func demoProducts() []demoProduct {
	return []demoProduct{demoKMLProduct(), demoPrintProduct(), demoOpenRallyProduct(), demoCheckProduct()}
}

// defaultDemoDir is where the demo writes when -o is not given.
const defaultDemoDir = "roadbook-demo"

// demoCommand is "roadbook demo", making products.
func demoCommand(products []demoProduct) *command {
	out := defaultDemoDir
	return &command{
		name:    "demo",
		summary: "write the Dakar 2026 example rally and everything made from it into a folder",
		usage:   "roadbook demo [-o DIR]",
		help: `
Demo shows the toolkit on the example rally built into the program: Dakar 2026
(3–17 January 2026, Saudi Arabia), a Prologue and 13 stages on illustrative
routes (the real ones are secret) whose liaison and special lengths match the
organiser's figures, and a recorded ride of Stage 7 with one wrong turn.

It prints the rally table (as "roadbook info DIR" does), then writes into DIR
(default ./roadbook-demo, created if missing):

  - the rally: rally.json, the stage files 00-prologue.gpx … 13-stage13.gpx
    (GPX 1.1 + OpenRally v1.0.3) and the ride stage07-ride.gpx with
    stage07-ride-truth.json, so the other commands can be run on them;
  - what each capability of the toolkit makes from them, in order (Google
    Earth documents, printed roadbooks, OpenRally roadbooks for electronic
    readers, the Stage 7 wrong-turn report, …).

Files already in DIR with the same names are replaced; each file is written
whole or not at all. It needs no network. If a product fails, the others are
still made, the failure is reported, and the exit code is 1.
`,
		examples: `
roadbook demo                      # into ./roadbook-demo
roadbook demo -o /tmp/dakar && roadbook info /tmp/dakar/07-stage7.gpx
`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&out, "o", defaultDemoDir, "write into the folder `DIR`, created if missing")
		},
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				return e.usagef("unexpected argument %q", args[0])
			}
			return runDemo(e, out, products)
		},
	}
}

// runDemo writes the demo, making products, into dir and returns the exit
// code.
func runDemo(e *env, dir string, products []demoProduct) int {
	if dir == "" || dir == "-" {
		return e.errorf("demo: -o needs a folder")
	}
	d, err := loadDemo(e, dir)
	if err != nil {
		return e.errorf("demo: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return e.errorf("demo: %v", pathError(err))
	}

	// The rally table, as "roadbook info DIR" prints it.
	table := summary.NewRally(dir, d.rally, d.stages)
	text.WriteRally(e.stdout, &table)
	fmt.Fprintln(e.stdout)

	// The rally's own files.
	if err := writeDemoRally(e, dir); err != nil {
		return e.errorf("demo: %v", err)
	}
	type done struct {
		p       demoProduct
		written []string
	}
	var made []done
	failed := 0
	for _, p := range products {
		written, err := runDemoProduct(p, d)
		if err != nil {
			failed++
			e.errorf("demo: %s: %v", p.name, err)
			continue
		}
		made = append(made, done{p, written})
	}

	fmt.Fprintf(e.stdout, "Wrote the Dakar 2026 example into %s:\n", dir)
	files := d.rally.Stages
	fmt.Fprintf(e.stdout, "  the rally: %s and %d stage files, %s … %s\n", dakar2026.Manifest, len(files), files[0].File, files[len(files)-1].File)
	fmt.Fprintf(e.stdout, "    GPX 1.1 + OpenRally: open them in any GPX viewer, or run the other commands on %s\n", dir)
	fmt.Fprintf(e.stdout, "  the recorded ride of Stage 7: %s, and the truth about its wrong turn: %s\n", dakar2026.RideFile, dakar2026.RideTruthFile)
	fmt.Fprintf(e.stdout, "  the other tracks at the junctions: %s (the roadbooks' tulips draw them; roadbook print --tracks)\n", dakar2026.TracksFile)
	for _, m := range made {
		fmt.Fprintf(e.stdout, "  %s: %s\n", m.p.name, strings.Join(m.written, ", "))
		if m.p.open != "" {
			fmt.Fprintf(e.stdout, "    %s\n", m.p.open)
		}
	}
	fmt.Fprintf(e.stdout, "\nThe routes are illustrative: plausible tracks whose section lengths match the organiser's figures.\n")
	fmt.Fprintf(e.stdout, "Next: roadbook info --stages %s   (every stage: sections, waypoints)\n", dir)
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\n%d of %d products failed (see above).\n", failed, len(products))
		return exitFailure
	}
	return exitOK
}

// runDemoProduct runs one product; a panic in it is reported as its error,
// so the others still run.
func runDemoProduct(p demoProduct, d *demoRun) (written []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			written, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return p.run(d)
}

// writeDemoRally copies the embedded example's files (rally.json, the stage
// files, the ride and its truth) into dir.
func writeDemoRally(e *env, dir string) error {
	entries, err := fs.ReadDir(dakar2026.FS, ".")
	if err != nil {
		return err
	}
	for _, ent := range entries {
		if ent.IsDir() {
			continue
		}
		name := ent.Name()
		data, err := fs.ReadFile(dakar2026.FS, name)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, name)
		err = e.writeOutput(out, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		})
		if err != nil {
			return e.outputError(out, err)
		}
	}
	return nil
}

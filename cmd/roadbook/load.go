package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	_ "github.com/roadbook/roadbook/route/gpx" // route.Decode reads GPX
	_ "github.com/roadbook/roadbook/route/kml" // and KML, KMZ
)

// loadOptions says how commands load the stages they are given. The zero
// value decodes strictly with the default rules.
type loadOptions struct {
	// lenient skips bad points instead of failing, and reports each on
	// stderr.
	lenient bool
	// rules are the event's radii for building stages; nil for the defaults.
	rules *route.Rules
	// rulesFile names an event's rules file (--rules) that loadAll
	// reads into rules; "" for none.
	rulesFile string
	// track picks one track of each stage file as its route (--track),
	// from 1; 0 joins them all.
	track int
	// maxOffset is how far from the route, in metres, a waypoint may be
	// and be placed on it (--max-offset); 0 for route.DefaultMaxOffset.
	maxOffset float64
	// quiet leaves out the warnings about how a stage's route was made
	// (joins, which line is the route, waypoints left out), for the
	// commands that report every problem of a stage themselves.
	quiet bool
}

// flags declares --lenient and --track on fs, for the commands that load
// stages.
func (o *loadOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.lenient, "lenient", false, "skip bad points (reported on stderr) instead of failing")
	fs.IntVar(&o.track, "track", 0, "use track `N` of the file (from 1) as the route, not all its tracks joined")
	fs.Float64Var(&o.maxOffset, "max-offset", route.DefaultMaxOffset, "waypoints farther than `metres` from the route are not placed on it (a validate error)")
}

// warnStage says on stderr what the stage's route is made of when the file
// does not say it alone: straight lines joining separate tracks (each
// gap), which of a track and a route it is, waypoints too far from it to
// be placed.
func warnStage(e *env, name string, st *route.Stage, opts loadOptions) {
	if opts.quiet {
		return
	}
	far := 0
	for _, p := range st.Problems {
		switch p.Kind {
		case route.ProblemGap, route.ProblemSource:
			fmt.Fprintf(e.stderr, "roadbook: %s: warning: %s\n", name, p.Message)
		case route.ProblemFar:
			far++
		}
	}
	if far > 0 {
		limit := opts.maxOffset
		if !(limit > 0) {
			limit = route.DefaultMaxOffset
		}
		fmt.Fprintf(e.stderr, "roadbook: %s: warning: %s farther than %s m from the route left out (validate lists them)\n",
			name, route.Plural(far, "waypoint", "waypoints"), strconv.FormatFloat(limit, 'f', -1, 64))
	}
}

// rulesFlag declares --rules on fs, for the commands whose output depends on
// the event's radii.
func (o *loadOptions) rulesFlag(fs *flag.FlagSet) {
	fs.StringVar(&o.rulesFile, "rules", "", "the event's rules `FILE` (JSON, roadbook help rules): its radii replace the defaults below")
}

// radiiHelp ends the help of the commands that judge waypoints by their
// radii: the defaults of route.DefaultRadii (TestHelpDefaults holds them
// equal).
const radiiHelp = `
Radii where neither the file nor --rules gives one, in metres (validation
radius, then open radius): WPV 200; WPM 200, 800; WPE 200, 1000; WPS 90,
3000; WPC 90; WPN 90, 800; WPP 30, 100; DSS 200, 1000; ASS 90, 800; every
other kind 90.
`

// loadAll reads the rules file named by --rules, if any, into o.rules,
// then loads args (loadInputs). On failure it prints every error on stderr,
// one "roadbook: …" line each, and returns false: the command exits 1.
func (o *loadOptions) loadAll(e *env, args []string) ([]*input, bool) {
	if o.rulesFile != "" {
		r, err := loadRules(e, o.rulesFile)
		if err != nil {
			e.errorf("%v", err)
			return nil, false
		}
		o.rules = r
	}
	inputs, err := loadInputs(e, args, *o)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			e.errorf("%s", line)
		}
		return nil, false
	}
	return inputs, true
}

// loadRules reads the rules file name.
func loadRules(e *env, name string) (*route.Rules, error) {
	if name == "-" {
		in, err := e.readStdin()
		if err != nil {
			return nil, err
		}
		r, err := route.ParseRules(in)
		if err != nil {
			return nil, fmt.Errorf("stdin: %v", err)
		}
		return r, nil
	}
	f, err := e.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a rules file", name)
	}
	r, err := route.ParseRules(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return r, nil
}

// input is one argument of a command, loaded: a stage file, or a rally
// folder (its manifest and its stages in manifest order).
type input struct {
	// path is the argument as given ("stdin" for "-").
	path string
	// rally is the manifest of a rally folder, nil for a single file.
	rally *route.Rally
	// stages holds one stage for a file (without a manifest Entry), each
	// manifest stage for a rally, its Path the file as the user names it
	// (DIR/FILE, or "stdin").
	stages []route.LoadedStage
}

// loadInputs loads every argument: a stage file, "-" for standard input
// (once), or a folder holding a rally.json manifest. It loads them all and
// returns every failure at once (joined), each naming its file:
// "stage.gpx: gpx: line 12: trkpt: latitude 91.2 out of range".
func loadInputs(e *env, args []string, opts loadOptions) ([]*input, error) {
	var out []*input
	var errs []error
	lo := route.LoadOptions{Decode: route.DecodeOptions{Lenient: opts.lenient}, Stage: route.StageOptions{Rules: opts.rules, Track: opts.track, MaxOffset: opts.maxOffset}}
	for _, arg := range args {
		in := &input{path: arg}
		var err error
		if fi, statErr := os.Stat(arg); arg != "-" && statErr == nil && fi.IsDir() {
			in.rally, in.stages, err = loadRally(e, arg, lo)
		} else {
			var f *route.File
			var format string
			if f, format, in.path, err = e.readFile(arg, opts.lenient); err == nil {
				st := route.NewStage(f, lo.Stage)
				in.stages = []route.LoadedStage{{Path: in.path, Format: format, File: f, Stage: st}}
			}
		}
		for _, ls := range in.stages {
			if opts.track > len(ls.File.Tracks) && err == nil {
				err = fmt.Errorf("%s: --track %d: the file has %s", ls.Path, opts.track, route.Plural(len(ls.File.Tracks), "track", "tracks"))
			}
		}
		if err == nil {
			for _, ls := range in.stages {
				warnStage(e, ls.Path, ls.Stage, opts)
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, in)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// loadRally loads the rally folder dir (route.LoadRallyDir), records its
// files among the run's inputs and reports what lenient decoding skipped.
func loadRally(e *env, dir string, opts route.LoadOptions) (*route.Rally, []route.LoadedStage, error) {
	rally, stages, err := route.LoadRallyDir(dir, opts)
	if err != nil {
		return nil, nil, err
	}
	e.inputs.Add(strings.TrimSuffix(dir, "/") + "/" + route.ManifestName)
	for _, s := range stages {
		e.inputs.Add(s.Path)
	}
	if err := e.checkStdout(); err != nil {
		return nil, nil, err
	}
	for _, s := range stages {
		reportSkipped(e, s.Path, s.File)
	}
	return rally, stages, nil
}

// readFile reads the file name, "-" for standard input, in any supported
// format (route.Decode), and returns it with its format and its name in
// messages ("stdin" for "-"). Errors name it: "name: empty file",
// "name: gpx: line 12: …". It reports what lenient decoding skipped on
// stderr.
func (e *env) readFile(name string, lenient bool) (f *route.File, format, display string, err error) {
	var r io.Reader
	if display = "stdin"; name == "-" {
		if r, err = e.readStdin(); err != nil {
			return nil, "", display, err
		}
	} else {
		in, err := e.open(name)
		if err != nil {
			return nil, "", name, err
		}
		defer in.Close()
		r, display = in, name
	}
	f, format, err = route.Decode(r, route.DecodeOptions{Lenient: lenient})
	if err != nil {
		return nil, "", display, fmt.Errorf("%s: %w", display, err)
	}
	reportSkipped(e, display, f)
	return f, format, display, nil
}

// skippedShown is how many of a file's skipped problems are printed.
const skippedShown = 10

// reportSkipped prints on stderr what lenient decoding skipped in the file
// f, named name: the first few problems, then how many in all.
func reportSkipped(e *env, name string, f *route.File) {
	if e == nil {
		return
	}
	for i, s := range f.Skipped {
		if i == skippedShown {
			break
		}
		fmt.Fprintf(e.stderr, "roadbook: %s: skipped: %v\n", name, s)
	}
	if n := max(f.SkippedCount, len(f.Skipped)); n > skippedShown {
		fmt.Fprintf(e.stderr, "roadbook: %s: skipped %d problems in all (--lenient), the first %d above\n", name, n, skippedShown)
	}
}

// pathError rewrites "open x.gpx: no such file or directory" as
// "x.gpx: no such file or directory": messages start with the file.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// loadTracks reads the other tracks of --tracks: every track segment and
// route of each file (GPX, KML or KMZ), indexed for the tulips. It says on
// stderr how many it read; nil when there are no files.
func loadTracks(e *env, paths []string, lenient bool) (*roadbook.Tracks, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	var lines []roadbook.TrackLine
	points := 0
	for _, path := range paths {
		file, _, _, err := e.readFile(path, lenient)
		if err != nil {
			return nil, err
		}
		ls := roadbook.TrackLines(file)
		for _, l := range ls {
			points += len(l.Points)
		}
		lines = append(lines, ls...)
		if len(ls) == 0 {
			return nil, fmt.Errorf("%s: no track or route: --tracks wants the lines of other tracks", path)
		}
	}
	fmt.Fprintf(e.stderr, "roadbook: other tracks: %s, %s\n", route.Plural(len(lines), "line", "lines"), route.Plural(points, "point", "points"))
	return roadbook.NewTracks(lines), nil
}

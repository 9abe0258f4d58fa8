package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

func openRallyCommand() *command {
	var opts struct {
		out    string
		rb     openRallyOptions
		load   loadOptions
		tracks stringList
	}
	return &command{
		name:    "openrally",
		summary: "export a stage's roadbook as an OpenRally GPX file for electronic roadbooks",
		usage:   "roadbook openrally [-o OUT.gpx] [--no-reset] [--rebuild] [--tracks FILE]... [--rules FILE] [--lenient] FILE",
		help: `
Openrally builds the roadbook of one stage file (GPX, OpenRally, KML or KMZ,
"-" for standard input) and writes it as an OpenRally v1.0.3 GPX file: one waypoint
per roadbook box, with its odometer distance in km since the last reset,
CAP, danger, reset, controls with their names and open and clear radii,
speed limit, stop, notes and tulip (small SVG drawings), then the route as a
track, with units "metric" and the total distance in the metadata.

Boxes are the start, each waypoint, each turn of 45° or more found in the
track (measured over ±25 m, boxes at least 80 m apart), the DSS (where the
odometer resets), the ASS and the finish (docs/roadbook.md). When the input
already is an OpenRally roadbook with distances (of any OpenRally version)
its boxes are kept and written as the file gives them: distances, CAPs,
positions, controls, drawings and every tag unchanged, in metric units, and
nothing added (no CAP measured on the route, no generated drawing, no
default radius unless --rules is given). Where they disagree with the route
by more than 50 m or 10° a warning is printed on stderr; --rebuild builds
new boxes from the track instead. Elements the toolkit does not understand
(an OpenRally tag of no known version, another application's extension)
are written back unchanged and listed once on stderr. Tags OpenRally
v1.0.3 cannot hold (the v0.x road-rally markers, the neutralisation and
transfer-zone proposal's dn, dnz and dtz) are written with their own names
(docs/gpx.md).

--tracks FILE (repeatable; GPX, KML or KMZ) gives the other tracks around
the route (a recce log, a map export): the tulips draw them where they pass.
Radii a built roadbook's file does not give come from --rules, else from
the defaults below.
The output goes to standard output unless -o names a file, which is written
whole or not at all: on a failure or an interruption an existing file is
left as it was. No input is ever written: -o naming one (the stage, a
--tracks or --rules file, standard input's file), by any name or link, is
an error; a FIFO or a device (/dev/null) is written in place.
` + radiiHelp,
		examples: `
roadbook openrally -o stage7-openrally.gpx examples/dakar2026/07-stage7.gpx
roadbook openrally --rebuild --no-reset -o raw.gpx recce-track.gpx
roadbook openrally --rules event.json stage.gpx > stage-openrally.gpx
`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&opts.out, "o", "-", "write the OpenRally file to `OUT.gpx` (default: standard output)")
			fs.BoolVar(&opts.rb.noReset, "no-reset", false, "keep the odometer running through the DSS")
			fs.BoolVar(&opts.rb.rebuild, "rebuild", false, "build boxes from the track even when the file is already a roadbook")
			fs.Var(&opts.tracks, "tracks", "draw the other tracks of `FILE` (GPX, KML, KMZ) in the tulips (repeatable)")
			opts.load.flags(fs)
			opts.load.rulesFlag(fs)
		},
		run: func(e *env, args []string) int {
			if len(args) != 1 {
				return e.usagef("want exactly one input file, got %d", len(args))
			}
			inputs, ok := opts.load.loadAll(e, args)
			if !ok {
				return exitFailure
			}
			if len(inputs) != 1 || len(inputs[0].stages) != 1 {
				return e.errorf("%s: openrally exports one stage file, not a rally folder (its stages are %s/*.gpx)", args[0], strings.TrimRight(args[0], "/"))
			}
			sf := inputs[0].stages[0]
			if sf.Stage.Empty() {
				return e.errorf("%s: nothing to export: the file has no track, no route and no waypoint", sf.Path)
			}
			opts.rb.rules = opts.load.rules
			tracks, err := loadTracks(e, opts.tracks, opts.load.lenient)
			if err != nil {
				return e.errorf("%v", err)
			}
			opts.rb.tracks = tracks
			rb, err := writeOpenRally(e, opts.out, sf.Stage, opts.rb)
			for _, c := range rb.Checks {
				fmt.Fprintf(e.stderr, "roadbook: %s: warning: %s\n", sf.Path, c.Message)
			}
			if kept := sf.File.ExtensionCounts(); len(kept) > 0 {
				fmt.Fprintf(e.stderr, "roadbook: %s: note: written back unchanged, not understood: %s\n", sf.Path, keptList(kept))
			}
			if err != nil {
				return e.errorf("%v", e.outputError(opts.out, err))
			}
			if opts.out != "-" {
				fmt.Fprintf(e.stdout, "%s: %s, %.2f km\n", opts.out, route.Plural(len(rb.Boxes), "box", "boxes"), sf.Stage.Length()/1000)
			}
			return exitOK
		},
	}
}

// openRallyOptions are the choices of the openrally command; the zero
// value is its defaults.
type openRallyOptions struct {
	noReset bool         // keep the odometer running through the DSS
	rebuild bool         // build boxes from the track even for a roadbook
	rules   *route.Rules // radii the file does not give; nil for the defaults
	tracks  *roadbook.Tracks
}

// keptList lists elements kept as written: "format (in
// http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3), note (in
// urn:x) ×12".
func keptList(kept []route.ExtensionCount) string {
	parts := make([]string, len(kept))
	for i, k := range kept {
		parts[i] = k.String()
	}
	return strings.Join(parts, ", ")
}

// writeOpenRally builds the roadbook of stage and writes it as OpenRally
// GPX to path ("-" for standard output) with env.writeOutput. The openrally
// command and the demo both export through it. It returns the roadbook,
// with its checks (kept boxes that disagree with the route) for the caller
// to report, also when the write fails.
func writeOpenRally(e *env, path string, stage *route.Stage, opts openRallyOptions) (*roadbook.Book, error) {
	rb := roadbook.Build(stage, roadbook.Options{NoReset: opts.noReset, Rebuild: opts.rebuild, Tracks: opts.tracks})
	f := gpx.OpenRally(rb, opts.rules)
	return rb, e.writeOutput(path, func(w io.Writer) error { return gpx.Encode(w, f) })
}

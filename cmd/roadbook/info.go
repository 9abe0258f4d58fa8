package main

import (
	"flag"

	"github.com/roadbook/roadbook/roadbook/text"
	"github.com/roadbook/roadbook/route/summary"
)

func infoCommand() *command {
	var opts struct {
		json   bool
		stages bool
		load   loadOptions
	}
	return &command{
		name:    "info",
		summary: "summarise stage files and rallies: lengths, sections, waypoints, problems",
		usage:   "roadbook info [--json] [--stages] [--rules FILE] [--lenient] FILE|DIR...",
		help: `
Info reads each GPX, OpenRally, KML or KMZ file (or "-" for standard input)
and each rally folder (a folder with a rally.json manifest: "roadbook help
rally") and prints, for every stage file:

  - the file: its tracks, segments, points and waypoints, the time span of
    its points, the track length (each segment measured on its own, the gaps
    between segments not counted) and the route (<rte>) length;
  - the stage: the route (all track segments joined, or the <rte> points
    when there is no track) split into sections, liaison, special and
    neutralisation, with their distances; "no DSS/ASS: the whole stage is
    liaison" when it has no special;
  - the waypoints in route order: kind, name, total and partial km, the
    distance from the route, the validation (clear) and open radii, the
    speed limit and the box's notes (or its danger marks !, !!, !!!);
  - the problems found: waypoints farther from the route than their
    validation radius, a DSS without its ASS, a DN without its FN, and so on.

For a rally folder it prints the rally table: each stage with its date,
start and finish, liaison, special, neutralised and total km, marathon
stages and rest days, and the rally's totals; --stages adds each stage's
details as above.

Lengths are geodesic, on the WGS84 ellipsoid, in km to the metre. Radii
come from the file, else from --rules, else from the defaults below. With
--json the same is printed as one JSON document, described in
docs/info.md of the source. If any input cannot be read, nothing is
printed but the errors, and the exit code is 1.
` + radiiHelp,
		examples: `
roadbook info examples/dakar2026            # the rally table
roadbook info --stages examples/dakar2026   # the rally table, then every stage
roadbook info 07-stage7.gpx                 # one stage file
roadbook info --json 07-stage7.gpx | jq .files[0].stage.special_km
gpsbabel -i kml -f route.kml -o gpx -F - | roadbook info -
`,
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&opts.json, "json", false, "print one JSON document instead of tables (with every stage of a rally)")
			fs.BoolVar(&opts.stages, "stages", false, "for a rally folder, print each stage's details after the rally table")
			opts.load.flags(fs)
			opts.load.rulesFlag(fs)
		},
		run: func(e *env, args []string) int {
			if len(args) == 0 {
				return e.usagef("no input files")
			}
			opts.load.quiet = true // the report lists every problem
			inputs, ok := opts.load.loadAll(e, args)
			if !ok {
				return exitFailure
			}
			doc := summary.NewDocument()
			for _, in := range inputs {
				if in.rally != nil {
					doc.AddRally(in.path, in.rally, in.stages, opts.load.rules)
				} else {
					doc.AddFile(in.stages[0].Path, in.stages[0].File, in.stages[0].Stage, opts.load.rules)
				}
			}
			if opts.json {
				return e.printJSON(doc)
			}
			if err := text.WriteInfo(e.stdout, doc, opts.stages); err != nil {
				return e.errorf("%v", e.outputError("-", err))
			}
			return exitOK
		},
	}
}

package main

import (
	"flag"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/text"
)

func validateCommand() *command {
	var opts struct {
		json bool
		load loadOptions
	}
	return &command{
		name:    "validate",
		summary: "run the organisers' structural checks on stages before publishing a roadbook",
		usage:   "roadbook validate [--json] [--rules FILE] [--lenient] FILE|DIR...",
		help: `
Validate reads each GPX, OpenRally, KML or KMZ file (or "-" for standard
input) and each rally folder, builds each stage's roadbook and runs the structural checks
organisers run before publishing it (docs/roadbook.md):

  dss-ass          one DSS and one ASS per special, in pairs
  speed-zone       every DZ has a speed limit and a matching FZ; an FZ none
  neutralisation   every DN has its FN, inside a special
  radius-overlap   consecutive validation radii do not overlap
  radius-reentry   the route does not pass a validation radius twice (it
                   would validate at the wrong odometer distance)
  first-waypoint   the first waypoint is at least 100 m + its radius from
                   the start (or the DSS)
  no-special       the stage has no DSS and no ASS
  route            waypoints the stage could not place on the route, or
                   farther from it than their validation radius
  roadbook         boxes of an OpenRally roadbook whose distance or CAP
                   disagrees with the route

Each problem is printed once, with its severity (error or warning), the
roadbook box number (as "roadbook openrally" numbers them), the distance
along the route in km, the waypoint's line in its file, the check and a
message. Radii come from the file, else from --rules, else from the
defaults below. The exit code is 1 when any stage has an error
(or a file cannot be read), 0 otherwise: warnings alone do not fail. With
--json the same is printed as one JSON document.
` + radiiHelp,
		examples: `
roadbook validate examples/dakar2026          # every stage of a rally
roadbook validate --rules event.json 07-stage7.gpx
roadbook validate --json 07-stage7.gpx | jq '.[].problems[] | select(.severity == "error")'
`,
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&opts.json, "json", false, "print one JSON document instead of tables")
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
			var reports []roadbook.Validation
			errors := 0
			for _, in := range inputs {
				for _, sf := range in.stages {
					r := roadbook.NewValidation(sf.Path, sf.Stage, opts.load.rules)
					errors += r.Errors
					reports = append(reports, r)
				}
			}
			if opts.json {
				if code := e.printJSON(reports); code != exitOK {
					return code
				}
			} else {
				text.WriteValidations(e.stdout, reports)
			}
			if errors > 0 {
				return exitFailure
			}
			return exitOK
		},
	}
}

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/roadbook/roadbook/roadbook"
)

func init() {
	var opts struct {
		json bool
		load loadOptions
	}
	register(&command{
		name:    "validate",
		summary: "run the organisers' structural checks on stages before publishing a roadbook",
		usage:   "roadbook validate [--json] [--lenient] FILE|DIR...",
		help: `
Validate reads each GPX or OpenRally file (or "-" for standard input) and each
rally folder, builds each stage's roadbook and runs the structural checks
organisers run before publishing it (docs/roadbook.md):

  dss-ass          one DSS and one ASS per special, in pairs
  speed-zone       every DZ has a speed limit and a matching FZ; an FZ none
  neutralisation   every DN has its FN
  radius-overlap   consecutive validation radii do not overlap
  radius-reentry   the route does not pass a validation radius twice (it
                   would validate at the wrong odometer distance)
  first-waypoint   the first waypoint is at least 100 m + its radius from
                   the start (or the DSS)
  no-special       the stage has no DSS and no ASS
  route            waypoints the stage could not place on the route
  roadbook         boxes of an OpenRally roadbook whose distance or CAP
                   disagrees with the route

Each problem is printed with its severity (error or warning), the roadbook
box number, the distance along the route in km, the check and a message.
The exit code is 1 when any stage has an error (or a file cannot be read),
0 otherwise: warnings alone do not fail. With --json the same is printed as
one JSON document.
`,
		flags: func(fs *flag.FlagSet) {
			opts.json, opts.load = false, loadOptions{}
			fs.BoolVar(&opts.json, "json", false, "print one JSON document instead of tables")
			opts.load.flags(fs)
		},
		run: func(e *env, fs *flag.FlagSet, args []string) int {
			if len(args) == 0 {
				fmt.Fprintf(e.stderr, "roadbook validate: no input files\nusage: %s\nrun \"roadbook help validate\" for more\n", commands["validate"].usage)
				return exitUsage
			}
			inputs, err := loadInputs(e, args, opts.load)
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					e.errorf("%s", line)
				}
				return exitFailure
			}
			var reports []validateReport
			errors := 0
			for _, in := range inputs {
				for _, sf := range in.stages {
					r := validateReport{File: sf.path, Stage: sf.stage.Name, Problems: roadbook.Validate(sf.stage, opts.load.rules)}
					if r.Problems == nil {
						r.Problems = []roadbook.Problem{}
					}
					for _, p := range r.Problems {
						if p.Severity == roadbook.Error {
							r.Errors++
						} else {
							r.Warnings++
						}
					}
					errors += r.Errors
					reports = append(reports, r)
				}
			}
			if opts.json {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(reports); err != nil {
					return e.errorf("%v", err)
				}
			} else {
				writeValidate(e.stdout, reports)
			}
			if errors > 0 {
				return exitFailure
			}
			return exitOK
		},
	})
}

// validateReport is what validate prints for one stage.
type validateReport struct {
	File     string             `json:"file"`
	Stage    string             `json:"stage"`
	Errors   int                `json:"errors"`
	Warnings int                `json:"warnings"`
	Problems []roadbook.Problem `json:"problems"`
}

// countOf returns "1 error", "2 errors": n with the singular or plural.
func countOf(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// writeValidate prints the reports as one aligned table per stage.
func writeValidate(w io.Writer, reports []validateReport) {
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		name := r.File
		if r.Stage != "" {
			name += " (" + r.Stage + ")"
		}
		if len(r.Problems) == 0 {
			fmt.Fprintf(w, "%s: ok, no problems\n", name)
			continue
		}
		fmt.Fprintf(w, "%s: %s, %s\n", name, countOf(r.Errors, "error", "errors"), countOf(r.Warnings, "warning", "warnings"))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  severity\tbox\tkm\tcheck\tmessage")
		for _, p := range r.Problems {
			box := "-"
			if p.Box > 0 {
				box = fmt.Sprint(p.Box)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%.2f\t%s\t%s\n", p.Severity, box, p.Km, p.Check, p.Message)
		}
		tw.Flush()
	}
}

package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"

	"github.com/roadbook/roadbook/roadbook/text"
	"github.com/roadbook/roadbook/route"
)

func checkCommand() *command {
	var opts struct {
		json     bool
		jsonl    bool
		rules    string
		offRoute float64
		wrongWay float64
		load     loadOptions
	}
	return &command{
		name:    "check",
		summary: "check recorded rides against a stage: wrong turns, waypoints, speed zones, times",
		usage:   "roadbook check [--json|--jsonl] [--rules FILE] [--off-route M] [--wrong-way M] [--lenient] ROUTE|DIR RIDE...",
		help: `
Check compares each recorded ride (a GPX track log, or a KML/KMZ gx:Track;
any number of tracks and segments, usually with times) with the stage ROUTE
(a GPX, OpenRally, KML or KMZ stage file, or "-" for standard input) and reports.
ROUTE may also be a rally folder: each ride is checked against the stage of
its date (UTC, from its first fix), else against the stage whose route it
follows; stderr says which.

For each ride it reports:

  - wrong turns: every stretch where the ride was more than --off-route
    metres (50 by default) from the route for 3 fixes or more, where it
    left and came back
    (route km), the farthest distance from the route, the distance driven
    and the time spent off route, and whether it came back ahead (a
    shortcut), behind or where it left;
  - wrong way: every stretch driven along the route against its direction
    for --wrong-way metres or more (a stage driven in reverse, a crew
    going back down the road), where it turned and how far back it went;
  - waypoints: validated in order within their validation radius (the
    line between two fixes counts), with the time and closest approach, and
    the penalty of each missed one;
  - speed zones (DZ to FZ): the maximum speed, the distance and time over
    the limit, and the penalty;
  - section times: liaisons, the special (DSS to ASS, neutralisations
    deducted) and average speeds; recording gaps; where a ride that stopped
    early retired;
  - the trip meter: between validated waypoints, the distance driven
    against the roadbook's (the correction a recalibrated trip meter gets);
  - whether the ride validated enough WP waypoints to finish (70 % by
    default, min_validated_pct in the rules);
  - what is wrong with the recording itself: times all equal or going
    back (then nothing is timed), a recording that jumps; and a ride that
    never came near the route, with how near it came.

Each place along the route is given in the whole route's km and, beside
it, as the roadbook's odometer reads it there ("special 163.10").
Recording gaps are judged by time (a minute without a fix, or four times
the ride's usual interval when that is longer) and by plausibility: a step
faster than 250 km/h is a jump of the recording, and a step without times
longer than 1 km is a gap unless the ride follows the route across it. The
distance driven is the ride's own, whatever its sampling: a step between
fixes far apart that follows the route counts the route's distance.

A roadbook without a track (boxes with positions and distances, as Rally
Navigator exports them) is checked against the straight lines between its
boxes: waypoints are validated as on a track, and wrong turns measured
against those lines, 500 m off by default; the report says so. A roadbook
whose boxes have no positions, or a route of fewer than two points, cannot
be checked: that is an error.

The first line of each report is a summary. With several rides, a last
table compares them, ranked by special time plus penalties. With --json
the report of one ride is one JSON document, and several rides' reports
one JSON array; --jsonl prints one report a line (JSON Lines) whatever
their number. The fields are described in docs/check.md of the source.

--rules FILE gives an event's radii, penalties, speed tolerance and share
of WPs to finish (a JSON file: "roadbook help rules"); what it leaves out
keeps its default. The defaults: a missed waypoint costs 15 min (WPV, WPM, WPE,
WPS, WPC), 60 min (WPN) or 2 min (WPP), other kinds nothing; speed limits
have no tolerance; a speed zone costs, by its largest excess over the
limit, 1 min (up to 10 km/h), 2 min (10 to 20), 5 min (20 to 40) or 15 min
(over 40), without a term for the time gained; a ride finishes when it
validates 70 % of the stage's WP waypoints (WPV, WPM, WPE, WPS, WPC, WPN,
WPP); and the radii below.

Exit status: 0 when every ride is clean, 3 when a ride left the route,
drove it the wrong way, earned a penalty, did not validate enough WPs to
finish, never came near the route or was recorded with a fault, 1 when a
file cannot be read or the stage has no route to check against, 2 on a
usage error.
` + radiiHelp,
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&opts.json, "json", false, "print one JSON document instead of tables: the report of one ride, an array of several")
			fs.BoolVar(&opts.jsonl, "jsonl", false, "print JSON Lines instead of tables: one report a line, whatever the number of rides")
			fs.StringVar(&opts.rules, "rules", "", "the event's rules `FILE` (JSON: radii, penalties, speed tolerance; roadbook help rules)")
			fs.Float64Var(&opts.offRoute, "off-route", 0, "distance from the route in `metres` beyond which a fix is off route (0: 50, or 500 against a roadbook without a track)")
			fs.Float64Var(&opts.wrongWay, "wrong-way", 300, "how far back along the route, in `metres`, driving against it is reported")
			opts.load.flags(fs)
		},
		run: func(e *env, args []string) int {
			if len(args) < 2 {
				return e.usagef("need a route and at least one ride")
			}
			if opts.json && opts.jsonl {
				return e.usagef("--json and --jsonl: give one")
			}
			if !(opts.offRoute >= 0) || !(opts.wrongWay > 0) {
				return e.usagef("--off-route and --wrong-way must be positive numbers of metres")
			}
			co := route.CheckOptions{OffRoute: opts.offRoute, WrongWay: opts.wrongWay}
			if opts.rules != "" {
				r, err := loadRules(e, opts.rules)
				if err != nil {
					return e.errorf("%v", err)
				}
				co.Rules = r
				opts.load.rules = r
			}
			// The rides decode while the stage loads (two cores, two big
			// files); their messages wait for the stage's.
			rides := make([]*route.File, len(args)-1)
			var rideMsgs bytes.Buffer
			rideErrs := make([]error, len(rides))
			done := make(chan struct{})
			go func() {
				defer close(done)
				// out: a ride is checked against standard output too.
				re := &env{stdin: e.stdin, stdout: io.Discard, stderr: &rideMsgs, out: e.out}
				for i, name := range args[1:] {
					rides[i], rideErrs[i] = readRide(re, name, opts.load.lenient)
				}
			}()
			ins, err := loadInputs(e, args[:1], opts.load)
			<-done
			e.stderr.Write(rideMsgs.Bytes())
			failed := false
			if err != nil {
				e.errorf("%v", err)
				failed = true
			}
			for _, err := range rideErrs {
				if err != nil {
					e.errorf("%v", err)
					failed = true
				}
			}
			// Each ride's stage: the file's, or of a rally the one of its
			// date, else the one it follows.
			stages := make([]*route.Stage, len(rides))
			for i, ride := range rides {
				if ins == nil || ride == nil {
					continue
				}
				in := ins[0]
				k, how := route.RideStage(ride, in.stages)
				if k < 0 {
					e.errorf("%s: no stage of %s has the ride's date or follows its places", rideName(args[i+1]), in.path)
					failed = true
					continue
				}
				stages[i] = in.stages[k].Stage
				if len(in.stages) > 1 {
					fmt.Fprintf(e.stderr, "roadbook check: %s: checked against %q (%s)\n", rideName(args[i+1]), stages[i].Name, how)
				}
			}
			if failed {
				return exitFailure
			}
			reps := make([]*route.Report, len(rides))
			for i, ride := range rides {
				rep, err := route.Check(stages[i], ride, co)
				if err != nil {
					return e.errorf("%s: cannot check %s: %v", ins[0].path, rideName(args[i+1]), err)
				}
				reps[i] = rep
			}
			code := exitOK
			names := make([]string, len(rides))
			for i := range rides {
				rep := reps[i]
				if rep.Deviations() {
					code = exitDeviation
				}
				names[i] = rideName(args[i+1])
				if opts.json || opts.jsonl {
					continue
				}
				if i > 0 {
					fmt.Fprintln(e.stdout)
				}
				text.WriteCheck(e.stdout, names[i], rep)
			}
			if opts.json || opts.jsonl {
				if err := route.WriteReportsJSON(e.stdout, names, reps, opts.jsonl); err != nil {
					return e.errorf("%v", e.outputError("-", err))
				}
				return code
			}
			if len(reps) > 1 {
				fmt.Fprintln(e.stdout)
				text.WriteComparison(e.stdout, names, reps)
			}
			return code
		},
	}
}

// rideName is how reports name a ride argument.
func rideName(arg string) string {
	if arg == "-" {
		return "stdin"
	}
	return arg
}

// readRide decodes a recorded ride; "-" reads standard input.
func readRide(e *env, name string, lenient bool) (*route.File, error) {
	f, _, display, err := e.readFile(name, lenient)
	if err == nil && f.Counts().TrackPts == 0 {
		err = fmt.Errorf("%s: no track points: a ride is a recorded track", display)
	}
	return f, err
}

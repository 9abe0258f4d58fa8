package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/roadbook/roadbook/route"
)

// A topic is help that is not about one command: a file format several
// commands read. "roadbook help TOPIC" prints it, so that a user with
// nothing but the binary can write the file.
type topic struct {
	name, summary string
	text          func() string
}

var topics = []topic{
	{"rules", "the rules file of --rules: radii, penalties, speed tolerance", rulesTopic},
	{"rally", "a rally folder: the rally.json manifest and its stage files", rallyTopic},
}

func rulesTopic() string {
	return rulesTopicText + defaultRulesJSON() + "\n"
}

// defaultRulesJSON writes route.DefaultRules as a rules file laid out for
// reading: a line per kind, in the roadbook's order of kinds.
func defaultRulesJSON() string {
	d := route.DefaultRules()
	compact := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil { // numbers and kind names always marshal
			panic(err)
		}
		r := strings.NewReplacer(`":`, `": `, `,"`, `, "`, `},{`, `}, {`)
		return r.Replace(string(b))
	}
	var b strings.Builder
	b.WriteString("  {\n    \"radii\": {\n")
	var missed []string
	for k := route.Kind(1); int(k) < route.NumKinds; k++ {
		sep := ",\n"
		if int(k) == route.NumKinds-1 {
			sep = "\n"
		}
		fmt.Fprintf(&b, "      %q: %s%s", k, compact(d.Radii[k]), sep)
		if p, ok := d.Missed[k]; ok {
			missed = append(missed, fmt.Sprintf("%q: %g", k, p.Minutes()))
		}
	}
	fmt.Fprintf(&b, "    },\n    \"missed_min\": {%s},\n", strings.Join(missed, ", "))
	fmt.Fprintf(&b, "    \"speed_tolerance_kmh\": %g,\n", d.SpeedTolerance)
	b.WriteString("    \"speeding\": {\"bands\": [\n")
	for i, band := range d.Speeding.Bands {
		sep := ",\n"
		if i == len(d.Speeding.Bands)-1 {
			sep = "\n"
		}
		fmt.Fprintf(&b, "      %s%s", compact(band), sep)
	}
	fmt.Fprintf(&b, "    ], \"gained_factor\": %g},\n", d.Speeding.Gained)
	fmt.Fprintf(&b, "    \"min_validated_pct\": %g\n  }", d.MinValidatedPct)
	return b.String()
}

const rulesTopicText = `
The rules file gives an event's own values to --rules (check, info, kml,
openrally, print and validate): a JSON object whose fields are all optional;
what it leaves out keeps its default. Kinds are roadbook codes in any case
(WPM, dz, CP, fuel), radii metres, penalties minutes, speeds km/h.

  radii                validation (clear_m) and open (open_m) radius by kind;
                       a radius given in the stage file wins over it
  missed_min           the penalty of a missed waypoint by kind; a kind
                       listed, even with 0, replaces its default
  speed_tolerance_kmh  added to every speed limit
  speeding.bands       a zone whose largest excess over the limit is above
                       over_kmh costs penalty_min (the highest band that
                       applies; bands in increasing order); [] for none
  speeding.gained_factor
                       adds that many times the time gained by speeding
  min_validated_pct    the share of the stage's WP waypoints (WPV, WPM, WPE,
                       WPS, WPC, WPN, WPP) a ride must validate to finish;
                       0 for no minimum

Unknown fields, negative values and bands out of order are errors, all
reported at once with their line. A small file:

  {"radii": {"WPM": {"clear_m": 150}}, "speed_tolerance_kmh": 5}

The defaults, written as a complete rules file to start from
(roadbook help rules | sed -n '/^  {$/,$p' > rules.json):

`

func rallyTopic() string {
	return `
A rally folder holds one stage file per stage (GPX, OpenRally, KML or KMZ)
and a manifest, rally.json, that names the rally and lists the stages in
order. info, kml, print, openrally, validate and check take the folder where
they take a stage file: info prints the rally table, kml and print make one
document of the whole rally, check picks each ride's stage by its date, else
by the route it follows.

  {
    "name": "Dakar 2026",
    "year": 2026,
    "stages": [
      {"name": "Prologue", "file": "00-prologue.gpx", "date": "2026-01-03",
       "start": "Yanbu", "finish": "Yanbu"},
      {"name": "Stage 4", "file": "04-stage4.gpx", "date": "2026-01-07",
       "start": "AlUla", "finish": "Refuge 1", "marathon": true}
    ],
    "rest_days": [{"date": "2026-01-10", "place": "Riyadh"}]
  }

name and stages are required, and each stage's name and file. File names
are relative to the folder and must stay inside it (a symbolic link out of
the folder is refused); dates are civil dates, YYYY-MM-DD, in the rally's
own calendar; marathon marks the days of a marathon stage (a night in a
refuge camp without mechanics). "roadbook demo" writes a complete example,
the Dakar 2026, into ./roadbook-demo.
`
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/kml"
)

func kmlCommand() *command {
	var o kmlFlags
	return &command{
		name:    "kml",
		summary: "write a Google Earth document (KMZ or KML) of a stage or a rally",
		usage:   "roadbook kml [-o OUT.kmz|OUT.kml|-] [--ride RIDE.gpx]... [--km-markers 10] [--simplify 2] [--tracks FILE]... [--rules FILE] FILE|DIR",
		help: `
Writes one Google Earth document of a stage (a GPX, KML or KMZ file) or of a whole rally
(a folder with a rally.json manifest, its stages in rally order): a folder per
stage with its sections styled by kind (liaison blue, special red,
neutralisation grey), its waypoints with an icon per kind and a balloon with
the roadbook fields, its speed zones, and hidden folders of validation and
open radii and of kilometre markers. Each --ride adds a recorded track, as a
time-stamped gx:Track that Google Earth's time slider replays.

The output is a KMZ (with the waypoint icons inside) unless OUT ends in .kml
(plain KML, using Google's standard icons); "-o -" writes plain KML on
standard output. The default output is the input's name with .kmz, in the
current folder. The file is written whole or not at all; -o naming an
input (the stage, a --ride, --tracks or --rules file, a rally's files) is an
error. Long lines are simplified for display to --simplify metres
(0 keeps every point); the number of points kept is printed on stderr. The
radii drawn and shown come from the file, else from --rules, else from the
defaults below. --tracks FILE (repeatable; GPX, KML or KMZ) gives the
other tracks around the route, drawn in the balloons' tulips as roadbook
print draws them. See docs/kml.md.
` + radiiHelp,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&o.out, "o", "", "output `file`: .kmz, .kml, or - for KML on stdout (default: the input's name with .kmz)")
			fs.Var(&o.rides, "ride", "add a recorded ride from a GPX, KML or KMZ `file` (repeatable)")
			fs.Float64Var(&o.kmMarkers, "km-markers", 10, "distance in `km` between kilometre markers; 0 for none")
			fs.Float64Var(&o.simplify, "simplify", 2, "display tolerance in `metres` for long lines; 0 keeps every point")
			fs.Var(&o.tracks, "tracks", "draw the other tracks of `FILE` (GPX, KML, KMZ) in the balloons' tulips (repeatable)")
			o.load.flags(fs)
			o.load.rulesFlag(fs)
		},
		run: func(e *env, args []string) int { return runKML(e, &o, args) },
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

// Set implements flag.Value.
func (l *stringList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// kmlFlags are the flags of roadbook kml.
type kmlFlags struct {
	out       string
	rides     stringList
	tracks    stringList
	kmMarkers float64
	simplify  float64
	load      loadOptions
}

func runKML(e *env, o *kmlFlags, args []string) int {
	if len(args) != 1 {
		return e.usagef("want one FILE or DIR, got %d", len(args))
	}
	if o.kmMarkers < 0 || o.simplify < 0 {
		return e.usagef("--km-markers and --simplify cannot be negative")
	}
	out := o.out
	if out == "" {
		out = defaultOutput(args[0], ".kmz")
	}
	ins, ok := o.load.loadAll(e, args)
	if !ok {
		return exitFailure
	}
	tracks, err := loadTracks(e, o.tracks, o.load.lenient)
	if err != nil {
		return e.errorf("%v", err)
	}
	doc := kml.NewDocument(ins[0].rally, ins[0].stages)
	for _, path := range o.rides {
		name, rf, err := loadRide(e, path, o.load)
		if err != nil {
			return e.errorf("%v", err)
		}
		// The ride is checked against its stage, so its wrong turns and
		// missed waypoints are drawn with it.
		r, how, err := kml.CheckedRide(name, rf, ins[0].stages, route.CheckOptions{Rules: o.load.rules})
		switch {
		case err != nil:
			fmt.Fprintf(e.stderr, "roadbook kml: %s: %v; drawn without a check\n", path, err)
		case r.Check == nil:
			fmt.Fprintf(e.stderr, "roadbook kml: %s: no stage of the rally has the ride's date or follows its places; drawn without a check\n", path)
		default:
			ww := ""
			if n := len(r.Check.WrongWay); n > 0 {
				ww = ", " + route.Plural(n, "stretch", "stretches") + " driven the wrong way"
			}
			fmt.Fprintf(e.stderr, "roadbook kml: %s checked against %q (%s): %s, %s%s\n", path, r.Check.Stage.Name, how,
				route.Plural(len(r.Check.Excursions), "wrong turn", "wrong turns"), route.Plural(len(r.Check.Missed), "missed waypoint", "missed waypoints"), ww)
		}
		doc.Rides = append(doc.Rides, r)
	}
	opts := kml.Options{KmMarkers: o.kmMarkers, Simplify: o.simplify, Rules: o.load.rules, Tracks: tracks}
	if o.kmMarkers == 0 {
		opts.KmMarkers = -1
	}
	if o.simplify == 0 {
		opts.Simplify = -1
	}
	kmz := out != "-" && !strings.EqualFold(filepath.Ext(out), ".kml")
	var stats kml.Stats
	err = e.writeOutput(out, func(w io.Writer) error {
		var err error
		if kmz {
			stats, err = kml.EncodeKMZ(w, doc, opts)
		} else {
			stats, err = kml.Encode(w, doc, opts)
		}
		return err
	})
	if err != nil {
		return e.errorf("%v", e.outputError(out, err))
	}
	fmt.Fprintf(e.stderr, "roadbook kml: %s\n", keptSummary(stats, o.simplify))
	if out != "-" {
		fmt.Fprintf(e.stderr, "roadbook kml: wrote %s\n", out)
	}
	return exitOK
}

// loadRide decodes a recorded ride, and returns it with its name: the
// file's, else the file name's without its extension.
func loadRide(e *env, path string, opts loadOptions) (string, *route.File, error) {
	rf, _, _, err := e.readFile(path, opts.lenient)
	if err != nil {
		return "", nil, err
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if rf.Metadata.Name != "" {
		name = rf.Metadata.Name
	}
	if len(kml.RideFromFile(name, rf).Segments) == 0 {
		return "", nil, fmt.Errorf("%s: %w", path, errNoTrack)
	}
	return name, rf, nil
}

var errNoTrack = errors.New("no track or route to draw as a ride")

// keptSummary says how many points simplification kept.
func keptSummary(s kml.Stats, tol float64) string {
	how := "every point kept: --simplify 0"
	if tol > 0 {
		how = "simplified to " + strconv.FormatFloat(tol, 'f', -1, 64) + " m"
	}
	msg := fmt.Sprintf("route: kept %d of %d points", s.RouteKept, s.RoutePoints)
	if s.RidePoints > 0 {
		msg += fmt.Sprintf("; rides: kept %d of %d points", s.RideKept, s.RidePoints)
	}
	return msg + " (" + how + ")"
}

package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roadbook/roadbook/route"
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
and each rally folder (a folder with a rally.json manifest) and prints, for every
stage file:

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
docs/info.md. If any input cannot be read, nothing is printed but the
errors, and the exit code is 1.
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
			inputs, ok := opts.load.loadAll(e, args)
			if !ok {
				return exitFailure
			}
			doc, inRally := newInfo(inputs, opts.load.rules)
			if opts.json {
				return e.printJSON(doc)
			}
			writeInfo(e.stdout, doc, inRally, opts.stages)
			return exitOK
		},
	}
}

// newInfo summarises the inputs for info: the document, and for each of its
// files whether it is a rally's stage (printed with --stages only).
func newInfo(inputs []*input, rules *route.Rules) (*summary.Document, []bool) {
	doc := &summary.Document{Files: []summary.File{}, Rallies: []summary.Rally{}}
	var inRally []bool
	for _, in := range inputs {
		for _, s := range in.stages {
			doc.Files = append(doc.Files, summary.NewFile(s.Path, s.File, s.Stage, rules))
			inRally = append(inRally, in.rally != nil)
		}
		if in.rally != nil {
			doc.Rallies = append(doc.Rallies, summary.NewRally(in.path, in.rally, in.stages))
		}
	}
	return doc, inRally
}

// writeInfo prints doc as text tables: the rally tables first, then the
// stage files given on their own and, with stages, those of the rallies
// (inRally[i] for doc.Files[i]).
func writeInfo(w io.Writer, doc *summary.Document, inRally []bool, stages bool) {
	first := true
	sep := func() {
		if !first {
			fmt.Fprintln(w)
		}
		first = false
	}
	for i := range doc.Rallies {
		sep()
		writeInfoRally(w, &doc.Rallies[i])
	}
	for i := range doc.Files {
		if inRally[i] && !stages {
			continue
		}
		sep()
		writeInfoFile(w, &doc.Files[i])
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// fkm formats kilometres with three decimals.
func fkm(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// fopt formats v with prec decimals, "" for 0.
func fopt(v float64, prec int) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// shorten cuts s to at most n runes, ending it with "…" when cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// openRallyVersion returns the version at the end of an OpenRally
// namespace ("v1.0.3" for ".../GpxExtensions/v1.0.3"), or the namespace
// when it has no such tail.
func openRallyVersion(ns string) string {
	v := ns[strings.LastIndex(strings.TrimRight(ns, "/"), "/")+1:]
	v = strings.TrimRight(v, "/")
	if v == "" {
		return ns
	}
	return v
}

// foffset formats a distance from the route: metres to the decimetre up to
// 10 km, then km with one decimal, so that a waypoint far from the route
// reads at a glance.
func foffset(m float64) string {
	if math.Abs(m) >= 10000 {
		return strconv.FormatFloat(m/1000, 'f', 1, 64) + " km"
	}
	return strconv.FormatFloat(m, 'f', 1, 64) + " m"
}

func writeInfoFile(w io.Writer, f *summary.File) {
	fmt.Fprintf(w, "%s\n", f.File)
	var about []string
	if f.Version != "" {
		about = append(about, "GPX "+f.Version)
	}
	if f.OpenRally != "" {
		about = append(about, "OpenRally "+openRallyVersion(f.OpenRally))
	}
	if f.Creator != "" {
		about = append(about, "creator "+strconv.Quote(f.Creator))
	}
	t := &table{}
	if len(about) > 0 {
		t.row("  format", strings.Join(about, ", "))
	}
	if f.Tracks == 0 {
		t.row("  tracks", "none")
	} else {
		tracks := fmt.Sprintf("%s, %s, %s: %s km", plural(f.Tracks, "track", "tracks"), plural(f.Segments, "segment", "segments"),
			plural(f.TrackPts, "point", "points"), fkm(math.Round(f.TrackLengthM)/1000))
		if f.Segments > 1 {
			tracks += " (gaps between segments not counted)"
		}
		t.row("  tracks", tracks)
	}
	if f.Routes == 0 {
		t.row("  routes", "none")
	} else {
		t.row("  routes", fmt.Sprintf("%s, %s: %s km", plural(f.Routes, "route", "routes"), plural(f.RoutePts, "point", "points"), fkm(math.Round(f.RouteLengthM)/1000)))
	}
	if f.Waypoints == 0 {
		t.row("  waypoints", "none")
	} else {
		t.row("  waypoints", strconv.Itoa(f.Waypoints))
	}
	if f.TimeStart != "" {
		start, _ := time.Parse(time.RFC3339Nano, f.TimeStart)
		end, _ := time.Parse(time.RFC3339Nano, f.TimeEnd)
		t.row("  time", fmt.Sprintf("%s to %s (%s)", f.TimeStart, f.TimeEnd, end.Sub(start)))
	} else {
		t.row("  time", "none")
	}
	if f.SkippedCount > 0 {
		t.row("  skipped", plural(f.SkippedCount, "problem", "problems")+" (--lenient)")
	}
	t.write(w)

	s := &f.Stage
	name := s.Name
	if name == "" {
		name = "(unnamed)"
	}
	fmt.Fprintf(w, "\nstage %s: %s km", strconv.Quote(name), fkm(s.LengthKm))
	if s.HasSpecial {
		fmt.Fprintf(w, " (liaison %s km, special %s km", fkm(s.LiaisonKm), fkm(s.SpecialKm))
		if s.NeutralisedKm > 0 {
			fmt.Fprintf(w, ", neutralised %s km", fkm(s.NeutralisedKm))
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintln(w)
	if !s.HasSpecial && s.LengthKm > 0 {
		fmt.Fprintln(w, "no DSS/ASS: the whole stage is liaison")
	}
	if len(s.Sections) > 0 {
		fmt.Fprintln(w)
		t = &table{right: []bool{false, true, true, true}}
		t.row("SECTION", "FROM KM", "TO KM", "LENGTH KM")
		for _, sec := range s.Sections {
			kind := sec.Kind
			if sec.Sector > 0 {
				kind += " " + strconv.Itoa(sec.Sector)
			}
			t.row(kind, fkm(sec.FromKm), fkm(sec.ToKm), fkm(sec.LengthKm))
		}
		t.write(w)
	}
	if len(s.Waypoints) > 0 {
		fmt.Fprintln(w)
		t = &table{right: []bool{false, false, true, true, true, true, true, true, false}}
		t.row("KIND", "NAME", "KM", "PARTIAL KM", "OFF ROUTE", "CLEAR M", "OPEN M", "SPEED KM/H", "NOTES")
		for _, wp := range s.Waypoints {
			kind := strings.Join(wp.Kinds, "+")
			if kind == "" {
				kind = "-"
			}
			name := wp.Name
			if name == wp.Kind {
				// "FZ FZ" says nothing more than "FZ".
				name = ""
			}
			offset := foffset(wp.OffsetM)
			if !wp.OnRoute {
				offset = "no position"
			}
			notes := shorten(wp.Notes, 40)
			if notes == "" && wp.Danger > 0 {
				notes = strings.Repeat("!", min(wp.Danger, 3))
			}
			t.row(kind, name, fkm(wp.Km), fkm(wp.PartialKm), offset, fopt(wp.ClearM, 0), fopt(wp.OpenM, 0), fopt(wp.SpeedKmh, 0), notes)
		}
		t.write(w)
	}
	if len(s.Problems) > 0 {
		fmt.Fprintf(w, "\n%s:\n", plural(len(s.Problems), "problem", "problems"))
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p.Message)
		}
	}
}

func writeInfoRally(w io.Writer, r *summary.Rally) {
	fmt.Fprintf(w, "rally %s (%s)\n\n", strconv.Quote(r.Name), r.Dir)
	t := &table{right: []bool{false, false, false, true, true, true, true, false}}
	t.row("STAGE", "DATE", "START > FINISH", "LIAISON KM", "SPECIAL KM", "NEUTRAL KM", "TOTAL KM", "")
	// Rest days go before the first stage dated after them.
	rest := append([]route.RestDay(nil), r.RestDays...)
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].Date < rest[j].Date })
	restRow := func(d route.RestDay) {
		what := "rest day"
		if d.Place != "" {
			what += ", " + d.Place
		}
		t.row("-", d.Date, what, "", "", "", "", "")
	}
	for _, s := range r.Stages {
		for len(rest) > 0 && s.Date != "" && rest[0].Date < s.Date {
			restRow(rest[0])
			rest = rest[1:]
		}
		way := s.Start
		if s.Start != "" || s.Finish != "" {
			way = s.Start + " > " + s.Finish
		}
		mark := ""
		if s.Marathon {
			mark = "marathon"
		}
		t.row(s.Name, s.Date, way, fkm(s.LiaisonKm), fkm(s.SpecialKm), fkm(s.NeutralisedKm), fkm(s.TotalKm), mark)
	}
	for _, d := range rest {
		restRow(d)
	}
	tot := r.Totals
	t.row("total", plural(tot.Stages, "stage", "stages"), "", fkm(tot.LiaisonKm), fkm(tot.SpecialKm), fkm(tot.NeutralisedKm), fkm(tot.TotalKm), "")
	t.write(w)
}

// table lays out rows in columns two spaces apart, left-aligned, or
// right-aligned where right says so; trailing blanks are trimmed.
type table struct {
	right []bool
	rows  [][]string
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) {
	var width []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.Reset()
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i < len(t.right) && t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

package main

import (
	"encoding/json"
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
come from the file, else from --rules, else from the defaults of the
Dakar regulations (docs/roadbook.md). With --json the same is printed as
one JSON document, described in docs/info.md. If any input cannot be read,
nothing is printed but the errors, and the exit code is 1.
`,
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
			doc := newInfoDoc(inputs, opts.load.rules)
			if opts.json {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(doc); err != nil {
					return e.errorf("%v", err)
				}
				return exitOK
			}
			writeInfo(e.stdout, doc, opts.stages)
			return exitOK
		},
	}
}

// infoDoc is what info prints: the JSON document, and the source of the
// text tables.
type infoDoc struct {
	// Files lists every stage file, rally stages included, in argument
	// and manifest order.
	Files []infoFile `json:"files"`
	// Rallies lists the rally folders given, in argument order.
	Rallies []infoRally `json:"rallies"`
}

type infoFile struct {
	// inRally is true for the stage files of a rally folder.
	inRally   bool
	File      string `json:"file"`
	Version   string `json:"version,omitempty"`
	Creator   string `json:"creator,omitempty"`
	OpenRally string `json:"openrally,omitempty"`
	route.Counts
	TrackLengthM float64   `json:"track_length_m"`
	RouteLengthM float64   `json:"route_length_m"`
	TimeStart    string    `json:"time_start,omitempty"`
	TimeEnd      string    `json:"time_end,omitempty"`
	Skipped      []string  `json:"skipped,omitempty"`
	Stage        infoStage `json:"stage"`
}

type infoStage struct {
	Name          string         `json:"name"`
	LengthKm      float64        `json:"length_km"`
	HasSpecial    bool           `json:"has_special"`
	LiaisonKm     float64        `json:"liaison_km"`
	SpecialKm     float64        `json:"special_km"`
	NeutralisedKm float64        `json:"neutralised_km"`
	Sections      []infoSection  `json:"sections"`
	Waypoints     []infoWaypoint `json:"waypoints"`
	Problems      []infoProblem  `json:"problems"`
}

type infoSection struct {
	Kind     string  `json:"kind"`
	Sector   int     `json:"sector"`
	FromKm   float64 `json:"from_km"`
	ToKm     float64 `json:"to_km"`
	LengthKm float64 `json:"length_km"`
}

type infoWaypoint struct {
	Kind      string   `json:"kind"`
	Kinds     []string `json:"kinds"`
	Name      string   `json:"name"`
	Line      int      `json:"line,omitempty"`
	OnRoute   bool     `json:"on_route"`
	Km        float64  `json:"km"`
	PartialKm float64  `json:"partial_km"`
	OffsetM   float64  `json:"offset_m"`
	ClearM    float64  `json:"clear_m"`
	OpenM     float64  `json:"open_m"`
	SpeedKmh  float64  `json:"speed_kmh"`
	Danger    int      `json:"danger,omitempty"`
	// Notes is the box's text notes, "" when it has none or when they are
	// a drawing (SVG or an image).
	Notes string `json:"notes,omitempty"`
}

type infoProblem struct {
	Message  string `json:"message"`
	Line     int    `json:"line,omitempty"`
	Waypoint int    `json:"waypoint"`
}

type infoRally struct {
	Dir      string           `json:"dir"`
	Name     string           `json:"name"`
	Stages   []infoRallyStage `json:"stages"`
	RestDays []route.RestDay  `json:"rest_days"`
	Totals   infoTotals       `json:"totals"`
}

type infoRallyStage struct {
	Name          string  `json:"name"`
	File          string  `json:"file"`
	Date          string  `json:"date,omitempty"`
	Start         string  `json:"start,omitempty"`
	Finish        string  `json:"finish,omitempty"`
	LiaisonKm     float64 `json:"liaison_km"`
	SpecialKm     float64 `json:"special_km"`
	NeutralisedKm float64 `json:"neutralised_km"`
	TotalKm       float64 `json:"total_km"`
	Marathon      bool    `json:"marathon"`
}

type infoTotals struct {
	Stages        int     `json:"stages"`
	LiaisonKm     float64 `json:"liaison_km"`
	SpecialKm     float64 `json:"special_km"`
	NeutralisedKm float64 `json:"neutralised_km"`
	TotalKm       float64 `json:"total_km"`
}

// km returns metres as kilometres rounded to the metre (never -0).
func km(m float64) float64 { return math.Round(m)/1000 + 0 }

// dm returns metres rounded to the decimetre (never -0).
func dm(m float64) float64 { return math.Round(m*10)/10 + 0 }

// sumKm adds kilometres rounded to the metre, keeping three decimals exact.
func sumKm(a, b float64) float64 { return math.Round((a+b)*1000)/1000 + 0 }

func newInfoDoc(inputs []*input, rules *route.Rules) *infoDoc {
	doc := &infoDoc{Files: []infoFile{}, Rallies: []infoRally{}}
	for _, in := range inputs {
		for _, sf := range in.stages {
			f := newInfoFile(sf, rules)
			f.inRally = in.rally != nil
			doc.Files = append(doc.Files, f)
		}
		if in.rally != nil {
			doc.Rallies = append(doc.Rallies, newInfoRally(in))
		}
	}
	return doc
}

func newInfoFile(sf *stageFile, rules *route.Rules) infoFile {
	f, s := sf.file, sf.stage
	out := infoFile{
		File:         sf.path,
		Version:      f.Version,
		Creator:      f.Creator,
		OpenRally:    f.OpenRally,
		Counts:       f.Counts(),
		TrackLengthM: dm(f.TrackLength()),
		RouteLengthM: dm(f.RouteLength()),
	}
	if first, last, ok := f.TimeSpan(); ok {
		out.TimeStart = first.UTC().Format(time.RFC3339Nano)
		out.TimeEnd = last.UTC().Format(time.RFC3339Nano)
	}
	for _, err := range f.Skipped {
		out.Skipped = append(out.Skipped, err.Error())
	}
	st := infoStage{
		Name:       s.Name,
		LengthKm:   km(s.Length()),
		HasSpecial: s.HasSpecial(),
		Sections:   infoSections(s),
		Waypoints:  []infoWaypoint{},
		Problems:   []infoProblem{},
	}
	st.LiaisonKm, st.SpecialKm, st.NeutralisedKm = sectionTotals(st.Sections)
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		iw := infoWaypoint{
			Kinds:     []string{},
			Name:      w.Label(),
			Line:      w.Line,
			OnRoute:   w.OnRoute,
			Km:        km(w.Along),
			PartialKm: km(w.Along) - km(w.Along-w.Partial),
			OffsetM:   dm(w.Offset),
			SpeedKmh:  w.Speed,
			Danger:    w.Danger,
			Notes:     textNotes(w.Notes),
		}
		for _, c := range w.Controls {
			iw.Kinds = append(iw.Kinds, c.Kind.String())
		}
		if len(iw.Kinds) > 0 {
			iw.Kind = iw.Kinds[0]
		}
		r := w.Radii(rules)
		iw.ClearM, iw.OpenM = dm(r.Clear), dm(r.Open)
		st.Waypoints = append(st.Waypoints, iw)
	}
	for _, p := range s.Problems {
		st.Problems = append(st.Problems, infoProblem{Message: p.Message, Line: p.Line, Waypoint: p.Waypoint})
	}
	for i := range st.Waypoints {
		st.Waypoints[i].PartialKm = sumKm(st.Waypoints[i].PartialKm, 0)
	}
	out.Stage = st
	return out
}

// infoSections returns the stage's sections in kilometres. From and To are
// rounded to the metre and each length is To − From, so that lengths add up
// to the stage's length exactly as printed.
func infoSections(s *route.Stage) []infoSection {
	out := []infoSection{}
	for _, sec := range s.Sections {
		out = append(out, infoSection{
			Kind:     sec.Kind.String(),
			Sector:   sec.Sector,
			FromKm:   km(sec.From),
			ToKm:     km(sec.To),
			LengthKm: sumKm(km(sec.To), -km(sec.From)),
		})
	}
	return out
}

// sectionTotals adds the printed section lengths by kind.
func sectionTotals(secs []infoSection) (liaison, special, neutralised float64) {
	for _, sec := range secs {
		switch sec.Kind {
		case route.Liaison.String():
			liaison = sumKm(liaison, sec.LengthKm)
		case route.Special.String():
			special = sumKm(special, sec.LengthKm)
		case route.Neutralisation.String():
			neutralised = sumKm(neutralised, sec.LengthKm)
		}
	}
	return liaison, special, neutralised
}

func newInfoRally(in *input) infoRally {
	r := infoRally{Dir: in.path, Name: in.rally.Name, Stages: []infoRallyStage{}, RestDays: []route.RestDay{}}
	r.RestDays = append(r.RestDays, in.rally.RestDays...)
	// Totals add the rounded stage figures, so that the table's columns
	// sum to its total row.
	tot := infoTotals{}
	for i, rs := range in.rally.Stages {
		s := in.stages[i].stage
		l, sp, n := sectionTotals(infoSections(s))
		st := infoRallyStage{
			Name: rs.Name, File: rs.File, Date: rs.Date, Start: rs.Start, Finish: rs.Finish,
			LiaisonKm: l, SpecialKm: sp, NeutralisedKm: n, TotalKm: km(s.Length()),
			Marathon: rs.Marathon,
		}
		r.Stages = append(r.Stages, st)
		tot.Stages++
		tot.LiaisonKm = sumKm(tot.LiaisonKm, st.LiaisonKm)
		tot.SpecialKm = sumKm(tot.SpecialKm, st.SpecialKm)
		tot.NeutralisedKm = sumKm(tot.NeutralisedKm, st.NeutralisedKm)
		tot.TotalKm = sumKm(tot.TotalKm, st.TotalKm)
	}
	r.Totals = tot
	return r
}

// writeInfo prints doc as text tables: the rally tables first, then the
// stage files given on their own and, with stages, those of the rallies.
func writeInfo(w io.Writer, doc *infoDoc, stages bool) {
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
		if doc.Files[i].inRally && !stages {
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

// textNotes returns notes as one line of text, "" when they are a drawing
// (OpenRally notes may hold SVG or a base64 image instead of text).
func textNotes(notes string) string {
	notes = strings.Join(strings.Fields(notes), " ")
	if strings.HasPrefix(notes, "<") || strings.HasPrefix(notes, "data:") ||
		(len(notes) > 64 && !strings.Contains(notes, " ")) {
		return ""
	}
	return notes
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

func writeInfoFile(w io.Writer, f *infoFile) {
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
			plural(f.TrackPts, "point", "points"), fkm(km(f.TrackLengthM)))
		if f.Segments > 1 {
			tracks += " (gaps between segments not counted)"
		}
		t.row("  tracks", tracks)
	}
	if f.Routes == 0 {
		t.row("  routes", "none")
	} else {
		t.row("  routes", fmt.Sprintf("%s, %s: %s km", plural(f.Routes, "route", "routes"), plural(f.RoutePts, "point", "points"), fkm(km(f.RouteLengthM))))
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
	if len(f.Skipped) > 0 {
		t.row("  skipped", plural(len(f.Skipped), "bad point", "bad points")+" (--lenient)")
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

func writeInfoRally(w io.Writer, r *infoRally) {
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

// Package text writes the reports of stages and rides for people: aligned
// tables with units, as roadbook info, validate, check and lexicon print
// them. The same figures as JSON are summary.Document (info),
// roadbook.Validation (validate), route.Report (check) and lexicon.Symbol
// (lexicon).
//
// Distances along a route are in km with three decimals (info) or two
// (check), distances from it in metres, durations as "4 min 10 s" or
// "1:02:03", times of day in UTC. Output is deterministic.
package text

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/summary"
)

// WriteInfo writes doc as roadbook info prints it: the tables of its
// rallies first, then its stage files given on their own and, with stages,
// those of the rallies too (File.Rally set). It returns the first write
// error.
func WriteInfo(w io.Writer, doc *summary.Document, stages bool) error {
	ew := &errWriter{w: w}
	writeInfo(ew, doc, stages)
	return ew.err
}

// WriteRally writes a rally's table: a row a stage (date, towns, liaison,
// special, neutralised and total km, marathon), the rest days where they
// fall, and the totals. It returns the first write error.
func WriteRally(w io.Writer, r *summary.Rally) error {
	ew := &errWriter{w: w}
	writeInfoRally(ew, r)
	return ew.err
}

func writeInfo(w io.Writer, doc *summary.Document, stages bool) {
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
		if doc.Files[i].Rally != "" && !stages {
			continue
		}
		sep()
		writeInfoFile(w, &doc.Files[i])
	}
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
		tracks := fmt.Sprintf("%s, %s, %s: %s km", route.Plural(f.Tracks, "track", "tracks"), route.Plural(f.Segments, "segment", "segments"),
			route.Plural(f.TrackPts, "point", "points"), fkm(math.Round(f.TrackLengthM)/1000))
		if f.Segments > 1 {
			tracks += " (gaps between segments not counted)"
		}
		t.row("  tracks", tracks)
	}
	if f.Routes == 0 {
		t.row("  routes", "none")
	} else {
		t.row("  routes", fmt.Sprintf("%s, %s: %s km", route.Plural(f.Routes, "route", "routes"), route.Plural(f.RoutePts, "point", "points"), fkm(math.Round(f.RouteLengthM)/1000)))
	}
	if f.Waypoints == 0 {
		t.row("  waypoints", "none")
	} else {
		t.row("  waypoints", strconv.Itoa(f.Waypoints))
	}
	if f.TimeStart != "" {
		start, _ := time.Parse(time.RFC3339Nano, f.TimeStart)
		end, _ := time.Parse(time.RFC3339Nano, f.TimeEnd)
		t.row("  time", fmt.Sprintf("%s to %s (%s)", f.TimeStart, f.TimeEnd, route.HumanDuration(end.Sub(start))))
	} else {
		t.row("  time", "none")
	}
	if f.SkippedCount > 0 {
		t.row("  skipped", route.Plural(f.SkippedCount, "problem", "problems")+" (--lenient)")
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
		t = &table{align: "lrrrr"}
		t.row("SECTION", "FROM KM", "TO KM", "LENGTH KM", "ROADBOOK")
		for _, sec := range s.Sections {
			kind := sec.Label
			if kind == "" {
				kind = sec.Kind
				if sec.Sector > 0 {
					kind += " " + strconv.Itoa(sec.Sector)
				}
			}
			t.row(kind, fkm(sec.FromKm), fkm(sec.ToKm), fkm(sec.LengthKm), strconv.FormatFloat(sec.RoadbookKm, 'f', 2, 64))
		}
		t.write(w)
	}
	if len(s.Waypoints) > 0 {
		fmt.Fprintln(w)
		t = &table{align: "llrrlrrrrl"}
		t.row("KIND", "NAME", "KM", "PARTIAL KM", "ROADBOOK", "OFF ROUTE", "CLEAR M", "OPEN M", "SPEED KM/H", "NOTES")
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
			switch {
			case !wp.OnRoute && wp.HasPosition:
				offset = "no route" // a file of waypoints and no line
			case !wp.OnRoute:
				offset = "no position"
			}
			notes := shorten(wp.Notes, 40)
			if notes == "" && wp.Danger > 0 {
				notes = strings.Repeat("!", min(wp.Danger, 3))
			}
			rb := "-"
			switch {
			case wp.Closes != "":
				rb = wp.Closes + " " + strconv.FormatFloat(wp.RoadbookKm, 'f', 2, 64) + " → " + wp.Section + " 0.00"
			case wp.Section != "":
				rb = wp.Section + " " + strconv.FormatFloat(wp.RoadbookKm, 'f', 2, 64)
			}
			t.row(kind, name, fkm(wp.Km), fkm(wp.PartialKm), rb, offset, fopt(wp.ClearM, 0), fopt(wp.OpenM, 0), fopt(wp.SpeedKmh, 0), notes)
		}
		t.write(w)
	}
	if len(s.Problems) > 0 {
		fmt.Fprintf(w, "\n%s:\n", route.Plural(len(s.Problems), "problem", "problems"))
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p.Message)
		}
	}
}

func writeInfoRally(w io.Writer, r *summary.Rally) {
	fmt.Fprintf(w, "rally %s (%s)\n\n", strconv.Quote(r.Name), r.Dir)
	t := &table{align: "lllrrrrl"}
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
	t.row("total", route.Plural(tot.Stages, "stage", "stages"), "", fkm(tot.LiaisonKm), fkm(tot.SpecialKm), fkm(tot.NeutralisedKm), fkm(tot.TotalKm), "")
	t.write(w)
}

// CheckSummary returns the first line of a ride's report: the stage, then
// the wrong turns, stretches driven the wrong way, missed waypoints,
// speeding, recording gaps, whether the ride finishes, a retirement and the
// penalties, each said once.
func CheckSummary(rep *route.Report) string {
	var parts []string
	name := rep.Stage
	if name == "" {
		name = "Stage"
	}
	for _, f := range rep.Faults {
		parts = append(parts, "recording fault: "+f.Message)
	}
	switch n := len(rep.Excursions); {
	case rep.Away != nil:
		s := "never on the route"
		if a := rep.Away; a.Index >= 0 {
			s += fmt.Sprintf(" (its nearest fix, %d, is %s from it)", a.Index, chkKm(a.Distance))
		}
		parts = append(parts, s)
	case n == 0:
		parts = append(parts, "no wrong turn")
	default:
		var driven float64
		var dur time.Duration
		far := rep.Excursions[0]
		for _, x := range rep.Excursions {
			driven += x.Driven
			dur += x.Duration
			if x.MaxOffset > far.MaxOffset {
				far = x
			}
		}
		s := fmt.Sprintf("%d wrong turn%s (%s driven off route", n, chkPlural(n), chkKm(driven))
		if dur > 0 {
			s += ", " + chkHuman(dur)
		}
		s += fmt.Sprintf(", max %s from the route at km %.1f, %s)", chkKm(far.MaxOffset), far.FromKm, odo(rep, far.FromKm))
		parts = append(parts, s)
	}
	if n := len(rep.WrongWay); n > 0 {
		back := 0.0
		for _, x := range rep.WrongWay {
			back += x.FromKm - x.ToKm
		}
		word := "stretch"
		if n > 1 {
			word = "stretches"
		}
		parts = append(parts, fmt.Sprintf("%d %s driven the wrong way (%.1f km back along the route)", n, word, back))
	}
	var pen time.Duration
	for _, w := range rep.Waypoints {
		pen += w.Penalty
	}
	s := fmt.Sprintf("%d missed waypoint%s", rep.Missed, chkPlural(rep.Missed))
	if pen > 0 {
		s += " (" + chkHuman(pen) + ")"
	}
	parts = append(parts, s)
	if sp := rep.Speeding(); len(sp) == 0 {
		parts = append(parts, "no speeding")
	} else {
		var worst route.SpeedZone
		var p time.Duration
		for _, z := range sp {
			p += z.Penalty
			if z.MaxSpeed-z.Limit > worst.MaxSpeed-worst.Limit {
				worst = z
			}
		}
		s := fmt.Sprintf("speeding in %d zone%s (max %.0f km/h in a %.0f zone", len(sp), chkPlural(len(sp)), worst.MaxSpeed, worst.Limit)
		if p > 0 {
			s += ", " + chkHuman(p)
		}
		parts = append(parts, s+")")
	}
	if n := rep.GapCount; n > 0 {
		d := rep.GapTime
		s := fmt.Sprintf("%d recording gap%s", n, chkPlural(n))
		if d > 0 {
			s += " (" + chkHuman(d) + ")"
		}
		parts = append(parts, s)
	}
	if rep.NotFinishing {
		parts = append(parts, fmt.Sprintf("%d of %d WP waypoints validated (%.0f %%, under %.0f %%): counts as not finishing",
			rep.WPsValidated, rep.WPs, 100*float64(rep.WPsValidated)/float64(rep.WPs), rep.MinValidated))
	}
	if r := rep.Retired; r != nil {
		s := fmt.Sprintf("retired at km %.1f (%s)", r.Km, odo(rep, r.Km))
		if !r.Time.IsZero() {
			s += " (" + chkClock(r.Time) + ")"
		}
		parts = append(parts, s)
	}
	line := name + ": " + strings.Join(parts, "; ")
	if rep.Penalty > 0 {
		line += "; penalties " + chkHuman(rep.Penalty)
	}
	return line
}

// leftAt names the box at which an excursion left the route
// (Excursion.Waypoint): its label, else its notes as words, at most 24
// characters; "–" for none.
func leftAt(rep *route.Report, x route.Excursion) string {
	w := rep.Waypoint(x.Waypoint)
	if w == nil {
		return "–"
	}
	s := w.Label()
	if s == "" {
		s = strings.Join(strings.Fields(lexicon.Plain(w.NoteText())), " ")
	}
	if s == "" {
		return "a box"
	}
	if r := []rune(s); len(r) > 24 {
		s = string(r[:23]) + "…"
	}
	return s
}

// odo returns the roadbook odometer at km along the route, as the boxes
// print it: "special 163.10"; at a section's start, the total of the
// section it closes then the new one's 0, "liaison 1 0.50 → special 0.00";
// "–" where it is not known.
func odo(rep *route.Report, km float64) string {
	r := rep.Odometer(km)
	if r.Section < 0 {
		return "–"
	}
	s := r.Label + " " + route.Km(r.Metres)
	if r.Closed >= 0 {
		s = rep.SectionLabel(r.Closed) + " " + route.Km(r.Closing) + " → " + s
	}
	return s
}

// kmOrDash formats km with two decimals, "–" for NaN.
func kmOrDash(km float64) string {
	if math.IsNaN(km) || math.IsInf(km, 0) {
		return "–"
	}
	return fmt.Sprintf("%.2f", km)
}

func chkPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// chkKm formats metres as "850 m" or "3.2 km".
func chkKm(m float64) string {
	if m < 1000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%.1f km", m/1000)
}

// chkHuman formats a duration as "45 s", "4 min 10 s", "1 h 02 min".
func chkHuman(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s < 3600 && s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	case s < 3600:
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	default:
		return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60)
	}
}

// chkClock formats a time as "07:12:30", "" for the zero time.
func chkClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("15:04:05")
}

// chkHMS formats a duration as "1:02:03".
func chkHMS(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s%3600/60, s%60)
}

// WriteCheck writes the report of the ride named ride for people: the
// summary line (CheckSummary), the ride's fixes, distance and times, then a
// table for each of wrong turns, stretches driven the wrong way, waypoints,
// the trip meter, speed zones, sections and recording gaps that has rows,
// and the retirement and penalties. It returns the first write error.
func WriteCheck(w io.Writer, ride string, rep *route.Report) error {
	ew := &errWriter{w: w}
	writeCheck(ew, ride, rep)
	return ew.err
}

func writeCheck(w io.Writer, name string, rep *route.Report) {
	fmt.Fprintln(w, CheckSummary(rep))
	fmt.Fprintf(w, "ride %s: %d fixes, %.1f km driven", name, rep.Fixes, rep.Driven/1000)
	if !rep.Start.IsZero() {
		fmt.Fprintf(w, ", %s to %s UTC", rep.Start.UTC().Format("2006-01-02 15:04:05"), chkClock(rep.End))
	}
	fmt.Fprintf(w, "; route %.2f km", rep.RouteKm)
	if rep.Source == route.BoxSource {
		fmt.Fprintf(w, "\n  no track: the route is straight lines between the roadbook's %d boxes; wrong turns are measured against them, %.0f m off,\n"+
			"  so a road that strays farther from them between two boxes shows as one", rep.Boxes, rep.OffRoute)
	}
	fmt.Fprintln(w)
	for _, f := range rep.Faults {
		fmt.Fprintf(w, "recording fault (%s): %s\n", f.Kind, f.Message)
	}
	if a := rep.Away; a != nil && a.Index >= 0 {
		fmt.Fprintf(w, "never on the route: no fix came within %.0f m of it; the nearest, fix %d, is %s away\n", rep.OffRoute, a.Index, chkKm(a.Distance))
	}
	table := func(title, align, header string, rows [][]string) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		writeTable(w, "  ", align, append([][]string{strings.Split(header, "\t")}, rows...))
	}
	var rows [][]string
	for k, x := range rep.Excursions {
		rows = append(rows, []string{fmt.Sprint(k + 1), fmt.Sprintf("%.2f", x.FromKm), odo(rep, x.FromKm), leftAt(rep, x), fmt.Sprintf("%.2f", x.ToKm),
			odo(rep, x.ToKm), x.Rejoin.String(), fmt.Sprintf("%.0f", x.MaxOffset), fmt.Sprintf("%.0f", x.Driven),
			chkDash(chkHuman(x.Duration), x.Duration > 0), chkDash(chkClock(x.Start), true), fmt.Sprintf("%d–%d", x.First, x.Last)})
	}
	table("Wrong turns", "rrllrllrrrrr", "#\tleft km\troadbook\tleft at\tback km\troadbook\trejoined\tmax off m\tdriven m\ttime\tat\tfixes", rows)

	rows = nil
	for k, x := range rep.WrongWay {
		rows = append(rows, []string{fmt.Sprint(k + 1), fmt.Sprintf("%.2f", x.FromKm), odo(rep, x.FromKm), fmt.Sprintf("%.2f", x.ToKm),
			odo(rep, x.ToKm), fmt.Sprintf("%.2f", x.FromKm-x.ToKm), chkDash(chkHuman(x.Duration), x.Duration > 0),
			chkDash(chkClock(x.Start), true), fmt.Sprintf("%d–%d", x.First, x.Last)})
	}
	table("Driven the wrong way (against the route)", "rrlrlrrrr", "#\tturned at km\troadbook\tback to km\troadbook\tkm\ttime\tat\tfixes", rows)

	rows = nil
	for _, wp := range rep.Waypoints {
		status := "ok"
		if !wp.Validated {
			status = "MISSED"
		}
		dist := "–"
		if wp.HasDistance {
			dist = fmt.Sprintf("%.0f", wp.Distance)
		}
		pen := ""
		if wp.Penalty > 0 {
			pen = chkHuman(wp.Penalty)
		}
		rows = append(rows, []string{wp.Kind(), wp.Name, fmt.Sprintf("%.2f", wp.Km), odo(rep, wp.Km), fmt.Sprintf("%.0f", wp.Radius),
			status, chkDash(chkClock(wp.Time), wp.Validated), dist, pen})
	}
	table("Waypoints", "llrlrlrrr", "kind\tname\tkm\troadbook\tradius m\tstatus\ttime\tclosest m\tpenalty", rows)

	rows = nil
	for _, l := range rep.TripMeter {
		a, b := rep.Waypoints[l.From], rep.Waypoints[l.To]
		pct := "–"
		if l.Roadbook > 0 {
			pct = fmt.Sprintf("%+.1f", 100*l.Error()/l.Roadbook)
		}
		rows = append(rows, []string{chkWPName(a), chkWPName(b), fmt.Sprintf("%.2f", l.Roadbook/1000),
			fmt.Sprintf("%.2f", l.Driven/1000), fmt.Sprintf("%+.0f", l.Error()), pct})
	}
	table("Trip meter (recalibrated at each validated waypoint)", "llrrrr", "from\tto\troadbook km\tdriven km\terror m\terror %", rows)

	rows = nil
	for _, z := range rep.Zones {
		if !z.Entered {
			rows = append(rows, []string{fmt.Sprintf("%.2f–%.2f", z.FromKm, z.ToKm), odo(rep, z.FromKm), fmt.Sprintf("%.0f", z.Limit), "not entered", "", "", ""})
			continue
		}
		pen := ""
		if z.Penalty > 0 {
			pen = chkHuman(z.Penalty)
		}
		rows = append(rows, []string{fmt.Sprintf("%.2f–%.2f", z.FromKm, z.ToKm), odo(rep, z.FromKm), fmt.Sprintf("%.0f", z.Limit),
			fmt.Sprintf("%.1f", z.MaxSpeed), fmt.Sprintf("%.0f", z.OverDistance), chkDash(chkHuman(z.OverTime), z.OverTime > 0), pen})
	}
	table("Speed zones", "rlrrrrr", "km\tfrom roadbook\tlimit km/h\tmax km/h\tover m\tover\tpenalty", rows)

	rows = nil
	for _, s := range rep.Sections {
		kind := s.Label
		if kind == "" {
			kind = s.Kind.String()
		}
		dur, speed := "–", "–"
		if s.Complete {
			dur, speed = chkHMS(s.Duration), fmt.Sprintf("%.1f", s.Speed)
		}
		rows = append(rows, []string{kind, fmt.Sprintf("%.2f", s.FromKm), fmt.Sprintf("%.2f", s.ToKm),
			chkDash(chkClock(s.Start), !s.Start.IsZero()), chkDash(chkClock(s.End), !s.End.IsZero()), dur, speed})
	}
	table("Sections", "lrrrrrr", "section\tfrom km\tto km\tstart\tend\ttime\tkm/h", rows)
	if rep.HasSpecial {
		fmt.Fprintf(w, "special time %s", chkHMS(rep.Special))
		if rep.Neutralised > 0 {
			fmt.Fprintf(w, " (neutralisations of %s deducted)", chkHMS(rep.Neutralised))
		}
		fmt.Fprintln(w)
	}

	rows = nil
	for _, g := range rep.Gaps {
		kind := "gap"
		if g.Jump {
			kind = "jump"
		}
		rows = append(rows, []string{fmt.Sprintf("%d–%d", g.After, g.Before), kind, chkDash(chkClock(g.Start), !g.Start.IsZero()),
			chkDash(chkHuman(g.Duration), g.Duration > 0), fmt.Sprintf("%.0f", g.Distance), fmt.Sprintf("%.0f", g.Driven),
			kmOrDash(g.FromKm), odo(rep, g.FromKm), kmOrDash(g.ToKm), odo(rep, g.ToKm)})
	}
	title := "Recording gaps (from and to km: where the fixes either side lie on the route, – when off it)"
	if rep.GapCount > len(rep.Gaps) {
		title = fmt.Sprintf("Recording gaps, the first %d of %d (from and to km: where the fixes either side lie on the route, – when off it)", len(rep.Gaps), rep.GapCount)
	}
	table(title, "rlrrrrrlrl",
		"fixes\tkind\tfrom\tlength\tstraight m\tcounted m\tfrom km\troadbook\tto km\troadbook", rows)
	if rep.Spikes > 0 {
		fmt.Fprintf(w, "%d isolated GPS spike%s ignored\n", rep.Spikes, chkPlural(rep.Spikes))
	}
	if r := rep.Retired; r != nil {
		fmt.Fprintf(w, "\nretired: last matched at km %.2f (%s), last fix %d", r.Km, odo(rep, r.Km), r.Index)
		if !r.Time.IsZero() {
			fmt.Fprintf(w, " at %s", chkClock(r.Time))
		}
		fmt.Fprintln(w)
	}
	if rep.Penalty > 0 {
		fmt.Fprintf(w, "\npenalties: %s\n", chkHuman(rep.Penalty))
	}
}

// WriteComparison writes the reports of several rides, named rides, side by
// side, ranked by route.Rank: by their total, the special time plus the
// penalties; the rides it does not rank come last, in the order given,
// with its reason. It returns the first write error.
func WriteComparison(w io.Writer, rides []string, reps []*route.Report) error {
	ew := &errWriter{w: w}
	writeComparison(ew, rides, reps)
	return ew.err
}

func writeComparison(w io.Writer, names []string, reps []*route.Report) {
	fmt.Fprintf(w, "Comparison of %d rides (ranked by special time + penalties)\n", len(reps))
	table := [][]string{{"rank", "ride", "special", "penalties", "total", "gap", "wrong turns", "off route", "wrong way", "missed", "finish"}}
	for _, st := range route.Rank(reps) {
		r := reps[st.Ride]
		rank, special, total, gap := "–", "–", "–", ""
		if r.HasSpecial {
			special = chkHMS(r.Special)
		}
		if st.Rank > 0 {
			rank = fmt.Sprint(st.Rank)
			total = chkHMS(st.Total)
			if st.Behind > 0 {
				gap = "+" + chkHMS(st.Behind)
			}
		}
		off := 0.0
		for _, x := range r.Excursions {
			off += x.Driven
		}
		back := 0.0
		for _, x := range r.WrongWay {
			back += (x.FromKm - x.ToKm) * 1000
		}
		finish := "yes"
		if st.Reason != "" {
			finish = st.Reason
		}
		table = append(table, []string{rank, names[st.Ride], special, chkDash(chkHuman(r.Penalty), r.Penalty > 0), total, gap,
			fmt.Sprint(len(r.Excursions)), chkDash(chkKm(off), off > 0), chkDash(chkKm(back), back > 0), fmt.Sprint(r.Missed), finish})
	}
	writeTable(w, "  ", "rlrrrrrrrrl", table)
}

// chkWPName names a waypoint in a table: its name, else its kind.
func chkWPName(w route.WaypointCheck) string {
	if w.Name != "" {
		return w.Name
	}
	return w.Kind()
}

// chkDash returns s, or "–" when ok is false or s is empty.
func chkDash(s string, ok bool) string {
	if !ok || s == "" {
		return "–"
	}
	return s
}

// WriteProblems writes the problems roadbook.Validate found in a stage,
// named name: "NAME: ok, no problems", or "NAME: 1 error, 2 warnings" and a
// table of them (severity, box, km along the route, line in the file,
// check, message). It returns the first write error.
func WriteProblems(w io.Writer, name string, problems []roadbook.Problem) error {
	ew := &errWriter{w: w}
	if len(problems) == 0 {
		fmt.Fprintf(ew, "%s: ok, no problems\n", name)
		return ew.err
	}
	errs := 0
	for _, p := range problems {
		if p.Severity == roadbook.Error {
			errs++
		}
	}
	fmt.Fprintf(ew, "%s: %s, %s\n", name, route.Plural(errs, "error", "errors"), route.Plural(len(problems)-errs, "warning", "warnings"))
	rows := [][]string{{"SEVERITY", "BOX", "ROADBOOK", "ROUTE KM", "LINE", "CHECK", "MESSAGE"}}
	for _, p := range problems {
		box, line, km, rb := "-", "-", "-", "-"
		if p.Box > 0 {
			box = strconv.Itoa(p.Box)
		}
		if p.Line > 0 {
			line = strconv.Itoa(p.Line)
		}
		if p.Waypoint >= 0 {
			km = strconv.FormatFloat(p.Km, 'f', 2, 64)
			if p.Roadbook != "" {
				rb = p.Roadbook
			}
		}
		rows = append(rows, []string{p.Severity.String(), box, rb, km, line, p.Rule, p.Message})
	}
	writeTable(ew, "  ", "lrlrrll", rows)
	return ew.err
}

// WriteValidations writes what validate found in each stage, as roadbook
// validate prints it: a table per stage with problems (WriteProblems, the
// stage named "FILE (STAGE)"), one line per clean stage, and with several
// stages a last line of totals ("14 stages: 1 error, 3 warnings"). It
// returns the first write error.
func WriteValidations(w io.Writer, vs []roadbook.Validation) error {
	ew := &errWriter{w: w}
	errs, warns := 0, 0
	for i, v := range vs {
		errs += v.Errors
		warns += v.Warnings
		if i > 0 && (len(v.Problems) > 0 || len(vs[i-1].Problems) > 0) {
			fmt.Fprintln(ew)
		}
		name := v.File
		if v.Stage != "" {
			name += " (" + v.Stage + ")"
		}
		WriteProblems(ew, name, v.Problems)
	}
	if len(vs) > 1 {
		fmt.Fprintf(ew, "\n%s: %s, %s\n", route.Plural(len(vs), "stage", "stages"), route.Plural(errs, "error", "errors"), route.Plural(warns, "warning", "warnings"))
	}
	return ew.err
}

// WriteLexicon writes the symbols as roadbook lexicon lists them: a line
// each, under a header, with its code, abbreviation, category and meaning
// (the French term in brackets after it), in columns. It returns the first
// write error.
func WriteLexicon(w io.Writer, symbols []*lexicon.Symbol) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tABBR\tCATEGORY\tMEANING")
	for _, s := range symbols {
		meaning := s.Meaning
		if s.French != "" {
			meaning += " (" + s.French + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Code, s.Abbr, s.Category, meaning)
	}
	return tw.Flush()
}

// table lays out rows in columns two spaces apart, each left-aligned, or
// right-aligned where align has an 'r' at its index; trailing blanks are
// trimmed.
type table struct {
	align string
	rows  [][]string
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) { writeTable(w, "", t.align, t.rows) }

// WriteTable writes rows as the other reports write their tables: columns
// two spaces apart, each line starting with indent, each column
// left-aligned, or right-aligned where align has an 'r' at its index
// ("lrrl"), without trailing blanks. It returns the first write error.
func WriteTable(w io.Writer, indent, align string, rows [][]string) error {
	ew := &errWriter{w: w}
	writeTable(ew, indent, align, rows)
	return ew.err
}

func writeTable(w io.Writer, indent, align string, rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		b.WriteString(indent)
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i < len(align) && align[i] == 'r' {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// errWriter keeps the first error of its writer and writes nothing after
// it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

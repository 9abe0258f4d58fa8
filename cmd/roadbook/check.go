package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

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
    metres from the route for 3 fixes or more, where it left and came back
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
    default, min_validated_pct in the rules).

The first line of each report is a summary. With several rides, a last
table compares them, ranked by special time plus penalties. With --json
the report of one ride is one JSON document, and several rides' reports
one JSON array; --jsonl prints one report a line (JSON Lines) whatever
their number. The fields are in docs/check.md.

--rules FILE gives an event's radii, penalties, speed tolerance and share
of WPs to finish (a JSON file, see docs/check.md); what it leaves out keeps
its default. The defaults: a missed waypoint costs 15 min (WPV, WPM, WPE,
WPS, WPC), 60 min (WPN) or 2 min (WPP), other kinds nothing; speed limits
have no tolerance; a speed zone costs, by its largest excess over the
limit, 1 min (up to 10 km/h), 2 min (10 to 20), 5 min (20 to 40) or 15 min
(over 40), without a term for the time gained; a ride finishes when it
validates 70 % of the stage's WP waypoints (WPV, WPM, WPE, WPS, WPC, WPN,
WPP); and the radii below.

Exit status: 0 when every ride is clean, 3 when a ride left the route,
drove it the wrong way, earned a penalty or did not validate enough WPs to
finish, 1 when a file cannot be read, 2 on a usage error.
` + radiiHelp,
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&opts.json, "json", false, "print one JSON document instead of tables: the report of one ride, an array of several")
			fs.BoolVar(&opts.jsonl, "jsonl", false, "print JSON Lines instead of tables: one report a line, whatever the number of rides")
			fs.StringVar(&opts.rules, "rules", "", "the event's rules `FILE` (JSON: radii, penalties, speed tolerance)")
			fs.Float64Var(&opts.offRoute, "off-route", 50, "distance from the route in `metres` beyond which a fix is off route")
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
			if !(opts.offRoute > 0) {
				fmt.Fprintf(e.stderr, "roadbook check: --off-route must be a positive number of metres\n")
				return exitUsage
			}
			if !(opts.wrongWay > 0) {
				fmt.Fprintf(e.stderr, "roadbook check: --wrong-way must be a positive number of metres\n")
				return exitUsage
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
				re := &env{stdin: e.stdin, stdout: io.Discard, stderr: &rideMsgs}
				for i, name := range args[1:] {
					rides[i], rideErrs[i] = readRide(re, name, opts.load.lenient)
				}
			}()
			in, err := checkRoute(e, args[0], opts.load)
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
				if in == nil || ride == nil {
					continue
				}
				st, how := rideStage(in, ride)
				if st == nil {
					e.errorf("%s: no stage of %s has the ride's date or follows its places", rideName(args[i+1]), in.path)
					failed = true
					continue
				}
				stages[i] = st
				if len(in.stages) > 1 {
					fmt.Fprintf(e.stderr, "roadbook check: %s: checked against %q (%s)\n", rideName(args[i+1]), st.Name, how)
				}
			}
			if failed {
				return exitFailure
			}
			code := exitOK
			reps := make([]*route.Report, len(rides))
			names := make([]string, len(rides))
			for i, ride := range rides {
				rep := route.Check(stages[i], ride, co)
				reps[i] = rep
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
				writeCheck(e.stdout, names[i], rep)
			}
			if opts.json || opts.jsonl {
				if err := writeCheckJSON(e.stdout, names, reps, opts.jsonl); err != nil {
					return e.errorf("%v", e.outputError("-", err))
				}
				return code
			}
			if len(reps) > 1 {
				fmt.Fprintln(e.stdout)
				writeComparison(e.stdout, names, reps)
			}
			return code
		},
	}
}

// checkRoute loads what to check against: one stage file, or a rally
// folder whose stages the rides are matched to.
func checkRoute(e *env, name string, opts loadOptions) (*input, error) {
	ins, err := loadInputs(e, []string{name}, opts)
	if err != nil {
		return nil, err
	}
	return ins[0], nil
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
	var r io.Reader
	display := rideName(name)
	if name == "-" {
		r = e.readStdin()
	} else {
		f, err := e.open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	f, _, err := decode(e, r, display, lenient)
	if err != nil {
		return nil, err
	}
	if f.Counts().TrackPts == 0 {
		return nil, fmt.Errorf("%s: no track points: a ride is a recorded track", display)
	}
	return f, nil
}

// writeCheckJSON writes the reports, each with its ride's name first, as
// one indented JSON document: the report of one ride, an array of several.
// With lines it writes JSON Lines instead: one report a line, whatever
// their number.
func writeCheckJSON(w io.Writer, names []string, reps []*route.Report, lines bool) error {
	docs := make([]json.RawMessage, len(reps))
	for i, rep := range reps {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		q, _ := json.Marshal(names[i])
		docs[i] = append(append(append([]byte(`{"ride":`), q...), ','), b[1:]...)
	}
	var out bytes.Buffer
	switch {
	case lines:
		for _, d := range docs {
			out.Write(d)
			out.WriteByte('\n')
		}
	case len(docs) == 1:
		json.Indent(&out, docs[0], "", "  ")
		out.WriteByte('\n')
	default:
		b, err := json.MarshalIndent(docs, "", "  ")
		if err != nil {
			return err
		}
		out.Write(append(b, '\n'))
	}
	_, err := w.Write(out.Bytes())
	return err
}

// checkSummary is the report's first line.
func checkSummary(rep *route.Report) string {
	var parts []string
	name := rep.Stage
	if name == "" {
		name = "Stage"
	}
	switch n := len(rep.Excursions); n {
	case 0:
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
		s += fmt.Sprintf(", max %s from the route at km %.1f)", chkKm(far.MaxOffset), far.FromKm)
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
	if n := len(rep.Gaps); n > 0 {
		var d time.Duration
		for _, g := range rep.Gaps {
			d += g.Duration
		}
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
		s := fmt.Sprintf("retired at km %.1f", r.Km)
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

// writeCheck writes a report for people: the summary, then tables.
func writeCheck(w io.Writer, name string, rep *route.Report) {
	fmt.Fprintln(w, checkSummary(rep))
	fmt.Fprintf(w, "ride %s: %d fixes, %.1f km driven", name, rep.Fixes, rep.Driven/1000)
	if !rep.Start.IsZero() {
		fmt.Fprintf(w, ", %s to %s UTC", rep.Start.UTC().Format("2006-01-02 15:04:05"), chkClock(rep.End))
	}
	fmt.Fprintf(w, "; route %.2f km\n", rep.RouteKm)
	table := func(title, align, header string, rows [][]string) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		chkTable(w, align, append([][]string{strings.Split(header, "\t")}, rows...))
	}
	var rows [][]string
	for k, x := range rep.Excursions {
		rows = append(rows, []string{fmt.Sprint(k + 1), fmt.Sprintf("%.2f", x.FromKm), fmt.Sprintf("%.2f", x.ToKm),
			x.Rejoin.String(), fmt.Sprintf("%.0f", x.MaxOffset), fmt.Sprintf("%.0f", x.Driven),
			chkDash(chkHuman(x.Duration), x.Duration > 0), chkDash(chkClock(x.Start), true), fmt.Sprintf("%d–%d", x.First, x.Last)})
	}
	table("Wrong turns", "rrrlrrrrr", "#\tleft km\tback km\trejoined\tmax off m\tdriven m\ttime\tat\tfixes", rows)

	rows = nil
	for k, x := range rep.WrongWay {
		rows = append(rows, []string{fmt.Sprint(k + 1), fmt.Sprintf("%.2f", x.FromKm), fmt.Sprintf("%.2f", x.ToKm),
			fmt.Sprintf("%.2f", x.FromKm-x.ToKm), chkDash(chkHuman(x.Duration), x.Duration > 0),
			chkDash(chkClock(x.Start), true), fmt.Sprintf("%d–%d", x.First, x.Last)})
	}
	table("Driven the wrong way (against the route)", "rrrrrrr", "#\tturned at km\tback to km\tkm\ttime\tat\tfixes", rows)

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
		rows = append(rows, []string{wp.Kind(), wp.Name, fmt.Sprintf("%.2f", wp.Km), fmt.Sprintf("%.0f", wp.Radius),
			status, chkDash(chkClock(wp.Time), wp.Validated), dist, pen})
	}
	table("Waypoints", "llrrlrrr", "kind\tname\tkm\tradius m\tstatus\ttime\tclosest m\tpenalty", rows)

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
			rows = append(rows, []string{fmt.Sprintf("%.2f–%.2f", z.FromKm, z.ToKm), fmt.Sprintf("%.0f", z.Limit), "not entered", "", "", ""})
			continue
		}
		pen := ""
		if z.Penalty > 0 {
			pen = chkHuman(z.Penalty)
		}
		rows = append(rows, []string{fmt.Sprintf("%.2f–%.2f", z.FromKm, z.ToKm), fmt.Sprintf("%.0f", z.Limit),
			fmt.Sprintf("%.1f", z.MaxSpeed), fmt.Sprintf("%.0f", z.OverDistance), chkDash(chkHuman(z.OverTime), z.OverTime > 0), pen})
	}
	table("Speed zones", "rrrrrr", "km\tlimit km/h\tmax km/h\tover m\tover\tpenalty", rows)

	rows = nil
	for _, s := range rep.Sections {
		kind := s.Kind.String()
		if s.Sector > 0 {
			kind += fmt.Sprintf(" %d", s.Sector)
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
		rows = append(rows, []string{fmt.Sprintf("%d–%d", g.After, g.Before), chkDash(chkClock(g.Start), !g.Start.IsZero()),
			chkDash(chkHuman(g.Duration), g.Duration > 0), fmt.Sprintf("%.0f", g.Distance), fmt.Sprintf("%.2f", g.FromKm), fmt.Sprintf("%.2f", g.ToKm)})
	}
	table("Recording gaps", "rrrrrr", "fixes\tfrom\tlength\tjump m\tfrom km\tto km", rows)
	if rep.Spikes > 0 {
		fmt.Fprintf(w, "%d isolated GPS spike%s ignored\n", rep.Spikes, chkPlural(rep.Spikes))
	}
	if r := rep.Retired; r != nil {
		fmt.Fprintf(w, "\nretired: last matched at km %.2f, last fix %d", r.Km, r.Index)
		if !r.Time.IsZero() {
			fmt.Fprintf(w, " at %s", chkClock(r.Time))
		}
		fmt.Fprintln(w)
	}
	if rep.Penalty > 0 {
		fmt.Fprintf(w, "\npenalties: %s\n", chkHuman(rep.Penalty))
	}
}

// writeComparison writes the rides side by side, ranked by their total:
// the special time plus the penalties. Rides without a complete special
// time (no special on the stage, a sector not timed, a retirement) are not
// ranked and come last, in the order given.
func writeComparison(w io.Writer, names []string, reps []*route.Report) {
	type row struct {
		i      int
		ranked bool
		total  time.Duration
	}
	rows := make([]row, len(reps))
	for i, r := range reps {
		rows[i] = row{i: i, ranked: r.HasSpecial && r.Retired == nil && !r.NotFinishing, total: r.Special + r.Penalty}
	}
	sort.SliceStable(rows, func(a, b int) bool {
		ra, rb := rows[a], rows[b]
		if ra.ranked != rb.ranked {
			return ra.ranked
		}
		return ra.ranked && ra.total < rb.total
	})
	fmt.Fprintf(w, "Comparison of %d rides (ranked by special time + penalties)\n", len(reps))
	table := [][]string{{"rank", "ride", "special", "penalties", "total", "gap", "wrong turns", "off route", "wrong way", "missed", "finish"}}
	var best time.Duration
	for k, rw := range rows {
		r := reps[rw.i]
		rank, special, total, gap := "–", "–", "–", ""
		if r.HasSpecial {
			special = chkHMS(r.Special)
		}
		if rw.ranked {
			rank = fmt.Sprint(k + 1)
			total = chkHMS(rw.total)
			if k == 0 {
				best = rw.total
			} else {
				gap = "+" + chkHMS(rw.total-best)
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
		switch {
		case r.Retired != nil:
			finish = fmt.Sprintf("retired km %.1f", r.Retired.Km)
		case r.NotFinishing:
			finish = fmt.Sprintf("no: %d of %d WPs", r.WPsValidated, r.WPs)
		}
		table = append(table, []string{rank, names[rw.i], special, chkDash(chkHuman(r.Penalty), r.Penalty > 0), total, gap,
			fmt.Sprint(len(r.Excursions)), chkDash(chkKm(off), off > 0), chkDash(chkKm(back), back > 0), fmt.Sprint(r.Missed), finish})
	}
	chkTable(w, "rlrrrrrrrrl", table)
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

// chkTable writes rows as columns two spaces apart, each left ('l') or right
// ('r') aligned as align says, without trailing spaces.
func chkTable(w io.Writer, align string, rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < len(align) && align[i] == 'l' {
				line.WriteString(c + pad)
			} else {
				line.WriteString(pad + c)
			}
		}
		fmt.Fprintln(w, "  "+strings.TrimRight(line.String(), " "))
	}
}

package route

import (
	"fmt"
	"math"
	"sort"
)

// buildSections splits the route into sections from the DSS, ASS, DN and FN
// controls of the placed waypoints, in route order, and appends what does not
// pair up to problems.
//
// The route starts in a liaison. A DSS starts a special, an ASS ends it; a DN
// inside a special ends the current timed sector and starts a
// neutralisation, the FN that follows starts the next sector. Every special
// section (each sector of each special) is numbered by Sector from 1, the
// numbers continuing across several DSS/ASS pairs. Controls of one waypoint
// are taken ends first (FN, ASS) then starts (DSS, DN), so a waypoint that is
// both the ASS of one special and the DSS of the next works.
//
// What does not pair up is reported and handled so the sections stay
// sensible:
//   - a DSS inside a special (the previous DSS has no ASS) ends that special
//     and starts a new one; inside a neutralisation it ends the
//     neutralisation and starts a new special;
//   - an ASS outside a special (no DSS before it) is ignored;
//   - an ASS inside a neutralisation (DN without FN) ends both;
//   - a DN outside a special, or inside a neutralisation, is ignored; so is an
//     FN without a DN (reported, unless it is the FN of a DN outside a
//     special, reported already);
//   - a special or a neutralisation still open at the end of the route runs
//     to its end.
//
// Sections of zero length are left out, so a DSS at the route's start gives
// no liaison before it. Waypoints placed beyond the route's ends (by a
// roadbook distance) count at the nearest end. An empty route has no
// sections.
func (s *Stage) buildSections(problems []Problem) ([]Section, []Problem) {
	length := s.Length()
	clamp := func(a float64) float64 {
		if a < 0 {
			return 0
		}
		if a > length {
			return length
		}
		return a
	}
	var raw []Section
	mode := Liaison
	from, start := 0.0, -1
	dss := -1      // the DSS of the special in progress
	stray := false // a DN outside a special was ignored: its FN is too
	emit := func(to float64, end int, next SectionKind) {
		raw = append(raw, Section{Kind: mode, From: from, To: to, Start: start, End: end})
		from, start, mode = to, end, next
	}
	report := func(i int, kind ProblemKind, format string, a ...any) {
		w := &s.Waypoints[i]
		problems = append(problems, Problem{
			Kind:     kind,
			Waypoint: i,
			Line:     w.Line,
			Message:  fmt.Sprintf("%s at km %.3f ", describe(w), w.Along/1000) + fmt.Sprintf(format, a...),
		})
	}
	opener := func() string {
		if start < 0 {
			return "the route's start"
		}
		return fmt.Sprintf("km %.3f", s.Waypoints[start].Along/1000)
	}
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		// A box whose distance goes back (a roadbook without a route keeps
		// the file's order) counts where the section in progress starts.
		at := math.Max(clamp(w.Along), from)
		for _, k := range [...]Kind{FN, ASS, DSS, DN} {
			if !w.Has(k) {
				continue
			}
			switch k {
			case FN:
				switch {
				case mode == Neutralisation:
					emit(at, i, Special)
				case stray:
					stray = false // the FN of a DN already reported
				default:
					report(i, ProblemNeutralisation, "has no DN before it: ignored")
				}
			case ASS:
				switch mode {
				case Special:
					emit(at, i, Liaison)
				case Neutralisation:
					report(i, ProblemNeutralisation, "ends the special inside the neutralisation from %s, whose DN has no FN: both end here", opener())
					emit(at, i, Liaison)
				default:
					report(i, ProblemPairing, "has no DSS before it: ignored")
				}
			case DSS:
				prev := dss
				dss = i
				switch mode {
				case Liaison:
					emit(at, i, Special)
				case Special:
					report(i, ProblemPairing, "starts a special inside the special from the DSS at km %.3f, which has no ASS: the new special starts here", s.Waypoints[prev].Along/1000)
					emit(at, i, Special)
				default:
					report(i, ProblemNeutralisation, "starts a special inside the neutralisation from %s, whose DN has no FN: the new special starts here", opener())
					emit(at, i, Special)
				}
			case DN:
				switch mode {
				case Special:
					emit(at, i, Neutralisation)
				case Neutralisation:
					report(i, ProblemNeutralisation, "starts a neutralisation inside the neutralisation from %s: ignored", opener())
				default:
					report(i, ProblemNeutralisation, "is outside a special: ignored")
					stray = true
				}
			}
		}
	}
	switch mode {
	case Special:
		report(dss, ProblemPairing, "has no ASS: the special runs to the end of the route")
	case Neutralisation:
		report(start, ProblemNeutralisation, "has no FN: the neutralisation runs to the end of the route")
	}
	emit(length, -1, Liaison)

	var out []Section
	sector := 0
	for _, sec := range raw {
		if sec.To <= sec.From {
			continue
		}
		if sec.Kind == Special {
			sector++
			sec.Sector = sector
		}
		out = append(out, sec)
	}
	return out, problems
}

// HasSpecial reports whether the stage has a special section (a DSS, paired
// or not). A stage without one is liaison from start to end.
func (s *Stage) HasSpecial() bool {
	for _, sec := range s.Sections {
		if sec.Kind == Special {
			return true
		}
	}
	return false
}

// Totals returns the summed lengths, in metres, of the stage's liaison,
// special and neutralisation sections. They add up to Length.
func (s *Stage) Totals() (liaison, special, neutralised float64) {
	for _, sec := range s.Sections {
		switch sec.Kind {
		case Liaison:
			liaison += sec.Length()
		case Special:
			special += sec.Length()
		case Neutralisation:
			neutralised += sec.Length()
		}
	}
	return liaison, special, neutralised
}

// SectionAt returns the section that holds the distance along metres: the
// one with From <= along < To, the last one for along at or beyond the
// route's end, the first for along before 0. A stage without sections (an
// empty route) returns the zero Section.
func (s *Stage) SectionAt(along float64) Section {
	n := len(s.Sections)
	if n == 0 {
		return Section{}
	}
	i := sort.Search(n, func(i int) bool { return along < s.Sections[i].To })
	if i == n {
		i = n - 1
	}
	return s.Sections[i]
}

// Zone is a speed zone of a stage: from the waypoint that opens it to the
// one that closes it.
type Zone struct {
	// Kind is the control that opens the zone: DZ, or a DN or DT that is
	// also a zone (Control.Zone: OpenRally's dnz, dtz).
	Kind Kind
	// Start and End are the indexes in Stage.Waypoints of the waypoints
	// that open and close it (its FZ, FN or FT); End is -1 when the zone
	// runs to the route's end.
	Start, End int
	// From and To are distances along the route in metres.
	From, To float64
	// Limit is the speed limit in km/h (the opening waypoint's Speed); 0
	// when the file gives none.
	Limit float64
}

// buildZones pairs the stage's speed zones in route order and appends what
// does not pair up to problems (ProblemZone). A DZ opens a zone that the
// next FZ closes; a DN or a DT that is also a zone (Control.Zone) opens one
// that its FN or FT closes. A waypoint's controls are taken ends first, so
// one waypoint may close a zone and open the next. A DZ while a DZ zone is
// open closes that zone there (reported); an FZ without an open zone is
// ignored (reported); a zone open at the route's end runs to it (a DZ's is
// reported; a DN's or DT's missing end is the section pairing's to
// report). Zones are listed by where they start.
func (s *Stage) buildZones(problems []Problem) ([]Zone, []Problem) {
	length := s.Length()
	var zones []Zone
	open := map[Kind]int{} // opening kind → index in zones
	report := func(i int, format string, a ...any) {
		w := &s.Waypoints[i]
		problems = append(problems, Problem{Kind: ProblemZone, Waypoint: i, Line: w.Line,
			Message: fmt.Sprintf("%s at km %.3f ", describe(w), w.Along/1000) + fmt.Sprintf(format, a...)})
	}
	at := func(i int) float64 { return math.Min(math.Max(s.Waypoints[i].Along, 0), length) }
	closeZone := func(k Kind, i int) {
		z := &zones[open[k]]
		z.End, z.To = i, math.Max(at(i), z.From) // an end whose distance goes back ends the zone where it starts
		delete(open, k)
	}
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		for _, c := range w.Controls {
			switch {
			case c.Kind == FZ:
				if _, ok := open[DZ]; ok {
					closeZone(DZ, i)
				} else {
					report(i, "has no DZ before it: ignored")
				}
			case c.Kind == FN || c.Kind == FT:
				start := DN
				if c.Kind == FT {
					start = DT
				}
				if _, ok := open[start]; ok {
					closeZone(start, i)
				}
			}
		}
		for _, c := range w.Controls {
			if c.Kind != DZ && !((c.Kind == DN || c.Kind == DT) && c.Zone) {
				continue
			}
			if k, ok := open[c.Kind]; ok {
				if c.Kind == DZ {
					report(zones[k].Start, "has no FZ before the next DZ at km %.3f: its zone ends there", w.Along/1000)
				}
				closeZone(c.Kind, i)
			}
			open[c.Kind] = len(zones)
			zones = append(zones, Zone{Kind: c.Kind, Start: i, End: -1, From: at(i), To: length, Limit: w.Speed})
		}
	}
	if k, ok := open[DZ]; ok {
		report(zones[k].Start, "has no FZ: its zone runs to the end of the route")
	}
	return zones, problems
}

// Pair builds s.Sections and s.Zones from s.Waypoints (in route order, as
// Stage holds them) and puts their pairing problems (ProblemPairing,
// ProblemNeutralisation, ProblemZone) in s.Problems in place of any it
// held: what NewStage does, for a stage built by hand or whose waypoints
// changed. It is the one place where DSS pairs with ASS, DN with FN and a
// zone's start with its end; validation, checking and printing read its
// results.
func (s *Stage) Pair() {
	keep := s.Problems[:0:0]
	for _, p := range s.Problems {
		switch p.Kind {
		case ProblemPairing, ProblemNeutralisation, ProblemZone:
		default:
			keep = append(keep, p)
		}
	}
	s.Sections, keep = s.buildSections(keep)
	s.Zones, s.Problems = s.buildZones(keep)
}

package route

import (
	"fmt"
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
//     FN without a DN;
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
	dss := -1 // the DSS of the special in progress
	emit := func(to float64, end int, next SectionKind) {
		raw = append(raw, Section{Kind: mode, From: from, To: to, Start: start, End: end})
		from, start, mode = to, end, next
	}
	report := func(i int, format string, a ...any) {
		w := &s.Waypoints[i]
		problems = append(problems, Problem{
			Waypoint: i,
			Line:     w.Line,
			Message:  fmt.Sprintf("%s at km %.3f: ", describe(w), w.Along/1000) + fmt.Sprintf(format, a...),
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
		at := clamp(w.Along)
		for _, k := range [...]Kind{FN, ASS, DSS, DN} {
			if !w.Has(k) {
				continue
			}
			switch k {
			case FN:
				if mode == Neutralisation {
					emit(at, i, Special)
				} else {
					report(i, "FN without a DN before it: ignored")
				}
			case ASS:
				switch mode {
				case Special:
					emit(at, i, Liaison)
				case Neutralisation:
					report(i, "ASS inside the neutralisation from %s (DN without FN): both end here", opener())
					emit(at, i, Liaison)
				default:
					report(i, "ASS without a DSS before it: ignored")
				}
			case DSS:
				prev := dss
				dss = i
				switch mode {
				case Liaison:
					emit(at, i, Special)
				case Special:
					report(i, "DSS inside the special from the DSS at km %.3f (no ASS): a new special starts here", s.Waypoints[prev].Along/1000)
					emit(at, i, Special)
				default:
					report(i, "DSS inside the neutralisation from %s (DN without FN): a new special starts here", opener())
					emit(at, i, Special)
				}
			case DN:
				switch mode {
				case Special:
					emit(at, i, Neutralisation)
				case Neutralisation:
					report(i, "DN inside the neutralisation from %s: ignored", opener())
				default:
					report(i, "DN outside a special: ignored")
				}
			}
		}
	}
	switch mode {
	case Special:
		report(dss, "DSS without an ASS: the special runs to the end of the route")
	case Neutralisation:
		report(start, "DN without an FN: the neutralisation runs to the end of the route")
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

// PairingProblems returns the problems NewStage reported about DSS, ASS,
// DN and FN controls that do not pair up (a subset of s.Problems, with the
// same Waypoint and Message), so that a caller running its own pairing
// checks can leave them out instead of reporting them twice. A nil stage
// has none.
func (s *Stage) PairingProblems() []Problem {
	if s == nil {
		return nil
	}
	_, problems := s.buildSections(nil)
	return problems
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

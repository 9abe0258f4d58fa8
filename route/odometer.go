package route

import (
	"fmt"
	"math"
	"strconv"
)

// The roadbook odometer.
//
// A roadbook counts each section of a stage (a liaison, a special or one
// timed sector of it, a neutralisation) from 0 at its start, as FIA and
// FIM roadbooks do: the box at a section's start shows the total of the
// section it closes and resets to 0 for the next. Every product of the
// toolkit (the printed boxes, Google Earth, info, validate, check, the
// OpenRally export) speaks this odometer, and prints its figures to the
// roadbook's 10 m, rounded once, the same way (RoundOdo): a partial is the
// difference of two rounded readings, never a rounded difference, so the
// printed partials add up to the printed totals.

// OdoStep is the resolution of the roadbook odometer in metres: figures are
// printed in km with two decimals.
const OdoStep = 10.0

// RoundOdo returns m rounded to the nearest OdoStep (10 m), halves away
// from zero. A non-finite m is returned as it is. Every figure a roadbook
// prints goes through RoundOdo once, on a route distance or on a distance
// the file gives; differences of rounded figures need no more rounding.
func RoundOdo(m float64) float64 {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return m
	}
	return math.Round(m/OdoStep)*OdoStep + 0 // no -0
}

// Km formats metres as the roadbook prints them: rounded by RoundOdo, in km
// with two decimals ("163.10"); "–" for a non-finite value.
func Km(m float64) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return "–"
	}
	s := strconv.FormatFloat(RoundOdo(m)/1000, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// Reading is what the roadbook odometer shows at a distance along a stage's
// route.
type Reading struct {
	// Section is the index in Stage.Sections of the section the distance
	// falls in (the section that starts there, at a boundary); -1 when the
	// stage has no sections.
	Section int
	// Metres is the odometer: the distance since the section's start,
	// rounded by RoundOdo (both ends are rounded, then subtracted).
	Metres float64
	// Closed is the index in Stage.Sections of the section that ends at
	// this distance, when the distance is a section's start (to OdoStep):
	// the reset box there shows that section's total (Closing) above its 0.
	// -1 elsewhere and at the route's start.
	Closed int
	// Closing is the rounded total of the Closed section in metres; 0 when
	// Closed is -1.
	Closing float64
	// Label names the section as a roadbook does: "liaison", "special",
	// "special 2", "neutralisation", "liaison 2" (see Stage.SectionLabel).
	Label string
}

// String returns the reading as "special km 163.10" ("km 163.10" when the
// stage has no sections).
func (r Reading) String() string {
	if r.Label == "" {
		return "km " + Km(r.Metres)
	}
	return r.Label + " km " + Km(r.Metres)
}

// Odometer returns the roadbook odometer at the distance along metres from
// the start of the route: the section that holds it (From ≤ along < To, the
// last section at or beyond the route's end, the first before its start)
// and the metres since that section's start. Both the distance and the
// section's start are rounded by RoundOdo first, so two readings in one
// section differ by the rounded partial. A distance within OdoStep/2 of a
// section's start reads 0 in that section and names the closed section and
// its total. A stage without sections reads the rounded route distance.
func (s *Stage) Odometer(along float64) Reading {
	r := Reading{Section: -1, Closed: -1}
	n := len(s.Sections)
	if n == 0 {
		r.Metres = RoundOdo(math.Max(along, 0))
		return r
	}
	ra := RoundOdo(along)
	i := 0
	for i+1 < n && RoundOdo(s.Sections[i+1].From) <= ra {
		i++
	}
	sec := s.Sections[i]
	r.Section = i
	r.Label = s.SectionLabel(i)
	r.Metres = math.Max(ra-RoundOdo(sec.From), 0)
	if i > 0 && r.Metres == 0 {
		r.Closed = i - 1
		prev := s.Sections[i-1]
		r.Closing = RoundOdo(prev.To) - RoundOdo(prev.From)
	}
	return r
}

// SectionLabel returns how a roadbook names section i of the stage: its
// kind ("liaison", "special", "neutralisation"), numbered when the stage has
// more than one of that kind ("liaison 2"; a special's timed sectors by
// their Sector: "special 2"). "" for an index out of range.
func (s *Stage) SectionLabel(i int) string {
	if i < 0 || i >= len(s.Sections) {
		return ""
	}
	sec := s.Sections[i]
	count, nth := 0, 0
	for j, o := range s.Sections {
		if o.Kind == sec.Kind {
			count++
			if j <= i {
				nth++
			}
		}
	}
	if count <= 1 {
		return sec.Kind.String()
	}
	if sec.Kind == Special && sec.Sector > 0 {
		nth = sec.Sector
	}
	return fmt.Sprintf("%s %d", sec.Kind, nth)
}

// SectionTotal returns section i's length as the roadbook prints it on the
// box that closes it, in metres: RoundOdo(To) − RoundOdo(From), the route
// measured; or, when the stage's waypoints give their roadbook distances
// (a file that already is a roadbook, whose boxes print its own figures),
// the file's readings at the waypoints that open and close the section
// subtracted, across the file's own resets between them: a Tulip export
// whose ASS reads 35.95 on a track that measures 35.99 km to it has a
// special of 35.95. The route's figure when the section has no waypoint
// at an end (but the route's start, read 0), when a waypoint between gives
// no distance, or when a reset waypoint gives 0 after others (a reading
// written after its reset). NaN for an index out of range.
func (s *Stage) SectionTotal(i int) float64 {
	if i < 0 || i >= len(s.Sections) {
		return math.NaN()
	}
	sec := s.Sections[i]
	measured := RoundOdo(sec.To) - RoundOdo(sec.From)
	first, last := sec.Start, sec.End
	if last < 0 {
		// The route's end: the last waypoint when it stands there.
		last = len(s.Waypoints) - 1
		if last < 0 || math.Abs(s.Waypoints[last].Along-sec.To) > OdoStep {
			return measured
		}
	}
	if last >= len(s.Waypoints) || first >= last {
		return measured
	}
	reading := func(k int) (float64, bool) {
		w := &s.Waypoints[k]
		if !w.HasDistance || math.IsNaN(w.Distance) || math.IsInf(w.Distance, 0) || (w.Reset && w.Distance == 0 && k > 0) {
			return 0, false
		}
		return RoundOdo(w.Distance * 1000), true
	}
	after := 0.0 // the reading leaving the section's first waypoint
	if first >= 0 {
		r, ok := reading(first)
		if !ok {
			return measured
		}
		if !s.Waypoints[first].Reset {
			after = r
		}
	}
	total := 0.0
	for k := first + 1; k <= last; k++ {
		r, ok := reading(k)
		if !ok {
			return measured
		}
		if k == last || s.Waypoints[k].Reset {
			total += r - after
			after = 0
		}
	}
	if total < 0 {
		return measured
	}
	return total
}

package roadbook

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// Severity is how bad a validation problem is.
type Severity uint8

// The severities.
const (
	Warning Severity = iota + 1 // worth a look; the roadbook can be used
	Error                       // the roadbook is wrong and must be fixed
)

// String returns "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Rule names one of the checks Validate runs, as Problem.Rule gives it
// ("dss-ass", "gap", …): what organisers call a roadbook's rules. It is a
// string so that the JSON of a problem reads as it prints.
type Rule = string

// The rules Validate checks, as Problem.Rule names them.
const (
	RulePairing        = "dss-ass"        // one DSS and one ASS per special
	RuleSpeedZone      = "speed-zone"     // DZ with a speed and an FZ; FZ with none
	RuleNeutralisation = "neutralisation" // DN with an FN
	RuleOverlap        = "radius-overlap" // consecutive validation radii overlap
	RuleReentry        = "radius-reentry" // the route passes a radius more than once
	RuleFirstWaypoint  = "first-waypoint" // first waypoint too close to the start
	RuleRoute          = "route"          // a problem found placing waypoints on the route
	RuleRoadbook       = "roadbook"       // a kept box disagrees with the route
	RuleNoSpecial      = "no-special"     // the stage has no DSS or ASS at all
	RuleFar            = "far-waypoint"   // a waypoint too far from the route to be placed
	RuleGap            = "gap"            // separate tracks joined by a straight line
	RuleEmpty          = "empty"          // nothing to validate: no route, no waypoint
)

// firstWaypointMargin is the distance in metres beyond its radius that the
// first waypoint must keep from the start.
const firstWaypointMargin = 100

// Problem is one finding of Validate.
type Problem struct {
	Severity Severity `json:"severity"`
	// Rule names the check that found it (RulePairing, …); the JSON calls
	// it "check", as validate prints it.
	Rule Rule `json:"check"`
	// Box is the number of the box concerned in Build's roadbook of the
	// stage, 0 when none.
	Box int `json:"box"`
	// Waypoint is the index in Stage.Waypoints concerned, -1 for none.
	Waypoint int `json:"waypoint"`
	// Km is the distance along the route in km where the problem is
	// (from the route's start, not the odometer), 0 when the problem
	// concerns no waypoint.
	Km float64 `json:"km"`
	// Roadbook is where the problem is by the roadbook odometer, as the
	// printed box reads it ("special km 12.30", route.Stage.Odometer); ""
	// when the problem concerns no waypoint.
	Roadbook string `json:"roadbook,omitempty"`
	// Line is the line of the waypoint's <wpt> in its file, 0 when
	// unknown or when the problem concerns no waypoint.
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// String returns "error: box 12 (special km 12.30, route km 34.56):
// message", or "error: box 12 (km 34.56): message" without the roadbook
// odometer.
func (p Problem) String() string {
	if p.Roadbook != "" {
		return fmt.Sprintf("%s: box %d (%s, route km %.2f): %s", p.Severity, p.Box, p.Roadbook, p.Km, p.Message)
	}
	return fmt.Sprintf("%s: box %d (km %.2f): %s", p.Severity, p.Box, p.Km, p.Message)
}

// Validate runs on a stage the structural checks organisers run before
// publishing a roadbook (as RoadbookRally's validator lists them), with the radii of rules (nil means
// the defaults), and returns every problem found, ordered by Km then box.
// What pairs with what (DSS with ASS, DN with FN, a zone's start with its
// end) is the stage's to say (route.NewStage): Validate reports its
// findings, and adds its own checks.
//
//   - RulePairing: a DSS without its ASS before the next DSS or at all, an
//     ASS without a DSS (errors; route.ProblemPairing).
//   - RuleNeutralisation: a DN without its FN, an FN without a DN, a DN
//     outside a special (errors; route.ProblemNeutralisation).
//   - RuleSpeedZone: a DZ without an FZ before the next DZ or at all, an
//     FZ without a DZ (errors; route.ProblemZone); a DZ without a speed
//     limit (an error); an FZ that carries a speed (and no DZ), a warning.
//   - RuleFar: a waypoint too far from the route to be placed on it
//     (route.ProblemFar, Stage.Unplaced): an error, since it belongs to
//     another route or has a wrong position.
//   - RuleGap: the route joins separate tracks or segments of the file by
//     a straight line (route.ProblemGap, Stage.Joins): a warning saying
//     where and how long.
//   - RuleOverlap: the validation radii of two consecutive controls
//     overlap (the straight distance between them is under the sum of their
//     radii): an error between two waypoints (WPV…WPP), else a warning.
//   - RuleReentry: the route passes within a control's validation radius
//     more than once (passes are found on the path's geometry, a pass ending
//     where the route leaves the circle). A pass before the control's own
//     one but after the previous control (when the control is open) would
//     validate it at the wrong odometer distance: an error. A pass after its
//     own is a warning, unless a later control stands inside the radius on
//     that pass (a loop stage's finish at its start); passes before the
//     previous control are ignored, since a control only opens once the
//     previous one is validated. Not run on a route of straight lines
//     between boxes (route.BoxSource), which passes through every box.
//   - RuleFirstWaypoint: the first waypoint (WPV…WPP) after each DSS (or
//     after the route's start when there is no DSS) is closer to it than
//     100 m plus its validation radius (an error).
//   - RuleNoSpecial: no DSS and no ASS at all (a warning).
//   - RuleEmpty: the file has no track, no route and no waypoint (an
//     error: there is nothing to publish).
//   - RuleRoute, RuleRoadbook: the stage's other Problems (a waypoint
//     beyond its radius, which line is the route and why, roadbook
//     distances that disagree) and, for a kept OpenRally roadbook, its
//     boxes that disagree with the route (warnings).
//
// Box numbers are those of Build(s, Options{}). A nil stage has no
// problems.
func Validate(s *route.Stage, rules *route.Rules) []Problem {
	if s == nil {
		return nil
	}
	if s.Empty() {
		out := []Problem{{Severity: Error, Rule: RuleEmpty, Waypoint: -1,
			Message: "the file has no track, no route and no waypoint: nothing to validate"}}
		for _, p := range s.Problems {
			// What the file links to but does not hold (KML NetworkLinks):
			// why it is empty.
			out = append(out, Problem{Severity: Warning, Rule: RuleRoute, Waypoint: -1, Message: p.Message})
		}
		return out
	}
	rb := Build(s, Options{NoTulips: true})
	boxOf := make(map[int]int, len(s.Waypoints))
	for _, b := range rb.Boxes {
		if b.Waypoint >= 0 {
			if _, ok := boxOf[b.Waypoint]; !ok {
				boxOf[b.Waypoint] = b.Number
			}
		}
	}
	v := &validator{s: s, rules: rules, boxOf: boxOf}
	v.noSpecial()
	v.speeds()
	if s.Source != route.BoxSource {
		v.radii()
	}
	v.firstWaypoint()
	for _, p := range s.Problems {
		sev, check := Warning, RuleRoute
		switch p.Kind {
		case route.ProblemPairing:
			sev, check = Error, RulePairing
		case route.ProblemNeutralisation:
			sev, check = Error, RuleNeutralisation
		case route.ProblemZone:
			sev, check = Error, RuleSpeedZone
		case route.ProblemFar:
			sev, check = Error, RuleFar
		case route.ProblemGap:
			check = RuleGap
		}
		v.add(sev, check, p.Waypoint, "%s", p.Message)
		if p.Waypoint < 0 {
			v.out[len(v.out)-1].Line = p.Line
		}
	}
	for _, d := range rb.Checks {
		w := -1
		if d.Box >= 1 && d.Box <= len(rb.Boxes) {
			w = rb.Boxes[d.Box-1].Waypoint
		}
		v.add(Warning, RuleRoadbook, w, "%s", d.Message)
	}
	sort.SliceStable(v.out, func(i, j int) bool {
		if v.out[i].Km != v.out[j].Km {
			return v.out[i].Km < v.out[j].Km
		}
		return v.out[i].Box < v.out[j].Box
	})
	return v.out
}

type validator struct {
	s     *route.Stage
	rules *route.Rules
	boxOf map[int]int
	out   []Problem
}

func (v *validator) add(sev Severity, check string, wp int, format string, a ...any) {
	p := Problem{Severity: sev, Rule: check, Waypoint: wp, Message: fmt.Sprintf(format, a...)}
	if wp >= 0 && wp < len(v.s.Waypoints) {
		p.Box = v.boxOf[wp]
		p.Line = v.s.Waypoints[wp].Line
		if km := v.s.Waypoints[wp].Along / 1000; !math.IsNaN(km) && !math.IsInf(km, 0) {
			p.Km = km
			if len(v.s.Sections) > 0 {
				p.Roadbook = v.s.Odometer(km * 1000).String()
			}
		}
	} else {
		p.Waypoint = -1
	}
	v.out = append(v.out, p)
}

// name describes waypoint i for messages: "WPM 12 (km 34.56)".
func (v *validator) name(i int) string {
	w := &v.s.Waypoints[i]
	l := w.Label()
	if l == "" {
		l = fmt.Sprintf("waypoint %d", i+1)
	}
	return fmt.Sprintf("%s (km %.2f)", l, w.Along/1000)
}

// kindName describes waypoint i as a control of kind k for messages: "DSS
// (km 12.00)", or "WPM WPM 12 (km 34.56)" when its label is more than a
// control code.
func (v *validator) kindName(k route.Kind, i int) string {
	w := &v.s.Waypoints[i]
	l := w.Label()
	for _, c := range w.Controls {
		if l == c.Kind.String() {
			l = ""
		}
	}
	if l == "" {
		return fmt.Sprintf("%s (km %.2f)", k, w.Along/1000)
	}
	return fmt.Sprintf("%s %s (km %.2f)", k, l, w.Along/1000)
}

// noSpecial runs RuleNoSpecial.
func (v *validator) noSpecial() {
	for i := range v.s.Waypoints {
		if w := &v.s.Waypoints[i]; w.Has(route.DSS) || w.Has(route.ASS) {
			return
		}
	}
	if len(v.s.Waypoints) > 0 {
		v.add(Warning, RuleNoSpecial, -1, "the stage has no DSS and no ASS: no special")
	}
}

// speeds checks the speed limits of the zones: every DZ has one, an FZ
// none.
func (v *validator) speeds() {
	for i := range v.s.Waypoints {
		w := &v.s.Waypoints[i]
		if w.Has(route.DZ) && !(w.Speed > 0) {
			v.add(Error, RuleSpeedZone, i, "%s has no speed limit", v.kindName(route.DZ, i))
		}
		if w.Has(route.FZ) && w.Speed > 0 && !w.Has(route.DZ) && !w.Has(route.DT) {
			v.add(Warning, RuleSpeedZone, i, "%s carries a speed limit (%s km/h); only a DZ has one", v.kindName(route.FZ, i), trimFloat(w.Speed))
		}
	}
}

// clear returns the validation radius of waypoint w in metres (the largest
// of its controls'), 0 when it carries none.
func (v *validator) clear(w *route.Placed) float64 {
	r := 0.0
	for _, c := range w.Controls {
		r = math.Max(r, v.rules.RadiiFor(c.Kind, c.Radii).Clear)
	}
	return r
}

// radii runs RuleOverlap and RuleReentry.
func (v *validator) radii() {
	s := v.s
	var ix *geo.Index
	if s.Path != nil && len(s.Path.Line) >= 2 {
		ix = s.Index()
	}
	prev := -1 // previous control with a radius
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		r := v.clear(w)
		if r <= 0 {
			continue
		}
		if prev >= 0 && w.HasPoint && s.Waypoints[prev].HasPoint {
			p := &s.Waypoints[prev]
			rp := v.clear(p)
			if d := geo.Distance(p.Point, w.Point); d < r+rp {
				sev := Warning
				if p.IsWP() && w.IsWP() {
					sev = Error
				}
				v.add(sev, RuleOverlap, i, "the validation radius of %s (%.0f m) overlaps that of %s (%.0f m): %.0f m apart",
					v.name(i), r, v.name(prev), rp, d)
			}
		}
		if ix != nil && w.HasPoint {
			openFrom := 0.0
			if prev >= 0 {
				openFrom = s.Waypoints[prev].Along
			}
			v.reentry(ix, i, r, openFrom)
		}
		prev = i
	}
}

// pass is one passage of the route within a radius: the distance along
// the route of its nearest point, and of where it starts and ends.
type pass struct{ near, from, to, dist float64 }

// passes returns the passages of the route within r of waypoint w, in
// route order.
func passes(ix *geo.Index, p *geo.Path, w *route.Placed, r float64) []pass {
	var out []pass
	prevSeg := -2
	for _, pr := range ix.Within(w.Point, r) {
		from := p.Odo[pr.Segment]
		to := p.Odo[pr.Segment+1]
		// A pass continues through the shared vertex only when that vertex
		// is inside the circle: a segment pair may leave and come back.
		// (The 1 m allows for the plane projection that Within measures
		// with against the geodesic distance.)
		joined := pr.Segment == prevSeg+1 && len(out) > 0 && geo.Distance(p.Line[pr.Segment], w.Point) <= r+1
		prevSeg = pr.Segment
		if joined {
			last := &out[len(out)-1]
			last.to = to
			if pr.Distance() < last.dist {
				last.near, last.dist = pr.Along, pr.Distance()
			}
			continue
		}
		out = append(out, pass{near: pr.Along, from: from, to: to, dist: pr.Distance()})
	}
	return out
}

func (v *validator) reentry(ix *geo.Index, i int, r, openFrom float64) {
	w := &v.s.Waypoints[i]
	ps := passes(ix, v.s.Path, w, r)
	if len(ps) < 2 {
		return
	}
	// The waypoint's own pass: the one nearest its Along.
	own := 0
	for k, p := range ps {
		if math.Abs(p.near-w.Along) < math.Abs(ps[own].near-w.Along) {
			own = k
		}
	}
	for k, p := range ps {
		switch {
		case k < own && p.near >= openFrom:
			v.add(Error, RuleReentry, i, "the route passes within the %.0f m radius of %s at km %.2f, before reaching it: it would validate there",
				r, v.name(i), p.near/1000)
		case k > own && !v.laterControlOn(i, p, r):
			v.add(Warning, RuleReentry, i, "the route re-enters the %.0f m radius of %s at km %.2f after leaving it",
				r, v.name(i), p.near/1000)
		}
	}
}

// laterControlOn reports whether a control after waypoint i stands within r
// of it and is placed on pass p: the route comes back to i because that
// control is there (a loop stage finishing where it started).
func (v *validator) laterControlOn(i int, p pass, r float64) bool {
	w := &v.s.Waypoints[i]
	for j := i + 1; j < len(v.s.Waypoints); j++ {
		u := &v.s.Waypoints[j]
		if len(u.Controls) == 0 || !u.HasPoint || !u.OnRoute {
			continue
		}
		if u.Along >= p.from-1 && u.Along <= p.to+1 && geo.Distance(u.Point, w.Point) <= r {
			return true
		}
	}
	return false
}

// firstWaypoint runs RuleFirstWaypoint.
func (v *validator) firstWaypoint() {
	s := v.s
	// from is the start the next waypoint is measured from, if it is the
	// first after it.
	var from struct {
		pending bool
		name    string
		along   float64
		point   orb.Point
		has     bool
	}
	from.pending, from.name = true, "the start"
	if s.Path != nil && len(s.Path.Line) > 0 {
		from.point, from.has = s.Path.Line[0], true
	}
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		if w.Has(route.DSS) {
			from.pending, from.name, from.along = true, "the DSS", w.Along
			from.point, from.has = w.Point, w.HasPoint
			if !w.HasPoint && s.Path != nil && len(s.Path.Line) > 0 {
				from.point, from.has = s.Path.PointAt(w.Along), true
			}
			continue
		}
		if !from.pending || !w.IsWP() {
			continue
		}
		from.pending = false
		r := 0.0
		for _, c := range w.Controls {
			if c.Kind.IsWaypoint() {
				r = math.Max(r, v.rules.RadiiFor(c.Kind, c.Radii).Clear)
			}
		}
		d := w.Along - from.along
		if w.HasPoint && from.has {
			d = geo.Distance(from.point, w.Point)
		}
		if d < firstWaypointMargin+r {
			v.add(Error, RuleFirstWaypoint, i, "the first waypoint %s is %.0f m from %s; it must be at least %.0f m away (100 m + its %.0f m radius)",
				v.name(i), d, from.name, firstWaypointMargin+r, r)
		}
	}
}

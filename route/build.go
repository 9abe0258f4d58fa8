package route

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// StageOptions configures NewStage. The zero value is the defaults.
type StageOptions struct {
	// Name overrides the stage name (else the file's metadata name, else
	// its first track's name, else its first route's name).
	Name string
	// Rules gives the radii used to judge waypoints against the route; nil
	// means the defaults.
	Rules *Rules
	// Reach is how far from a waypoint, in metres, the route's passes are
	// considered when choosing where to place it; a waypoint's own
	// validation radius is used when larger. 0 means 250.
	Reach float64
	// Track picks one track of the file as the route, numbered from 1 in
	// file order; 0 joins every track. A number the file does not have
	// gives no route (and a ProblemSource).
	Track int
	// MaxOffset is how far from the route, in metres, a waypoint may be and
	// still be placed on it; one farther is not placed (Stage.Unplaced,
	// ProblemFar). 0 means 5000: beyond every waypoint radius in use (the
	// largest, a WPS's open radius, is 3 km in ASO's Dakar figures) and
	// far more than a roadbook box strays.
	MaxOffset float64
}

// defaultReach is StageOptions.Reach's default, metres.
const defaultReach = 250

// DefaultMaxOffset is StageOptions.MaxOffset's default, metres.
const DefaultMaxOffset = 5000.0

// passSlack is how much farther from a waypoint, in metres, than the
// nearest pass a pass may be and still be chosen for coming first.
const passSlack = 50.0

// sameSpot is how far back along the route, in metres, a pass may lie and
// still count as at the previous waypoint's position (two boxes at one
// junction).
const sameSpot = 1.0

// NewStage builds a stage from a decoded file.
//
// The route (Stage.Source says which) is:
//   - the tracks: every segment of every track joined in file order, or of
//     the one track StageOptions.Track picks. Where the file's separate
//     tracks or segments do not meet, the route joins them with a straight
//     line the file does not draw: each such line longer than JoinGap is a
//     Join and a ProblemGap naming where it is and how long;
//   - else, when the tracks have fewer than two points (none, or a single
//     fix) and the <rte> points are more, the routes joined in file order
//     (joins reported the same way). A file with both a track and a route
//     uses the track, and says so (ProblemSource);
//   - else, for a roadbook without a track (two boxes or more with both a
//     position and a distance: Rally Navigator's exports), straight lines
//     between its boxes in file order, measured by the boxes' own
//     distances: the odometer is the roadbook's (km since each reset, made
//     absolute; a reset box starts the next count at its ResetKm), and the
//     route runs on to the file's total distance when that is more (by more
//     than half the printed 10 m, OdoStep). Boxes
//     with a position but no distance are measured along the straight lines
//     between their neighbours; distances that go back, or are much shorter
//     than the straight line between two boxes, are reported
//     (ProblemDistance). Each box with a position is placed at its own
//     distance;
//   - else nothing: a stage of length 0.
//
// Other than a box line, the route is measured on WGS84 by package geo.
//
// Waypoints are placed on the route in file order. For each one, the route's
// passes within reach (Reach, or the waypoint's validation radius when
// larger) are found with a geo.Index. Of those about as near as the nearest
// (within 50 m of its distance, and within the validation radius when the
// nearest is: the parallel track of the way back is not the waypoint's), the
// first at or after the previous waypoint's position is
// chosen, so that loops, crossings and out-and-back routes place each
// waypoint on the pass where it is met. With no such pass, or none within
// reach, the nearest point of the whole route is used. A waypoint at the
// same place as the previous one stays on the same pass. A waypoint farther
// than MaxOffset from the route is not placed: it goes to Stage.Unplaced
// and is reported (ProblemFar), rather than put at the km of whatever point
// of the route happens to be nearest. A waypoint without
// a position (a distance-only OpenRally box) is placed at its roadbook
// distance, counted from the last box that reset the odometer, with OnRoute
// false; one with neither a position nor a distance is put at the previous
// waypoint's distance and reported. Without a route (no track or route
// points) the waypoints with a position are put at km 0 and reported
// together, in one problem. Stage.Waypoints is then sorted by distance along the route
// (ties in file order), and Partial is measured from the previous one.
//
// A waypoint farther from the route than its validation radius (the largest
// Clear of its controls, from the file, the rules or the defaults) is
// reported as a Problem. Waypoints without controls are not judged.
//
// Sections come from the DSS, ASS, DN and FN controls in route order: the
// route starts in a liaison; a DSS starts a special, numbered by Sector from
// 1, and an ASS ends it; a DN inside a special ends its timed sector and
// starts a neutralisation, the FN after it starts the next sector (the
// numbers go on across several specials). A waypoint's controls are taken
// ends first (FN, ASS), so one waypoint may be the ASS of a special and the
// DSS of the next. What does not pair up is reported as a Problem and
// handled so that the sections stay sensible: a DSS inside a special (no
// ASS) or inside a neutralisation (no FN) starts a new special there; an ASS
// inside a neutralisation ends both; an ASS without a DSS, a DN outside a
// special or inside a neutralisation, and an FN without a DN are ignored; a
// special or neutralisation still open at the route's end runs to it.
// Sections of zero length are left out (a DSS at the start gives no liaison
// before it); waypoints placed beyond the route's ends count at the nearest
// end. Sections always cover [0, Length] without gaps; a stage without a
// DSS is a single liaison. Speed zones (Stage.Zones) pair the same way:
// see buildZones.
//
// Problems are sorted by waypoint, in route order, those about no waypoint
// last. An empty or nil file gives an
// empty stage of length 0 without sections.
func NewStage(f *File, opts StageOptions) *Stage {
	if f == nil {
		f = &File{}
	}
	s := &Stage{File: f, Name: stageName(f, opts.Name), passes: new(passMemo)}
	j := chooseLine(f, opts)
	s.Source = j.src
	if j.odo != nil {
		s.Path = &geo.Path{Line: j.line, Odo: j.odo}
	} else {
		s.Path = geo.NewPath(j.line)
	}
	s.Ele = j.ele
	s.length = j.length
	s.lineProblems = append(j.problems, s.joinProblems(f, j.joins)...)
	if n := len(f.NetworkLinks); n > 0 {
		it := "it"
		if n > 1 {
			it = "them"
		}
		s.lineProblems = append(s.lineProblems, Problem{Kind: ProblemSource, Waypoint: -1,
			Message: fmt.Sprintf("the file links to %s it does not hold (KML NetworkLink: %s), not read: what Google Earth shows from %s is not in this stage",
				Plural(n, "document", "documents"), linkList(f.NetworkLinks), it)})
	}
	s.boxAlong = j.along
	s.finish(opts)
	return s
}

// finish places the file's waypoints on the stage's route, judges them and
// builds the sections and zones, as NewStage documents.
func (s *Stage) finish(opts StageOptions) {
	s.Problems = nil
	noRoute := s.place(s.File, opts)
	s.judge(opts.Rules)
	s.Sections, s.Problems = s.buildSections(s.Problems)
	s.Zones, s.Problems = s.buildZones(s.Problems)
	if len(s.Path.Line) < 2 && s.Source != DistanceSource && len(s.Waypoints)+len(s.Unplaced) > 0 {
		msg := "no track or route points: the sections cannot be measured"
		switch {
		case len(s.Path.Line) > 0:
			msg = "the route is a single point: the sections cannot be measured"
		case noRoute == 1:
			msg = "no track or route points: 1 waypoint cannot be placed (put at km 0) and the sections cannot be measured"
		case noRoute > 1:
			msg = fmt.Sprintf("no track or route points: %d waypoints cannot be placed (put at km 0) and the sections cannot be measured", noRoute)
		}
		s.Problems = append(s.Problems, Problem{Kind: ProblemNoRoute, Waypoint: -1, Message: msg})
	}
	s.Problems = append(s.Problems, s.lineProblems...)
	// Problems in route order; those about no waypoint last.
	key := func(p Problem) int {
		if p.Waypoint < 0 {
			return len(s.Waypoints)
		}
		return p.Waypoint
	}
	sort.SliceStable(s.Problems, func(i, j int) bool { return key(s.Problems[i]) < key(s.Problems[j]) })
}

// stageName returns the first of the override, the metadata name, the first
// track's name and the first route's name that is not empty.
func stageName(f *File, name string) string {
	if name != "" {
		return name
	}
	if f.Metadata.Name != "" {
		return f.Metadata.Name
	}
	if len(f.Tracks) > 0 && f.Tracks[0].Name != "" {
		return f.Tracks[0].Name
	}
	if len(f.Routes) > 0 {
		return f.Routes[0].Name
	}
	return ""
}

// place fills s.Waypoints (and s.Unplaced) from f's waypoints. It returns
// how many have a position but no route to be placed on (an empty route);
// those are not reported one by one, NewStage reports them once.
func (s *Stage) place(f *File, opts StageOptions) (noRoute int) {
	s.Waypoints, s.Unplaced = nil, nil
	if len(f.Waypoints) == 0 {
		return 0
	}
	reach := opts.Reach
	if reach <= 0 {
		reach = defaultReach
	}
	maxOff := opts.MaxOffset
	if !(maxOff > 0) {
		maxOff = DefaultMaxOffset
	}
	var ix *geo.Index
	if len(s.Path.Line) > 0 {
		ix = s.Index()
	}
	placed := make([]Placed, 0, len(f.Waypoints))
	cursor := 0.0 // distance of the previous waypoint in file order
	base := 0.0   // distance of the last odometer reset
	var prev orb.Point
	hasPrev := false
	var missing []int // indexes in placed without position nor distance
	for i, w := range f.Waypoints {
		w = w.Metric(f.Units)
		p := Placed{Waypoint: w, Index: i}
		switch {
		case s.Source == BoxSource && w.HasPoint:
			// A box of a roadbook without a track: the route is drawn
			// through it, at its own distance.
			p.OnRoute, p.Along = true, s.boxAlong[i]
			hasPrev = false
		case w.HasPoint && ix != nil:
			clear := validationRadius(&w, opts.Rules)
			pr := s.passes.choose(ix, w.Point, math.Max(reach, clear), clear, cursor, hasPrev && prev == w.Point)
			if d := pr.Distance(); d > maxOff {
				p.Offset = pr.Offset
				s.Unplaced = append(s.Unplaced, p)
				s.Problems = append(s.Problems, Problem{Kind: ProblemFar, Waypoint: -1, Line: w.Line,
					Message: fmt.Sprintf("%s is %s from the route: not placed (a waypoint farther than %s is not on this route)",
						describe(&p), distance(d), distance(maxOff))})
				continue
			}
			p.OnRoute, p.Along, p.Offset = true, pr.Along, pr.Offset
			prev, hasPrev = w.Point, true
		case w.HasDistance:
			p.Along = base + w.Distance*1000
			hasPrev = false
		default:
			p.Along = cursor
			missing = append(missing, i)
			hasPrev = false
		}
		if w.Reset {
			base = p.Along - w.ResetKm*1000
		}
		cursor = p.Along
		placed = append(placed, p)
	}
	if ix != nil {
		sort.SliceStable(placed, func(a, b int) bool { return placed[a].Along < placed[b].Along })
	} else {
		// Without a route the file's order is the roadbook's: a box whose
		// distance goes back without a reset stays where the file put it,
		// and is reported.
		for i := 1; i < len(placed); i++ {
			w, prev := &placed[i], &placed[i-1]
			if w.HasDistance && w.Along < prev.Along {
				s.Problems = append(s.Problems, Problem{
					Kind:     ProblemDistance,
					Waypoint: i,
					Line:     w.Line,
					Message: fmt.Sprintf("%s: roadbook distance %.3f km is less than the previous box's %.3f km without a reset: kept in file order",
						describe(w), w.Along/1000, prev.Along/1000),
				})
			}
		}
	}
	last := 0.0
	for i := range placed {
		placed[i].Partial = placed[i].Along - last
		last = placed[i].Along
	}
	s.Waypoints = placed
	if len(missing) == 0 {
		return 0
	}
	// Where each file waypoint went in route order.
	at := make([]int, len(f.Waypoints))
	for i := range placed {
		at[placed[i].Index] = i + 1
	}
	for _, fileIndex := range missing {
		i := at[fileIndex] - 1
		w := &placed[i]
		if w.HasPoint {
			noRoute++
			continue
		}
		s.Problems = append(s.Problems, Problem{
			Kind:     ProblemPlace,
			Waypoint: i,
			Line:     w.Line,
			Message:  fmt.Sprintf("%s: no position and no roadbook distance, placed at the previous waypoint's %.3f km", describe(w), w.Along/1000),
		})
	}
	return noRoute
}

// choosePass returns where q, a waypoint with validation radius clear (0
// for none), falls on the route given the previous waypoint's distance
// cursor. Of the passes within r that are about as near as the nearest
// (within passSlack of it, and within clear when the nearest is), it takes
// the best point of the first at or after cursor; with none, the nearest
// point of the route. With samePlace (q is where the previous waypoint
// was), a pass that holds cursor counts as at the cursor.
func choosePass(ix *geo.Index, q orb.Point, r, clear, cursor float64, samePlace bool) geo.Projection {
	p := ix.Path()
	if len(p.Line) < 2 {
		return ix.Nearest(q)
	}
	cands := ix.Within(q, r)
	if len(cands) == 0 {
		return ix.Nearest(q)
	}
	// Group consecutive segments into passes, each with its nearest point
	// and the range of distances it covers.
	type pass struct {
		best     geo.Projection
		from, to float64
	}
	var passes []pass
	for k, c := range cands {
		from, to := p.Odo[c.Segment], p.Odo[c.Segment+1]
		if k > 0 && c.Segment == cands[k-1].Segment+1 {
			last := &passes[len(passes)-1]
			last.to = to
			if c.Distance() < last.best.Distance() {
				last.best = c
			}
			continue
		}
		passes = append(passes, pass{best: c, from: from, to: to})
	}
	// Of the passes about as near as the nearest one (a parallel track of
	// the way back does not take a waypoint from the track it stands on),
	// the first at or after the cursor.
	dmin := math.Inf(1)
	for _, ps := range passes {
		dmin = math.Min(dmin, ps.best.Distance())
	}
	limit := dmin + passSlack
	if clear > 0 && dmin <= clear {
		// Where the crew can validate it.
		limit = math.Min(limit, clear)
	}
	for _, ps := range passes {
		if ps.best.Distance() > limit {
			continue
		}
		if ps.best.Along >= cursor-sameSpot || (samePlace && ps.from <= cursor && cursor <= ps.to) {
			return ps.best
		}
	}
	return ix.Nearest(q)
}

// validationRadius returns the largest validation radius (Clear) of w's
// controls, 0 for a waypoint without controls.
func validationRadius(w *Waypoint, rules *Rules) float64 {
	r := 0.0
	for _, c := range w.Controls {
		r = math.Max(r, rules.RadiiFor(c.Kind, c.Radii).Clear)
	}
	return r
}

// openRadius returns the largest open radius of w's controls, 0 when none
// has one.
func openRadius(w *Waypoint, rules *Rules) float64 {
	r := 0.0
	for _, c := range w.Controls {
		r = math.Max(r, rules.RadiiFor(c.Kind, c.Radii).Open)
	}
	return r
}

// Radii returns the waypoint's radii under rules (nil for the defaults): the
// largest validation radius and the largest open radius among its controls,
// in metres; both 0 for a waypoint without controls.
func (p *Placed) Radii(rules *Rules) Radii {
	return Radii{Open: openRadius(&p.Waypoint, rules), Clear: validationRadius(&p.Waypoint, rules)}
}

// describe names a waypoint for messages: its codes, its label when it
// says more, and its line: `WPM "WPM 12" (line 40)`, `DSS (line 7)`,
// `waypoint "Well"`.
func describe(w *Placed) string {
	var b strings.Builder
	for i, c := range w.Controls {
		if i > 0 {
			b.WriteByte('+')
		}
		b.WriteString(c.Kind.String())
	}
	codes := b.String()
	if codes == "" {
		b.WriteString("waypoint")
	}
	if l := w.Label(); l != "" && l != codes {
		fmt.Fprintf(&b, " %q", l)
	}
	if w.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", w.Line)
	}
	return b.String()
}

// judge reports every placed waypoint farther from the route than its
// validation radius.
func (s *Stage) judge(rules *Rules) {
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		if !w.OnRoute {
			continue
		}
		r := validationRadius(&w.Waypoint, rules)
		if r == 0 {
			continue
		}
		if d := math.Abs(w.Offset); d > r {
			s.Problems = append(s.Problems, Problem{
				Kind:     ProblemRadius,
				Waypoint: i,
				Line:     w.Line,
				Message:  fmt.Sprintf("%s is %.0f m from the route, beyond its %.0f m validation radius", describe(w), d, r),
			})
		}
	}
}

// linkList names the first few network links, for a message.
func linkList(links []string) string {
	const most = 3
	var b strings.Builder
	for i, l := range links[:min(len(links), most)] {
		if i > 0 {
			b.WriteString(", ")
		}
		if r := []rune(l); len(r) > 80 {
			l = string(r[:77]) + "…"
		}
		b.WriteString(l)
	}
	if len(links) > most {
		fmt.Fprintf(&b, " and %d more", len(links)-most)
	}
	return b.String()
}

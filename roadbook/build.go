package roadbook

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// Options configures Build. The zero value is the defaults, the automatic
// box rules: a box at each turn of TurnAngle or more, and the others
// below.
type Options struct {
	// TurnAngle is the smallest turn, in degrees, that makes a box from the
	// geometry alone; 0 means 45.
	TurnAngle float64
	// TurnWindow is the distance in metres before and after a point over
	// which its turn angle is measured; 0 means 25.
	TurnWindow float64
	// MinSpacing is the smallest distance in metres between a turn box and
	// any other box; 0 means 80.
	MinSpacing float64
	// CapDistance is the distance in metres after a box to the point its
	// CAP aims at; 0 means 35.
	CapDistance float64
	// CloseDistance: a box is marked Close when the previous box is
	// closer than this many metres (FIA: 300 m); 0 means 300.
	CloseDistance float64
	// TulipRadius is the distance in metres around a box that its tulip
	// shows; 0 means 50.
	TulipRadius float64
	// NoReset keeps the odometer running from the route's start through
	// every section (by default it restarts from 0 at the start of each
	// section: the DSS, the ASS, a DN, an FN). Resets written in the file
	// still apply.
	NoReset bool
	// NoStub leaves out the dashed straight-on stub drawn in the tulips of
	// turn boxes.
	NoStub bool
	// Tracks are other tracks around the route (NewTracks), drawn thin in
	// every tulip they pass through. A turn's tulip gets the dashed
	// straight-on stub only where no other track passes.
	Tracks *Tracks
	// NoTulips leaves Box.Tulip nil (validation does not need them).
	NoTulips bool
	// Rebuild builds boxes from the geometry even when the stage's file is
	// already a roadbook (OpenRally waypoints with distances).
	Rebuild bool
	// CheckDistance is the largest difference in metres between a kept
	// box's distance and the route's odometer before Check reports it;
	// 0 means 50.
	CheckDistance float64
	// CheckCap is the largest difference in degrees between a kept box's
	// CAP and the route's before Check reports it; 0 means 10.
	CheckCap float64

	// routeSurface is the surface of the route's own track (its type in
	// the file), for the tulips' legs that no other track tells.
	routeSurface tulip.Surface
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if !(*v > 0) {
			*v = d
		}
	}
	def(&o.TurnAngle, 45)
	def(&o.TurnWindow, 25)
	def(&o.MinSpacing, 80)
	def(&o.CapDistance, 35)
	def(&o.CloseDistance, 300)
	def(&o.TulipRadius, 50)
	def(&o.CheckDistance, 50)
	def(&o.CheckCap, 10)
	return o
}

// mergeEnds is the distance in metres within which a waypoint at the start
// or the end of the route stands for the start or finish box.
const mergeEnds = 10

// Box kinds, for generated notes.
const (
	fromTurn = iota
	fromStart
	fromWaypoint
	fromFinish
)

// Build returns the roadbook of a stage.
//
// When the stage's waypoints carry roadbook distances (an OpenRally
// roadbook, Waypoint.HasDistance on any waypoint) and opts.Rebuild is false,
// the file's boxes are kept, one per waypoint with its distance, CAP, notes
// and tulip, and only checked against the route (Book.Checks).
//
// Otherwise the boxes are, in route order: the start; one per placed
// waypoint (with all its controls); one at every turn of at least
// opts.TurnAngle found in the geometry; the finish. A waypoint within 10 m
// of the start or the end stands for the start or finish box. A turn
// within opts.TurnWindow of a waypoint box is that box's turn; other turn
// boxes keep opts.MinSpacing from every box, the sharpest turns first. The
// odometer restarts at each DSS unless opts.NoReset, and at every waypoint
// whose file sets reset.
//
// Build runs in time linear in the number of route points plus n log n in
// the number of boxes. A stage with no route (nil or empty Path) gets boxes
// for its waypoints at their Along with Turn 0, no tulips, and no CAP but the
// file's. A box's CAP is the file's when its waypoint gives one, else it is
// measured on the route (Box.CapMeasured). Build never fails: a nil stage
// gives an empty roadbook.
func Build(s *route.Stage, opts Options) *Book {
	rb := &Book{Stage: s}
	if s == nil {
		return rb
	}
	o := opts.withDefaults()
	if s.File != nil && len(s.File.Tracks) > 0 {
		o.routeSurface = TrackSurface(s.File.Tracks[0].Type)
	}
	g := newGeom(s.Path)
	kept := false
	if !o.Rebuild {
		for i := range s.Waypoints {
			if s.Waypoints[i].HasDistance {
				kept = true
				break
			}
		}
	}
	if kept {
		rb.Kept = true
		rb.Boxes = keptBoxes(s, g, o)
		odometer(s, rb.Boxes, kept)
		rb.Checks = check(s, rb.Boxes, g, o)
	} else {
		rb.Boxes = builtBoxes(s, g, o)
		odometer(s, rb.Boxes, kept)
	}
	for i := range rb.Boxes {
		b := &rb.Boxes[i]
		b.Number = i + 1
		b.Close = i > 0 && b.Partial < o.CloseDistance
		if !o.NoTulips && g.ok() {
			next := math.Inf(1)
			if i+1 < len(rb.Boxes) {
				next = rb.Boxes[i+1].Along - b.Along
			}
			prev := math.Inf(1)
			if i > 0 {
				prev = b.Along - rb.Boxes[i-1].Along
			}
			b.Tulip = g.tulip(b.Along, o, b.Turn != 0, prev, next)
		}
	}
	return rb
}

// builtBoxes makes the boxes from the waypoints and the geometry.
func builtBoxes(s *route.Stage, g *geom, o Options) []Box {
	length := g.length()
	type fixed struct {
		along float64
		from  int
		wp    int
	}
	var fx []fixed
	startMerged, finishMerged := false, false
	for i := range s.Waypoints {
		a := s.Waypoints[i].Along
		if g.ok() {
			a = clamp(a, 0, length)
		} else {
			a = finite(math.Max(a, 0))
		}
		if a <= mergeEnds {
			startMerged = true
		}
		if length-a <= mergeEnds && g.ok() {
			finishMerged = true
		}
		fx = append(fx, fixed{a, fromWaypoint, i})
	}
	if !startMerged {
		fx = append(fx, fixed{0, fromStart, -1})
	}
	if !finishMerged && g.ok() {
		fx = append(fx, fixed{length, fromFinish, -1})
	}
	sort.SliceStable(fx, func(i, j int) bool {
		if fx[i].along != fx[j].along {
			return fx[i].along < fx[j].along
		}
		return rank(fx[i].from) < rank(fx[j].from)
	})

	boxes := make([]Box, 0, len(fx)+16)
	origin := make([]int, 0, len(fx)+16)
	for _, f := range fx {
		b := Box{Along: f.along, Waypoint: f.wp}
		if f.from == fromWaypoint {
			w := &s.Waypoints[f.wp]
			b.Controls = append([]route.Control(nil), w.Controls...)
			b.Speed = w.Speed
			b.Danger = clampInt(w.Danger, 0, 3)
			b.Reset = w.Reset || (!o.NoReset && opensSection(s, f.wp))
			b.Notes = w.NoteText()
			b.TulipData = w.Tulip
			b.Stop = w.Stop
			if w.HasCap {
				b.Cap, b.HasCap = normCap(w.Cap), true
			}
		}
		boxes = append(boxes, b)
		origin = append(origin, f.from)
	}

	// Turns found in the geometry: merge into a fixed box within the
	// window, else keep the spacing, sharpest first.
	turns := g.turns(o)
	sort.SliceStable(turns, func(i, j int) bool { return math.Abs(turns[i].angle) > math.Abs(turns[j].angle) })
	taken := make([]float64, 0, len(boxes)+len(turns)) // sorted alongs of every box
	for _, b := range boxes {
		taken = append(taken, b.Along)
	}
	var added []Box
	for _, t := range turns {
		// Nearest fixed box.
		k := sort.Search(len(boxes), func(i int) bool { return boxes[i].Along >= t.along })
		near := -1
		for _, c := range []int{k - 1, k} {
			if c >= 0 && c < len(boxes) && math.Abs(boxes[c].Along-t.along) <= o.TurnWindow &&
				(near < 0 || math.Abs(boxes[c].Along-t.along) < math.Abs(boxes[near].Along-t.along)) {
				near = c
			}
		}
		if near >= 0 {
			if boxes[near].Turn == 0 {
				boxes[near].Turn = t.angle
			}
			continue
		}
		j := sort.SearchFloat64s(taken, t.along)
		if (j < len(taken) && taken[j]-t.along < o.MinSpacing) || (j > 0 && t.along-taken[j-1] < o.MinSpacing) {
			continue
		}
		taken = append(taken, 0)
		copy(taken[j+1:], taken[j:])
		taken[j] = t.along
		added = append(added, Box{Along: t.along, Turn: t.angle, Waypoint: -1})
	}
	for range added {
		origin = append(origin, fromTurn)
	}
	boxes = append(boxes, added...)
	idx := make([]int, len(boxes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if boxes[idx[a]].Along != boxes[idx[b]].Along {
			return boxes[idx[a]].Along < boxes[idx[b]].Along
		}
		return idx[a] < idx[b]
	})
	out := make([]Box, len(boxes))
	for n, i := range idx {
		b := boxes[i]
		b.Point = g.at(b.Along)
		if !b.HasCap && g.ok() {
			b.Cap, b.HasCap, b.CapMeasured = g.cap(b.Along, o.CapDistance), true, true
		}
		if b.Notes == "" {
			var w *route.Waypoint
			if b.Waypoint >= 0 {
				w = &s.Waypoints[b.Waypoint].Waypoint
			}
			b.Notes = generatedNote(w, origin[i], b.Turn, finishMerged && b.Waypoint >= 0 && g.length()-b.Along <= mergeEnds)
			b.NoteGenerated = true
		}
		out[n] = b
	}
	return out
}

func rank(from int) int {
	switch from {
	case fromStart:
		return 0
	case fromWaypoint:
		return 1
	}
	return 2
}

// keptBoxes makes one box per waypoint of a file that already is a
// roadbook.
func keptBoxes(s *route.Stage, g *geom, o Options) []Box {
	boxes := make([]Box, 0, len(s.Waypoints))
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		b := Box{
			Along:     finite(w.Along),
			Waypoint:  i,
			Controls:  append([]route.Control(nil), w.Controls...),
			Speed:     w.Speed,
			Danger:    clampInt(w.Danger, 0, 3),
			Reset:     w.Reset,
			Notes:     w.NoteText(),
			TulipData: w.Tulip,
			Stop:      w.Stop,
		}
		if w.HasPoint {
			b.Point = w.Point
		}
		if w.OnRoute || !w.HasPoint {
			b.Point = g.at(w.Along)
		}
		switch {
		case w.HasCap:
			b.Cap, b.HasCap = normCap(w.Cap), true
		case g.ok():
			b.Cap, b.HasCap, b.CapMeasured = g.cap(b.Along, o.CapDistance), true, true
		}
		if g.ok() {
			if t := g.turnAt(b.Along, o.TurnWindow); math.Abs(t) >= o.TurnAngle {
				b.Turn = g.wholeTurn(b.Along, t, o.TurnWindow)
			}
		}
		if b.Notes == "" {
			from := fromWaypoint
			if i == 0 && len(w.Controls) == 0 && b.Along <= mergeEnds {
				from = fromStart
			}
			b.Notes = generatedNote(&w.Waypoint, from, b.Turn, i == len(s.Waypoints)-1 && g.ok() && g.length()-b.Along <= mergeEnds)
			b.NoteGenerated = true
		}
		boxes = append(boxes, b)
	}
	return boxes
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) || v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// finite returns v, or 0 when v is NaN or infinite.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// normCap rounds a bearing to whole degrees in [0, 360).
func normCap(d float64) float64 {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0
	}
	c := math.Mod(math.Round(d), 360)
	if c < 0 {
		c += 360
	}
	return c + 0 // no -0
}

// geom is the route geometry with the helpers Build needs.
type geom struct {
	p *geo.Path
}

func newGeom(p *geo.Path) *geom { return &geom{p: p} }

// ok reports whether the route has at least two points and a length.
func (g *geom) ok() bool { return g.p != nil && len(g.p.Line) >= 2 && g.p.Length() > 0 }

func (g *geom) length() float64 { return g.p.Length() }

// at returns the point at distance d, the zero point without a route.
func (g *geom) at(d float64) orb.Point {
	if g.p == nil || len(g.p.Line) == 0 {
		return orb.Point{}
	}
	return g.p.PointAt(d)
}

// cap returns the CAP at distance d: the true bearing from the point at d to
// the point ahead metres further, in whole degrees; at the end of the route,
// the bearing of the last ahead metres. 0 without a route.
func (g *geom) cap(d, ahead float64) float64 {
	if !g.ok() {
		return 0
	}
	l := g.length()
	a, b := d, d+ahead
	if b > l {
		a, b = l-ahead, l
		if a < 0 {
			a = 0
		}
	}
	return normCap(geo.Bearing(g.p.PointAt(a), g.p.PointAt(b)))
}

// opensSection reports whether waypoint i of the stage opens a section
// other than the first (a DSS, an ASS, a DN, an FN that the stage's
// section pairing took).
func opensSection(s *route.Stage, i int) bool {
	for k, sec := range s.Sections {
		if k > 0 && sec.Start == i && i >= 0 {
			return true
		}
	}
	return false
}

// odometer sets the figures of the boxes, in order, by the roadbook
// odometer (route.Stage.Odometer): Total is the reading arriving at the
// box, rounded once to route.OdoStep, counted from the last box that reset
// it; a box that resets shows the total of the section it closes and the
// next box counts from 0; Partial is the difference of the readings, so
// the printed partials add up to the printed totals. A kept box's Total is
// the file's distance (rounded the same way), except for a reset box whose
// file distance is 0 after other boxes (a file that wrote the reading after
// its reset): its Total is measured on the route and DistanceMeasured is
// set. Section is the section the box reads in after it.
func odometer(s *route.Stage, boxes []Box, kept bool) {
	base := 0.0 // rounded route distance of the last reset
	after := 0.0
	for i := range boxes {
		b := &boxes[i]
		ra := route.RoundOdo(finite(b.Along))
		measured := ra - base
		b.Total = measured
		if kept && b.Waypoint >= 0 && b.Waypoint < len(s.Waypoints) {
			w := &s.Waypoints[b.Waypoint]
			switch {
			case !w.HasDistance:
				b.DistanceMeasured = true
			case b.Reset && w.Distance == 0 && i > 0:
				b.DistanceMeasured = true
			default:
				b.Total = route.RoundOdo(finite(w.Distance * 1000))
			}
		}
		b.Partial = b.Total - after
		if i == 0 {
			b.Partial = 0
		}
		after = b.Total
		if b.Reset {
			base, after = ra, 0
		}
		b.Section = s.Odometer(b.Along).Section
	}
}

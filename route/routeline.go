package route

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// JoinGap is the length in metres beyond which a straight line that a
// stage's route adds between two tracks, routes or segments of its file is
// reported (Stage.Joins, ProblemGap): a shorter one is a recording's
// hiccup, narrower than a ride's off-route threshold.
const JoinGap = 50.0

// piece is a run of points of the file that the route takes whole: a track
// segment or a route's points.
type piece struct {
	seg            *Segment
	track, segment int // from 1
}

// joined is a route line made of pieces, with what NewStage reports about
// the choice.
type joined struct {
	line  orb.LineString
	ele   []float64
	odo   []float64 // the boxes' distances for BoxSource, else nil
	src   Source
	joins []joinAt
	// along holds, for BoxSource, each file waypoint's distance on the
	// line (NaN for those not on it).
	along []float64
	// length is a DistanceSource route's length, metres.
	length   float64
	problems []Problem
}

// joinAt is a Join before the route is measured: the vertex where it
// starts.
type joinAt struct {
	vertex int
	j      Join
}

func countPieces(ps []piece) int {
	n := 0
	for _, p := range ps {
		n += len(p.seg.Points)
	}
	return n
}

// chooseLine chooses what the stage's route is drawn from (see NewStage)
// and joins its pieces in file order.
func chooseLine(f *File, opts StageOptions) joined {
	var out joined
	note := func(kind ProblemKind, format string, a ...any) {
		out.problems = append(out.problems, Problem{Kind: kind, Waypoint: -1, Message: fmt.Sprintf(format, a...)})
	}
	var trk, rte []piece
	for i := range f.Tracks {
		if opts.Track > 0 && i+1 != opts.Track {
			continue
		}
		for j := range f.Tracks[i].Segments {
			if len(f.Tracks[i].Segments[j].Points) > 0 {
				trk = append(trk, piece{&f.Tracks[i].Segments[j], i + 1, j + 1})
			}
		}
	}
	for i := range f.Routes {
		if len(f.Routes[i].Points.Points) > 0 {
			rte = append(rte, piece{f.Routes[i].Road(), i + 1, 1})
		}
	}
	nt, nr := countPieces(trk), countPieces(rte)
	var use []piece
	switch {
	case opts.Track > 0 && opts.Track > len(f.Tracks):
		note(ProblemSource, "track %d asked for, but the file has %s: no route", opts.Track, Plural(len(f.Tracks), "track", "tracks"))
		return out
	case opts.Track > 0 && nt < 2:
		note(ProblemSource, "track %d%s has %s: no route", opts.Track, trackName(f, opts.Track), Plural(nt, "point", "points"))
		return out
	case opts.Track > 0:
		use, out.src = trk, TrackSource
		if n := len(f.Tracks); n > 1 {
			note(ProblemSource, "the route is track %d%s, as asked; the file's %s are not used", opts.Track, trackName(f, opts.Track),
				Plural(n-1, "other track", "other tracks"))
		}
	case nt >= 2:
		use, out.src = trk, TrackSource
		if nr >= 2 {
			note(ProblemSource, "the file has a track (%s) and a route (<rte>, %s): the track is the stage's route, as the way recorded or drawn point by point; the <rte> is not used",
				Plural(nt, "point", "points"), Plural(nr, "point", "points"))
		}
	case nr > nt:
		use, out.src = rte, ItinerarySource
		if nt == 1 {
			note(ProblemSource, "the file's track is a single point: its route (<rte>, %s) is the stage's route", Plural(nr, "point", "points"))
		}
	default:
		if boxes(f) >= 2 {
			out.boxLine(f)
			return out
		}
		if nt == 0 && nr == 0 && out.distances(f) {
			return out
		}
		// A single point, or nothing.
		switch {
		case nt > 0:
			use, out.src = trk, TrackSource
		case nr > 0:
			use, out.src = rte, ItinerarySource
		}
	}
	n, hasEle := 0, false
	for _, p := range use {
		n += len(p.seg.Points)
		hasEle = hasEle || p.seg.Ele != nil
	}
	if n == 0 {
		return out
	}
	if len(use) == 1 {
		// The common case, one segment: share its slices rather than copy
		// them (a 1M-point stage saves 24 MB). Stage documents that its
		// route is not to be changed.
		out.line, out.ele = use[0].seg.Points, use[0].seg.Ele
		return out
	}
	out.line = make(orb.LineString, 0, n)
	if hasEle {
		out.ele = make([]float64, 0, n)
	}
	for k, p := range use {
		if k > 0 {
			prev := use[k-1]
			a, b := out.line[len(out.line)-1], p.seg.Points[0]
			if d := geo.Distance(a, b); d > JoinGap {
				out.joins = append(out.joins, joinAt{vertex: len(out.line) - 1, j: Join{Length: d,
					FromTrack: prev.track, FromSegment: prev.segment, ToTrack: p.track, ToSegment: p.segment}})
			}
		}
		out.line = append(out.line, p.seg.Points...)
		if !hasEle {
			continue
		}
		if p.seg.Ele != nil {
			out.ele = append(out.ele, p.seg.Ele...)
		} else {
			for range p.seg.Points {
				out.ele = append(out.ele, math.NaN())
			}
		}
	}
	return out
}

// trackName returns ` "name"` for track n (from 1) of f, "" when it has
// none.
func trackName(f *File, n int) string {
	if n < 1 || n > len(f.Tracks) || f.Tracks[n-1].Name == "" {
		return ""
	}
	return fmt.Sprintf(" %q", f.Tracks[n-1].Name)
}

// boxes returns how many of f's waypoints are roadbook boxes with both a
// position and a distance.
func boxes(f *File) int {
	n := 0
	for i := range f.Waypoints {
		if w := &f.Waypoints[i]; w.HasPoint && w.HasDistance {
			n++
		}
	}
	return n
}

// joinProblems measures the joins on the route and reports each.
func (s *Stage) joinProblems(f *File, js []joinAt) []Problem {
	var out []Problem
	for _, ja := range js {
		j := ja.j
		j.Along = s.Path.Odo[ja.vertex]
		s.Joins = append(s.Joins, j)
		var what string
		switch {
		case s.Source == ItinerarySource:
			what = fmt.Sprintf("from the end of route %d to the start of route %d: the file's separate routes are joined in file order", j.FromTrack, j.ToTrack)
		case j.FromTrack != j.ToTrack:
			what = fmt.Sprintf("from the end of track %d%s to the start of track %d%s: the file's separate tracks are joined in file order",
				j.FromTrack, trackName(f, j.FromTrack), j.ToTrack, trackName(f, j.ToTrack))
		default:
			what = fmt.Sprintf("from the end of segment %d to the start of segment %d of track %d%s: the track's segments are joined in file order",
				j.FromSegment, j.ToSegment, j.FromTrack, trackName(f, j.FromTrack))
		}
		out = append(out, Problem{Kind: ProblemGap, Waypoint: -1,
			Message: fmt.Sprintf("gap at km %.3f: a straight line of %s %s", j.Along/1000, distance(j.Length), what)})
	}
	return out
}

// distance formats metres for messages: "850 m", "12.7 km".
func distance(m float64) string {
	if m < 1000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%.1f km", m/1000)
}

// boxLine makes the route of a roadbook without a track: its boxes with a
// position, in file order, joined by straight lines and measured by their
// own distances (km since the last reset, made absolute), the file's total
// extending the last. A box with a position and no distance is measured
// along the straight lines between the boxes around it, and reported.
func (out *joined) boxLine(f *File) {
	out.src = BoxSource
	out.along = make([]float64, len(f.Waypoints))
	type box struct {
		i     int // file index
		p     orb.Point
		along float64 // NaN when the file gives no distance
	}
	var bs []box
	base := 0.0
	for i := range f.Waypoints {
		w := f.Waypoints[i].Metric(f.Units)
		out.along[i] = math.NaN()
		along := math.NaN()
		if w.HasDistance {
			along = base + w.Distance*1000
		}
		if w.Reset && !math.IsNaN(along) {
			base = along - w.ResetKm*1000
		}
		if w.HasPoint {
			bs = append(bs, box{i, w.Point, along})
		}
	}
	// Boxes without a distance: along the straight lines from the boxes
	// around them that have one (the one before may have been measured so
	// just before). line[k] is the length of the straight lines from the
	// first box to box k, next[k] the first box after k that the file
	// gives a distance (-1 for none): one pass each way, so that many
	// boxes without distances cost no more than boxes with them.
	line := make([]float64, len(bs))
	for k := 1; k < len(bs); k++ {
		line[k] = line[k-1] + geo.Distance(bs[k-1].p, bs[k].p)
	}
	next := make([]int, len(bs))
	for k, n := len(bs)-1, -1; k >= 0; k-- {
		next[k] = n
		if !math.IsNaN(bs[k].along) {
			n = k
		}
	}
	p := -1 // the last box before k with a distance
	for k := range bs {
		if !math.IsNaN(bs[k].along) {
			p = k
			continue
		}
		switch n := next[k]; {
		case p >= 0 && n >= 0:
			a, b := line[k]-line[p], line[n]-line[k]
			t := 0.5
			if a+b > 0 {
				t = a / (a + b)
			}
			bs[k].along = bs[p].along + t*(bs[n].along-bs[p].along)
		case p >= 0:
			bs[k].along = bs[p].along + line[k] - line[p]
		default:
			bs[k].along = math.Max(0, bs[n].along-(line[n]-line[k]))
		}
		p = k
		w := &f.Waypoints[bs[k].i]
		out.problems = append(out.problems, Problem{Kind: ProblemDistance, Waypoint: -1, Line: w.Line,
			Message: fmt.Sprintf("box %d%s has a position but no distance: put at km %.3f, measured along the straight lines between the boxes",
				bs[k].i+1, quoted(w.Label()), bs[k].along/1000)})
	}
	for k := 1; k < len(bs); k++ {
		prev, cur := &bs[k-1], &bs[k]
		w := &f.Waypoints[cur.i]
		switch straight := geo.Distance(prev.p, cur.p); {
		case cur.along < prev.along:
			out.problems = append(out.problems, Problem{Kind: ProblemDistance, Waypoint: -1, Line: w.Line,
				Message: fmt.Sprintf("box %d%s: its distance, km %.3f, is before the previous box's km %.3f: taken as km %.3f",
					cur.i+1, quoted(w.Label()), cur.along/1000, prev.along/1000, prev.along/1000)})
			cur.along = prev.along
		case cur.along-prev.along < 0.9*straight-50:
			out.problems = append(out.problems, Problem{Kind: ProblemDistance, Waypoint: -1, Line: w.Line,
				Message: fmt.Sprintf("box %d%s: %s from the previous box by its distances, but %s in a straight line",
					cur.i+1, quoted(w.Label()), distance(cur.along-prev.along), distance(straight))})
		}
	}
	n := len(bs)
	out.line = make(orb.LineString, 0, n+2)
	out.odo = make([]float64, 0, n+2)
	if bs[0].along > 0 {
		// The route before the first box is not known: it starts there.
		out.line = append(out.line, bs[0].p)
		out.odo = append(out.odo, 0)
	}
	for _, b := range bs {
		out.line = append(out.line, b.p)
		out.odo = append(out.odo, b.along)
		out.along[b.i] = b.along
	}
	last := bs[n-1].along
	if f.HasTotal {
		total := f.TotalKm * 1000
		if f.Units == "statute" {
			total *= MileKm
		}
		switch {
		case total > last+OdoStep/2:
			// The route after the last box is not known either. (A total
			// within the printed 10 m of the last box's figure is that
			// figure: Tulip writes 35.95 for a last box at 35.949, which
			// would give a 1 m section after the ASS.)
			out.line = append(out.line, bs[n-1].p)
			out.odo = append(out.odo, total)
		case total < last-OdoStep:
			out.problems = append(out.problems, Problem{Kind: ProblemDistance, Waypoint: -1,
				Message: fmt.Sprintf("the file's total distance, %.3f km, is less than its last box's km %.3f: the stage is %.3f km", total/1000, last/1000, last/1000)})
		}
	}
	out.problems = append(out.problems, Problem{Kind: ProblemSource, Waypoint: -1,
		Message: fmt.Sprintf("no track: the route is straight lines between the %s with a position, measured by their distances (%.3f km)",
			Plural(n, "box", "boxes"), out.odo[len(out.odo)-1]/1000)})
}

// distances makes the route of a roadbook whose boxes have distances but
// no positions: no line, a length from the boxes' distances (made
// absolute across resets) and the file's total, whichever is more. It
// returns false when no box has a distance.
func (out *joined) distances(f *File) bool {
	base, last, n := 0.0, 0.0, 0
	for i := range f.Waypoints {
		w := f.Waypoints[i].Metric(f.Units)
		if !w.HasDistance {
			continue
		}
		n++
		along := base + w.Distance*1000
		last = math.Max(last, along)
		if w.Reset {
			base = along - w.ResetKm*1000
		}
	}
	if n == 0 {
		return false
	}
	out.src, out.length = DistanceSource, last
	how := "its boxes' distances"
	if f.HasTotal {
		total := f.TotalKm * 1000
		if f.Units == "statute" {
			total *= MileKm
		}
		switch {
		case total > last+OdoStep/2: // within the printed 10 m it is the last box's figure
			out.length, how = total, "its total distance"
		case total < last-OdoStep:
			out.problems = append(out.problems, Problem{Kind: ProblemDistance, Waypoint: -1,
				Message: fmt.Sprintf("the file's total distance, %.3f km, is less than its boxes' km %.3f: the stage is %.3f km", total/1000, last/1000, last/1000)})
		}
	}
	out.problems = append(out.problems, Problem{Kind: ProblemSource, Waypoint: -1,
		Message: fmt.Sprintf("no track and no box with a position: the stage is measured by %s alone, %.3f km, with nothing to draw or follow", how, out.length/1000)})
	return true
}

// quoted returns ` "s"`, or "" for an empty s.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" %q", s)
}

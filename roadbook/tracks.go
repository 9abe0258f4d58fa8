package roadbook

import (
	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// Tracks are the other tracks around a route (roads, pistes, tracks: a
// recce log, a map export), indexed once so that each box's tulip can draw
// those that pass near it. Build them with NewTracks and give them to Build
// in Options.Tracks.
type Tracks struct {
	path *geo.Path
	ix   *geo.Index
	// brk[i] is true when segment i joins two lines (not a track).
	brk []bool
}

// NewTracks indexes lines (each with at least two points; shorter ones
// are left out). It returns nil when none is left.
func NewTracks(lines []orb.LineString) *Tracks {
	var all orb.LineString
	var brk []bool
	for _, l := range lines {
		if len(l) < 2 {
			continue
		}
		if len(all) > 0 {
			brk = append(brk, true) // from the last line's end to this one's start
		}
		all = append(all, l...)
		for range len(l) - 1 {
			brk = append(brk, false)
		}
	}
	if len(all) < 2 {
		return nil
	}
	p := geo.NewPath(all)
	return &Tracks{path: p, ix: geo.NewIndex(p), brk: brk}
}

// near returns the parts of the tracks within r metres of c: for each run
// of consecutive track segments that passes within r, its points (the
// caller clips them to the circle).
func (t *Tracks) near(c orb.Point, r float64) []orb.LineString {
	if t == nil {
		return nil
	}
	var out []orb.LineString
	var cur orb.LineString
	last := -2
	for _, pr := range t.ix.Within(c, r) {
		s := pr.Segment
		if s < 0 || s >= len(t.brk) || t.brk[s] {
			continue
		}
		if s != last+1 && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		if len(cur) == 0 {
			cur = append(cur, t.path.Line[s])
		}
		cur = append(cur, t.path.Line[s+1])
		last = s
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

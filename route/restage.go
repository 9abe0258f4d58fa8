package route

import (
	"sync"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// WithWaypoints returns the stage of s's route with the waypoints ws (in
// the file's units, as File.Waypoints holds them) in place of its file's:
// the stage NewStage builds from a copy of s.File whose Waypoints are ws,
// with opts (opts.Track must be the one s was built with). It is for an
// editor, whose edits change waypoints and never the track: the new stage shares s's route, odometer, elevations and
// spatial index instead of building them again, and a waypoint placed
// before at the same position, with the same radius and after the same
// previous waypoint, is placed again without a search. Building the stage
// after one waypoint changed costs a fraction of NewStage on a long route.
//
// A stage whose route is drawn through its boxes or measured by them
// (BoxSource, DistanceSource) is built again whole, by NewStage: its route
// changes with them.
//
// The new stage's File is a shallow copy of s.File with Waypoints set to
// ws (tracks and routes shared, not to be changed). WithWaypoints is safe
// to call from several goroutines on stages of one route once s.Index has
// been called (NewStage calls it when it places waypoints).
func (s *Stage) WithWaypoints(ws []Waypoint, opts StageOptions) *Stage {
	f := *s.File
	f.Waypoints = ws
	if s.Source == BoxSource || s.Source == DistanceSource {
		// The route is drawn through the boxes: new boxes, a new route.
		return NewStage(&f, opts)
	}
	n := &Stage{File: &f, Name: stageName(&f, opts.Name), Source: s.Source, Path: s.Path, Ele: s.Ele, Joins: s.Joins,
		passes: s.passes, lineProblems: s.lineProblems}
	if len(s.Path.Line) > 0 {
		n.index = s.Index()
	}
	if n.passes == nil {
		n.passes = new(passMemo)
	}
	n.finish(opts)
	return n
}

// passMemo remembers choosePass's answers on one route: the answer is a
// function of the query alone, so a stage built again with mostly the same
// waypoints finds most of them here.
type passMemo struct {
	mu sync.Mutex
	m  map[passQuery]geo.Projection
}

// passQuery is what choosePass is asked.
type passQuery struct {
	q                orb.Point
	r, clear, cursor float64
	samePlace        bool
}

// maxPassMemo bounds the memo: past it, it starts again empty.
const maxPassMemo = 1 << 16

// choose returns choosePass's answer, from the memo when it has it; a nil
// memo asks choosePass every time.
func (m *passMemo) choose(ix *geo.Index, q orb.Point, r, clear, cursor float64, samePlace bool) geo.Projection {
	if m == nil {
		return choosePass(ix, q, r, clear, cursor, samePlace)
	}
	k := passQuery{q, r, clear, cursor, samePlace}
	m.mu.Lock()
	p, ok := m.m[k]
	m.mu.Unlock()
	if ok {
		return p
	}
	p = choosePass(ix, q, r, clear, cursor, samePlace)
	m.mu.Lock()
	if m.m == nil || len(m.m) >= maxPassMemo {
		m.m = make(map[passQuery]geo.Projection)
	}
	m.m[k] = p
	m.mu.Unlock()
	return p
}

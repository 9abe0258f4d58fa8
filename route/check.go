package route

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Checking a ride: the files of the check, by concern.
//
//	check.go           options, Check, the checker and its loop over the fixes
//	check_ride.go      the ride as fixes: flattening, faults, spikes, steps and gaps
//	check_match.go     matching fixes to the route, excursions (wrong turns)
//	check_wrongway.go  driving along the route against its direction
//	check_waypoints.go the waypoints as geofences, validated in order
//	check_zones.go     speed zones and speeds
//	check_times.go     progress along the route, section times, retirement
//	check_tripmeter.go the trip meter and the share of WPs validated
//	check_report.go    the report's types
//	check_json.go      the report as JSON

// CheckOptions configures Check. The zero value is the defaults.
type CheckOptions struct {
	// OffRoute is the distance in metres from the route beyond which a fix
	// is off route; 0 means 50, or 500 against a route drawn as straight
	// lines between a roadbook's boxes (BoxSource), which a road strays
	// from between boxes.
	OffRoute float64
	// Fixes is the hysteresis: the number of consecutive fixes off the route
	// that start an excursion, and on the route that end it; 0 means 3.
	Fixes int
	// Window is how far ahead of the last match, in metres along the route,
	// the next fix is searched while the ride follows the route (the distance
	// driven since the last fix on the route is added, up to 2 km more, or
	// twice the last step between fixes when that is more); 0 means 250.
	// Fixes not found there are looked up in the whole route through a
	// spatial index, preferring the first pass ahead.
	Window float64
	// Gap is the time without a fix that makes a recording gap; 0 means
	// 60 s, or four times the ride's usual interval between fixes (the
	// median) when that is longer: a logger that records a fix every two
	// minutes has no gap every two minutes.
	Gap time.Duration
	// Jump is the distance in metres between consecutive fixes without
	// times beyond which the step is a recording gap, unless the ride
	// follows the route across it; 0 means 1000. Fixes with times are
	// judged by time and speed instead (Gap, MaxSpeed).
	Jump float64
	// MaxSpeed is the speed in km/h beyond which a step between two fixes
	// is not a move but a jump of the recording (a GPS fault): not counted
	// as driven, reported as a gap; 0 means 250, faster than any rally
	// vehicle (the cars are limited to 170 km/h).
	MaxSpeed float64
	// Shortcut is how far, in metres along the route, a ride must rejoin
	// ahead of (or behind) where it left for the excursion to count as
	// rejoining ahead (behind); 0 means 200.
	Shortcut float64
	// Finish is the distance in metres from the route's end within which a
	// ride counts as having reached it; a ride ending farther back retired.
	// 0 means 500.
	Finish float64
	// SpeedWindow is the time over which speeds computed from positions are
	// smoothed (the fixes this long around each fix); 0 means 5 s. Speeds
	// recorded by the device are used as they are.
	SpeedWindow time.Duration
	// WrongWay is how far back along the route, in metres, a ride must
	// drive against the route's direction to be reported (Report.WrongWay);
	// 0 means 300. Less is a crew reversing to a junction it overshot.
	WrongWay float64
	// Rules gives radii, penalties and the speed tolerance; nil means the
	// defaults (DefaultRadii, DefaultPenalties, DefaultSpeeding, tolerance
	// 0 km/h).
	Rules *Rules
}

// boxLineOffRoute is CheckOptions.OffRoute's default against a route drawn
// through a roadbook's boxes, metres.
const boxLineOffRoute = 500

func (o CheckOptions) withDefaults(src Source) CheckOptions {
	def := func(v *float64, d float64) {
		if !(*v > 0) {
			*v = d
		}
	}
	if src == BoxSource {
		def(&o.OffRoute, boxLineOffRoute)
	}
	def(&o.OffRoute, 50)
	def(&o.Window, 250)
	def(&o.Jump, 1000)
	def(&o.MaxSpeed, 250)
	def(&o.Shortcut, 200)
	def(&o.Finish, 500)
	def(&o.WrongWay, 300)
	if o.Fixes <= 0 {
		o.Fixes = 3
	}
	if o.Gap <= 0 {
		o.Gap = time.Minute
	}
	if o.SpeedWindow <= 0 {
		o.SpeedWindow = 5 * time.Second
	}
	return o
}

// ErrNoRoute is returned by Check for a stage with no route to follow: no
// stage, a route of fewer than two points, or a roadbook whose boxes have
// no positions. The error Check returns wraps it and says which.
var ErrNoRoute = errors.New("no route to check a ride against")

// Check compares a recorded ride with the stage's route and waypoints: the
// excursions off the route, the stretches driven against it, the waypoints
// validated and missed, the speed zones, the section times, the recording
// gaps and whether the ride retired; and it says what is wrong with the
// recording itself (Report.Faults) and when the ride never came near the
// route (Report.Away). Fixes are every point of every track segment of
// ride, in file order; routes (<rte>) in ride are ignored.
//
// Each fix is matched to the route forward from the last match within
// CheckOptions.Window; a fix not found there is looked up in the whole route
// (a spatial index), preferring the first pass ahead, and such a jump is
// only believed after CheckOptions.Fixes consecutive fixes agree. The cost is
// linear in the number of fixes and route points, wherever the ride is.
//
// Against a route drawn through a roadbook's boxes (Stage.Source is
// BoxSource) the waypoints are validated as on any route and excursions are
// measured against the straight lines between the boxes, with a wider
// threshold; Report.Source says so.
//
// It returns an error wrapping ErrNoRoute for a nil stage, a route of
// fewer than two points, or a roadbook without positions. A ride without
// fixes gives a report with nothing found.
func Check(s *Stage, rideFile *File, opts CheckOptions) (*Report, error) {
	switch {
	case s == nil:
		return nil, fmt.Errorf("route: %w: no stage", ErrNoRoute)
	case s.Source == DistanceSource:
		return nil, fmt.Errorf("route: %w: the roadbook's boxes have distances but no positions", ErrNoRoute)
	case s.Path == nil || len(s.Path.Line) < 2:
		n := 0
		if s.Path != nil {
			n = len(s.Path.Line)
		}
		return nil, fmt.Errorf("route: %w: the stage's route has %s", ErrNoRoute, Plural(n, "point", "points"))
	}
	o := opts.withDefaults(s.Source)
	rd := flatten(rideFile)
	rep := &Report{Stage: s.Name, RouteKm: s.Length() / 1000, Source: s.Source, OffRoute: o.OffRoute,
		Fixes: len(rd.pts), stage: s}
	if s.Source == BoxSource {
		// The boxes the line is drawn through (not its points: it may start
		// before the first box and run on to the file's total distance).
		for i := range s.Waypoints {
			if s.Waypoints[i].HasPoint && s.Waypoints[i].OnRoute {
				rep.Boxes++
			}
		}
	}
	rd.firstLast(rep)
	rep.Faults = rd.faults(o)
	c := newChecker(s, rd, o, rep)
	c.run()
	c.finish()
	return rep, nil
}

// checker is the state of one Check, each concern's in its own part.
type checker struct {
	s   *Stage
	rd  *ride
	o   CheckOptions
	rep *Report
	m   *matcher

	spike   []bool // isolated outliers, ignored
	gapTime float64
	lastI   int // last fix processed (not a spike)
	lastFix int // the ride's last fix that is not a spike
	odo     float64

	follow   // matching the fixes to the route
	off      // the excursion in progress
	trip     // the trip odometer
	wp       // the waypoints
	progress // distances the ride passed
	ww       wrongWay

	prevSeen match
	prevOn   bool // the previous fix was matched on the route (prevSeen)
}

func newChecker(s *Stage, rd *ride, o CheckOptions, rep *Report) *checker {
	c := &checker{s: s, rd: rd, o: o, rep: rep, lastI: -1}
	c.firstFix = -1
	c.m = &matcher{path: s.Path, ix: s.Index(), r: o.OffRoute, r2: o.OffRoute * o.OffRoute, back: o.OffRoute}
	c.rep.Waypoints, c.wps = waypointChain(s, o)
	c.findSpikes()
	c.gapTime = rd.gapLimit(o, c.spike)
	c.progAt = []float64{s.Length() - o.Finish}
	for _, w := range c.wps {
		c.progAt = append(c.progAt, w.along)
	}
	for _, sec := range s.Sections {
		c.progAt = append(c.progAt, sec.From, sec.To)
	}
	for _, z := range s.Zones {
		c.progAt = append(c.progAt, z.From, z.To)
	}
	sort.Float64s(c.progAt)
	c.progFix = make([]int, len(c.progAt))
	for i := range c.progFix {
		c.progFix[i] = -1
	}
	return c
}

// run follows the ride fix by fix.
func (c *checker) run() {
	rd := c.rd
	c.lastFix = -1
	for i := len(rd.pts) - 1; i >= 0; i-- {
		if !c.spike[i] {
			c.lastFix = i
			break
		}
	}
	for i := range rd.pts {
		if c.spike[i] {
			continue
		}
		prev := c.lastI
		c.lastI = i
		mt, found, viaWindow := c.locate(i, prev)
		st := step{kind: stepFirst}
		if prev >= 0 {
			st = c.classify(prev, i, mt, found, viaWindow)
			c.odo += st.driven
			c.sinceOn += st.dist
			c.lastStep = st.dist
			if st.kind != stepMove {
				c.addGap(prev, i, st, mt, found)
			}
			c.tripStep(prev, i, st)
			if st.kind == stepMove {
				c.validate(prev, i, c.tripOdo+c.tripPending)
			}
		} else {
			c.tripAnchor = i
		}
		brk := st.kind == stepJump || (st.kind == stepGap && !st.follows)
		before, commits := c.cur.along, c.commits
		c.apply(i, mt, found, viaWindow, brk)
		c.wrongWayStep(i, c.commits != commits, before, brk)
		c.passProgress(i)
		c.prevSeen, c.prevOn = mt, found
	}
}

// finish completes the report once every fix is seen.
func (c *checker) finish() {
	rep := c.rep
	last := c.lastI
	if c.inExc {
		c.addExcursion(c.excursion.from, true)
	}
	c.wrongWayClose()
	rep.Driven = c.odo
	for i := range rep.Waypoints {
		w := &rep.Waypoints[i]
		if !w.Validated {
			w.Penalty = w.penaltyOf(c.o.Rules)
			rep.Penalty += w.Penalty
			rep.Missed++
		}
	}
	c.tripMeter()
	if last >= 0 && (!c.acquired || c.maxProg < c.s.Length()-c.o.Finish) {
		rep.Retired = &Retirement{Km: c.cur.along / 1000, Index: last, Time: c.rd.at(last), Point: c.rd.pts[last]}
	}
	if last >= 0 && !c.acquired {
		rep.Away = c.away()
		rep.Retired = nil // it never started: it is away
	}
	c.zones()
	c.sections()
}

// away finds the ride's nearest approach to the route, for a ride never
// found on it: every fix when there are few, else 200 spread over the ride
// and the first and last.
func (c *checker) away() *Approach {
	n := len(c.rd.pts)
	step := max(1, n/200)
	best := &Approach{Index: -1, Distance: math.Inf(1)}
	try := func(i int) {
		if i < 0 || i >= n || c.spike[i] {
			return
		}
		if d := c.m.nearestExact(c.rd.pts[i]); d < best.Distance {
			best.Index, best.Distance, best.Point = i, d, c.rd.pts[i]
		}
	}
	for i := 0; i < n; i += step {
		try(i)
	}
	try(c.lastFix)
	if best.Index < 0 {
		return &Approach{Index: -1, Distance: math.NaN()}
	}
	return best
}

package route

import (
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Rejoin says where an excursion came back to the route compared with where
// it left.
type Rejoin uint8

// The rejoin kinds.
const (
	RejoinSame   Rejoin = iota // within CheckOptions.Shortcut of where it left
	RejoinAhead                // farther along: part of the route was skipped
	RejoinBehind               // farther back
	RejoinNever                // the ride ended off the route
)

var rejoinNames = [...]string{"same", "ahead", "behind", "never"}

// String returns "same", "ahead", "behind" or "never".
func (r Rejoin) String() string {
	if int(r) < len(rejoinNames) {
		return rejoinNames[r]
	}
	return "Rejoin(?)"
}

// MarshalText implements encoding.TextMarshaler.
func (r Rejoin) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Excursion is a stretch where the ride left the route: a wrong turn.
type Excursion struct {
	// FromKm is the route distance in km where the ride left the route:
	// the match of its last fix on the road (within a quarter of the
	// off-route threshold, at least 10 m, and at most twice the threshold
	// before the first fix off it), else of the last fix within the
	// threshold, or the waypoint it left at (Waypoint); ToKm where it came back (the first match after), equal to
	// FromKm when it never did.
	FromKm, ToKm float64
	// Waypoint is the index in Stage.Waypoints of the waypoint (a roadbook
	// box) at which the ride left the route, -1 for none: one placed on the
	// route between the ride's last fixes on the road and its first on the
	// way off (within GPS noise of FromKm, at most twice the threshold
	// before it). FromKm is then that waypoint's distance, the junction's
	// figure in the roadbook.
	Waypoint int
	// Left and Rejoined are the route's points at FromKm and ToKm.
	Left, Rejoined orb.Point
	// First and Last are the indexes of the first and last fix more than
	// CheckOptions.OffRoute from the route, counted across the whole ride
	// (every segment of every track, in file order). Fixes First..Last
	// draw the excursion.
	First, Last int
	// Farthest is the index of the fix farthest from the route, and
	// MaxOffset its distance in metres from the nearest point of the whole
	// route.
	Farthest  int
	MaxOffset float64
	// Driven is the distance in metres driven from fix First to fix Last.
	Driven float64
	// Start and End are the times of fixes First and Last (zero when the
	// ride has no times); Duration is End − Start.
	Start, End time.Time
	Duration   time.Duration
	// Rejoin says whether the ride came back ahead of, behind or at the
	// place it left, or never.
	Rejoin Rejoin
}

// WaypointCheck is how the ride did at one waypoint of the stage.
type WaypointCheck struct {
	// Waypoint is the index in Stage.Waypoints.
	Waypoint int
	// Kinds are the waypoint's control roles; Name its label.
	Kinds []Kind
	Name  string
	// Km is the waypoint's distance along the route in km.
	Km float64
	// Radius is the validation radius used, metres: the largest of its
	// controls' (Rules.RadiiFor).
	Radius float64
	// Validated is true when the ride passed within Radius while the
	// waypoint was the open one.
	Validated bool
	// Time is when the ride entered the radius (interpolated between the
	// two fixes that straddle it), zero when not validated or without
	// times; Index is the fix that ended that pair, -1 when not validated.
	Time  time.Time
	Index int
	// Distance is the closest approach in metres while the waypoint was
	// open (and, once validated, while the ride stayed inside its radius);
	// valid when HasDistance. Passed is the time of that closest approach
	// (on the line between fixes), which times the sections.
	Distance    float64
	HasDistance bool
	Passed      time.Time
	// Odometer is the distance in metres the ride had driven (from its
	// first fix, gaps not counted, GPS jitter left out: a fix adds to it
	// once 15 m from the last one counted) at that closest approach; valid
	// when HasDistance. Report.TripMeter compares it with the roadbook.
	Odometer float64
	// Penalty is the time penalty for missing it (Rules.MissedPenalty, the
	// largest of its controls'); 0 when validated.
	Penalty time.Duration
}

// label names the waypoint in a report: its name, else its kind.
func (w WaypointCheck) label() string {
	if w.Name != "" {
		return w.Name
	}
	return w.Kind()
}

// Kind returns the waypoint's roles as one code, "WPM" or "DSS+DZ".
func (w WaypointCheck) Kind() string {
	s := make([]string, len(w.Kinds))
	for i, k := range w.Kinds {
		s[i] = k.String()
	}
	return strings.Join(s, "+")
}

// SpeedZone is one DZ–FZ speed zone as the ride drove it.
type SpeedZone struct {
	// DZ and FZ are the indexes in Stage.Waypoints of the zone's ends (FZ
	// -1 when the zone has no end: it runs to the end of the route).
	DZ, FZ int
	Name   string
	// FromKm and ToKm are the zone's ends along the route, km.
	FromKm, ToKm float64
	// Limit is the zone's speed limit in km/h (0: none given, not checked);
	// Tolerance the km/h added to it.
	Limit, Tolerance float64
	// Entered is false when the ride never got into the zone.
	Entered bool
	// First and Last are the fixes in the zone: from entering the DZ's
	// radius (or, when the DZ was not validated, the first fix matched past
	// it) to entering the FZ's; Start and End their times.
	First, Last int
	Start, End  time.Time
	// MaxSpeed is the largest speed in km/h in the zone, at fix MaxIndex.
	MaxSpeed float64
	MaxIndex int
	// OverDistance (metres) and OverTime are driven above Limit +
	// Tolerance; Gained is the time saved on those stretches compared with
	// driving them at the limit.
	OverDistance float64
	OverTime     time.Duration
	Gained       time.Duration
	// Penalty from Rules.SpeedingRule.
	Penalty time.Duration
}

// SectionTime is the time the ride took over one section of the stage.
type SectionTime struct {
	Kind   SectionKind
	Sector int
	// Label names the section as the roadbook does (Stage.SectionLabel):
	// "liaison", "special 2", "neutralisation".
	Label string
	// FromKm and ToKm are the section's ends along the route, km.
	FromKm, ToKm float64
	// Start and End are when the ride passed the section's ends: the
	// validation time of the control there (DSS, ASS, DN, FN), else the
	// first fix matched past it; zero when it did not (or no times).
	Start, End time.Time
	// Complete is true when both are known; then Duration is End − Start and
	// Speed the section's route length over it, km/h.
	Complete bool
	Duration time.Duration
	Speed    float64
}

// MaxGaps is how many gaps a Report lists (Report.Gaps); the others are
// counted (Report.GapCount, GapTime). A recording that jumps at every fix
// would otherwise make a report, and its JSON, many times the ride's size.
const MaxGaps = 1000

// Gap is a break in the recording: no fix for longer than the gap limit
// (CheckOptions.Gap), a step without times longer than CheckOptions.Jump
// that does not follow the route, or a jump faster than
// CheckOptions.MaxSpeed (a fault of the recording, not a move).
type Gap struct {
	// After and Before are the indexes of the fixes on either side.
	After, Before int
	Start, End    time.Time
	Duration      time.Duration
	// Distance is the straight distance between the two fixes, metres.
	Distance float64
	// Driven is what the ride's odometer (Report.Driven) counts for the
	// gap, metres: the route's distance between the fixes when the ride
	// followed the route across it, else the straight distance; 0 for a
	// jump.
	Driven float64
	// Jump is true for a step faster than CheckOptions.MaxSpeed.
	Jump bool
	// FromKm and ToKm are the route distances where the fixes either side
	// lie on the route (within CheckOptions.OffRoute); NaN for a fix that
	// is not on it. Both known, they are at least the straight distance
	// apart, less twice the threshold.
	FromKm, ToKm float64
}

// Retirement is where a ride that stopped before the route's end stopped.
type Retirement struct {
	// Km is the last route distance the ride was matched at; Index the last
	// fix and Time its time; Point its position.
	Km    float64
	Index int
	Time  time.Time
	Point orb.Point
}

// Report is the result of Check.
type Report struct {
	// Stage is the stage's name; RouteKm its route length in km.
	Stage   string
	RouteKm float64
	// Source is what the stage's route is drawn from: for BoxSource, the
	// straight lines between its Boxes boxes, against which excursions are
	// measured. OffRoute is the threshold used, metres.
	Source   Source
	Boxes    int
	OffRoute float64
	// Faults are what is wrong with the recording itself (times all equal
	// or going back, a recording that jumps): such a ride is a deviation
	// and is not ranked.
	Faults []Fault
	// Away is non-nil when the ride never came within OffRoute of the
	// route (a ride of another stage, another place): a deviation. It
	// gives the nearest approach found.
	Away *Approach
	// Fixes is the number of recorded fixes; Driven the distance driven in
	// metres (gaps not counted); Start and End the first and last fix times.
	Fixes      int
	Driven     float64
	Start, End time.Time
	// Excursions in ride order.
	Excursions []Excursion
	// WrongWay are the stretches driven along the route against its
	// direction, in ride order.
	WrongWay []WrongWay
	// Waypoints in route order: every waypoint of the stage with a control
	// role and a position.
	Waypoints []WaypointCheck
	// Missed counts the waypoints not validated.
	Missed int
	// Zones are every speed zone of the stage in route order.
	Zones []SpeedZone
	// Sections are the stage's sections with the ride's times.
	Sections []SectionTime
	// Special is the time of the timed sectors (DSS to ASS, neutralisations
	// deducted), Neutralised the time deducted; Special is valid when
	// HasSpecial.
	Special, Neutralised time.Duration
	HasSpecial           bool
	// Gaps are the gaps and jumps of the recording, in ride order: the
	// first MaxGaps of them. GapCount counts them all and GapTime adds up
	// all their durations, listed or not.
	Gaps     []Gap
	GapCount int
	GapTime  time.Duration
	// Spikes counts isolated fixes ignored as GPS outliers.
	Spikes int
	// Retired is non-nil when the ride stopped before the route's end.
	Retired *Retirement
	// WPs counts the stage's waypoints of the WP kinds (WPV, WPM, WPE, WPS,
	// WPC, WPN, WPP), WPsValidated those the ride validated. NotFinishing
	// is true when that share is under Rules.MinValidated: the ride counts
	// as not finishing the stage.
	WPs, WPsValidated int
	NotFinishing      bool
	// MinValidated is the minimum share used, in percent (0: none).
	MinValidated float64
	// TripMeter compares, between consecutive validated waypoints, the
	// distance the ride drove with the roadbook's: the correction a trip
	// meter recalibrated at each validated waypoint gets at the next one.
	TripMeter []TripLeg
	// Penalty is the sum of the waypoint and speeding penalties.
	Penalty time.Duration

	stage *Stage // for Odometer
}

// Deviations reports whether the ride left the route, drove it the wrong
// way, earned a penalty, validated too few waypoints to finish, never came
// near the route, or was recorded with a fault: what makes "roadbook check"
// exit with status 3.
func (r *Report) Deviations() bool {
	return len(r.Excursions) > 0 || len(r.WrongWay) > 0 || r.Penalty > 0 || r.NotFinishing ||
		r.Away != nil || len(r.Faults) > 0
}

// Waypoint returns waypoint i of the stage the ride was checked against
// (an index in Stage.Waypoints, as Excursion.Waypoint and
// WaypointCheck.Waypoint give), nil when there is none: i out of range or
// a report not made by Check.
func (r *Report) Waypoint(i int) *Placed {
	if r == nil || r.stage == nil || i < 0 || i >= len(r.stage.Waypoints) {
		return nil
	}
	return &r.stage.Waypoints[i]
}

// Odometer returns what the roadbook's odometer reads at km along the
// stage's route (Stage.Odometer): the section and the distance since its
// start, as every product prints it, "special 163.10". The zero Reading
// (Section -1) for a NaN km or a report not made by Check.
func (r *Report) Odometer(km float64) Reading {
	if r.stage == nil || math.IsNaN(km) || math.IsInf(km, 0) {
		return Reading{Section: -1, Closed: -1}
	}
	return r.stage.Odometer(km * 1000)
}

// SectionLabel returns how the roadbook names section i of the stage
// (Stage.SectionLabel), "" for a report not made by Check.
func (r *Report) SectionLabel(i int) string {
	if r.stage == nil {
		return ""
	}
	return r.stage.SectionLabel(i)
}

// FaultKind is what is wrong with a recording.
type FaultKind uint8

// The fault kinds.
const (
	// FaultTimesEqual: every fix has the same time.
	FaultTimesEqual FaultKind = iota + 1
	// FaultTimesBackwards: the times go back somewhere.
	FaultTimesBackwards
	// FaultJumping: many steps faster than CheckOptions.MaxSpeed.
	FaultJumping
)

var faultNames = [...]string{"", "times-equal", "times-backwards", "jumping"}

// String returns "times-equal", "times-backwards" or "jumping".
func (k FaultKind) String() string {
	if int(k) < len(faultNames) && k != 0 {
		return faultNames[k]
	}
	return "FaultKind(?)"
}

// MarshalText implements encoding.TextMarshaler.
func (k FaultKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Fault is something wrong with a recording that makes it unusable as it
// is: its times (then left out: nothing is timed), or its positions.
type Fault struct {
	Kind FaultKind
	// Index is the first fix concerned.
	Index   int
	Message string
}

// Approach is the nearest a ride came to a route it never followed.
type Approach struct {
	// Index is the fix, Point its position and Distance its distance from
	// the route in metres (NaN, Index -1, when no fix is a position).
	Index    int
	Point    orb.Point
	Distance float64
}

// TripLeg is the ride between two consecutive validated waypoints. A trip
// meter is recalibrated to the roadbook distance at each validated waypoint
// in rally-raids: at the next one it reads Roadbook + Error, and Error is
// the correction it gets there.
type TripLeg struct {
	// From and To are indexes in Report.Waypoints.
	From, To int
	// Roadbook is the route distance between the two waypoints, Driven the
	// distance the ride drove between its closest approaches to them, both
	// in metres.
	Roadbook, Driven float64
}

// Error returns Driven − Roadbook in metres.
func (l TripLeg) Error() float64 { return l.Driven - l.Roadbook }

// Speeding returns the zones with a speed above limit + tolerance.
func (r *Report) Speeding() []SpeedZone {
	var out []SpeedZone
	for _, z := range r.Zones {
		if z.OverTime > 0 || z.OverDistance > 0 {
			out = append(out, z)
		}
	}
	return out
}

// MissedWaypoints returns the waypoints not validated.
func (r *Report) MissedWaypoints() []WaypointCheck {
	var out []WaypointCheck
	for _, w := range r.Waypoints {
		if !w.Validated {
			out = append(out, w)
		}
	}
	return out
}

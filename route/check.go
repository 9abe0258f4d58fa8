package route

import (
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// CheckOptions configures Check. The zero value is the defaults.
type CheckOptions struct {
	// OffRoute is the distance in metres from the route beyond which a fix
	// is off route; 0 means 50.
	OffRoute float64
	// Fixes is the hysteresis: the number of consecutive fixes off the route
	// that start an excursion, and on the route that end it; 0 means 3.
	Fixes int
	// Window is how far ahead of the last match, in metres along the route,
	// the next fix is searched while the ride follows the route (the distance
	// driven since the last fix on the route is added, up to 2 km more); 0
	// means 250. Fixes not found there are looked up in the whole route
	// through a spatial index, preferring the first pass ahead.
	Window float64
	// Gap is the time without a fix that makes a recording gap; 0 means
	// 60 s.
	Gap time.Duration
	// Jump is the distance in metres between consecutive fixes that makes a
	// recording gap whatever the time; 0 means 1000.
	Jump float64
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

func (o CheckOptions) withDefaults() CheckOptions {
	def := func(v *float64, d float64) {
		if !(*v > 0) {
			*v = d
		}
	}
	def(&o.OffRoute, 50)
	def(&o.Window, 250)
	def(&o.Jump, 1000)
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
	// FromKm is the route distance in km where the ride left the route (the
	// last match before the first fix off it); ToKm where it came back (the
	// first match after), equal to FromKm when it never did.
	FromKm, ToKm float64
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

// Gap is a break in the recording: no fix for longer than CheckOptions.Gap,
// or a jump longer than CheckOptions.Jump.
type Gap struct {
	// After and Before are the indexes of the fixes on either side.
	After, Before int
	Start, End    time.Time
	Duration      time.Duration
	// Distance is the straight distance between the two fixes, metres.
	Distance float64
	// FromKm and ToKm are the route distances matched before and after.
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
	// Gaps in the recording.
	Gaps []Gap
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
}

// Deviations reports whether the ride left the route, drove it the wrong
// way, earned a penalty or validated too few waypoints to finish:
// what makes "roadbook check" exit with status 3.
func (r *Report) Deviations() bool {
	return len(r.Excursions) > 0 || len(r.WrongWay) > 0 || r.Penalty > 0 || r.NotFinishing
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

// jsonTime is a time for JSON: RFC 3339 UTC, null when zero.
type jsonTime time.Time

func (t jsonTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(time.Time(t).UTC())
}

// secs returns d in seconds, rounded to the millisecond.
func secs(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

// round returns v rounded to n decimals.
func round(v float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(v*p) / p
}

func jsonPoint(p orb.Point) [2]float64 { return [2]float64{round(p[0], 7), round(p[1], 7)} }

// MarshalJSON writes the documented fields (docs/check.md).
func (e Excursion) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		FromKm     float64    `json:"from_km"`
		ToKm       float64    `json:"to_km"`
		Left       [2]float64 `json:"left"`
		Rejoined   [2]float64 `json:"rejoined_at"`
		First      int        `json:"first_index"`
		Last       int        `json:"last_index"`
		Farthest   int        `json:"farthest_index"`
		MaxOffset  float64    `json:"max_offset_m"`
		Driven     float64    `json:"driven_m"`
		Start      jsonTime   `json:"start"`
		End        jsonTime   `json:"end"`
		DurationS  float64    `json:"duration_s"`
		RejoinKind Rejoin     `json:"rejoined"`
	}{round(e.FromKm, 3), round(e.ToKm, 3), jsonPoint(e.Left), jsonPoint(e.Rejoined), e.First, e.Last,
		e.Farthest, round(e.MaxOffset, 1), round(e.Driven, 1), jsonTime(e.Start), jsonTime(e.End),
		secs(e.Duration), e.Rejoin})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (w WaypointCheck) MarshalJSON() ([]byte, error) {
	var dist *float64
	if w.HasDistance {
		d := round(w.Distance, 1)
		dist = &d
	}
	var idx *int
	if w.Index >= 0 {
		idx = &w.Index
	}
	var odo *float64
	if w.HasDistance {
		o := round(w.Odometer, 1)
		odo = &o
	}
	return json.Marshal(struct {
		Kind      string   `json:"kind"`
		Name      string   `json:"name"`
		Km        float64  `json:"km"`
		Radius    float64  `json:"radius_m"`
		Validated bool     `json:"validated"`
		Time      jsonTime `json:"time"`
		Index     *int     `json:"index"`
		Distance  *float64 `json:"distance_m"`
		Passed    jsonTime `json:"passed"`
		Odometer  *float64 `json:"odometer_m"`
		PenaltyS  float64  `json:"penalty_s"`
	}{w.Kind(), w.Name, round(w.Km, 3), w.Radius, w.Validated, jsonTime(w.Time), idx, dist, jsonTime(w.Passed), odo, secs(w.Penalty)})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (z SpeedZone) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name      string   `json:"name"`
		FromKm    float64  `json:"from_km"`
		ToKm      float64  `json:"to_km"`
		Limit     float64  `json:"limit_kmh"`
		Tolerance float64  `json:"tolerance_kmh"`
		Entered   bool     `json:"entered"`
		Start     jsonTime `json:"start"`
		End       jsonTime `json:"end"`
		MaxSpeed  float64  `json:"max_kmh"`
		MaxIndex  int      `json:"max_index"`
		OverM     float64  `json:"over_m"`
		OverS     float64  `json:"over_s"`
		GainedS   float64  `json:"gained_s"`
		PenaltyS  float64  `json:"penalty_s"`
	}{z.Name, round(z.FromKm, 3), round(z.ToKm, 3), z.Limit, z.Tolerance, z.Entered, jsonTime(z.Start), jsonTime(z.End),
		round(z.MaxSpeed, 1), z.MaxIndex, round(z.OverDistance, 1), secs(z.OverTime), secs(z.Gained), secs(z.Penalty)})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (s SectionTime) MarshalJSON() ([]byte, error) {
	var d, v *float64
	if s.Complete {
		ds, vs := secs(s.Duration), round(s.Speed, 1)
		d, v = &ds, &vs
	}
	return json.Marshal(struct {
		Kind      SectionKind `json:"kind"`
		Sector    int         `json:"sector,omitempty"`
		FromKm    float64     `json:"from_km"`
		ToKm      float64     `json:"to_km"`
		Start     jsonTime    `json:"start"`
		End       jsonTime    `json:"end"`
		DurationS *float64    `json:"duration_s"`
		Speed     *float64    `json:"avg_kmh"`
	}{s.Kind, s.Sector, round(s.FromKm, 3), round(s.ToKm, 3), jsonTime(s.Start), jsonTime(s.End), d, v})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (g Gap) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		After     int      `json:"after_index"`
		Before    int      `json:"before_index"`
		Start     jsonTime `json:"start"`
		End       jsonTime `json:"end"`
		DurationS float64  `json:"duration_s"`
		Distance  float64  `json:"distance_m"`
		FromKm    float64  `json:"from_km"`
		ToKm      float64  `json:"to_km"`
	}{g.After, g.Before, jsonTime(g.Start), jsonTime(g.End), secs(g.Duration), round(g.Distance, 1),
		round(g.FromKm, 3), round(g.ToKm, 3)})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (r Retirement) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Km    float64    `json:"km"`
		Index int        `json:"index"`
		Time  jsonTime   `json:"time"`
		Point [2]float64 `json:"point"`
	}{round(r.Km, 3), r.Index, jsonTime(r.Time), jsonPoint(r.Point)})
}

// MarshalJSON writes the report as docs/check.md documents it: every list
// present (empty rather than null), times RFC 3339 UTC or null, durations in
// seconds, distances in metres or km as named.
func (r Report) MarshalJSON() ([]byte, error) {
	exc := r.Excursions
	if exc == nil {
		exc = []Excursion{}
	}
	ww := r.WrongWay
	if ww == nil {
		ww = []WrongWay{}
	}
	wps := r.Waypoints
	if wps == nil {
		wps = []WaypointCheck{}
	}
	zones := r.Zones
	if zones == nil {
		zones = []SpeedZone{}
	}
	secsl := r.Sections
	if secsl == nil {
		secsl = []SectionTime{}
	}
	gaps := r.Gaps
	if gaps == nil {
		gaps = []Gap{}
	}
	type jsonLeg struct {
		From     string  `json:"from"`
		To       string  `json:"to"`
		FromKm   float64 `json:"from_km"`
		ToKm     float64 `json:"to_km"`
		Roadbook float64 `json:"roadbook_m"`
		Driven   float64 `json:"driven_m"`
		Error    float64 `json:"error_m"`
		ErrorPct float64 `json:"error_pct"`
	}
	legs := []jsonLeg{}
	for _, l := range r.TripMeter {
		a, b := r.Waypoints[l.From], r.Waypoints[l.To]
		pct := 0.0
		if l.Roadbook > 0 {
			pct = round(100*l.Error()/l.Roadbook, 2)
		}
		legs = append(legs, jsonLeg{a.label(), b.label(), round(a.Km, 3), round(b.Km, 3), round(l.Roadbook, 1),
			round(l.Driven, 1), round(l.Error(), 1), pct})
	}
	var special *float64
	if r.HasSpecial {
		s := secs(r.Special)
		special = &s
	}
	return json.Marshal(struct {
		Stage        string          `json:"stage"`
		RouteKm      float64         `json:"route_km"`
		Fixes        int             `json:"fixes"`
		DrivenKm     float64         `json:"driven_km"`
		Start        jsonTime        `json:"start"`
		End          jsonTime        `json:"end"`
		Excursions   []Excursion     `json:"excursions"`
		WrongWay     []WrongWay      `json:"wrong_way"`
		Waypoints    []WaypointCheck `json:"waypoints"`
		Missed       int             `json:"missed"`
		Speeding     []SpeedZone     `json:"speeding"`
		Sections     []SectionTime   `json:"sections"`
		SpecialS     *float64        `json:"special_s"`
		NeutralisedS float64         `json:"neutralised_s"`
		Gaps         []Gap           `json:"gaps"`
		Spikes       int             `json:"spikes"`
		Retired      *Retirement     `json:"retired"`
		WPs          int             `json:"wp_total"`
		WPsValidated int             `json:"wp_validated"`
		MinPct       float64         `json:"wp_min_pct"`
		NotFinishing bool            `json:"not_finishing"`
		TripMeter    []jsonLeg       `json:"trip_meter"`
		PenaltyS     float64         `json:"penalty_s"`
	}{r.Stage, round(r.RouteKm, 3), r.Fixes, round(r.Driven/1000, 3), jsonTime(r.Start), jsonTime(r.End),
		exc, ww, wps, r.Missed, zones, secsl, special, secs(r.Neutralised), gaps, r.Spikes, r.Retired,
		r.WPs, r.WPsValidated, r.MinValidated, r.NotFinishing, legs, secs(r.Penalty)})
}

package route

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"time"
)

// Radii are the two radii of a control, in metres. Zero means not given.
type Radii struct {
	// Open is the distance at which the control opens (a masked waypoint's
	// arrow shows, an eclipse waypoint appears).
	Open float64 `json:"open_m,omitempty"`
	// Clear is the validation radius: the crew must pass within it.
	Clear float64 `json:"clear_m,omitempty"`
}

// DefaultRadii returns the table of default radii by kind (ASO's Dakar
// figures where given, else the Tulip editor's and RDBK's
// defaults). The caller owns the returned map and may change it; it is what a
// zero Rules uses.
//
//	kind   open    clear
//	WPV       –    200 m
//	WPM    800 m   200 m
//	WPE   1000 m   200 m
//	WPS   3000 m    90 m
//	WPC       –     90 m
//	WPN    800 m    90 m
//	WPP    100 m    30 m
//	DSS   1000 m   200 m
//	ASS    800 m    90 m
//	others    –     90 m   (DZ, FZ, DN, FN, DT, FT, CP, CH, fuel, stop)
func DefaultRadii() map[Kind]Radii {
	m := map[Kind]Radii{
		WPV: {Clear: 200},
		WPM: {Open: 800, Clear: 200},
		WPE: {Open: 1000, Clear: 200},
		WPS: {Open: 3000, Clear: 90},
		WPC: {Clear: 90},
		WPN: {Open: 800, Clear: 90},
		WPP: {Open: 100, Clear: 30},
		DSS: {Open: 1000, Clear: 200},
		ASS: {Open: 800, Clear: 90},
	}
	for _, k := range []Kind{DZ, FZ, DN, FN, DT, FT, CP, CH, Fuel, Stop} {
		m[k] = Radii{Clear: 90}
	}
	return m
}

// Rules is an event's configuration: the radii, and (for checking rides)
// penalties and tolerances. The zero Rules (and a nil *Rules) is the
// defaults (DefaultRadii, DefaultPenalties, DefaultSpeeding, no speed
// tolerance, 70 % of WPs to finish). ParseRules reads one from JSON, and MarshalJSON
// writes that format (docs/check.md).
type Rules struct {
	// Radii overrides the default radii by kind; a kind missing here, or a
	// zero radius, falls back to DefaultRadii.
	Radii map[Kind]Radii
	// Missed is the time penalty for missing a control of each kind. A kind
	// present here (even with 0) replaces the default of DefaultPenalties; a
	// kind absent falls back to it.
	Missed map[Kind]time.Duration
	// SpeedTolerance in km/h is added to every speed limit before a speed is
	// counted as over it. 0 means none.
	SpeedTolerance float64
	// Speeding is the penalty rule for a speed zone; nil means
	// DefaultSpeeding.
	Speeding *SpeedingRule
	// MinValidatedPct is the share of a stage's WP waypoints (WPV, WPM,
	// WPE, WPS, WPC, WPN, WPP), in percent, a ride must validate to count
	// as finishing the stage; 0 means the default, 70 (the usual rule of
	// rally-raid regulations), a negative value no minimum.
	MinValidatedPct float64
}

// DefaultMinValidatedPct is the share of WP waypoints, in percent, a ride
// validates to finish a stage when the rules do not say.
const DefaultMinValidatedPct = 70

// MinValidated returns the share of WP waypoints, in percent, a ride must
// validate to finish a stage; 0 when there is no minimum.
func (r *Rules) MinValidated() float64 {
	switch {
	case r == nil || r.MinValidatedPct == 0:
		return DefaultMinValidatedPct
	case r.MinValidatedPct < 0:
		return 0
	}
	return r.MinValidatedPct
}

// SpeedingRule turns what happened in one speed zone into a time penalty.
// Speed penalties are event-specific: this is a simple, common shape, not a
// regulation. The penalty of a zone is the sum of
//
//   - the Penalty of the highest band whose Over is below the zone's largest
//     excess (maximum speed − limit − tolerance, km/h), if any, and
//   - Gained × the time gained over the stretches above the limit (the time
//     taken minus the time those stretches take at the limit).
//
// A zone with no speed above limit + tolerance has no penalty.
type SpeedingRule struct {
	// Bands in increasing Over order.
	Bands []SpeedBand `json:"bands"`
	// Gained multiplies the time gained; 0 means not used.
	Gained float64 `json:"gained_factor,omitempty"`
}

// SpeedBand is one band of a SpeedingRule: an excess above Over km/h costs
// Penalty.
type SpeedBand struct {
	Over    float64       // km/h above limit + tolerance
	Penalty time.Duration // per zone
}

type jsonSpeedBand struct {
	Over    float64 `json:"over_kmh"`
	Penalty float64 `json:"penalty_min"`
}

// MarshalJSON writes the band as {"over_kmh": …, "penalty_min": …}.
func (b SpeedBand) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonSpeedBand{b.Over, b.Penalty.Minutes()})
}

// UnmarshalJSON reads {"over_kmh": …, "penalty_min": …}.
func (b *SpeedBand) UnmarshalJSON(data []byte) error {
	var j jsonSpeedBand
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	*b = SpeedBand{Over: j.Over, Penalty: minutes(j.Penalty)}
	return nil
}

// DefaultSpeeding returns the default speeding rule: by the zone's largest
// excess over limit + tolerance, up to 10 km/h 1 min, 10–20 km/h 2 min, 20–40
// km/h 5 min, over 40 km/h 15 min; no time-gained term. Event-specific:
// replace it with the event's own table.
func DefaultSpeeding() *SpeedingRule {
	return &SpeedingRule{Bands: []SpeedBand{
		{Over: 0, Penalty: time.Minute},
		{Over: 10, Penalty: 2 * time.Minute},
		{Over: 20, Penalty: 5 * time.Minute},
		{Over: 40, Penalty: 15 * time.Minute},
	}}
}

// Penalty returns the penalty for a zone whose largest excess over limit +
// tolerance was excess km/h and where gained time was gained over the
// stretches above it. A nil rule is DefaultSpeeding. No excess, no penalty.
func (r *SpeedingRule) Penalty(excess float64, gained time.Duration) time.Duration {
	if r == nil {
		r = defaultSpeeding
	}
	if !(excess > 0) {
		return 0
	}
	var p time.Duration
	for _, b := range r.Bands {
		if excess > b.Over {
			p = b.Penalty
		}
	}
	if r.Gained > 0 && gained > 0 {
		p += time.Duration(r.Gained * float64(gained))
	}
	return p.Round(time.Second)
}

var defaultSpeeding = DefaultSpeeding()

// DefaultPenalties returns the default penalties for a missed control, the
// usual values of rally-raid regulations: 15 min for WPV, WPM, WPE, WPS and WPC,
// 60 min for WPN, 2 min for WPP; every other kind none. The caller owns the
// map.
func DefaultPenalties() map[Kind]time.Duration {
	return map[Kind]time.Duration{
		WPV: 15 * time.Minute, WPM: 15 * time.Minute, WPE: 15 * time.Minute,
		WPS: 15 * time.Minute, WPC: 15 * time.Minute,
		WPN: 60 * time.Minute, WPP: 2 * time.Minute,
	}
}

var defaultPenalties = DefaultPenalties()

// DefaultRules returns the defaults as explicit rules: every radius,
// penalty and speeding band written out, the 70 % of WPs to finish, no
// tolerance. Checking with them is checking with nil rules; written as JSON
// they are a complete rules file to start an event's own from. The caller
// owns the result.
func DefaultRules() *Rules {
	return &Rules{
		Radii:           DefaultRadii(),
		Missed:          DefaultPenalties(),
		Speeding:        DefaultSpeeding(),
		MinValidatedPct: DefaultMinValidatedPct,
	}
}

// MissedPenalty returns the penalty for missing a control of kind k: the
// rules' value when they list k, else the default.
func (r *Rules) MissedPenalty(k Kind) time.Duration {
	if r != nil && r.Missed != nil {
		if p, ok := r.Missed[k]; ok {
			return p
		}
	}
	return defaultPenalties[k]
}

// SpeedingRule returns the rules' speeding rule, DefaultSpeeding when none.
func (r *Rules) SpeedingRule() *SpeedingRule {
	if r == nil || r.Speeding == nil {
		return defaultSpeeding
	}
	return r.Speeding
}

// Tolerance returns the speed tolerance in km/h (0 for nil rules).
func (r *Rules) Tolerance() float64 {
	if r == nil {
		return 0
	}
	return r.SpeedTolerance
}

// jsonRules is the file form of Rules: penalties in minutes.
type jsonRules struct {
	Radii          map[Kind]Radii   `json:"radii,omitempty"`
	Missed         map[Kind]float64 `json:"missed_min,omitempty"`
	SpeedTolerance float64          `json:"speed_tolerance_kmh,omitempty"`
	Speeding       *SpeedingRule    `json:"speeding,omitempty"`
	MinValidated   *float64         `json:"min_validated_pct,omitempty"`
}

// MarshalJSON writes the rules in the file format ParseRules reads.
func (r Rules) MarshalJSON() ([]byte, error) {
	j := jsonRules{Radii: r.Radii, SpeedTolerance: r.SpeedTolerance, Speeding: r.Speeding}
	if r.MinValidatedPct != 0 {
		m := max(r.MinValidatedPct, 0) // none is written as 0
		j.MinValidated = &m
	}
	if r.Missed != nil {
		j.Missed = make(map[Kind]float64, len(r.Missed))
		for k, d := range r.Missed {
			j.Missed[k] = d.Minutes()
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the rules file format, as ParseRules does.
func (r *Rules) UnmarshalJSON(data []byte) error {
	p, err := ParseRules(bytes.NewReader(data))
	if err != nil {
		return err
	}
	*r = *p
	return nil
}

// ParseRules reads an event's rules from JSON:
//
//	{
//	  "radii": {"WPM": {"open_m": 800, "clear_m": 150}, "WPC": {"clear_m": 300}},
//	  "missed_min": {"WPV": 15, "WPM": 15, "WPN": 60, "WPP": 2, "CP": 30},
//	  "speed_tolerance_kmh": 5,
//	  "min_validated_pct": 70,
//	  "speeding": {
//	    "bands": [{"over_kmh": 0, "penalty_min": 1}, {"over_kmh": 20, "penalty_min": 5}],
//	    "gained_factor": 0
//	  }
//	}
//
// Every field is optional; what is left out keeps its default. Kinds are
// roadbook codes ("WPM", "dz", "CP"), radii metres, penalties minutes,
// speeds km/h. Unknown fields, negative values and bands out of order are
// errors, all reported at once. Errors start with "rules: " and give the
// line of a JSON error: "rules: line 2: radii.clear_m: a string where a
// number is expected". The file is read whole, up to 16 MiB.
func ParseRules(r io.Reader) (*Rules, error) {
	data, err := readJSON(r, "rules")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var j jsonRules
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("rules: %w", jsonError(data, err))
	}
	var errs []error
	kinds := func(m map[Kind]Radii) []Kind {
		ks := make([]Kind, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
		return ks
	}
	for _, k := range kinds(j.Radii) {
		switch rd := j.Radii[k]; {
		case rd.Open < 0 || rd.Clear < 0 || math.IsNaN(rd.Open+rd.Clear):
			errs = append(errs, fmt.Errorf("rules: radii: %s: negative radius", k))
		case rd.Open > MaxRadius || rd.Clear > MaxRadius:
			errs = append(errs, fmt.Errorf("rules: radii: %s: radius %v out of range (0 to %d m)", k, max(rd.Open, rd.Clear), MaxRadius))
		}
	}
	out := &Rules{Radii: j.Radii, SpeedTolerance: j.SpeedTolerance, Speeding: j.Speeding}
	if m := j.MinValidated; m != nil {
		switch {
		case math.IsNaN(*m) || *m < 0 || *m > 100:
			errs = append(errs, fmt.Errorf("rules: min_validated_pct: %v is not a percentage", *m))
		case *m == 0:
			out.MinValidatedPct = -1 // none
		default:
			out.MinValidatedPct = *m
		}
	}
	if j.Missed != nil {
		out.Missed = make(map[Kind]time.Duration, len(j.Missed))
		ks := make([]Kind, 0, len(j.Missed))
		for k := range j.Missed {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
		for _, k := range ks {
			m := j.Missed[k]
			if m < 0 || math.IsNaN(m) || m > 1e6 {
				errs = append(errs, fmt.Errorf("rules: missed_min: %s: %v minutes out of range", k, m))
				continue
			}
			out.Missed[k] = minutes(m)
		}
	}
	if j.SpeedTolerance < 0 || j.SpeedTolerance > 1000 {
		errs = append(errs, fmt.Errorf("rules: speed_tolerance_kmh: %v out of range", j.SpeedTolerance))
	}
	if s := j.Speeding; s != nil {
		if s.Gained < 0 || s.Gained > 1000 {
			errs = append(errs, fmt.Errorf("rules: speeding: gained_factor %v out of range", s.Gained))
		}
		for i, b := range s.Bands {
			if b.Over < 0 || b.Penalty < 0 || b.Penalty > minutes(1e6) {
				errs = append(errs, fmt.Errorf("rules: speeding: band %d: negative or huge value", i+1))
			}
			if i > 0 && b.Over <= s.Bands[i-1].Over {
				errs = append(errs, fmt.Errorf("rules: speeding: band %d: over_kmh %v not above the previous band's", i+1, b.Over))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// minutes converts minutes to a Duration, rounded to the millisecond.
func minutes(m float64) time.Duration {
	return (time.Duration(m * float64(time.Minute))).Round(time.Millisecond)
}

// RadiiFor returns the radii of a control of kind k whose file gave
// fromFile (zero fields not given): the file's values first, then the
// rules', then the defaults.
func (r *Rules) RadiiFor(k Kind, fromFile Radii) Radii {
	out := fromFile
	var ruled Radii
	if r != nil && r.Radii != nil {
		ruled = r.Radii[k]
	}
	def := defaultRadii[k]
	if out.Open == 0 {
		out.Open = ruled.Open
		if out.Open == 0 {
			out.Open = def.Open
		}
	}
	if out.Clear == 0 {
		out.Clear = ruled.Clear
		if out.Clear == 0 {
			out.Clear = def.Clear
		}
	}
	return out
}

// defaultRadii is DefaultRadii, read only.
var defaultRadii = DefaultRadii()

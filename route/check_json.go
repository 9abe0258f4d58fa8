package route

import (
	"encoding/json"
	"math"
	"time"

	"github.com/paulmach/orb"
)

// The report as JSON (docs/check.md). Each place along the route is given
// twice: the whole route's km ("from_km") and, beside it, the roadbook's
// odometer there ("from_section": "special", "from_section_km": 163.1),
// the reading every product prints. A type marshalled on its own, without
// its report, has no odometer fields.

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

// kmOrNull returns km rounded to the metre, nil when it is not a number.
func kmOrNull(km float64) *float64 {
	if math.IsNaN(km) || math.IsInf(km, 0) {
		return nil
	}
	v := round(km, 3)
	return &v
}

// reading is the roadbook odometer at a place, for JSON: nil fields when
// r is nil (a type marshalled on its own) or the place is unknown.
type reading struct {
	section *string
	km      *float64
}

func (r *Report) reading(km float64) reading {
	if r == nil {
		return reading{}
	}
	o := r.Odometer(km)
	if o.Section < 0 {
		return reading{}
	}
	v := RoundOdo(o.Metres) / 1000
	return reading{&o.Label, &v}
}

func (e Excursion) json(r *Report) any {
	from, to := r.reading(e.FromKm), r.reading(e.ToKm)
	var wp *int
	var wpName, wpNotes string
	if e.Waypoint >= 0 {
		i := e.Waypoint
		wp = &i
		if w := r.Waypoint(i); w != nil {
			wpName, wpNotes = w.Label(), w.Notes
		}
	}
	return struct {
		FromKm      float64    `json:"from_km"`
		FromSection *string    `json:"from_section,omitempty"`
		FromSecKm   *float64   `json:"from_section_km,omitempty"`
		Waypoint    *int       `json:"waypoint,omitempty"`
		WaypointLbl string     `json:"waypoint_name,omitempty"`
		WaypointNts string     `json:"waypoint_notes,omitempty"`
		ToKm        float64    `json:"to_km"`
		ToSection   *string    `json:"to_section,omitempty"`
		ToSecKm     *float64   `json:"to_section_km,omitempty"`
		Left        [2]float64 `json:"left"`
		Rejoined    [2]float64 `json:"rejoined_at"`
		First       int        `json:"first_index"`
		Last        int        `json:"last_index"`
		Farthest    int        `json:"farthest_index"`
		MaxOffset   float64    `json:"max_offset_m"`
		Driven      float64    `json:"driven_m"`
		Start       jsonTime   `json:"start"`
		End         jsonTime   `json:"end"`
		DurationS   float64    `json:"duration_s"`
		RejoinKind  Rejoin     `json:"rejoined"`
	}{round(e.FromKm, 3), from.section, from.km, wp, wpName, wpNotes, round(e.ToKm, 3), to.section, to.km, jsonPoint(e.Left), jsonPoint(e.Rejoined),
		e.First, e.Last, e.Farthest, round(e.MaxOffset, 1), round(e.Driven, 1), jsonTime(e.Start), jsonTime(e.End),
		secs(e.Duration), e.Rejoin}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (e Excursion) MarshalJSON() ([]byte, error) { return json.Marshal(e.json(nil)) }

func (w WrongWay) json(r *Report) any {
	from, to := r.reading(w.FromKm), r.reading(w.ToKm)
	return struct {
		FromKm      float64  `json:"from_km"`
		FromSection *string  `json:"from_section,omitempty"`
		FromSecKm   *float64 `json:"from_section_km,omitempty"`
		ToKm        float64  `json:"to_km"`
		ToSection   *string  `json:"to_section,omitempty"`
		ToSecKm     *float64 `json:"to_section_km,omitempty"`
		First       int      `json:"first_index"`
		Last        int      `json:"last_index"`
		Start       jsonTime `json:"start"`
		End         jsonTime `json:"end"`
		DurationS   float64  `json:"duration_s"`
	}{round(w.FromKm, 3), from.section, from.km, round(w.ToKm, 3), to.section, to.km, w.First, w.Last,
		jsonTime(w.Start), jsonTime(w.End), secs(w.Duration)}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (w WrongWay) MarshalJSON() ([]byte, error) { return json.Marshal(w.json(nil)) }

func (w WaypointCheck) json(r *Report) any {
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
	at := r.reading(w.Km)
	return struct {
		Kind      string   `json:"kind"`
		Name      string   `json:"name"`
		Km        float64  `json:"km"`
		Section   *string  `json:"section,omitempty"`
		SectionKm *float64 `json:"section_km,omitempty"`
		Radius    float64  `json:"radius_m"`
		Validated bool     `json:"validated"`
		Time      jsonTime `json:"time"`
		Index     *int     `json:"index"`
		Distance  *float64 `json:"distance_m"`
		Passed    jsonTime `json:"passed"`
		Odometer  *float64 `json:"odometer_m"`
		PenaltyS  float64  `json:"penalty_s"`
	}{w.Kind(), w.Name, round(w.Km, 3), at.section, at.km, w.Radius, w.Validated, jsonTime(w.Time), idx, dist,
		jsonTime(w.Passed), odo, secs(w.Penalty)}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (w WaypointCheck) MarshalJSON() ([]byte, error) { return json.Marshal(w.json(nil)) }

func (z SpeedZone) json(r *Report) any {
	from, to := r.reading(z.FromKm), r.reading(z.ToKm)
	return struct {
		Name        string   `json:"name"`
		FromKm      float64  `json:"from_km"`
		FromSection *string  `json:"from_section,omitempty"`
		FromSecKm   *float64 `json:"from_section_km,omitempty"`
		ToKm        float64  `json:"to_km"`
		ToSection   *string  `json:"to_section,omitempty"`
		ToSecKm     *float64 `json:"to_section_km,omitempty"`
		Limit       float64  `json:"limit_kmh"`
		Tolerance   float64  `json:"tolerance_kmh"`
		Entered     bool     `json:"entered"`
		Start       jsonTime `json:"start"`
		End         jsonTime `json:"end"`
		MaxSpeed    float64  `json:"max_kmh"`
		MaxIndex    int      `json:"max_index"`
		OverM       float64  `json:"over_m"`
		OverS       float64  `json:"over_s"`
		GainedS     float64  `json:"gained_s"`
		PenaltyS    float64  `json:"penalty_s"`
	}{z.Name, round(z.FromKm, 3), from.section, from.km, round(z.ToKm, 3), to.section, to.km, z.Limit, z.Tolerance,
		z.Entered, jsonTime(z.Start), jsonTime(z.End), round(z.MaxSpeed, 1), z.MaxIndex, round(z.OverDistance, 1),
		secs(z.OverTime), secs(z.Gained), secs(z.Penalty)}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (z SpeedZone) MarshalJSON() ([]byte, error) { return json.Marshal(z.json(nil)) }

func (s SectionTime) json(r *Report) any {
	var d, v *float64
	if s.Complete {
		ds, vs := secs(s.Duration), round(s.Speed, 1)
		d, v = &ds, &vs
	}
	var label *string
	if r != nil {
		l := s.Label
		label = &l
	}
	return struct {
		Kind      SectionKind `json:"kind"`
		Sector    int         `json:"sector,omitempty"`
		Label     *string     `json:"label,omitempty"`
		FromKm    float64     `json:"from_km"`
		ToKm      float64     `json:"to_km"`
		Start     jsonTime    `json:"start"`
		End       jsonTime    `json:"end"`
		DurationS *float64    `json:"duration_s"`
		Speed     *float64    `json:"avg_kmh"`
	}{s.Kind, s.Sector, label, round(s.FromKm, 3), round(s.ToKm, 3), jsonTime(s.Start), jsonTime(s.End), d, v}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (s SectionTime) MarshalJSON() ([]byte, error) { return json.Marshal(s.json(nil)) }

func (g Gap) json(r *Report) any {
	from, to := r.reading(g.FromKm), r.reading(g.ToKm)
	return struct {
		After       int      `json:"after_index"`
		Before      int      `json:"before_index"`
		Jump        bool     `json:"jump"`
		Start       jsonTime `json:"start"`
		End         jsonTime `json:"end"`
		DurationS   float64  `json:"duration_s"`
		Distance    float64  `json:"distance_m"`
		Driven      float64  `json:"driven_m"`
		FromKm      *float64 `json:"from_km"`
		FromSection *string  `json:"from_section,omitempty"`
		FromSecKm   *float64 `json:"from_section_km,omitempty"`
		ToKm        *float64 `json:"to_km"`
		ToSection   *string  `json:"to_section,omitempty"`
		ToSecKm     *float64 `json:"to_section_km,omitempty"`
	}{g.After, g.Before, g.Jump, jsonTime(g.Start), jsonTime(g.End), secs(g.Duration), round(g.Distance, 1), round(g.Driven, 1),
		kmOrNull(g.FromKm), from.section, from.km, kmOrNull(g.ToKm), to.section, to.km}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (g Gap) MarshalJSON() ([]byte, error) { return json.Marshal(g.json(nil)) }

func (t Retirement) json(r *Report) any {
	at := r.reading(t.Km)
	return struct {
		Km        float64    `json:"km"`
		Section   *string    `json:"section,omitempty"`
		SectionKm *float64   `json:"section_km,omitempty"`
		Index     int        `json:"index"`
		Time      jsonTime   `json:"time"`
		Point     [2]float64 `json:"point"`
	}{round(t.Km, 3), at.section, at.km, t.Index, jsonTime(t.Time), jsonPoint(t.Point)}
}

// MarshalJSON writes the documented fields (docs/check.md).
func (t Retirement) MarshalJSON() ([]byte, error) { return json.Marshal(t.json(nil)) }

// MarshalJSON writes the documented fields (docs/check.md).
func (f Fault) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Kind    FaultKind `json:"kind"`
		Index   int       `json:"index"`
		Message string    `json:"message"`
	}{f.Kind, f.Index, f.Message})
}

// MarshalJSON writes the documented fields (docs/check.md).
func (a Approach) MarshalJSON() ([]byte, error) {
	var d *float64
	var p *[2]float64
	if !math.IsNaN(a.Distance) {
		v := round(a.Distance, 1)
		d = &v
		pt := jsonPoint(a.Point)
		p = &pt
	}
	return json.Marshal(struct {
		Index    int         `json:"index"`
		Point    *[2]float64 `json:"point"`
		Distance *float64    `json:"distance_m"`
	}{a.Index, p, d})
}

// jsonList marshals each item with its report's readings, [] for none.
func jsonList[T interface{ json(*Report) any }](r *Report, items []T) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.json(r)
	}
	return out
}

// MarshalJSON writes the report as docs/check.md documents it: every list
// present (empty rather than null), times RFC 3339 UTC or null, durations in
// seconds, distances in metres or km as named, each place along the route
// with the roadbook's odometer beside it.
func (r Report) MarshalJSON() ([]byte, error) {
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
	var retired any
	if r.Retired != nil {
		retired = r.Retired.json(&r)
	}
	var boxes *int
	if r.Source == BoxSource {
		boxes = &r.Boxes
	}
	faults := r.Faults
	if faults == nil {
		faults = []Fault{}
	}
	return json.Marshal(struct {
		Stage        string    `json:"stage"`
		RouteKm      float64   `json:"route_km"`
		Source       Source    `json:"route_source"`
		Boxes        *int      `json:"route_boxes,omitempty"`
		OffRoute     float64   `json:"off_route_m"`
		Fixes        int       `json:"fixes"`
		DrivenKm     float64   `json:"driven_km"`
		Start        jsonTime  `json:"start"`
		End          jsonTime  `json:"end"`
		Faults       []Fault   `json:"faults"`
		Away         *Approach `json:"away"`
		Excursions   []any     `json:"excursions"`
		WrongWay     []any     `json:"wrong_way"`
		Waypoints    []any     `json:"waypoints"`
		Missed       int       `json:"missed"`
		Speeding     []any     `json:"speeding"`
		Sections     []any     `json:"sections"`
		SpecialS     *float64  `json:"special_s"`
		NeutralisedS float64   `json:"neutralised_s"`
		Gaps         []any     `json:"gaps"`
		GapCount     int       `json:"gap_count"`
		GapS         float64   `json:"gap_s"`
		Spikes       int       `json:"spikes"`
		Retired      any       `json:"retired"`
		WPs          int       `json:"wp_total"`
		WPsValidated int       `json:"wp_validated"`
		MinPct       float64   `json:"wp_min_pct"`
		NotFinishing bool      `json:"not_finishing"`
		TripMeter    []jsonLeg `json:"trip_meter"`
		PenaltyS     float64   `json:"penalty_s"`
	}{r.Stage, round(r.RouteKm, 3), r.Source, boxes, r.OffRoute, r.Fixes, round(r.Driven/1000, 3), jsonTime(r.Start), jsonTime(r.End),
		faults, r.Away, jsonList(&r, r.Excursions), jsonList(&r, r.WrongWay), jsonList(&r, r.Waypoints), r.Missed,
		jsonList(&r, r.Zones), jsonList(&r, r.Sections), special, secs(r.Neutralised), jsonList(&r, r.Gaps), r.GapCount, secs(r.GapTime), r.Spikes, retired,
		r.WPs, r.WPsValidated, r.MinValidated, r.NotFinishing, legs, secs(r.Penalty)})
}

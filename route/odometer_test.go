package route

import (
	"math"
	"testing"
	"time"
)

func TestRoundOdoAndKm(t *testing.T) {
	tests := []struct {
		m    float64
		want string
	}{
		{0, "0.00"},
		{694.9, "0.69"},
		{695, "0.70"}, // halves away from zero, in metres: no binary surprise
		{695.0000001, "0.70"},
		{163104.9, "163.10"},
		{163105, "163.11"},
		{-4, "0.00"},
		{-5, "-0.01"},
		{math.NaN(), "–"},
		{math.Inf(1), "–"},
	}
	for _, tt := range tests {
		if got := Km(tt.m); got != tt.want {
			t.Errorf("Km(%v) = %q; want %q", tt.m, got, tt.want)
		}
	}
	if got := RoundOdo(-4); math.Signbit(got) {
		t.Errorf("RoundOdo(-4) = -0; want 0")
	}
	// A partial is the difference of rounded readings: 0.70 + 0.69 adds
	// up to the 1.39 of the second total.
	a, b := 694.9+0.2, 1389.6
	if p, tot := RoundOdo(b)-RoundOdo(a), RoundOdo(b); Km(p) != "0.69" || Km(tot) != "1.39" {
		t.Errorf("partial %s, total %s; want 0.69 and 1.39", Km(p), Km(tot))
	}
}

// stageWithSections returns a stage with the given sections (route
// metres) and no route: Odometer needs only the sections.
func stageWithSections(secs ...Section) *Stage { return &Stage{Sections: secs} }

func TestOdometer(t *testing.T) {
	// Stage 7 of the example: liaison 250 km, special 462 km, liaison
	// 164 km.
	s7 := stageWithSections(
		Section{Kind: Liaison, From: 0, To: 250000},
		Section{Kind: Special, From: 250000, To: 712000, Sector: 1},
		Section{Kind: Liaison, From: 712000, To: 876000},
	)
	// A special split by a neutralisation.
	split := stageWithSections(
		Section{Kind: Liaison, From: 0, To: 1017.4},
		Section{Kind: Special, From: 1017.4, To: 4067.2, Sector: 1},
		Section{Kind: Neutralisation, From: 4067.2, To: 5084.4},
		Section{Kind: Special, From: 5084.4, To: 9151.3, Sector: 2},
		Section{Kind: Liaison, From: 9151.3, To: 10168},
	)
	tests := []struct {
		name    string
		s       *Stage
		along   float64
		section int
		metres  float64
		closed  int
		closing float64
		label   string
		str     string
	}{
		{"route start", s7, 0, 0, 0, -1, 0, "liaison 1", "liaison 1 km 0.00"},
		{"before the start", s7, -30, 0, 0, -1, 0, "liaison 1", "liaison 1 km 0.00"},
		{"in the liaison", s7, 123456, 0, 123460, -1, 0, "liaison 1", "liaison 1 km 123.46"},
		{"at the DSS", s7, 250000, 1, 0, 0, 250000, "special", "special km 0.00"},
		{"at the DSS within 5 m", s7, 250004.9, 1, 0, 0, 250000, "special", "special km 0.00"},
		{"the wrong turn", s7, 413100, 1, 163100, -1, 0, "special", "special km 163.10"},
		{"at the ASS", s7, 712000, 2, 0, 1, 462000, "liaison 2", "liaison 2 km 0.00"},
		{"the finish", s7, 876000, 2, 164000, -1, 0, "liaison 2", "liaison 2 km 164.00"},
		{"beyond the finish", s7, 880000, 2, 168000, -1, 0, "liaison 2", "liaison 2 km 168.00"},
		{"sector 1", split, 2000, 1, 980, -1, 0, "special 1", "special 1 km 0.98"},
		{"at the DN", split, 4067.2, 2, 0, 1, 3050, "neutralisation", "neutralisation km 0.00"},
		{"at the FN", split, 5084.4, 3, 0, 2, 1010, "special 2", "special 2 km 0.00"},
		{"sector 2", split, 6000, 3, 920, -1, 0, "special 2", "special 2 km 0.92"},
		{"no sections", &Stage{}, 1234.5, -1, 1230, -1, 0, "", "km 1.23"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.s.Odometer(tt.along)
			if r.Section != tt.section || r.Metres != tt.metres || r.Closed != tt.closed || r.Closing != tt.closing || r.Label != tt.label {
				t.Errorf("Odometer(%v) = %+v; want section %d, metres %v, closed %d, closing %v, label %q",
					tt.along, r, tt.section, tt.metres, tt.closed, tt.closing, tt.label)
			}
			if got := r.String(); got != tt.str {
				t.Errorf("Odometer(%v).String() = %q; want %q", tt.along, got, tt.str)
			}
		})
	}
}

// TestOdometerPartialsAddUp: over any sequence of distances, the readings'
// differences within a section add up to the last reading, exactly.
func TestOdometerPartialsAddUp(t *testing.T) {
	s := stageWithSections(
		Section{Kind: Liaison, From: 0, To: 250003.7},
		Section{Kind: Special, From: 250003.7, To: 712001.2, Sector: 1},
	)
	var sum float64
	prev := s.Odometer(250003.7)
	for a := 250003.7; a < 712001.2; a += 694.93 {
		r := s.Odometer(a)
		sum += r.Metres - prev.Metres
		prev = r
	}
	if sum != prev.Metres {
		t.Errorf("partials sum to %v; the last reading is %v", sum, prev.Metres)
	}
}

// TestSectionTotal: a section's length as the roadbook prints it on the
// box that closes it. A route alone: the route measured. A file that is a
// roadbook: its own readings (Tulip's export of a 35.988 km track reads
// 35.95 at the ASS), across its own resets, from a DSS that does not reset
// too; the route's figure where the file does not say.
func TestSectionTotal(t *testing.T) {
	placed := func(along, km float64, reset bool, kinds ...Kind) Placed {
		w := Waypoint{Distance: km, HasDistance: !math.IsNaN(km), Reset: reset}
		for _, k := range kinds {
			w.Controls = append(w.Controls, Control{Kind: k})
		}
		return Placed{Waypoint: w, Along: along, OnRoute: true}
	}
	nan := math.NaN()
	tests := []struct {
		name string
		s    *Stage
		want []float64 // metres, one per section
	}{
		{"a route alone", &Stage{
			Sections:  []Section{{Kind: Special, From: 0, To: 35988, Start: 0, End: 1}},
			Waypoints: []Placed{placed(0, nan, false, DSS), placed(35988, nan, false, ASS)},
		}, []float64{35990}},
		{"Tulip: the ASS reads 35.95", &Stage{
			Sections:  []Section{{Kind: Special, From: 0, To: 35988, Start: 0, End: 2}},
			Waypoints: []Placed{placed(0, 0, false, DSS), placed(12071, 12.06, false), placed(35988, 35.95, false, ASS)},
		}, []float64{35950}},
		{"resets at the DSS and ASS", &Stage{
			Sections: []Section{
				{Kind: Liaison, From: 0, To: 12304, Start: -1, End: 1},
				{Kind: Special, From: 12304, To: 80021, Start: 1, End: 3},
				{Kind: Liaison, From: 80021, To: 90000, Start: 3, End: -1},
			},
			Waypoints: []Placed{placed(0, 0, false), placed(12304, 12.28, true, DSS), placed(40000, 27.70, false),
				placed(80021, 67.66, true, ASS), placed(90000, 9.93, false)},
		}, []float64{12280, 67660, 9930}},
		{"a DSS that does not reset", &Stage{
			Sections: []Section{
				{Kind: Liaison, From: 0, To: 12304, Start: -1, End: 0},
				{Kind: Special, From: 12304, To: 80021, Start: 0, End: 2},
			},
			Waypoints: []Placed{placed(12304, 12.28, false, DSS), placed(50000, 50.02, true), placed(80021, 30.01, false, ASS)},
		}, []float64{12280, 50020 - 12280 + 30010}},
		{"a box without a distance, a last box short of the route's end", &Stage{
			Sections: []Section{
				{Kind: Special, From: 0, To: 20004, Start: 0, End: 2},
				{Kind: Liaison, From: 20004, To: 30000, Start: 2, End: -1},
			},
			Waypoints: []Placed{placed(0, 0, false, DSS), placed(10000, nan, false), placed(20004, 19.95, true, ASS), placed(29000, 9.00, false)},
		}, []float64{20000, 10000}},
	}
	for _, tt := range tests {
		for i, want := range tt.want {
			if got := tt.s.SectionTotal(i); got != want {
				t.Errorf("%s: SectionTotal(%d) = %v; want %v", tt.name, i, got, want)
			}
		}
		if got := tt.s.SectionTotal(len(tt.want)); !math.IsNaN(got) {
			t.Errorf("%s: SectionTotal(%d) = %v; want NaN", tt.name, len(tt.want), got)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0 s"},
		{45 * time.Second, "45 s"},
		{90 * time.Second, "1 min 30 s"},
		{15 * time.Minute, "15 min"},
		{280 * time.Minute, "4 h 40 min"},
		{2 * time.Hour, "2 h"},
		{4*time.Hour + 40*time.Minute + 20*time.Second, "4 h 40 min"},
		{-3 * time.Minute, "-3 min"},
	}
	for _, tt := range tests {
		if got := HumanDuration(tt.d); got != tt.want {
			t.Errorf("HumanDuration(%v) = %q; want %q", tt.d, got, tt.want)
		}
	}
	if got := Plural(1, "wrong turn", "wrong turns"); got != "1 wrong turn" {
		t.Errorf("Plural(1) = %q", got)
	}
	if got := Plural(0, "wrong turn", "wrong turns"); got != "0 wrong turns" {
		t.Errorf("Plural(0) = %q", got)
	}
}

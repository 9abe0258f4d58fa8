package route

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestRadiiFor(t *testing.T) {
	rules := &Rules{Radii: map[Kind]Radii{WPM: {Clear: 150}, CP: {Open: 500}}}
	for _, tc := range []struct {
		rules *Rules
		kind  Kind
		file  Radii
		want  Radii
	}{
		{nil, WPM, Radii{}, Radii{Open: 800, Clear: 200}},
		{nil, WPS, Radii{Clear: 30}, Radii{Open: 3000, Clear: 30}},
		{rules, WPM, Radii{}, Radii{Open: 800, Clear: 150}},
		{rules, WPM, Radii{Clear: 90}, Radii{Open: 800, Clear: 90}},
		{rules, CP, Radii{}, Radii{Open: 500, Clear: 90}},
		{&Rules{}, WPP, Radii{}, Radii{Open: 100, Clear: 30}},
	} {
		if got := tc.rules.RadiiFor(tc.kind, tc.file); got != tc.want {
			t.Errorf("RadiiFor(%v, %v) = %v; want %v", tc.kind, tc.file, got, tc.want)
		}
	}
}

func TestMissedPenalty(t *testing.T) {
	rules := &Rules{Missed: map[Kind]time.Duration{WPV: 20 * time.Minute, WPP: 0, CP: 30 * time.Minute}}
	for _, tc := range []struct {
		rules *Rules
		kind  Kind
		want  time.Duration
	}{
		{nil, WPV, 15 * time.Minute},
		{nil, WPM, 15 * time.Minute},
		{nil, WPE, 15 * time.Minute},
		{nil, WPS, 15 * time.Minute},
		{nil, WPC, 15 * time.Minute},
		{nil, WPN, time.Hour},
		{nil, WPP, 2 * time.Minute},
		{nil, DSS, 0},
		{nil, CP, 0},
		{rules, WPV, 20 * time.Minute},
		{rules, WPP, 0},
		{rules, CP, 30 * time.Minute},
		{rules, WPN, time.Hour},
	} {
		if got := tc.rules.MissedPenalty(tc.kind); got != tc.want {
			t.Errorf("MissedPenalty(%v) = %v; want %v", tc.kind, got, tc.want)
		}
	}
}

func TestSpeedingPenalty(t *testing.T) {
	custom := &SpeedingRule{Bands: []SpeedBand{{Over: 5, Penalty: 3 * time.Minute}}, Gained: 10}
	none := &SpeedingRule{}
	for _, tc := range []struct {
		rule   *SpeedingRule
		excess float64
		gained time.Duration
		want   time.Duration
	}{
		{nil, 0, 0, 0},
		{nil, -3, 0, 0},
		{nil, 0.5, 0, time.Minute},
		{nil, 10, 0, time.Minute},
		{nil, 10.1, 0, 2 * time.Minute},
		{nil, 25, 10 * time.Second, 5 * time.Minute},
		{nil, 41, 0, 15 * time.Minute},
		{custom, 4, 2 * time.Second, 20 * time.Second},
		{custom, 6, 2 * time.Second, 3*time.Minute + 20*time.Second},
		{none, 50, time.Minute, 0},
	} {
		if got := tc.rule.Penalty(tc.excess, tc.gained); got != tc.want {
			t.Errorf("Penalty(%v, %v) = %v; want %v", tc.excess, tc.gained, got, tc.want)
		}
	}
}

func TestParseRules(t *testing.T) {
	const doc = `{
	  "radii": {"WPM": {"open_m": 800, "clear_m": 150}, "wpc": {"clear_m": 300}},
	  "missed_min": {"WPV": 20, "WPN": 60, "WPP": 2.5, "CP": 30},
	  "speed_tolerance_kmh": 5,
	  "min_validated_pct": 80,
	  "speeding": {"bands": [{"over_kmh": 0, "penalty_min": 1}, {"over_kmh": 20, "penalty_min": 5}], "gained_factor": 2}
	}`
	r, err := ParseRules(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("ParseRules = %v", err)
	}
	if got := r.RadiiFor(WPM, Radii{}); got != (Radii{Open: 800, Clear: 150}) {
		t.Errorf("RadiiFor(WPM) = %v; want {800 150}", got)
	}
	if got := r.RadiiFor(WPC, Radii{}); got.Clear != 300 {
		t.Errorf("RadiiFor(WPC).Clear = %v; want 300", got.Clear)
	}
	for k, want := range map[Kind]time.Duration{WPV: 20 * time.Minute, WPP: 150 * time.Second, CP: 30 * time.Minute, WPM: 15 * time.Minute} {
		if got := r.MissedPenalty(k); got != want {
			t.Errorf("MissedPenalty(%v) = %v; want %v", k, got, want)
		}
	}
	if r.Tolerance() != 5 {
		t.Errorf("Tolerance() = %v; want 5", r.Tolerance())
	}
	if r.MinValidated() != 80 {
		t.Errorf("MinValidated() = %v; want 80", r.MinValidated())
	}
	// 0 in the file is no minimum; absent is the default, 70 %.
	for doc, want := range map[string]float64{`{"min_validated_pct": 0}`: 0, `{}`: 70} {
		r0, err := ParseRules(strings.NewReader(doc))
		if err != nil || r0.MinValidated() != want {
			t.Errorf("ParseRules(%s).MinValidated() = %v, %v; want %v", doc, r0.MinValidated(), err, want)
		}
		if b, _ := json.Marshal(r0); doc == `{"min_validated_pct": 0}` && !strings.Contains(string(b), `"min_validated_pct":0`) {
			t.Errorf("Marshal(no minimum) = %s; want min_validated_pct 0", b)
		}
	}
	if (*Rules)(nil).MinValidated() != 70 {
		t.Errorf("nil rules: MinValidated() = %v; want 70", (*Rules)(nil).MinValidated())
	}
	if got := r.SpeedingRule().Penalty(21, 30*time.Second); got != 6*time.Minute {
		t.Errorf("Penalty(21, 30s) = %v; want 6m0s", got)
	}
	// Round trip through MarshalJSON.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := ParseRules(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("ParseRules(%s) = %v", b, err)
	}
	if b2, _ := json.Marshal(r2); string(b2) != string(b) {
		t.Errorf("round trip: %s; want %s", b2, b)
	}
	var r3 Rules
	if err := json.Unmarshal(b, &r3); err != nil || r3.MissedPenalty(WPP) != 150*time.Second {
		t.Errorf("json.Unmarshal(%s) = %v, WPP %v; want 2m30s", b, err, r3.MissedPenalty(WPP))
	}
}

func TestParseRulesErrors(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string // every problem named
	}{
		{`{"radius": {}}`, []string{"unknown field"}},
		{`{"radii": {"XYZ": {"clear_m": 1}}}`, []string{"unknown waypoint kind"}},
		{`{"missed_min": {"WPV": -1, "WPM": -2}, "speed_tolerance_kmh": -1}`, []string{"WPV", "WPM", "speed_tolerance_kmh"}},
		{`{"speeding": {"bands": [{"over_kmh": 10, "penalty_min": 1}, {"over_kmh": 5, "penalty_min": 2}]}}`, []string{"band 2"}},
		{`{"speeding": {"bands": [{"over": 10}]}}`, []string{"unknown field"}},
		{`{"radii": {"WPM": {"clear_m": -5}}}`, []string{"WPM: negative radius"}},
		{`{"min_validated_pct": 120}`, []string{"min_validated_pct: 120 is not a percentage"}},
		{`[`, []string{"rules:"}},
		// Issue 10's siblings: a radius the readers refuse in a file
		// (1e308 m) passed silently; an empty file said "EOF"; a number too
		// large for Go was "number 1e400 where a number is expected".
		{`{"radii": {"WPM": {"open_m": 1e308}}}`, []string{"rules: radii: WPM: radius 1e+308 out of range (0 to 100000 m)"}},
		{`{"radii": {"DSS": {"clear_m": 100001}}}`, []string{"DSS: radius 100001 out of range"}},
		{"", []string{"rules: empty file"}},
		{" \n\t", []string{"rules: empty file"}},
		{`{"radii": {"WPM": {"open_m": 1e400}}}`, []string{"rules: line 1: radii.open_m: 1e400 out of range"}},
	} {
		_, err := ParseRules(strings.NewReader(tc.doc))
		if err == nil {
			t.Errorf("ParseRules(%s) = nil error; want %q", tc.doc, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseRules(%s) = %q; want it to mention %q", tc.doc, err, w)
			}
		}
	}
}

// TestDefaultRules holds DefaultRules equal to the nil rules on every
// question the checker asks, and its JSON a rules file ParseRules reads back
// to the same rules.
func TestDefaultRules(t *testing.T) {
	d := DefaultRules()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseRules(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("ParseRules(%s): %v", data, err)
	}
	var none *Rules
	for _, r := range []*Rules{d, back} {
		for k := Kind(1); int(k) < NumKinds; k++ {
			if got, want := r.RadiiFor(k, Radii{}), none.RadiiFor(k, Radii{}); got != want {
				t.Errorf("RadiiFor(%v) = %v; want %v", k, got, want)
			}
			if got, want := r.MissedPenalty(k), none.MissedPenalty(k); got != want {
				t.Errorf("MissedPenalty(%v) = %v; want %v", k, got, want)
			}
		}
		for _, excess := range []float64{0, 5, 10, 15, 30, 50} {
			if got, want := r.SpeedingRule().Penalty(excess, time.Minute), none.SpeedingRule().Penalty(excess, time.Minute); got != want {
				t.Errorf("speeding penalty at +%v km/h = %v; want %v", excess, got, want)
			}
		}
		if r.MinValidated() != none.MinValidated() || r.Tolerance() != none.Tolerance() {
			t.Errorf("MinValidated, Tolerance = %v, %v; want %v, %v", r.MinValidated(), r.Tolerance(), none.MinValidated(), none.Tolerance())
		}
	}
	if len(back.Radii) != len(DefaultRadii()) || len(back.Missed) != len(DefaultPenalties()) {
		t.Errorf("JSON keeps %d radii and %d penalties; want all %d and %d: %s", len(back.Radii), len(back.Missed), len(DefaultRadii()), len(DefaultPenalties()), data)
	}
}

package route

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// baseStage is 12 km: 5 km east, 3 km north-east, 4 km east-south-east, with
// a DSS, a masked waypoint, a 50 km/h speed zone, a visible and a control
// waypoint and the ASS.
func baseStage() *Stage {
	line := legs(genStart, leg{90, 5000}, leg{45, 3000}, leg{120, 4000})
	return genStage("Base", line,
		genWP{kind: DSS, along: 500},
		genWP{kind: WPM, along: 3000, name: "WPM 1"},
		genWP{kind: DZ, along: 4000, speed: 50},
		genWP{kind: FZ, along: 6000},
		genWP{kind: WPV, along: 8000, name: "WPV 2"},
		genWP{kind: WPC, along: 10000, name: "WPC 10"},
		genWP{kind: ASS, along: 11500},
	)
}

// cleanRide drives the base stage at 20 m/s, 12 m/s (43 km/h) through the
// speed zone.
func cleanRide(s *Stage) *rideGen {
	return newRide(s.Path, 0).follow(0, 3800, 20).follow(3800, 6100, 12).follow(6100, s.Length(), 20)
}

// wantExc is what a test expects of an excursion beyond what the
// every-segment truth gives.
type wantExc struct {
	rejoin       Rejoin
	fromKm, toKm float64 // ± 0.1 km
	maxOffset    float64 // designed, ± 5 m; 0 to skip
}

type checkCase struct {
	name    string
	stage   *Stage
	ride    *rideGen
	splits  []int
	opts    CheckOptions
	exc     []wantExc
	missed  []string // names of the waypoints missed
	penalty time.Duration
	retired float64 // km, -1 for not retired
	gaps    int
	spikes  int
	// wrong-way runs, from and to km (± 0.1 km)
	wrongWay [][2]float64
}

func checkCases() []checkCase {
	base := baseStage()
	// figure of eight: the fourth leg crosses the first at 1 km
	eight := genStage("Eight", legs(genStart, leg{90, 2000}, leg{0, 1000}, leg{270, 1000}, leg{180, 2000}, leg{270, 1000}, leg{0, 1000}),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPV, along: 1000, name: "cross 1"},
		genWP{kind: WPM, along: 3000, name: "corner"},
		genWP{kind: WPC, along: 5000, name: "cross 2"},
		genWP{kind: ASS, along: 7800},
	)
	// out and back on the same road, then south
	oab := genStage("Out and back", legs(genStart, leg{90, 3000}, leg{270, 3000}, leg{180, 2000}),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPM, along: 2000, name: "out"},
		genWP{kind: WPV, along: 4000, name: "back"},
		genWP{kind: WPC, along: 5500, name: "back 2"},
		genWP{kind: ASS, along: 7900},
	)
	// a U-shaped loop a crew can cut across
	loop := genStage("Loop", legs(genStart, leg{90, 2000}, leg{0, 2000}, leg{270, 2000}, leg{0, 2000}),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPM, along: 3000, name: "far side"},
		genWP{kind: WPV, along: 7000, name: "after"},
		genWP{kind: ASS, along: 7900},
	)
	straight := genStage("Straight", legs(genStart, leg{90, 6000}),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPV, along: 4500, name: "WPV"},
		genWP{kind: ASS, along: 5900},
	)
	// a 4 km square driven twice: the route retraces itself exactly
	sq := []leg{{90, 1000}, {0, 1000}, {270, 1000}, {180, 1000}}
	twice := genStage("Twice", legs(genStart, append(append([]leg{}, sq...), sq...)...),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPV, along: 1500, name: "lap 1"},
		genWP{kind: WPM, along: 3000, name: "lap 1 corner"},
		genWP{kind: WPC, along: 5500, name: "lap 2"},
		genWP{kind: WPE, along: 7000, name: "lap 2 corner"},
		genWP{kind: ASS, along: 7900},
	)
	long := genStage("Long", legs(genStart, leg{90, 30000}),
		genWP{kind: DSS, along: 100},
		genWP{kind: WPM, along: 15000, name: "skipped"},
		genWP{kind: ASS, along: 29900},
	)
	L := base.Length()
	spiky := cleanRide(base).noise(3).spike(50, 500).spike(200, 500).spike(400, 500)
	return []checkCase{
		{name: "clean", stage: base, ride: cleanRide(base).noise(1), retired: -1},
		{name: "one wrong turn", stage: base,
			ride: newRide(base.Path, 0).follow(0, 3800, 20).follow(3800, 6100, 12).follow(6100, 7000, 20).
				outAndBack(315, 1500, 15).follow(7000, L, 20).noise(2),
			exc: []wantExc{{RejoinSame, 7, 7, 1500}}, retired: -1},
		{name: "two wrong turns", stage: base,
			ride: newRide(base.Path, 0).follow(0, 2000, 20).outAndBack(0, 800, 15).follow(2000, 3800, 20).
				follow(3800, 6100, 12).follow(6100, 9500, 20).outAndBack(210, 1000, 15).follow(9500, L, 20).noise(4),
			exc: []wantExc{{RejoinSame, 2, 2, 800}, {RejoinSame, 9.5, 9.5, 1000}}, retired: -1},
		{name: "figure of eight", stage: eight, ride: newRide(eight.Path, 0).follow(0, eight.Length(), 15).noise(5), retired: -1},
		{name: "out and back", stage: oab, ride: newRide(oab.Path, 0).follow(0, oab.Length(), 15).noise(6), retired: -1},
		{name: "shortcut across a loop", stage: loop,
			ride: newRide(loop.Path, 0).follow(0, 1000, 15).to(loop.Path.PointAt(5000), 15).follow(5000, loop.Length(), 15).noise(7),
			exc:  []wantExc{{RejoinAhead, 1, 5, 1000}}, missed: []string{"WPM far side"}, penalty: 15 * time.Minute, retired: -1},
		{name: "route driven twice", stage: twice, ride: newRide(twice.Path, 0).follow(0, twice.Length(), 15).noise(13), retired: -1},
		{name: "20 km off route", stage: long,
			ride: func() *rideGen {
				g := newRide(long.Path, 0).follow(0, 5000, 20)
				g.to(geo.Destination(g.pos, 0, 800), 20)
				g.to(geo.Destination(g.pos, 90, 20000), 20)
				return g.to(long.Path.PointAt(25000), 20).follow(25000, long.Length(), 20).noise(14)
			}(),
			// two geodesics heading east 800 m apart drift ~10 m apart over
			// 20 km: the every-segment truth gives the maximum
			exc: []wantExc{{RejoinAhead, 5, 25, 0}}, missed: []string{"WPM skipped"}, penalty: 15 * time.Minute, retired: -1},
		{name: "stale first fix on a later pass", stage: loop,
			ride: func() *rideGen {
				g := newRide(loop.Path, 5000)
				g.t += 30
				g.emitAt(loop.Path.PointAt(0), 0)
				return g.follow(0, loop.Length(), 15)
			}(),
			gaps: 1, retired: -1},
		{name: "rejoin behind", stage: straight,
			ride: func() *rideGen {
				g := newRide(straight.Path, 0).follow(0, 3000, 15)
				g.to(geo.Destination(g.pos, 0, 600), 15)
				g.to(geo.Destination(g.pos, 270, 1000), 15)
				return g.to(straight.Path.PointAt(2000), 15).follow(2000, straight.Length(), 15).noise(8)
			}(),
			exc: []wantExc{{RejoinBehind, 3, 2, 600}}, retired: -1},
		{name: "spikes of 500 m", stage: base, ride: spiky, retired: -1, spikes: 3},
		{name: "ten-minute gap", stage: base,
			ride: newRide(base.Path, 0).follow(0, 3800, 20).follow(3800, 6100, 12).follow(6100, 6200, 20).
				gapFollow(6200, 7400, 2).follow(7400, L, 20).noise(9),
			retired: -1, gaps: 1},
		{name: "segments without a gap", stage: base, ride: cleanRide(base).noise(10), splits: []int{100, 400}, retired: -1},
		{name: "retired half way", stage: base,
			ride:   newRide(base.Path, 0).follow(0, 3800, 20).follow(3800, 6000, 12).noise(11),
			missed: []string{"WPV 2", "WPC 10", "ASS"}, penalty: 30 * time.Minute, retired: 6},
		{name: "reverse", stage: base, ride: newRide(base.Path, L).follow(L, 0, 20).noise(12),
			missed:  []string{"DSS", "WPM 1", "DZ", "FZ", "WPV 2", "WPC 10", "ASS"},
			penalty: 45 * time.Minute, retired: -1, wrongWay: [][2]float64{{L / 1000, 0}}},
		{name: "backs up 600 m", stage: base,
			ride: newRide(base.Path, 0).follow(0, 2000, 20).follow(2000, 1400, 8).follow(1400, 3800, 20).
				follow(3800, 6100, 12).follow(6100, L, 20).noise(15),
			retired: -1, wrongWay: [][2]float64{{2, 1.4}}},
		{name: "reverses 150 m", stage: base,
			ride: newRide(base.Path, 0).follow(0, 2000, 20).follow(2000, 1850, 4).follow(1850, 3800, 20).
				follow(3800, 6100, 12).follow(6100, L, 20).noise(16),
			retired: -1},
		{name: "reverse on the way back of an out-and-back", stage: oab,
			ride:    newRide(oab.Path, 0).follow(0, 4500, 15).follow(4500, 3800, 8).follow(3800, oab.Length(), 15).noise(17),
			retired: -1, wrongWay: [][2]float64{{4.5, 3.8}}},
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range checkCases() {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.ride.file(tc.splits...)
			rep := mustCheck(t, tc.stage, f, tc.opts)
			truth := truthRuns(tc.stage.Path, f, 50, 3)
			if len(rep.Excursions) != len(tc.exc) || len(truth) != len(tc.exc) {
				t.Fatalf("Check: %d excursions (truth %d); want %d: %+v", len(rep.Excursions), len(truth), len(tc.exc), rep.Excursions)
			}
			for k, e := range rep.Excursions {
				w, tr := tc.exc[k], truth[k]
				if abs(e.First-tr.first) > 2 || abs(e.Last-tr.last) > 2 {
					t.Errorf("excursion %d: fixes %d–%d; want %d–%d (±2)", k, e.First, e.Last, tr.first, tr.last)
				}
				if math.Abs(e.MaxOffset-tr.max) > 5 {
					t.Errorf("excursion %d: MaxOffset = %.1f; want %.1f (every-segment truth, ±5 m)", k, e.MaxOffset, tr.max)
				}
				if w.maxOffset > 0 && math.Abs(e.MaxOffset-w.maxOffset) > 5 {
					t.Errorf("excursion %d: MaxOffset = %.1f; want %.1f as designed (±5 m)", k, e.MaxOffset, w.maxOffset)
				}
				if e.Rejoin != w.rejoin {
					t.Errorf("excursion %d: Rejoin = %v; want %v", k, e.Rejoin, w.rejoin)
				}
				if math.Abs(e.FromKm-w.fromKm) > 0.1 || math.Abs(e.ToKm-w.toKm) > 0.1 {
					t.Errorf("excursion %d: km %.3f–%.3f; want %.1f–%.1f (±0.1)", k, e.FromKm, e.ToKm, w.fromKm, w.toKm)
				}
				driven := 0.0
				for i := e.First; i < e.Last; i++ {
					driven += geo.Distance(tc.ride.fixes[i].p, tc.ride.fixes[i+1].p)
				}
				if math.Abs(e.Driven-driven) > 0.01*driven+1 {
					t.Errorf("excursion %d: Driven = %.1f; want %.1f", k, e.Driven, driven)
				}
				if want := time.Duration(tc.ride.fixes[e.Last].t-tc.ride.fixes[e.First].t) * time.Second; e.Duration != want {
					t.Errorf("excursion %d: Duration = %v; want %v", k, e.Duration, want)
				}
				if e.Farthest < e.First || e.Farthest > e.Last {
					t.Errorf("excursion %d: Farthest = %d outside %d–%d", k, e.Farthest, e.First, e.Last)
				}
			}
			var missed []string
			for _, w := range rep.Waypoints {
				if !w.Validated {
					missed = append(missed, w.Name)
				}
			}
			if strings.Join(missed, ",") != strings.Join(tc.missed, ",") {
				t.Errorf("missed %q; want %q", missed, tc.missed)
			}
			if rep.Missed != len(tc.missed) {
				t.Errorf("Missed = %d; want %d", rep.Missed, len(tc.missed))
			}
			if rep.Penalty != tc.penalty {
				t.Errorf("Penalty = %v; want %v", rep.Penalty, tc.penalty)
			}
			switch {
			case tc.retired < 0 && rep.Retired != nil:
				t.Errorf("Retired = %+v; want nil", *rep.Retired)
			case tc.retired >= 0 && rep.Retired == nil:
				t.Errorf("Retired = nil; want km %.1f", tc.retired)
			case tc.retired >= 0 && math.Abs(rep.Retired.Km-tc.retired) > 0.1:
				t.Errorf("Retired.Km = %.3f; want %.1f", rep.Retired.Km, tc.retired)
			}
			if len(rep.Gaps) != tc.gaps {
				t.Errorf("Gaps = %+v; want %d", rep.Gaps, tc.gaps)
			}
			if rep.Spikes != tc.spikes {
				t.Errorf("Spikes = %d; want %d", rep.Spikes, tc.spikes)
			}
			if len(rep.WrongWay) != len(tc.wrongWay) {
				t.Errorf("WrongWay = %+v; want %v", rep.WrongWay, tc.wrongWay)
			} else {
				for k, w := range rep.WrongWay {
					if math.Abs(w.FromKm-tc.wrongWay[k][0]) > 0.1 || math.Abs(w.ToKm-tc.wrongWay[k][1]) > 0.1 {
						t.Errorf("WrongWay %d: km %.3f–%.3f; want %.1f–%.1f (±0.1)", k, w.FromKm, w.ToKm, tc.wrongWay[k][0], tc.wrongWay[k][1])
					}
					if w.First >= w.Last {
						t.Errorf("WrongWay %d: fixes %d–%d", k, w.First, w.Last)
					}
				}
			}
			if (len(rep.Excursions) > 0 || len(rep.WrongWay) > 0 || rep.Penalty > 0) != rep.Deviations() {
				t.Errorf("Deviations() = %v", rep.Deviations())
			}
		})
	}
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// TestCheckWaypointTimes checks validation times against the ride's plan:
// each waypoint on the route validates when the ride enters its radius, in
// order, on the right pass where the route passes a place twice.
func TestCheckWaypointTimes(t *testing.T) {
	for _, tc := range checkCases() {
		switch tc.name {
		case "clean", "figure of eight", "out and back", "spikes of 500 m", "route driven twice":
		default:
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			rep := mustCheck(t, tc.stage, tc.ride.file(), tc.opts)
			after := 0
			for _, w := range rep.Waypoints {
				if !w.Validated {
					t.Errorf("%s not validated", w.Name)
					continue
				}
				want := tc.ride.timeAt(w.Km*1000-w.Radius, after)
				if w.Km*1000 < w.Radius {
					want = 0
				}
				got := w.Time.Sub(genT0).Seconds()
				if math.Abs(got-want) > 1 {
					t.Errorf("%s: validated at %.1f s; want %.1f s (entering %v m)", w.Name, got, want, w.Radius)
				}
				if w.Distance > 10 {
					t.Errorf("%s: Distance = %.1f; want under 10 m", w.Name, w.Distance)
				}
				after = w.Index - 1
			}
		})
	}
}

// TestCheckSections checks the liaison and special times of the clean ride.
func TestCheckSections(t *testing.T) {
	s := baseStage()
	g := cleanRide(s)
	rep := mustCheck(t, s, g.file(), CheckOptions{})
	if len(rep.Sections) != 3 {
		t.Fatalf("Sections = %+v; want 3", rep.Sections)
	}
	bounds := []float64{0, 500, 11500, s.Length()}
	kinds := []SectionKind{Liaison, Special, Liaison}
	for k, sec := range rep.Sections {
		if sec.Kind != kinds[k] || !sec.Complete {
			t.Errorf("section %d: %v complete %v; want %v complete", k, sec.Kind, sec.Complete, kinds[k])
			continue
		}
		from, to := g.timeAt(bounds[k], 0), g.timeAt(bounds[k+1], 0)
		if got, want := sec.Duration.Seconds(), to-from; math.Abs(got-want) > 1 {
			t.Errorf("section %d: %.1f s; want %.1f s", k, got, want)
		}
	}
	want := g.timeAt(11500, 0) - g.timeAt(500, 0)
	if !rep.HasSpecial || math.Abs(rep.Special.Seconds()-want) > 1 {
		t.Errorf("Special = %v (%v); want %.1f s", rep.Special, rep.HasSpecial, want)
	}
	if v := rep.Sections[1].Speed; math.Abs(v-11/(want/3600)) > 0.5 {
		t.Errorf("special average = %.2f km/h; want %.2f", v, 11/(want/3600))
	}
}

// TestCheckNeutralisation deducts a DN–FN stop from the special time.
func TestCheckNeutralisation(t *testing.T) {
	line := legs(genStart, leg{90, 8000})
	s := genStage("Neutralised", line,
		genWP{kind: DSS, along: 500}, genWP{kind: DN, along: 3000}, genWP{kind: FN, along: 3500}, genWP{kind: ASS, along: 7500})
	g := newRide(s.Path, 0).follow(0, 3000, 20).follow(3000, 3000.5, 0.001).follow(3000.5, 8000, 20)
	rep := mustCheck(t, s, g.file(), CheckOptions{})
	kinds := []SectionKind{Liaison, Special, Neutralisation, Special, Liaison}
	if len(rep.Sections) != len(kinds) {
		t.Fatalf("Sections = %+v; want %v", rep.Sections, kinds)
	}
	for k, sec := range rep.Sections {
		if sec.Kind != kinds[k] {
			t.Errorf("section %d: %v; want %v", k, sec.Kind, kinds[k])
		}
	}
	neutral := g.timeAt(3500, 0) - g.timeAt(3000, 0)
	special := g.timeAt(7500, 0) - g.timeAt(500, 0) - neutral
	if math.Abs(rep.Neutralised.Seconds()-neutral) > 1 || math.Abs(rep.Special.Seconds()-special) > 1 {
		t.Errorf("Special, Neutralised = %v, %v; want %.0f s, %.0f s", rep.Special, rep.Neutralised, special, neutral)
	}
}

// TestCheckLineValidation validates a precise waypoint that no fix comes
// within the radius of, but the line between two fixes does.
func TestCheckLineValidation(t *testing.T) {
	line := legs(genStart, leg{90, 8000})
	s := genStage("Sparse", line, genWP{kind: WPP, along: 5050, off: 20, name: "WPP"})
	g := newRide(s.Path, 0).follow(0, 8000, 25).every(4) // a fix every 100 m
	rep := mustCheck(t, s, g.file(), CheckOptions{})
	w := rep.Waypoints[0]
	if !w.Validated || math.Abs(w.Distance-20) > 0.5 {
		t.Fatalf("WPP: validated %v at %.1f m; want validated at 20 m", w.Validated, w.Distance)
	}
	want := g.timeAt(5050-math.Sqrt(30*30-20*20), 0)
	if got := w.Time.Sub(genT0).Seconds(); math.Abs(got-want) > 0.2 {
		t.Errorf("WPP validated at %.2f s; want %.2f s", got, want)
	}
	if rep.Penalty != 0 {
		t.Errorf("Penalty = %v; want 0", rep.Penalty)
	}
	// The same waypoint 40 m off the route is missed: 2 min for a WPP.
	s = genStage("Sparse", line, genWP{kind: WPP, along: 5050, off: 40, name: "WPP"})
	rep = mustCheck(t, s, g.file(), CheckOptions{})
	if w := rep.Waypoints[0]; w.Validated || math.Abs(w.Distance-40) > 0.5 || rep.Penalty != 2*time.Minute {
		t.Errorf("WPP 40 m off: validated %v at %.1f m, penalty %v; want missed at 40 m, 2m0s", w.Validated, w.Distance, rep.Penalty)
	}
}

// TestCheckSpeeding drives through the base stage's 50 km/h zone at 75 km/h.
func TestCheckSpeeding(t *testing.T) {
	s := baseStage()
	v := 75 / 3.6
	g := newRide(s.Path, 0).follow(0, 3800, 20).follow(3800, 6100, v).follow(6100, s.Length(), 20)
	for _, tc := range []struct {
		name    string
		rules   *Rules
		penalty time.Duration
	}{
		{"default bands", nil, 5 * time.Minute},
		{"tolerance 30", &Rules{SpeedTolerance: 30}, 0},
		{"gained factor", &Rules{Speeding: &SpeedingRule{Gained: 2}}, 96 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := mustCheck(t, s, g.file(), CheckOptions{Rules: tc.rules})
			if len(rep.Zones) != 1 {
				t.Fatalf("Zones = %+v; want 1", rep.Zones)
			}
			z := rep.Zones[0]
			if math.Abs(z.MaxSpeed-75) > 1 {
				t.Errorf("MaxSpeed = %.2f; want 75", z.MaxSpeed)
			}
			// from entering the DZ radius (3910) to entering the FZ's (5910)
			wantOver, wantGain := 2000.0, 2000/(50/3.6)-2000/v
			if tc.rules != nil && tc.rules.SpeedTolerance >= 25 {
				wantOver, wantGain = 0, 0
			}
			if math.Abs(z.OverDistance-wantOver) > 2*v || math.Abs(z.Gained.Seconds()-wantGain) > 2 {
				t.Errorf("over %.0f m, gained %v; want %.0f m, %.0f s", z.OverDistance, z.Gained, wantOver, wantGain)
			}
			if z.Penalty != tc.penalty || rep.Penalty != tc.penalty {
				t.Errorf("Penalty = %v (report %v); want %v", z.Penalty, rep.Penalty, tc.penalty)
			}
		})
	}
}

// TestCheckRecordedSpeed prefers the device's speed to positions.
func TestCheckRecordedSpeed(t *testing.T) {
	s := baseStage()
	f := cleanRide(s).file()
	seg := &f.Tracks[0].Segments[0]
	seg.Speed = make([]float64, len(seg.Points))
	for i := range seg.Speed {
		seg.Speed[i] = 10
	}
	seg.Speed[len(seg.Speed)/3] = math.NaN()
	seg.Speed[250] = 30 // in the zone (fixes 190–382)
	rep := mustCheck(t, s, f, CheckOptions{})
	if z := rep.Zones[0]; math.Abs(z.MaxSpeed-108) > 0.01 || z.MaxIndex != 250 {
		t.Errorf("MaxSpeed = %.2f at %d; want 108 at 250", z.MaxSpeed, z.MaxIndex)
	}
}

// TestCheckEdges gives Check degenerate input: it must not panic.
func TestCheckEdges(t *testing.T) {
	s := baseStage()
	one := genStage("One", orb.LineString{genStart}, genWP{kind: WPV})
	for _, tc := range []struct {
		name  string
		stage *Stage
		ride  *File
		err   string // "" for a report
	}{
		{"nil stage", nil, cleanRide(s).file(), "no stage"},
		{"nil ride", s, nil, ""},
		{"empty ride", s, &File{}, ""},
		{"empty route", &Stage{Name: "empty"}, cleanRide(s).file(), "the stage's route has 0 points"},
		{"one-point route", one, cleanRide(s).file(), "the stage's route has 1 point"},
		{"distances only", &Stage{Name: "d", Source: DistanceSource, Path: &geo.Path{}, length: 5000}, cleanRide(s).file(), "distances but no positions"},
		{"one fix", s, &File{Tracks: []Track{{Segments: []Segment{{Points: orb.LineString{genStart}}}}}}, ""},
		{"no times", s, func() *File {
			f := cleanRide(s).file()
			f.Tracks[0].Segments[0].Time = nil
			return f
		}(), ""},
		{"far away", s, &File{Tracks: []Track{{Segments: []Segment{{Points: orb.LineString{{-70, -30}, {-70.001, -30}, {100, 60}}}}}}}, ""},
		{"NaN", s, &File{Tracks: []Track{{Segments: []Segment{{Points: orb.LineString{{math.NaN(), 1}, genStart, {1, math.Inf(1)}}}}}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Check(tc.stage, tc.ride, CheckOptions{})
			if tc.err != "" {
				if !errors.Is(err, ErrNoRoute) || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("Check = %v, %v; want an error wrapping ErrNoRoute that says %q", rep, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check = %v", err)
			}
			if _, err := json.Marshal(rep); err != nil {
				t.Errorf("json.Marshal(report) = %v", err)
			}
		})
	}
}

// TestCheckNoTimes checks a ride without times: excursions still found, by
// fixes and distance.
func TestCheckNoTimes(t *testing.T) {
	s := baseStage()
	g := newRide(s.Path, 0).follow(0, 7000, 20).outAndBack(315, 1500, 15).follow(7000, s.Length(), 20)
	f := g.file()
	f.Tracks[0].Segments[0].Time = nil
	rep := mustCheck(t, s, f, CheckOptions{})
	if len(rep.Excursions) != 1 || math.Abs(rep.Excursions[0].MaxOffset-1500) > 5 || !rep.Excursions[0].Start.IsZero() {
		t.Fatalf("Excursions = %+v; want one 1500 m out, without times", rep.Excursions)
	}
}

// TestCheckJSON checks the documented field names.
func TestCheckJSON(t *testing.T) {
	c := checkCases()[1] // one wrong turn
	rep := mustCheck(t, c.stage, c.ride.file(), CheckOptions{})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"excursions", "waypoints", "speeding", "sections", "gaps", "retired", "penalty_s", "missed"} {
		if _, ok := m[k]; !ok {
			t.Errorf("report JSON has no %q", k)
		}
	}
	e := m["excursions"].([]any)[0].(map[string]any)
	for _, k := range []string{"from_km", "to_km", "max_offset_m", "driven_m", "start", "end", "first_index", "last_index", "duration_s", "rejoined"} {
		if _, ok := e[k]; !ok {
			t.Errorf("excursion JSON has no %q", k)
		}
	}
	if e["rejoined"] != "same" {
		t.Errorf("rejoined = %v; want same", e["rejoined"])
	}
	w := m["waypoints"].([]any)[0].(map[string]any)
	for _, k := range []string{"kind", "name", "validated", "time", "distance_m", "penalty_s"} {
		if _, ok := w[k]; !ok {
			t.Errorf("waypoint JSON has no %q", k)
		}
	}
}

// TestCheckRandom drives random rides over the figure-of-eight and base
// stages (wrong turns of random length and direction, spikes, gaps, an early
// stop) and checks what must hold whatever the ride: excursions in order and
// apart, each within the ride, its farthest fix inside it and farther than
// the threshold, its distance the every-segment distance of that fix;
// waypoints validated in order and in time.
func TestCheckRandom(t *testing.T) {
	stages := []*Stage{baseStage(), genStage("Eight", legs(genStart, leg{90, 2000}, leg{0, 1000}, leg{270, 1000}, leg{180, 2000}, leg{270, 1000}, leg{0, 1000}),
		genWP{kind: DSS, along: 100}, genWP{kind: WPV, along: 1000}, genWP{kind: WPM, along: 3000}, genWP{kind: WPC, along: 5000}, genWP{kind: ASS, along: 7800})}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 40; n++ {
		s := stages[n%len(stages)]
		L := s.Length()
		g := newRide(s.Path, 0)
		at := 0.0
		for at < L {
			next := math.Min(L, at+500+r.Float64()*3000)
			if r.IntN(3) == 0 && next < L {
				g.gapFollow(at, next, 10+r.Float64()*10)
			} else {
				g.follow(at, next, 5+r.Float64()*25)
			}
			at = next
			if r.IntN(2) == 0 && at < L {
				g.outAndBack(r.Float64()*360, 20+r.Float64()*1500, 5+r.Float64()*20)
			}
			if r.IntN(8) == 0 {
				break // retires
			}
		}
		g.noise(uint64(n))
		for k := r.IntN(4); k > 0 && len(g.fixes) > 3; k-- {
			g.spike(1+r.IntN(len(g.fixes)-2), 300+r.Float64()*700)
		}
		f := g.file()
		rep := mustCheck(t, s, f, CheckOptions{})
		prevLast := -1
		for k, e := range rep.Excursions {
			if e.First <= prevLast || e.First > e.Last || e.Last >= len(g.fixes) || e.Farthest < e.First || e.Farthest > e.Last {
				t.Errorf("ride %d: excursion %d: fixes %d–%d farthest %d after %d (of %d)", n, k, e.First, e.Last, e.Farthest, prevLast, len(g.fixes))
				continue
			}
			prevLast = e.Last
			want := s.Path.Project(g.fixes[e.Farthest].p).Distance()
			if math.Abs(e.MaxOffset-want) > 0.5 || e.MaxOffset <= 50 {
				t.Errorf("ride %d: excursion %d: MaxOffset = %.1f; every segment %.1f", n, k, e.MaxOffset, want)
			}
		}
		// Every run of 3 fixes or more off the whole route is in an excursion.
		for _, tr := range truthRuns(s.Path, f, 50, 3) {
			in := false
			for _, e := range rep.Excursions {
				in = in || (e.First <= tr.first+2 && e.Last >= tr.last-2)
			}
			if !in {
				t.Errorf("ride %d: fixes %d–%d off the route (%.0f m) in no excursion: %+v", n, tr.first, tr.last, tr.max, rep.Excursions)
			}
		}
		// A wrong-way stretch is a detour that happened to head along the
		// route: on the route all along (noise is 3 m), going back.
		for k, w := range rep.WrongWay {
			far := 0.0
			for i := w.First; i <= w.Last; i++ {
				far = math.Max(far, s.Path.Project(g.fixes[i].p).Distance())
			}
			// and the fixes at its ends are where it says (±60 m)
			a := s.Path.ProjectForward(g.fixes[w.First].p, w.FromKm*1000-200, 400)
			b := s.Path.ProjectForward(g.fixes[w.Last].p, w.ToKm*1000-200, 400)
			if far > 53 || w.FromKm-w.ToKm < 0.3-1e-9 || w.First >= w.Last ||
				math.Abs(a.Along/1000-w.FromKm) > 0.06 || math.Abs(b.Along/1000-w.ToKm) > 0.06 {
				t.Errorf("ride %d: wrong way %d: km %.3f–%.3f (fixes at %.3f–%.3f), fixes %d–%d up to %.0f m from the route",
					n, k, w.FromKm, w.ToKm, a.Along/1000, b.Along/1000, w.First, w.Last, far)
			}
		}
		// Every figure of the gap table agrees with the others: the fixes
		// either side, their straight distance, and where each lies on
		// the route, at least that far apart along it (less the
		// threshold at each end).
		for k, gp := range rep.Gaps {
			d := geo.Distance(g.fixes[gp.After].p, g.fixes[gp.Before].p)
			if gp.After >= gp.Before || math.Abs(gp.Distance-d) > 0.01 || gp.Driven < 0 {
				t.Errorf("ride %d: gap %d = %+v; the fixes are %.1f m apart", n, k, gp, d)
			}
			if !math.IsNaN(gp.FromKm) && !math.IsNaN(gp.ToKm) && math.Abs(gp.ToKm-gp.FromKm)*1000 < gp.Distance-2*50-1 {
				t.Errorf("ride %d: gap %d: %.0f m straight from km %.3f to km %.3f", n, k, gp.Distance, gp.FromKm, gp.ToKm)
			}
			for _, at := range []struct {
				km  float64
				fix int
			}{{gp.FromKm, gp.After}, {gp.ToKm, gp.Before}} {
				if !math.IsNaN(at.km) && geo.Distance(s.Path.PointAt(at.km*1000), g.fixes[at.fix].p) > 50+1 {
					t.Errorf("ride %d: gap %d: fix %d is not at km %.3f", n, k, at.fix, at.km)
				}
			}
		}
		var last time.Time
		for _, w := range rep.Waypoints {
			if !w.Validated {
				continue
			}
			if w.Time.Before(last) || w.Distance > w.Radius+1e-6 {
				t.Errorf("ride %d: %s validated at %v (after %v) at %.1f m of %v", n, w.Name, w.Time, last, w.Distance, w.Radius)
			}
			last = w.Time
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Errorf("ride %d: json.Marshal = %v", n, err)
		}
	}
}

// FuzzCheck feeds Check rides made from arbitrary bytes (each 6 bytes a fix:
// metres along the base route, metres to its side, seconds since the last
// fix, any of which may be wild) and options; it must not panic, and its
// excursions and wrong-way stretches must stay within the ride.
func FuzzCheck(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 0, 10, 0, 0, 0, 1, 0, 20, 0, 0, 0, 1, 0}, uint8(0), 0.0)
	f.Add([]byte{0, 1, 255, 0, 1, 0, 0, 2, 255, 255, 200, 0, 0, 3, 0, 0, 1, 0, 0, 4, 128, 0, 0, 0}, uint8(1), 30.0)
	f.Add([]byte{255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0}, uint8(9), -5.0)
	s := baseStage()
	f.Fuzz(func(t *testing.T, data []byte, fixes uint8, off float64) {
		var seg Segment
		tt := genT0
		for k := 0; k+6 <= len(data) && k < 6*2000; k += 6 {
			along := float64(int(data[k])<<8|int(data[k+1])) / 65535 * s.Length() * 1.2
			side := float64(int8(data[k+2])) * float64(data[k+3]) / 4
			tt = tt.Add(time.Duration(int16(uint16(data[k+4])<<8|uint16(data[k+5]))) * time.Second / 8)
			p := s.Path.PointAt(along)
			seg.Points = append(seg.Points, geo.Destination(p, 0, side))
			seg.Time = append(seg.Time, tt)
		}
		ride := &File{Tracks: []Track{{Segments: []Segment{seg}}}}
		rep := mustCheck(t, s, ride, CheckOptions{Fixes: int(fixes % 8), OffRoute: off})
		for _, e := range rep.Excursions {
			if e.First < 0 || e.Last >= len(seg.Points) || e.First > e.Last {
				t.Errorf("excursion fixes %d–%d of %d", e.First, e.Last, len(seg.Points))
			}
		}
		for _, w := range rep.WrongWay {
			if w.First < 0 || w.Last >= len(seg.Points) || w.First >= w.Last || w.FromKm-w.ToKm < 0.3-1e-9 {
				t.Errorf("wrong way km %.3f–%.3f, fixes %d–%d of %d", w.FromKm, w.ToKm, w.First, w.Last, len(seg.Points))
			}
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Errorf("json.Marshal = %v", err)
		}
	})
}

// TestCheckTripMeter: between validated waypoints the ride drives what the
// roadbook says, but for the leg with the wrong turn, which carries its
// 2 × 1500 m out and back.
func TestCheckTripMeter(t *testing.T) {
	base := baseStage()
	L := base.Length()
	ride := newRide(base.Path, 0).follow(0, 3800, 20).follow(3800, 6100, 12).follow(6100, 7000, 20).
		outAndBack(315, 1500, 15).follow(7000, L, 20) // no GPS noise: it lengthens what is driven by about 1 %
	rep := mustCheck(t, base, ride.file(), CheckOptions{})
	if len(rep.TripMeter) != 6 {
		t.Fatalf("%d legs; want 6 (7 waypoints validated): %+v", len(rep.TripMeter), rep.TripMeter)
	}
	for _, l := range rep.TripMeter {
		from, to := rep.Waypoints[l.From], rep.Waypoints[l.To]
		want := 0.0
		if from.Km < 7 && to.Km > 7 {
			want = 3000
		}
		if math.Abs(l.Roadbook-(to.Km-from.Km)*1000) > 1e-6 || math.Abs(l.Error()-want) > 5 {
			t.Errorf("leg %s–%s: roadbook %.1f m, driven %.1f m, error %.1f; want error %.0f (±5 m)", from.Name, to.Name, l.Roadbook, l.Driven, l.Error(), want)
		}
	}
	// The odometer at each waypoint is what the ride drove to it.
	if w := rep.Waypoints[1]; math.Abs(w.Odometer-3000) > 5 {
		t.Errorf("WPM 1 odometer %.1f m; want about 3000", w.Odometer)
	}
}

// TestCheckMinValidated: under 70 % of the WP waypoints validated (by
// default) the ride counts as not finishing; the rules change the share.
func TestCheckMinValidated(t *testing.T) {
	base := baseStage()
	// Retires at 6 km: WPM 1 validated, WPV 2 and WPC 10 missed.
	ride := newRide(base.Path, 0).follow(0, 3800, 20).follow(3800, 6000, 12).noise(11).file()
	for _, tc := range []struct {
		min  float64
		want bool
	}{{0, true}, {34, true}, {33, false}, {-1, false}, {100, true}} {
		rep := mustCheck(t, base, ride, CheckOptions{Rules: &Rules{MinValidatedPct: tc.min}})
		if rep.WPs != 3 || rep.WPsValidated != 1 || rep.NotFinishing != tc.want {
			t.Errorf("min %v: %d of %d WPs, not finishing %v; want 1 of 3, %v", tc.min, rep.WPsValidated, rep.WPs, rep.NotFinishing, tc.want)
		}
	}
	clean := mustCheck(t, base, cleanRide(base).noise(1).file(), CheckOptions{Rules: &Rules{MinValidatedPct: 100}})
	if clean.NotFinishing || clean.Deviations() {
		t.Errorf("clean ride with 100 %%: not finishing %v, deviations %v", clean.NotFinishing, clean.Deviations())
	}
}

// mustCheck is Check, failing tb on an error.
func mustCheck(tb testing.TB, s *Stage, ride *File, o CheckOptions) *Report {
	tb.Helper()
	rep, err := Check(s, ride, o)
	if err != nil {
		tb.Fatalf("Check = %v", err)
	}
	return rep
}

// TestCheckWrongTurnAtBox: a crew that goes straight on where the route
// turns left at a roadbook box left the route at that box, whatever the
// spacing of its fixes: the excursion names the box (Excursion.Waypoint)
// and starts at its distance, the roadbook's figure for the junction.
// Without a box at the turn it names none and starts at the last fix on
// the road.
func TestCheckWrongTurnAtBox(t *testing.T) {
	line := legs(genStart, leg{90, 3000}, leg{0, 3000})
	for _, step := range []float64{5, 15, 27, 40} { // metres between fixes
		for _, box := range []bool{true, false} {
			wps := []genWP{{kind: DSS, along: 100}, {kind: WPV, along: 2000, name: "WPV before"}}
			if box {
				wps = append(wps, genWP{kind: WPV, along: 3000, name: "turn"})
			}
			wps = append(wps, genWP{kind: WPV, along: 5000, name: "WPV after"}, genWP{kind: ASS, along: 5900})
			s := genStage("Corner", line, wps...)
			if box {
				w := &s.Waypoints[2]
				w.Controls, w.Notes = nil, "TL 90°" // a plain junction box
			}
			g := newRide(s.Path, 0).follow(0, 3000, step)
			g.to(geo.Destination(g.pos, 90, 1500), step) // straight on
			g.to(s.Path.PointAt(3000), step)
			g.follow(3000, s.Length(), step).noise(uint64(step))
			rep := mustCheck(t, s, g.file(), CheckOptions{})
			if len(rep.Excursions) != 1 {
				t.Fatalf("step %v m, box %v: %d excursions; want 1: %+v", step, box, len(rep.Excursions), rep.Excursions)
			}
			e := rep.Excursions[0]
			if box {
				if e.Waypoint != 2 || e.FromKm != 3 || rep.Waypoint(e.Waypoint).Notes != "TL 90°" {
					t.Errorf("step %v m: left at waypoint %d, km %.4f; want the box (2) at km 3", step, e.Waypoint, e.FromKm)
				}
			} else if e.Waypoint != -1 || math.Abs(e.FromKm-3) > (step+12.5)/1000 {
				t.Errorf("step %v m, no box: left at waypoint %d, km %.4f; want none, near km 3", step, e.Waypoint, e.FromKm)
			}
		}
	}
}

// TestCheckBoxCount: the report of a check against a roadbook without a
// track counts the boxes its line is drawn through, not the line's points
// (the line starts before the first box when that box is not at km 0, and
// runs on to the file's total distance).
func TestCheckBoxCount(t *testing.T) {
	f := &File{HasTotal: true, TotalKm: 9}
	var line orb.LineString
	for i := range 3 {
		p := orb.Point{38 + float64(i+1)*0.02, 24}
		w := ctlWpt(p, i+1, "box "+strconv.Itoa(i+1))
		w.Distance, w.HasDistance = 2+2*float64(i), true
		f.Waypoints = append(f.Waypoints, w)
		line = append(line, p)
	}
	s := NewStage(f, StageOptions{})
	if s.Source != BoxSource || len(s.Path.Line) != 5 {
		t.Fatalf("Source %v, %d line points; want boxes, 5 (start, 3 boxes, end)", s.Source, len(s.Path.Line))
	}
	ride := newRide(geo.NewPath(line), 0).follow(0, geo.Length(line), 20)
	rep := mustCheck(t, s, ride.file(), CheckOptions{})
	if rep.Boxes != 3 {
		t.Errorf("Report.Boxes = %d; want the 3 boxes", rep.Boxes)
	}
}

// TestCheckManyGaps: a recording that jumps at every step lists the first
// MaxGaps gaps and counts them all, so that its report stays small.
func TestCheckManyGaps(t *testing.T) {
	t.Parallel()
	s := baseStage()
	g := newRide(s.Path, 0).follow(0, s.Length(), 2)
	// Every other run of three fixes 20 km away: a jump there and back
	// (a single fix away would be a spike, left out).
	n := 0
	for i := range g.fixes {
		if i/3%2 == 1 {
			g.fixes[i].p = geo.Destination(g.fixes[i].p, 0, 20000)
			if i%3 == 0 {
				n += 2
			}
		}
	}
	if n <= MaxGaps {
		t.Fatalf("the ride has %d jumps; the test needs more than %d", n, MaxGaps)
	}
	rep := mustCheck(t, s, g.file(), CheckOptions{})
	if rep.GapCount < MaxGaps+1 || len(rep.Gaps) != MaxGaps {
		t.Errorf("GapCount %d, %d listed; want more than %d counted and %d listed", rep.GapCount, len(rep.Gaps), MaxGaps, MaxGaps)
	}
	var d time.Duration
	for _, gp := range rep.Gaps {
		d += gp.Duration
	}
	if rep.GapTime < d {
		t.Errorf("GapTime %v; less than the listed gaps' %v", rep.GapTime, d)
	}
}

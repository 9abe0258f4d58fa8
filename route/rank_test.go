package route

import (
	"testing"
	"time"
)

func TestRank(t *testing.T) {
	min := func(m int) time.Duration { return time.Duration(m) * time.Minute }
	timed := func(special, penalty int) *Report {
		return &Report{HasSpecial: true, Special: min(special), Penalty: min(penalty)}
	}
	retired := timed(20, 0)
	retired.Retired = &Retirement{Km: 6}
	short := timed(20, 0)
	short.NotFinishing, short.WPs, short.WPsValidated = true, 3, 1
	away := &Report{Away: &Approach{Index: 0, Distance: 1e6}}
	faulty := timed(5, 0)
	faulty.Faults = []Fault{{Kind: FaultJumping}}
	reps := []*Report{
		timed(30, 15), // 45
		retired,
		timed(40, 0),  // 40
		{},            // no special
		timed(25, 20), // 45: shares the rank of the first 45
		short,
		away,
		faulty,
	}
	got := Rank(reps)
	want := []Standing{
		{Ride: 2, Rank: 1, Total: min(40)},
		{Ride: 0, Rank: 2, Total: min(45), Behind: min(5)},
		{Ride: 4, Rank: 2, Total: min(45), Behind: min(5)},
		{Ride: 1, Reason: "retired at km 6.0"},
		{Ride: 3, Reason: "no special time"},
		{Ride: 5, Reason: "not finishing: 1 of 3 WPs"},
		{Ride: 6, Reason: "never on the route"},
		{Ride: 7, Reason: "its recording jumps"},
	}
	if len(got) != len(want) {
		t.Fatalf("Rank = %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Rank()[%d] = %+v; want %+v", i, got[i], want[i])
		}
	}
	if len(Rank(nil)) != 0 {
		t.Error("Rank(nil) is not empty")
	}
}

func TestRideStage(t *testing.T) {
	base := baseStage()
	other := genStage("Other", legs(genStart, leg{0, 6000}))
	day := func(d string) *RallyStage { return &RallyStage{Date: d} }
	ride := cleanRide(base).file() // 11 January 2026, on base
	untimed := cleanRide(base).file()
	untimed.Tracks[0].Segments[0].Time = nil
	far := &File{Tracks: []Track{{Segments: []Segment{{Points: legs(genStart, leg{180, 3000})}}}}}
	for _, tc := range []struct {
		name   string
		ride   *File
		stages []LoadedStage
		want   int
		how    StageMatch
	}{
		{"one stage", far, []LoadedStage{{Stage: other}}, 0, OnlyStage},
		{"by date", ride, []LoadedStage{{Entry: day("2026-01-10"), Stage: base}, {Entry: day("2026-01-11"), Stage: other}}, 1, ByDate},
		{"by position", untimed, []LoadedStage{{Entry: day("2026-01-11"), Stage: other}, {Entry: day("2026-01-12"), Stage: base}}, 1, ByPosition},
		{"dated another day", ride, []LoadedStage{{Entry: day("2026-02-01"), Stage: other}, {Entry: day("2026-02-02"), Stage: base}}, 1, ByPosition},
		{"none", far, []LoadedStage{{Stage: base}, {Stage: other}}, -1, NoMatch},
		{"empty route", untimed, []LoadedStage{{Stage: &Stage{Path: nil}}, {Stage: base}}, 1, ByPosition},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, how := RideStage(tc.ride, tc.stages)
			if got != tc.want || how != tc.how {
				t.Errorf("RideStage = %d, %v; want %d, %v", got, how, tc.want, tc.how)
			}
		})
	}
}

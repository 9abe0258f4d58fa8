package route_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
	"github.com/roadbook/roadbook/route/kml"
)

// openFile opens path for the test, closing it at the end.
func openFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// decodeAny reads a corpus file, GPX or KML by its name.
func decodeAny(t *testing.T, path string) *route.File {
	t.Helper()
	if filepath.Ext(path) == ".kml" {
		f, err := kml.Decode(openFile(t, path))
		if err != nil {
			t.Fatalf("kml.Decode(%s) = %v", path, err)
		}
		return f
	}
	f, err := gpx.Decode(openFile(t, path))
	if err != nil {
		t.Fatalf("gpx.Decode(%s) = %v", path, err)
	}
	return f
}

// rideOf returns the stage's route as a ride: one segment, with the times
// of its file's single track segment when it has one.
func rideOf(f *route.File, s *route.Stage) *route.File {
	seg := route.Segment{Points: s.Path.Line}
	if len(f.Tracks) == 1 && len(f.Tracks[0].Segments) == 1 && len(f.Tracks[0].Segments[0].Points) == len(s.Path.Line) {
		seg.Time = f.Tracks[0].Segments[0].Time
	}
	return &route.File{Tracks: []route.Track{{Segments: []route.Segment{seg}}}}
}

// TestCheckRouteAgainstItself checks real routes and logs against
// themselves, whatever their sampling: routes of a few points kilometres
// apart (an OpenCPN route, a three-point path), an ExpertGPS log with a fix
// every one to three minutes, dense logs with and without times. Driven
// equals the route within 1 %; no wrong turn, no wrong way, no gap but the
// ExpertGPS log's 41 minutes without a fix; every waypoint validated.
func TestCheckRouteAgainstItself(t *testing.T) {
	for _, tc := range []struct {
		file string
		gaps int // recording gaps the file has
	}{
		{"togeojson/opencpn.gpx", 0},
		{"gpxpy/route.gpx", 0},
		{"gpxpy/track-with-small-floats.gpx", 0},
		{"gpsbabel/expertgps.gpx", 1},
		{"gpsbabel/skydrop.kml", 0},
		{"gpxpy/around-visnjan-with-car.gpx", 0},
		{"togeojson/strava.gpx", 0},
		{"gpsbabel/garminconnect.gpx", 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := decodeAny(t, filepath.Join(corpus, tc.file))
			s := route.NewStage(f, route.StageOptions{})
			ride := rideOf(f, s)
			rep := mustCheck(t, s, ride, route.CheckOptions{})
			if d, l := rep.Driven, s.Length(); math.Abs(d-l) > 0.01*l {
				t.Errorf("Driven = %.0f m; want the route's %.0f m within 1 %%", d, l)
			}
			if len(rep.Excursions) != 0 || len(rep.WrongWay) != 0 || rep.Away != nil || len(rep.Faults) != 0 || rep.Missed != 0 {
				t.Errorf("excursions %v, wrong way %v, away %v, faults %v, missed %d; want none", rep.Excursions, rep.WrongWay, rep.Away, rep.Faults, rep.Missed)
			}
			if len(rep.Gaps) != tc.gaps {
				t.Errorf("Gaps = %+v; want %d", rep.Gaps, tc.gaps)
			}
			for _, g := range rep.Gaps {
				if g.Jump || g.Duration < 40*time.Minute {
					t.Errorf("gap %+v; want the 41 minutes without a fix", g)
				}
			}
			for _, l := range rep.TripMeter {
				if math.Abs(l.Error()) > 0.01*l.Roadbook+1 {
					t.Errorf("trip meter %+v: error %.0f m; want within 1 %%", l, l.Error())
				}
			}
		})
	}
}

// TestCheckAway checks a real log against a stage on another continent
// (GPSBabel's ExpertGPS track in Louisiana against gpxpy's lake tour in
// Slovenia): never near the route, the ride is a deviation saying how far
// it came, never clean.
func TestCheckAway(t *testing.T) {
	stage := route.NewStage(decodeAny(t, filepath.Join(corpus, "gpxpy", "cerknicko-jezero-without-elevations.gpx")), route.StageOptions{})
	f := decodeAny(t, filepath.Join(corpus, "gpsbabel", "expertgps.gpx"))
	rep := mustCheck(t, stage, &route.File{Tracks: f.Tracks}, route.CheckOptions{})
	if rep.Away == nil || !rep.Deviations() {
		t.Fatalf("Away = %v, Deviations() = %v; want the ride away, a deviation", rep.Away, rep.Deviations())
	}
	if d := rep.Away.Distance; d < 8_000_000 || d > 9_000_000 || rep.Away.Index < 0 {
		t.Errorf("Away = %+v; want about 8,500 km", *rep.Away)
	}
	if rep.Retired != nil || len(rep.Excursions) != 0 {
		t.Errorf("Retired %v, excursions %v; want neither: the ride never started", rep.Retired, rep.Excursions)
	}
}

// TestCheckFaults checks rides whose recordings cannot be used as they are,
// made from a real log (garminconnect.gpx, 68 fixes over 5 minutes): all
// times equal, times run backwards, a recording that jumps. Each is
// reported, is a deviation and is not ranked; a fault of its times leaves
// nothing timed.
func TestCheckFaults(t *testing.T) {
	f := decodeAny(t, filepath.Join(corpus, "gpsbabel", "garminconnect.gpx"))
	seg := f.Tracks[0].Segments[0]
	n := len(seg.Points)
	// A special from its third fix to its third last.
	f.Waypoints = []route.Waypoint{
		{Point: seg.Points[2], HasPoint: true, Controls: []route.Control{{Kind: route.DSS}}},
		{Point: seg.Points[n-3], HasPoint: true, Controls: []route.Control{{Kind: route.ASS}}},
	}
	s := route.NewStage(f, route.StageOptions{})
	with := func(edit func(s *route.Segment)) *route.File {
		c := route.Segment{Points: append(orb.LineString(nil), seg.Points...), Time: append([]time.Time(nil), seg.Time...)}
		edit(&c)
		return &route.File{Tracks: []route.Track{{Segments: []route.Segment{c}}}}
	}
	for _, tc := range []struct {
		name string
		ride *route.File
		want route.FaultKind
	}{
		{"times all equal", with(func(s *route.Segment) {
			for i := range s.Time {
				s.Time[i] = seg.Time[0]
			}
		}), route.FaultTimesEqual},
		{"times backwards", with(func(s *route.Segment) {
			for i := range s.Time {
				s.Time[i] = seg.Time[n-1-i]
			}
		}), route.FaultTimesBackwards},
		{"jumping", with(func(s *route.Segment) {
			for i := 1; i < n; i += 4 {
				s.Points[i] = orb.Point{s.Points[i][0] + 0.1, s.Points[i][1]}
				s.Points[i+1] = orb.Point{s.Points[i+1][0] + 0.1, s.Points[i+1][1]}
			}
		}), route.FaultJumping},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := mustCheck(t, s, tc.ride, route.CheckOptions{})
			if len(rep.Faults) != 1 || rep.Faults[0].Kind != tc.want || rep.Faults[0].Message == "" {
				t.Fatalf("Faults = %+v; want one %v", rep.Faults, tc.want)
			}
			if !rep.Deviations() {
				t.Error("Deviations() = false; want true")
			}
			clean := mustCheck(t, s, &route.File{Tracks: f.Tracks}, route.CheckOptions{})
			st := route.Rank([]*route.Report{rep, clean})
			if st[0].Ride != 1 || st[1].Ride != 0 || st[1].Rank != 0 || st[1].Reason == "" {
				t.Errorf("Rank(faulty, clean) = %+v; want the clean ride first, the faulty one not ranked, with a reason", st)
			}
			if tc.want != route.FaultJumping && (rep.HasSpecial || !rep.Start.Equal(seg.Time[0]) && tc.want == route.FaultTimesEqual) {
				t.Errorf("HasSpecial %v, Start %v; want no time measured", rep.HasSpecial, rep.Start)
			}
			for _, sec := range rep.Sections {
				if tc.want != route.FaultJumping && sec.Complete {
					t.Errorf("section %v timed; want nothing timed", sec)
				}
			}
		})
	}
}

// TestCheckBoxLine checks the Dakar example's Stage 7 ride against the
// stage's roadbook without its track (its boxes, as Rally Navigator exports
// roadbooks): every waypoint is validated at its own position, the real
// wrong turn (2.9 km off, special km 163) is found against the straight
// lines between the boxes, with the wider threshold, and the report says
// what it measured against.
func TestCheckBoxLine(t *testing.T) {
	f := decodeFile(t, filepath.Join("..", "examples", "dakar2026", "07-stage7.gpx"))
	bare := *f
	bare.Tracks = nil
	s := route.NewStage(&bare, route.StageOptions{})
	ride := decodeFile(t, filepath.Join("..", "examples", "dakar2026", "stage07-ride.gpx"))
	rep := mustCheck(t, s, ride, route.CheckOptions{})
	withPoint := 0
	for _, w := range bare.Waypoints {
		if w.HasPoint {
			withPoint++
		}
	}
	if rep.Source != route.BoxSource || rep.OffRoute != 500 || rep.Boxes != withPoint {
		t.Errorf("Source %v, OffRoute %v, Boxes %d; want boxes, 500 m, %d", rep.Source, rep.OffRoute, rep.Boxes, withPoint)
	}
	if rep.Missed != 0 || len(rep.Waypoints) == 0 {
		t.Errorf("%d of %d waypoints missed; want none", rep.Missed, len(rep.Waypoints))
	}
	found := false
	for _, e := range rep.Excursions {
		if math.Abs(e.FromKm-413.1) < 0.5 && math.Abs(e.MaxOffset-2950) < 100 {
			found = true
			if r := rep.Odometer(e.FromKm); r.Label != "special" || math.Abs(r.Metres-163100) > 500 {
				t.Errorf("the wrong turn reads %v; want special km 163.1", r)
			}
		}
	}
	if !found {
		t.Errorf("excursions %+v; want the wrong turn at km 413.1, 2.9 km off", rep.Excursions)
	}
	if !rep.HasSpecial || rep.Retired != nil || rep.Away != nil {
		t.Errorf("special %v, retired %v, away %v; want a timed special, finished", rep.HasSpecial, rep.Retired, rep.Away)
	}
}

// TestCheckStage7WrongTurn: the Dakar example's crew goes straight on at
// the "TL 75°" box of Stage 7 (the route runs straight to it and turns
// there): the check names that box and gives its roadbook figure, special
// 163.12, as the PDF and the KMZ print it.
func TestCheckStage7WrongTurn(t *testing.T) {
	s := route.NewStage(decodeFile(t, filepath.Join("..", "examples", "dakar2026", "07-stage7.gpx")), route.StageOptions{})
	ride := decodeFile(t, filepath.Join("..", "examples", "dakar2026", "stage07-ride.gpx"))
	rep := mustCheck(t, s, ride, route.CheckOptions{})
	if len(rep.Excursions) != 1 {
		t.Fatalf("%d excursions; want 1", len(rep.Excursions))
	}
	e := rep.Excursions[0]
	w := rep.Waypoint(e.Waypoint)
	if w == nil || !strings.HasPrefix(w.Notes, "TL 75°") || e.FromKm*1000 != w.Along {
		t.Fatalf("wrong turn at km %.3f, waypoint %d (%+v); want at the TL 75° box", e.FromKm, e.Waypoint, w)
	}
	if r := rep.Odometer(e.FromKm); r.Label != "special" || route.Km(r.Metres) != "163.12" || route.Km(w.Distance*1000) != "163.12" {
		t.Errorf("the wrong turn reads %s %s, the box's own figure %.2f; want special 163.12 for both", r.Label, route.Km(r.Metres), w.Distance)
	}
}

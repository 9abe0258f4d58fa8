package route_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// corpus is the real-world test data of the repository.
const corpus = "../testdata/corpus"

// TestStageSeparateTracks builds the stage of a lake tour recorded as 8
// tracks (gpxpy's cerknicko-jezero): where the tracks do not meet, the route
// joins them with straight lines, each a Join and a gap problem saying
// where and how long; StageOptions.Track picks one track alone.
func TestStageSeparateTracks(t *testing.T) {
	f := decodeFile(t, filepath.Join(corpus, "gpxpy", "cerknicko-jezero-without-elevations.gpx"))
	s := route.NewStage(f, route.StageOptions{})
	if s.Source != route.TrackSource || len(f.Tracks) != 8 {
		t.Fatalf("Source %v, %d tracks; want track, 8", s.Source, len(f.Tracks))
	}
	// The gaps measured apart: the route is the tracks plus every gap,
	// and the gaps longer than JoinGap are its joins.
	joined, long := f.TrackLength(), 0
	var prev orb.Point
	first := true
	for _, tr := range f.Tracks {
		for _, sg := range tr.Segments {
			if len(sg.Points) == 0 {
				continue
			}
			if !first {
				d := geo.Distance(prev, sg.Points[0])
				joined += d
				if d > route.JoinGap {
					long++
				}
			}
			prev, first = sg.Points[len(sg.Points)-1], false
		}
	}
	if long == 0 || len(s.Joins) != long || math.Abs(joined-s.Length()) > 1e-6 {
		t.Errorf("joins %v, route %.3f m; want %d joins, tracks and gaps %.3f m", s.Joins, s.Length(), long, joined)
	}
	gaps := 0
	for _, p := range s.Problems {
		if p.Kind == route.ProblemGap {
			gaps++
			if !strings.HasPrefix(p.Message, "gap at km ") || !strings.Contains(p.Message, " km from the end of track ") {
				t.Errorf("gap problem %q; want where and how long", p.Message)
			}
		}
	}
	if gaps != len(s.Joins) {
		t.Errorf("%d gap problems for %d joins", gaps, len(s.Joins))
	}
	for i, j := range s.Joins {
		if j.Length <= route.JoinGap || j.ToTrack != j.FromTrack+1 || (i > 0 && j.Along < s.Joins[i-1].Along) {
			t.Errorf("join %d = %+v; want longer than %v m, between consecutive tracks, in route order", i, j, route.JoinGap)
		}
		// The join starts at the end of its track: the route's point there.
		seg := f.Tracks[j.FromTrack-1].Segments
		end := seg[len(seg)-1].Points[len(seg[len(seg)-1].Points)-1]
		if p := s.Path.PointAt(j.Along); math.Abs(p[0]-end[0]) > 1e-9 || math.Abs(p[1]-end[1]) > 1e-9 {
			t.Errorf("join %d at km %.3f is at %v; want the end of track %d, %v", i, j.Along/1000, p, j.FromTrack, end)
		}
	}

	for n := 1; n <= 8; n++ {
		one := route.NewStage(f, route.StageOptions{Track: n})
		want := 0.0
		for _, sg := range f.Tracks[n-1].Segments {
			want += sg.Length()
		}
		if math.Abs(one.Length()-want) > 1e-6 || len(one.Joins) != 0 {
			t.Errorf("Track %d: length %.1f m, joins %v; want %.1f m, none", n, one.Length(), one.Joins, want)
		}
	}
	none := route.NewStage(f, route.StageOptions{Track: 9})
	if none.Length() != 0 || none.Source != route.NoSource || len(none.Problems) == 0 || none.Problems[len(none.Problems)-1].Kind != route.ProblemSource {
		t.Errorf("Track 9 of 8: length %v, source %v, problems %q; want no route and why", none.Length(), none.Source, none.Problems)
	}
}

// TestStageFarWaypoints builds the stage of an ExpertGPS export (GPSBabel's
// expertgps.gpx) whose track is in Louisiana and whose 86 waypoints are
// around Boston, 2,286 km away: none is placed (no made-up km), each is a
// ProblemFar; the file also has a route (<rte>), and the stage says it
// used the track and why.
func TestStageFarWaypoints(t *testing.T) {
	f := decodeFile(t, filepath.Join(corpus, "gpsbabel", "expertgps.gpx"))
	s := route.NewStage(f, route.StageOptions{})
	if len(s.Waypoints) != 0 || len(s.Unplaced) != 86 {
		t.Fatalf("%d waypoints placed, %d not; want 0 and 86", len(s.Waypoints), len(s.Unplaced))
	}
	far, source := 0, ""
	for _, p := range s.Problems {
		switch p.Kind {
		case route.ProblemFar:
			far++
			if p.Line == 0 || !strings.Contains(p.Message, " km from the route: not placed") {
				t.Errorf("far problem line %d %q; want its line and distance", p.Line, p.Message)
			}
		case route.ProblemSource:
			source = p.Message
		}
	}
	for _, u := range s.Unplaced {
		if u.OnRoute || u.Along != 0 || !(math.Abs(u.Offset) > 2_280_000 && math.Abs(u.Offset) < 2_300_000) {
			t.Errorf("unplaced %q: OnRoute %v, Along %v, Offset %.0f; want off the route, 2,286 km away", u.Name, u.OnRoute, u.Along, u.Offset)
		}
	}
	if far != 86 {
		t.Errorf("%d far problems; want 86", far)
	}
	if s.Source != route.TrackSource || !strings.Contains(source, "a track (64 points) and a route (<rte>, 46 points): the track is the stage's route") {
		t.Errorf("Source %v, %q; want the track, and why", s.Source, source)
	}
	// The same waypoints with a route near them are placed.
	near := route.NewStage(&route.File{Routes: f.Routes, Waypoints: f.Waypoints}, route.StageOptions{})
	if near.Source != route.ItinerarySource || len(near.Unplaced) != 0 || len(near.Waypoints) != 86 {
		t.Errorf("on the <rte>: source %v, %d placed, %d unplaced; want rte, 86, 0", near.Source, len(near.Waypoints), len(near.Unplaced))
	}
}

// TestStageBoxLine builds the stage of a roadbook without a track: the
// Dakar example's Stage 7 with its track taken out, as Rally Navigator
// writes its exports (343 boxes with a position and a distance, the odometer
// reset at the DSS and the ASS). The route is straight lines between the
// boxes, measured by the boxes' own distances: each box is placed at its
// distance, the stage is as long as the file's total, and its sections are
// those of the stage with its track, to the roadbook's 10 m.
func TestStageBoxLine(t *testing.T) {
	f := decodeFile(t, filepath.Join("..", "examples", "dakar2026", "07-stage7.gpx"))
	full := route.NewStage(f, route.StageOptions{})
	bare := *f
	bare.Tracks = nil
	s := route.NewStage(&bare, route.StageOptions{})
	if s.Source != route.BoxSource {
		t.Fatalf("Source = %v; want boxes", s.Source)
	}
	if want := f.TotalKm * 1000; math.Abs(s.Length()-want) > route.OdoStep {
		t.Errorf("Length = %.3f km; want the file's total, %.3f km", s.Length()/1000, want/1000)
	}
	if len(s.Waypoints) != len(f.Waypoints) {
		t.Fatalf("%d waypoints placed; want %d", len(s.Waypoints), len(f.Waypoints))
	}
	// Each box at its own distance (km since the last reset, made
	// absolute), which is where the stage with its track puts it to 10 m.
	for i := range s.Waypoints {
		b, w := &s.Waypoints[i], &full.Waypoints[i]
		if !b.OnRoute || b.Offset != 0 || b.Point != w.Point {
			t.Fatalf("box %d: OnRoute %v, Offset %v, at %v; want on the line through its own point %v", i+1, b.OnRoute, b.Offset, b.Point, w.Point)
		}
		if math.Abs(b.Along-w.Along) > route.OdoStep {
			t.Errorf("box %d at km %.3f; the stage with its track puts it at km %.3f", i+1, b.Along/1000, w.Along/1000)
		}
		if p := s.Path.PointAt(b.Along); geo.Distance(p, b.Point) > 0.01 {
			t.Errorf("box %d: the route at its km %.3f is %v, not the box's %v", i+1, b.Along/1000, p, b.Point)
		}
	}
	if len(s.Sections) != len(full.Sections) {
		t.Fatalf("sections %v; want those of the full stage, %v", s.Sections, full.Sections)
	}
	for i := range s.Sections {
		a, b := s.Sections[i], full.Sections[i]
		if a.Kind != b.Kind || math.Abs(a.From-b.From) > route.OdoStep || math.Abs(a.To-b.To) > route.OdoStep {
			t.Errorf("section %d = %v; the full stage's is %v", i, a, b)
		}
	}
	// The straight lines are shorter than the roadbook: the odometer is the
	// roadbook's, not the lines' lengths.
	if straight := geo.Length(s.Path.Line); straight >= s.Length() {
		t.Errorf("straight lines %.0f m, stage %.0f m; want the lines shorter", straight, s.Length())
	}
	// Editing the boxes rebuilds the route through them: 10 boxes, then
	// on to the file's total.
	ws := append([]route.Waypoint(nil), bare.Waypoints[:10]...)
	if e := s.WithWaypoints(ws, route.StageOptions{}); e.Source != route.BoxSource || len(e.Path.Line) != 11 || e.Length() != s.Length() {
		t.Errorf("WithWaypoints(10 boxes): source %v, %d points, %.3f km; want boxes, 11, %.3f km", e.Source, len(e.Path.Line), e.Length()/1000, s.Length()/1000)
	}
}

// TestStageDistancesOnly builds the stage of OpenRally's example, whose
// boxes have distances but no positions: no line, a length from the file.
func TestStageDistancesOnly(t *testing.T) {
	f := decodeFile(t, filepath.Join(corpus, "openrally", "v1.0.2.gpx"))
	s := route.NewStage(f, route.StageOptions{})
	if s.Source != route.DistanceSource || len(s.Path.Line) != 0 || math.Abs(s.Length()-f.TotalKm*1000) > 1e-6 {
		t.Errorf("source %v, %d points, length %.3f km; want distances, none, the file's %.3f km", s.Source, len(s.Path.Line), s.Length()/1000, f.TotalKm)
	}
	if len(s.Sections) == 0 || s.Sections[len(s.Sections)-1].To != s.Length() {
		t.Errorf("sections %v; want them to cover the stage", s.Sections)
	}
}

// TestStageGarminRoutingPoints: a MapSource route autorouted on roads
// (GPSBabel's GPX of a real .gdb) is 34 turn instructions and, between
// them, the road as the planner calculated it: 289 Garmin routing points
// (gpxx:rpt). The stage follows that road, 30.25 km, where straight lines
// between the instructions made 28.35 km (6 % short).
func TestStageGarminRoutingPoints(t *testing.T) {
	f := decodeFile(t, filepath.Join(corpus, "gpsbabel", "gdb-sample-v3-ilinks.gpx"))
	if len(f.Routes) != 1 || len(f.Routes[0].Points.Points) != 34 || len(f.Routes[0].Shape) != 34 {
		t.Fatalf("%d routes; want one of 34 points, each with its routing points", len(f.Routes))
	}
	n := 0
	for _, sh := range f.Routes[0].Shape {
		n += len(sh)
	}
	if n != 289 {
		t.Errorf("%d routing points; want the file's 289", n)
	}
	s := route.NewStage(f, route.StageOptions{})
	straight := f.Routes[0].Points.Length()
	if s.Source != route.ItinerarySource || math.Abs(s.Length()-30254) > 5 || math.Abs(straight-28351) > 5 {
		t.Errorf("source %v, length %.0f m (straight %.0f m); want the road's 30254 m, not 28351 m", s.Source, s.Length(), straight)
	}
	if got := f.RouteLength(); math.Abs(got-s.Length()) > 1 {
		t.Errorf("RouteLength %.0f m; want the road's %.0f m", got, s.Length())
	}
	// Every rtept is on the road, in order.
	road := f.Routes[0].Road()
	j := 0
	for _, p := range f.Routes[0].Points.Points {
		for j < len(road.Points) && road.Points[j] != p {
			j++
		}
		if j == len(road.Points) {
			t.Fatalf("rtept %v not on the road in order", p)
		}
	}
}

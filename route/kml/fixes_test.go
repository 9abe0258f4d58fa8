package kml

import (
	"slices"
	"strconv"
	"strings"

	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// corpusGPX reads a GPX file of the corpus.
func corpusGPX(t *testing.T, name string) *route.File {
	t.Helper()
	r, err := os.Open(filepath.Join(testdataDir, "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := gpx.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// sameSegment compares a segment read from KML with the segment GPSBabel
// wrote it from: positions to GPSBabel's 6 decimals, altitudes to its 2,
// times exactly.
func sameSegment(t *testing.T, what string, got, want route.Segment) {
	t.Helper()
	if len(got.Points) != len(want.Points) {
		t.Errorf("%s: %d points; want %d", what, len(got.Points), len(want.Points))
		return
	}
	for i := range want.Points {
		if math.Abs(got.Points[i][0]-want.Points[i][0]) > 0.6e-6 || math.Abs(got.Points[i][1]-want.Points[i][1]) > 0.6e-6 {
			t.Errorf("%s point %d = %v; want %v", what, i, got.Points[i], want.Points[i])
		}
		if we, ok := want.EleAt(i); ok && we != 0 {
			if ge, ok := got.EleAt(i); !ok || math.Abs(ge-we) > 0.006 {
				t.Errorf("%s point %d elevation %v (%v); want %v", what, i, ge, ok, we)
			}
		}
		if !got.TimeAt(i).Equal(want.TimeAt(i)) {
			t.Errorf("%s point %d time %v; want %v", what, i, got.TimeAt(i), want.TimeAt(i))
		}
	}
}

// joined returns a track's segments as one.
func joined(tr route.Track) route.Segment {
	var s route.Segment
	n := 0
	for _, sg := range tr.Segments {
		n += len(sg.Points)
	}
	for _, sg := range tr.Segments {
		for i := range sg.Points {
			s.Points = append(s.Points, sg.Points[i])
			e, ok := sg.EleAt(i)
			if !ok {
				e = math.NaN()
			}
			s.Ele = append(s.Ele, e)
			s.Time = append(s.Time, sg.TimeAt(i))
		}
	}
	return s
}

// TestPointsThatAreATrack reads GPSBabel's KML of three GPX files and
// compares it with the GPX it was written from: the placemarks that are one
// fix each are the track, with its times, and only the real waypoints are
// waypoints. Google's time-stamp sample is one timed track.
func TestPointsThatAreATrack(t *testing.T) {
	t.Run("earth-expertgps", func(t *testing.T) {
		f, err := decodeBytes(corpusKML(t, "gpsbabel/earth-expertgps.kml"), false)
		if err != nil {
			t.Fatal(err)
		}
		g := corpusGPX(t, "gpsbabel/expertgps.gpx")
		if len(f.Waypoints) != len(g.Waypoints) || len(f.Tracks) != 2 {
			t.Fatalf("%d waypoints, %d tracks; want %d waypoints and 2 tracks (the track and the route)", len(f.Waypoints), len(f.Tracks), len(g.Waypoints))
		}
		for i, w := range g.Waypoints {
			got := f.Waypoints[i]
			if got.Name != w.Name || math.Abs(got.Point[0]-w.Point[0]) > 0.6e-6 || math.Abs(got.Point[1]-w.Point[1]) > 0.6e-6 || !got.Time.Equal(w.Time) {
				t.Errorf("waypoint %d = %q %v %v; want %q %v %v", i, got.Name, got.Point, got.Time, w.Name, w.Point, w.Time)
			}
		}
		sameSegment(t, "track", joined(f.Tracks[0]), joined(g.Tracks[0]))
		sameSegment(t, "route", joined(f.Tracks[1]), g.Routes[0].Points)
	})
	t.Run("gpx_garmin_extensions", func(t *testing.T) {
		f, err := decodeBytes(corpusKML(t, "gpsbabel/gpx_garmin_extensions-kml_track.kml"), false)
		if err != nil {
			t.Fatal(err)
		}
		g := corpusGPX(t, "gpsbabel/gpx_garmin_extensions.gpx")
		if len(f.Waypoints) != 1 || f.Waypoints[0].Name != "LAP001" || len(f.Tracks) != 1 {
			t.Fatalf("%d waypoints, %d tracks; want LAP001 and the track written once", len(f.Waypoints), len(f.Tracks))
		}
		sameSegment(t, "track", joined(f.Tracks[0]), joined(g.Tracks[0]))
	})
	t.Run("segmented_tracks", func(t *testing.T) {
		f, err := decodeBytes(corpusKML(t, "gpsbabel/segmented_tracks.kml"), false)
		if err != nil {
			t.Fatal(err)
		}
		g := corpusGPX(t, "gpsbabel/segmented_tracks.gpx")
		if len(f.Waypoints) != 0 || len(f.Tracks) != len(g.Tracks) {
			t.Fatalf("%d waypoints, %d tracks; want none and %d", len(f.Waypoints), len(f.Tracks), len(g.Tracks))
		}
		for i := range g.Tracks {
			// GPSBabel leaves out the empty segments.
			var segs []route.Segment
			for _, s := range g.Tracks[i].Segments {
				if len(s.Points) > 0 {
					segs = append(segs, s)
				}
			}
			if len(f.Tracks[i].Segments) != len(segs) {
				t.Errorf("track %d: %d segments; want %d", i, len(f.Tracks[i].Segments), len(segs))
			}
			sameSegment(t, g.Tracks[i].Name, joined(f.Tracks[i]), joined(route.Track{Segments: segs}))
		}
	})
	t.Run("time-stamp-point.kmz", func(t *testing.T) {
		f, err := decodeBytes(corpusKML(t, "google/time-stamp-point.kmz"), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Waypoints) != 0 || len(f.Tracks) != 1 || f.Tracks[0].Name != "TimeStamp'ed Points" || len(f.Tracks[0].Segments) != 1 {
			t.Fatalf("%d waypoints, %d tracks; want one track, TimeStamp'ed Points, of one segment", len(f.Waypoints), len(f.Tracks))
		}
		s := f.Tracks[0].Segments[0]
		first, last := time.Date(2007, 1, 14, 21, 5, 2, 0, time.UTC), time.Date(2007, 1, 14, 22, 36, 20, 0, time.UTC)
		if len(s.Points) != 361 || len(s.Time) != 361 || !s.Time[0].Equal(first) || !s.Time[360].Equal(last) || s.Ele != nil {
			t.Errorf("%d points, %d times (%v to %v), elevations %v; want 361 from %v to %v, none", len(s.Points), len(s.Time), s.TimeAt(0), s.TimeAt(len(s.Points)-1), s.Ele != nil, first, last)
		}
		if want := (orb.Point{-122.536226, 37.86047}); s.Points[0] != want {
			t.Errorf("first point %v; want %v", s.Points[0], want)
		}
	})
}

// TestFixRules checks what is and is not a track of point placemarks.
func TestFixRules(t *testing.T) {
	pm := func(name, when string, lon float64) string {
		s := "<Placemark>"
		if name != "" {
			s += "<name>" + name + "</name>"
		}
		if when != "" {
			s += "<TimeStamp><when>" + when + "</when></TimeStamp>"
		}
		return s + "<Point><coordinates>" + strconv.FormatFloat(lon, 'f', -1, 64) + ",45</coordinates></Point></Placemark>"
	}
	t1, t2, t3 := "2026-01-11T06:00:00Z", "2026-01-11T06:00:01Z", "2026-01-11T06:00:02Z"
	for _, tc := range []struct {
		name, in      string
		wpts          []string // waypoint names, in order
		tracks, fixes int      // tracks, and points of the first
	}{
		{"three timed points", "<Folder><name>ride</name>" + pm("", t1, 1) + pm("", t2, 2) + pm("", t3, 3) + "</Folder>", nil, 1, 3},
		{"two are waypoints", "<Folder>" + pm("a", t1, 1) + pm("b", t2, 2) + "</Folder>", []string{"a", "b"}, 0, 0},
		{"backwards", "<Folder>" + pm("a", t2, 1) + pm("b", t1, 2) + pm("c", t3, 3) + "</Folder>", []string{"a", "b", "c"}, 0, 0},
		{"all at once", "<Folder>" + pm("a", t1, 1) + pm("b", t1, 2) + pm("c", t1, 3) + "</Folder>", []string{"a", "b", "c"}, 0, 0},
		{"one untimed", "<Folder>" + pm("a", t1, 1) + pm("b", "", 2) + pm("c", t3, 3) + "</Folder>", []string{"a", "b", "c"}, 0, 0},
		{"controls", "<Folder>" + pm("DSS", t1, 1) + pm("WPM 1", t2, 2) + pm("ASS", t3, 3) + "</Folder>", []string{"DSS", "WPM 1", "ASS"}, 0, 0},
		{"styled as waypoints", "<Folder>" + strings.ReplaceAll(pm("a", t1, 1)+pm("b", t2, 2)+pm("c", t3, 3), "<Point>", "<styleUrl>#waypoint</styleUrl><Point>") + "</Folder>", []string{"a", "b", "c"}, 0, 0},
		{"the vertices of a line", pm("a", "", 1) + pm("b", "", 2) + `<Placemark><name>Path</name><LineString><coordinates>1,45 2,45</coordinates></LineString></Placemark>`, nil, 1, 2},
		{"order kept", pm("a", "", 1) + "<Folder>" + pm("b", "", 5) + "</Folder><Placemark><name>m</name><MultiGeometry><Point><coordinates>7,45</coordinates></Point></MultiGeometry></Placemark>" + pm("c", "", 9),
			[]string{"a", "b", "m", "c"}, 0, 0},
		{"a timed copy", `<Placemark><name>t</name><gx:Track><when>` + t1 + `</when><when>` + t2 + `</when><gx:coord>1 45</gx:coord><gx:coord>2 45</gx:coord></gx:Track></Placemark>` +
			`<Placemark><name>Path</name><LineString><coordinates>1,45 2,45</coordinates></LineString></Placemark>`, nil, 1, 2},
		{"untimed copies kept", `<Placemark><LineString><coordinates>1,45 2,45</coordinates></LineString></Placemark><Placemark><LineString><coordinates>1,45 2,45</coordinates></LineString></Placemark>`, nil, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := decodeBytes([]byte(kml22+"<Document>"+tc.in+"</Document></kml>"), false)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, w := range f.Waypoints {
				names = append(names, w.Name)
			}
			n := 0
			if len(f.Tracks) > 0 {
				n = len(joined(f.Tracks[0]).Points)
			}
			if !slices.Equal(names, tc.wpts) || len(f.Tracks) != tc.tracks || n != tc.fixes {
				t.Errorf("waypoints %q, %d tracks (%d points in the first); want %q, %d (%d)", names, len(f.Tracks), n, tc.wpts, tc.tracks, tc.fixes)
			}
		})
	}
}

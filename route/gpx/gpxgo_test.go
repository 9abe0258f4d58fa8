package gpx

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	gpxgo "github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/route"
)

// gpxgoDifferences lists, by corpus file, where our points differ from
// gpxgo's (v1.4.0) and why gpxgo is wrong there. TestAgainstGpxgo checks
// every listed difference is still found, so the table cannot rot.
var gpxgoDifferences = map[string]map[string]string{
	// gpxgo cuts every time at the '.' before parsing it (parseGPXTime):
	// fractional seconds are lost.
	"gpsbabel/gpxpassthrough11.gpx":         {"time-fraction": "gpxgo drops fractional seconds (.2)"},
	"gpxgo/gpx-without-xml-declaration.gpx": {"time-fraction": "gpxgo drops fractional seconds (.2073437)"},
	"gpxgo/iso8859-1encoded.gpx":            {"time-fraction": "gpxgo drops fractional seconds (milliseconds)"},
	"gpxpy/unicode_with_bom.gpx":            {"time-fraction": "gpxgo drops fractional seconds (.8)"},
	"gpswizard/waterspeed.gpx":              {"time-fraction": "gpxgo drops fractional seconds (.999, offset +0000)"},
	// gpxgo's time layouts spell the zone as a literal "+00:00": any other
	// offset fails to parse and the time is silently dropped.
	"togeojson/garmin_extensions.gpx": {"time": "gpxgo drops the time 2007-11-25T17:58:00+01:00 (zone offset)"},
}

// comparePoint describes how a point of ours differs from gpxgo's: a
// difference kind → an example.
func comparePoint(diffs map[string]string, where string, lon, lat float64, ele float64, hasEle bool, tm time.Time, g *gpxgo.GPXPoint) {
	if lat != g.Latitude || lon != g.Longitude {
		diffs["position"] = fmt.Sprintf("%s: %v,%v vs gpxgo %v,%v", where, lat, lon, g.Latitude, g.Longitude)
	}
	if hasEle != g.Elevation.NotNull() || (hasEle && ele != g.Elevation.Value()) {
		diffs["elevation"] = fmt.Sprintf("%s: %v (%v) vs gpxgo %v (%v)", where, ele, hasEle, g.Elevation.Value(), g.Elevation.NotNull())
	}
	if !tm.Equal(g.Timestamp) {
		kind := "time"
		if !g.Timestamp.IsZero() && tm.Truncate(time.Second).Equal(g.Timestamp) {
			kind = "time-fraction"
		}
		diffs[kind] = fmt.Sprintf("%s: %v vs gpxgo %v", where, tm, g.Timestamp)
	}
}

func compareSegment(diffs map[string]string, where string, s *route.Segment, g []gpxgo.GPXPoint) {
	if len(s.Points) != len(g) {
		diffs["count"] = fmt.Sprintf("%s: %d points vs gpxgo %d", where, len(s.Points), len(g))
		return
	}
	for i := range g {
		ele, ok := s.EleAt(i)
		comparePoint(diffs, fmt.Sprintf("%s point %d", where, i), s.Points[i][0], s.Points[i][1], ele, ok, s.TimeAt(i), &g[i])
	}
}

// TestAgainstGpxgo compares our points, route points and waypoints
// (positions, elevations, times) with gpxgo's on every corpus GPX file
// gpxgo reads.
func TestAgainstGpxgo(t *testing.T) {
	read := 0
	for _, path := range corpusFiles(t) {
		if !strings.HasSuffix(path, ".gpx") {
			continue
		}
		rel, _ := filepath.Rel(corpusDir, path)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		g, gerr := gpxgo.ParseBytes(b)
		f, err := Decoder{}.decodeBytes(b)
		if gerr != nil {
			t.Logf("%s: gpxgo cannot read it (%v); ours: %v", rel, gerr, err)
			if _, listed := gpxgoDifferences[rel]; listed && len(gpxgoDifferences[rel]) > 0 {
				t.Errorf("%s: listed with differences but gpxgo cannot read it", rel)
			}
			continue
		}
		read++
		if err != nil && refused[rel] != "" && strings.Contains(err.Error(), refused[rel]) {
			continue // refused on purpose
		}
		if err != nil {
			t.Errorf("%s: gpxgo reads it, we fail: %v", rel, err)
			continue
		}
		diffs := map[string]string{}
		if len(f.Tracks) != len(g.Tracks) {
			diffs["count"] = fmt.Sprintf("%d tracks vs gpxgo %d", len(f.Tracks), len(g.Tracks))
		} else {
			for i := range g.Tracks {
				if len(f.Tracks[i].Segments) != len(g.Tracks[i].Segments) {
					diffs["count"] = fmt.Sprintf("track %d: %d segments vs gpxgo %d", i, len(f.Tracks[i].Segments), len(g.Tracks[i].Segments))
					continue
				}
				for j := range g.Tracks[i].Segments {
					compareSegment(diffs, fmt.Sprintf("trk %d seg %d", i, j), &f.Tracks[i].Segments[j], g.Tracks[i].Segments[j].Points)
				}
			}
		}
		if len(f.Routes) != len(g.Routes) {
			diffs["count"] = fmt.Sprintf("%d routes vs gpxgo %d", len(f.Routes), len(g.Routes))
		} else {
			for i := range g.Routes {
				compareSegment(diffs, fmt.Sprintf("rte %d", i), &f.Routes[i].Points, g.Routes[i].Points)
			}
		}
		if len(f.Waypoints) != len(g.Waypoints) {
			diffs["count"] = fmt.Sprintf("%d waypoints vs gpxgo %d", len(f.Waypoints), len(g.Waypoints))
		} else {
			for i, w := range f.Waypoints {
				comparePoint(diffs, fmt.Sprintf("wpt %d", i), w.Point[0], w.Point[1], w.Ele, w.HasEle, w.Time, &g.Waypoints[i])
			}
		}
		known := gpxgoDifferences[rel]
		var got, want []string
		for k := range diffs {
			got = append(got, k)
		}
		for k := range known {
			want = append(want, k)
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: differences from gpxgo %v; the table lists %v", rel, diffs, known)
		}
	}
	if read < 20 {
		t.Errorf("gpxgo read %d corpus files; want at least 20 compared", read)
	}
}

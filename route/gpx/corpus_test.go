package gpx

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/roadbook/roadbook/bench/synth"
	"github.com/roadbook/roadbook/route"
)

// corpusDir is the project's corpus of real GPX and KML files (testdata/corpus), from this
// package's directory.
const corpusDir = "../../testdata/corpus"

// corpusFiles returns every corpus file, failing the test when the
// directory is missing.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus not found at %s: %v", corpusDir, err)
	}
	return files
}

// manifestCounts parses the element-count table of the corpus MANIFEST.md:
// file → counts, for the GPX files.
func manifestCounts(t *testing.T) map[string]route.Counts {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "MANIFEST.md"))
	if err != nil {
		t.Fatalf("corpus manifest not found: %v", err)
	}
	row := regexp.MustCompile(`^\| (\S+\.gpx) \| (trk .*) \|$`)
	out := map[string]route.Counts{}
	for _, line := range strings.Split(string(b), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n := map[string]int{}
		for _, kv := range strings.Split(m[2], ", ") {
			f := strings.Fields(kv)
			if len(f) != 2 {
				t.Fatalf("manifest row %q: cannot read %q", line, kv)
			}
			v, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatalf("manifest row %q: %v", line, err)
			}
			n[f[0]] = v
		}
		out[m[1]] = route.Counts{Tracks: n["trk"], Segments: n["trkseg"], TrackPts: n["trkpt"],
			Routes: n["rte"], RoutePts: n["rtept"], Waypoints: n["wpt"]}
	}
	if len(out) < 20 {
		t.Fatalf("manifest: read counts for %d GPX files; want every GPX file of the corpus", len(out))
	}
	return out
}

func decodeFile(t testing.TB, path string, d Decoder) (*route.File, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return d.Decode(f)
}

// TestCorpus decodes every corpus file: GPX files give the manifest's
// element counts (togeojson/bad.gpx, semantically bad, is checked below),
// KML and KMZ files are rejected as not GPX.
func TestCorpus(t *testing.T) {
	want := manifestCounts(t)
	seen := 0
	for _, path := range corpusFiles(t) {
		rel, _ := filepath.Rel(corpusDir, path)
		rel = filepath.ToSlash(rel)
		if rel == "MANIFEST.md" || !strings.Contains(rel, ".") {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			f, err := decodeFile(t, path, Decoder{})
			switch {
			case strings.HasSuffix(rel, ".kml"):
				if err == nil || err.Error() != "gpx: not a GPX file: root element is kml" {
					t.Errorf("Decode(%s) error = %v; want not a GPX file: root element is kml", rel, err)
				}
			case strings.HasSuffix(rel, ".kmz"):
				if err == nil || err.Error() != "gpx: not a GPX file: a zip archive (a KMZ?)" {
					t.Errorf("Decode(%s) error = %v; want not a GPX file: a zip archive (a KMZ?)", rel, err)
				}
			case rel == "togeojson/bad.gpx":
				if err == nil {
					t.Errorf("Decode(%s) succeeded; want an error", rel)
				}
			case refused[rel] != "":
				if err == nil || !strings.Contains(err.Error(), refused[rel]) {
					t.Errorf("Decode(%s) error = %v; want %s", rel, err, refused[rel])
				}
				seen++
			default:
				if err != nil {
					t.Fatalf("Decode(%s): %v", rel, err)
				}
				w, ok := want[rel]
				if !ok {
					t.Fatalf("%s has no counts in MANIFEST.md", rel)
				}
				if got := f.Counts(); got != w {
					t.Errorf("Decode(%s).Counts() = %+v; want %+v", rel, got, w)
				}
				seen++
			}
		})
	}
	if seen < 25 {
		t.Errorf("decoded %d GPX corpus files; want all 26 good ones", seen)
	}
}

// refused lists the corpus files that strict decoding refuses on purpose,
// with the error that says why.
var refused = map[string]string{
	"gpsbabel/bigtime.gpx": `gpx: line 6: wpt: time "1234-12-12T08:00:00.123Z" is outside the years 1900 to 2100`,
}

// TestCorpusBad checks togeojson/bad.gpx: a line-and-element error when
// strict, every bad point listed when lenient.
func TestCorpusBad(t *testing.T) {
	path := filepath.Join(corpusDir, "togeojson", "bad.gpx")
	_, err := decodeFile(t, path, Decoder{})
	const wantErr = `gpx: line 5: trkpt: latitude "undefined" is not a number`
	var e *route.FormatError
	if err == nil || err.Error() != wantErr || !errors.As(err, &e) || e.Line != 5 || e.Elem != "trkpt" {
		t.Errorf("Decode(bad.gpx) error = %v; want %s", err, wantErr)
	}
	f, err := decodeFile(t, path, Decoder{Lenient: true})
	if err != nil {
		t.Fatalf("Decoder{Lenient: true}.Decode(bad.gpx): %v", err)
	}
	want := []string{
		`gpx: line 5: trkpt: latitude "undefined" is not a number`,
		`gpx: line 8: trkpt: latitude "undefined" is not a number`,
		`gpx: line 13: wpt: latitude "undefined" is not a number`,
		`gpx: line 14: wpt: latitude "y" is not a number`,
		`gpx: line 18: rtept: latitude "undefined" is not a number`,
	}
	var got []string
	for _, e := range f.Skipped {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lenient Decode(bad.gpx).Skipped =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := f.Counts(); c != (route.Counts{Tracks: 1, Segments: 1, Routes: 1}) {
		t.Errorf("lenient Decode(bad.gpx).Counts() = %+v; want 1 trk, 1 trkseg, 1 rte, no points", c)
	}
	if f.Routes[0].Name != "route name" {
		t.Errorf("lenient Decode(bad.gpx) route name = %q; want %q", f.Routes[0].Name, "route name")
	}
}

// TestCorpusSmallBuffers decodes every GPX corpus file with tiny initial
// buffers, so that tokens cross buffer refills everywhere, through a reader
// that returns one byte at a time, and without the fast lane for track
// points, and checks each result equals the normal decoding.
func TestCorpusSmallBuffers(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.gpx"))
	for _, path := range append(corpusFiles(t), paths...) {
		if !strings.HasSuffix(path, ".gpx") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, werr := Decoder{Lenient: true}.decodeBytes(b)
		for _, d := range []Decoder{
			{Lenient: true, bufSize: 1},
			{Lenient: true, bufSize: 7},
			{Lenient: true, bufSize: 100},
			{Lenient: true, noFast: true},
			{Lenient: true, noFast: true, bufSize: 13},
		} {
			got, gerr := d.Decode(iotest.OneByteReader(bytes.NewReader(b)))
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Errorf("%s: buffer %d, fast lane %v: error %v; want %v", path, d.bufSize, !d.noFast, gerr, werr)
				continue
			}
			if werr != nil {
				continue
			}
			if diff := diffFiles(got, want); diff != "" {
				t.Errorf("%s: buffer %d, fast lane %v: differs: %s", path, d.bufSize, !d.noFast, diff)
			}
		}
	}
}

func (d Decoder) decodeBytes(b []byte) (*route.File, error) {
	return d.Decode(bufio.NewReader(bytes.NewReader(b)))
}

// TestCorpusDetails checks values the counts do not show.
func TestCorpusDetails(t *testing.T) {
	open := func(t *testing.T, rel string) *route.File {
		f, err := decodeFile(t, filepath.Join(corpusDir, rel), Decoder{})
		if err != nil {
			t.Fatalf("Decode(%s): %v", rel, err)
		}
		return f
	}
	t.Run("bigtime", func(t *testing.T) {
		// Years 1234 and 4096: out of range, refused when strict (the
		// first), both waypoints left out when lenient.
		f, err := decodeFile(t, filepath.Join(corpusDir, "gpsbabel/bigtime.gpx"), Decoder{Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			`gpx: line 6: wpt: time "1234-12-12T08:00:00.123Z" is outside the years 1900 to 2100`,
			`gpx: line 12: wpt: time "4096-12-12T08:00:00.410Z" is outside the years 1900 to 2100`,
		}
		if len(f.Waypoints) != 0 || len(f.Skipped) != 2 || f.Skipped[0].Error() != want[0] || f.Skipped[1].Error() != want[1] {
			t.Errorf("lenient Decode(bigtime.gpx): %d waypoints, skipped %v; want none and %q", len(f.Waypoints), f.Skipped, want)
		}
		if !f.Metadata.Time.Equal(time.Unix(0, 0)) {
			t.Errorf("bigtime metadata time = %v; want 1970-01-01", f.Metadata.Time)
		}
	})
	t.Run("iso8859-1", func(t *testing.T) {
		f := open(t, "gpxgo/iso8859-1encoded.gpx")
		b, _ := os.ReadFile(filepath.Join(corpusDir, "gpxgo/iso8859-1encoded.gpx"))
		// Every byte above 0x7F is a Latin-1 letter; find one and check it
		// came through as the same code point.
		var latin []rune
		for _, c := range b {
			if c >= 0xA0 {
				latin = append(latin, rune(c))
			}
		}
		var all strings.Builder
		for _, w := range f.Waypoints {
			all.WriteString(w.Name + w.Desc + w.Cmt)
		}
		for _, r := range latin {
			if !strings.ContainsRune(all.String(), r) && !strings.ContainsRune(f.Creator+f.Metadata.Name+f.Metadata.Desc, r) {
				t.Errorf("iso8859-1encoded.gpx: %q (from byte %#x) not found in the decoded text", r, r)
				break
			}
		}
	})
	t.Run("bom", func(t *testing.T) {
		f := open(t, "gpxpy/unicode_with_bom.gpx")
		if len(f.Waypoints) != 1 || !f.Waypoints[0].HasEle {
			t.Fatalf("unicode_with_bom.gpx: waypoints = %+v; want one with an elevation", f.Waypoints)
		}
	})
	t.Run("without-namespace", func(t *testing.T) {
		f := open(t, "gpxgo/gpx-without-xml-declaration.gpx")
		got := f.Tracks[0].Segments[0].Time[0]
		want := time.Date(1901, 12, 13, 20, 45, 52, 207343700, time.UTC)
		if !got.Equal(want) {
			t.Errorf("gpx-without-xml-declaration.gpx time = %v; want %v", got, want)
		}
	})
	t.Run("speed", func(t *testing.T) {
		f := open(t, "gpxpy/track_with_speed.gpx")
		s := f.Tracks[0].Segments[0]
		if len(s.Speed) != 3 {
			t.Fatalf("track_with_speed.gpx speeds = %v; want 3", s.Speed)
		}
		if s.Speed[0] != 1.2 || s.Speed[1] != 2.2 || s.Speed[2] != 3.2 {
			t.Errorf("track_with_speed.gpx speeds = %v; want [1.2 2.2 3.2]", s.Speed)
		}
	})
	t.Run("garmin-ns3", func(t *testing.T) {
		f := open(t, "gpsbabel/garminconnect.gpx")
		s := f.Tracks[0].Segments[0]
		want := time.Date(2023, 1, 16, 18, 2, 26, 0, time.UTC)
		if len(s.Time) != 68 || !s.Time[0].Equal(want) || len(s.Ele) != 68 {
			t.Errorf("garminconnect.gpx: %d times, first %v, %d elevations; want 68, %v, 68", len(s.Time), s.Time[0], len(s.Ele), want)
		}
	})
	t.Run("metadata-1.0", func(t *testing.T) {
		f := open(t, "gpxgo/gpx1.0_with_all_fields.gpx")
		m := f.Metadata
		if m.Name != "example name" || m.Desc != "example description" || m.Author != "example author" ||
			m.Keywords != "example keywords" || !m.HasBounds || len(m.Links) != 1 ||
			m.Links[0] != (route.Link{Href: "http://example.url", Text: "example urlname"}) {
			t.Errorf("gpx1.0_with_all_fields.gpx metadata = %+v", m)
		}
		// GPX 1.0 links are <url> and <urlname>.
		if w := f.Waypoints[0]; len(w.Links) != 1 || w.Links[0] != (route.Link{Href: "example url", Text: "example urlname"}) {
			t.Errorf("gpx1.0_with_all_fields.gpx wpt[0] links = %+v", w.Links)
		}
	})
	t.Run("metadata-1.1", func(t *testing.T) {
		f := open(t, "gpxgo/gpx1.1_with_all_fields.gpx")
		m := f.Metadata
		if m.Name != "example name" || m.Desc != "example description" || m.Author != "author name" ||
			m.Copyright != "gpxauth" || m.Keywords != "example keywords" || !m.HasBounds || len(m.Links) == 0 {
			t.Errorf("gpx1.1_with_all_fields.gpx metadata = %+v", m)
		}
		if tr := f.Tracks[0]; tr.Name != "example name t" || tr.Number != 1 || tr.Type != "t" || tr.Src != "example src t" ||
			len(tr.Links) != 1 || tr.Links[0] != (route.Link{Href: "http://trk", Text: "trk link", Type: "trk link type"}) {
			t.Errorf("gpx1.1_with_all_fields.gpx trk[0] = %+v", tr)
		}
		if w := f.Waypoints[0]; w.Src != "example src" || len(w.Links) != 1 ||
			w.Links[0] != (route.Link{Href: "http://link3", Text: "link text3", Type: "link type3"}) {
			t.Errorf("gpx1.1_with_all_fields.gpx wpt[0] src %q links %+v", w.Src, w.Links)
		}
		if r := f.Routes[0]; r.Src != "example src" || len(r.Links) != 1 || r.Links[0].Href != "http://link3" {
			t.Errorf("gpx1.1_with_all_fields.gpx rte[0] src %q links %+v", r.Src, r.Links)
		}
	})
	t.Run("comments-cdata", func(t *testing.T) {
		f := open(t, "gpxpy/gpx-with-node-with-comments.gpx")
		if f.Tracks[0].Name == "" || strings.Contains(f.Tracks[0].Name, "CDATA") {
			t.Errorf("gpx-with-node-with-comments.gpx track name = %q; want the CDATA's text", f.Tracks[0].Name)
		}
	})
	t.Run("openrally", func(t *testing.T) {
		f := open(t, "openrally/example.gpx")
		if f.Units != "metric" || !f.HasTotal || f.TotalKm != 33.86 ||
			f.OpenRally != "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3" {
			t.Errorf("openrally example: units %q total %v/%v ns %q", f.Units, f.TotalKm, f.HasTotal, f.OpenRally)
		}
		w := f.Waypoints
		for i := range w {
			if w[i].HasPoint || !w[i].HasDistance {
				t.Errorf("openrally wpt %d: HasPoint %v HasDistance %v; want a distance-only box", i, w[i].HasPoint, w[i].HasDistance)
			}
		}
		check := func(i int, kinds string, speed float64) {
			t.Helper()
			var ks []string
			for _, c := range w[i].Controls {
				ks = append(ks, c.Kind.String())
			}
			if strings.Join(ks, " ") != kinds || w[i].Speed != speed {
				t.Errorf("openrally wpt %d (line %d): controls %v speed %v; want %s speed %v", i, w[i].Line, ks, w[i].Speed, kinds, speed)
			}
		}
		check(1, "DZ", 65)         // <dz/> + <speed>65</speed>
		check(2, "FZ", 0)          //
		check(3, "WPS", 0)         // with danger 3
		check(5, "DN fuel", 0)     // neutralization 900 + fuel
		check(7, "DN DZ fuel", 40) // <dz>40</dz>
		check(9, "DT DZ fuel", 40) //
		check(11, "WPM", 0)        //
		check(20, "WPC WPM WPS WPE DSS CP ASS CH stop", 0)
		if w[3].Danger != 3 || w[3].Controls[0].Radii != (route.Radii{Open: 800, Clear: 90}) {
			t.Errorf("openrally wpt 3: danger %d radii %+v; want 3, {800 90}", w[3].Danger, w[3].Controls[0].Radii)
		}
		if w[4].Stop != 3*time.Second || w[5].Neutralisation != 15*time.Minute {
			t.Errorf("openrally stop %v neutralisation %v; want 3s, 15m", w[4].Stop, w[5].Neutralisation)
		}
		if c := w[11].Controls[0]; c.Name != "1" || c.Radii != (route.Radii{Open: 1000, Clear: 50}) {
			t.Errorf("openrally wpt 11 control = %+v; want name 1, radii {1000 50}", c)
		}
		if !strings.HasPrefix(w[18].Tulip, "data:image/png;base64,") && !strings.HasPrefix(w[18].Tulip, "<svg") {
			t.Errorf("openrally wpt 18 tulip = %.40q; want a data URL or SVG", w[18].Tulip)
		}
		if w[20].Allowed != time.Hour {
			t.Errorf("openrally wpt 20 allowed = %v; want 1h", w[20].Allowed)
		}
	})
}

// TestGeneratedRally decodes the benchmark generator's small files
// (bench/synth, written into a temporary folder) and checks them against the
// truth file the generator writes: point counts, waypoints by type (read from
// the OpenRally extensions and cross-checked with <type>), times, and lengths
// (the truth is haversine; WGS84 differs by up to 0.5 %).
func TestGeneratedRally(t *testing.T) {
	dir := t.TempDir()
	n, _ := synth.SizePoints("small")
	if _, err := synth.WriteFiles(dir, "small", n, synth.DefaultSeed); err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Route struct {
			Points, Waypoints int
			Length            float64        `json:"length_2d_m"`
			ByType            map[string]int `json:"waypoints_by_type"`
		}
		Recorded struct {
			Points    int
			Length    float64   `json:"length_2d_m"`
			StartTime time.Time `json:"start_time"`
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "truth-small.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	r, err := decodeFile(t, filepath.Join(dir, "route-small.gpx"), Decoder{})
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Counts(); c.TrackPts != truth.Route.Points || c.Waypoints != truth.Route.Waypoints {
		t.Errorf("route-small counts %+v; want %d points, %d waypoints", c, truth.Route.Points, truth.Route.Waypoints)
	}
	byType := map[string]int{}
	for _, w := range r.Waypoints {
		if len(w.Controls) != 1 || w.Controls[0].Kind.String() != w.Type || !w.HasDistance || !w.HasPoint {
			t.Errorf("waypoint %q (line %d): controls %v, type %q, distance %v; want one control, its <type>", w.Name, w.Line, w.Controls, w.Type, w.HasDistance)
			continue
		}
		byType[w.Type]++
		if k := w.Controls[0].Kind; k == route.DZ && w.Speed <= 0 {
			t.Errorf("DZ %q has no speed limit", w.Name)
		}
	}
	if fmt.Sprint(byType) != fmt.Sprint(truth.Route.ByType) {
		t.Errorf("route-small waypoints by type %v; want %v", byType, truth.Route.ByType)
	}
	if got := r.TrackLength(); math.Abs(got/truth.Route.Length-1) > 0.005 {
		t.Errorf("route-small length %.1f m; truth (haversine) %.1f m", got, truth.Route.Length)
	}
	if r.Units != "metric" || !r.HasTotal || math.Abs(r.TotalKm*1000/truth.Route.Length-1) > 0.001 {
		t.Errorf("route-small units %q total %v km; want metric, %.2f km", r.Units, r.TotalKm, truth.Route.Length/1000)
	}
	rec, err := decodeFile(t, filepath.Join(dir, "recorded-small.gpx"), Decoder{})
	if err != nil {
		t.Fatal(err)
	}
	s := rec.Tracks[0].Segments[0]
	if len(s.Points) != truth.Recorded.Points || !s.Time[0].Equal(truth.Recorded.StartTime) ||
		!s.Time[len(s.Time)-1].Equal(s.Time[0].Add(time.Duration(len(s.Time)-1)*time.Second)) {
		t.Errorf("recorded-small: %d points from %v to %v; want %d at 1 Hz from %v", len(s.Points), s.Time[0], s.Time[len(s.Time)-1], truth.Recorded.Points, truth.Recorded.StartTime)
	}
	if got := rec.TrackLength(); math.Abs(got/truth.Recorded.Length-1) > 0.005 {
		t.Errorf("recorded-small length %.1f m; truth (haversine) %.1f m", got, truth.Recorded.Length)
	}
}

package gpxgo

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/route"
	rgpx "github.com/roadbook/roadbook/route/gpx"
)

// corpusDir holds real GPX files nobody here wrote, from this package's
// directory.
const corpusDir = "../../testdata/corpus"

// corpusGPX returns the corpus's GPX files and their contents.
func corpusGPX(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*", "*.gpx"))
	if err != nil || len(paths) < 20 {
		t.Fatalf("corpus not found at %s (%d GPX files): %v", corpusDir, len(paths), err)
	}
	files := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(corpusDir, p)
		files[filepath.ToSlash(rel)] = b
	}
	return files
}

// shared returns a copy of f holding only what crosses to gpxgo and back
// (see the package documentation): the metadata's first link, no bounds, no
// links elsewhere, no lines; extensions are compared apart (canonical).
func shared(f *route.File) *route.File {
	c := *f
	c.Metadata.Links = f.Metadata.Links[:min(1, len(f.Metadata.Links))]
	c.Metadata.Bounds, c.Metadata.HasBounds = route.File{}.Metadata.Bounds, false
	c.Waypoints = append([]route.Waypoint(nil), f.Waypoints...)
	for i := range c.Waypoints {
		w := &c.Waypoints[i]
		w.Links, w.Line, w.Extensions = nil, 0, nil
	}
	c.Routes = append([]route.Itinerary(nil), f.Routes...)
	for i := range c.Routes {
		c.Routes[i].Links = nil
	}
	c.Tracks = append([]route.Track(nil), f.Tracks...)
	for i := range c.Tracks {
		c.Tracks[i].Links = nil
	}
	c.Extensions, c.OpenRally = nil, ""
	return &c
}

// canonical returns an XML element as a comparable string: its namespace,
// name, attributes by local name (namespace declarations left out), text
// (white space around it left out: mixed content does not keep its places)
// and children, however it was written.
// corpusGPXFiles returns the contents of the corpus's GPX files in a
// stable order.
func corpusGPXFiles(t testing.TB) [][]byte {
	files := corpusGPX(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		out = append(out, files[n])
	}
	return out
}

func canonical(x string) string {
	var n gpx.ExtensionNode
	if err := xml.Unmarshal([]byte(x), &n); err != nil {
		return "unreadable: " + err.Error()
	}
	var b strings.Builder
	var walk func(n *gpx.ExtensionNode)
	walk = func(n *gpx.ExtensionNode) {
		fmt.Fprintf(&b, "<{%s}%s", n.XMLName.Space, n.XMLName.Local)
		for _, a := range n.Attrs {
			if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
				fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
			}
		}
		fmt.Fprintf(&b, ">%q", strings.TrimSpace(n.Data))
		for i := range n.Nodes {
			walk(&n.Nodes[i])
		}
		b.WriteString("</>")
	}
	walk(&n)
	return b.String()
}

func canonicalAll(xs []route.Extension) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Space+" "+x.Local+" "+canonical(x.XML))
	}
	return out
}

// diff returns where two files differ, field by field ("" when they do not).
func diff(got, want *route.File) string {
	var out []string
	add := func(what string, g, w any) {
		if gs, ws := fmt.Sprintf("%+v", g), fmt.Sprintf("%+v", w); gs != ws {
			out = append(out, fmt.Sprintf("%s:\n  got  %.600s\n  want %.600s", what, gs, ws))
		}
	}
	add("header", []any{got.Version, got.Creator, got.Units, got.TotalKm, got.HasTotal},
		[]any{want.Version, want.Creator, want.Units, want.TotalKm, want.HasTotal})
	add("metadata", got.Metadata, want.Metadata)
	add("waypoint count", len(got.Waypoints), len(want.Waypoints))
	for i := range min(len(got.Waypoints), len(want.Waypoints)) {
		g, w := reflect.ValueOf(got.Waypoints[i]), reflect.ValueOf(want.Waypoints[i])
		for j := range g.NumField() {
			add(fmt.Sprintf("wpt %d %s", i+1, g.Type().Field(j).Name), g.Field(j).Interface(), w.Field(j).Interface())
		}
	}
	add("routes", got.Routes, want.Routes)
	add("tracks", got.Tracks, want.Tracks)
	return strings.Join(out, "\n")
}

// TestRoundTrip decodes every corpus GPX file with route/gpx, converts it to
// gpxgo and back, and compares: everything both models hold comes back
// (positions, elevations, times, speeds and courses to the bit; names,
// metadata, every waypoint's roles and roadbook fields), the kept
// extensions as the same elements, the OpenRally namespace as route/gpx
// writes it.
func TestRoundTrip(t *testing.T) {
	n := 0
	for name, b := range corpusGPX(t) {
		f, err := rgpx.Decode(bytes.NewReader(b))
		if err != nil {
			t.Logf("%s: route/gpx does not read it: %v", name, err)
			continue
		}
		n++
		g, err := ToGPX(f)
		if err != nil {
			t.Errorf("%s: ToGPX: %v", name, err)
			continue
		}
		back, err := FromGPX(g)
		if err != nil {
			t.Errorf("%s: FromGPX(ToGPX): %v", name, err)
			continue
		}
		if d := diff(shared(back), shared(f)); d != "" {
			t.Errorf("%s: FromGPX(ToGPX(f)) differs from f:\n%s", name, d)
		}
		if got, want := canonicalAll(back.Extensions), canonicalAll(f.Extensions); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: file extensions %q; want %q", name, got, want)
		}
		for i := range min(len(back.Waypoints), len(f.Waypoints)) {
			if got, want := canonicalAll(back.Waypoints[i].Extensions), canonicalAll(f.Waypoints[i].Extensions); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: wpt %d extensions %q; want %q", name, i+1, got, want)
			}
		}
		// The OpenRally namespace is the one route/gpx writes.
		var enc bytes.Buffer
		if err := rgpx.Encode(&enc, f); err != nil {
			t.Fatalf("%s: gpx.Encode: %v", name, err)
		}
		re, err := rgpx.Decode(&enc)
		if err != nil {
			t.Fatalf("%s: gpx.Decode(gpx.Encode(f)): %v", name, err)
		}
		if back.OpenRally != re.OpenRally {
			t.Errorf("%s: OpenRally namespace %q; want %q, as route/gpx writes it", name, back.OpenRally, re.OpenRally)
		}
	}
	if n < 25 {
		t.Errorf("%d corpus files round-tripped; want at least 25", n)
	}
}

// gpxgoQuirks lists, by corpus file, what gpxgo v1.4.0 itself loses or
// changes when it reads the file, as a change to route/gpx's reading of it.
// TestAgainstDecode applies them and requires every other field to agree,
// and requires each listed quirk to be needed, so that the table cannot rot.
var gpxgoQuirks = map[string]struct {
	why   string
	apply func(f *route.File)
}{
	"gpsbabel/gpxpassthrough11.gpx": {"gpxgo drops fractional seconds", truncateTimes},
	"gpxgo/iso8859-1encoded.gpx":    {"gpxgo drops fractional seconds", truncateTimes},
	"gpxpy/unicode_with_bom.gpx":    {"gpxgo drops fractional seconds", truncateTimes},
	"gpswizard/waterspeed.gpx": {"gpxgo drops fractional seconds (.999+0000) and keeps the new line that ends the track's name", func(f *route.File) {
		truncateTimes(f)
		f.Tracks[0].Name += "\n"
	}},
	// gpxgo's point has no speed or course: GPX 1.0's are lost.
	"gpswizard/motion-gps.gpx": {"gpxgo drops GPX 1.0's point <speed> and <course>", func(f *route.File) {
		f.Tracks[0].Segments[0].Speed, f.Tracks[0].Segments[0].Course = nil, nil
	}},
	"gpxgo/gpx-without-xml-declaration.gpx": {"gpxgo drops fractional seconds, and the root <time> of a <gpx> without version", func(f *route.File) { truncateTimes(f); f.Metadata.Time = time.Time{} }},
	// gpxgo's time layouts spell the zone as a literal "+00:00": another
	// offset fails to parse and the time is silently dropped.
	"togeojson/garmin_extensions.gpx": {"gpxgo drops the time 2007-11-25T17:58:00+01:00", func(f *route.File) { f.Waypoints[0].Time = time.Time{} }},
	// A <gpx> without version is read as GPX 1.1: the 1.0 root <author> and
	// <time> and the points' <speed> are lost.
	"gpxpy/track_with_speed.gpx": {"gpxgo reads a <gpx> without version as 1.1: root author and time, point speeds lost", func(f *route.File) {
		f.Metadata.Author, f.Metadata.Time = "", time.Time{}
		f.Tracks[0].Segments[0].Speed = nil
	}},
}

func truncateTimes(f *route.File) {
	f.Metadata.Time = f.Metadata.Time.Truncate(time.Second)
	for i := range f.Waypoints {
		f.Waypoints[i].Time = f.Waypoints[i].Time.Truncate(time.Second)
	}
	segs := func(s *route.Segment) {
		for i := range s.Time {
			s.Time[i] = s.Time[i].Truncate(time.Second)
		}
	}
	for i := range f.Routes {
		segs(&f.Routes[i].Points)
	}
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			segs(&f.Tracks[i].Segments[j])
		}
	}
}

// sameDrawings makes got's tulip and notes markup (an inline SVG) the same
// string as want's when it is the same elements: gpxgo keeps elements, not
// their spelling.
func sameDrawings(got, want *route.File) {
	for i := range min(len(got.Waypoints), len(want.Waypoints)) {
		g, w := &got.Waypoints[i], &want.Waypoints[i]
		for _, d := range [][2]*string{{&g.Tulip, &w.Tulip}, {&g.Notes, &w.Notes}} {
			if strings.HasPrefix(*d[0], "<") && canonical(*d[0]) == canonical(*d[1]) {
				*d[0] = *d[1]
			}
		}
	}
}

// TestAgainstDecode reads every corpus GPX file with gpxgo and converts it
// with FromGPX, and compares with what route/gpx reads from the same file:
// the same waypoints with the same roles and roadbook fields (OpenRally of
// every version, the naming conventions), tracks, routes and metadata, but
// for what gpxgo does not keep (links, bounds, the per-point speed of GPX
// 1.0) and gpxgo's own losses (gpxgoQuirks).
func TestAgainstDecode(t *testing.T) {
	n := 0
	for name, b := range corpusGPX(t) {
		g, gerr := gpx.ParseBytes(b)
		want, err := rgpx.Decode(bytes.NewReader(b))
		if gerr != nil || err != nil {
			t.Logf("%s: not compared: gpxgo: %v; route/gpx: %v", name, gerr, err)
			if _, ok := gpxgoQuirks[name]; ok {
				t.Errorf("%s: listed in gpxgoQuirks but not compared", name)
			}
			continue
		}
		n++
		got, err := FromGPX(g)
		if err != nil {
			t.Errorf("%s: FromGPX: %v", name, err)
			continue
		}
		got, want = shared(got), shared(want)
		sameDrawings(got, want)
		q, listed := gpxgoQuirks[name]
		if listed {
			if diff(got, want) == "" {
				t.Errorf("%s: gpxgoQuirks lists %q, but FromGPX agrees without it", name, q.why)
			}
			q.apply(want)
		}
		if d := diff(got, want); d != "" {
			t.Errorf("%s: FromGPX(gpxgo's reading) differs from gpx.Decode:\n%s", name, d)
		}
	}
	if n < 25 {
		t.Errorf("%d corpus files compared; want at least 25", n)
	}
}

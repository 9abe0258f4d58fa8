package gpx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// diffFiles describes how two decoded files differ, "" when they do not.
// NaNs compare equal to NaNs; Skipped compares by message.
func diffFiles(a, b *route.File) string {
	msgs := func(es []error) string {
		var s []string
		for _, e := range es {
			s = append(s, e.Error())
		}
		return strings.Join(s, "\n")
	}
	if ma, mb := msgs(a.Skipped), msgs(b.Skipped); ma != mb {
		return fmt.Sprintf("skipped %q vs %q", ma, mb)
	}
	ca, cb := *a, *b
	ca.Skipped, cb.Skipped = nil, nil
	sa, sb := fmt.Sprintf("%+v", ca), fmt.Sprintf("%+v", cb)
	if sa != sb {
		i := 0
		for i < len(sa) && i < len(sb) && sa[i] == sb[i] {
			i++
		}
		lo := max(i-60, 0)
		return fmt.Sprintf("at %d: %q vs %q", i, sa[lo:min(i+60, len(sa))], sb[lo:min(i+60, len(sb))])
	}
	return ""
}

func decodeString(s string, lenient bool) (*route.File, error) {
	return (&Decoder{Lenient: lenient}).Decode(strings.NewReader(s))
}

const gpx11 = `<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">`

func TestConventionsApply(t *testing.T) {
	f, err := decodeString(gpx11+`
<wpt lat="24.1" lon="38.2"><name>WPM12:90</name></wpt>
<wpt lat="24.1" lon="38.2"><name>Cape Town</name><sym>Flag, Blue</sym></wpt>
<wpt lat="24.1" lon="38.2"><name>S01 DSS</name><type>DSS</type></wpt>
<wpt lat="24.1" lon="38.2"><name>Fuel here</name><sym>Fuel</sym></wpt>
<wpt lat="24.1" lon="38.2" xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
  <type>DSS</type><extensions><o:wpm clear="150"/></extensions></wpt>
<wpt lat="0" lon="0"><name>Null island</name></wpt>
</gpx>`, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[{WPM WPM 12 {0 90} false 0s}]", "[]", "[{DSS  {0 0} false 0s}]", "[{fuel  {0 0} false 0s}]", "[{WPM  {0 150} false 0s}]", "[]"}
	for i, w := range f.Waypoints {
		if got := fmt.Sprint(w.Controls); got != want[i] {
			t.Errorf("waypoint %d (%q) controls = %s; want %s", i, w.Name, got, want[i])
		}
	}
	if !f.Waypoints[5].HasPoint {
		t.Errorf("a plain waypoint at 0, 0 has HasPoint false; want true (only OpenRally boxes lose it)")
	}
}

func TestOpenRallyVersions(t *testing.T) {
	mile := route.MileKm
	for _, ns := range []string{
		"http://www.openrally.org/xmlschemas/GpxExtensions/v0.1",
		"http://www.openrally.org/xmlschemas/GpxExtensions/v0.2-DRAFT",
		"http://www.openrally.org/xmlschemas/GpxExtensions/v1.0-Cross-Country-DRAFT",
		"http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3",
		"http://www.openrally.org/xmlschemas/OpenRally/1.0",
	} {
		f, err := decodeString(`<?xml version="1.0"?>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:or="`+ns+`">
<metadata><extensions><or:units>statue</or:units><or:distance>12.5</or:distance></extensions></metadata>
<wpt lat="24.5" lon="38.5"><extensions>
  <or:waypointmasked/><or:startspecialstage/><or:speed kph="65"/><or:onedanger/><or:resettozero/>
  <or:capheading>123</or:capheading><or:medical/><or:neutralization>60</or:neutralization>
  <or:tulip><svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg></or:tulip>
  <or:notes>a &amp; b</or:notes><or:unknown><deep>x</deep></or:unknown>
</extensions></wpt>
<wpt lat="24.6" lon="38.6"><or:dz name="DZ 3" open="500" clear="90">40</or:dz><or:timecontrol allowed="30"/></wpt>
</gpx>`, false)
		if err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
		w := f.Waypoints[0]
		got := fmt.Sprintf("%v speed %g danger %d reset %v cap %g/%v safety %v dn %v notes %q tulip %q",
			w.Controls, w.Speed, w.Danger, w.Reset, w.Cap, w.HasCap, w.Safety, w.Neutralisation, w.Notes, w.Tulip)
		// kph="65" in a statute file: the file's units are mph.
		want := fmt.Sprintf("[{WPM  {0 0} false 0s} {DSS  {0 0} false 0s} {DN  {0 0} false 0s}] speed %g", 65/mile) +
			` danger 1 reset true cap 123/true safety [medical] dn 1m0s notes "a & b" tulip "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"/></svg>"`
		if got != want || !w.HasPoint {
			t.Errorf("%s: wpt 0 = %s; want %s", ns, got, want)
		}
		if v := w.Metric(f.Units).Speed; math.Abs(v-65) > 1e-12 {
			t.Errorf("%s: wpt 0 metric speed %v; want 65 km/h", ns, v)
		}
		w = f.Waypoints[1]
		got = fmt.Sprintf("%v speed %g allowed %v", w.Controls, w.Speed, w.Allowed)
		want = "[{DZ DZ 3 {500 90} false 0s} {CH  {0 0} false 0s}] speed 40 allowed 30m0s"
		if got != want {
			t.Errorf("%s: wpt 1 = %s; want %s", ns, got, want)
		}
		if f.OpenRally != ns || f.Units != "statute" || f.TotalKm != 12.5 || !f.HasTotal {
			t.Errorf("%s: file OpenRally %q units %q total %v", ns, f.OpenRally, f.Units, f.TotalKm)
		}
	}
}

func TestDecodeXML(t *testing.T) {
	// XML features the corpus does not all show.
	f, err := decodeString("\xEF\xBB\xBF<?xml version='1.0' encoding='windows-1252'?>\n"+
		"<!DOCTYPE gpx [ <!ELEMENT gpx ANY> ]>\n<?some pi?>\n<!-- c -->\n"+
		`<gpx version="1.0" creator="a &amp; b &#233;&#x20AC;" xmlns="http://www.topografix.com/GPX/1/0">`+
		"<wpt lat=' 45.5 ' lon=\"&#x36;.5\"><name>Caf\xE9 \x80 &lt;<![CDATA[<x>]]>&gt;<!-- no --></name><desc/><cmt></cmt></wpt>\n"+
		"<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/><trkpt lat=\"1.5\" lon=\"2.5\"><ele>10</ele><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk>"+
		"</gpx>\n<!-- trailing -->\n", false)
	if err != nil {
		t.Fatal(err)
	}
	if f.Creator != "a & b é€" {
		t.Errorf("creator = %q; want %q", f.Creator, "a & b é€")
	}
	w := f.Waypoints[0]
	if w.Name != "Café € <<x>>" || w.Point != [2]float64{6.5, 45.5} {
		t.Errorf("waypoint name %q at %v; want %q at [6.5 45.5]", w.Name, w.Point, "Café € <<x>>")
	}
	s := f.Tracks[0].Segments[0]
	if len(s.Points) != 2 || len(s.Ele) != 2 || !math.IsNaN(s.Ele[0]) || s.Ele[1] != 10 || len(s.Time) != 2 || !s.Time[0].IsZero() {
		t.Errorf("segment = %+v; want 2 points, Ele [NaN 10], Time [zero 2020]", s)
	}
	if s.Speed != nil || s.Course != nil {
		t.Errorf("segment Speed %v Course %v; want nil", s.Speed, s.Course)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "gpx: empty file"},
		{"text", "hello", "gpx: line 1: not XML: text before the root element"},
		{"json", `{"type": "FeatureCollection"}`, "gpx: line 1: not XML: text before the root element"},
		{"kml", `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>`, "gpx: not a GPX file: root element is kml"},
		{"truncated", gpx11 + "\n<trk><trkseg>\n<trkpt lat=\"1\" lon=\"2\"><ele>3</ele>", "gpx: line 3: trkpt: unexpected end of file: element not closed"},
		{"truncated in tag", gpx11 + "\n<trk><trkseg>\n<trkpt lat=\"1\" lo", "gpx: line 3: trkseg: unexpected end of file"},
		{"mismatch", gpx11 + "\n<trk><trkseg>\n</trk></gpx>", "gpx: line 3: trkseg: element closed by </trk>"},
		{"lat range", gpx11 + "\n<trk><trkseg>\n<trkpt lat=\"91.2\" lon=\"2\"/></trkseg></trk></gpx>", "gpx: line 3: trkpt: latitude 91.2 out of range"},
		{"lon range", gpx11 + "\n<wpt lat=\"1\" lon=\"-180.5\"/></gpx>", "gpx: line 2: wpt: longitude -180.5 out of range"},
		{"NaN", gpx11 + "<rte><rtept lat=\"NaN\" lon=\"2\"/></rte></gpx>", `gpx: line 1: rtept: latitude "NaN" is not a number`},
		{"Inf ele", gpx11 + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\">\n<ele>Inf</ele></trkpt></trkseg></trk></gpx>", `gpx: line 2: trkpt: elevation "Inf" is not a number`},
		{"no lon", gpx11 + "<trk><trkseg><trkpt lat=\"1\"/></trkseg></trk></gpx>", "gpx: line 1: trkpt: no lon attribute"},
		{"bad time", gpx11 + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>noon</time></trkpt></trkseg></trk></gpx>", `gpx: line 1: trkpt: time "noon" is not an RFC 3339 time`},
		{"bad entity", gpx11 + "<wpt lat=\"1\" lon=\"2\"><name>a &nbsp; b</name></wpt></gpx>", "gpx: line 1: name: unknown entity &nbsp;"},
		{"bad entity in author link", gpx11 + "<metadata><author>\n<link href=\"a&b\"/></author></metadata></gpx>", `gpx: line 2: link: bad entity "&b"`},
		{"bad char ref", gpx11 + "<wpt lat=\"1\" lon=\"2\"><name>&#0;</name></wpt></gpx>", "gpx: line 1: name: character reference &#0; is not an XML character"},
		{"two roots", gpx11 + "</gpx><gpx/>", "gpx: line 1: element after the root element"},
		{"text after", gpx11 + "</gpx>junk", "gpx: line 1: text after the root element"},
		{"unclosed comment", gpx11 + "<!-- ", "gpx: line 1: unexpected end of file in comment"},
		{"attr no quote", "<gpx version=1.1></gpx>", "gpx: line 1: gpx: attribute version value not quoted"},
		{"attr repeated", `<gpx a="1" a="2"></gpx>`, "gpx: line 1: gpx: attribute a repeated"},
		{"end without start", "</gpx>", "gpx: line 1: gpx: end tag without a start tag"},
		{"bad rally value", gpx11 + `<wpt lat="1" lon="2" xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"><o:distance>far</o:distance></wpt></gpx>`, `gpx: line 1: o:distance: distance "far" is not a number of 0 to 100000`},
		{"encoding", `<?xml version="1.0" encoding="klingon"?><gpx/>`, `gpx: line 1: unsupported encoding "klingon"`},
		{"undeclared root prefix", `<g:gpx></g:gpx>`, "gpx: line 1: g:gpx: namespace prefix not declared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeString(tt.in, false)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Decode(%.50q) error = %v; want %s", tt.in, err, tt.want)
			}
			var e *route.FormatError
			if err != nil && !errors.As(err, &e) {
				t.Errorf("Decode(%.50q) error is %T; want *route.FormatError", tt.in, err)
			}
		})
	}
}

func TestLenient(t *testing.T) {
	in := gpx11 + `
<wpt lat="95" lon="1"/>
<wpt lat="1" lon="1"><ele>high</ele></wpt>
<wpt lat="1" lon="1"><name>ok</name></wpt>
<trk><trkseg>
<trkpt lat="1" lon="1"/>
<trkpt lat="1" lon="1"><time>soon</time></trkpt>
<trkpt lat="1" lon="999"/>
<trkpt lat="2" lon="2"><ele>5</ele></trkpt>
</trkseg><number>x</number></trk></gpx>`
	f, err := decodeString(in, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"gpx: line 2: wpt: latitude 95 out of range",
		`gpx: line 3: wpt: elevation "high" is not a number`,
		`gpx: line 7: trkpt: time "soon" is not an RFC 3339 time`,
		"gpx: line 8: trkpt: longitude 999 out of range",
		`gpx: line 10: trk: number "x" is not a non-negative integer`,
	}
	var got []string
	for _, e := range f.Skipped {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lenient Skipped =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := f.Counts(); c.Waypoints != 1 || c.TrackPts != 2 {
		t.Errorf("lenient counts = %+v; want 1 wpt, 2 trkpt", c)
	}
	if s := f.Tracks[0].Segments[0]; len(s.Ele) != 2 || !math.IsNaN(s.Ele[0]) || s.Ele[1] != 5 {
		t.Errorf("lenient Ele = %v; want [NaN 5]", s.Ele)
	}
	if _, err := decodeString(in, false); err == nil || err.Error() != want[0] {
		t.Errorf("strict error = %v; want %s", err, want[0])
	}
}

func TestGarminSpeed(t *testing.T) {
	f, err := decodeString(`<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:tp="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
<trk><trkseg>
<trkpt lat="1" lon="1"><extensions><tp:TrackPointExtension><tp:hr>90</tp:hr><tp:speed>4.5</tp:speed><tp:course>270</tp:course></tp:TrackPointExtension></extensions></trkpt>
<trkpt lat="1" lon="1"/>
</trkseg></trk></gpx>`, false)
	if err != nil {
		t.Fatal(err)
	}
	s := f.Tracks[0].Segments[0]
	if len(s.Speed) != 2 || s.Speed[0] != 4.5 || !math.IsNaN(s.Speed[1]) || s.Course[0] != 270 {
		t.Errorf("Garmin speed %v course %v; want [4.5 NaN] [270 NaN]", s.Speed, s.Course)
	}
}

// benchFile returns a benchmark input: the generated file in /tmp/benchdata
// when present (go run ./bench/gen), else skips.
func benchFile(b *testing.B, name string) []byte {
	path := filepath.Join(os.TempDir(), "benchdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%s not found: generate it with go run ./bench/gen -sizes small,medium -out %s", path, filepath.Dir(path))
	}
	return data
}

func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"route-small.gpx", "route-medium.gpx", "recorded-medium.gpx"} {
		b.Run(name, func(b *testing.B) {
			data := benchFile(b, name)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := Decode(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				for _, t := range f.Tracks {
					for _, s := range t.Segments {
						geo.Odometer(s.Points, nil)
					}
				}
			}
		})
	}
}

// TestLongSegments checks segments longer than a chunk, with values present
// on some points only, and several segments reusing chunks.
func TestLongSegments(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(gpx11 + "<trk>")
	const n = 3*chunkSize + 17
	for seg := 0; seg < 3; seg++ {
		sb.WriteString("<trkseg>")
		for i := range n - seg*chunkSize {
			fmt.Fprintf(&sb, `<trkpt lat="%d.5" lon="%d.25">`, i%90, i%180)
			if i > chunkSize+5 && i%3 == 0 {
				fmt.Fprintf(&sb, "<ele>%d</ele>", i)
			}
			if i >= 2*chunkSize && seg != 1 {
				fmt.Fprintf(&sb, "<time>2026-01-11T00:00:%02dZ</time>", i%60)
			}
			if i == n-1 && seg == 0 {
				sb.WriteString("<speed>7.5</speed>")
			}
			sb.WriteString("</trkpt>\n")
		}
		sb.WriteString("</trkseg>")
	}
	sb.WriteString("</trk></gpx>")
	f, err := decodeString(sb.String(), false)
	if err != nil {
		t.Fatal(err)
	}
	for k, s := range f.Tracks[0].Segments {
		m := n - k*chunkSize
		if len(s.Points) != m || len(s.Ele) != m {
			t.Fatalf("segment %d: %d points, %d ele; want %d", k, len(s.Points), len(s.Ele), m)
		}
		for i := range m {
			if want := [2]float64{float64(i%180) + 0.25, float64(i%90) + 0.5}; s.Points[i] != want {
				t.Fatalf("segment %d point %d = %v; want %v", k, i, s.Points[i], want)
			}
			ele, ok := s.EleAt(i)
			if wantOK := i > chunkSize+5 && i%3 == 0; ok != wantOK || ok && ele != float64(i) {
				t.Fatalf("segment %d point %d ele = %v, %v; want %v", k, i, ele, ok, wantOK)
			}
			tm := s.TimeAt(i)
			if wantT := i >= 2*chunkSize && k != 1; tm.IsZero() == wantT || wantT && tm.Second() != i%60 {
				t.Fatalf("segment %d point %d time = %v; want one: %v", k, i, tm, wantT)
			}
		}
		if k == 1 && s.Time != nil {
			t.Errorf("segment 1 has times; want nil")
		}
		if k == 0 && (len(s.Speed) != m || s.Speed[m-1] != 7.5 || !math.IsNaN(s.Speed[0])) {
			t.Errorf("segment 0 speed: len %d, last %v; want %d, 7.5", len(s.Speed), s.Speed[m-1], m)
		}
		if k > 0 && s.Speed != nil {
			t.Errorf("segment %d has speeds; want nil", k)
		}
	}
}

// TestLineNumbers checks the lines errors name, far into a file (past many
// buffer refills), with LF and CRLF line ends.
func TestLineNumbers(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		var sb strings.Builder
		sb.WriteString(gpx11 + eol + "<trk><trkseg>" + eol)
		const n = 150000
		for range n {
			sb.WriteString(`<trkpt lat="24.1234567" lon="38.1234567"><ele>1.5</ele></trkpt>` + eol)
		}
		sb.WriteString(`<trkpt lat="24.1" lon="-200"/>` + eol + "</trkseg></trk></gpx>")
		_, err := decodeString(sb.String(), false)
		want := fmt.Sprintf("gpx: line %d: trkpt: longitude -200 out of range", n+3)
		if err == nil || err.Error() != want {
			t.Errorf("EOL %q: Decode error = %v; want %s", eol, err, want)
		}
		f, err := decodeString(sb.String(), true)
		if err != nil || len(f.Skipped) != 1 || f.Skipped[0].Error() != want || f.Counts().TrackPts != n {
			t.Errorf("EOL %q: lenient Decode = %v, %v; want %d points, skipped %s", eol, f.Counts(), err, n, want)
		}
	}
}

func TestUTF16(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + gpx11 + `<wpt lat="1" lon="2"><name>Ha'il é</name></wpt></gpx>`
	for _, bigEndian := range []bool{false, true} {
		var b []byte
		if bigEndian {
			b = append(b, 0xFE, 0xFF)
		} else {
			b = append(b, 0xFF, 0xFE)
		}
		for _, r := range in {
			if bigEndian {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		f, err := Decode(bytes.NewReader(b))
		if err != nil || len(f.Waypoints) != 1 || f.Waypoints[0].Name != "Ha'il é" {
			t.Errorf("Decode(UTF-16, big endian %v) = %+v, %v; want one waypoint named Ha'il é", bigEndian, f, err)
		}
	}
}

// TestDeepNesting checks unknown content nested as deeply as the limit
// allows is skipped, and deeper is refused naming the line and element.
func TestDeepNesting(t *testing.T) {
	nest := func(depth int) string {
		return gpx11 + `<trk><trkseg><trkpt lat="1" lon="2"><extensions xmlns:tp="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">` +
			"\n" + strings.Repeat("<tp:TrackPointExtension><x>", depth/2) + strings.Repeat("</x></tp:TrackPointExtension>", depth/2) +
			`</extensions></trkpt></trkseg></trk></gpx>`
	}
	f, err := decodeString(nest(route.MaxDepth-6), false)
	if err != nil || f.Counts().TrackPts != 1 {
		t.Errorf("Decode(nested %d deep) = %v; want one point", route.MaxDepth, err)
	}
	_, err = decodeString(nest(3_000_000), false)
	if want := "gpx: line 2: x: nested deeper than 1,000 levels"; err == nil || err.Error() != want || !errors.Is(err, route.ErrLimit) {
		t.Errorf("Decode(nested 3,000,000 deep) error = %v; want %s", err, want)
	}
}

func TestReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Decode(io.MultiReader(strings.NewReader(gpx11+"<trk><trkseg>"), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "gpx: ") {
		t.Errorf("Decode(failing reader) error = %v; want one wrapping %v", err, boom)
	}
}

func TestEmptyRoots(t *testing.T) {
	for _, in := range []string{"<gpx/>", "<gpx></gpx>", "<?xml version='1.0'?><gpx version='1.1'/>\n", "\n\n<gpx xmlns='http://www.topografix.com/GPX/1/0'>\n</gpx>"} {
		f, err := decodeString(in, false)
		if err != nil || f.Counts() != (route.Counts{}) {
			t.Errorf("Decode(%q) = %+v, %v; want an empty file", in, f, err)
		}
	}
}

// TestRallyV01 reads testdata/rally-v01.gpx: OpenRally v0.1 names in an
// ISO-8859-1 file, and plain-GPX conventions beside them.
func TestRallyV01(t *testing.T) {
	mile, yard := route.MileKm, route.YardM
	f, err := decodeFile(t, filepath.Join("testdata", "rally-v01.gpx"), Decoder{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Units != "statute" || f.TotalKm != 120.5 || f.Metadata.Name != "Rally v0.1 sample" {
		t.Errorf("file units %q total %v name %q; want statute 120.5 Rally v0.1 sample", f.Units, f.TotalKm, f.Metadata.Name)
	}
	want := []struct {
		name     string
		controls string
		speed    float64
		danger   int
		notes    string
	}{
		// The file is statute: kph and the conventions' km/h and metres
		// are in its units, mph and yards (divided at run time, as the
		// decoder does, not as exact constants).
		{"Yanbu départ", "[{DSS  {0 0} false 0s} {DZ  {0 0} false 0s}]", 50 / mile, 0, ""},
		{"", "[{WPM  {800 200} false 0s}]", 0, 2, "SA DNX & CX"},
		{"WPS 3:90", fmt.Sprintf("[{WPS WPS 3 {0 %v} false 0s}]", 90/yard), 0, 0, ""},
		{"Stop and go", "[]", 0, 0, ""},
		{"DZ 50 km/h", "[{DZ  {0 0} false 0s}]", 50 / mile, 0, ""},
		{"Cape Town", "[{FZ  {0 0} false 0s}]", 0, 0, ""},
	}
	if len(f.Waypoints) != len(want) {
		t.Fatalf("%d waypoints; want %d", len(f.Waypoints), len(want))
	}
	for i, w := range want {
		g := f.Waypoints[i]
		if g.Name != w.name || fmt.Sprint(g.Controls) != w.controls || g.Speed != w.speed || g.Danger != w.danger || g.Notes != w.notes || !g.HasPoint {
			t.Errorf("wpt %d = %q %v speed %v danger %d notes %q; want %q %s speed %v danger %d notes %q",
				i, g.Name, g.Controls, g.Speed, g.Danger, g.Notes, w.name, w.controls, w.speed, w.danger, w.notes)
		}
	}
	// Built into a stage, they are metric again.
	st := route.NewStage(f, route.StageOptions{})
	for _, p := range st.Waypoints {
		switch p.Index {
		case 0, 4:
			if math.Abs(p.Speed-50) > 1e-9 {
				t.Errorf("stage wpt %d speed %v; want 50 km/h", p.Index, p.Speed)
			}
		case 1:
			if c := p.Controls[0].Radii; math.Abs(c.Open-800*route.YardM) > 1e-9 || math.Abs(c.Clear-200*route.YardM) > 1e-9 {
				t.Errorf("stage wpt 1 radii %v; want 800 and 200 yards in metres", c)
			}
		case 2:
			if r := p.Controls[0].Radii.Clear; math.Abs(r-90) > 1e-9 {
				t.Errorf("stage wpt 2 radius %v; want 90 m", r)
			}
		}
	}
	if f.Waypoints[2].Controls[0].Radii.Clear != 90/yard {
		t.Errorf("NewStage changed the file's waypoints")
	}
	if w := f.Waypoints[0]; !w.HasCap || w.Cap != 87 || !w.HasDistance || w.Distance != 0 || w.Line != 10 {
		t.Errorf("wpt 0 cap %v/%v distance %v/%v line %d; want 87, 0, line 10", w.Cap, w.HasCap, w.Distance, w.HasDistance, w.Line)
	}
	s := f.Tracks[0].Segments[0]
	if f.Tracks[0].Name != "Liaison & special" || !s.Time[1].Equal(time.Date(2026, 1, 4, 4, 10, 0, 5e8, time.UTC)) {
		t.Errorf("track %q time[1] %v; want Liaison & special, 04:10:00.5 UTC", f.Tracks[0].Name, s.Time[1])
	}
}

// TestLongTokensSlowReader reads megabyte-long tokens through a reader
// that returns one byte at a time.
func TestLongTokensSlowReader(t *testing.T) {
	big := strings.Repeat("0123456789", 200000) // 2 MB
	in := gpx11 + `<wpt lat="1" lon="2" x="` + big + `"><desc><![CDATA[` + big + `]]></desc><cmt>` + big + `</cmt>` +
		`<extensions><unknown>` + big + `</unknown><!--` + big + `--></extensions></wpt></gpx>`
	// With a rescan per one-byte refill this takes many minutes; linear, a
	// fraction of a second.
	f, err := Decode(iotest.OneByteReader(strings.NewReader(in)))
	if err != nil || len(f.Waypoints) != 1 || f.Waypoints[0].Desc != big || f.Waypoints[0].Cmt != big {
		t.Fatalf("Decode(long tokens) = %v; want one waypoint with the long desc and cmt", err)
	}
}

func TestManyAttributes(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`<gpx`)
	for i := range route.MaxAttributes - 1 {
		fmt.Fprintf(&sb, ` a%d="%d"`, i, i)
	}
	f, err := decodeString(sb.String()+` version="1.1"></gpx>`, false)
	if err != nil || f.Version != "1.1" {
		t.Errorf("Decode(1,000 attributes) = %v; want version 1.1", err)
	}
	_, err = decodeString(sb.String()+` a998="x"></gpx>`, false)
	if want := "gpx: line 1: gpx: attribute a998 repeated"; err == nil || err.Error() != want {
		t.Errorf("Decode(repeated attribute) error = %v; want %s", err, want)
	}
	_, err = decodeString(sb.String()+` version="1.1" x="1"></gpx>`, false)
	if want := "gpx: line 1: gpx: more than 1,000 attributes"; err == nil || err.Error() != want || !errors.Is(err, route.ErrLimit) {
		t.Errorf("Decode(1,001 attributes) error = %v; want %s", err, want)
	}
	_, err = decodeString(`<gpx a="1" b:c="1" xmlns:b="u" b:c="2"/>`, false)
	if want := "gpx: line 1: gpx: attribute b:c repeated"; err == nil || err.Error() != want {
		t.Errorf("Decode(repeated attribute) error = %v; want %s", err, want)
	}
}

// TestNamespaces checks prefixes are resolved by URI, rebinding included,
// and an unusual GPX namespace on the root is taken as GPX.
func TestNamespaces(t *testing.T) {
	tests := []struct {
		in     string
		counts route.Counts
	}{
		{`<gpx xmlns="http://example.com/not-quite-gpx"><wpt lat="1" lon="2"/><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>`,
			route.Counts{Waypoints: 1, Tracks: 1, Segments: 1, TrackPts: 1}},
		{`<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1"><g:wpt lat="1" lon="2"/><wpt lat="1" lon="2"/></g:gpx>`,
			route.Counts{Waypoints: 2}}, // no namespace reads as GPX, as in a bare <gpx>
		{`<gpx xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="1" lon="2" xmlns="urn:other"/><wpt lat="1" lon="2"/></gpx>`,
			route.Counts{Waypoints: 1}},
		{`<gpx xmlns="http://www.topografix.com/GPX/1/1"><x:y xmlns:x="urn:x" xmlns="urn:other"><wpt lat="1" lon="2"/></x:y><wpt lat="1" lon="2"/></gpx>`,
			route.Counts{Waypoints: 1}},
	}
	for _, tt := range tests {
		f, err := decodeString(tt.in, false)
		if err != nil || f.Counts() != tt.counts {
			t.Errorf("Decode(%s) = %+v, %v; want %+v", tt.in, f.Counts(), err, tt.counts)
		}
	}
	// Deeply nested declarations cost linear time.
	var sb strings.Builder
	sb.WriteString(`<p:gpx xmlns:p="http://www.topografix.com/GPX/1/1"><p:extensions>`)
	const depth = route.MaxDepth - 3
	for i := range depth {
		fmt.Fprintf(&sb, `<p:x xmlns:q%d="urn:q">`, i)
	}
	sb.WriteString(strings.Repeat("</p:x>", depth) + `</p:extensions><p:wpt lat="1" lon="2"/></p:gpx>`)
	if f, err := decodeString(sb.String(), false); err != nil || len(f.Waypoints) != 1 {
		t.Errorf("Decode(nested declarations) = %v; want one waypoint", err)
	}
}

// TestFastLane checks the fast lane for track points gives what the
// general path gives, on the forms it takes and on those it must leave.
func TestFastLane(t *testing.T) {
	points := []string{
		`<trkpt lat="24.5" lon="38.25"><ele>12.5</ele><time>2026-01-11T06:30:00Z</time></trkpt>`,
		`<trkpt lon='38.25' lat='24.5'>` + "\n\t" + `<time>2026-01-11T06:30:00.123+03:00</time> <ele> -3 </ele>` + "\n" + `</trkpt>`,
		`<trkpt lat="24.5" lon="38.25"/>`,
		`<trkpt lat="24.5" lon="38.25" />`,
		`<trkpt lat="24.5" lon="38.25"></trkpt>`,
		`<trkpt lat = "24.5" lon="38.25"/>`,
		`<trkpt lat="24.5" lon="38.25" x="1"/>`,
		`<trkpt lat="24.5" lat="38.25"/>`,
		`<trkpt lat="24.5"/>`,
		`<trkpt lat="&#50;4.5" lon="38.25"/>`,
		`<trkpt lat="24.5" lon="238.25"/>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1&#48;</ele></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><ele>high</ele></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1</ele><ele>2</ele></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><!-- c --><ele>1</ele></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><ele><![CDATA[7]]></ele></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><time>noon</time></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><speed>3</speed></trkpt>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1</ele></trkpt >`,
		`<trkptx lat="24.5" lon="38.25"/>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1</ele></trkseg>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1</ele>`,
		`<trkpt lat="24.5"lon="38.25"/>`,
		`<trkpt lat="24.5" lon="38.25"><ele>1</elevation></trkpt>`,
	}
	for i, p := range points {
		in := gpx11 + "<trk><trkseg>\n" + p + "\n" + p + "\n</trkseg></trk></gpx>"
		for _, lenient := range []bool{false, true} {
			fast, n, ferr := (&Decoder{Lenient: lenient}).decode(strings.NewReader(in))
			if wantFast := i < 5; (n == 2) != wantFast {
				t.Errorf("%s: the fast lane read %d points; want 2: %v", p, n, wantFast)
			}
			slow, serr := (&Decoder{Lenient: lenient, noFast: true}).Decode(strings.NewReader(in))
			if fmt.Sprint(ferr) != fmt.Sprint(serr) {
				t.Errorf("%s (lenient %v): error %v; general path: %v", p, lenient, ferr, serr)
				continue
			}
			if ferr == nil {
				if d := diffFiles(fast, slow); d != "" {
					t.Errorf("%s (lenient %v): differs from the general path: %s", p, lenient, d)
				}
			}
		}
	}
}

// TestLongDeclaration: whether an XML declaration is too long (4 KiB)
// depends on where it ends, not on the buffer size (CI's fuzzing found a
// 13 KB one accepted with the default buffer and refused with a small one).
func TestLongDeclaration(t *testing.T) {
	for _, n := range []int{4000, 5000, 70000} {
		in := `<?xml version="1.0"` + strings.Repeat(" ", n) + `?><gpx version="1.1"></gpx>`
		_, err1 := Decode(strings.NewReader(in))
		_, err2 := (&Decoder{bufSize: 5, noFast: true}).Decode(strings.NewReader(in))
		if fmt.Sprint(err1) != fmt.Sprint(err2) || (n < 4096) != (err1 == nil) {
			t.Errorf("declaration of %d bytes: error %v; with a small buffer %v", n, err1, err2)
		}
	}
}

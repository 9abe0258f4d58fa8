package gpx

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/roadbook/roadbook/internal/bomb"
	"github.com/roadbook/roadbook/route"
)

// This file holds the tests of hostile and odd input: empty files, limits,
// numbers, characters, encodings. The bombs are generated here, never kept
// as files.

// TestEmpty checks that a file with nothing in it is the one typed error
// route.ErrEmpty, whatever white space or byte-order mark it holds.
func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  \n", "\xFF\xFE", "\xFE\xFF\x00 "} {
		_, err := decodeString(in, false)
		if !errors.Is(err, route.ErrEmpty) || err.Error() != "gpx: empty file" {
			t.Errorf("Decode(%q) error = %v; want gpx: empty file (route.ErrEmpty)", in, err)
		}
	}
	for _, in := range []string{`<?xml version="1.0"?>`, `<!-- nothing -->`} {
		_, err := decodeString(in, false)
		if err == nil || errors.Is(err, route.ErrEmpty) {
			t.Errorf("Decode(%q) error = %v; want an error that is not route.ErrEmpty", in, err)
		}
	}
}

// TestLenientSummary checks that lenient decoding of many bad points keeps
// the first route.MaxSkipped problems and counts them all.
func TestLenientSummary(t *testing.T) {
	const n = 20_000
	var b strings.Builder
	b.WriteString(gpx11 + "<trk><trkseg>\n")
	for range n {
		b.WriteString(`<trkpt lat="91" lon="0"/>` + "\n")
	}
	b.WriteString(`<trkpt lat="1" lon="0"/></trkseg></trk></gpx>`)
	f, err := decodeString(b.String(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Skipped) != route.MaxSkipped || f.SkippedCount != n || f.Counts().TrackPts != 1 {
		t.Fatalf("lenient Decode of %d bad points: %d skipped kept, SkippedCount %d, %d points; want %d, %d, 1",
			n, len(f.Skipped), f.SkippedCount, f.Counts().TrackPts, route.MaxSkipped, n)
	}
	if got, want := f.Skipped[0].Error(), "gpx: line 2: trkpt: latitude 91 out of range"; got != want {
		t.Errorf("first skipped = %q; want %q", got, want)
	}
}

// decodeReader decodes r strictly or leniently.
func decodeReader(r io.Reader, lenient bool) (*route.File, error) {
	return (&Decoder{Lenient: lenient}).Decode(r)
}

// TestLimits throws generated bombs at the decoder: each must end quickly
// with an error of kind route.ErrLimit that names the limit, the line and
// the element, never "unexpected end of file" after gigabytes.
func TestLimits(t *testing.T) {
	const mib64 = route.MaxToken
	tests := []struct {
		name string
		in   io.Reader
		want string
	}{
		{"whitespace", bomb.Reader(gpx11, " ", -1, ""), "gpx: line 1: gpx: text longer than 64 MiB"},
		{"newlines", bomb.Reader(gpx11, "\n", -1, ""), "gpx: line 1: gpx: text longer than 64 MiB"},
		{"text node", bomb.Reader(gpx11+`<wpt lat="1" lon="2"><name>`, "a", mib64+1, `</name></wpt></gpx>`), "gpx: line 1: name: text longer than 64 MiB"},
		{"white name", bomb.Reader(gpx11+`<wpt lat="1" lon="2"><name>`, " ", -1, ""), "gpx: line 1: name: text longer than 64 MiB"},
		{"comment", bomb.Reader(gpx11+"<!--", "x", -1, ""), "gpx: line 1: gpx: comment longer than 64 MiB"},
		{"CDATA skipped", bomb.Reader(gpx11+"<extensions><![CDATA[", "x", -1, ""), "gpx: line 1: extensions: CDATA section longer than 64 MiB"},
		{"CDATA read", bomb.Reader(gpx11+`<wpt lat="1" lon="2"><desc><![CDATA[`, "x", -1, ""), "gpx: line 1: desc: text longer than 64 MiB"},
		{"processing instruction", bomb.Reader(gpx11+"<?pi ", "x", -1, ""), "gpx: line 1: gpx: processing instruction longer than 64 MiB"},
		{"attribute", bomb.Reader(`<gpx creator="`, "x", -1, ""), "gpx: line 1: text, tag or comment longer than 64 MiB"},
		{"DOCTYPE", bomb.Reader(`<!DOCTYPE gpx [`, "<!ENTITY a 'b'>", -1, ""), "gpx: line 1: text, tag or comment longer than 64 MiB"},
		{"elements", bomb.Reader(gpx11+"<extensions>\n", "<a/>", -1, ""), "gpx: line 2: a: more than 16,777,216 elements"},
		{"waypoints", bomb.Reader(gpx11+"\n", `<wpt lat="1" lon="2"/>`, route.MaxWaypoints+1, "</gpx>"), "gpx: line 2: wpt: more than 100,000 waypoints"},
		{"tracks", bomb.Reader(gpx11+"\n", `<trk/>`, route.MaxLines+1, "</gpx>"), "gpx: line 2: trk: more than 100,000 tracks, routes and segments"},
		{"segments", bomb.Reader(gpx11+"<trk>\n", `<trkseg/>`, route.MaxLines, "</trk></gpx>"), "gpx: line 2: trkseg: more than 100,000 tracks, routes and segments"},
		{"endless comments", bomb.Reader(gpx11+"\n", "<!--"+strings.Repeat("x", 4096)+"-->", -1, ""), "gpx: line 2: gpx: file larger than 1 GiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeReader(tt.in, true)
			if err == nil || err.Error() != tt.want || !errors.Is(err, route.ErrLimit) {
				t.Errorf("Decode(%s bomb) error = %v; want %s (route.ErrLimit)", tt.name, err, tt.want)
			}
		})
	}
}

// TestEndlessPoints checks that an endless stream of track points, as a
// logger piped into the command gives, ends at the element limit.
func TestEndlessPoints(t *testing.T) {
	_, err := decodeReader(bomb.Reader(gpx11+"<trk><trkseg>\n", `<trkpt lat="1" lon="2"/>`, -1, ""), false)
	if want := "gpx: line 2: trkpt: more than 16,777,216 elements"; err == nil || err.Error() != want || !errors.Is(err, route.ErrLimit) {
		t.Errorf("Decode(endless points) error = %v; want %s", err, want)
	}
}

// TestValues checks that numbers follow the XML Schema's lexical rules and
// that absurd values are errors naming the line and element, skipped when
// lenient.
func TestValues(t *testing.T) {
	const or = ` xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"`
	tests := []struct{ name, in, want string }{
		{"underscore", `<trk><trkseg><trkpt lat="2_4" lon="1"/></trkseg></trk>`, `trkpt: latitude "2_4" is not a number`},
		{"hexadecimal", `<trk><trkseg><trkpt lat="1" lon="0x1.8p4"/></trkseg></trk>`, `trkpt: longitude "0x1.8p4" is not a number`},
		{"exponent", `<wpt lat="1e1" lon="1"/>`, `wpt: latitude "1e1" is not a number`},
		{"infinity", `<wpt lat="1" lon="Infinity"/>`, `wpt: longitude "Infinity" is not a number`},
		{"huge elevation", `<trk><trkseg><trkpt lat="1" lon="1"><ele>1e308</ele></trkpt></trkseg></trk>`, `trkpt: elevation "1e308" is not a number`},
		{"absurd elevation", `<trk><trkseg><trkpt lat="1" lon="1"><ele>250000</ele></trkpt></trkseg></trk>`, `trkpt: elevation 250000 out of range (-12000 to 100000)`},
		{"long elevation", `<wpt lat="1" lon="1"><ele>` + strings.Repeat("9", 400) + `</ele></wpt>`, `wpt: elevation 9999999999999999999999999999999999999999 out of range (-12000 to 100000)`},
		{"absurd speed", `<trk><trkseg><trkpt lat="1" lon="1"><speed>5000</speed></trkpt></trkseg></trk>`, `trkpt: speed 5000 out of range (0 to 1000)`},
		{"negative speed", `<rte><rtept lat="1" lon="1"><speed>-3</speed></rtept></rte>`, `rtept: speed -3 out of range (0 to 1000)`},
		{"absurd course", `<trk><trkseg><trkpt lat="1" lon="1"><course>400</course></trkpt></trkseg></trk>`, `trkpt: course 400 out of range (0 to 360)`},
		{"year 0", `<trk><trkseg><trkpt lat="1" lon="1"><time>0000-01-01T00:00:00Z</time></trkpt></trkseg></trk>`, `trkpt: time "0000-01-01T00:00:00Z" is outside the years 1900 to 2100`},
		{"year 9999", `<wpt lat="1" lon="1"><time>9999-12-31T23:59:59Z</time></wpt>`, `wpt: time "9999-12-31T23:59:59Z" is outside the years 1900 to 2100`},
		{"radius", `<wpt lat="1" lon="1"` + or + `><o:wpm clear="1e9"/></wpt>`, `o:wpm: clear radius "1e9" is not a distance of 0 to 100000`},
		{"big radius", `<wpt lat="1" lon="1"` + or + `><o:wpm open="1000000"/></wpt>`, `o:wpm: open radius "1000000" is not a distance of 0 to 100000`},
		{"speed limit", `<wpt lat="1" lon="1"` + or + `><o:dz/><o:speed>99999</o:speed></wpt>`, `o:speed: speed limit 99999 is not a number of 0 to 1000`},
		{"distance", `<wpt lat="1" lon="1"` + or + `><o:distance>1000000</o:distance></wpt>`, `o:distance: distance "1000000" is not a number of 0 to 100000`},
		{"neutralisation", `<wpt lat="1" lon="1"` + or + `><o:neutralization>99999999999999</o:neutralization></wpt>`, `o:neutralization: duration "99999999999999" is not a number of seconds of 0 to 604800`},
		{"allowed", `<wpt lat="1" lon="1"` + or + `><o:timecontrol allowed="9223372036854775807"/></wpt>`, `o:timecontrol: allowed "9223372036854775807" is not a number of minutes of 0 to 10080`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := gpx11 + "\n" + tt.in + "\n</gpx>"
			_, err := decodeString(in, false)
			if want := "gpx: line 2: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("Decode error = %v; want %s", err, want)
			}
			f, err := decodeString(in, true)
			if err != nil || f.SkippedCount != 1 || f.Skipped[0].Error() != "gpx: line 2: "+tt.want {
				t.Errorf("lenient Decode = %v, skipped %v; want %s skipped", err, f, tt.want)
			}
		})
	}
}

// TestLeapSecond checks that 23:59:60Z is read, as the first second of the
// next day, in the fast lane and the general path.
func TestLeapSecond(t *testing.T) {
	in := gpx11 + `<trk><trkseg>
<trkpt lat="1" lon="1"><time>2016-12-31T23:59:59Z</time></trkpt>
<trkpt lat="1" lon="1"><time>2016-12-31T23:59:60Z</time></trkpt>
<trkpt lat="1" lon="1"><time>2016-12-31T23:59:60.5Z</time><!-- general path --></trkpt>
</trkseg></trk><wpt lat="1" lon="1"><time>2017-01-01T02:59:60+03:00</time></wpt></gpx>`
	for _, noFast := range []bool{false, true} {
		f, err := (&Decoder{noFast: noFast}).Decode(strings.NewReader(in))
		if err != nil {
			t.Fatalf("Decode(leap second, fast lane off %v): %v", noFast, err)
		}
		want := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
		seg := f.Tracks[0].Segments[0]
		if !seg.Time[1].Equal(want) || !seg.Time[2].Equal(want.Add(time.Second/2)) || !f.Waypoints[0].Time.Equal(want) {
			t.Errorf("leap second times %v, waypoint %v; want %v", seg.Time, f.Waypoints[0].Time, want)
		}
	}
}

// TestControlCharacters checks that NUL and the other characters XML does
// not allow are replaced on input, so that every output is valid XML.
func TestControlCharacters(t *testing.T) {
	in := gpx11 + "<metadata><name>A\x00B</name></metadata><wpt lat=\"1\" lon=\"2\"><name>WPM\x01 1\x1b\xef\xbf\xbe</name><desc>tab\tok\nline</desc></wpt>" +
		"<trk><name>\x7f\x0c</name></trk></gpx>"
	f, err := decodeString(in, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{f.Metadata.Name, "A\uFFFDB"},
		{f.Waypoints[0].Name, "WPM\uFFFD 1\uFFFD\uFFFD"},
		{f.Waypoints[0].Desc, "tab\tok\nline"},
		{f.Tracks[0].Name, "\x7f\uFFFD"},
	} {
		if c.got != c.want {
			t.Errorf("decoded %q; want %q", c.got, c.want)
		}
	}
	var out bytes.Buffer
	if err := Encode(&out, f); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(out.Bytes(), "\x00\x01\x0c\x1b") {
		t.Errorf("Encode wrote control characters:\n%s", out.Bytes())
	}
	if _, err := Decode(&out); err != nil {
		t.Errorf("Decode(Encode(f)): %v", err)
	}
}

// TestEncodings checks the clear errors for inputs in encodings XML does
// not allow or that are not XML at all.
func TestEncodings(t *testing.T) {
	utf16 := func(s string, bigEndian bool) string {
		var b []byte
		for _, r := range s {
			if bigEndian {
				b = append(b, 0, byte(r))
			} else {
				b = append(b, byte(r), 0)
			}
		}
		return string(b)
	}
	doc := `<?xml version="1.0" encoding="UTF-16"?><gpx version="1.1"/>`
	const noBOM = "gpx: line 1: UTF-16 without a byte-order mark, which XML requires: save the file as UTF-8, or as UTF-16 with a byte-order mark"
	zip, _ := bomb.Zip("doc.kml", strings.NewReader("<kml/>"))
	for _, tt := range []struct{ name, in, want string }{
		{"UTF-16LE without BOM", utf16(doc, false), noBOM},
		{"UTF-16BE without BOM", utf16(doc, true), noBOM},
		{"zip", string(zip), "gpx: not a GPX file: a zip archive (a KMZ?)"},
		{"empty zip", "PK\x05\x06" + strings.Repeat("\x00", 18), "gpx: not a GPX file: a zip archive (a KMZ?)"},
	} {
		if _, err := decodeString(tt.in, false); err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%s) error = %v; want %s", tt.name, err, tt.want)
		}
	}
	// With a byte-order mark, UTF-16 is read.
	f, err := decodeString("\xff\xfe"+utf16(`<?xml version="1.0" encoding="UTF-16"?><gpx version="1.1"/>`, false), false)
	if err != nil || f.Version != "1.1" {
		t.Errorf("Decode(UTF-16LE with BOM) = %v; want version 1.1", err)
	}
}

// TestNames checks that element and attribute names are XML names of
// Namespaces in XML (one colon at most, each part starting with a letter
// or '_'), anywhere in the file: an extension named `cc:!` was read, then
// could not be written back.
func TestNames(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<wpt lat="0" lon="0"><extensions><cc:!/></extensions></wpt>`, `bad tag "<cc:!"`},
		{`<wpt lat="0" lon="0"><extensions><a:b:c/></extensions></wpt>`, `bad tag "<a:b:c"`},
		{`<wpt lat="0" lon="0"><extensions><cc:1a/></extensions></wpt>`, `bad tag "<cc:1a"`},
		{`<wpt lat="0" lon="0"><extensions><x a!="1"/></extensions></wpt>`, `bad attribute name "a!"`},
		{`<wpt lat="0" lon="0" :lat="1"/>`, `bad attribute name ":lat"`},
		{"<wpt lat=\"0\" lon=\"0\"><extensions><cc:way\x91point/></extensions></wpt>", `bad tag "<cc:way\x91point"`}, // not UTF-8
		{"<wpt lat=\"0\" lon=\"0\"><extensions><x\u00d7/></extensions></wpt>", "bad tag \"<x\u00d7\""},               // ×: not a name character
	} {
		in := gpx11 + c.in + "</gpx>"
		if _, err := decodeString(in, false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode(%s): %v; want an error with %s", c.in, err, c.want)
		}
	}
	// Names that are fine: digits, '-', '.', '_' after the first, non-ASCII.
	in := gpx11 + `<wpt lat="0" lon="0"><extensions><x_1.a-b é="1"><ns:y2/></x_1.a-b></extensions></wpt></gpx>`
	if _, err := decodeString(strings.Replace(in, "<ns:y2/>", `<ns:y2 xmlns:ns="urn:x"/>`, 1), false); err != nil {
		t.Errorf("Decode(valid names): %v", err)
	}
}

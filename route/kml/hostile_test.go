package kml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/roadbook/roadbook/internal/bomb"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// This file holds the tests of hostile and odd input: empty files, limits,
// numbers, characters, encodings. The bombs are generated here, never kept
// as files.

// TestEmpty checks that a file with nothing in it is the one typed error
// route.ErrEmpty.
func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n"} {
		_, err := decodeBytes([]byte(in), false)
		if !errors.Is(err, route.ErrEmpty) || err.Error() != "kml: empty file" {
			t.Errorf("Decode(%q) error = %v; want kml: empty file (route.ErrEmpty)", in, err)
		}
	}
	for _, in := range []string{`<?xml version="1.0"?>`, `<!-- nothing -->`} {
		_, err := decodeBytes([]byte(in), false)
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
	b.WriteString(kml22 + "<Placemark><LineString><coordinates>\n")
	for range n {
		b.WriteString("0,91\n")
	}
	b.WriteString("1,2 1,3</coordinates></LineString></Placemark></kml>")
	f, err := decodeBytes([]byte(b.String()), true)
	if err != nil {
		t.Fatal(err)
	}
	if n2, _, _, _ := points(f); len(f.Skipped) != route.MaxSkipped || f.SkippedCount != n || n2 != 2 {
		t.Fatalf("lenient Decode of %d bad points: %d skipped kept, SkippedCount %d, %d points; want %d, %d, 2",
			n, len(f.Skipped), f.SkippedCount, n2, route.MaxSkipped, n)
	}
}

// kmzRaw returns a KMZ holding doc.kml as the given deflated data, with
// the sizes its header gives: a zip that says what it likes.
func kmzRaw(t *testing.T, deflated []byte, crc uint32, uncompressed uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(deflated)), UncompressedSize64: uncompressed})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflate compresses what r gives, fast.
func deflate(t *testing.T, r io.Reader) ([]byte, uint32, uint64) {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	h := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, h), r)
	if err != nil {
		t.Fatal(err)
	}
	fw.Close()
	return buf.Bytes(), h.Sum32(), uint64(n)
}

// TestLimits throws generated bombs at the decoder: each must end quickly
// with an error of kind route.ErrLimit that names the limit, the line and
// the element, never a stack overflow or "unexpected EOF" after gigabytes.
func TestLimits(t *testing.T) {
	folders, err := bomb.Zip("doc.kml", bomb.Reader("<kml>", "<Folder>", 3_000_000, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("KMZ of 3,000,000 nested Folders: %d bytes", len(folders))
	big, crc, n := deflate(t, bomb.Reader(kml22+"<Document>\n", "<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>\n", 5_000_000, "</Document></kml>"))
	t.Logf("KMZ of 5,000,000 placemarks: %d bytes, %d inflated", len(big), n)
	var attrs strings.Builder
	for i := range route.MaxAttributes + 1 {
		fmt.Fprintf(&attrs, ` a%d="1"`, i)
	}
	tests := []struct {
		name string
		in   io.Reader
		want string
	}{
		{"nested Folders", bomb.Reader(kml22, "<Folder>", 3_000_000, ""), "kml: line 3: Folder: nested deeper than 1,000 levels"},
		{"nested MultiGeometry", bomb.Reader(kml22+"<Placemark>\n", "<MultiGeometry>", 3_000_000, ""), "kml: line 4: MultiGeometry: nested deeper than 1,000 levels"},
		{"nested unknown", bomb.Reader(kml22, "<x:y xmlns:x='urn:x'>", 3_000_000, ""), "kml: line 3: y: nested deeper than 1,000 levels"},
		{"KMZ of nested Folders", bytes.NewReader(folders), "doc.kml in the KMZ: kml: line 1: Folder: nested deeper than 1,000 levels"},
		{"coordinates", bomb.Reader(kml22+"<Placemark><LineString><coordinates>", "0,0 ", -1, ""), "kml: line 3: coordinates: text longer than 64 MiB"},
		{"attributes", strings.NewReader("<kml" + attrs.String() + "/>"), "kml: line 1: kml: more than 1,000 attributes"},
		{"elements", bomb.Reader(kml22+"<Document>\n", "<a/>", -1, ""), "kml: line 4: a: more than 16,777,216 elements"},
		{"waypoints", bomb.Reader(kml22+"<Document>\n", "<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>", route.MaxWaypoints+1, "</Document></kml>"), "kml: line 4: Placemark: more than 100,000 waypoints"},
		{"lines", bomb.Reader(kml22+"<Placemark><MultiGeometry>\n", "<LineString><coordinates>1,2 1,3</coordinates></LineString>", route.MaxLines+1, "</MultiGeometry></Placemark></kml>"), "kml: line 4: LineString: more than 100,000 tracks and segments"},
		{"KMZ inflating to 1 GiB", bytes.NewReader(kmzRaw(t, big, crc, 1<<30)), "kml: doc.kml in the KMZ inflates to 1.0 GiB, over the limit of 256 MiB"},
		{"KMZ of 5,000,000 placemarks", bytes.NewReader(kmzRaw(t, big, crc, n)), "kml: doc.kml in the KMZ inflates to 329.0 MiB, over the limit of 256 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&Decoder{Lenient: true}).Decode(tt.in)
			if err == nil || err.Error() != tt.want || !errors.Is(err, route.ErrLimit) {
				t.Errorf("Decode(%s bomb) error = %v; want %s (route.ErrLimit)", tt.name, err, tt.want)
			}
		})
	}
	// A zip that says it inflates to less than it does fails at that size.
	_, err = Decode(bytes.NewReader(kmzRaw(t, big, crc, 1<<20)))
	if err == nil || !strings.Contains(err.Error(), "doc.kml in the KMZ: kml: line ") {
		t.Errorf("Decode(KMZ that lies about its size) error = %v; want a read error of doc.kml", err)
	}
}

// TestEncryptedKMZ: an entry of a zip with a password was inflated as it
// was ("flate: corrupt input before offset 27"); the error says why.
func TestEncryptedKMZ(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, Flags: 0x1, CRC32: 1, CompressedSize64: 12, UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("\x5a\x13\x99\x00\x42\xff\x10\x20\x30\x40\x50\x60"))
	zw.Close()
	_, err = Decode(bytes.NewReader(buf.Bytes()))
	if want := "kml: doc.kml in the KMZ is encrypted (a zip with a password): save the KMZ without one"; err == nil || err.Error() != want {
		t.Errorf("Decode(encrypted KMZ) = %v; want %s", err, want)
	}
}

// TestGuard checks the limits guard enforces on the bytes encoding/xml
// reads, at the real limits but without encoding/xml (which would take
// seconds to get there): each bomb fails the read, naming the limit, the
// line and the element. TestLimits checks the same errors come out of
// Decode.
func TestGuard(t *testing.T) {
	tests := []struct {
		name string
		in   io.Reader
		want string
	}{
		{"whitespace", bomb.Reader(kml22+"<Document>", " ", -1, ""), "kml: line 3: Document: text longer than 64 MiB"},
		{"comment", bomb.Reader(kml22+"<!--", "x", -1, ""), "kml: line 3: kml: comment longer than 64 MiB"},
		{"comment of tags", bomb.Reader(kml22+"<!--", "<a>-", -1, ""), "kml: line 3: kml: comment longer than 64 MiB"},
		{"CDATA", bomb.Reader(kml22+"<Document><description><![CDATA[", "<b>", -1, ""), "kml: line 3: description: CDATA section longer than 64 MiB"},
		{"attribute", bomb.Reader(`<kml id="`, "x>", -1, ""), "kml: line 1: kml: tag longer than 64 MiB"},
		{"DOCTYPE", bomb.Reader(`<!DOCTYPE kml [`, "<!ENTITY a 'b'>", -1, ""), "kml: line 1: DOCTYPE longer than 64 MiB"},
		{"endless comments", bomb.Reader(kml22+"\n", "<!--"+strings.Repeat("x", 4096)+"-->", -1, ""), "kml: line 4: kml: file larger than 256 MiB"},
		{"processing instruction", bomb.Reader(kml22+"<Document><?pi ", "?", -1, ""), "kml: line 3: Document: processing instruction longer than 64 MiB"},
		{"text node", bomb.Reader(kml22+"<Document>\n<name>", "a", route.MaxToken+1, "</name></Document></kml>"), "kml: line 4: name: text longer than 64 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := io.Copy(io.Discard, newGuard(tt.in))
			if err == nil || err.Error() != tt.want || !errors.Is(err, route.ErrLimit) {
				t.Errorf("guard(%s bomb) error = %v; want %s (route.ErrLimit)", tt.name, err, tt.want)
			}
		})
	}
	// What is within the limits passes whole.
	in := kml22 + `<!DOCTYPE kml [<!ENTITY a "<b>">]><Document a="1" b='>'><!-- <x> --><![CDATA[ <y> ]]><?p <z> ?>` + strings.Repeat("x", 1<<20) + `</Document></kml>`
	out, err := io.ReadAll(newGuard(strings.NewReader(in)))
	if err != nil || string(out) != in {
		t.Errorf("guard(a document within the limits) = %d bytes, %v; want %d bytes", len(out), err, len(in))
	}
}

// TestValues checks that numbers follow the XML Schema's lexical rules and
// that absurd values are errors naming the line and element, skipped when
// lenient.
func TestValues(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"underscore", `<Placemark><Point><coordinates>2_4,1</coordinates></Point></Placemark>`, `Point: longitude "2_4" is not a number`},
		{"hexadecimal", `<Placemark><Point><coordinates>1,0x1.8p4</coordinates></Point></Placemark>`, `Point: latitude "0x1.8p4" is not a number`},
		{"exponent", `<Placemark><LineString><coordinates>1,2 1e1,2</coordinates></LineString></Placemark>`, `LineString: longitude "1e1" is not a number`},
		{"huge altitude", `<Placemark><Point><coordinates>1,2,1e308</coordinates></Point></Placemark>`, `Point: altitude "1e308" is not a number`},
		{"absurd altitude", `<Placemark><Point><coordinates>1,2,250000</coordinates></Point></Placemark>`, `Point: altitude 250000 out of range (-12000 to 100000)`},
		{"long altitude", `<Placemark><Point><coordinates>1,2,` + strings.Repeat("9", 400) + `</coordinates></Point></Placemark>`, `Point: altitude 9999999999999999999999999999999999999999… out of range (-12000 to 100000)`},
		{"year 0", `<Placemark><TimeStamp><when>0000-01-01T00:00:00Z</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>`, `when: time "0000-01-01T00:00:00Z" is outside the years 1900 to 2100`},
		{"year 9999", `<Placemark><TimeStamp><when>9999</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>`, `when: time "9999" is outside the years 1900 to 2100`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := kml22 + "\n" + tt.in + "\n</kml>"
			_, err := decodeBytes([]byte(in), false)
			if want := "kml: line 4: " + tt.want; err == nil || err.Error() != want {
				t.Errorf("Decode error = %v; want %s", err, want)
			}
			f, err := decodeBytes([]byte(in), true)
			if err != nil || f.SkippedCount != 1 || f.Skipped[0].Error() != "kml: line 4: "+tt.want {
				t.Errorf("lenient Decode = %v, skipped %v; want %s skipped", err, f, tt.want)
			}
		})
	}
}

// TestLeapSecond checks that 23:59:60Z is read, as the first second of the
// next day.
func TestLeapSecond(t *testing.T) {
	in := kml22 + `<Placemark><TimeStamp><when>2016-12-31T23:59:60Z</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>
<Placemark><gx:Track><when>2016-12-31T23:59:59Z</when><when>2016-12-31T23:59:60.5Z</when><gx:coord>1 2</gx:coord><gx:coord>1 2.001</gx:coord></gx:Track></Placemark></kml>`
	f, err := decodeBytes([]byte(in), false)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	if !f.Waypoints[0].Time.Equal(want) || !f.Tracks[0].Segments[0].Time[1].Equal(want.Add(time.Second/2)) {
		t.Errorf("leap second: waypoint %v, track %v; want %v", f.Waypoints[0].Time, f.Tracks[0].Segments[0].Time, want)
	}
}

// TestControlCharacters checks that the characters XML does not allow are
// refused, naming the line, so that nothing read can make an output
// invalid.
func TestControlCharacters(t *testing.T) {
	for _, in := range []string{"<name>a\x01b</name>", "<name>a&#0;b</name>", "<description>\xef\xbf\xbe</description>"} {
		_, err := decodeBytes([]byte(kml22+"<Document>\n"+in+"</Document></kml>"), true)
		if err == nil || !strings.HasPrefix(err.Error(), "kml: line 4: illegal character code U+") {
			t.Errorf("Decode(%q) error = %v; want kml: line 4: illegal character code", in, err)
		}
	}
}

// TestEncodings checks UTF-16 with its byte-order mark is read, and the
// clear errors of UTF-16 without it and of an empty zip.
func TestEncodings(t *testing.T) {
	utf16 := func(s string, bigEndian bool) []byte {
		var b []byte
		for _, r := range s {
			if bigEndian {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	doc := `<?xml version="1.0" encoding="UTF-16"?><kml><Placemark><name>Ḥā'il</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`
	for _, be := range []bool{false, true} {
		bom := []byte{0xFF, 0xFE}
		if be {
			bom = []byte{0xFE, 0xFF}
		}
		f, err := decodeBytes(append(bom, utf16(doc, be)...), false)
		if err != nil || len(f.Waypoints) != 1 || f.Waypoints[0].Name != "Ḥā'il" {
			t.Errorf("Decode(UTF-16 big endian %v with BOM) = %v; want one waypoint Ḥā'il", be, err)
		}
		_, err = decodeBytes(utf16(doc, be), false)
		if want := "kml: line 1: UTF-16 without a byte-order mark, which XML requires: save the file as UTF-8, or as UTF-16 with a byte-order mark"; err == nil || err.Error() != want {
			t.Errorf("Decode(UTF-16 big endian %v without BOM) error = %v; want %s", be, err, want)
		}
	}
	_, err := decodeBytes([]byte("PK\x05\x06"+strings.Repeat("\x00", 18)), false)
	if want := "kml: empty KMZ: the zip holds no file"; err == nil || err.Error() != want {
		t.Errorf("Decode(empty zip) error = %v; want %s", err, want)
	}
}

// TestControlCharactersToKML checks the case end to end: a GPX
// name with NUL and other control characters, read, drawn by Encode, is a
// KML document that reads back (the reader refuses what XML forbids).
func TestControlCharactersToKML(t *testing.T) {
	in := `<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>Stage` + "\x00" + `1</name></metadata>` +
		`<wpt lat="45" lon="1"><name>WPM` + "\x01" + ` 1` + "\x1b" + `</name><desc>a` + "\x7f\x0c" + `b</desc></wpt>` +
		`<trk><name>` + "\x02" + `</name><trkseg><trkpt lat="45" lon="1"/><trkpt lat="45.01" lon="1"/></trkseg></trk></gpx>`
	f, err := gpx.Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	st := route.NewStage(f, route.StageOptions{})
	var out bytes.Buffer
	if _, err := Encode(&out, &Document{Stages: []StageFolder{{Stage: st}}, Rides: []Ride{RideFromFile("ride\x00", f)}}, Options{}); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(out.Bytes(), "\x00\x01\x02\x0c\x1b") {
		t.Errorf("Encode wrote control characters")
	}
	if _, err := decodeBytes(out.Bytes(), false); err != nil {
		t.Errorf("the KML written from a GPX with control characters does not read back: %v", err)
	}
}

package kml

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// checkFile checks what Decode returned: parallel slices as long as the
// points, positions, elevations and times in range.
func checkFile(t *testing.T, f *route.File) {
	t.Helper()
	inRange := func(p [2]float64) bool { return math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90 }
	for _, tr := range f.Tracks {
		for _, s := range tr.Segments {
			if s.Time != nil && len(s.Time) != len(s.Points) || s.Ele != nil && len(s.Ele) != len(s.Points) {
				t.Fatalf("segment with %d points, %d times, %d elevations", len(s.Points), len(s.Time), len(s.Ele))
			}
			for i, p := range s.Points {
				if !inRange(p) {
					t.Fatalf("point %v out of range", p)
				}
				if e, ok := s.EleAt(i); ok && (e < route.MinEle || e > route.MaxEle) {
					t.Fatalf("elevation %v out of range", e)
				}
				if tm := s.TimeAt(i); !tm.IsZero() && (tm.Year() < route.MinYear || tm.Year() > route.MaxYear) {
					t.Fatalf("time %v out of range", tm)
				}
			}
		}
	}
	for _, w := range f.Waypoints {
		if !inRange(w.Point) {
			t.Fatalf("waypoint %v out of range", w.Point)
		}
	}
}

// expectedRide returns the segments a ride of f comes back as once written
// by Encode and read by Decode: in a segment with two timed points or more,
// its timed points with their times, else all its points without time; a
// segment of fewer than two points is not drawn; elevations when every
// point drawn has one, to the centimetre, none when all are 0.
func expectedRide(f *route.File) []route.Segment {
	var out []route.Segment
	for _, s := range RideFromFile("ride", f).Segments {
		var keep []int
		for i := range s.Points {
			if !s.TimeAt(i).IsZero() {
				keep = append(keep, i)
			}
		}
		timed := len(keep) >= 2
		if !timed {
			keep = keep[:0]
			for i := range s.Points {
				keep = append(keep, i)
			}
		}
		if len(keep) < 2 {
			continue
		}
		var e route.Segment
		ele := make([]float64, 0, len(keep))
		for _, i := range keep {
			e.Points = append(e.Points, s.Points[i])
			if timed {
				e.Time = append(e.Time, s.Time[i])
			}
			if v, ok := s.EleAt(i); ok && ele != nil {
				// Rounded as the writer rounds (the decimal nearest the
				// float: 3.065 is 3.0649999… and writes 3.06, where
				// math.Round(v*100)/100 gives 3.07).
				r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
				ele = append(ele, r)
			} else {
				ele = nil
			}
		}
		e.Ele = keepEle(ele)
		out = append(out, e)
	}
	return out
}

// rideRoundTrip writes f's tracks (else its routes) as a ride, as
// `roadbook kml --ride` does, every point kept, reads it back and checks it
// is the same line: points to 7 decimals, times, elevations to 2. It
// returns the KML written.
func rideRoundTrip(t *testing.T, f *route.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Encode(&buf, &Document{Name: "round trip", Rides: []Ride{RideFromFile("ride", f)}}, Options{Simplify: -1}); err != nil {
		t.Fatalf("Encode(ride): %v", err)
	}
	back, err := decodeBytes(buf.Bytes(), false)
	if err != nil {
		t.Fatalf("Decode(Encode(ride)): %v\n%s", err, buf.Bytes())
	}
	want := expectedRide(f)
	if len(want) == 0 {
		if len(back.Tracks) != 0 {
			t.Fatalf("a ride of nothing to draw read back as %d tracks", len(back.Tracks))
		}
		return buf.Bytes()
	}
	if len(back.Tracks) != 1 || len(back.Tracks[0].Segments) != len(want) {
		t.Fatalf("ride read back as %d tracks (%v); want one of %d segments", len(back.Tracks), back.Tracks, len(want))
	}
	for j, w := range want {
		g := back.Tracks[0].Segments[j]
		if len(g.Points) != len(w.Points) || (g.Time == nil) != (w.Time == nil) || (g.Ele == nil) != (w.Ele == nil) {
			t.Fatalf("segment %d read back as %d points (times %v, elevations %v); want %d (%v, %v)", j, len(g.Points), g.Time != nil, g.Ele != nil, len(w.Points), w.Time != nil, w.Ele != nil)
		}
		for i := range w.Points {
			if math.Abs(g.Points[i][0]-w.Points[i][0]) > 0.6e-7 || math.Abs(g.Points[i][1]-w.Points[i][1]) > 0.6e-7 {
				t.Fatalf("segment %d point %d read back as %v; want %v", j, i, g.Points[i], w.Points[i])
			}
			if !g.TimeAt(i).Equal(w.TimeAt(i)) {
				t.Fatalf("segment %d point %d time read back as %v; want %v", j, i, g.TimeAt(i), w.TimeAt(i))
			}
			if w.Ele != nil && math.Abs(g.Ele[i]-w.Ele[i]) > 0.006 {
				t.Fatalf("segment %d point %d elevation read back as %v; want %v", j, i, g.Ele[i], w.Ele[i])
			}
		}
	}
	// What was read back is written, read and written again identically:
	// Encode is idempotent once its own rounding is done (the first
	// writing drops untimed points of timed segments, which the ride's
	// length in its description still counts).
	enc := func(f *route.File) []byte {
		var b bytes.Buffer
		if _, err := Encode(&b, &Document{Name: "round trip", Rides: []Ride{RideFromFile("ride", f)}}, Options{Simplify: -1}); err != nil {
			t.Fatalf("Encode(Decode(Encode(ride))): %v", err)
		}
		return b.Bytes()
	}
	again := enc(back)
	back2, err := decodeBytes(again, false)
	if err != nil {
		t.Fatalf("Decode(Encode(Decode(Encode(ride)))): %v", err)
	}
	if third := enc(back2); !bytes.Equal(again, third) {
		t.Fatalf("Encode is not idempotent on a ride:\n%s\nthen\n%s", again, third)
	}
	return buf.Bytes()
}

// projectFiles returns every KML, KMZ and GPX file of the project's test
// data: the corpus, this package's golden document, the command's test
// data and the Dakar example.
func projectFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, root := range []string{filepath.Join(testdataDir, "corpus"), "testdata", "../../cmd/roadbook/testdata", "../../examples/dakar2026"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".kml") || strings.HasSuffix(path, ".kmz") || strings.HasSuffix(path, ".gpx")) {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("walking %s: %v", root, err)
		}
	}
	return out
}

// TestRoundTripFiles reads every KML and KMZ of the project (the corpus,
// the golden document Encode wrote) and every GPX, writes each one's tracks
// as a ride with Encode and reads it back (rideRoundTrip); the KML written
// from a KML is written again identically. KML writing draws stages and
// rides for Google Earth (a waypoint's placemark is named by its roadbook
// box), so what comes back whole is the line: the points, their times and
// elevations.
func TestRoundTripFiles(t *testing.T) {
	n := 0
	for _, path := range projectFiles(t) {
		t.Run(path, func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var f *route.File
			if strings.HasSuffix(path, ".gpx") {
				f, err = (&gpx.Decoder{Lenient: true}).Decode(bytes.NewReader(b))
			} else {
				f, err = decodeBytes(b, true)
			}
			if err != nil {
				t.Skipf("not readable, even leniently (a test of errors): %v", err)
			}
			checkFile(t, f)
			rideRoundTrip(t, f)
			n++
		})
	}
	if n < 70 {
		t.Errorf("%d files round-tripped; want the corpus, the golden files and the examples", n)
	}
}

// fuzzSeeds returns the KML seeds of the fuzz targets: the corpus's KML,
// the golden document, and small documents of what the reader treats
// apart.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, name := range []string{"gdal/gx_track_without_when.kml", "gpsbabel/opentracks.kml", "togeojson/gxmultitrack.kml", "togeojson/bad.kml", "gdal/truncated.kml", "gpsbabel/gpx_garmin_extensions-kml_track.kml"} {
		seeds = append(seeds, corpusKML(f, name))
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "stage.kml")); err == nil {
		seeds = append(seeds, b)
	}
	for _, s := range []string{
		`<Placemark><ExtendedData><Data name="type"><value>piste</value></Data><SchemaData><SimpleData name="highway">track</SimpleData></SchemaData></ExtendedData><LineString><coordinates>1,2 1,3</coordinates></LineString></Placemark>`,
		`<Placemark><name>WPM 1</name><MultiGeometry><Point><coordinates>1,2,3</coordinates></Point><gx:Track><when>2026</when><gx:coord/></gx:Track></MultiGeometry></Placemark>`,
		`<Folder><name>Points</name><Placemark><TimeStamp><when>2026-01-11T06:00:00Z</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark><Placemark><TimeStamp><when>2026-01-11T06:00:01Z</when></TimeStamp><Point><coordinates>1,2.001</coordinates></Point></Placemark><Placemark><TimeStamp><when>2026-01-11T06:00:02Z</when></TimeStamp><Point><coordinates>1,2.002,5</coordinates></Point></Placemark></Folder><Placemark><LineString><coordinates>1,2 1,2.001 1,2.002</coordinates></LineString></Placemark>`,
		`<!DOCTYPE kml [<!ENTITY a "b">]><Document><!-- <x> --><description><![CDATA[<b>]]></description></Document>`,
	} {
		seeds = append(seeds, []byte(kml22+s+"</kml>"))
	}
	return seeds
}

// FuzzDecode checks that Decode never panics, fails with a "kml: " error
// or returns a consistent file (checkFile), and that what it reads
// round-trips through Encode (rideRoundTrip): decode, encode, decode.
func FuzzDecode(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// What is within the limits passes the guard whole.
		if out, err := io.ReadAll(newGuard(bytes.NewReader(b))); err != nil || !bytes.Equal(out, b) {
			t.Fatalf("guard gave %d bytes, %v; want the %d given", len(out), err, len(b))
		}
		for _, lenient := range []bool{false, true} {
			file, err := decodeBytes(b, lenient)
			if err != nil {
				if file != nil || !strings.HasPrefix(err.Error(), "kml: ") && !strings.Contains(err.Error(), ": kml: ") {
					t.Fatalf("Decode error %q (file %v); want a kml: error and no file", err, file != nil)
				}
				continue
			}
			checkFile(t, file)
			rideRoundTrip(t, file)
		}
	})
}

// FuzzDecodeKMZ fuzzes the KMZ reader: the zip (entries, names, methods,
// sizes) as well as the document in it. Decode never panics, fails with a
// "kml: " error or returns a consistent file that round-trips through
// EncodeKMZ.
func FuzzDecodeKMZ(f *testing.F) {
	zipOf := func(files ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := 0; i+1 < len(files); i += 2 {
			w, _ := zw.Create(files[i])
			w.Write([]byte(files[i+1]))
		}
		zw.Close()
		return buf.Bytes()
	}
	f.Add(corpusKML(f, "google/time-stamp-point.kmz"))
	for _, b := range fuzzSeeds(f)[:3] {
		f.Add(zipOf("doc.kml", string(b)))
	}
	f.Add(zipOf("files/a.png", "png", "b.kml", kml22+`<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`, "doc.kml", kml22+`</kml>`))
	f.Add(zipOf("dir/doc.kml", "<kml/>"))
	f.Add(corpusKML(f, "google/hier.kmz"))
	f.Add(zipOf("doc.kml", kml22+`<NetworkLink><Link><href>a/b.kml</href></Link></NetworkLink></kml>`,
		"a/b.kml", kml22+`<Document><NetworkLink><Url><href>../doc.kml</href></Url></NetworkLink><Placemark><LineString><coordinates>1,2 1,3</coordinates></LineString></Placemark></Document></kml>`))
	f.Add(zipOf())
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Decode(bytes.NewReader(b))
		if err != nil {
			if file != nil || !strings.HasPrefix(err.Error(), "kml: ") && !strings.Contains(err.Error(), ": kml: ") {
				t.Fatalf("Decode error %q (file %v); want a kml: error and no file", err, file != nil)
			}
			return
		}
		checkFile(t, file)
		want := expectedRide(file)
		var kmz bytes.Buffer
		if _, err := EncodeKMZ(&kmz, &Document{Rides: []Ride{RideFromFile("ride", file)}}, Options{Simplify: -1}); err != nil {
			t.Fatalf("EncodeKMZ: %v", err)
		}
		back, err := Decode(bytes.NewReader(kmz.Bytes()))
		if err != nil {
			t.Fatalf("Decode(EncodeKMZ(ride)): %v", err)
		}
		n := 0
		for _, tr := range back.Tracks {
			n += len(tr.Segments)
		}
		if n != len(want) {
			t.Fatalf("ride of %d segments read back from KMZ as %d", len(want), n)
		}
		rideRoundTrip(t, file)
	})
}

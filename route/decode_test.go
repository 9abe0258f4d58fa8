package route_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/roadbook/roadbook/route"
	_ "github.com/roadbook/roadbook/route/gpx" // registers "gpx"
	"github.com/roadbook/roadbook/route/kml"   // registers "kml" and "kmz"
)

const decodeGPX = `<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="24.6" lon="46.9"><name>DSS</name></wpt>
<trk><trkseg><trkpt lat="24.6" lon="46.9"/><trkpt lat="24.6" lon="47.0"/></trkseg></trk>
</gpx>`

const decodeKML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn by hand -->
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Drawn</name>
<Placemark><name>DSS</name><Point><coordinates>46.9,24.6</coordinates></Point></Placemark>
<Placemark><name>Route</name><LineString><coordinates>46.9,24.6 47.0,24.6</coordinates></LineString></Placemark>
</Document></kml>`

// TestDecode tells each format from its content and reads it whole.
func TestDecode(t *testing.T) {
	t.Parallel()
	var kmz bytes.Buffer
	f, err := kml.Decode(strings.NewReader(decodeKML))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kml.EncodeKMZ(&kmz, &kml.Document{Rides: []kml.Ride{kml.RideFromFile("r", f)}}, kml.Options{Simplify: -1}); err != nil {
		t.Fatal(err)
	}
	// A GPX file longer than the head Decode reads ahead.
	long := strings.Replace(decodeGPX, "<trk>", "<!--"+strings.Repeat("x", 3*route.HeadSize)+"--><trk>", 1)
	cases := []struct {
		name       string
		in         io.Reader
		format     string
		trackPts   int
		waypoints  int
		wantErrSub string
	}{
		{"gpx", strings.NewReader(decodeGPX), "gpx", 2, 1, ""},
		{"gpx longer than the head", strings.NewReader(long), "gpx", 2, 1, ""},
		{"gpx one byte at a time", iotest.OneByteReader(strings.NewReader(decodeGPX)), "gpx", 2, 1, ""},
		{"kml", strings.NewReader(decodeKML), "kml", 2, 1, ""},
		{"kmz", bytes.NewReader(kmz.Bytes()), "kmz", 2, 0, ""},
		{"text", strings.NewReader("hello"), "gpx", 0, 0, "gpx: line 1: not XML"},
		{"empty zip", strings.NewReader("PK\x05\x06" + strings.Repeat("\x00", 18)), "kmz", 0, 0, "kml: "},
		{"read error", iotest.TimeoutReader(strings.NewReader(decodeGPX[:100])), "gpx", 0, 0, "timeout"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, format, err := route.Decode(c.in, route.DecodeOptions{})
			if format != c.format {
				t.Errorf("Decode format = %q; want %q", format, c.format)
			}
			if c.wantErrSub != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErrSub) {
					t.Errorf("Decode error = %v; want one containing %q", err, c.wantErrSub)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if n := f.Counts(); n.TrackPts != c.trackPts || n.Waypoints != c.waypoints {
				t.Errorf("Decode gives %d track points, %d waypoints; want %d, %d", n.TrackPts, n.Waypoints, c.trackPts, c.waypoints)
			}
		})
	}
}

// TestDecodeEmpty: an input without a byte is ErrEmpty, whatever follows.
func TestDecodeEmpty(t *testing.T) {
	t.Parallel()
	f, format, err := route.Decode(strings.NewReader(""), route.DecodeOptions{})
	if f != nil || format != "" || !errors.Is(err, route.ErrEmpty) {
		t.Errorf("Decode(empty) = %v, %q, %v; want nil, \"\", ErrEmpty", f, format, err)
	}
}

// TestDecodeLenient: the options reach the format's decoder.
func TestDecodeLenient(t *testing.T) {
	t.Parallel()
	bad := strings.Replace(decodeGPX, `<trkpt lat="24.6" lon="47.0"/>`, `<trkpt lat="24.6" lon="47.0"/><trkpt lat="91.2" lon="47.1"/>`, 1)
	if _, _, err := route.Decode(strings.NewReader(bad), route.DecodeOptions{}); err == nil {
		t.Errorf("Decode(bad latitude) succeeded; want an error")
	}
	f, _, err := route.Decode(strings.NewReader(bad), route.DecodeOptions{Lenient: true})
	if err != nil || len(f.Skipped) != 1 {
		t.Errorf("Decode(bad latitude, lenient) = %v skipped, %v; want 1 and no error", f, err)
	}
}

// Decode reads any supported file, told from its content.
func ExampleDecode() {
	for _, in := range []string{decodeGPX, decodeKML} {
		f, format, err := route.Decode(strings.NewReader(in), route.DecodeOptions{})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %d track points, %d waypoints\n", format, f.Counts().TrackPts, f.Counts().Waypoints)
	}
	_, _, err := route.Decode(strings.NewReader(""), route.DecodeOptions{})
	fmt.Println(err)
	// Output:
	// gpx: 2 track points, 1 waypoints
	// kml: 2 track points, 1 waypoints
	// empty file
}

package gpx

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// FuzzDecode checks that Decode never panics, that what it returns is
// consistent (parallel slices as long as the points, positions in range),
// and that what it decodes, Encode writes and Decode reads back with the
// same points and waypoints.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.gpx"))
	seeds = append(seeds, corpusFiles(f)...)
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(gpx11 + `<wpt lat="0" lon="0"><type>WPM12:90</type></wpt></gpx>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lenient := range []bool{false, true} {
			file, err := (&Decoder{Lenient: lenient}).Decode(bytes.NewReader(b))
			if err != nil {
				if _, err2 := (&Decoder{Lenient: lenient, noFast: true, bufSize: 5}).Decode(bytes.NewReader(b)); err2 == nil || err2.Error() != err.Error() {
					t.Errorf("Decode error %v; without the fast lane, with a small buffer: %v", err, err2)
				}
				if file != nil {
					t.Errorf("Decode returned a file and the error %v", err)
				}
				if !strings.HasPrefix(err.Error(), "gpx: ") {
					t.Errorf("Decode error %q does not start with \"gpx: \"", err)
				}
				continue
			}
			checkInvariants(t, file)
			// The general path and tiny buffers give the same file.
			slow, err := (&Decoder{Lenient: lenient, noFast: true, bufSize: 5}).Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("Decode succeeded but fails without the fast lane: %v", err)
			}
			if diff := diffFiles(slow, file); diff != "" {
				t.Fatalf("without the fast lane, with a small buffer: %s", diff)
			}
			var out bytes.Buffer
			if err := Encode(&out, file); err != nil {
				t.Fatalf("Decode succeeded (lenient %v) but Encode fails: %v", lenient, err)
			}
			back, err := Decode(&out)
			if err != nil {
				t.Fatalf("Decode(Encode(f)): %v\n%s", err, out.Bytes())
			}
			compareRoundTrip(t, file, back)
		}
	})
}

func checkInvariants(t *testing.T, f *route.File) {
	seg := func(s *route.Segment) {
		n := len(s.Points)
		if s.Ele != nil && len(s.Ele) != n || s.Time != nil && len(s.Time) != n ||
			s.Speed != nil && len(s.Speed) != n || s.Course != nil && len(s.Course) != n {
			t.Errorf("segment of %d points has %d ele, %d time, %d speed, %d course",
				n, len(s.Ele), len(s.Time), len(s.Speed), len(s.Course))
		}
		for _, p := range s.Points {
			if !(p[1] >= -90 && p[1] <= 90 && p[0] >= -180 && p[0] <= 180) {
				t.Errorf("point %v out of range", p)
			}
		}
		for _, e := range s.Ele {
			if math.IsInf(e, 0) {
				t.Errorf("elevation %v", e)
			}
		}
	}
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			seg(&f.Tracks[i].Segments[j])
		}
	}
	for i := range f.Routes {
		r := &f.Routes[i]
		seg(&r.Points)
		if r.Names != nil && len(r.Names) != len(r.Points.Points) {
			t.Errorf("route of %d points has %d names", len(r.Points.Points), len(r.Names))
		}
	}
}

// close reports whether a and b agree to what Encode writes: coordinates
// to 7 decimals, elevations to the millimetre.
func closeTo(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol+1e-12*math.Abs(a)
}

func sameLon(a, b float64) bool {
	d := math.Abs(a - b)
	return d <= 1e-7 || math.Abs(d-360) <= 1e-7
}

func compareRoundTrip(t *testing.T, a, b *route.File) {
	if ca, cb := a.Counts(), b.Counts(); ca != cb {
		t.Fatalf("round trip counts %+v; want %+v", cb, ca)
	}
	seg := func(where string, x, y *route.Segment) {
		for k := range x.Points {
			if !closeTo(x.Points[k][1], y.Points[k][1], 0.6e-7) || !sameLon(x.Points[k][0], y.Points[k][0]) {
				t.Errorf("%s point %d: round trip %v; want %v", where, k, y.Points[k], x.Points[k])
			}
			ex, okx := x.EleAt(k)
			ey, oky := y.EleAt(k)
			if okx != oky || okx && !closeTo(ex, ey, 0.6e-3) {
				t.Errorf("%s point %d: round trip elevation %v (%v); want %v (%v)", where, k, ey, oky, ex, okx)
			}
			if !x.TimeAt(k).Equal(y.TimeAt(k)) {
				t.Errorf("%s point %d: round trip time %v; want %v", where, k, y.TimeAt(k), x.TimeAt(k))
			}
		}
	}
	for i := range a.Tracks {
		for j := range a.Tracks[i].Segments {
			seg("trk", &a.Tracks[i].Segments[j], &b.Tracks[i].Segments[j])
		}
	}
	for i := range a.Routes {
		seg("rte", &a.Routes[i].Points, &b.Routes[i].Points)
	}
	for i := range a.Waypoints {
		x, y := &a.Waypoints[i], &b.Waypoints[i]
		if x.HasPoint != y.HasPoint || x.HasPoint && (!closeTo(x.Point[1], y.Point[1], 0.6e-7) || !sameLon(x.Point[0], y.Point[0])) {
			t.Errorf("wpt %d: round trip %v (%v); want %v (%v)", i, y.Point, y.HasPoint, x.Point, x.HasPoint)
		}
		var kx, ky []route.Kind
		for _, c := range x.Controls {
			kx = append(kx, c.Kind)
		}
		for _, c := range y.Controls {
			ky = append(ky, c.Kind)
		}
		if len(kx) != len(ky) {
			t.Errorf("wpt %d: round trip controls %v; want %v", i, y.Controls, x.Controls)
			continue
		}
		for j := range kx {
			if kx[j] != ky[j] {
				t.Errorf("wpt %d: round trip controls %v; want %v", i, y.Controls, x.Controls)
				break
			}
		}
	}
}

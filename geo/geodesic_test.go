package geo

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// referenceDir holds geodesics computed by PROJ's geod (GeographicLib's
// algorithm), kept in the repository's testdata/reference.
var referenceDir = filepath.Join("..", "testdata", "reference")

// readReference returns the numeric rows of a reference CSV with the given
// number of columns, skipping '#' comments and the header line. It fails
// the test when the file is missing.
func readReference(t *testing.T, name string, cols int) [][]float64 {
	t.Helper()
	path := filepath.Join(referenceDir, name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reference data missing: %v", err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		fields := strings.Split(text, ",")
		if len(fields) != cols {
			t.Fatalf("%s:%d: %d fields; want %d", path, line, len(fields), cols)
		}
		row := make([]float64, cols)
		for i, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
			row[i] = v
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no data rows", path)
	}
	return rows
}

// angleDiff returns |a − b| in degrees, modulo 360, in [0, 180].
func angleDiff(a, b float64) float64 {
	return math.Abs(math.Remainder(a-b, 360))
}

const (
	distTol  = 1e-3 // metres
	angleTol = 1e-6 // degrees
)

func TestInverseReference(t *testing.T) {
	rows := readReference(t, "geodesic-inverse.csv", 7)
	var maxDist, maxAzi float64
	for i, r := range rows {
		a, b := orb.Point{r[1], r[0]}, orb.Point{r[3], r[2]}
		wantS, wantAzi1, wantAzi2 := r[6], r[4], r[5]+180 // azi21 points back
		dist, initial, final := Inverse(a, b)
		if d := math.Abs(dist - wantS); d > distTol || math.IsNaN(d) {
			t.Errorf("row %d: Inverse(%v, %v) distance = %.4f; want %.4f", i+1, a, b, dist, wantS)
		} else {
			maxDist = math.Max(maxDist, d)
		}
		if got := Distance(a, b); got != dist {
			t.Errorf("row %d: Distance(%v, %v) = %v; want %v as Inverse", i+1, a, b, got, dist)
		}
		if initial < 0 || initial >= 360 || final < 0 || final >= 360 {
			t.Errorf("row %d: Inverse(%v, %v) bearings = %v, %v; want in [0, 360)", i+1, a, b, initial, final)
		}
		if wantS == 0 {
			// Coincident points: no direction to compare (geod reports an
			// arbitrary meridian); the package reports 0.
			if initial != 0 || final != 0 {
				t.Errorf("row %d: Inverse(%v, %v) bearings = %v, %v; want 0, 0 for coincident points", i+1, a, b, initial, final)
			}
			continue
		}
		// No reference row has an end exactly at a pole, where the azimuth
		// would only be defined relative to the given longitude; rows near
		// the poles (89.99°) are compared like any other.
		d1, d2 := angleDiff(initial, wantAzi1), angleDiff(final, wantAzi2)
		if d1 > angleTol || math.IsNaN(d1) {
			t.Errorf("row %d: Inverse(%v, %v) initial = %.10f; want %.10f", i+1, a, b, initial, wantAzi1)
		}
		if d2 > angleTol || math.IsNaN(d2) {
			t.Errorf("row %d: Inverse(%v, %v) final = %.10f; want %.10f", i+1, a, b, final, wantAzi2)
		}
		maxAzi = math.Max(maxAzi, math.Max(d1, d2))
		if got := Bearing(a, b); got != initial {
			t.Errorf("row %d: Bearing(%v, %v) = %v; want %v as Inverse", i+1, a, b, got, initial)
		}
		if got := FinalBearing(a, b); got != final {
			t.Errorf("row %d: FinalBearing(%v, %v) = %v; want %v as Inverse", i+1, a, b, got, final)
		}
	}
	t.Logf("%d rows: max distance error %.3g m, max azimuth error %.3g°", len(rows), maxDist, maxAzi)
}

func TestDirectReference(t *testing.T) {
	rows := readReference(t, "geodesic-direct.csv", 7)
	var maxPos, maxAzi float64
	for i, r := range rows {
		p := orb.Point{r[1], r[0]}
		bearing, dist := r[2], r[3]
		want, wantAzi2 := orb.Point{r[5], r[4]}, r[6]+180
		got, final := Direct(p, bearing, dist)
		if got2 := Destination(p, bearing, dist); got2 != got {
			t.Errorf("row %d: Destination(%v, %v, %v) = %v; want %v as Direct", i+1, p, bearing, dist, got2, got)
		}
		// Position error in metres: the latitude and longitude differences
		// scaled by the radii of curvature.
		m, n := radii(want[1])
		dy := (got[1] - want[1]) * rad * m
		dx := math.Remainder(got[0]-want[0], 360) * rad * n * math.Cos(want[1]*rad)
		if d := math.Hypot(dx, dy); d > distTol || math.IsNaN(d) {
			t.Errorf("row %d: Direct(%v, %v, %v) = %.10f; want %.10f (%.3g m off)", i+1, p, bearing, dist, got, want, d)
		} else {
			maxPos = math.Max(maxPos, d)
		}
		if d := angleDiff(final, wantAzi2); d > angleTol || math.IsNaN(d) {
			t.Errorf("row %d: Direct(%v, %v, %v) final = %.10f; want %.10f", i+1, p, bearing, dist, final, wantAzi2)
		} else {
			maxAzi = math.Max(maxAzi, d)
		}
		if final < 0 || final >= 360 {
			t.Errorf("row %d: Direct(%v, %v, %v) final = %v; want in [0, 360)", i+1, p, bearing, dist, final)
		}
	}
	t.Logf("%d rows: max position error %.3g m, max azimuth error %.3g°", len(rows), maxPos, maxAzi)
}

// TestRoundTrip solves random direct problems and checks that the inverse
// problem between the ends gives back the distance and both bearings. Below
// 19,000 km every geodesic is still the shortest path (on WGS84 a geodesic
// stops being shortest only where it meets the antipodal parallel again,
// past half a meridian, 19,970 km).
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var maxDist, maxAzi float64
	for i := 0; i < 3000; i++ {
		p := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / rad}
		bearing := rng.Float64() * 360
		var dist float64
		switch i % 3 {
		case 0:
			dist = rng.Float64() * 19e6
		case 1:
			dist = rng.Float64() * 10e3
		default:
			dist = math.Exp(rng.Float64()*math.Log(19e6/1e-3)) * 1e-3 // 1 mm to 19,000 km
		}
		q, final := Direct(p, bearing, dist)
		gotDist, gotInitial, gotFinal := Inverse(p, q)
		d := math.Abs(gotDist - dist)
		a := math.Max(angleDiff(gotInitial, bearing), angleDiff(gotFinal, final))
		// The end point is rounded to float64 degrees, up to 3e-9 m (half
		// an ulp of 180°), which turns the azimuth of a short line by up
		// to that over its length.
		atol := angleTol + 3e-9/dist/rad
		if d > distTol || a > atol || math.IsNaN(d+a) {
			t.Errorf("Inverse(%v, Direct(%v, %v, %v) = %v) = %.6f, %.9f, %.9f; want %.6f, %.9f, %.9f",
				p, p, bearing, dist, q, gotDist, gotInitial, gotFinal, dist, bearing, final)
			continue
		}
		maxDist, maxAzi = math.Max(maxDist, d), math.Max(maxAzi, a)
	}
	t.Logf("max round-trip errors: %.3g m, %.3g°", maxDist, maxAzi)
}

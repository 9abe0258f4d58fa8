package kml

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

func TestSimplify(t *testing.T) {
	straight := make(orb.LineString, 11)
	for i := range straight {
		straight[i] = geo.Destination(orb.Point{45, 24}, 90, float64(i)*100)
	}
	// A 1 km line with a bump of 5 m at its middle, north.
	bump := append(orb.LineString{}, straight...)
	bump[5] = geo.Destination(straight[5], 0, 5)
	// The same bump near the pole, where a degree of longitude is short:
	// tolerances in degrees would treat it differently.
	north := make(orb.LineString, 11)
	for i := range north {
		north[i] = geo.Destination(orb.Point{10, 80}, 90, float64(i)*100)
	}
	north[5] = geo.Destination(north[5], 0, 5)
	tests := []struct {
		name string
		ls   orb.LineString
		tol  float64
		want []int
	}{
		{"empty", nil, 2, nil},
		{"one point", straight[:1], 2, []int{0}},
		{"two points", straight[:2], 2, []int{0, 1}},
		{"straight", straight, 2, []int{0, 10}},
		// Points 4 and 6 lie 4 m from the lines 0–5 and 5–10.
		{"bump over tolerance", bump, 4.5, []int{0, 5, 10}},
		{"bump and its neighbours", bump, 2, []int{0, 4, 5, 6, 10}},
		{"bump under tolerance", bump, 6, []int{0, 10}},
		{"bump at 80N", north, 4.5, []int{0, 5, 10}},
		{"bump at 80N under tolerance", north, 6, []int{0, 10}},
		{"zero tolerance keeps all", bump[:4], 0, []int{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Simplify(tt.ls, tt.tol)
			if !equalInts(got, tt.want) {
				t.Errorf("Simplify(%s, %v) = %v; want %v", tt.name, tt.tol, got, tt.want)
			}
		})
	}
}

// TestSimplifyTolerance checks Douglas–Peucker's promise on a long wiggly
// line: every dropped point lies within the tolerance of the simplified
// line (measured with geo's projection), and fewer points are kept as the
// tolerance grows.
func TestSimplifyTolerance(t *testing.T) {
	ls, _ := testLine(3000, 15)
	prev := len(ls) + 1
	for _, tol := range []float64{0.5, 2, 10, 50} {
		idx := Simplify(ls, tol)
		if idx[0] != 0 || idx[len(idx)-1] != len(ls)-1 {
			t.Fatalf("Simplify(tol %v) does not keep both ends: %v…%v", tol, idx[0], idx[len(idx)-1])
		}
		if len(idx) >= prev {
			t.Errorf("Simplify(tol %v) kept %d points; want fewer than %d", tol, len(idx), prev)
		}
		prev = len(idx)
		for k := 1; k < len(idx); k++ {
			seg := geo.NewPath(orb.LineString{ls[idx[k-1]], ls[idx[k]]})
			for i := idx[k-1] + 1; i < idx[k]; i++ {
				// 1 % for the tangent plane against the geodesic.
				if d := seg.Project(ls[i]).Distance(); d > tol*1.01+0.01 {
					t.Fatalf("Simplify(tol %v): point %d is %.3f m from the simplified line", tol, i, d)
				}
			}
		}
	}
}

func TestPlaneScale(t *testing.T) {
	// Metres per degree on WGS84 from the usual series (latitude:
	// 111132.954 − 559.822 cos 2φ + 1.175 cos 4φ; longitude:
	// 111412.84 cos φ − 93.5 cos 3φ + 0.118 cos 5φ), to 1 m.
	tests := []struct{ lat, kx, ky float64 }{
		{0, 111319.5, 110574.3},
		{45, 78846.2, 111131.8},
		{24, 101751.7, 110758.2},
	}
	for _, tt := range tests {
		kx, ky := planeScale(tt.lat)
		if math.Abs(kx-tt.kx) > 1 || math.Abs(ky-tt.ky) > 1 {
			t.Errorf("planeScale(%v) = %.1f, %.1f; want %.1f, %.1f", tt.lat, kx, ky, tt.kx, tt.ky)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func BenchmarkSimplify(b *testing.B) {
	ls, _ := testLine(100000, 15)
	b.ResetTimer()
	for b.Loop() {
		Simplify(ls, 2)
	}
}

package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestMetresPerDegree(t *testing.T) {
	// Metres per degree on WGS84 from the usual series (latitude:
	// 111132.954 − 559.822 cos 2φ + 1.175 cos 4φ; longitude:
	// 111412.84 cos φ − 93.5 cos 3φ + 0.118 cos 5φ), to 1 m.
	tests := []struct{ lat, kx, ky float64 }{
		{0, 111319.5, 110574.3},
		{45, 78846.2, 111131.8},
		{24, 101751.7, 110758.2},
		{-60, 55800.0, 111412.3},
	}
	for _, tt := range tests {
		kx, ky := MetresPerDegree(tt.lat)
		if math.Abs(kx-tt.kx) > 1 || math.Abs(ky-tt.ky) > 1 {
			t.Errorf("MetresPerDegree(%v) = %.1f, %.1f; want %.1f, %.1f", tt.lat, kx, ky, tt.kx, tt.ky)
		}
	}
	if kx, _ := MetresPerDegree(90); math.Abs(kx) > 1e-9 {
		t.Errorf("MetresPerDegree(90) kx = %v; want 0", kx)
	}
}

// TestPlaneAccuracy measures the plane's distances from its origin against
// the geodesic, at random places and azimuths, and holds them to what the
// Plane doc promises: 0.01 % within 1 km and 0.1 % within 10 km at
// latitudes up to 60°.
func TestPlaneAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tt := range []struct{ dist, rel float64 }{{1000, 1e-4}, {10000, 1e-3}} {
		worst := 0.0
		for range 20000 {
			o := orb.Point{rng.Float64()*360 - 180, rng.Float64()*120 - 60}
			d := rng.Float64() * tt.dist
			p := Destination(o, rng.Float64()*360, d)
			x, y := NewPlane(o).XY(p)
			if d < 1 {
				continue
			}
			worst = math.Max(worst, math.Abs(math.Hypot(x, y)-d)/d)
		}
		if worst > tt.rel {
			t.Errorf("within %v m: worst relative error %.3g; want <= %.3g", tt.dist, worst, tt.rel)
		}
		t.Logf("within %v m: worst relative error %.3g", tt.dist, worst)
	}
}

func TestPlanePoint(t *testing.T) {
	for _, o := range []orb.Point{{38.06, 24.09}, {179.999, -45}, {-179.9995, 10}, {0, 0}} {
		pl := NewPlane(o)
		for _, xy := range [][2]float64{{0, 0}, {500, -300}, {-2000, 1500}} {
			p := pl.Point(xy[0], xy[1])
			if p[0] < -180 || p[0] > 180 {
				t.Errorf("NewPlane(%v).Point(%v) = %v; longitude not wrapped", o, xy, p)
			}
			x, y := pl.XY(p)
			if math.Abs(x-xy[0]) > 1e-6 || math.Abs(y-xy[1]) > 1e-6 {
				t.Errorf("NewPlane(%v).XY(Point(%v)) = %.9f, %.9f; want the same", o, xy, x, y)
			}
		}
	}
}

func TestPlaneSegmentDistance(t *testing.T) {
	o := orb.Point{45, 24}
	pl := NewPlane(o)
	east := func(m float64) orb.Point { return pl.Point(m, 0) }
	north := func(x, y float64) orb.Point { return pl.Point(x, y) }
	tests := []struct {
		name    string
		a, b    orb.Point
		d, frac float64
	}{
		{"through the origin", east(-100), east(100), 0, 0.5},
		{"beside", north(-100, 30), north(100, 30), 30, 0.5},
		{"before the start", east(50), east(150), 50, 0},
		{"after the end", east(-150), east(-50), 50, 1},
		{"zero length", north(30, 40), north(30, 40), 50, 0},
		{"across the antimeridian", orb.Point{179.999, 0}, orb.Point{-179.999, 0}, 0, 0.5},
	}
	for _, tt := range tests {
		pl := pl
		if tt.name == "across the antimeridian" {
			pl = NewPlane(orb.Point{180, 0})
		}
		d2, frac := pl.SegmentDistance(tt.a, tt.b)
		if math.Abs(math.Sqrt(d2)-tt.d) > 1e-6 || math.Abs(frac-tt.frac) > 1e-9 {
			t.Errorf("%s: SegmentDistance = %.6f m, t %.9f; want %v, %v", tt.name, math.Sqrt(d2), frac, tt.d, tt.frac)
		}
	}
}

func TestSimplify(t *testing.T) {
	straight := make(orb.LineString, 11)
	for i := range straight {
		straight[i] = Destination(orb.Point{45, 24}, 90, float64(i)*100)
	}
	// A 1 km line with a bump of 5 m at its middle, north.
	bump := append(orb.LineString{}, straight...)
	bump[5] = Destination(straight[5], 0, 5)
	// The same bump near the pole, where a degree of longitude is short:
	// tolerances in degrees would treat it differently.
	north := make(orb.LineString, 11)
	for i := range north {
		north[i] = Destination(orb.Point{10, 80}, 90, float64(i)*100)
	}
	north[5] = Destination(north[5], 0, 5)
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
		{"NaN tolerance keeps all", bump[:3], math.NaN(), []int{0, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Simplify(tt.ls, tt.tol)
			if len(got) != len(tt.want) {
				t.Fatalf("Simplify(%s, %v) = %v; want %v", tt.name, tt.tol, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("Simplify(%s, %v) = %v; want %v", tt.name, tt.tol, got, tt.want)
				}
			}
		})
	}
}

// wiggly returns n points step metres apart whose heading swings ±25°.
func wiggly(n int, step float64) orb.LineString {
	ls := make(orb.LineString, n)
	p := orb.Point{38.0618, 24.0895}
	for i := range n {
		ls[i] = p
		p = Destination(p, 70+25*math.Sin(float64(i)/15), step)
	}
	return ls
}

// TestSimplifyTolerance checks Douglas–Peucker's promise on a long wiggly
// line: every dropped point lies within the tolerance of the simplified
// line (measured with Path.Project), and fewer points are kept as the
// tolerance grows.
func TestSimplifyTolerance(t *testing.T) {
	ls := wiggly(3000, 15)
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
			seg := NewPath(orb.LineString{ls[idx[k-1]], ls[idx[k]]})
			for i := idx[k-1] + 1; i < idx[k]; i++ {
				// 1 % for the tangent plane against the geodesic.
				if d := seg.Project(ls[i]).Distance(); d > tol*1.01+0.01 {
					t.Fatalf("Simplify(tol %v): point %d is %.3f m from the simplified line", tol, i, d)
				}
			}
		}
	}
}

func BenchmarkSimplify(b *testing.B) {
	ls := wiggly(100000, 15)
	for b.Loop() {
		Simplify(ls, 2)
	}
}

package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// simpson integrates f over [0, x] by the composite Simpson rule with n
// (even) intervals.
func simpson(f func(float64) float64, x float64, n int) float64 {
	h := x / float64(n)
	sum := f(0) + f(x)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(float64(i)*h)
	}
	return sum * h / 3
}

// TestSeries checks the truncated series for I1, I2 and I3 against direct
// numerical integration of the paper's integrands, and the reverted series
// C1' against C1. Truncation after ε⁶ leaves errors near 1e-19, so the
// tolerance is set by the quadrature (h⁴ with h = 1e-3: about 1e-13).
func TestSeries(t *testing.T) {
	for _, k2 := range []float64{ep2, ep2 / 2, ep2 / 100, 0} {
		e := epsOf(k2)
		var cc1, cc1p, cc2 [6]float64
		var cc3 [5]float64
		c1(e, &cc1)
		c1p(e, &cc1p)
		c2(e, &cc2)
		c3(e, &cc3)
		for _, sig := range []float64{0.3, 1.2, 2.5, 4, 6} {
			s, c := math.Sincos(sig)
			dn := func(x float64) float64 { return math.Sqrt(1 + k2*math.Sin(x)*math.Sin(x)) }
			cases := []struct {
				name      string
				got, want float64
			}{
				{"I1", (1 + a1m1(e)) * (sig + sinSeries(s, c, cc1[:])), simpson(dn, sig, 6000)},
				{"I2", (1 + a2m1(e)) * (sig + sinSeries(s, c, cc2[:])),
					simpson(func(x float64) float64 { return 1 / dn(x) }, sig, 6000)},
				{"I3", a3(e) * (sig + sinSeries(s, c, cc3[:])),
					simpson(func(x float64) float64 { return (2 - F) / (1 + f1*dn(x)) }, sig, 6000)},
			}
			for _, tc := range cases {
				if math.Abs(tc.got-tc.want) > 1e-13 {
					t.Errorf("%s(σ=%v, k²=%.3g) = %.17g; want %.17g", tc.name, sig, k2, tc.got, tc.want)
				}
			}
			// τ = σ + B1(σ), then σ = τ + B1'(τ).
			tau := sig + sinSeries(s, c, cc1[:])
			st, ct := math.Sincos(tau)
			if back := tau + sinSeries(st, ct, cc1p[:]); math.Abs(back-sig) > 1e-15 {
				t.Errorf("σ(τ(%v)) with k²=%.3g = %.17g; want %v", sig, k2, back, sig)
			}
		}
	}
}

// TestAstroid checks that astroid returns a non-negative root of the
// quartic k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y².
func TestAstroid(t *testing.T) {
	for _, x := range []float64{-3, -1.5, -1, -0.7, -0.2, 0, 0.5} {
		for _, y := range []float64{-4, -1, -0.3, -0.01, 0, 0.2} {
			k := astroid(x, y)
			p, q := x*x, y*y
			r := k*k*k*k + 2*k*k*k - (p+q-1)*k*k - 2*q*k - q
			scale := 1 + k*k*k*k + q + p*k*k
			if k < 0 || math.Abs(r) > 1e-12*scale || math.IsNaN(k) {
				t.Errorf("astroid(%v, %v) = %v; quartic = %v, want 0", x, y, k, r)
			}
		}
	}
}

// Quarter meridian of WGS84 (GeographicLib's documented value,
// 10 001 965.7293127 m); 1 mm is 1e-8° of latitude.
const quarterMeridian = 10001965.7293127

func TestInverseSpecialCases(t *testing.T) {
	tests := []struct {
		name         string
		a, b         orb.Point
		dist, i, f   float64
		skipBearings bool
	}{
		{"pole to pole", orb.Point{0, 90}, orb.Point{0, -90}, 2 * quarterMeridian, 180, 180, false},
		{"north pole to equator", orb.Point{10, 90}, orb.Point{10, 0}, quarterMeridian, 180, 180, false},
		// At a pole the bearing is measured from the meridian of the
		// given longitude: going down the meridian 45° east of it is 135°.
		{"pole, other meridian", orb.Point{0, 90}, orb.Point{45, 0}, quarterMeridian, 135, 180, false},
		{"equator to south pole", orb.Point{30, 0}, orb.Point{30, -90}, quarterMeridian, 180, 180, false},
		{"along the equator", orb.Point{-1, 0}, orb.Point{1, 0}, 2 * 111319.49079327357, 90, 90, false},
		{"westward equator", orb.Point{1, 0}, orb.Point{-1, 0}, 2 * 111319.49079327357, 270, 270, false},
		{"antimeridian east", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, 111319.49079327357, 90, 90, false},
		{"longitudes beyond 180", orb.Point{539.5, 0}, orb.Point{-179.5 + 720, 0}, 111319.49079327357, 90, 90, false},
		{"equatorial antipodes", orb.Point{0, 0}, orb.Point{180, 0}, 2 * quarterMeridian, 0, 180, false},
		{"coincident", orb.Point{38.06, 24.09}, orb.Point{38.06, 24.09}, 0, 0, 0, false},
		{"coincident across 360", orb.Point{-180, 10}, orb.Point{180, 10}, 0, 0, 0, false},
		// Both poles' points are one place; the bearings follow the
		// meridians of the given longitudes and are not compared.
		{"pole, two longitudes", orb.Point{0, 90}, orb.Point{90, 90}, 0, 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, i, f := Inverse(tc.a, tc.b)
			if math.Abs(d-tc.dist) > distTol {
				t.Errorf("Inverse(%v, %v) distance = %.4f; want %.4f", tc.a, tc.b, d, tc.dist)
			}
			if tc.skipBearings {
				return
			}
			if angleDiff(i, tc.i) > angleTol || angleDiff(f, tc.f) > angleTol {
				t.Errorf("Inverse(%v, %v) bearings = %v, %v; want %v, %v", tc.a, tc.b, i, f, tc.i, tc.f)
			}
			// The reverse geodesic: same length, bearings turned round.
			if tc.dist > 0 && tc.a[1] != 90 && tc.a[1] != -90 && tc.b[1] != 90 && tc.b[1] != -90 {
				d2, i2, f2 := Inverse(tc.b, tc.a)
				if math.Abs(d2-d) > 1e-9 || angleDiff(i2, f+180) > angleTol || angleDiff(f2, i+180) > angleTol {
					t.Errorf("Inverse(%v, %v) = %v, %v, %v; want %v, %v, %v", tc.b, tc.a, d2, i2, f2, d, f+180, i+180)
				}
			}
		})
	}
}

func TestInvalidInput(t *testing.T) {
	for _, p := range []orb.Point{{0, 91}, {0, -90.5}, {math.NaN(), 0}, {0, math.NaN()}, {math.Inf(1), 0}} {
		if d := Distance(orb.Point{0, 0}, p); !math.IsNaN(d) {
			t.Errorf("Distance(%v, %v) = %v; want NaN", orb.Point{0, 0}, p, d)
		}
		if q := Destination(p, 10, 1000); !math.IsNaN(q[0]) && !math.IsNaN(q[1]) {
			t.Errorf("Destination(%v, 10, 1000) = %v; want NaN", p, q)
		}
	}
}

func TestDirectPoles(t *testing.T) {
	tests := []struct {
		p             orb.Point
		bearing, dist float64
		want          orb.Point
	}{
		{orb.Point{0, 90}, 135, quarterMeridian, orb.Point{45, 0}},
		{orb.Point{0, 90}, 180, 2 * quarterMeridian, orb.Point{0, -90}},
		{orb.Point{20, 0}, 0, quarterMeridian, orb.Point{20, 90}},
		{orb.Point{20, 0}, 0, 2 * quarterMeridian, orb.Point{-160, 0}},
		{orb.Point{20, 0}, 90, -111319.49079327357, orb.Point{19, 0}},
		// Once round the equator and once round a meridian.
		{orb.Point{20, 0}, 90, 360 * 111319.49079327357, orb.Point{20, 0}},
		{orb.Point{20, 0}, 0, 4 * quarterMeridian, orb.Point{20, 0}},
	}
	for _, tc := range tests {
		got := Destination(tc.p, tc.bearing, tc.dist)
		if math.Abs(got[1]-tc.want[1]) > 1e-8 || (math.Abs(tc.want[1]) != 90 && angleDiff(got[0], tc.want[0]) > 1e-8) {
			t.Errorf("Destination(%v, %v, %v) = %v; want %v", tc.p, tc.bearing, tc.dist, got, tc.want)
		}
	}
}

// TestInverseConsistency solves inverse problems where Newton's method is
// hardest — nearly antipodal points, points near the poles and the equator
// — and checks that the direct problem along the returned azimuth reaches
// the second point, and that the reversed problem agrees.
func TestInverseConsistency(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	worst := 0.0
	for i := 0; i < 4000; i++ {
		lat1 := math.Asin(2*rng.Float64()-1) / rad
		lon1 := rng.Float64()*360 - 180
		var lat2, lon2 float64
		switch i % 4 {
		case 0: // near the antipode
			s := math.Pow(10, -6*rng.Float64())
			lat2 = math.Max(-90, math.Min(90, -lat1+rng.NormFloat64()*s))
			lon2 = lon1 + 180 + rng.NormFloat64()*s
		case 1: // near the antipode, equatorial
			lat1 = rng.NormFloat64() * 0.1
			lat2 = -lat1 + rng.NormFloat64()*0.1
			lon2 = lon1 + 180 - rng.Float64()*1
		case 2: // near a pole
			lat1 = 90 - rng.Float64()*1e-3
			lat2 = math.Asin(2*rng.Float64()-1) / rad
			lon2 = rng.Float64()*360 - 180
		default:
			lat2 = math.Asin(2*rng.Float64()-1) / rad
			lon2 = rng.Float64()*360 - 180
		}
		a, b := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
		s, azi1, azi2 := Inverse(a, b)
		got, final := Direct(a, azi1, s)
		m, n := radii(lat2)
		e := math.Hypot((got[1]-lat2)*rad*m, math.Remainder(got[0]-lon2, 360)*rad*n*math.Cos(lat2*rad))
		if e > distTol || math.IsNaN(e) {
			t.Errorf("Direct(%v, Inverse(%v, %v) = %v, %v) = %v; want %v (%.3g m off)", a, a, b, azi1, s, got, b, e)
			continue
		}
		if s > 1 && angleDiff(final, azi2) > 1e-6 && math.Abs(lat2) < 89.99 {
			t.Errorf("Direct(%v, %v, %v) final = %v; want Inverse's %v", a, azi1, s, final, azi2)
		}
		if s2 := Distance(b, a); math.Abs(s2-s) > 1e-6 {
			t.Errorf("Distance(%v, %v) = %.6f; want %.6f as the other way", b, a, s2, s)
		}
		worst = math.Max(worst, e)
	}
	t.Logf("max miss %.3g m", worst)
}

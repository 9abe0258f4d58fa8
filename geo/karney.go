package geo

// Geodesics on the WGS84 ellipsoid after C. F. F. Karney, "Algorithms for
// geodesics", J. Geodesy 87:43–55 (2013), doi:10.1007/s00190-012-0578-z.
//
// The problems are solved on the auxiliary sphere, where a geodesic is a
// great circle: the parametric latitude β (tan β = (1−f) tan φ), the arc
// length σ from the northward equator crossing and the spherical longitude ω
// describe a point. Distance and longitude on the ellipsoid follow from σ
// and ω through three integrals,
//
//	s/b       = I1(σ) = ∫₀^σ √(1 + k² sin²σ') dσ'
//	            I2(σ) = ∫₀^σ 1/√(1 + k² sin²σ') dσ'   (reduced length)
//	(ω − λ)/(f sin α0) = I3(σ) = ∫₀^σ (2−f)/(1 + (1−f)√(1 + k² sin²σ')) dσ'
//
// with k² = e'² cos²α0, expanded in ε = (√(1+k²) − 1)/(√(1+k²) + 1) as
// Ij(σ) = Aj (σ + Σ Cjl sin 2lσ), to sixth order in ε and the third
// flattening n (the paper's equations 17, 18, 21, 24, 25, 42 and 43). With
// these the direct problem is closed form; the inverse problem is solved by
// Newton's method on the azimuth at the first point, started from the
// spherical solution or, for nearly antipodal points, from the astroid
// approximation (section 5 of the paper), and safeguarded by bisection.
//
// Angles are carried as (sine, cosine) pairs, not normalised until needed,
// so that meridians, the equator and the poles stay exact.

import "math"

// Derived WGS84 quantities.
const (
	f1  = 1 - F                  // b/a
	bAx = A * f1                 // polar semi-axis b in metres
	ep2 = e2 / (f1 * f1)         // second eccentricity squared e'²
	n3  = F / (2 - F)            // third flattening n
	eps = 0x1p-52                // machine epsilon of float64
	sq2 = 1.4901161193847656e-08 // √eps = 2⁻²⁶
)

// Tolerances of the inverse solution.
const (
	// tiny replaces zero cosines of latitude at the poles, so that the
	// direction of a meridian there is still defined: √(smallest normal).
	tiny = 1.4916681462400413e-154
	// newtonTol: the longitude residual, in radians, below which Newton's
	// method has converged (a few units in the last place of π).
	newtonTol = 8 * eps
	// bisectTol: a bracket of α1 narrower than this is fully converged.
	bisectTol = eps * sq2
	// astroidY, astroidX: thresholds of the astroid start near the cut.
	astroidY = 200 * eps
	astroidX = 1000 * sq2
	// maxNewton and maxIter bound the iterations: Newton's method converges
	// in a handful of steps; bisection needs at most 53 more halvings.
	maxNewton = 20
	maxIter   = maxNewton + 53 + 10
)

// shortTol: below this σ12 (radians) the short-line start is exact to
// rounding, so Newton's method is skipped (the series' truncation is
// O(σ12²·f) smaller than the result).
var shortTol = 0.1 * sq2 / math.Sqrt(math.Max(0.001, F)*math.Min(1, 1-F/2)/2)

// Coefficients of A3 and C3 as polynomials in ε, for WGS84's n (paper,
// equations 24 and 25). a3x[j] multiplies ε^j; c3x[l-1][j] multiplies ε^j
// in C3l.
var a3x, c3x = series3(n3)

func series3(n float64) (a [6]float64, c [5][6]float64) {
	a = [6]float64{
		1,
		-(1.0/2 - n/2),
		-(1.0/4 + n/8 - 3*n*n/8),
		-(1.0/16 + 3*n/16 + n*n/16),
		-(3.0/64 + n/32),
		-3.0 / 128,
	}
	c[0] = [6]float64{0,
		1.0/4 - n/4,
		1.0/8 - n*n/8,
		3.0/64 + 3*n/64 - n*n/64,
		5.0/128 + n/64,
		3.0 / 128}
	c[1] = [6]float64{0, 0,
		1.0/16 - 3*n/32 + n*n/32,
		3.0/64 - n/32 - 3*n*n/64,
		3.0/128 + n/128,
		5.0 / 256}
	c[2] = [6]float64{0, 0, 0,
		5.0/192 - 3*n/64 + 5*n*n/192,
		3.0/128 - 5*n/192,
		7.0 / 512}
	c[3] = [6]float64{0, 0, 0, 0,
		7.0/512 - 7*n/256,
		7.0 / 512}
	c[4] = [6]float64{0, 0, 0, 0, 0,
		21.0 / 2560}
	return a, c
}

// poly evaluates Σ p[j] x^j by Horner's rule.
func poly(p []float64, x float64) float64 {
	y := 0.0
	for j := len(p) - 1; j >= 0; j-- {
		y = y*x + p[j]
	}
	return y
}

// a1m1 returns A1 − 1 (equation 17).
func a1m1(e float64) float64 {
	e2 := e * e
	t := e2 * (64 + e2*(4+e2)) / 256 // ε²/4 + ε⁴/64 + ε⁶/256
	return (t + e) / (1 - e)
}

// c1 fills c with C11…C16 (equation 18).
func c1(e float64, c *[6]float64) {
	e2 := e * e
	d := e
	c[0] = d * (-1.0/2 + e2*(3.0/16-e2/32))
	d *= e
	c[1] = d * (-1.0/16 + e2*(1.0/32-e2*9/2048))
	d *= e
	c[2] = d * (-1.0/48 + e2*3/256)
	d *= e
	c[3] = d * (-5.0/512 + e2*3/512)
	d *= e
	c[4] = d * (-7.0 / 1280)
	d *= e
	c[5] = d * (-7.0 / 2048)
}

// c1p fills c with C'11…C'16, the coefficients of the reverted series
// σ = τ + Σ C'1l sin 2lτ (equation 21).
func c1p(e float64, c *[6]float64) {
	e2 := e * e
	d := e
	c[0] = d * (1.0/2 + e2*(-9.0/32+e2*205/1536))
	d *= e
	c[1] = d * (5.0/16 + e2*(-37.0/96+e2*1335/4096))
	d *= e
	c[2] = d * (29.0/96 - e2*75/128)
	d *= e
	c[3] = d * (539.0/1536 - e2*2391/2560)
	d *= e
	c[4] = d * (3467.0 / 7680)
	d *= e
	c[5] = d * (38081.0 / 61440)
}

// a2m1 returns A2 − 1 (equation 42).
func a2m1(e float64) float64 {
	e2 := e * e
	t := e2 * (64 + e2*(36+25*e2)) / 256 // ε²/4 + 9ε⁴/64 + 25ε⁶/256
	return t*(1-e) - e
}

// c2 fills c with C21…C26 (equation 43).
func c2(e float64, c *[6]float64) {
	e2 := e * e
	d := e
	c[0] = d * (1.0/2 + e2*(1.0/16+e2/32))
	d *= e
	c[1] = d * (3.0/16 + e2*(1.0/32+e2*35/2048))
	d *= e
	c[2] = d * (5.0/48 + e2*5/256)
	d *= e
	c[3] = d * (35.0/512 + e2*7/512)
	d *= e
	c[4] = d * (63.0 / 1280)
	d *= e
	c[5] = d * (77.0 / 2048)
}

// a3 returns A3 (equation 24).
func a3(e float64) float64 { return poly(a3x[:], e) }

// c3 fills c with C31…C35 (equation 25).
func c3(e float64, c *[5]float64) {
	for l := range c {
		c[l] = poly(c3x[l][:], e)
	}
}

// sinSeries returns Σ_{l=1}^{len(c)} c[l−1] sin 2lσ given sin σ and cos σ
// (normalised), by Clenshaw summation.
func sinSeries(s, c float64, coef []float64) float64 {
	x := 2 * (c - s) * (c + s) // 2 cos 2σ
	var b1, b2 float64
	for k := len(coef) - 1; k >= 0; k-- {
		b1, b2 = x*b1-b2+coef[k], b1
	}
	return 2 * s * c * b1
}

// epsOf returns ε for k² (k² = e'² cos²α0).
func epsOf(k2 float64) float64 {
	return k2 / (2*(1+math.Sqrt(1+k2)) + k2)
}

// norm2 scales (x, y) to unit length.
func norm2(x, y float64) (float64, float64) {
	r := math.Hypot(x, y)
	return x / r, y / r
}

// sincosd returns the sine and cosine of x degrees, reducing x exactly so
// that multiples of 90° give exact zeros and ones.
func sincosd(x float64) (s, c float64) {
	r := math.Remainder(x, 360) // [−180, 180], exact
	q := math.Round(r / 90)     // quadrant, −2…2
	r = (r - 90*q) * rad        // [−π/4, π/4]
	s, c = math.Sin(r), math.Cos(r)
	switch int(q) & 3 {
	case 1:
		s, c = c, -s
	case 2:
		s, c = -s, -c
	case 3:
		s, c = -c, s
	}
	return s, c + 0 // +0 turns −0 into 0
}

// atan2d returns atan2(y, x) in degrees, (−180, 180], exact on the axes.
func atan2d(y, x float64) float64 {
	// Work in the octant |y| <= x, where atan2 is most accurate, and add
	// the quadrant back exactly.
	q := 0
	if math.Abs(y) > math.Abs(x) {
		x, y = y, x
		q = 2
	}
	if math.Signbit(x) {
		x = -x
		q++
	}
	ang := math.Atan2(y, x) / rad
	switch q {
	case 1:
		ang = math.Copysign(180, y) - ang
	case 2:
		ang = 90 - ang
	case 3:
		ang = -90 + ang
	}
	return ang
}

// angNormalize maps x degrees to [−180, 180).
func angNormalize(x float64) float64 {
	x = math.Remainder(x, 360)
	if x == 180 {
		x = -180
	}
	return x
}

// angRound rounds tiny angles (degrees) to a multiple of 2⁻⁵⁷, so that
// values close to zero become exactly zero instead of underflowing in
// the trigonometry; other angles are unchanged.
func angRound(x float64) float64 {
	const z = 1.0 / 16
	y := math.Abs(x)
	if y < z {
		y = z - (z - y)
	}
	return math.Copysign(y, x)
}

// valid reports whether lat and lon degrees are a position: finite, and
// the latitude within ±90°.
func valid(lat, lon float64) bool {
	return math.Abs(lat) <= 90 && !math.IsNaN(lon) && !math.IsInf(lon, 0)
}

// reducedLat returns sin β and cos β of the parametric latitude of lat
// degrees, cos β at least tiny so that the poles keep a meridian.
func reducedLat(lat float64) (sbet, cbet float64) {
	s, c := sincosd(angRound(lat))
	sbet, cbet = norm2(f1*s, c)
	return sbet, math.Max(tiny, cbet)
}

// direct solves the direct problem: from (lat1, lon1) along azimuth azi1 for
// s12 metres (negative: backwards). It returns the end point and the forward
// azimuth there, degrees, lon2 and azi2 in [−180, 180); NaN for invalid
// input (see inverse).
func direct(lat1, lon1, azi1, s12 float64) (lat2, lon2, azi2 float64) {
	if !valid(lat1, lon1) || math.IsNaN(azi1) || math.IsInf(azi1, 0) || math.IsNaN(s12) || math.IsInf(s12, 0) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	salp1, calp1 := sincosd(angRound(angNormalize(azi1)))
	sbet1, cbet1 := reducedLat(lat1)

	// The geodesic's azimuth at the equator crossing, α0.
	salp0 := salp1 * cbet1
	calp0 := math.Hypot(calp1, salp1*sbet1)

	// σ1 and ω1 from the northward equator crossing.
	ssig1, somg1 := sbet1, salp0*sbet1
	csig1 := cbet1 * calp1
	if sbet1 == 0 && calp1 == 0 {
		csig1 = 1 // along the equator: σ1 = 0
	}
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	e := epsOf(calp0 * calp0 * ep2)
	var cc1, cc1p [6]float64
	c1(e, &cc1)
	c1p(e, &cc1p)
	a1 := 1 + a1m1(e)

	// Distance to arc length: τ = s/(b A1) = σ + B1(σ); invert for σ2.
	b11 := sinSeries(ssig1, csig1, cc1[:])
	tau12 := s12 / (bAx * a1)
	sb, cb := math.Sincos(b11)
	stau1, ctau1 := ssig1*cb+csig1*sb, csig1*cb-ssig1*sb
	st, ct := math.Sincos(tau12)
	stau2, ctau2 := stau1*ct+ctau1*st, ctau1*ct-stau1*st
	sig12 := tau12 + sinSeries(stau2, ctau2, cc1p[:]) + b11

	ssig12, csig12 := math.Sincos(sig12)
	ssig2 := ssig1*csig12 + csig1*ssig12
	csig2 := csig1*csig12 - ssig1*ssig12
	sbet2 := calp0 * ssig2
	cbet2 := math.Hypot(salp0, calp0*csig2)
	if cbet2 == 0 {
		// A meridian through the pole: keep its direction.
		cbet2, csig2 = tiny, tiny
	}
	somg2, comg2 := salp0*ssig2, csig2
	salp2, calp2 := salp0, calp0*csig2

	omg12 := math.Atan2(somg2*comg1-comg2*somg1, comg2*comg1+somg2*somg1)
	var cc3 [5]float64
	c3(e, &cc3)
	b31 := sinSeries(ssig2, csig2, cc3[:]) - sinSeries(ssig1, csig1, cc3[:])
	lam12 := omg12 - F*salp0*a3(e)*(sig12+b31)

	lat2 = atan2d(sbet2, f1*cbet2)
	lon2 = angNormalize(angNormalize(lon1) + angNormalize(lam12/rad))
	azi2 = atan2d(salp2, calp2)
	if azi2 == 180 {
		azi2 = -180
	}
	return lat2, lon2, azi2
}

// lengths returns s12/b and m12/b, the distance and the reduced length
// between σ1 and σ2 of the geodesic with parameter e (equations 38–40);
// dn = √(1 + k² sin²σ) at each end.
func lengths(e, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64) (s12b, m12b float64) {
	var cc1, cc2 [6]float64
	c1(e, &cc1)
	c2(e, &cc2)
	a1, a2 := a1m1(e), a2m1(e)
	b1 := sinSeries(ssig2, csig2, cc1[:]) - sinSeries(ssig1, csig1, cc1[:])
	b2 := sinSeries(ssig2, csig2, cc2[:]) - sinSeries(ssig1, csig1, cc2[:])
	s12b = (1 + a1) * (sig12 + b1)
	// J(σ) = I1(σ) − I2(σ).
	j12 := (a1-a2)*sig12 + ((1+a1)*b1 - (1+a2)*b2)
	m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*j12
	return s12b, m12b
}

// geodesicEnd is the state of a trial geodesic of the inverse problem.
type geodesicEnd struct {
	salp2, calp2               float64 // azimuth at point 2
	sig12                      float64 // arc length on the auxiliary sphere
	ssig1, csig1, ssig2, csig2 float64
	e                          float64 // ε of the geodesic
}

// lambda12 follows the geodesic leaving point 1 (β1 <= 0, |β2| <= |β1|) at
// azimuth α1 to the latitude of point 2 and returns how far its longitude
// overshoots the wanted one (slam, clam: sin and cos of λ12), in radians,
// the derivative of that with respect to α1 (when wantDeriv) and the
// geodesic's state.
func lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam, clam float64, wantDeriv bool) (v, dv float64, g geodesicEnd) {
	if sbet1 == 0 && calp1 == 0 {
		// Starting due east on the equator would stay on it; nudge the
		// azimuth so that the geodesic can reach another latitude.
		calp1 = -tiny
	}
	salp0 := salp1 * cbet1
	calp0 := math.Hypot(calp1, salp1*sbet1)

	ssig1, somg1 := sbet1, salp0*sbet1
	csig1 := calp1 * cbet1
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	// Azimuth at point 2 from Clairaut's relation, taking the northward
	// crossing of β2; the cosine is computed from the difference of
	// latitudes to keep its accuracy near the vertex.
	salp2 := salp1
	if cbet2 != cbet1 {
		salp2 = salp0 / cbet2
	}
	calp2 := math.Abs(calp1)
	if cbet2 != cbet1 || math.Abs(sbet2) != -sbet1 {
		var d float64
		if cbet1 < -sbet1 {
			d = (cbet2 - cbet1) * (cbet1 + cbet2)
		} else {
			d = (sbet1 - sbet2) * (sbet1 + sbet2)
		}
		calp2 = math.Sqrt((calp1*cbet1)*(calp1*cbet1)+d) / cbet2
	}
	ssig2, somg2 := sbet2, salp0*sbet2
	csig2 := calp2 * cbet2
	comg2 := csig2
	ssig2, csig2 = norm2(ssig2, csig2)

	sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2)
	comg12 := comg1*comg2 + somg1*somg2
	// ω12 − λ12 wanted, reduced to (−π, π].
	eta := math.Atan2(somg12*clam-comg12*slam, comg12*clam+somg12*slam)

	e := epsOf(calp0 * calp0 * ep2)
	var cc3 [5]float64
	c3(e, &cc3)
	b312 := sinSeries(ssig2, csig2, cc3[:]) - sinSeries(ssig1, csig1, cc3[:])
	v = eta - F*a3(e)*salp0*(sig12+b312)

	if wantDeriv {
		if calp2 == 0 {
			// Both ends at vertices: the limit of m12/(a cos α2 cos β2).
			dv = -2 * f1 * dn1 / sbet1
		} else {
			_, m12b := lengths(e, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
			dv = m12b * f1 / (calp2 * cbet2)
		}
	}
	return v, dv, geodesicEnd{salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, e}
}

// astroid returns the positive root k of
// k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0 (the paper's equation 55),
// which fixes the starting azimuth for nearly antipodal points.
func astroid(x, y float64) float64 {
	p, q := x*x, y*y
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		// y = 0 and |x| <= 1: the root is 0 (the geodesic runs through
		// the antipode's neighbourhood on the cut).
		return 0
	}
	// The quartic's resolvent cubic in u, solved in closed form: one real
	// root when the discriminant is positive, three otherwise (take the
	// one that keeps u + √(u² + q) positive).
	s := p * q / 4
	r2 := r * r
	r3 := r * r2
	disc := s * (s + 2*r3)
	u := r
	if disc >= 0 {
		t3 := s + r3
		if t3 < 0 {
			t3 -= math.Sqrt(disc)
		} else {
			t3 += math.Sqrt(disc)
		}
		t := math.Cbrt(t3)
		u += t
		if t != 0 {
			u += r2 / t
		}
	} else {
		ang := math.Atan2(math.Sqrt(-disc), -(s + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(u*u + q)
	var uv float64 // u + v, computed without cancellation
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+w*w) + w)
}

// inverseStart returns a first azimuth α1 for Newton's method (section 5).
// For short lines it solves the problem outright and returns σ12 >= 0 with
// both azimuths and dnm, the mean of √(1 + e'² sin²β); otherwise σ12 < 0.
func inverseStart(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12 float64) (sig12, salp1, calp1, salp2, calp2, dnm float64) {
	sig12 = -1
	sbet12 := sbet2*cbet1 - cbet2*sbet1  // sin(β2 − β1)
	cbet12 := cbet2*cbet1 + sbet2*sbet1  // cos(β2 − β1)
	sbet12a := sbet2*cbet1 + cbet2*sbet1 // sin(β2 + β1)

	short := cbet12 >= 0 && sbet12 < 0.5 && cbet2*lam12 < 0.5
	somg12, comg12 := slam12, clam12
	if short {
		// On a short line the sphere of radius b·w̄ (w = √(1 − e² cos²β) at
		// the mean latitude) is a good model: ω12 = λ12 / w̄.
		sbetm2 := (sbet1 + sbet2) * (sbet1 + sbet2)
		sbetm2 /= sbetm2 + (cbet1+cbet2)*(cbet1+cbet2)
		dnm = math.Sqrt(1 + ep2*sbetm2)
		somg12, comg12 = math.Sincos(lam12 / (f1 * dnm))
	}

	// Great circle on the auxiliary sphere (equations 49 and 50), written
	// to avoid cancellation on either side of ω12 = 90°.
	salp1 = cbet2 * somg12
	if comg12 >= 0 {
		calp1 = sbet12 + cbet2*sbet1*somg12*somg12/(1+comg12)
	} else {
		calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
	}
	ssig12 := math.Hypot(salp1, calp1)
	csig12 := sbet1*sbet2 + cbet1*cbet2*comg12

	switch {
	case short && ssig12 < shortTol:
		salp2 = cbet1 * somg12
		if comg12 >= 0 {
			calp2 = sbet12 - cbet1*sbet2*somg12*somg12/(1+comg12)
		} else {
			calp2 = sbet12 - cbet1*sbet2*(1-comg12)
		}
		salp2, calp2 = norm2(salp2, calp2)
		sig12 = math.Atan2(ssig12, csig12)
	case csig12 >= 0 || ssig12 >= 6*n3*math.Pi*cbet1*cbet1:
		// Not nearly antipodal: the spherical azimuth will do.
	default:
		// Nearly antipodal: geodesics from point 1 gather near its
		// antipode on an astroid. Scale the offsets of point 2 from the
		// antipode (x in longitude, y in latitude) by its size.
		lam12x := math.Atan2(-slam12, -clam12) // λ12 − π
		k2 := sbet1 * sbet1 * ep2
		e := epsOf(k2)
		lamScale := F * cbet1 * a3(e) * math.Pi
		betScale := lamScale * cbet1
		x := lam12x / lamScale
		y := sbet12a / betScale
		if y > -astroidY && x > -1-astroidX {
			// Point 2 is on, or very close to, the cut: the astroid
			// degenerates and the azimuth follows from x alone.
			salp1 = math.Min(1, -x)
			calp1 = -math.Sqrt(1 - salp1*salp1)
		} else {
			k := astroid(x, y)
			omg12a := lamScale * (-x * k / (1 + k))
			somg12, comg12 = math.Sincos(omg12a)
			comg12 = -comg12
			salp1 = cbet2 * somg12
			calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
		}
	}
	if sig12 < 0 {
		if salp1 > 0 {
			salp1, calp1 = norm2(salp1, calp1)
		} else {
			salp1, calp1 = 1, 0
		}
	}
	return sig12, salp1, calp1, salp2, calp2, dnm
}

// inverse solves the inverse problem between (lat1, lon1) and (lat2, lon2):
// the length s12 of the shortest geodesic in metres, the azimuth azi1 at
// point 1 and the forward azimuth azi2 at point 2, degrees in [−180, 180).
// Identical points give 0, 0, 0. Latitudes beyond ±90°, infinite or NaN
// coordinates give NaN.
func inverse(lat1, lon1, lat2, lon2 float64) (s12, azi1, azi2 float64) {
	if !valid(lat1, lon1) || !valid(lat2, lon2) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	if lat1 == lat2 && math.Remainder(lon2-lon1, 360) == 0 {
		return 0, 0, 0
	}
	// Reduce to 0 <= λ12 <= 180, |φ1| >= |φ2|, φ1 <= 0 by reflections;
	// they are undone on the azimuths at the end.
	lon12 := math.Remainder(lon2-lon1, 360)
	lonSign := 1.0
	if math.Signbit(lon12) {
		lonSign = -1
	}
	lon12 = angRound(lon12 * lonSign)
	lam12 := lon12 * rad
	slam12, clam12 := sincosd(lon12)

	lat1, lat2 = angRound(lat1), angRound(lat2)
	swapped := math.Abs(lat1) < math.Abs(lat2)
	if swapped {
		// Solving from point 2 to point 1 instead, mirrored east–west so
		// that the longitude difference keeps its sign.
		lat1, lat2 = lat2, lat1
		lonSign = -lonSign
	}
	// Make φ1 <= 0. On the equator (φ1 = φ2 = 0) the reflection is done
	// too: of the two shortest geodesics between equatorial points more
	// than (1−f)·180° apart, this picks the northern one, as geod does.
	latSign := -1.0
	if lat1 < 0 {
		latSign = 1
	}
	lat1, lat2 = lat1*latSign, lat2*latSign

	sbet1, cbet1 := reducedLat(lat1)
	sbet2, cbet2 := reducedLat(lat2)
	// Keep |β2| = |β1| exact when the latitudes are equal in size but the
	// rounding of one component differs.
	if cbet1 < -sbet1 {
		if cbet2 == cbet1 {
			sbet2 = math.Copysign(sbet1, sbet2)
		}
	} else if math.Abs(sbet2) == -sbet1 {
		cbet2 = cbet1
	}
	dn1 := math.Sqrt(1 + ep2*sbet1*sbet1)
	dn2 := math.Sqrt(1 + ep2*sbet2*sbet2)

	var salp1, calp1, salp2, calp2 float64
	solved := false

	if lat1 == -90 || slam12 == 0 {
		// Along a meridian (through a pole when λ12 = 180°): shortest
		// unless the points are nearly antipodal and the meridian runs past
		// its conjugate point (m12 < 0).
		calp1, salp1 = clam12, slam12
		calp2, salp2 = 1, 0
		ssig1, csig1 := sbet1, calp1*cbet1
		ssig2, csig2 := sbet2, calp2*cbet2
		sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
		s12b, m12b := lengths(n3, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2)
		if sig12 < 1 || m12b >= 0 {
			s12 = bAx * math.Max(0, s12b)
			solved = true
		}
	}

	if !solved && sbet1 == 0 && lon12 <= 180*f1 {
		// Both on the equator (|φ2| <= |φ1| = 0), and not so far apart that
		// a geodesic over the poles is shorter.
		salp1, calp1, salp2, calp2 = 1, 0, 1, 0
		s12 = A * lam12
		solved = true
	}

	if !solved {
		sig12, sa1, ca1, sa2, ca2, dnm := inverseStart(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12)
		salp1, calp1 = sa1, ca1
		if sig12 >= 0 {
			s12 = bAx * dnm * sig12
			salp2, calp2 = sa2, ca2
		} else {
			g := solveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12, &salp1, &calp1)
			s12b, _ := lengths(g.e, g.sig12, g.ssig1, g.csig1, dn1, g.ssig2, g.csig2, dn2)
			s12 = bAx * s12b
			salp2, calp2 = g.salp2, g.calp2
		}
	}

	if swapped {
		// Reversing the geodesic swaps the ends and turns both azimuths
		// round.
		salp1, salp2 = -salp2, -salp1
		calp1, calp2 = -calp2, -calp1
	}
	salp1, salp2 = salp1*lonSign, salp2*lonSign
	calp1, calp2 = calp1*latSign, calp2*latSign
	azi1, azi2 = atan2d(salp1, calp1), atan2d(salp2, calp2)
	if azi1 == 180 {
		azi1 = -180
	}
	if azi2 == 180 {
		azi2 = -180
	}
	return s12, azi1, azi2
}

// solveAzimuth finds α1 in (0°, 180°) whose geodesic reaches point 2's
// longitude, by Newton's method from (*salp1, *calp1) with a bracket that
// bisection falls back on whenever a Newton step would leave it. λ12 grows
// with α1 for 0 <= λ12 <= 180, β1 <= 0, |β2| <= |β1|.
func solveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12 float64, salp1, calp1 *float64) geodesicEnd {
	// Bracket [a, b] as (sine, cosine) pairs: α1 = 0⁺ and 180⁻.
	sa, ca := tiny, 1.0
	sb, cb := tiny, -1.0
	var g geodesicEnd
	fine := false // the last Newton step started close to the root
	last := false // the bracket has collapsed: this is the final trial
	for it := 0; it < maxIter; it++ {
		v, dv, gg := lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, *salp1, *calp1, slam12, clam12, it < maxNewton)
		g = gg
		tol := newtonTol
		if fine {
			tol *= 8 // after a step from within 16 ulp, accept rounding noise
		}
		if last || !(math.Abs(v) >= tol) {
			break
		}
		// Shrink the bracket: cot α1 decreases as α1 grows.
		cot := *calp1 / *salp1
		if v > 0 && (it >= maxNewton || cot > cb/sb) {
			sb, cb = *salp1, *calp1
		} else if v < 0 && (it >= maxNewton || cot < ca/sa) {
			sa, ca = *salp1, *calp1
		}
		if it < maxNewton && dv > 0 {
			d := -v / dv
			if math.Abs(d) < math.Pi {
				sd, cd := math.Sincos(d)
				ns := *salp1*cd + *calp1*sd
				if ns > 0 {
					*salp1, *calp1 = norm2(ns, *calp1*cd-*salp1*sd)
					fine = math.Abs(v) <= 16*newtonTol
					continue
				}
			}
		}
		// The Newton step left (0, π) or went astray: bisect the bracket.
		*salp1, *calp1 = norm2((sa+sb)/2, (ca+cb)/2)
		fine = false
		last = math.Abs(sa-*salp1)+(ca-*calp1) < bisectTol || math.Abs(*salp1-sb)+(*calp1-cb) < bisectTol
	}
	return g
}

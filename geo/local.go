package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// e2 is the square of the first eccentricity of WGS84.
const e2 = F * (2 - F)

const rad = math.Pi / 180

// shortLimit is the largest latitude or longitude difference, in degrees, for
// which segmentLength uses the local formula. Tests hold the local formula to
// 1 mm per km of the exact geodesic below this limit.
const shortLimit = 0.02

// radii returns the meridional radius of curvature M and the prime vertical
// radius of curvature N, in metres, at latitude lat (degrees).
func radii(lat float64) (m, n float64) {
	s := math.Sin(lat * rad)
	w2 := 1 - e2*s*s
	w := math.Sqrt(w2)
	n = A / w
	m = A * (1 - e2) / (w2 * w)
	return m, n
}

// wrapLon maps a longitude difference in degrees to [-180, 180].
func wrapLon(d float64) float64 {
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	return d
}

// segmentLength returns the geodesic distance in metres between (lat1, lon1)
// and (lat2, lon2). Short segments, the common case on tracks, use the
// ellipsoidal flat-earth formula at the mid-latitude φm,
//
//	s = √((N cos φm Δλ)² + (M Δφ)²)
//
// with the radii of curvature N and M at φm; its error below shortLimit is
// under 2e-8 of the length (TestSegmentLength measures it), far inside
// 1 mm per km. Anything else, or anything near a pole, uses Karney's exact
// solution.
func segmentLength(lat1, lon1, lat2, lon2 float64) float64 {
	dlat := lat2 - lat1
	dlon := lon2 - lon1
	if dlon > 180 {
		dlon -= 360
	} else if dlon < -180 {
		dlon += 360
	}
	if math.Abs(dlat) < shortLimit && math.Abs(dlon) < shortLimit && math.Abs(lat1) < 85 {
		// With w² = 1 − e² sin²φm: N = A/w and M = A(1 − e²)/w³, so
		// s = A/w · √(cos²φm Δλ² + ((1 − e²)/w²)² Δφ²).
		s := math.Sin((lat1 + lat2) * (rad / 2))
		s2 := s * s
		iw2 := 1 / (1 - e2*s2)
		k := (1 - e2) * iw2 * dlat
		return A * rad * math.Sqrt((dlon*dlon*(1-s2)+k*k)*iw2)
	}
	s12, _, _ := inverse(lat1, lon1, lat2, lon2)
	return s12
}

// localLimit is the largest latitude or longitude difference, in degrees,
// over which localXY places a point in the frame of another (about 11 km).
const localLimit = 0.1

// localXY returns the position of p in the azimuthal equidistant frame
// centred at o: metres, x east and y north along o's meridian, so that
// hypot(x, y) is the geodesic distance o→p and atan2(x, y) its azimuth at o.
// It uses Gauss's mid-latitude formulas: the flat-earth offsets at the
// mid-latitude φm give the distance and the azimuth at the middle of the
// line, which is turned by half the meridian convergence, Δλ·sin φm / 2, to
// the azimuth at o. Errors grow as the cube of the distance: below 0.1° they
// are millimetres. ok is false when p is too far from o or either is within
// 5° of a pole; then x and y are 0.
func localXY(o, p orb.Point) (x, y float64, ok bool) {
	if !nearFrame(o, p) {
		return 0, 0, false
	}
	dlat := p[1] - o[1]
	dlon := wrapLon(p[0] - o[0])
	s := math.Sin((o[1] + p[1]) * (rad / 2))
	s2 := s * s
	iw2 := 1 / (1 - e2*s2)
	iw := math.Sqrt(iw2)
	xm := A * iw * math.Sqrt(1-s2) * dlon * rad // N cos φm Δλ
	ym := A * (1 - e2) * iw2 * iw * dlat * rad  // M Δφ
	g := dlon * rad * s / 2
	cg := 1 - g*g/2 // cos g to the order that matters here
	return xm*cg - ym*g, ym*cg + xm*g, true
}

// nearFrame reports whether localXY can place p in the frame of o.
func nearFrame(o, p orb.Point) bool {
	return math.Abs(p[1]-o[1]) < localLimit && math.Abs(wrapLon(p[0]-o[0])) < localLimit &&
		math.Abs(o[1]) < 85 && math.Abs(p[1]) < 85
}

// ecef returns the Earth-centred Cartesian coordinates of p in metres.
func ecef(p orb.Point) [3]float64 {
	sp, cp := math.Sincos(p[1] * rad)
	sl, cl := math.Sincos(p[0] * rad)
	n := A / math.Sqrt(1-e2*sp*sp)
	return [3]float64{n * cp * cl, n * cp * sl, n * (1 - e2) * sp}
}

// segmentLowerBound returns a lower bound in metres of the geodesic
// distance from q to the geodesic segment a–b of length l metres, all
// points given in ECEF: the straight-line distance from q to the chord a–b,
// less the most that a curve of length l whose curvature is at most the
// ellipsoid's largest, 1/M(0) = a/b², can bow away from its chord, l²a/(8b²).
// No point is nearer than its straight-line distance.
func segmentLowerBound(q, a, b [3]float64, l float64) float64 {
	var u, v [3]float64
	for k := range u {
		u[k], v[k] = b[k]-a[k], q[k]-a[k]
	}
	uu := u[0]*u[0] + u[1]*u[1] + u[2]*u[2]
	t := 0.0
	if uu > 0 {
		t = math.Min(1, math.Max(0, (u[0]*v[0]+u[1]*v[1]+u[2]*v[2])/uu))
	}
	d := math.Sqrt((v[0]-t*u[0])*(v[0]-t*u[0]) + (v[1]-t*u[1])*(v[1]-t*u[1]) + (v[2]-t*u[2])*(v[2]-t*u[2]))
	return d - l*l*A/(8*bAx*bAx)
}

// localPoint is the inverse of localXY: the point at (x, y) metres in the
// azimuthal equidistant frame centred at o, for offsets within localLimit
// and o more than 5° from a pole. Each step corrects the latitude and
// longitude by the residual over the local scale, gaining three orders of
// magnitude; three steps reach nanometres from metres.
func localPoint(o orb.Point, x, y float64) orb.Point {
	m, n := radii(o[1])
	p := orb.Point{o[0] + x/(n*math.Cos(o[1]*rad)*rad), o[1] + y/(m*rad)}
	for i := 0; i < 3; i++ {
		px, py, ok := localXY(o, p)
		if !ok {
			break
		}
		latm := (o[1] + p[1]) / 2
		m, n = radii(latm)
		dlon := (x - px) / (n * math.Cos(latm*rad) * rad)
		dlat := (y - py) / (m * rad)
		p[0] += dlon
		p[1] += dlat
		if math.Abs(dlon)+math.Abs(dlat) < 1e-12 {
			break
		}
	}
	p[0] = wrapLon(p[0])
	return p
}

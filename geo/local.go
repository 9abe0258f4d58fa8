package geo

import "math"

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

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid parameters.
const (
	// A is the WGS84 equatorial radius in metres.
	A = 6378137.0
	// F is the WGS84 flattening.
	F = 1 / 298.257223563
)

// Inverse solves the inverse geodesic problem on WGS84 between a and b. It
// returns the length of the shortest geodesic in metres, the bearing at a
// towards b (the initial bearing) and the bearing at b continuing away from a
// (the final bearing, the direction of travel on arrival), both in [0, 360).
// For coincident points the distance and both bearings are 0. At a pole a
// bearing is measured from the meridian of the longitude given (as PROJ's
// geod does). Between points on the equator more than (1−f)·180° apart, where
// two geodesics are equally short, the northern one is taken. A latitude
// beyond ±90° or a NaN or infinite coordinate gives NaN results.
func Inverse(a, b orb.Point) (dist, initial, final float64) {
	s12, azi1, azi2 := inverse(a[1], a[0], b[1], b[0])
	return s12, normBearing(azi1), normBearing(azi2)
}

// Distance returns the geodesic distance in metres between a and b on WGS84.
func Distance(a, b orb.Point) float64 {
	s12, _, _ := inverse(a[1], a[0], b[1], b[0])
	return s12
}

// Bearing returns the initial bearing from a towards b in degrees [0, 360).
func Bearing(a, b orb.Point) float64 {
	_, azi1, _ := inverse(a[1], a[0], b[1], b[0])
	return normBearing(azi1)
}

// FinalBearing returns the bearing of travel on arrival at b on the geodesic
// from a, in degrees [0, 360).
func FinalBearing(a, b orb.Point) float64 {
	_, _, azi2 := inverse(a[1], a[0], b[1], b[0])
	return normBearing(azi2)
}

// Destination solves the direct geodesic problem: the point reached from p by
// travelling dist metres along the geodesic that starts with the given
// bearing (degrees). A negative dist travels backwards; a dist longer than
// half the Earth's circumference goes on round it. The longitude is in
// [−180, 180). Invalid input (see Inverse), or an infinite bearing or
// distance, gives NaN.
func Destination(p orb.Point, bearing, dist float64) orb.Point {
	lat2, lon2, _ := direct(p[1], p[0], bearing, dist)
	return orb.Point{lon2, lat2}
}

// Direct is Destination that also returns the final bearing at the
// destination, in degrees [0, 360).
func Direct(p orb.Point, bearing, dist float64) (orb.Point, float64) {
	lat2, lon2, azi2 := direct(p[1], p[0], bearing, dist)
	return orb.Point{lon2, lat2}, normBearing(azi2)
}

// normBearing maps any angle in degrees to [0, 360).
func normBearing(d float64) float64 {
	d = math.Mod(d, 360)
	if d < 0 {
		d += 360
	}
	if d >= 360 { // -tiny + 360 rounds to 360
		d = 0
	}
	return d
}

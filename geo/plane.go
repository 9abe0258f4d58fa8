package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Radii returns the WGS84 radii of curvature at latitude lat (degrees), in
// metres: m along the meridian, n along the prime vertical. A degree of
// latitude there is m·π/180 metres long and a degree of longitude
// n·cos(lat)·π/180 (MetresPerDegree).
func Radii(lat float64) (m, n float64) { return radii(lat) }

// MetresPerDegree returns the length in metres of a degree of longitude
// (kx) and of a degree of latitude (ky) at latitude lat on WGS84: the
// scales of the plane tangent to the ellipsoid there. kx is 0 at the poles.
func MetresPerDegree(lat float64) (kx, ky float64) {
	m, n := radii(lat)
	return n * math.Cos(lat*rad) * rad, m * rad
}

// WrapLon maps a longitude difference in degrees to [-180, 180]: the
// difference from 179° to -179° is 2°, not -358°. d must be within
// [-540, 540].
func WrapLon(d float64) float64 { return wrapLon(d) }

// Plane is a local plane tangent to the WGS84 ellipsoid at Origin: a
// position is x metres east and y metres north of the origin, at the scales
// of the origin's latitude (MetresPerDegree), with longitudes wrapped across
// the antimeridian. It is the equirectangular approximation: cheap, and
// good over short distances away from the poles. Measured against the
// geodesic (TestPlaneAccuracy): within 0.01 % up to 1 km and 0.1 % up to
// 10 km of the origin at latitudes up to 60°; near the poles the error
// grows as tan(lat) times the latitude difference. Use Distance and
// Path.Project where that matters; use a Plane to compare nearby points and
// segments quickly, or to draw them.
//
// The zero Plane is not usable: build one with NewPlane.
type Plane struct {
	// Origin is the plane's origin.
	Origin orb.Point
	// Kx and Ky are the metres per degree of longitude and of latitude at
	// the origin.
	Kx, Ky float64
}

// NewPlane returns the plane tangent at o.
func NewPlane(o orb.Point) Plane {
	kx, ky := MetresPerDegree(o[1])
	return Plane{Origin: o, Kx: kx, Ky: ky}
}

// XY returns p in the plane: metres east and north of the origin.
func (pl Plane) XY(p orb.Point) (x, y float64) {
	return wrapLon(p[0]-pl.Origin[0]) * pl.Kx, (p[1] - pl.Origin[1]) * pl.Ky
}

// Point returns the position at x metres east and y metres north of the
// origin: the inverse of XY, its longitude wrapped to [-180, 180].
func (pl Plane) Point(x, y float64) orb.Point {
	return orb.Point{wrapLon(pl.Origin[0] + x/pl.Kx), pl.Origin[1] + y/pl.Ky}
}

// SegmentDistance returns the squared distance in square metres from the
// origin to the segment a–b, both placed in the plane, and the fraction t
// in [0, 1] of the segment at its nearest point (0 for a segment of zero
// length).
func (pl Plane) SegmentDistance(a, b orb.Point) (d2, t float64) {
	ax, ay := pl.XY(a)
	bx, by := pl.XY(b)
	ux, uy := bx-ax, by-ay
	uu := ux*ux + uy*uy
	if uu > 0 {
		t = -(ax*ux + ay*uy) / uu
		if t < 0 {
			t = 0
		} else if t > 1 {
			t = 1
		}
	}
	dx, dy := ax+t*ux, ay+t*uy
	return dx*dx + dy*dy, t
}

// Simplify returns the indexes, in increasing order, of the points of ls
// that the Douglas–Peucker algorithm keeps for a tolerance of tol metres:
// no dropped point is farther than tol from the simplified line. The first
// and last points are always kept. Distances are measured in the Plane
// tangent at the start of each candidate segment, so the tolerance means
// the same at every latitude, unlike simplification in degrees. A tol of 0
// or less keeps every point; nil for an empty line. It uses an explicit
// stack: no recursion depth limit on long tracks.
func Simplify(ls orb.LineString, tol float64) []int {
	n := len(ls)
	if n == 0 {
		return nil
	}
	if !(tol > 0) || n <= 2 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	tol2 := tol * tol
	stack := [][2]int{{0, n - 1}}
	for len(stack) > 0 {
		lo, hi := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		if hi-lo < 2 {
			continue
		}
		pl := NewPlane(ls[lo])
		ux, uy := pl.XY(ls[hi])
		uu := ux*ux + uy*uy
		best, bestD2 := -1, -1.0
		for i := lo + 1; i < hi; i++ {
			vx, vy := pl.XY(ls[i])
			t := 0.0
			if uu > 0 {
				t = math.Min(1, math.Max(0, (ux*vx+uy*vy)/uu))
			}
			dx, dy := vx-t*ux, vy-t*uy
			if d2 := dx*dx + dy*dy; d2 > bestD2 {
				best, bestD2 = i, d2
			}
		}
		if bestD2 > tol2 {
			keep[best] = true
			stack = append(stack, [2]int{best, hi}, [2]int{lo, best})
		}
	}
	out := make([]int, 0, n)
	for i, k := range keep {
		if k {
			out = append(out, i)
		}
	}
	return out
}

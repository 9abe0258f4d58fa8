package kml

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

const (
	degToRad = math.Pi / 180
	// e2 is the square of WGS84's first eccentricity.
	e2 = geo.F * (2 - geo.F)
)

// Simplify returns the indexes, in increasing order, of the points of ls that
// the Douglas–Peucker algorithm keeps for a tolerance of tol metres: no
// dropped point is farther than tol from the simplified line. The first and
// last points are always kept. Distances are measured in a plane tangent to
// the WGS84 ellipsoid at the start of each candidate segment (metres east and
// north), so the tolerance means the same at every latitude, unlike
// simplification in degrees. A tol of 0 or less keeps every point. It uses
// an explicit stack: no recursion depth limit on long tracks.
func Simplify(ls orb.LineString, tol float64) []int {
	n := len(ls)
	if n == 0 {
		return nil
	}
	if tol <= 0 || n <= 2 {
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
		a, b := ls[lo], ls[hi]
		kx, ky := planeScale(a[1])
		ux, uy := wrap(b[0]-a[0])*kx, (b[1]-a[1])*ky
		uu := ux*ux + uy*uy
		best, bestD2 := -1, -1.0
		for i := lo + 1; i < hi; i++ {
			q := ls[i]
			vx, vy := wrap(q[0]-a[0])*kx, (q[1]-a[1])*ky
			t := 0.0
			if uu > 0 {
				t = (ux*vx + uy*vy) / uu
				if t < 0 {
					t = 0
				} else if t > 1 {
					t = 1
				}
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
	count := 0
	for _, k := range keep {
		if k {
			count++
		}
	}
	out := make([]int, 0, count)
	for i, k := range keep {
		if k {
			out = append(out, i)
		}
	}
	return out
}

// planeScale returns the metres per degree of longitude and of latitude at
// latitude lat (degrees) on WGS84.
func planeScale(lat float64) (kx, ky float64) {
	s := math.Sin(lat * degToRad)
	w2 := 1 - e2*s*s
	w := math.Sqrt(w2)
	nRad := geo.A / w
	mRad := geo.A * (1 - e2) / (w2 * w)
	return nRad * math.Cos(lat*degToRad) * degToRad, mRad * degToRad
}

// wrap maps a longitude difference in degrees to [-180, 180].
func wrap(d float64) float64 {
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	return d
}

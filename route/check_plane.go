package route

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// metresPerDegree returns the metres per degree of latitude and of longitude
// at latitude lat (degrees) on WGS84, for local planes.
func metresPerDegree(lat float64) (ky, kx float64) {
	const e2 = geo.F * (2 - geo.F)
	s := math.Sin(lat * math.Pi / 180)
	w2 := 1 - e2*s*s
	w := math.Sqrt(w2)
	n := geo.A / w
	m := geo.A * (1 - e2) / (w2 * w)
	return m * math.Pi / 180, n * math.Cos(lat*math.Pi/180) * math.Pi / 180
}

// wrapDeg maps a longitude difference to [-180, 180].
func wrapDeg(d float64) float64 {
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	return d
}

// plane is a local tangent plane at a position: metres east and north of it.
type plane struct {
	o      orb.Point
	kx, ky float64
}

func newPlane(o orb.Point) plane {
	ky, kx := metresPerDegree(o[1])
	return plane{o: o, kx: kx, ky: ky}
}

// xy returns p in the plane, metres east and north of the origin.
func (pl plane) xy(p orb.Point) (x, y float64) {
	return wrapDeg(p[0]-pl.o[0]) * pl.kx, (p[1] - pl.o[1]) * pl.ky
}

// segDist returns the squared planar distance in square metres from the
// plane's origin to the segment a–b and the fraction t of the foot along it.
func (pl plane) segDist(a, b orb.Point) (d2, t float64) {
	ax, ay := pl.xy(a)
	bx, by := pl.xy(b)
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

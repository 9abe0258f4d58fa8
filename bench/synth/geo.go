package synth

import (
	"math"
	"strconv"
)

// The spherical model of the truth files: haversine on a sphere of radius
// rEarth (the mean radius IUGG R1, as gpxgo, gpxpy and turf use).
const rEarth = 6371008.8

// pi and deg are variables, not constants, so that deg is the float64
// quotient of the float64 π by 180 (a Go constant expression would be exact
// and could round differently), as every other figure here was first
// computed.
var (
	pi  = math.Pi
	deg = pi / 180
)

// haversine returns the great-circle distance in metres between two points
// given in degrees.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := lat1*deg, lat2*deg
	dp := p2 - p1
	dl := (lon2 - lon1) * deg
	s1, s2 := math.Sin(dp/2), math.Sin(dl/2)
	a := float64(s1*s1) + float64(float64(math.Cos(p1)*math.Cos(p2))*float64(s2*s2))
	return 2 * rEarth * math.Asin(math.Min(1, math.Sqrt(a)))
}

// offset moves a point (degrees) by a small local offset in metres.
func offset(lat, lon, north, east float64) (float64, float64) {
	return lat + north/rEarth/deg, lon + east/float64(rEarth*math.Cos(lat*deg))/deg
}

// wrap brings an angle in radians into [-π, π), with the sign rule of a
// floored modulo.
func wrap(a float64) float64 {
	return floorMod(a+pi, 2*pi) - pi
}

// floorMod is x mod y with the sign of y (Python's float %).
func floorMod(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 {
		if (y < 0) != (m < 0) {
			m += y
		}
	} else {
		m = math.Copysign(0, y)
	}
	return m
}

// bearing returns the initial great-circle bearing in radians, clockwise
// from north, in (-π, π].
func bearing(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := lat1*deg, lat2*deg
	dl := (lon2 - lon1) * deg
	y := math.Sin(dl) * math.Cos(p2)
	x := float64(math.Cos(p1)*math.Sin(p2)) - float64(float64(math.Sin(p1)*math.Cos(p2))*math.Cos(dl))
	return math.Atan2(y, x)
}

// terrain is a smooth elevation model in metres: a coastal plain rising
// inland, long-wave relief and small dunes.
func terrain(lat, lon float64) float64 {
	t := math.Min(1, math.Max(0, (lon-38.06)/2))
	rise := 900 * t * t * (3 - float64(2*t))
	relief := float64(float64(180*math.Sin(lat*7.3))*math.Cos(lon*5.1)) + float64(90*math.Sin(float64(lat*23)+float64(lon*17)))
	dunes := float64(12*math.Sin(lat*1730)) * math.Sin(lon*1510)
	return math.Max(0, 8+rise+float64(relief*t)+dunes)
}

// round returns x rounded to the given number of decimals, the float nearest
// the correctly rounded decimal (what printing x with that many decimals and
// reading it back gives).
func round(x float64, decimals int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', decimals, 64), 64)
	return v
}

// segGrid is a uniform grid of a line's segments for nearest-distance
// queries, used to compute the truth (not part of what is measured).
type segGrid struct {
	lat, lon []float64
	cell     float64 // degrees
	cells    map[[2]int][]int32
}

func newSegGrid(lat, lon []float64) *segGrid {
	g := &segGrid{lat: lat, lon: lon, cell: 0.01, cells: map[[2]int][]int32{}}
	for i := 0; i+1 < len(lat); i++ {
		y0, y1 := g.floor(math.Min(lat[i], lat[i+1])), g.floor(math.Max(lat[i], lat[i+1]))
		x0, x1 := g.floor(math.Min(lon[i], lon[i+1])), g.floor(math.Max(lon[i], lon[i+1]))
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				k := [2]int{y, x}
				g.cells[k] = append(g.cells[k], int32(i))
			}
		}
	}
	return g
}

func (g *segGrid) floor(v float64) int { return int(math.Floor(v / g.cell)) }

// segDist is the distance in metres from a point to segment i, on a local
// equirectangular projection around the point.
func (g *segGrid) segDist(i int, lat, lon float64) float64 {
	kx := float64(math.Cos(lat*deg)*deg) * rEarth
	ky := deg * rEarth
	ax, ay := (g.lon[i]-lon)*kx, (g.lat[i]-lat)*ky
	bx, by := (g.lon[i+1]-lon)*kx, (g.lat[i+1]-lat)*ky
	dx, dy := bx-ax, by-ay
	l2 := float64(dx*dx) + float64(dy*dy)
	t := 0.0
	if l2 != 0 {
		t = math.Max(0, math.Min(1, -(float64(ax*dx)+float64(ay*dy))/l2))
	}
	px, py := ax+float64(t*dx), ay+float64(t*dy)
	return math.Hypot(px, py)
}

// nearest returns the distance in metres from a point to the nearest
// segment, searching rings of cells outwards (at most 200).
func (g *segGrid) nearest(lat, lon float64) float64 {
	cy, cx := g.floor(lat), g.floor(lon)
	best := math.Inf(1)
	cellM := g.cell * deg * rEarth * math.Cos(lat*deg)
	for r := 0; r < 200; r++ {
		for y := cy - r; y <= cy+r; y++ {
			for x := cx - r; x <= cx+r; x++ {
				if max(abs(y-cy), abs(x-cx)) != r {
					continue
				}
				for _, i := range g.cells[[2]int{y, x}] {
					if d := g.segDist(int(i), lat, lon); d < best {
						best = d
					}
				}
			}
		}
		if best <= float64(r)*cellM {
			break
		}
	}
	return best
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Path is a polyline with its odometer: the cumulative geodesic distance at
// every vertex. The zero Path (and a nil *Path) is empty and has length 0.
//
// A Path does not own a copy of its line: the caller must not change Line
// after NewPath.
type Path struct {
	// Line is the polyline, [lon, lat] degrees.
	Line orb.LineString
	// Odo[i] is the distance in metres along the path from Line[0] to
	// Line[i]; Odo[0] is 0 and Odo is non-decreasing.
	Odo []float64
}

// NewPath measures ls on WGS84 and returns it as a Path.
func NewPath(ls orb.LineString) *Path {
	return &Path{Line: ls, Odo: Odometer(ls, nil)}
}

// Odometer returns the cumulative geodesic distance in metres at every vertex
// of ls, appended to dst (which may be nil). The first value is 0.
func Odometer(ls orb.LineString, dst []float64) []float64 {
	if len(ls) == 0 {
		return dst
	}
	if cap(dst)-len(dst) < len(ls) {
		n := make([]float64, len(dst), len(dst)+len(ls))
		copy(n, dst)
		dst = n
	}
	total := 0.0
	dst = append(dst, 0)
	a := ls[0]
	for _, b := range ls[1:] {
		total += segmentLength(a[1], a[0], b[1], b[0])
		dst = append(dst, total)
		a = b
	}
	return dst
}

// Length returns the geodesic length of ls in metres.
func Length(ls orb.LineString) float64 {
	total := 0.0
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		total += segmentLength(a[1], a[0], b[1], b[0])
	}
	return total
}

// Length returns the length of the path in metres.
func (p *Path) Length() float64 {
	if p == nil || len(p.Odo) == 0 {
		return 0
	}
	return p.Odo[len(p.Odo)-1]
}

// segment returns the index i of the segment Line[i]–Line[i+1] that holds the
// distance d, for a path of at least two vertices; d is clamped to the path.
func (p *Path) segment(d float64) int {
	n := len(p.Odo)
	i := sort.SearchFloat64s(p.Odo, d) // first Odo[i] >= d
	if i > 0 {
		i--
	}
	// Skip zero-length segments at the same odometer reading.
	for i < n-2 && p.Odo[i+1] <= d && p.Odo[i+1] < p.Odo[n-1] {
		i++
	}
	if i > n-2 {
		i = n - 2
	}
	return i
}

// PointAt returns the point at distance d metres along the path. d is
// clamped to [0, Length()]. It panics on an empty path.
func (p *Path) PointAt(d float64) orb.Point {
	if len(p.Line) == 1 || d <= 0 {
		return p.Line[0]
	}
	if d >= p.Length() {
		return p.Line[len(p.Line)-1]
	}
	i := p.segment(d)
	a, b := p.Line[i], p.Line[i+1]
	seg := p.Odo[i+1] - p.Odo[i]
	if seg <= 0 {
		return a
	}
	t := (d - p.Odo[i]) / seg
	if math.Abs(b[1]-a[1]) < shortLimit && math.Abs(wrapLon(b[0]-a[0])) < shortLimit {
		return orb.Point{a[0] + t*wrapLon(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	}
	return Destination(a, Bearing(a, b), d-p.Odo[i])
}

// BearingAt returns the bearing of the path at distance d, that is the
// initial bearing of the segment that holds d, in degrees [0, 360).
func (p *Path) BearingAt(d float64) float64 {
	if len(p.Line) < 2 {
		return 0
	}
	i := p.segment(d)
	return Bearing(p.Line[i], p.Line[i+1])
}

// Slice returns the part of the path between distances from and to (metres,
// clamped, from <= to) as a new line: the interpolated end points and every
// vertex between them.
func (p *Path) Slice(from, to float64) orb.LineString {
	if p == nil || len(p.Line) == 0 {
		return nil
	}
	if from > to {
		from, to = to, from
	}
	start := p.PointAt(from)
	end := p.PointAt(to)
	out := orb.LineString{start}
	if len(p.Line) > 1 {
		i := sort.SearchFloat64s(p.Odo, from)
		for ; i < len(p.Odo) && p.Odo[i] < to; i++ {
			if p.Odo[i] > from {
				out = append(out, p.Line[i])
			}
		}
	}
	out = append(out, end)
	return out
}

// Projection is where a position falls on a path.
type Projection struct {
	// Point is the nearest point of the path to the position.
	Point orb.Point
	// Segment is the index i of the segment Line[i]–Line[i+1] that holds
	// Point (0 for a one-point path).
	Segment int
	// Along is the distance in metres along the path from its start to Point.
	Along float64
	// Offset is the distance in metres from the position to Point, positive
	// when the position is to the right of the direction of travel, negative
	// to the left.
	Offset float64
}

// Distance returns the unsigned distance in metres from the position to the
// path, |Offset|.
func (pr Projection) Distance() float64 { return math.Abs(pr.Offset) }

// Project returns the nearest point of the whole path to q. Each segment is
// projected in a local plane tangent to the ellipsoid at its start (error
// under 0.2 m for segments of a few km). It panics on an empty path.
//
// On routes that loop or retrace themselves the nearest point may belong to
// the wrong pass: use ProjectForward when the position along the path is
// known approximately.
func (p *Path) Project(q orb.Point) Projection {
	return p.projectRange(q, 0, len(p.Line)-1)
}

// ProjectForward returns the nearest point to q on the part of the path
// between from and from+window metres (clamped to the path). Searching
// forward from the last known position keeps loops, crossings and
// out-and-back routes from snapping to the wrong pass.
func (p *Path) ProjectForward(q orb.Point, from, window float64) Projection {
	if len(p.Line) < 2 {
		return p.projectRange(q, 0, len(p.Line)-1)
	}
	if from < 0 {
		from = 0
	}
	i := p.segment(from)
	j := p.segment(from + window)
	return p.projectRange(q, i, j+1)
}

// projectRange projects q onto the vertices lo..hi (inclusive) of the path.
func (p *Path) projectRange(q orb.Point, lo, hi int) Projection {
	if len(p.Line) == 1 || lo == hi {
		d := Distance(q, p.Line[lo])
		return Projection{Point: p.Line[lo], Segment: lo, Along: p.Odo[lo], Offset: d}
	}
	best := Projection{Offset: math.Inf(1)}
	bestD2 := math.Inf(1)
	for i := lo; i < hi; i++ {
		foot, t, d2, side := projectSegment(q, p.Line[i], p.Line[i+1])
		if d2 < bestD2 {
			bestD2 = d2
			best = Projection{
				Point:   foot,
				Segment: i,
				Along:   p.Odo[i] + t*(p.Odo[i+1]-p.Odo[i]),
				Offset:  side,
			}
		}
	}
	d := math.Sqrt(bestD2)
	if d > 1000 {
		// Far from the path the plane loses accuracy: measure exactly.
		d = Distance(q, best.Point)
	}
	if best.Offset < 0 {
		d = -d
	}
	best.Offset = d
	return best
}

// projectSegment projects q onto the segment a–b in the plane tangent to the
// ellipsoid at a. It returns the foot of the perpendicular (clamped to the
// segment), its fraction t along the segment, the squared distance in square
// metres, and the side: +1 when q is right of a→b, -1 when left.
func projectSegment(q, a, b orb.Point) (foot orb.Point, t, d2, side float64) {
	m, n := radii(a[1])
	kx := n * math.Cos(a[1]*rad) * rad
	ky := m * rad
	ux, uy := wrapLon(b[0]-a[0])*kx, (b[1]-a[1])*ky
	vx, vy := wrapLon(q[0]-a[0])*kx, (q[1]-a[1])*ky
	uu := ux*ux + uy*uy
	if uu > 0 {
		t = (ux*vx + uy*vy) / uu
		if t < 0 {
			t = 0
		} else if t > 1 {
			t = 1
		}
	}
	dx, dy := vx-t*ux, vy-t*uy
	d2 = dx*dx + dy*dy
	side = 1
	if ux*vy-uy*vx > 0 { // q to the left of a→b
		side = -1
	}
	foot = orb.Point{a[0] + t*wrapLon(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	return foot, t, d2, side
}

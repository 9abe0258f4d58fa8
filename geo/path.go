package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Path is a polyline with its odometer: the cumulative geodesic distance at
// every vertex. The zero Path (and a nil *Path) is empty and has length 0.
//
// Each segment Line[i]–Line[i+1] is the geodesic between its ends. A Path
// does not own a copy of its line: the caller must not change Line after
// NewPath. A Path built by hand must have len(Odo) == len(Line); methods
// use only the first min(len(Line), len(Odo)) vertices.
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
// of ls, appended to dst (which may be nil). The first value is 0. Segments
// shorter than 0.02° in latitude and longitude (about 2 km) are measured
// with the mid-latitude formula, within 2e-8 of their length (a million
// such points take about 15 ms); longer ones with Karney's algorithm.
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

// Length returns the geodesic length of ls in metres: 0 for fewer than two
// points.
func Length(ls orb.LineString) float64 {
	if len(ls) < 2 {
		return 0
	}
	total := 0.0
	a := ls[0]
	for _, b := range ls[1:] {
		total += segmentLength(a[1], a[0], b[1], b[0])
		a = b
	}
	return total
}

// Length returns the length of the path in metres.
func (p *Path) Length() float64 {
	n := p.len()
	if n == 0 {
		return 0
	}
	return p.Odo[n-1]
}

// len returns the number of usable vertices: 0 for a nil path.
func (p *Path) len() int {
	if p == nil {
		return 0
	}
	return min(len(p.Line), len(p.Odo))
}

// segment returns the index i of the segment Line[i]–Line[i+1] that holds the
// distance d, for a path of at least two vertices; d is clamped to the path.
// At a vertex it is the segment that starts there, skipping zero-length
// segments, except at the end of the path.
func (p *Path) segment(d float64) int {
	n := p.len()
	odo := p.Odo[:n]
	i := sort.SearchFloat64s(odo, d) // first Odo[i] >= d
	if i > 0 {
		i--
	}
	// Skip zero-length segments at the same odometer reading.
	for i < n-2 && odo[i+1] <= d && odo[i+1] < odo[n-1] {
		i++
	}
	if i > n-2 {
		i = n - 2
	}
	return i
}

// clampDist clamps d to [0, length]; NaN becomes 0.
func (p *Path) clampDist(d float64) float64 {
	if !(d > 0) {
		return 0
	}
	return math.Min(d, p.Length())
}

// PointAt returns the point at distance d metres along the path, on the
// geodesic of the segment that holds it. d is clamped to [0, Length()] (NaN
// counts as 0). A one-point path always gives its point; an empty path
// has no points and gives the zero Point.
func (p *Path) PointAt(d float64) orb.Point {
	n := p.len()
	switch {
	case n == 0:
		return orb.Point{}
	case n == 1:
		return p.Line[0]
	}
	d = p.clampDist(d)
	if d == 0 {
		return p.Line[0]
	}
	if d >= p.Odo[n-1] {
		return p.Line[n-1]
	}
	i := p.segment(d)
	seg := p.Odo[i+1] - p.Odo[i]
	if seg <= 0 {
		return p.Line[i]
	}
	return pointOnSegment(p.Line[i], p.Line[i+1], (d-p.Odo[i])/seg)
}

// interpLimit is the length in metres below which a point on a segment is
// interpolated linearly in latitude and longitude: the geodesic bows away
// from that line by at most 3 cm at 80° latitude (a 5 km segment: 2 m).
const interpLimit = 500

// pointOnSegment returns the point at fraction t of the length of the
// geodesic a→b.
func pointOnSegment(a, b orb.Point, t float64) orb.Point {
	if t <= 0 {
		return a
	}
	if t >= 1 {
		return b
	}
	bx, by, ok := localXY(a, b)
	if ok {
		if bx*bx+by*by < interpLimit*interpLimit {
			return orb.Point{wrapLon(a[0] + t*wrapLon(b[0]-a[0])), a[1] + t*(b[1]-a[1])}
		}
		return localPoint(a, t*bx, t*by)
	}
	s12, azi, _ := Inverse(a, b)
	return Destination(a, azi, t*s12)
}

// BearingAt returns the bearing of the path at distance d metres, in
// degrees [0, 360): the direction of the geodesic of the segment that
// holds d, at d. At a vertex it is the bearing of the segment leaving it;
// at or beyond the end, the arrival bearing of the last segment.
// Zero-length segments are skipped. It returns 0 for a path without length.
func (p *Path) BearingAt(d float64) float64 {
	n := p.len()
	if n < 2 || !(p.Odo[n-1] > 0) {
		return 0
	}
	d = p.clampDist(d)
	i := p.segment(d)
	for i > 0 && p.Odo[i+1] <= p.Odo[i] {
		i-- // the path ends with zero-length segments
	}
	a, b := p.Line[i], p.Line[i+1]
	_, azi, final := Inverse(a, b)
	off := d - p.Odo[i]
	if off <= 0 {
		return azi
	}
	if off >= p.Odo[i+1]-p.Odo[i] {
		return final
	}
	_, bearing := Direct(a, azi, off)
	return bearing
}

// Slice returns the part of the path between distances from and to (metres,
// clamped to the path, swapped when from > to) as a new line: the point at
// from, every vertex strictly between, and the point at to. When from == to
// (or the path has one point) the line has two equal points. It returns nil
// for an empty path.
func (p *Path) Slice(from, to float64) orb.LineString {
	n := p.len()
	if n == 0 {
		return nil
	}
	from, to = p.clampDist(from), p.clampDist(to)
	if from > to {
		from, to = to, from
	}
	out := orb.LineString{p.PointAt(from)}
	if n > 1 {
		odo := p.Odo[:n]
		for i := sort.SearchFloat64s(odo, from); i < n && odo[i] < to; i++ {
			if odo[i] > from {
				out = append(out, p.Line[i])
			}
		}
	}
	return append(out, p.PointAt(to))
}

// Projection is where a position falls on a path.
type Projection struct {
	// Point is the nearest point of the path to the position.
	Point orb.Point
	// Segment is the index i of the segment Line[i]–Line[i+1] that holds
	// Point (0 for a one-point path, −1 for an empty one).
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

// Project returns the nearest point of the whole path to q.
//
// Each segment is measured in the azimuthal equidistant frame of its first
// vertex, where its geodesic is a straight line through the origin and
// distances are true to second order: for segments and offsets up to about
// 10 km the foot is within a centimetre of the exact nearest point of the
// geodesic and the offset within a centimetre of the geodesic distance.
// Farther, the frame comes from Karney's solution and the offset is the
// exact distance to the foot. For an empty path it returns Segment −1 and an
// infinite Offset.
//
// On routes that loop or retrace themselves the nearest point may belong to
// the wrong pass: use ProjectForward when the position along the path is
// known approximately.
func (p *Path) Project(q orb.Point) Projection {
	n := p.len()
	if n == 0 {
		return Projection{Segment: -1, Offset: math.Inf(1)}
	}
	return p.projectRange(q, 0, n-1)
}

// ProjectForward returns the nearest point to q on the part of the path
// between from and from+window metres (both clamped to the path; a
// negative window counts as 0). Searching forward from the last known
// position keeps loops, crossings and out-and-back routes from snapping to
// the wrong pass. For an empty path it returns what Project does.
func (p *Path) ProjectForward(q orb.Point, from, window float64) Projection {
	n := p.len()
	if n < 2 {
		return p.Project(q)
	}
	if !(window > 0) {
		window = 0
	}
	from = p.clampDist(from)
	to := p.clampDist(from + window)
	i := p.segment(from)
	// The window's last segment: walk on from i, the way segment skips
	// segments ending at or before to (cheaper than a second search on
	// long paths, whose odometer does not fit in the cache).
	j := i
	for j < n-2 && p.Odo[j+1] <= to && p.Odo[j+1] < p.Odo[n-1] {
		j++
	}
	// Fractions of the first and last segments inside the window.
	tlo, thi := 0.0, 1.0
	if seg := p.Odo[i+1] - p.Odo[i]; seg > 0 {
		tlo = math.Min(1, math.Max(0, (from-p.Odo[i])/seg))
	}
	if seg := p.Odo[j+1] - p.Odo[j]; seg > 0 {
		thi = math.Min(1, math.Max(0, (to-p.Odo[j])/seg))
	}
	return p.projectPart(q, i, j+1, tlo, thi)
}

// projectRange projects q onto the vertices lo..hi (inclusive) of the path.
func (p *Path) projectRange(q orb.Point, lo, hi int) Projection {
	return p.projectPart(q, lo, hi, 0, 1)
}

// projectPart projects q onto the vertices lo..hi (inclusive) of the path,
// the first segment restricted to fractions >= tlo and the last to <= thi.
// Ties go to the lowest segment.
//
// Short segments near q are first bounded in the plane tangent at q
// (planeBound); the one with the lowest bound is measured first, and then
// only those whose bound does not exclude them. Other segments near q are
// measured in their local frame, which is cheap. Segments far from q need
// Karney's solution, so they are measured only when their chord bound
// (segmentLowerBound) does not exclude them, the most promising first. The
// bounds only skip work: the answer is that of measuring every segment.
func (p *Path) projectPart(q orb.Point, lo, hi int, tlo, thi float64) Projection {
	if lo == hi {
		d := Distance(q, p.Line[lo])
		return Projection{Point: p.Line[lo], Segment: lo, Along: p.Odo[lo], Offset: d}
	}
	best := -1
	var bestFoot orb.Point
	var bestT, bestSide float64
	bestD2 := math.Inf(1)
	measure := func(i int) {
		t0, t1 := 0.0, 1.0
		if i == lo {
			t0 = tlo
		}
		if i == hi-1 {
			t1 = thi
		}
		foot, t, d2, side := projectSegmentPart(q, p.Line[i], p.Line[i+1], t0, t1)
		if d2 < bestD2 || (d2 == bestD2 && i < best) {
			best, bestFoot, bestT, bestD2, bestSide = i, foot, t, d2, side
		}
	}
	// Short segments near q are first bounded in the plane tangent at q,
	// the one nearest in that plane measured first: most are then skipped.
	m, n := radii(q[1])
	kx, ky := n*math.Cos(q[1]*rad)*rad, m*rad
	first, firstLB := -1, math.Inf(1)
	for i := lo; i < hi; i++ {
		if lb, ok := p.planeBound(q, kx, ky, i); ok && lb < firstLB {
			first, firstLB = i, lb
		}
	}
	if first >= 0 {
		measure(first)
	}
	far := false
	for i := lo; i < hi; i++ {
		if lb, ok := p.planeBound(q, kx, ky, i); ok {
			if !(lb > 0 && lb*lb > bestD2) {
				measure(i)
			}
		} else if nearFrame(p.Line[i], q) && nearFrame(p.Line[i], p.Line[i+1]) {
			measure(i)
		} else {
			far = true
		}
	}
	if far {
		// projectSegmentFar's spherical cross-track distances are short of
		// the geodesic ones by at most about f·(d/R)² of themselves (1e-4
		// at 1,000 km): the bound keeps a margin ten times that, and 1 m.
		qe := ecef(q)
		bound := func(i int, ae, be [3]float64) float64 {
			lb := segmentLowerBound(qe, ae, be, 1.000001*(p.Odo[i+1]-p.Odo[i]))
			x := lb / A
			return lb*(1-1e-3-1e-2*x*x) - 1
		}
		first, firstLB := -1, math.Inf(1)
		if best < 0 {
			// Nothing near: measure the segment with the lowest bound first.
			be := ecef(p.Line[lo])
			for i := lo; i < hi; i++ {
				ae := be
				be = ecef(p.Line[i+1])
				if lb := bound(i, ae, be); lb < firstLB || first < 0 {
					first, firstLB = i, lb
				}
			}
			measure(first)
		}
		be := ecef(p.Line[lo])
		for i := lo; i < hi; i++ {
			ae := be
			be = ecef(p.Line[i+1])
			if i == first || (nearFrame(p.Line[i], q) && nearFrame(p.Line[i], p.Line[i+1])) {
				continue
			}
			if lb := bound(i, ae, be); !(lb > 0 && lb*lb > bestD2) {
				measure(i)
			}
		}
	}
	if best < 0 || math.IsNaN(bestD2) {
		// Only NaN distances: q or the path is not a position.
		return Projection{Point: p.Line[lo], Segment: lo, Along: p.Odo[lo], Offset: math.NaN()}
	}
	return p.finish(q, best, bestFoot, bestT, bestSide, bestD2)
}

// finish turns the winning segment i of a projection of q into a
// Projection, for Path.projectRange and Index.Nearest alike: the frame's
// distance (the square root of d2), replaced by the exact geodesic distance
// beyond 1 km (far from the path), signed by the side.
func (p *Path) finish(q orb.Point, i int, foot orb.Point, t, side, d2 float64) Projection {
	d := math.Sqrt(d2)
	if d > 1000 {
		d = Distance(q, foot)
	}
	if side < 0 {
		d = -d
	}
	return Projection{
		Point:   foot,
		Segment: i,
		Along:   p.Odo[i] + t*(p.Odo[i+1]-p.Odo[i]),
		Offset:  d,
	}
}

// planeBound returns a lower bound in metres of the distance from q to the
// segment i when it is shorter than 1 km and both its ends are within
// localLimit of q, which is more than 5° from a pole; ok is false for other
// segments. In the plane tangent at q (kx, ky: metres per degree of
// longitude and latitude there) the scales are right within 2 % over
// localLimit and a segment bows less than 0.3 m from its chord: 5 % and 1 m
// cover both.
func (p *Path) planeBound(q orb.Point, kx, ky float64, i int) (lb float64, ok bool) {
	if math.Abs(q[1]) >= 85 || !(p.Odo[i+1]-p.Odo[i] < 1000) {
		return 0, false
	}
	a, b := p.Line[i], p.Line[i+1]
	ax, ay := wrapLon(a[0]-q[0]), a[1]-q[1]
	bx, by := wrapLon(b[0]-q[0]), b[1]-q[1]
	if !(math.Abs(ax) < localLimit && math.Abs(ay) < localLimit && math.Abs(bx) < localLimit && math.Abs(by) < localLimit) {
		return 0, false
	}
	ax, ay, bx, by = ax*kx, ay*ky, bx*kx, by*ky
	ux, uy := bx-ax, by-ay
	uu := ux*ux + uy*uy
	t := 0.0
	if uu > 0 {
		t = math.Min(1, math.Max(0, -(ax*ux+ay*uy)/uu))
	}
	dx, dy := ax+t*ux, ay+t*uy
	return 0.95*math.Sqrt(dx*dx+dy*dy) - 1, true
}

// projectSegment projects q onto the geodesic segment a–b. It returns the
// foot of the perpendicular (clamped to the segment), its fraction t of the
// segment's length, the squared distance from q in square metres, and the
// side: +1 when q is right of a→b, −1 when left.
//
// Near a (within localLimit of it, both more than 5° from a pole) the
// segment and q are placed in the azimuthal equidistant frame of a (see
// localXY), where the geodesic a–b is the straight line from the origin to
// b and lengths are true to second order. Elsewhere the frame is built from
// Karney's solution and the sphere of a's mean radius.
func projectSegment(q, a, b orb.Point) (foot orb.Point, t, d2, side float64) {
	return projectSegmentPart(q, a, b, 0, 1)
}

// projectSegmentPart is projectSegment restricted to the part of the segment
// between fractions t0 and t1 (0 <= t0 <= t1 <= 1).
func projectSegmentPart(q, a, b orb.Point, t0, t1 float64) (foot orb.Point, t, d2, side float64) {
	bx, by, okb := localXY(a, b)
	qx, qy, okq := localXY(a, q)
	if !okb || !okq {
		return projectSegmentFar(q, a, b, t0, t1)
	}
	uu := bx*bx + by*by
	t = t0
	if uu > 0 {
		t = math.Min(t1, math.Max(t0, (bx*qx+by*qy)/uu))
	}
	dx, dy := qx-t*bx, qy-t*by
	d2 = dx*dx + dy*dy
	side = 1
	if bx*qy-by*qx > 0 { // q to the left of a→b
		side = -1
	}
	switch {
	case t == 0:
		foot = a
	case t == 1:
		foot = b
	case uu < interpLimit*interpLimit:
		foot = orb.Point{wrapLon(a[0] + t*wrapLon(b[0]-a[0])), a[1] + t*(b[1]-a[1])}
	default:
		foot = localPoint(a, t*bx, t*by)
	}
	return foot, t, d2, side
}

// projectSegmentFar projects q onto the part t0..t1 of the geodesic a–b
// when q or b is far from a or near a pole: the along-track and
// cross-track distances of q on the sphere of a's mean radius √(MN), from
// its exact distance and azimuth at a; the distance to a clamped foot is
// exact.
func projectSegmentFar(q, a, b orb.Point, t0, t1 float64) (foot orb.Point, t, d2, side float64) {
	var s12, azi float64
	if bx, by, ok := localXY(a, b); ok {
		s12, azi = math.Hypot(bx, by), atan2d(bx, by)
	} else {
		s12, azi, _ = Inverse(a, b)
	}
	sq, aziq, _ := Inverse(a, q)
	m, n := radii(a[1])
	r := math.Sqrt(m * n)
	sd, cd := sincosd(aziq - azi)
	ss, cs := math.Sincos(sq / r)
	side = 1
	if sd < 0 {
		side = -1
	}
	t = t0
	if s12 > 0 {
		along := r * math.Atan2(ss*cd, cs)
		t = math.Min(t1, math.Max(t0, along/s12))
	}
	var d float64
	switch {
	case t == 0:
		foot, d = a, sq
	case t == 1:
		foot = b
		d = Distance(q, b)
	default:
		foot = pointOnSegment(a, b, t)
		if t == t0 || t == t1 {
			d = Distance(q, foot)
		} else {
			d = r * math.Asin(math.Min(1, ss*math.Abs(sd)))
		}
	}
	if math.IsNaN(s12 + sq) {
		d = math.NaN()
	}
	return foot, t, d * d, side
}

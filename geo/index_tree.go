package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// tree is a hierarchy of axis-aligned boxes in Earth-centred, Earth-fixed
// coordinates (metres) over runs of consecutive segments of a path: each
// leaf holds leafSegments segments, each node above the union of two. A
// track's consecutive segments lie together, so the boxes are tight along
// it; a route that retraces itself has boxes that overlap, which costs a
// few more visits and nothing else.
//
// A box holds every point of the geodesics of its segments (their vertices,
// and the most a geodesic of that length bows away from its chord), so the
// straight-line distance from a query to a box is a lower bound of the
// distance to every one of its segments, anywhere on the ellipsoid: across
// the antimeridian, at the poles, from the far side of the world. Boxes are
// stored in float32, rounded outwards.
type tree struct {
	path *Path
	nseg int
	// boxes holds the nodes level by level, leaves first; level[h] is the
	// index of level h's first node, level[len(level)-1] the end.
	boxes []box
	level []int
}

// box is an axis-aligned box in ECEF metres.
type box struct{ min, max [3]float32 }

// leafSegments is the number of segments under a leaf box.
const leafSegments = 8

// newTree builds the hierarchy of p's segments, p having at least two
// vertices, all positions.
func newTree(p *Path) *tree {
	ls := p.Line
	nseg := len(ls) - 1
	t := &tree{path: p, nseg: nseg}
	nleaf := (nseg + leafSegments - 1) / leafSegments
	t.boxes = make([]box, 0, 2*nleaf+1)
	t.level = []int{0}
	e := ecef(ls[0])
	for lo := 0; lo < nseg; lo += leafSegments {
		hi := min(lo+leafSegments, nseg)
		mn, mx := e, e
		bow := 0.0
		for i := lo; i < hi; i++ {
			a := e
			e = ecef(ls[i+1])
			for k := range 3 {
				mn[k], mx[k] = math.Min(mn[k], e[k]), math.Max(mx[k], e[k])
			}
			// The geodesic's length: under 100 km of chord it is
			// within 1e-5 of the chord (c³/24R² for R at least
			// b²/a); beyond, measured.
			l := math.Sqrt((e[0]-a[0])*(e[0]-a[0]) + (e[1]-a[1])*(e[1]-a[1]) + (e[2]-a[2])*(e[2]-a[2]))
			if l < 100e3 {
				l *= 1.0001
			} else {
				l = segmentLength(ls[i][1], ls[i][0], ls[i+1][1], ls[i+1][0])
			}
			bow = math.Max(bow, 1.000001*l*l*A/(8*bAx*bAx))
		}
		var b box
		for k := range 3 {
			b.min[k] = down32(mn[k] - bow - 1e-3)
			b.max[k] = up32(mx[k] + bow + 1e-3)
		}
		t.boxes = append(t.boxes, b)
	}
	for n := nleaf; n > 1; {
		from := t.level[len(t.level)-1]
		t.level = append(t.level, len(t.boxes))
		for i := 0; i < n; i += 2 {
			b := t.boxes[from+i]
			if i+1 < n {
				c := t.boxes[from+i+1]
				for k := range 3 {
					b.min[k] = min(b.min[k], c.min[k])
					b.max[k] = max(b.max[k], c.max[k])
				}
			}
			t.boxes = append(t.boxes, b)
		}
		n = (n + 1) / 2
	}
	t.level = append(t.level, len(t.boxes))
	return t
}

// down32 and up32 round v to a float32 no larger (no smaller) than v.
func down32(v float64) float32 {
	f := float32(v)
	if float64(f) > v {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up32(v float64) float32 {
	f := float32(v)
	if float64(f) < v {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// lowerBound returns a lower bound in metres of the geodesic distance from
// the surface point at ECEF qe (rq metres from the Earth's centre) to every
// segment under node k: the larger of the straight-line distance c to its
// box and of b·θ, where θ is the least angle at the Earth's centre that a
// point of the box at distance c or more from q can make with it (a path
// on the surface stays outside the sphere of radius b, and is no shorter
// than its radial projection on that sphere, b·θ at least).
func (t *tree) lowerBound(qe [3]float64, rq float64, k int) float64 {
	b := &t.boxes[k]
	d2, near2, far2 := 0.0, 0.0, 0.0
	for i := range 3 {
		lo, hi := float64(b.min[i]), float64(b.max[i])
		v := qe[i]
		switch {
		case v < lo:
			d2 += (lo - v) * (lo - v)
		case v > hi:
			d2 += (v - hi) * (v - hi)
		}
		// The box's nearest and farthest points from the centre.
		switch {
		case lo > 0:
			near2 += lo * lo
		case hi < 0:
			near2 += hi * hi
		}
		far2 += math.Max(lo*lo, hi*hi)
	}
	c := math.Sqrt(d2)
	// |x − q|² = |x|² + rq² − 2|x|·rq·cos θ: cos θ is at most f(|x|) for
	// |x| in [rmin, rmax], a convex function largest at an end.
	rmin := math.Max(bAx, math.Sqrt(near2))
	rmax := math.Min(A, math.Sqrt(far2))
	if rmin > rmax {
		return c
	}
	f := func(r float64) float64 { return (r*r + rq*rq - d2) / (2 * r * rq) }
	cos := math.Max(f(rmin), f(rmax))
	if cos >= 1 {
		return c
	}
	return math.Max(c, bAx*math.Acos(math.Max(-1, cos)))
}

// exactBound turns a lower bound of the geodesic distance into one of the
// distance projectSegment measures, by the margin Path.projectPart keeps
// for its frames: 0.1 %, 1 % of the squared distance over the Earth's
// radius, and 1 m.
func exactBound(lb float64) float64 {
	x := lb / A
	return lb*(1-1e-3-1e-2*x*x) - 1
}

// Beyond farExact metres from the path, Nearest gives up exactness for
// speed: a box is skipped when its bound is within farSlack of the nearest
// distance found, so the answer is at most that share farther than the
// nearest. From the far side of the world every point of a route is about
// equally far, and telling them apart exactly would mean measuring each.
const (
	farExact = 100e3
	farSlack = 0.01
)

// children returns the nodes under node k at level h (h > 0), and their
// number (1 or 2).
func (t *tree) children(h, k int) (int, int) {
	i := k - t.level[h]
	c := t.level[h-1] + 2*i
	if c+1 < t.level[h] {
		return c, 2
	}
	return c, 1
}

// segments returns the range of segments under node k at level h.
func (t *tree) segments(h, k int) (lo, hi int) {
	i := k - t.level[h]
	lo = i * leafSegments << h
	return lo, min(lo+leafSegments<<h, t.nseg)
}

// nearest searches the hierarchy best first for the nearest segment to s.q,
// starting from what s already holds.
func (t *tree) nearest(s *nearest) {
	qe := ecef(s.q)
	rq := math.Sqrt(qe[0]*qe[0] + qe[1]*qe[1] + qe[2]*qe[2])
	top := len(t.level) - 2
	type item struct {
		lb   float64
		h, k int
	}
	var heap []item
	push := func(it item) {
		heap = append(heap, it)
		for i := len(heap) - 1; i > 0; {
			j := (i - 1) / 2
			if heap[j].lb <= heap[i].lb {
				break
			}
			heap[i], heap[j] = heap[j], heap[i]
			i = j
		}
	}
	pop := func() item {
		it := heap[0]
		n := len(heap) - 1
		heap[0] = heap[n]
		heap = heap[:n]
		for i := 0; ; {
			j := 2*i + 1
			if j >= n {
				break
			}
			if j+1 < n && heap[j+1].lb < heap[j].lb {
				j++
			}
			if heap[i].lb <= heap[j].lb {
				break
			}
			heap[i], heap[j] = heap[j], heap[i]
			i = j
		}
		return it
	}
	excluded := func(lb float64) bool {
		if s.d2 > farExact*farExact {
			return lb*(1+farSlack) > math.Sqrt(s.d2)
		}
		e := exactBound(lb)
		return e > 0 && e*e > s.d2
	}
	root := t.level[top]
	// First straight down to a leaf, the nearer child by its bound at
	// each level: a distance to beat before searching best first, which
	// would otherwise open every large box whose bound is below the first
	// leaf's (from far away, bounds are loose by the size of the box).
	for h, k := top, root; ; {
		if h == 0 {
			lo, hi := t.segments(0, k)
			for i := lo; i < hi; i++ {
				s.measure(i)
			}
			break
		}
		c, n := t.children(h, k)
		k = c
		if n == 2 && t.lowerBound(qe, rq, c+1) < t.lowerBound(qe, rq, c) {
			k = c + 1
		}
		h--
	}
	push(item{t.lowerBound(qe, rq, root), top, root})
	for len(heap) > 0 {
		it := pop()
		if excluded(it.lb) {
			return // every node left is at least as far
		}
		if it.h == 0 {
			lo, hi := t.segments(0, it.k)
			for i := lo; i < hi; i++ {
				s.measure(i)
			}
			continue
		}
		c, n := t.children(it.h, it.k)
		for j := c; j < c+n; j++ {
			if lb := t.lowerBound(qe, rq, j); !excluded(lb) {
				push(item{lb, it.h - 1, j})
			}
		}
	}
}

// within appends to dst, in increasing order, every segment under a box
// that may lie within r metres of q.
func (t *tree) within(q orb.Point, r float64, dst []int) []int {
	qe := ecef(q)
	rq := math.Sqrt(qe[0]*qe[0] + qe[1]*qe[1] + qe[2]*qe[2])
	var walk func(h, k int)
	walk = func(h, k int) {
		if exactBound(t.lowerBound(qe, rq, k)) > r {
			return
		}
		if h == 0 {
			lo, hi := t.segments(0, k)
			for i := lo; i < hi; i++ {
				dst = append(dst, i)
			}
			return
		}
		c, n := t.children(h, k)
		for j := c; j < c+n; j++ {
			walk(h-1, j)
		}
	}
	top := len(t.level) - 2
	walk(top, t.level[top])
	return dst
}

package geo

import (
	"math"
	"sort"
	"sync"

	"github.com/paulmach/orb"
)

// Index is a spatial index over the segments of a Path, answering for any
// query and any path in time that grows with the answer, not with the
// path's length:
//
//   - a uniform grid in degrees, its cells sized from the path's extent and
//     its segment lengths, each cell listing the segments whose bounding box
//     touches it: queries near the path visit a few cells, so finding the
//     nearest segment of a million-point track costs about as much as on a
//     ten-point one. Longitudes are unwrapped along the path, so a path
//     across the antimeridian is one piece of grid.
//   - a hierarchy of boxes in Earth-centred coordinates over runs of
//     consecutive segments, built on the first query that needs it: queries
//     far from the path (another continent, the far side of the world),
//     paths near the poles or spanning more than 180° of longitude, and
//     queries whose answer is many cells away. It bounds the geodesic
//     distance to every segment under a box from below, so whole stretches
//     of the path are skipped at once.
//
// Within answers with exactly the projections Path.Project would measure,
// and Nearest with exactly the result of Path.Project (the same segment,
// foot, Along and Offset, ties going to the lowest segment) for queries
// within 100 km of the path, since they measure every candidate the same
// way and only skip segments they can prove farther. Farther away, Nearest
// returns a point of the path at most 1 % farther than the nearest (its
// Offset is still the distance to that point): seen from another continent
// every point of a route is about as far, and finding which one is nearest
// to the metre would mean measuring them all. An Index may serve many
// goroutines at once. The path must not change after NewIndex.
//
// Only a path with a vertex that is not a position (NaN, or a latitude
// beyond ±90°) and a query that is not one are answered by scanning every
// segment, as Path.Project does.
type Index struct {
	path *Path
	// grid is true when the degree grid below is built.
	grid bool
	// Grid origin (south-west corner, degrees; the longitude unwrapped
	// along the path), cell side (degrees) and size.
	lon0, lat0 float64
	cell       float64
	nx, ny     int
	// Cell c = y*nx + x lists items[start[c]:start[c+1]], segment indexes.
	start []int32
	items []int32
	// kx and ky are lower bounds, over every latitude of the path, of the
	// metres per degree of longitude and latitude (before a margin for
	// projectSegment's frames).
	kx, ky float64
	// maxAbsLat is the largest |latitude| of the path, degrees.
	maxAbsLat float64
	// centre is the mid-longitude of the path's unwrapped extent (possibly
	// beyond ±180°); span its width.
	centre, span float64
	// bad is true when a vertex is not a position: every query scans.
	bad bool

	treeOnce sync.Once
	tree     *tree // built by boxes on first use
}

// maxCellsPerSegment bounds the grid's memory: when the segments' bounding
// boxes touch more than this many cells per segment on average, the grid
// is made coarser.
const maxCellsPerSegment = 8

// gridMaxLat is the largest |latitude|, in degrees, of a path the grid is
// built for: nearer the poles a degree of longitude is too short for cells
// in degrees, and the box hierarchy answers alone.
const gridMaxLat = 80

// maxRings is how many rings of cells around a query Nearest searches in
// the grid before it goes on in the box hierarchy; maxWithinCells how many
// cells Within reads before it uses the hierarchy instead.
const (
	maxRings       = 8
	maxWithinCells = 4096
)

// NewIndex builds the index of p's segments. A nil or empty path gives an
// index whose Nearest answers as Path.Project does on it, and whose Within
// finds nothing.
func NewIndex(p *Path) *Index {
	if p == nil {
		p = &Path{}
	}
	ix := &Index{path: p}
	if len(p.Line) < 2 || len(p.Line)-1 > math.MaxInt32 {
		return ix
	}
	ls := p.Line
	nseg := len(ls) - 1
	u := ls[0][0] // the longitude unwrapped along the path
	minLon, maxLon := u, u
	minLat, maxLat := ls[0][1], ls[0][1]
	maxAbsLat := math.Abs(ls[0][1])
	ext := 0.0 // summed largest degree extent of the segments
	if !isPosition(ls[0]) {
		ix.bad = true
		return ix
	}
	crosses := false // some segment crosses the antimeridian
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		if !isPosition(b) {
			ix.bad = true
			return ix
		}
		dlon := b[0] - a[0]
		if dlon > 180 || dlon < -180 {
			dlon = wrapLon(dlon)
			crosses = true
		}
		u += dlon
		minLon, maxLon = math.Min(minLon, u), math.Max(maxLon, u)
		minLat, maxLat = math.Min(minLat, b[1]), math.Max(maxLat, b[1])
		maxAbsLat = math.Max(maxAbsLat, math.Abs(b[1]))
		ext += math.Max(math.Abs(dlon), math.Abs(b[1]-a[1]))
	}
	if maxLon-minLon >= 180 || maxAbsLat > gridMaxLat {
		return ix // the box hierarchy answers alone
	}
	ix.centre = (minLon + maxLon) / 2
	ix.span = maxLon - minLon
	// projectSegment scales longitudes by N·cos(lat) and latitudes by M at
	// the segment's first vertex: N·cos(lat) shrinks and M grows with |lat|.
	m0, _ := radii(0)
	ix.ky = m0 * rad
	_, n := radii(maxAbsLat)
	ix.kx = n * math.Cos(maxAbsLat*rad) * rad
	ix.maxAbsLat = maxAbsLat

	// Cell side: at least the mean segment extent, and large enough that
	// the grid has about as many cells as there are segments.
	w, h := maxLon-minLon, maxLat-minLat
	cell := math.Max(ext/float64(nseg), math.Sqrt(w*h/float64(nseg)))
	cell = math.Max(cell, math.Max(w, h)/float64(4*nseg))
	if cell <= 0 {
		cell = 1e-6 // every vertex at one place
	}
	for {
		if ix.build(minLon, minLat, w, h, cell, crosses) {
			ix.grid = true
			return ix
		}
		cell *= 2
	}
}

// isPosition reports whether p is a position: finite, latitude within ±90°.
func isPosition(p orb.Point) bool {
	return math.Abs(p[1]) <= 90 && !math.IsNaN(p[0]) && !math.IsInf(p[0], 0)
}

// build fills the grid with cells of the given side; it returns false,
// building nothing, when the segments would touch too many cells. With
// unwrap, longitudes are unwrapped along the path (it crosses the
// antimeridian).
func (ix *Index) build(minLon, minLat, w, h, cell float64, unwrap bool) bool {
	ls := ix.path.Line
	nseg := len(ls) - 1
	nx := int(w/cell) + 1
	ny := int(h/cell) + 1
	if float64(nx)*float64(ny) > float64(maxCellsPerSegment*nseg+1024) {
		return false
	}
	ix.lon0, ix.lat0, ix.cell, ix.nx, ix.ny = minLon, minLat, cell, nx, ny
	// cells returns the cells touched by segment i; u is the unwrapped
	// longitude of its first vertex, updated to its last's.
	u := ls[0][0]
	cells := func(i int) (x0, y0, x1, y1 int) {
		a, b := ls[i], ls[i+1]
		if unwrap {
			a[0] = u
			u += wrapLon(ls[i+1][0] - ls[i][0])
			b[0] = u
		}
		return ix.segCells(a, b)
	}
	count := make([]int32, nx*ny+1)
	total := 0
	for i := 0; i < nseg; i++ {
		x0, y0, x1, y1 := cells(i)
		total += (x1 - x0 + 1) * (y1 - y0 + 1)
		if total > maxCellsPerSegment*nseg+1024 {
			return false
		}
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				count[y*nx+x+1]++
			}
		}
	}
	for c := 1; c < len(count); c++ {
		count[c] += count[c-1]
	}
	ix.start = count
	ix.items = make([]int32, total)
	fill := make([]int32, nx*ny)
	copy(fill, count[:nx*ny])
	u = ls[0][0]
	for i := 0; i < nseg; i++ {
		x0, y0, x1, y1 := cells(i)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*nx + x
				ix.items[fill[c]] = int32(i)
				fill[c]++
			}
		}
	}
	return true
}

// segCells returns the range of cells touched by the bounding box of a–b.
func (ix *Index) segCells(a, b orb.Point) (x0, y0, x1, y1 int) {
	x0, y0 = ix.cellOf(math.Min(a[0], b[0]), math.Min(a[1], b[1]))
	x1, y1 = ix.cellOf(math.Max(a[0], b[0]), math.Max(a[1], b[1]))
	return
}

// cellOf returns the grid cell holding (lon, lat), clamped to the grid.
func (ix *Index) cellOf(lon, lat float64) (x, y int) {
	x = clampInt(int(math.Floor((lon-ix.lon0)/ix.cell)), 0, ix.nx-1)
	y = clampInt(int(math.Floor((lat-ix.lat0)/ix.cell)), 0, ix.ny-1)
	return x, y
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// Path returns the indexed path.
func (ix *Index) Path() *Path { return ix.path }

// query returns q with its longitude moved to within 180° of the path's
// centre, and whether the grid may answer for it: every vertex of the path
// must be within 180° of it in longitude, so that the grid's degree
// distances are the ones projectSegment measures.
func (ix *Index) query(q orb.Point) (orb.Point, bool) {
	if !ix.grid {
		return q, false
	}
	q[0] = ix.centre + wrapLon(q[0]-ix.centre)
	return q, math.Abs(q[0]-ix.centre)+ix.span/2 < 90
}

// scans reports whether a query for q is answered by scanning the path:
// q is not a position, or the path has a vertex that is not one.
func (ix *Index) scans(q orb.Point) bool {
	return ix.bad || !isPosition(q) || len(ix.path.Line) < 2
}

// nearest is the best segment found so far by a search for the nearest.
type nearest struct {
	i        int // -1 for none
	d2       float64
	foot     orb.Point
	t, side  float64
	q        orb.Point
	path     *Path
	measured int // segments measured, for the tests
}

// measure projects q onto segment i and keeps it when it is nearer, or as
// near with a lower index.
func (s *nearest) measure(i int) {
	s.measured++
	foot, t, d2, side := projectSegment(s.q, s.path.Line[i], s.path.Line[i+1])
	if d2 < s.d2 || (d2 == s.d2 && i < s.i) {
		s.i, s.d2, s.foot, s.t, s.side = i, d2, foot, t, side
	}
}

// Nearest returns the nearest point of the path to q: the same Projection
// as Path.Project(q), on an empty path too.
func (ix *Index) Nearest(q orb.Point) Projection {
	p := ix.path
	if ix.scans(q) {
		return p.Project(q)
	}
	s := ix.nearest(q)
	if s.i < 0 || math.IsNaN(s.d2) {
		return p.Project(q) // not reached: every distance is a number here
	}
	return p.finish(q, s.i, s.foot, s.t, s.side, s.d2)
}

// nearest finds the nearest segment to q, a position, on a path of at
// least two vertices, all positions: in the grid, else in the boxes.
func (ix *Index) nearest(q orb.Point) nearest {
	s := nearest{i: -1, d2: math.Inf(1), q: q, path: ix.path}
	if qq, ok := ix.query(q); !ok || !ix.rings(qq, &s) {
		ix.boxes().nearest(&s)
	}
	return s
}

// rings searches the grid in rings of cells around qq (q with its
// longitude next to the grid's). It returns true when it has found the
// nearest segment; false when it gave up after maxRings rings, s holding
// the best so far.
func (ix *Index) rings(qq orb.Point, s *nearest) bool {
	q := s.q
	// Cell of q, possibly outside the grid.
	fx := (qq[0] - ix.lon0) / ix.cell
	fy := (qq[1] - ix.lat0) / ix.cell
	cx, cy := int(math.Floor(fx)), int(math.Floor(fy))
	kx := ix.kxFor(q)
	// Start with the first ring that reaches the grid; from more than two
	// cells out, a ring would read a whole edge of the grid: the boxes
	// answer better.
	k0 := 0
	if d := maxInt(-cx, cx-(ix.nx-1), -cy, cy-(ix.ny-1)); d > 0 {
		k0 = d
	}
	if k0 > 2 {
		return false
	}
	for k := k0; k <= k0+maxRings; k++ {
		ix.ring(cx, cy, k, func(c int) {
			for _, i := range ix.items[ix.start[c]:ix.start[c+1]] {
				s.measure(int(i))
			}
		})
		if cx-k <= 0 && cy-k <= 0 && cx+k >= ix.nx-1 && cy+k >= ix.ny-1 {
			return true // the whole grid has been searched
		}
		if s.i >= 0 {
			// Every segment not yet seen lies outside the box of cells
			// searched; bound its distance from below.
			gx := math.Min(fx-float64(cx-k), float64(cx+k+1)-fx) * ix.cell
			gy := math.Min(fy-float64(cy-k), float64(cy+k+1)-fy) * ix.cell
			// 2 % and 1 m of margin cover the difference between the
			// degree grid's metres and projectSegment's, near or far.
			lb := math.Min(gx*kx, gy*ix.ky)*0.98 - 1
			if lb > 0 && s.d2 < lb*lb {
				return true
			}
		}
	}
	return false
}

// ring calls visit for every cell of the grid at Chebyshev distance k from
// (cx, cy).
func (ix *Index) ring(cx, cy, k int, visit func(c int)) {
	if k == 0 {
		if cx >= 0 && cx < ix.nx && cy >= 0 && cy < ix.ny {
			visit(cy*ix.nx + cx)
		}
		return
	}
	x0, x1 := cx-k, cx+k
	y0, y1 := cy-k, cy+k
	xa, xb := maxInt(x0, 0), minInt(x1, ix.nx-1)
	for _, y := range [2]int{y0, y1} {
		if y < 0 || y >= ix.ny {
			continue
		}
		for x := xa; x <= xb; x++ {
			visit(y*ix.nx + x)
		}
	}
	ya, yb := maxInt(y0+1, 0), minInt(y1-1, ix.ny-1)
	for _, x := range [2]int{x0, x1} {
		if x < 0 || x >= ix.nx {
			continue
		}
		for y := ya; y <= yb; y++ {
			visit(y*ix.nx + x)
		}
	}
}

// Within returns the projection of q onto every segment of the path that
// passes within r metres of it, in segment order: one Projection per
// segment, measured as Path.Project measures (|Offset| <= r). On a route that
// passes a place several times, each pass shows as a run of consecutive
// segments. It returns nil for an empty path or a negative r.
func (ix *Index) Within(q orb.Point, r float64) []Projection {
	p := ix.path
	if p == nil || len(p.Line) == 0 || r < 0 || math.IsNaN(r) {
		return nil
	}
	if len(p.Line) == 1 {
		if pr := p.Project(q); pr.Distance() <= r {
			return []Projection{pr}
		}
		return nil
	}
	var cand []int
	switch {
	case ix.scans(q):
		cand = make([]int, len(p.Line)-1)
		for i := range cand {
			cand[i] = i
		}
	default:
		var ok bool
		if cand, ok = ix.cells(q, r); !ok {
			cand = ix.boxes().within(q, r, nil)
		}
	}
	var out []Projection
	prev := -1
	for _, i := range cand {
		if i == prev {
			continue
		}
		prev = i
		foot, t, d2, side := projectSegment(q, p.Line[i], p.Line[i+1])
		pr := p.finish(q, i, foot, t, side, d2)
		if pr.Distance() <= r {
			out = append(out, pr)
		}
	}
	return out
}

// cells returns the segments listed in the grid cells within r metres of
// q (with repeats), sorted; ok is false when the grid cannot answer or
// would read more than maxWithinCells cells.
func (ix *Index) cells(q orb.Point, r float64) (cand []int, ok bool) {
	qq, ok := ix.query(q)
	// Allow for the difference between the degree grid's metres and
	// projectSegment's (and, beyond 1 km, the exact distance's).
	rr := r*1.02 + 1
	kx := ix.kxFor(q)
	if !ok || !(kx > 0) || !(rr/kx < 360) || !(rr/ix.ky < 180) {
		return nil, false
	}
	x0, y0 := int(math.Floor((qq[0]-rr/kx-ix.lon0)/ix.cell)), int(math.Floor((qq[1]-rr/ix.ky-ix.lat0)/ix.cell))
	x1, y1 := int(math.Floor((qq[0]+rr/kx-ix.lon0)/ix.cell)), int(math.Floor((qq[1]+rr/ix.ky-ix.lat0)/ix.cell))
	x0, y0 = maxInt(x0, 0), maxInt(y0, 0)
	x1, y1 = minInt(x1, ix.nx-1), minInt(y1, ix.ny-1)
	if x1 < x0 || y1 < y0 {
		return nil, true // the grid is farther than r
	}
	if (x1-x0+1)*(y1-y0+1) > maxWithinCells {
		return nil, false
	}
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*ix.nx + x
			for _, s := range ix.items[ix.start[c]:ix.start[c+1]] {
				cand = append(cand, int(s))
			}
		}
	}
	sort.Ints(cand)
	return cand, true
}

// boxes returns the box hierarchy, building it on the first call.
func (ix *Index) boxes() *tree {
	ix.treeOnce.Do(func() { ix.tree = newTree(ix.path) })
	return ix.tree
}

func maxInt(v int, more ...int) int {
	for _, m := range more {
		if m > v {
			v = m
		}
	}
	return v
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// kxFor returns a lower bound of the metres per degree of longitude between
// q and any segment of the path: at the most poleward of the path's and q's
// latitudes, where a degree of longitude is shortest.
func (ix *Index) kxFor(q orb.Point) float64 {
	lat := math.Max(ix.maxAbsLat, math.Abs(q[1]))
	if lat >= 90 {
		return 0
	}
	if lat == ix.maxAbsLat {
		return ix.kx
	}
	_, n := radii(lat)
	return n * math.Cos(lat*rad) * rad
}

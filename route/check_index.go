package route

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// segIndex is a uniform grid of a path's segments for "which segments pass
// within r metres of q" and "which segment is nearest to q" queries. Cells
// are cellDeg degrees of latitude by cellLon degrees of longitude, at least
// cellM metres on a side everywhere in the path's latitude range. Each
// segment is sampled every cellM/4 metres and listed in the cell of every
// sample, so any point of a segment lies within cellM/8 of a listed sample.
//
// The cells are stored sorted (compressed rows), so memory is proportional
// to the path's length divided by the cell size plus its vertex count,
// whatever the path's extent.
type segIndex struct {
	path    *geo.Path
	cellM   float64 // metres: the smallest cell side anywhere
	lat0    float64 // degrees: the grid origin
	lon0    float64
	dLat    float64 // degrees: cell height
	dLon    float64 // degrees: cell width
	keys    []int64 // sorted distinct cell keys
	starts  []int32 // starts[i]..starts[i+1] index segs for keys[i]
	segs    []int32 // segment indexes, grouped by cell
	maxCell int64   // cells per row (for the key)
}

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

// newSegIndex indexes the segments of p with cells of at least cellM metres.
// A path of fewer than two points gives an index with no segments.
func newSegIndex(p *geo.Path, cellM float64) *segIndex {
	ix := &segIndex{path: p, cellM: cellM}
	if p == nil || len(p.Line) < 2 {
		return ix
	}
	b := p.Line.Bound()
	maxAbs := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))
	if maxAbs > 89 {
		maxAbs = 89
	}
	ky, _ := metresPerDegree(0)
	_, kx := metresPerDegree(maxAbs) // narrowest longitude degree in range
	ix.dLat = cellM / ky
	ix.dLon = math.Min(cellM/kx, 360)
	ix.lat0, ix.lon0 = b.Min[1], b.Min[0]
	ix.maxCell = int64(math.Ceil(360/ix.dLon)) + 3
	type entry struct {
		key int64
		seg int32
	}
	entries := make([]entry, 0, len(p.Line)+int(p.Length()/cellM*4))
	step := cellM / 4
	for i := 0; i+1 < len(p.Line); i++ {
		a, c := p.Line[i], p.Line[i+1]
		l := p.Odo[i+1] - p.Odo[i]
		n := int(l/step) + 1
		if n > 1<<20 { // a segment thousands of km long: sample coarser
			n = 1 << 20
		}
		last := int64(-1)
		for s := 0; s <= n; s++ {
			t := float64(s) / float64(n)
			q := orb.Point{a[0] + t*wrapDeg(c[0]-a[0]), a[1] + t*(c[1]-a[1])}
			k := ix.key(ix.cell(q))
			if k != last {
				entries = append(entries, entry{k, int32(i)})
				last = k
			}
		}
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return int(x.seg - y.seg)
	})
	ix.segs = make([]int32, 0, len(entries))
	for j, e := range entries {
		if j > 0 && e.key == entries[j-1].key {
			if e.seg == entries[j-1].seg {
				continue
			}
		} else {
			ix.keys = append(ix.keys, e.key)
			ix.starts = append(ix.starts, int32(len(ix.segs)))
		}
		ix.segs = append(ix.segs, e.seg)
	}
	ix.starts = append(ix.starts, int32(len(ix.segs)))
	return ix
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

// cell returns the grid cell (row, column) holding q.
func (ix *segIndex) cell(q orb.Point) (int64, int64) {
	y := math.Floor((q[1] - ix.lat0) / ix.dLat)
	x := math.Floor(wrapDeg(q[0]-ix.lon0) / ix.dLon)
	if math.IsNaN(x) || math.IsNaN(y) {
		return -1 << 40, -1 << 40
	}
	return int64(y), int64(x)
}

func (ix *segIndex) key(y, x int64) int64 { return y*ix.maxCell*4 + x + ix.maxCell }

// cellSegs returns the segments listed in cell (y, x).
func (ix *segIndex) cellSegs(y, x int64) []int32 {
	if x < -ix.maxCell || x >= 3*ix.maxCell {
		return nil
	}
	k := ix.key(y, x)
	i, ok := slices.BinarySearch(ix.keys, k)
	if !ok {
		return nil
	}
	return ix.segs[ix.starts[i]:ix.starts[i+1]]
}

// within appends to dst the segments that may pass within r metres of q
// (a superset: the caller measures), sorted and without duplicates.
func (ix *segIndex) within(q orb.Point, r float64, dst []int32) []int32 {
	if len(ix.keys) == 0 {
		return dst
	}
	ky, kx := metresPerDegree(q[1])
	r += ix.cellM / 8
	dy := r / ky
	dx := r / math.Max(kx, 1e-9)
	y0, x0 := ix.cell(orb.Point{q[0] - dx, q[1] - dy})
	y1, x1 := ix.cell(orb.Point{q[0] + dx, q[1] + dy})
	if y1-y0 > 64 || x1-x0 > 64 || x1 < x0 { // huge radius or wrap: give up narrowing
		y0, x0 = ix.cell(q)
		y1, x1 = y0, x0
	}
	start := len(dst)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			dst = append(dst, ix.cellSegs(y, x)...)
		}
	}
	s := dst[start:]
	slices.Sort(s)
	s = slices.Compact(s)
	return dst[:start+len(s)]
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

// nearest returns the segment of the path nearest to q, the fraction of the
// foot along it and the distance in metres (planar in q's tangent plane),
// given a lower bound lower (metres, 0 when unknown) of that distance. It
// searches square rings of cells outwards. ok is false for an empty index.
func (ix *segIndex) nearest(q orb.Point, lower float64) (seg int, t, dist float64, ok bool) {
	if len(ix.keys) == 0 {
		return 0, 0, 0, false
	}
	pl := newPlane(q)
	ky, kx := metresPerDegree(q[1])
	w := math.Min(ix.dLat*ky, ix.dLon*kx) // the narrowest cell side here, metres
	wMax := math.Max(ix.dLat*ky, ix.dLon*kx)
	slack := ix.cellM / 8
	cy, cx := ix.cell(q)
	k0 := int64(0)
	if lower > slack {
		k0 = int64((lower-slack)/(math.Sqrt2*wMax)) - 1
		if k0 < 0 {
			k0 = 0
		}
	}
	best := math.Inf(1)
	bestT := 0.0
	bestSeg := -1
	// rows and columns beyond the grid's extent hold nothing: bound the rings
	maxK := int64(math.Ceil(180/ix.dLat)) + int64(math.Ceil(360/ix.dLon)) + 2
	for k := k0; k <= maxK; k++ {
		visit := func(y, x int64) {
			for _, s := range ix.cellSegs(y, x) {
				d2, tt := pl.segDist(ix.path.Line[s], ix.path.Line[s+1])
				if d2 < best || (d2 == best && int(s) < bestSeg) {
					best, bestT, bestSeg = d2, tt, int(s)
				}
			}
		}
		if k == 0 {
			visit(cy, cx)
		} else {
			for x := cx - k; x <= cx+k; x++ {
				visit(cy-k, x)
				visit(cy+k, x)
			}
			for y := cy - k + 1; y <= cy+k-1; y++ {
				visit(y, cx-k)
				visit(y, cx+k)
			}
		}
		// Every sample not yet seen is in a ring beyond k, at least k·w away.
		if bestSeg >= 0 && math.Sqrt(best) <= float64(k)*w-slack {
			break
		}
	}
	if bestSeg < 0 {
		return 0, 0, 0, false
	}
	return bestSeg, bestT, math.Sqrt(best), true
}

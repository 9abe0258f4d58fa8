package gpx

import (
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// chunkSize is the number of points in one chunk of a segment being built.
const chunkSize = 8192

// builder collects the points of one segment in fixed-size chunks and
// copies them once, at the end, into slices of the exact length. Growing
// one slice by append copies every point several times and, at the last
// growth, holds 2.25 times the final size; chunks copy each point once and
// hold at most twice the final size. Chunks are reused from segment to
// segment.
type builder struct {
	n                              int
	pts                            [][]orb.Point
	ele, spd, crs                  [][]float64 // nil chunk: no value in it
	tm                             [][]time.Time
	anyEle, anySpd, anyCrs, anyTim bool

	freePts [][]orb.Point
	freeF   [][]float64
	freeT   [][]time.Time
}

func (b *builder) floats(i int) []float64 {
	var c []float64
	if n := len(b.freeF); n > 0 {
		c, b.freeF = b.freeF[n-1], b.freeF[:n-1]
	} else {
		c = make([]float64, 0, chunkSize)
	}
	for range i {
		c = append(c, math.NaN())
	}
	return c
}

func (b *builder) addFloat(col [][]float64, c, i int, v float64, has bool) {
	if col[c] == nil {
		if !has {
			return
		}
		col[c] = b.floats(i)
	}
	if !has {
		v = math.NaN()
	}
	col[c] = append(col[c], v)
}

// add appends a point.
func (b *builder) add(p *point) {
	c, i := b.n/chunkSize, b.n%chunkSize
	if i == 0 {
		var pc []orb.Point
		if n := len(b.freePts); n > 0 {
			pc, b.freePts = b.freePts[n-1], b.freePts[:n-1]
		} else {
			pc = make([]orb.Point, 0, chunkSize)
		}
		b.pts = append(b.pts, pc)
		b.ele = append(b.ele, nil)
		b.spd = append(b.spd, nil)
		b.crs = append(b.crs, nil)
		b.tm = append(b.tm, nil)
	}
	b.pts[c] = append(b.pts[c], orb.Point{p.lon, p.lat})
	b.addFloat(b.ele, c, i, p.ele, p.hasEle)
	b.anyEle = b.anyEle || p.hasEle
	if p.hasSpeed || b.spd[c] != nil {
		b.addFloat(b.spd, c, i, p.speed, p.hasSpeed)
		b.anySpd = true
	}
	if p.hasCourse || b.crs[c] != nil {
		b.addFloat(b.crs, c, i, p.course, p.hasCourse)
		b.anyCrs = true
	}
	if !p.t.IsZero() || b.tm[c] != nil {
		if b.tm[c] == nil {
			if n := len(b.freeT); n > 0 {
				b.tm[c], b.freeT = b.freeT[n-1][:i], b.freeT[:n-1]
				clear(b.tm[c])
			} else {
				b.tm[c] = make([]time.Time, i, chunkSize)
			}
		}
		b.tm[c] = append(b.tm[c], p.t)
		b.anyTim = true
	}
	b.n++
}

// finish moves the points into seg, leaving b empty for the next segment.
func (b *builder) finish(seg *route.Segment) {
	n := b.n
	if n > 0 {
		seg.Points = make(orb.LineString, 0, n)
		for _, c := range b.pts {
			seg.Points = append(seg.Points, c...)
		}
	}
	seg.Ele = b.column(b.ele, b.anyEle)
	seg.Speed = b.column(b.spd, b.anySpd)
	seg.Course = b.column(b.crs, b.anyCrs)
	if b.anyTim {
		seg.Time = make([]time.Time, n)
		for k, c := range b.tm {
			copy(seg.Time[k*chunkSize:], c) // a nil or short chunk leaves zero times
		}
	}
	for k := range b.pts {
		b.freePts = append(b.freePts, b.pts[k][:0])
		for _, col := range [...][][]float64{b.ele, b.spd, b.crs} {
			if col[k] != nil {
				b.freeF = append(b.freeF, col[k][:0])
			}
		}
		if b.tm[k] != nil {
			b.freeT = append(b.freeT, b.tm[k][:0])
		}
	}
	b.n = 0
	b.pts, b.ele, b.spd, b.crs, b.tm = b.pts[:0], b.ele[:0], b.spd[:0], b.crs[:0], b.tm[:0]
	b.anyEle, b.anySpd, b.anyCrs, b.anyTim = false, false, false, false
}

// column joins the chunks of one optional value, NaN where there is none.
func (b *builder) column(col [][]float64, any bool) []float64 {
	if !any {
		return nil
	}
	out := make([]float64, b.n)
	for k, c := range col {
		lo := k * chunkSize
		hi := min(lo+chunkSize, b.n)
		copy(out[lo:hi], c)
		for i := lo + len(c); i < hi; i++ {
			out[i] = math.NaN()
		}
	}
	return out
}

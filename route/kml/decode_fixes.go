package kml

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// Points that are a track. Some writers put a recorded track in KML as
// placemarks of one point each: GPSBabel writes each track (and route) as a
// folder holding a "Points" folder, a placemark per fix with its
// TimeStamp, next to a "Path" placemark of the same points as a line (and
// a gx:Track of them too when asked); Google's time-stamp sample is a
// Document of time-stamped point placemarks and nothing else. Read as
// waypoints, such a file is hundreds of waypoints and a track without
// time. So the placemarks of a single Point that a Document or Folder
// holds directly ("marks") are decided when the whole document is read:
//
//  1. Two or more marks that are, in order, exactly the points of a line
//     of the file (GPSBabel's Points and its Path or gx:Track) are that
//     line's fixes: they give it their times when it has none, and are not
//     waypoints.
//  2. Else, three or more marks that all have a time, never going back
//     and not all equal, none styled as a waypoint (GPSBabel's #waypoint)
//     nor named as a rally control (DSS, WPM 12), are a timed track of
//     their own, named after their folder (after the folder around it when
//     it is GPSBabel's "Points"), in the file's order of tracks.
//  3. Else they are waypoints, in file order among the others.
//
// Then a line without time whose points are exactly those of a timed line
// (GPSBabel's Path beside its gx:Track) is the same track written twice and
// is left out.

// container is a Document or Folder being read (or the kml root) and the
// marks it holds directly.
type container struct {
	name     string
	parent   int // index in parser.conts; -1 for the root
	marks    marks
	trackPos int // len(File.Tracks) when its first mark was read
}

// mark is a placemark of exactly one Point, kept small until it is
// decided: 96 bytes, where a route.Waypoint takes about 450 (a timed ride
// of a million points costs its points, not a million waypoints).
type mark struct {
	seq      int32 // the placemark's order among those that give waypoints
	line     int32
	pt       kmlPoint
	when     int64 // Unix nanoseconds (years 1900 to 2100 fit); noTime when none
	name     string
	desc     string
	typ      string
	wptStyle bool // styled as a waypoint (GPSBabel's #waypoint)
}

const noTime = math.MinInt64

func (m *mark) time() time.Time {
	if m.when == noTime {
		return time.Time{}
	}
	return time.Unix(0, m.when).UTC()
}

// marks holds a container's marks in chunks, so that growing it never
// copies what it holds nor keeps twice the room.
type marks struct {
	chunks [][]mark
	n      int
}

const markChunk = 1024

func (ms *marks) add(m mark) {
	if ms.n%markChunk == 0 {
		ms.chunks = append(ms.chunks, make([]mark, 0, markChunk))
	}
	c := &ms.chunks[len(ms.chunks)-1]
	*c = append(*c, m)
	ms.n++
}

func (ms *marks) at(i int) *mark { return &ms.chunks[i/markChunk][i%markChunk] }

// openContainer starts a Document, Folder or the root; closeContainer
// ends it.
func (p *parser) openContainer() (saved int) {
	p.conts = append(p.conts, container{parent: p.cur, trackPos: -1})
	saved, p.cur = p.cur, len(p.conts)-1
	return saved
}

func (p *parser) closeContainer(saved int) { p.cur = saved }

// addMark keeps a one-Point placemark in the current container.
func (p *parser) addMark(pm *placemark) {
	c := &p.conts[p.cur]
	if c.trackPos < 0 {
		c.trackPos = len(p.f.Tracks)
	}
	when := int64(noTime)
	if !pm.when.IsZero() {
		when = pm.when.UnixNano()
	}
	c.marks.add(mark{seq: int32(p.seq), line: int32(pm.line), pt: pm.points[0], when: when, name: pm.name,
		desc: pm.desc, typ: pm.typ, wptStyle: strings.HasSuffix(pm.style, "#waypoint")})
	p.seq++
}

// newWaypoint returns the waypoint a placemark's point gives.
func newWaypoint(pt kmlPoint, name, desc, typ string, when time.Time, line int) route.Waypoint {
	w := route.Waypoint{Point: pt.p, HasPoint: true, Name: name, Desc: desc, Type: typ, Time: when, Line: line}
	if !math.IsNaN(pt.ele) {
		w.Ele, w.HasEle = pt.ele, true
	}
	w.ApplyConventions("")
	return w
}

// waypoint returns the waypoint of a mark.
func (m *mark) waypoint() route.Waypoint {
	return newWaypoint(m.pt, m.name, m.desc, m.typ, m.time(), int(m.line))
}

// lineKey identifies a line's points: their number and a hash of them
// all (FNV-1a over the coordinates' bits).
type lineKey struct {
	n int
	h uint64
}

func (k *lineKey) add(q orb.Point) {
	if k.n == 0 {
		k.h = 14695981039346656037
	}
	k.n++
	for _, v := range q {
		b := math.Float64bits(v)
		for range 8 {
			k.h ^= b & 0xFF
			k.h *= 1099511628211
			b >>= 8
		}
	}
}

func trackKey(t *route.Track) lineKey {
	var k lineKey
	for _, s := range t.Segments {
		for _, q := range s.Points {
			k.add(q)
		}
	}
	return k
}

func marksKey(ms *marks) lineKey {
	var k lineKey
	for i := range ms.n {
		k.add(ms.at(i).pt.p)
	}
	return k
}

// lines are the tracks of one key: the first, and the first with times
// (-1 when none).
type lines struct{ first, timed int }

func timed(t *route.Track) bool {
	for _, s := range t.Segments {
		if s.Time != nil {
			return true
		}
	}
	return false
}

// samePoints reports whether t's points are, in order, the marks'.
func samePoints(t *route.Track, ms *marks) bool {
	i := 0
	for _, s := range t.Segments {
		for _, q := range s.Points {
			if i == ms.n || ms.at(i).pt.p != q {
				return false
			}
			i++
		}
	}
	return i == ms.n
}

// sameTrack reports whether a and b have the same points, in order.
func sameTrack(a, b *route.Track) bool {
	var pa, pb []orb.Point
	for _, s := range a.Segments {
		pa = append(pa, s.Points...)
	}
	for _, s := range b.Segments {
		pb = append(pb, s.Points...)
	}
	return slices.Equal(pa, pb)
}

// areFixes reports whether marks with no line of their own are a timed
// track (rule 2).
func areFixes(ms *marks) bool {
	if ms.n < 3 {
		return false
	}
	for i := range ms.n {
		m := ms.at(i)
		if m.when == noTime || i > 0 && m.when < ms.at(i-1).when || m.wptStyle {
			return false
		}
		w := route.Waypoint{Name: m.name, Type: m.typ}
		if w.ApplyConventions(""); len(w.Controls) > 0 {
			return false
		}
	}
	return ms.at(ms.n-1).when > ms.at(0).when
}

// finish decides the marks, leaves out the untimed copies of timed
// tracks, and puts the waypoints in file order.
func (p *parser) finish() error {
	f := p.f
	byKey := map[lineKey]lines{}
	keys := make([]lineKey, len(f.Tracks))
	for i := range f.Tracks {
		k := trackKey(&f.Tracks[i])
		keys[i] = k
		l, ok := byKey[k]
		if !ok {
			l = lines{i, -1}
		}
		if l.timed < 0 && timed(&f.Tracks[i]) {
			l.timed = i
		}
		byKey[k] = l
	}
	type insert struct {
		pos int
		tr  route.Track
	}
	var added []insert
	waypoints := make([]bool, len(p.conts)) // its marks are waypoints
	nkept := 0
	for ci := range p.conts {
		c := &p.conts[ci]
		ms := &c.marks
		if ms.n == 0 {
			continue
		}
		if l, ok := byKey[marksKey(ms)]; ok && ms.n >= 2 && p.lineFixes(ms, l) {
			continue
		}
		if areFixes(ms) {
			name := c.name
			if name == "Points" && c.parent >= 0 {
				name = p.conts[c.parent].name
			}
			seg := route.Segment{Points: make([]orb.Point, ms.n), Time: make([]time.Time, ms.n)}
			ele := make([]float64, ms.n)
			for i := range ms.n {
				m := ms.at(i)
				seg.Points[i], seg.Time[i], ele[i] = m.pt.p, m.time(), m.pt.ele
			}
			seg.Ele = keepEle(ele)
			for range 2 { // the track and its segment
				if err := p.segment(int(ms.at(0).line), "Placemark"); err != nil {
					return err
				}
			}
			added = append(added, insert{c.trackPos, route.Track{Name: name, Segments: []route.Segment{seg}}})
			c.marks = marks{}
			continue
		}
		if len(f.Waypoints)+nkept+ms.n > route.MaxWaypoints {
			m := ms.at(route.MaxWaypoints - len(f.Waypoints) - nkept)
			return limitError(int(m.line), "Placemark", "more than "+thousands(route.MaxWaypoints)+" waypoints")
		}
		waypoints[ci] = true
		nkept += ms.n
	}

	// Untimed copies of timed tracks.
	drop := make([]bool, len(f.Tracks))
	for i := range f.Tracks {
		if l := byKey[keys[i]]; l.timed >= 0 && !timed(&f.Tracks[i]) && sameTrack(&f.Tracks[i], &f.Tracks[l.timed]) {
			drop[i] = true
		}
	}
	if len(added) > 0 || slices.Contains(drop, true) {
		var out []route.Track
		k := 0
		for i := range f.Tracks {
			for k < len(added) && added[k].pos <= i {
				out = append(out, added[k].tr)
				k++
			}
			if !drop[i] {
				out = append(out, f.Tracks[i])
			}
		}
		for ; k < len(added); k++ {
			out = append(out, added[k].tr)
		}
		f.Tracks = out
	}

	// Waypoints in file order: those read directly, and the kept marks.
	if nkept > 0 {
		kept := make([]*mark, 0, nkept)
		for ci := range p.conts {
			if waypoints[ci] {
				ms := &p.conts[ci].marks
				for i := range ms.n {
					kept = append(kept, ms.at(i))
				}
			}
		}
		slices.SortStableFunc(kept, func(a, b *mark) int { return int(a.seq) - int(b.seq) })
		all := make([]route.Waypoint, 0, len(f.Waypoints)+len(kept))
		i := 0
		for _, m := range kept {
			for i < len(f.Waypoints) && p.wseq[i] < int(m.seq) {
				all = append(all, f.Waypoints[i])
				i++
			}
			all = append(all, m.waypoint())
		}
		f.Waypoints = append(all, f.Waypoints[i:]...)
	}
	p.conts, p.wseq = nil, nil
	return nil
}

// lineFixes reports whether the marks are, in order, the points of one of
// the tracks l (rule 1), and gives their times to it when it has none.
func (p *parser) lineFixes(ms *marks, l lines) bool {
	best := l.timed
	if best < 0 || !samePoints(&p.f.Tracks[best], ms) {
		best = l.first
		if !samePoints(&p.f.Tracks[best], ms) {
			return false
		}
	}
	t := &p.f.Tracks[best]
	if timed(t) {
		return true
	}
	any := false
	for i := range ms.n {
		any = any || ms.at(i).when != noTime
	}
	if any {
		k := 0
		for si := range t.Segments {
			s := &t.Segments[si]
			s.Time = make([]time.Time, len(s.Points))
			for j := range s.Points {
				s.Time[j] = ms.at(k).time()
				k++
			}
		}
	}
	return true
}

package gpx

import (
	"bytes"

	"github.com/roadbook/roadbook/route"
)

// fastTrkpt reads, when it can, the common form of a track point straight
// from the buffer:
//
//	<trkpt lat="…" lon="…"><ele>…</ele><time>…</time></trkpt>
//
// (attributes in either order, ele and time optional and in either order,
// white space between, or a self-closing tag), with the default namespace
// GPX. It returns false, having changed nothing, for anything else: other
// attributes or children, comments, entities, a bad or out-of-range value,
// a point cut by the end of the buffer. The general path then reads the
// point, and reports its errors, exactly as before. Decoding the route of
// the benchmark, almost every point takes this lane.
func (d *decoder) fastTrkpt(p *point) bool {
	s := d.s
	if s.pendingEnd || s.defClass != nsGPX || s.elements > route.MaxElements-3 {
		return false // near the limit, the general path counts and reports
	}
	b := s.buf[:s.end]
	i := s.pos
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if !bytes.HasPrefix(b[i:], []byte("<trkpt")) {
		return false
	}
	i += len("<trkpt")
	*p = point{}
	var haveLat, haveLon bool
	for {
		if i >= len(b) {
			return false
		}
		if !isSpace(b[i]) {
			break
		}
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i+5 >= len(b) || b[i] != 'l' || b[i+3] != '=' || (b[i+4] != '"' && b[i+4] != '\'') {
			break
		}
		var dst *float64
		var lim float64
		switch {
		case b[i+1] == 'a' && b[i+2] == 't' && !haveLat:
			dst, lim, haveLat = &p.lat, 90, true
		case b[i+1] == 'o' && b[i+2] == 'n' && !haveLon:
			dst, lim, haveLon = &p.lon, 180, true
		default:
			return false
		}
		q := b[i+4]
		j := i + 5
		for j < len(b) && b[j] != q {
			j++
		}
		if j >= len(b) {
			return false
		}
		f, ok := parseFloat(b[i+5 : j])
		if !ok || f < -lim || f > lim {
			return false
		}
		*dst = f
		i = j + 1
	}
	if !haveLat || !haveLon || i >= len(b) {
		return false
	}
	switch {
	case b[i] == '>':
		i++
	case b[i] == '/' && i+1 < len(b) && b[i+1] == '>':
		s.pos = i + 2
		s.elements++
		p.ok = true
		return true
	default:
		return false
	}
	n := 1 // elements: the trkpt, its ele and time
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		r := b[i:]
		switch {
		case bytes.HasPrefix(r, []byte("</trkpt>")):
			s.pos = i + len("</trkpt>")
			s.elements += n
			p.ok = true
			return true
		case bytes.HasPrefix(r, []byte("<ele>")) && !p.hasEle:
			v, k := fastText(r[len("<ele>"):], "</ele>")
			if k < 0 {
				return false
			}
			f, ok := parseFloat(v)
			if !ok || f < route.MinEle || f > route.MaxEle {
				return false
			}
			p.ele, p.hasEle = f, true
			i += len("<ele>") + k
			n++
		case bytes.HasPrefix(r, []byte("<time>")) && p.t.IsZero():
			v, k := fastText(r[len("<time>"):], "</time>")
			if k < 0 {
				return false
			}
			t, ok := parseTime(v)
			if !ok || t.IsZero() {
				return false
			}
			p.t = t
			i += len("<time>") + k
			n++
		default:
			return false
		}
	}
}

// fastText returns the text before the next '<' of b, when that '<' starts
// end, and how many bytes text and end take; n is -1 otherwise.
func fastText(b []byte, end string) (text []byte, n int) {
	k := bytes.IndexByte(b, '<')
	if k < 0 || !bytes.HasPrefix(b[k:], []byte(end)) {
		return nil, -1
	}
	return b[:k], k + len(end)
}

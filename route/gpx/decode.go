package gpx

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

var sprintf = fmt.Sprintf

// decoder holds the state of one Decode call.
type decoder struct {
	s       *scanner
	lenient bool
	fast    bool // use the fast lane for track points
	fastN   int  // track points read by the fast lane, for tests
	f       *route.File
	build   builder // the track segment being read
	lines   int     // tracks, routes and segments read
}

// limit returns the error of a limit gone past by the element just
// started.
func (d *decoder) limit(what string) error {
	return d.s.limitError(d.s.tokPos, d.s.name(), what)
}

// line counts a track, route or segment against route.MaxLines.
func (d *decoder) line() error {
	if d.lines++; d.lines > route.MaxLines {
		return d.limit(sprintf("more than %s tracks, routes and segments", thousands(route.MaxLines)))
	}
	return nil
}

// pending collects the first bad value met while reading one element that
// lenient decoding can leave out (a point, a waypoint, a metadata field).
type pending struct{ bad error }

func (p *pending) fail(e error) {
	if p.bad == nil {
		p.bad = e
	}
}

// cleanString returns b as a string that any XML writer can write: invalid
// UTF-8 and the characters XML 1.0 does not allow (the C0 controls but tab,
// newline and carriage return, such as NUL; U+FFFE, U+FFFF) are replaced by
// U+FFFD.
func cleanString(b []byte) string {
	clean := true
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xEF && i+2 < len(b) && b[i+1] == 0xBF && b[i+2] >= 0xBE {
			clean = false
			break
		}
	}
	if clean && utf8.Valid(b) {
		return string(b)
	}
	out := make([]rune, 0, len(b))
	for _, r := range strings.ToValidUTF8(string(b), "\uFFFD") {
		if !isXMLChar(r) {
			r = utf8.RuneError
		}
		out = append(out, r)
	}
	return string(out)
}

// str reads the current element's text, trimmed, as a string.
func (d *decoder) str() (string, error) {
	t, err := d.s.text()
	if err != nil {
		return "", err
	}
	return cleanString(trimSpace(t)), nil
}

// isGPX reports whether the current element is in the GPX namespace.
func (d *decoder) isGPX() bool { return d.s.class(d.s.prefix) == nsGPX }

func (d *decoder) document() error {
	s := d.s
	k, err := s.next()
	if err != nil {
		return err
	}
	if k != tokStart {
		return newError(0, "", "not XML: no root element")
	}
	if string(s.local) != "gpx" {
		return newError(0, "", "not a GPX file: root element is "+s.name())
	}
	if b := s.space(s.prefix); b == nil {
		return newError(s.lineAt(s.tokPos), s.name(), "namespace prefix not declared")
	} else if b.class != nsGPX {
		s.setClass(b, nsGPX) // an unusual GPX namespace URI: take the root's word for it
	}
	if v, ok := s.attr("version"); ok {
		d.f.Version = cleanString(trimSpace(v))
	}
	if v, ok := s.attr("creator"); ok {
		v, err := s.attrValue(v)
		if err != nil {
			return newError(s.lineAt(s.tokPos), "gpx", err.Error())
		}
		d.f.Creator = cleanString(v)
	}
	if err := d.root(); err != nil {
		return err
	}
	// After the root: only comments, PIs and white space.
	if k, err := s.next(); err != nil {
		return err
	} else if k != tokEOF {
		return newError(s.lineAt(s.tokPos), "", "content after the root element")
	}
	return nil
}

func (d *decoder) root() error {
	s := d.s
	md := &d.f.Metadata
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			return nil
		}
		cls := s.class(s.prefix)
		if cls == nsRally {
			if err := d.rallyMeta(); err != nil {
				return err
			}
			continue
		}
		if cls != nsGPX {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		switch string(s.local) {
		case "wpt":
			err = d.wpt()
		case "trk":
			err = d.trk()
		case "rte":
			err = d.rte()
		case "metadata":
			err = d.metadata()
		case "extensions":
			err = d.extensions(nil, d.rallyMeta, d.keepMeta)
		// GPX 1.0 keeps the metadata at the root.
		case "email":
			var v string
			if v, err = d.str(); err == nil && md.Author == "" {
				md.Author = v
			}
		case "url", "urlname":
			_, err = d.linkField(&md.Links)
		default:
			var done bool
			done, err = d.metaField(md)
			if !done && err == nil {
				err = s.skip()
			}
		}
		if err != nil {
			return err
		}
	}
}

// metaField reads the metadata elements common to GPX 1.0's root and GPX
// 1.1's <metadata>; done is false for other elements.
func (d *decoder) metaField(md *route.Metadata) (done bool, err error) {
	s := d.s
	switch string(s.local) {
	case "name":
		md.Name, err = d.str()
	case "desc":
		md.Desc, err = d.str()
	case "keywords":
		md.Keywords, err = d.str()
	case "author":
		err = d.author(md)
	case "time":
		line := s.lineAt(s.tokPos)
		t, err := s.text()
		if err != nil {
			return true, err
		}
		tm, ok := parseTime(t)
		if !ok {
			return true, d.badField(newError(line, "time", sprintf("time %q %s", limit(trimSpace(t), 40), timeProblem(t))))
		}
		md.Time = tm
	case "bounds":
		var b [4]float64
		for i, a := range [...]string{"minlat", "minlon", "maxlat", "maxlon"} {
			v, ok := s.attr(a)
			f, okf := parseFloat(v)
			if lim := 90.0; okf {
				if i%2 == 1 {
					lim = 180
				}
				okf = f >= -lim && f <= lim
			}
			if !ok || !okf {
				line := s.lineAt(s.tokPos)
				if err := s.skip(); err != nil {
					return true, err
				}
				return true, d.badField(newError(line, "bounds", sprintf("%s %q is not a number in range", a, limit(trimSpace(v), 40))))
			}
			b[i] = f
		}
		md.Bounds = orb.Bound{Min: orb.Point{b[1], b[0]}, Max: orb.Point{b[3], b[2]}}
		md.HasBounds = true
		err = s.skip()
	default:
		return false, nil
	}
	return true, err
}

// badField fails in strict decoding, and in lenient decoding records the
// problem and goes on without the field.
func (d *decoder) badField(e error) error {
	if !d.lenient {
		return e
	}
	d.f.Skip(e)
	return nil
}

// author reads a GPX 1.0 <author> (text) or 1.1 <author> (a person).
func (d *decoder) author(md *route.Metadata) error {
	s := d.s
	if s.pendingEnd {
		_, err := s.next()
		return err
	}
	var text []byte
	name, email := "", ""
	depth := s.depth()
	// Mixed handling: text content (1.0) or child elements (1.1).
	for {
		t, err := d.textUntilChild()
		if err != nil {
			return err
		}
		text = append(text, t...)
		if s.depth() < depth {
			break
		}
		// A child element's start tag was read.
		switch string(s.local) {
		case "name":
			name, err = d.str()
		case "email":
			id, _ := s.attr("id")
			dom, _ := s.attr("domain")
			if len(id) > 0 {
				email = cleanString(id) + "@" + cleanString(dom)
			}
			err = s.skip()
		case "link":
			if h, ok := s.attr("href"); ok {
				hv, err := s.attrValue(h)
				if err != nil {
					return newError(s.lineAt(s.tokPos), "link", err.Error())
				}
				md.Links = append(md.Links, route.Link{Href: cleanString(hv)})
			}
			err = s.skip()
		default:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
	switch {
	case name != "":
		md.Author = name
	case len(trimSpace(text)) > 0:
		md.Author = cleanString(trimSpace(text))
	case email != "":
		md.Author = email
	}
	return nil
}

// textUntilChild reads character data up to the next child start tag (then
// the depth is one more) or the end of the current element (then the depth
// is one less). It returns a copy.
func (d *decoder) textUntilChild() ([]byte, error) {
	s := d.s
	depth := s.depth()
	var out []byte
	for {
		k, err := s.nextWithText(&out)
		if err != nil {
			return nil, err
		}
		if k == tokEOF {
			return nil, s.truncated(s.pos)
		}
		if s.depth() != depth {
			return out, nil
		}
	}
}

func (d *decoder) metadata() error {
	s := d.s
	md := &d.f.Metadata
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			return nil
		}
		cls := s.class(s.prefix)
		switch {
		case cls == nsRally:
			err = d.rallyMeta()
		case cls != nsGPX:
			err = s.skip()
		case string(s.local) == "copyright":
			if v, ok := s.attr("author"); ok {
				if v, err2 := s.attrValue(v); err2 == nil {
					md.Copyright = cleanString(trimSpace(v))
				}
			}
			err = s.skip()
		case string(s.local) == "link":
			_, err = d.linkField(&md.Links)
		case string(s.local) == "extensions":
			err = d.extensions(nil, d.rallyMeta, d.keepMeta)
		default:
			var done bool
			done, err = d.metaField(md)
			if !done && err == nil {
				err = s.skip()
			}
		}
		if err != nil {
			return err
		}
	}
}

// linkField reads a link of a wpt, trk, rte or the metadata into links: a
// 1.1 <link href> with its body, or a 1.0 <url> (a new link) or <urlname>
// (the text of the last link when it has none). done is false for other
// elements.
func (d *decoder) linkField(links *[]route.Link) (done bool, err error) {
	s := d.s
	switch string(s.local) {
	case "link":
		l := route.Link{}
		if h, ok := s.attr("href"); ok {
			hv, err := s.attrValue(h)
			if err != nil {
				return true, newError(s.lineAt(s.tokPos), "link", err.Error())
			}
			l.Href = cleanString(hv)
		}
		err = d.linkBody(&l)
		*links = append(*links, l)
	case "url":
		var v string
		if v, err = d.str(); err == nil {
			*links = append(*links, route.Link{Href: v})
		}
	case "urlname":
		var v string
		if v, err = d.str(); err == nil {
			if n := len(*links); n > 0 && (*links)[n-1].Text == "" {
				(*links)[n-1].Text = v
			} else {
				*links = append(*links, route.Link{Text: v})
			}
		}
	default:
		return false, nil
	}
	return true, err
}

// linkBody reads a 1.1 <link>'s <text> and <type>.
func (d *decoder) linkBody(l *route.Link) error {
	s := d.s
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			return nil
		}
		switch {
		case !d.isGPX():
			err = s.skip()
		case string(s.local) == "text":
			l.Text, err = d.str()
		case string(s.local) == "type":
			l.Type, err = d.str()
		default:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// rallyMeta reads an OpenRally element of the file's metadata (or of its
// root); one of no known version is kept as written (File.Extensions).
func (d *decoder) rallyMeta() error {
	s := d.s
	d.noteRally()
	switch string(s.local) {
	case "units":
		line, elem := s.lineAt(s.tokPos), s.name()
		v, err := d.str()
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "metric":
			d.f.Units = "metric"
		case "statute", "statue": // "statue" is the schema's spelling
			d.f.Units = "statute"
		default:
			return d.badField(newError(line, elem, sprintf("units %q is neither metric nor statute", limit([]byte(v), 40))))
		}
	case "distance":
		line := s.lineAt(s.tokPos)
		elem := s.name()
		t, err := s.text()
		if err != nil {
			return err
		}
		f, ok := parseFloat(t)
		if !ok || f < 0 || f > route.MaxDistanceKm {
			return d.badField(newError(line, elem, sprintf("distance %q is not a number of 0 to %d", limit(trimSpace(t), 40), route.MaxDistanceKm)))
		}
		d.f.TotalKm, d.f.HasTotal = f, true
	default:
		return d.keep(&d.f.Extensions)
	}
	return nil
}

// keepMeta keeps an element of the metadata's (or the root's) extensions
// that is in no namespace the decoder reads, as written (File.Extensions).
func (d *decoder) keepMeta() error { return d.keepForeign(&d.f.Extensions) }

// keepForeign keeps the element just started as written when its namespace
// is declared and is not GPX's (an element of another application); it
// skips the element otherwise.
func (d *decoder) keepForeign(list *[]route.Extension) error {
	switch d.s.class(d.s.prefix) {
	case nsGPX, nsUnbound:
		return d.s.skip()
	}
	return d.keep(list)
}

// extensions reads an <extensions> element: rally elements go to onRally,
// Garmin elements to onGarmin, the others to onOther (any may be nil: the
// element is then skipped).
func (d *decoder) extensions(onGarmin, onRally, onOther func() error) error {
	s := d.s
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			return nil
		}
		switch cls := s.class(s.prefix); {
		case cls == nsRally && onRally != nil:
			err = onRally()
		case cls == nsGarmin && onGarmin != nil:
			err = onGarmin()
		case cls != nsRally && cls != nsGarmin && onOther != nil:
			err = onOther()
		default:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// point is a trkpt or rtept being read.
type point struct {
	lat, lon, ele, speed, course    float64
	hasEle, hasSpeed, hasCourse, ok bool
	t                               time.Time
	name                            string
	shape                           []orb.Point // a rtept's gpxx:rpt
	pending
}

// latLon reads the lat and lon attributes of the current start tag.
func (d *decoder) latLon(p *pending, elem string) (lat, lon float64) {
	s := d.s
	for i, a := range [2]string{"lat", "lon"} {
		v, ok := s.attr(a)
		word, lim := "latitude", 90.0
		if i == 1 {
			word, lim = "longitude", 180
		}
		if !ok {
			p.fail(newError(s.lineAt(s.tokPos), elem, "no "+a+" attribute"))
			return
		}
		f, ok := parseFloat(v)
		if !ok && bytes.IndexByte(v, '&') >= 0 {
			if dv, err := s.attrValue(v); err == nil {
				f, ok = parseFloat(dv)
			}
		}
		if !ok {
			p.fail(newError(s.lineAt(s.tokPos), elem, sprintf("%s %q is not a number", word, limit(trimSpace(v), 40))))
			return
		}
		if f < -lim || f > lim {
			p.fail(newError(s.lineAt(s.tokPos), elem, sprintf("%s %s out of range", word, limit(trimSpace(v), 40))))
			return
		}
		if i == 0 {
			lat = f
		} else {
			lon = f
		}
	}
	return lat, lon
}

// A plausible range of values, for value.
type valueRange struct {
	what   string // "elevation"
	lo, hi float64
}

var (
	eleRange    = valueRange{"elevation", route.MinEle, route.MaxEle}
	speedRange  = valueRange{"speed", 0, route.MaxSpeed}
	courseRange = valueRange{"course", 0, 360}
)

// value reads the current element's text as a decimal in the range r.
func (d *decoder) value(p *pending, parent string, r valueRange) (float64, bool, error) {
	s := d.s
	t, err := s.text()
	if err != nil {
		return 0, false, err
	}
	f, ok := parseFloat(t)
	if !ok {
		p.fail(newError(s.lineAt(s.tokPos), parent, sprintf("%s %q is not a number", r.what, limit(trimSpace(t), 40))))
		return 0, false, nil
	}
	if f < r.lo || f > r.hi {
		p.fail(newError(s.lineAt(s.tokPos), parent, sprintf("%s %s out of range (%v to %v)", r.what, limit(trimSpace(t), 40), r.lo, r.hi)))
		return 0, false, nil
	}
	return f, true, nil
}

// timeValue reads the current element's text as a time.
func (d *decoder) timeValue(p *pending, parent string) (time.Time, bool, error) {
	s := d.s
	t, err := s.text()
	if err != nil {
		return time.Time{}, false, err
	}
	tm, ok := parseTime(t)
	if !ok {
		p.fail(newError(s.lineAt(s.tokPos), parent, sprintf("time %q %s", limit(trimSpace(t), 40), timeProblem(t))))
		return time.Time{}, false, nil
	}
	return tm, true, nil
}

// pt reads a trkpt or rtept whose start tag was just read.
func (d *decoder) pt(p *point, elem string) error {
	s := d.s
	*p = point{}
	p.lat, p.lon = d.latLon(&p.pending, elem)
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			break
		}
		cls := s.class(s.prefix)
		if cls == nsGPX {
			switch string(s.local) {
			case "ele":
				p.ele, p.hasEle, err = d.value(&p.pending, elem, eleRange)
			case "time":
				p.t, _, err = d.timeValue(&p.pending, elem)
			case "speed":
				p.speed, p.hasSpeed, err = d.value(&p.pending, elem, speedRange)
			case "course":
				p.course, p.hasCourse, err = d.value(&p.pending, elem, courseRange)
			case "name":
				p.name, err = d.str()
			case "extensions":
				var other func() error
				if elem == "rtept" {
					other = func() error { return d.routePoints(p) }
				}
				err = d.extensions(func() error { return d.garmin(p, elem) }, nil, other)
			default:
				err = s.skip()
			}
		} else if cls == nsGarmin {
			err = d.garmin(p, elem)
		} else {
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
	if p.bad != nil && !d.lenient {
		return p.bad
	}
	p.ok = p.bad == nil
	if !p.ok {
		d.f.Skip(p.bad)
	}
	return nil
}

// routePoints reads, in a rtept's extensions, a Garmin
// gpxx:RoutePointExtension's routing points (gpxx:rpt lat lon): the road
// to the next rtept as the planner calculated it. Other elements are
// skipped.
func (d *decoder) routePoints(p *point) error {
	s := d.s
	if s.class(s.prefix) != nsGarminX || string(s.local) != "RoutePointExtension" {
		return s.skip()
	}
	return d.extensions(nil, nil, func() error {
		if s.class(s.prefix) == nsGarminX && string(s.local) == "rpt" {
			lat, lon := d.latLon(&p.pending, "gpxx:rpt")
			p.shape = append(p.shape, orb.Point{lon, lat})
		}
		return s.skip()
	})
}

// garmin reads a Garmin TrackPointExtension element: speed (m/s) and
// course (degrees), when the GPX ones are absent.
func (d *decoder) garmin(p *point, elem string) error {
	s := d.s
	switch string(s.local) {
	case "TrackPointExtension":
		return d.extensions(func() error {
			if string(s.local) == "speed" || string(s.local) == "course" {
				return d.garmin(p, elem)
			}
			return s.skip()
		}, nil, nil)
	case "speed":
		f, ok, err := d.value(&p.pending, elem, speedRange)
		if ok && !p.hasSpeed {
			p.speed, p.hasSpeed = f, true
		}
		return err
	case "course":
		f, ok, err := d.value(&p.pending, elem, courseRange)
		if ok && !p.hasCourse {
			p.course, p.hasCourse = f, true
		}
		return err
	}
	return s.skip()
}

// add appends p to seg, keeping the optional slices parallel.
func add(seg *route.Segment, p *point) {
	n := len(seg.Points)
	seg.Points = append(seg.Points, orb.Point{p.lon, p.lat})
	if p.hasEle || seg.Ele != nil {
		seg.Ele = addFloat(seg.Ele, n, cap(seg.Points), p.ele, p.hasEle)
	}
	if p.hasSpeed || seg.Speed != nil {
		seg.Speed = addFloat(seg.Speed, n, cap(seg.Points), p.speed, p.hasSpeed)
	}
	if p.hasCourse || seg.Course != nil {
		seg.Course = addFloat(seg.Course, n, cap(seg.Points), p.course, p.hasCourse)
	}
	if !p.t.IsZero() || seg.Time != nil {
		if seg.Time == nil {
			seg.Time = make([]time.Time, n, cap(seg.Points))
		}
		seg.Time = append(seg.Time, p.t)
	}
}

func addFloat(s []float64, n, c int, v float64, has bool) []float64 {
	if s == nil {
		s = make([]float64, n, c)
		for i := range s {
			s[i] = math.NaN()
		}
	}
	if !has {
		v = math.NaN()
	}
	return append(s, v)
}

// pathFields points at the fields a trk and a rte share.
type pathFields struct {
	name, desc, cmt, src, typ *string
	links                     *[]route.Link
	number                    *int
}

func trkFields(t *route.Track) pathFields {
	return pathFields{&t.Name, &t.Desc, &t.Cmt, &t.Src, &t.Type, &t.Links, &t.Number}
}

func rteFields(r *route.Itinerary) pathFields {
	return pathFields{&r.Name, &r.Desc, &r.Cmt, &r.Src, &r.Type, &r.Links, &r.Number}
}

func (d *decoder) trk() error {
	if err := d.line(); err != nil {
		return err
	}
	d.f.Tracks = append(d.f.Tracks, route.Track{})
	t := &d.f.Tracks[len(d.f.Tracks)-1]
	var p point
	return d.path("trk", trkFields(t), func() (bool, error) {
		if string(d.s.local) != "trkseg" {
			return false, nil
		}
		if err := d.line(); err != nil {
			return true, err
		}
		t.Segments = append(t.Segments, route.Segment{})
		return true, d.trkseg(&t.Segments[len(t.Segments)-1], &p)
	})
}

// path reads the children of a trk or rte (elem): child reads its points
// (trkseg, rtept) and says whether it took the element; the shared fields
// (name, desc, cmt, src, type, links, number) go to f; anything else, and
// elements of other namespaces, is skipped.
func (d *decoder) path(elem string, f pathFields, child func() (bool, error)) error {
	s := d.s
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			return nil
		}
		if !d.isGPX() {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		done, err := child()
		if !done && err == nil {
			done, err = d.pathField(elem, f)
		}
		if !done && err == nil {
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// pathField reads one of the fields a trk or rte shares; done is false for
// other elements.
func (d *decoder) pathField(elem string, f pathFields) (done bool, err error) {
	var dst *string
	switch string(d.s.local) {
	case "link", "url", "urlname":
		return d.linkField(f.links)
	case "number":
		return true, d.number(f.number, elem)
	case "name":
		dst = f.name
	case "desc":
		dst = f.desc
	case "cmt":
		dst = f.cmt
	case "src":
		dst = f.src
	case "type":
		dst = f.typ
	default:
		return false, nil
	}
	*dst, err = d.str()
	return true, err
}

func (d *decoder) number(dst *int, elem string) error {
	s := d.s
	t, err := s.text()
	if err != nil {
		return err
	}
	n, ok := parseInt(t)
	if !ok || n < 0 {
		return d.badField(newError(s.lineAt(s.tokPos), elem, sprintf("number %q is not a non-negative integer", limit(trimSpace(t), 40))))
	}
	*dst = n
	return nil
}

func (d *decoder) trkseg(seg *route.Segment, p *point) error {
	s := d.s
	b := &d.build
	for {
		if d.fast && d.fastTrkpt(p) {
			d.fastN++
			b.add(p)
			continue
		}
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			b.finish(seg)
			return nil
		}
		if string(s.local) == "trkpt" && d.isGPX() {
			if err := d.pt(p, "trkpt"); err != nil {
				return err
			}
			if p.ok {
				b.add(p)
			}
			continue
		}
		if err := s.skip(); err != nil {
			return err
		}
	}
}

func (d *decoder) rte() error {
	if err := d.line(); err != nil {
		return err
	}
	d.f.Routes = append(d.f.Routes, route.Itinerary{})
	r := &d.f.Routes[len(d.f.Routes)-1]
	var p point
	return d.path("rte", rteFields(r), func() (bool, error) {
		if string(d.s.local) != "rtept" {
			return false, nil
		}
		if err := d.pt(&p, "rtept"); err != nil || !p.ok {
			return true, err
		}
		n := len(r.Points.Points)
		add(&r.Points, &p)
		if p.name != "" && r.Names == nil {
			r.Names = make([]string, n, cap(r.Points.Points))
		}
		if r.Names != nil {
			r.Names = append(r.Names, p.name)
		}
		if p.shape != nil && r.Shape == nil {
			r.Shape = make([][]orb.Point, n, cap(r.Points.Points))
		}
		if r.Shape != nil {
			r.Shape = append(r.Shape, p.shape)
		}
		return true, nil
	})
}

func (d *decoder) wpt() error {
	s := d.s
	if len(d.f.Waypoints) == route.MaxWaypoints {
		return d.limit(sprintf("more than %s waypoints", thousands(route.MaxWaypoints)))
	}
	w := route.Waypoint{Line: s.lineAt(s.tokPos)}
	var p pending
	lat, lon := d.latLon(&p, "wpt")
	w.Point = orb.Point{lon, lat}
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEnd {
			break
		}
		cls := s.class(s.prefix)
		switch {
		case cls == nsRally:
			err = d.rally(&w, &p)
		case cls != nsGPX:
			err = d.keepForeign(&w.Extensions)
		default:
			switch string(s.local) {
			case "ele":
				w.Ele, w.HasEle, err = d.value(&p, "wpt", eleRange)
			case "time":
				w.Time, _, err = d.timeValue(&p, "wpt")
			case "name":
				w.Name, err = d.str()
			case "desc":
				w.Desc, err = d.str()
			case "cmt":
				w.Cmt, err = d.str()
			case "type":
				w.Type, err = d.str()
			case "sym":
				w.Sym, err = d.str()
			case "src":
				w.Src, err = d.str()
			case "link", "url", "urlname":
				_, err = d.linkField(&w.Links)
			case "extensions":
				err = d.extensions(func() error { return d.keep(&w.Extensions) },
					func() error { return d.rally(&w, &p) },
					func() error { return d.keepForeign(&w.Extensions) })
			default:
				err = s.skip()
			}
		}
		if err != nil {
			return err
		}
		if p.bad != nil && !d.lenient {
			return p.bad
		}
	}
	if p.bad != nil {
		if !d.lenient {
			return p.bad
		}
		d.f.Skip(p.bad)
		return nil
	}
	w.ApplyConventions(d.f.Units)
	// OpenRally distance-only boxes are written at lat="0" lon="0".
	w.HasPoint = !(lat == 0 && lon == 0 && hasRally(&w))
	d.f.Waypoints = append(d.f.Waypoints, w)
	return nil
}

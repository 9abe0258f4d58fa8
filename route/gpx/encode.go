package gpx

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// NamespaceGPX11 is the GPX 1.1 namespace, which Encode writes.
const NamespaceGPX11 = "http://www.topografix.com/GPX/1/1"

// Encode writes f as GPX 1.1. Waypoints that carry rally fields (controls,
// speed limit, roadbook distance, CAP, notes, …) and the file's OpenRally
// units and total distance are written as OpenRally v1.0.3 extensions under
// the prefix "openrally"; the namespace is declared only when used.
//
// The output is deterministic and validates against the GPX 1.1 schema and
// the OpenRally v1.0.3 schema:
//   - latitudes and longitudes have 7 decimals (about 1 cm);
//   - OpenRally distances (km) are the shortest decimal that reads back as
//     the same number: a file's distance is written as the file wrote it;
//   - elevations have 1 to 3 decimals (to the millimetre), never an
//     exponent; NaN elevations are left out;
//   - times are RFC 3339 in UTC ("Z"), with fractional seconds only when
//     they are not zero; zero times are left out;
//   - OpenRally integers (speed, CAP, radii, seconds, minutes) are rounded
//     to the nearest integer, and a radius or speed under 1 is left out;
//     CAP is written in [0, 360);
//   - tulip and notes are written as CDATA.
//
// What GPX 1.1 cannot hold is not written: per-point speed and course
// (GPX 1.0 fields), the names of controls that have no name attribute in
// OpenRally (DN, CH, fuel, stop), File.Skipped and Waypoint.Line. A waypoint
// without a position (HasPoint false) is written at lat="0" lon="0", as
// OpenRally distance-only roadbooks do. Units "statute" are written as the
// schema spells them, "statue".
//
// Encode returns an error, naming the element, for values no valid GPX can
// hold: a latitude outside [-90, 90], a non-finite coordinate, a year
// outside 0–9999, a negative roadbook distance or total, a danger level
// outside 0–3, a negative duration, an unknown control kind or marker, an
// Extension that is not one well-formed element, units other than metric
// and statute; and for a nil f. Output written before the error is
// incomplete: callers writing files should write to a temporary file.
func Encode(w io.Writer, f *route.File) error {
	if f == nil {
		return errors.New("gpx: no file to encode (nil)")
	}
	e := &encoder{w: bufio.NewWriterSize(w, 64<<10)}
	e.file(f)
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// encoder writes one file; the first error stops it.
type encoder struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (e *encoder) fail(format string, a ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("gpx: "+format, a...)
	}
}

func (e *encoder) s(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) b(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// usesOpenRally reports whether the file needs the OpenRally namespace.
func usesOpenRally(f *route.File) bool {
	if f.Units != "" || f.HasTotal {
		return true
	}
	for i := range f.Waypoints {
		if hasRally(&f.Waypoints[i]) {
			return true
		}
	}
	return false
}

func (e *encoder) file(f *route.File) {
	rally := usesOpenRally(f)
	e.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.s(`<gpx xmlns="` + NamespaceGPX11 + `"`)
	if rally {
		e.s(` xmlns:openrally="` + NamespaceOpenRally + `"`)
	}
	for i := range f.Routes {
		if f.Routes[i].Shape != nil {
			e.s(` xmlns:gpxx="` + namespaceGarminX + `"`)
			break
		}
	}
	creator := f.Creator
	if creator == "" {
		creator = "roadbook"
	}
	e.s(` version="1.1" creator="`)
	e.text(creator, true)
	e.s("\">\n")
	e.metadata(f)
	for i := range f.Waypoints {
		e.waypoint(i, &f.Waypoints[i])
	}
	for i := range f.Routes {
		e.route(i, &f.Routes[i])
	}
	for i := range f.Tracks {
		e.track(i, &f.Tracks[i])
	}
	e.s("</gpx>\n")
}

func (e *encoder) metadata(f *route.File) {
	m := &f.Metadata
	units := f.Units
	if units == "statute" {
		units = "statue" // as the schema spells it
	}
	if m.Name == "" && m.Desc == "" && m.Author == "" && m.Copyright == "" &&
		len(m.Links) == 0 && m.Time.IsZero() && m.Keywords == "" && !m.HasBounds &&
		units == "" && !f.HasTotal && len(f.Extensions) == 0 {
		return
	}
	e.s(" <metadata>\n")
	e.elem("  ", "name", m.Name)
	e.elem("  ", "desc", m.Desc)
	if m.Author != "" {
		e.s("  <author>\n")
		e.elem("   ", "name", m.Author)
		e.s("  </author>\n")
	}
	if m.Copyright != "" {
		e.s(`  <copyright author="`)
		e.text(m.Copyright, true)
		e.s("\"/>\n")
	}
	e.links("  ", m.Links)
	e.time("  ", "metadata", m.Time)
	e.elem("  ", "keywords", m.Keywords)
	if m.HasBounds {
		e.s(`  <bounds minlat="`)
		e.lat("metadata bounds", m.Bounds.Min[1])
		e.s(`" minlon="`)
		e.lon("metadata bounds", m.Bounds.Min[0])
		e.s(`" maxlat="`)
		e.lat("metadata bounds", m.Bounds.Max[1])
		e.s(`" maxlon="`)
		e.lon("metadata bounds", m.Bounds.Max[0])
		e.s("\"/>\n")
	}
	if units != "" || f.HasTotal || len(f.Extensions) > 0 {
		e.s("  <extensions>\n")
		if units != "" {
			if units != "metric" && units != "statue" {
				e.fail("metadata: units %q is neither metric nor statute", f.Units)
			}
			e.s("   <openrally:units>" + units + "</openrally:units>\n")
		}
		if f.HasTotal {
			e.s("   <openrally:distance>")
			e.km("metadata: distance", f.TotalKm)
			e.s("</openrally:distance>\n")
		}
		e.extensions("   ", f.Extensions)
		e.s("  </extensions>\n")
	}
	e.s(" </metadata>\n")
}

func (e *encoder) links(indent string, links []route.Link) {
	for _, l := range links {
		e.s(indent + `<link href="`)
		e.text(l.Href, true)
		if l.Text == "" && l.Type == "" {
			e.s("\"/>\n")
			continue
		}
		e.s("\">\n")
		e.elem(indent+" ", "text", l.Text)
		e.elem(indent+" ", "type", l.Type)
		e.s(indent + "</link>\n")
	}
}

func (e *encoder) waypoint(i int, w *route.Waypoint) {
	where := "wpt " + strconv.Itoa(i+1)
	e.s(` <wpt lat="`)
	if w.HasPoint {
		e.lat(where, w.Point[1])
		e.s(`" lon="`)
		e.lon(where, w.Point[0])
	} else {
		e.s(`0" lon="0`)
	}
	e.s("\">\n")
	if w.HasEle {
		e.ele("  ", where, w.Ele)
	}
	e.time("  ", where, w.Time)
	e.elem("  ", "name", w.Name)
	e.elem("  ", "cmt", w.Cmt)
	e.elem("  ", "desc", w.Desc)
	e.elem("  ", "src", w.Src)
	e.links("  ", w.Links)
	e.elem("  ", "sym", w.Sym)
	e.elem("  ", "type", w.Type)
	if hasRally(w) || len(w.Extensions) > 0 {
		e.s("  <extensions>\n")
		if hasRally(w) {
			e.rally(where, w)
		}
		e.extensions("   ", w.Extensions)
		e.s("  </extensions>\n")
	}
	e.s(" </wpt>\n")
}

// extensions writes elements kept as written, one a line.
func (e *encoder) extensions(indent string, xs []route.Extension) {
	for _, x := range xs {
		if err := checkExtension(x); err != nil {
			e.fail("extension %s: not one well-formed element: %v", x.Name(), err)
			return
		}
		e.s(indent)
		e.s(x.XML)
		e.s("\n")
	}
}

// pathFields writes the fields a trk and a rte share, in the schema's
// order.
func (e *encoder) pathFields(name, cmt, desc, src string, links []route.Link, number int, typ string) {
	e.elem("  ", "name", name)
	e.elem("  ", "cmt", cmt)
	e.elem("  ", "desc", desc)
	e.elem("  ", "src", src)
	e.links("  ", links)
	if number > 0 {
		e.s("  <number>" + strconv.Itoa(number) + "</number>\n")
	}
	e.elem("  ", "type", typ)
}

func (e *encoder) route(i int, r *route.Itinerary) {
	where := "rte " + strconv.Itoa(i+1)
	e.s(" <rte>\n")
	e.pathFields(r.Name, r.Cmt, r.Desc, r.Src, r.Links, r.Number, r.Type)
	var names []string
	if len(r.Names) == len(r.Points.Points) {
		names = r.Names
	}
	var shape [][]orb.Point
	if len(r.Shape) == len(r.Points.Points) {
		shape = r.Shape
	}
	e.points("  ", "rtept", where, &r.Points, names, shape)
	e.s(" </rte>\n")
}

func (e *encoder) track(i int, t *route.Track) {
	where := "trk " + strconv.Itoa(i+1)
	e.s(" <trk>\n")
	e.pathFields(t.Name, t.Cmt, t.Desc, t.Src, t.Links, t.Number, t.Type)
	for j := range t.Segments {
		e.s("  <trkseg>\n")
		e.points("   ", "trkpt", where+" trkseg "+strconv.Itoa(j+1), &t.Segments[j], nil, nil)
		e.s("  </trkseg>\n")
	}
	e.s(" </trk>\n")
}

// points writes the points of a segment as tag elements (trkpt, rtept),
// one line each, with a rtept's routing points (shape) as Garmin's
// gpxx:RoutePointExtension.
func (e *encoder) points(indent, tag, where string, s *route.Segment, names []string, shape [][]orb.Point) {
	n := len(s.Points)
	closing := "</" + tag + ">\n"
	for k := 0; k < n && e.err == nil; k++ {
		pt := s.Points[k]
		e.buf = append(e.buf[:0], indent...)
		e.buf = append(e.buf, '<')
		e.buf = append(e.buf, tag...)
		e.buf = append(e.buf, ` lat="`...)
		if !e.appendLat(where, tag, k, pt[1]) {
			return
		}
		e.buf = append(e.buf, `" lon="`...)
		if !e.appendLon(where, tag, k, pt[0]) {
			return
		}
		e.buf = append(e.buf, '"')
		hasEle := k < len(s.Ele) && !math.IsNaN(s.Ele[k]) && !math.IsInf(s.Ele[k], 0)
		hasTime := k < len(s.Time) && !s.Time[k].IsZero()
		hasName := names != nil && names[k] != ""
		hasShape := shape != nil && len(shape[k]) > 0
		if !hasEle && !hasTime && !hasName && !hasShape {
			e.buf = append(e.buf, "/>\n"...)
			e.b(e.buf)
			continue
		}
		e.buf = append(e.buf, '>')
		if hasEle {
			e.buf = append(e.buf, "<ele>"...)
			e.buf = appendEle(e.buf, s.Ele[k])
			e.buf = append(e.buf, "</ele>"...)
		}
		if hasTime {
			t := s.Time[k].UTC()
			if y := t.Year(); y < 0 || y > 9999 {
				e.fail("%s: %s %d: time %v outside years 0–9999", where, tag, k+1, t)
				return
			}
			e.buf = append(e.buf, "<time>"...)
			e.buf = t.AppendFormat(e.buf, timeLayout)
			e.buf = append(e.buf, "</time>"...)
		}
		if hasName {
			e.b(e.buf)
			e.s("<name>")
			e.text(names[k], false)
			e.buf = append(e.buf[:0], "</name>"...)
		}
		if hasShape {
			e.buf = append(e.buf, "<extensions><gpxx:RoutePointExtension>"...)
			for _, q := range shape[k] {
				e.buf = append(e.buf, `<gpxx:rpt lat="`...)
				if !e.appendLat(where, "gpxx:rpt of rtept", k, q[1]) {
					return
				}
				e.buf = append(e.buf, `" lon="`...)
				if !e.appendLon(where, "gpxx:rpt of rtept", k, q[0]) {
					return
				}
				e.buf = append(e.buf, `"/>`...)
			}
			e.buf = append(e.buf, "</gpxx:RoutePointExtension></extensions>"...)
		}
		e.buf = append(e.buf, closing...)
		e.b(e.buf)
	}
}

// timeLayout is RFC 3339 with fractional seconds only when not zero; times
// are converted to UTC first, so the zone is always "Z".
// namespaceGarminX is Garmin's GPX extensions namespace (gpxx:), for the
// routing points of a rtept.
const namespaceGarminX = "http://www.garmin.com/xmlschemas/GpxExtensions/v3"

const timeLayout = "2006-01-02T15:04:05.999999999Z07:00"

func (e *encoder) appendLat(where, tag string, k int, v float64) bool {
	if math.IsNaN(v) || v < -90 || v > 90 {
		e.fail("%s: %s %d: latitude %v out of range", where, tag, k+1, v)
		return false
	}
	e.buf = appendCoord(e.buf, v)
	return true
}

func (e *encoder) appendLon(where, tag string, k int, v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		e.fail("%s: %s %d: longitude %v is not a number", where, tag, k+1, v)
		return false
	}
	e.buf = appendCoord(e.buf, wrapLon(v))
	return true
}

func (e *encoder) lat(where string, v float64) {
	e.buf = e.buf[:0]
	if math.IsNaN(v) || v < -90 || v > 90 {
		e.fail("%s: latitude %v out of range", where, v)
		return
	}
	e.b(appendCoord(e.buf, v))
}

func (e *encoder) lon(where string, v float64) {
	e.buf = e.buf[:0]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		e.fail("%s: longitude %v is not a number", where, v)
		return
	}
	e.b(appendCoord(e.buf, wrapLon(v)))
}

// wrapLon returns v in [-180, 180) as GPX requires, after rounding to 7
// decimals (so 179.99999999 becomes -180).
func wrapLon(v float64) float64 {
	v = math.Round(v*1e7) / 1e7
	if v >= -180 && v < 180 {
		return v
	}
	v = math.Mod(v+180, 360)
	if v < 0 {
		v += 360
	}
	return v - 180
}

// appendCoord appends a coordinate with exactly 7 decimals, without a sign
// on zero.
func appendCoord(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 7, 64)
	if string(b[n:]) == "-0.0000000" {
		b = append(b[:n], "0.0000000"...)
	}
	return b
}

// appendEle appends an elevation with 1 to 3 decimals: what the value
// holds, to the millimetre.
func appendEle(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' && b[len(b)-2] != '.' {
		b = b[:len(b)-1]
	}
	if string(b[n:]) == "-0.0" {
		b = append(b[:n], "0.0"...)
	}
	return b
}

func (e *encoder) ele(indent, where string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	e.buf = append(e.buf[:0], indent...)
	e.buf = append(e.buf, "<ele>"...)
	e.buf = appendEle(e.buf, v)
	e.buf = append(e.buf, "</ele>\n"...)
	e.b(e.buf)
}

func (e *encoder) time(indent, where string, t time.Time) {
	if t.IsZero() {
		return
	}
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		e.fail("%s: time %v outside years 0–9999", where, t)
		return
	}
	e.s(indent + "<time>" + t.Format(timeLayout) + "</time>\n")
}

// km writes a non-negative distance in km, as the shortest decimal that
// reads back as the same number (never an exponent).
func (e *encoder) km(where string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		e.fail("%s %v km is not a distance (>= 0)", where, v)
		return
	}
	// The shortest decimal that reads back as v: a file's distance
	// ("0.11508052801382537") is written as the file wrote it, a
	// computed one (6490/1000) as "6.49".
	e.s(strconv.FormatFloat(v, 'f', -1, 64))
}

// integer rounds v for an OpenRally integer field; ok is false when the
// rounded value is under min (the field is then left out). Negative values
// and non-numbers are errors.
func (e *encoder) integer(what string, v, min float64) (string, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		e.fail("%s: %v is not a non-negative number", what, v)
		return "", false
	}
	r := math.Round(v)
	if r < min || r > math.MaxInt32 {
		return "", false
	}
	return strconv.Itoa(int(r)), true
}

// elem writes <tag>text</tag> on its own line when text is not empty.
func (e *encoder) elem(indent, tag, text string) {
	if text == "" {
		return
	}
	e.s(indent + "<" + tag + ">")
	e.text(text, false)
	e.s("</" + tag + ">\n")
}

// text writes s escaped for XML character data (attr: for an attribute
// value in double quotes). Characters XML 1.0 cannot hold and invalid
// UTF-8 become U+FFFD.
func (e *encoder) text(s string, attr bool) {
	e.buf = e.buf[:0]
	for _, r := range s {
		switch {
		case r == '&':
			e.buf = append(e.buf, "&amp;"...)
		case r == '<':
			e.buf = append(e.buf, "&lt;"...)
		case r == '>':
			e.buf = append(e.buf, "&gt;"...)
		case r == '"' && attr:
			e.buf = append(e.buf, "&quot;"...)
		case attr && (r == '\n' || r == '\r' || r == '\t'):
			e.buf = append(e.buf, "&#x"...)
			e.buf = strconv.AppendInt(e.buf, int64(r), 16)
			e.buf = append(e.buf, ';')
		case r == '\r':
			e.buf = append(e.buf, "&#xD;"...)
		case !xmlChar(r):
			e.buf = utf8.AppendRune(e.buf, utf8.RuneError)
		default:
			e.buf = utf8.AppendRune(e.buf, r)
		}
	}
	e.b(e.buf)
}

// cdata writes s as CDATA sections, splitting it around "]]>".
func (e *encoder) cdata(s string) {
	e.buf = append(e.buf[:0], "<![CDATA["...)
	for _, r := range s {
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		e.buf = utf8.AppendRune(e.buf, r)
		if r == '>' && len(e.buf) >= 3 && string(e.buf[len(e.buf)-3:]) == "]]>" {
			// End the section between "]]" and ">" and start a new one.
			e.buf = append(e.buf[:len(e.buf)-1], "]]><![CDATA[>"...)
		}
	}
	e.buf = append(e.buf, "]]>"...)
	e.b(e.buf)
}

// xmlChar reports whether r may appear in an XML 1.0 document. Invalid
// UTF-8 decodes as U+FFFD, which may.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

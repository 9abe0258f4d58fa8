package kml

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/transform"
)

// newError returns a *route.FormatError of this package: "kml: line 12:
// coordinates: longitude "no" is not a number".
func newError(line int, elem, msg string) *route.FormatError {
	return &route.FormatError{Format: "kml", Line: line, Elem: elem, Msg: msg}
}

// Decoder reads KML and KMZ. The zero Decoder is strict.
type Decoder struct {
	// Lenient skips bad points (a coordinate that is not a number or out
	// of range, a time that does not parse) and placemarks instead of
	// failing, and lists each in File.Skipped. Malformed XML fails either
	// way.
	Lenient bool
}

// Decode reads a KML or KMZ document from r with the zero Decoder.
func Decode(r io.Reader) (*route.File, error) { return (&Decoder{}).Decode(r) }

// Decode reads a KML document, or a KMZ (a zip holding one, doc.kml by
// custom, else the first .kml file at the top), from r.
//
// Every Placemark anywhere in the document (in Documents and Folders, at
// any depth) is read; styles, regions, overlays, network links and
// unknown extensions are skipped. A Placemark's Points become waypoints
// (name, description, TimeStamp), taking a control role from their name by
// the plain-GPX conventions ("DSS", "WPM 12", "WPM12:90"; see
// route.Waypoint.ApplyConventions); its lines (LineString, gx:Track, the lines of a
// MultiGeometry or a gx:MultiTrack) become one track, a segment per line,
// named after the Placemark. Polygons and LinearRings (areas, radius
// circles) are skipped. The first Document's name and description are the
// file's.
//
// Coordinates are lon,lat[,alt] tuples (spaces around the commas are
// allowed); gx:coord is "lon lat [alt]". Altitudes are kept as elevations
// unless every altitude of the line is 0, or a point's is (what Google
// Earth writes for what it clamps to the ground). A gx:Track's <when>s pair with its gx:coords in order; an
// empty gx:coord (OpenTracks writes them at pauses) ends a segment; when the
// two counts differ the times are not kept (strict: an error). Times are
// RFC 3339, or a date (taken as midnight UTC), returned in UTC.
//
// Errors name the line and element; a bad point fails in strict decoding
// and is skipped, and listed in File.Skipped, in lenient decoding.
func (d *Decoder) Decode(r io.Reader) (*route.File, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(len(kmzMagic))
	if isZip(head) {
		return d.decodeKMZ(br)
	}
	return d.decodeKML(br)
}

// maxKMZ bounds what is read of a KMZ and of the KML inside it.
const maxKMZ = 1 << 30

func (d *Decoder) decodeKMZ(r io.Reader) (*route.File, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxKMZ+1))
	if err != nil {
		return nil, fmt.Errorf("kml: %w", err)
	}
	if len(b) > maxKMZ {
		return nil, errors.New("kml: KMZ larger than 1 GiB")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("kml: not a readable KMZ (zip): %w", err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "/")
		if strings.Contains(name, "/") || !strings.EqualFold(path.Ext(name), ".kml") {
			continue
		}
		if strings.EqualFold(name, "doc.kml") {
			doc = f
			break
		}
		if doc == nil {
			doc = f
		}
	}
	if doc == nil {
		return nil, errors.New("kml: a KMZ with no .kml file at its top level")
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("kml: %s in the KMZ: %w", doc.Name, err)
	}
	defer rc.Close()
	f, err := d.decodeKML(io.LimitReader(rc, maxKMZ))
	if err != nil {
		var ke *route.FormatError
		if errors.As(err, &ke) {
			return nil, fmt.Errorf("%s in the KMZ: %w", doc.Name, err)
		}
		return nil, err
	}
	return f, nil
}

func (d *Decoder) decodeKML(r io.Reader) (*route.File, error) {
	x := xml.NewDecoder(r)
	x.Strict = true
	x.Entity = xml.HTMLEntity // descriptions written by hand hold &nbsp;
	x.CharsetReader = charsetReader
	p := &parser{x: x, lenient: d.Lenient, f: &route.File{}}
	if err := p.document(); err != nil {
		return nil, err
	}
	return p.f, nil
}

// charsetReader decodes the encodings an XML declaration may name.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	e, err := ianaindex.IANA.Encoding(label)
	if err != nil || e == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return transform.NewReader(in, e.NewDecoder()), nil
}

// parser is one decoding.
type parser struct {
	x       *xml.Decoder
	lenient bool
	f       *route.File
	docSeen bool // the first Document's name and description are taken
}

// line is the line the decoder has reached (that of the token just read,
// near enough: the end of it).
func (p *parser) line() int {
	l, _ := p.x.InputPos()
	return l
}

// xmlError turns an encoding/xml error into a *route.FormatError.
func (p *parser) xmlError(err error) error {
	if err == io.EOF {
		return newError(p.line(), "", "unexpected end of file")
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return newError(se.Line, "", se.Msg)
	}
	return newError(p.line(), "", err.Error())
}

// token returns the next token, a copy safe to keep.
func (p *parser) token() (xml.Token, error) {
	t, err := p.x.Token()
	if err != nil {
		return nil, p.xmlError(err)
	}
	return t, nil
}

// isKML reports whether an element name is in a KML namespace (OGC 2.2,
// Google's 2.0–2.1 and gx extensions) or in none.
func isKML(n xml.Name) bool {
	s := n.Space
	return s == "" || strings.Contains(s, "opengis.net/kml") || strings.Contains(s, "earth.google.com/kml") ||
		strings.Contains(s, "google.com/kml/ext")
}

// bad reports a bad value: an error when strict, a skipped item when
// lenient (ok is then true and decoding goes on without it).
func (p *parser) bad(e *route.FormatError) (ok bool, err error) {
	if !p.lenient {
		return false, e
	}
	p.f.Skip(e)
	return true, nil
}

// document reads the whole input: one root element, <kml>.
func (p *parser) document() error {
	content := false // anything but white space before the root
	for {
		t, err := p.x.Token()
		if err == io.EOF {
			if !content {
				return &route.FormatError{Format: "kml", Msg: "empty file", Err: route.ErrEmpty}
			}
			return newError(0, "", "no root element: not a KML file")
		}
		if err != nil {
			return p.xmlError(err)
		}
		if cd, ok := t.(xml.CharData); !ok || len(bytes.TrimSpace(bytes.TrimPrefix(cd, []byte("\uFEFF")))) > 0 {
			content = true
		}
		if se, ok := t.(xml.StartElement); ok {
			if se.Name.Local != "kml" {
				return newError(p.line(), "", fmt.Sprintf("not a KML file: root element is %s", se.Name.Local))
			}
			if err := p.features(false); err != nil {
				return err
			}
			// Nothing but comments and white space may follow.
			for {
				t, err := p.x.Token()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return p.xmlError(err)
				}
				switch t := t.(type) {
				case xml.StartElement:
					return newError(p.line(), "", "element after the root element")
				case xml.CharData:
					if len(bytes.TrimSpace(t)) > 0 {
						return newError(p.line(), "", "text after the root element")
					}
				}
			}
		}
	}
}

// children calls fn for each child element, in a KML namespace, of the
// element just started, up to its end tag; elements of other namespaces
// are skipped. fn must read its element to its end.
func (p *parser) children(fn func(se xml.StartElement) error) error {
	for {
		t, err := p.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if isKML(t.Name) {
				err = fn(t)
			} else {
				err = p.x.Skip()
			}
			if err != nil {
				return p.wrap(err)
			}
		}
	}
}

// wrap turns encoding/xml errors (from Skip) into *route.FormatError.
func (p *parser) wrap(err error) error {
	var ke *route.FormatError
	if errors.As(err, &ke) {
		return err
	}
	return p.xmlError(err)
}

// features reads the children of kml, a Document or a Folder: Documents,
// Folders and Placemarks at any depth. The name and description of the
// first Document (file is true for it) are the file's.
func (p *parser) features(file bool) error {
	return p.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "Document":
			first := !p.docSeen
			p.docSeen = true
			return p.features(first)
		case "Folder":
			return p.features(false)
		case "Placemark":
			return p.placemark()
		case "name", "description":
			v, err := p.text()
			if file && err == nil {
				if se.Name.Local == "name" {
					p.f.Metadata.Name = v
				} else {
					p.f.Metadata.Desc = v
				}
			}
			return err
		}
		return p.x.Skip()
	})
}

// text reads the character data of the element just started, to its end
// (CDATA included, nested elements skipped), trimmed.
func (p *parser) text() (string, error) {
	var b []byte
	for {
		t, err := p.token()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			if err := p.x.Skip(); err != nil {
				return "", p.wrap(err)
			}
		case xml.EndElement:
			return strings.TrimSpace(string(b)), nil
		}
	}
}

// placemark reads a Placemark into waypoints and a track.
func (p *parser) placemark() error {
	pm := placemark{line: p.line()}
	if err := p.geometryChildren(&pm, true); err != nil {
		return err
	}
	if pm.skip {
		return nil
	}
	for _, pt := range pm.points {
		w := route.Waypoint{Point: pt.p, HasPoint: true, Name: pm.name, Desc: pm.desc, Type: pm.typ, Time: pm.when, Line: pm.line}
		if !math.IsNaN(pt.ele) {
			w.Ele, w.HasEle = pt.ele, true
		}
		w.ApplyConventions("")
		p.f.Waypoints = append(p.f.Waypoints, w)
	}
	if len(pm.segs) > 0 {
		p.f.Tracks = append(p.f.Tracks, route.Track{Name: pm.name, Desc: pm.desc, Type: pm.typ, Segments: pm.segs})
	}
	return nil
}

// placemark is what a Placemark holds.
type placemark struct {
	line       int
	name, desc string
	typ        string // from ExtendedData
	when       time.Time
	points     []kmlPoint
	segs       []route.Segment
	skip       bool // a bad value made it skipped (lenient)
}

type kmlPoint struct {
	p   orb.Point
	ele float64 // NaN when none
}

// geometryChildren reads the children of a Placemark (top is true) or of a
// MultiGeometry / gx:MultiTrack up to its end tag.
func (p *parser) geometryChildren(pm *placemark, top bool) error {
	return p.children(func(se xml.StartElement) error {
		var err error
		switch local := se.Name.Local; {
		case top && local == "name":
			pm.name, err = p.text()
		case top && local == "description":
			pm.desc, err = p.text()
		case top && local == "TimeStamp":
			err = p.timeStamp(pm)
		case top && local == "ExtendedData":
			err = p.extendedData(pm)
		case local == "Point":
			err = p.point(pm)
		case local == "LineString":
			err = p.lineString(pm)
		case local == "Track":
			err = p.track(pm)
		case local == "MultiGeometry", local == "MultiTrack":
			err = p.geometryChildren(pm, false)
		default: // Polygon, LinearRing, Model, styles, ExtendedData…
			err = p.x.Skip()
		}
		return err
	})
}

// typeFields are the ExtendedData fields that give a placemark's type, in
// order of preference: a type written by hand, OpenStreetMap's highway
// and surface tags (as ogr2ogr exports them).
var typeFields = []string{"type", "highway", "surface"}

// extendedData reads a placemark's type from its ExtendedData: a
// <Data name="type"><value>…</value></Data>, or a <SimpleData name="…"> of
// a SchemaData.
func (p *parser) extendedData(pm *placemark) error {
	rank := len(typeFields)
	if pm.typ != "" {
		rank = 0
	}
	take := func(name, v string) {
		for k, f := range typeFields {
			if strings.EqualFold(name, f) && k < rank && v != "" {
				pm.typ, rank = v, k
			}
		}
	}
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	return p.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "Data":
			name := attr(se, "name")
			return p.children(func(v xml.StartElement) error {
				if v.Name.Local != "value" {
					return p.x.Skip()
				}
				t, err := p.text()
				take(name, t)
				return err
			})
		case "SchemaData":
			return p.children(func(sd xml.StartElement) error {
				if sd.Name.Local != "SimpleData" {
					return p.x.Skip()
				}
				t, err := p.text()
				take(attr(sd, "name"), t)
				return err
			})
		}
		return p.x.Skip()
	})
}

// timeStamp reads a TimeStamp's <when>.
func (p *parser) timeStamp(pm *placemark) error {
	return p.children(func(se xml.StartElement) error {
		if se.Name.Local != "when" {
			return p.x.Skip()
		}
		line := p.line()
		v, err := p.text()
		if err != nil {
			return err
		}
		tm, ok := parseWhen(v)
		if !ok {
			_, err := p.bad(newError(line, "when", fmt.Sprintf("time %q is not an RFC 3339 time or date", limit(v))))
			return err
		}
		pm.when = tm
		return nil
	})
}

// geomText reads a geometry element (Point, LineString), returning the text
// of its <coordinates>, its line, and whether it was given.
func (p *parser) geomText() (coords string, line int, ok bool, err error) {
	err = p.children(func(se xml.StartElement) error {
		if se.Name.Local != "coordinates" {
			return p.x.Skip()
		}
		line = p.line()
		var err error
		coords, err = p.text()
		ok = true
		return err
	})
	return coords, line, ok, err
}

// point reads a Point.
func (p *parser) point(pm *placemark) error {
	coords, line, ok, err := p.geomText()
	if err != nil || !ok {
		return err
	}
	tuples := splitTuples(coords)
	if len(tuples) == 0 {
		return nil // <coordinates/>: a placemark without a place
	}
	pt, msg := parseTuple(tuples[0], ',')
	if msg != "" {
		skip, err := p.bad(newError(line, "Point", msg))
		pm.skip = pm.skip || skip
		return err
	}
	if pt.ele == 0 {
		pt.ele = math.NaN() // clamped to the ground, as lines of zeros are
	}
	pm.points = append(pm.points, pt)
	return nil
}

// lineString reads a LineString as one segment.
func (p *parser) lineString(pm *placemark) error {
	coords, line, ok, err := p.geomText()
	if err != nil || !ok {
		return err
	}
	var seg route.Segment
	var ele []float64
	for _, tu := range splitTuples(coords) {
		pt, msg := parseTuple(tu, ',')
		if msg != "" {
			if _, err := p.bad(newError(line, "LineString", msg)); err != nil {
				return err
			}
			continue
		}
		seg.Points = append(seg.Points, pt.p)
		ele = append(ele, pt.ele)
	}
	seg.Ele = keepEle(ele)
	if len(seg.Points) > 0 {
		pm.segs = append(pm.segs, seg)
	}
	return nil
}

// track reads a gx:Track: <when>s and <gx:coord>s in order.
func (p *parser) track(pm *placemark) error {
	type coord struct {
		pt    kmlPoint
		empty bool
	}
	var whens []time.Time
	var coords []coord
	line := p.line()
	badTimes := false
	err := p.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "when":
			l := p.line()
			v, err := p.text()
			if err != nil {
				return err
			}
			tm, ok := parseWhen(v)
			if !ok && !badTimes {
				if _, err := p.bad(newError(l, "when", fmt.Sprintf("time %q is not an RFC 3339 time or date (the track's times are dropped)", limit(v)))); err != nil {
					return err
				}
				badTimes = true
			}
			whens = append(whens, tm)
		case "coord":
			l := p.line()
			v, err := p.text()
			if err != nil {
				return err
			}
			if v == "" {
				coords = append(coords, coord{empty: true})
				return nil
			}
			pt, msg := parseTuple(v, ' ')
			if msg != "" {
				// A bad coordinate (lenient) ends the segment as an
				// empty one does, keeping the pairing with <when>.
				coords = append(coords, coord{empty: true})
				_, err := p.bad(newError(l, "gx:coord", msg))
				return err
			}
			coords = append(coords, coord{pt: pt})
		default:
			return p.x.Skip()
		}
		return nil
	})
	if err != nil {
		return err
	}
	timed := len(whens) > 0 && !badTimes
	if len(whens) > 0 && len(whens) != len(coords) {
		if _, err := p.bad(newError(line, "gx:Track", fmt.Sprintf("%d <when> for %d <gx:coord> (the track's times are dropped)", len(whens), len(coords)))); err != nil {
			return err
		}
		timed = false
	}
	var seg route.Segment
	var ele []float64
	flush := func() {
		if len(seg.Points) > 0 {
			seg.Ele = keepEle(ele)
			pm.segs = append(pm.segs, seg)
		}
		seg, ele = route.Segment{}, nil
	}
	for i, c := range coords {
		if c.empty {
			flush()
			continue
		}
		seg.Points = append(seg.Points, c.pt.p)
		ele = append(ele, c.pt.ele)
		if timed {
			seg.Time = append(seg.Time, whens[i])
		}
	}
	flush()
	return nil
}

// keepEle returns the elevations of a line, nil when none was given or
// every one given is 0 (clamped to the ground).
func keepEle(ele []float64) []float64 {
	any := false
	for _, e := range ele {
		if !math.IsNaN(e) && e != 0 {
			any = true
			break
		}
	}
	if !any {
		return nil
	}
	return ele
}

// splitTuples splits a <coordinates> text into its tuples: white space
// separates tuples, commas (with or without spaces around them) the
// values of one.
func splitTuples(s string) []string {
	f := strings.Fields(s)
	out := f[:0]
	for i := 0; i < len(f); i++ {
		t := f[i]
		// Join "1.5," "2.5" and "1.5" ",2.5" and "1.5" "," "2.5".
		for i+1 < len(f) && (strings.HasSuffix(t, ",") || strings.HasPrefix(f[i+1], ",")) {
			t += f[i+1]
			i++
		}
		out = append(out, t)
	}
	return out
}

// parseTuple parses "lon,lat[,alt]" (sep ',') or "lon lat [alt]" (sep
// ' '); msg says what is wrong, "" when nothing is.
func parseTuple(s string, sep byte) (kmlPoint, string) {
	var parts []string
	if sep == ' ' {
		parts = strings.Fields(s)
	} else {
		parts = strings.Split(s, ",")
	}
	if len(parts) < 2 || len(parts) > 3 {
		return kmlPoint{}, fmt.Sprintf("coordinate %q is not lon,lat[,alt]", limit(s))
	}
	num := func(v string) (float64, bool) {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	lon, ok := num(parts[0])
	if !ok {
		return kmlPoint{}, fmt.Sprintf("longitude %q is not a number", limit(parts[0]))
	}
	lat, ok := num(parts[1])
	if !ok {
		return kmlPoint{}, fmt.Sprintf("latitude %q is not a number", limit(parts[1]))
	}
	if lat < -90 || lat > 90 {
		return kmlPoint{}, fmt.Sprintf("latitude %v out of range", lat)
	}
	if lon < -180 || lon > 180 {
		return kmlPoint{}, fmt.Sprintf("longitude %v out of range", lon)
	}
	pt := kmlPoint{p: orb.Point{lon, lat}, ele: math.NaN()}
	if len(parts) == 3 {
		e, ok := num(parts[2])
		if !ok {
			return kmlPoint{}, fmt.Sprintf("altitude %q is not a number", limit(parts[2]))
		}
		pt.ele = e
	}
	return pt, ""
}

// parseWhen parses a KML time: RFC 3339 (fraction and offset optional), a
// time without a zone (UTC), or a date.
func parseWhen(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// limit shortens s for a message.
func limit(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

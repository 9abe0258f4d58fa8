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
	"strings"
	"time"

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
	// failing, and records each with File.Skip (File.Skipped keeps the
	// first route.MaxSkipped, File.SkippedCount counts them all).
	// Malformed XML and the limits fail either way.
	Lenient bool
}

// Decode reads a KML or KMZ document from r with the zero Decoder.
func Decode(r io.Reader) (*route.File, error) { return (&Decoder{}).Decode(r) }

// Decode reads a KML document, or a KMZ (a zip holding one, doc.kml by
// custom, else the first .kml file at the top), from r.
//
// Every Placemark anywhere in the document (in Documents and Folders, at
// any depth) is read; styles, regions, overlays and unknown extensions are
// skipped. In a KMZ, the documents of the same KMZ that NetworkLinks name
// are read too, after the linking one; the addresses of the others (the
// web, files beside the document) are File.NetworkLinks. A Placemark's Points become waypoints
// (name, description, TimeStamp), taking a control role from their name by
// the plain-GPX conventions ("DSS", "WPM 12", "WPM12:90"; see
// route.Waypoint.ApplyConventions), except placemarks of one Point each that
// are a track's fixes: those that repeat, in order, a line's points (GPSBabel
// writes a track as such a "Points" folder beside its "Path"), or three or
// more in a folder that all have a time, in order, and no control role
// (Google's time-stamp sample) are read as a timed track (see
// decode_fixes.go); its lines (LineString, gx:Track, the lines of a
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
// RFC 3339 (a leap second is read), or a date, a year and month or a year
// (taken as its start, UTC), returned in UTC. Numbers are xsd:decimal.
//
// Errors are *route.FormatError values naming the line and element; a bad
// point (a coordinate that is not a decimal or is out of range, an altitude
// outside route.MinEle to route.MaxEle, a time outside the years
// route.MinYear to route.MaxYear) fails in strict decoding and is skipped,
// and recorded with File.Skip, in lenient decoding. An empty file is
// route.ErrEmpty. A document past one of the limits of package route (a
// KMZ or KML of route.MaxKML bytes, checked from the zip's header before
// inflating; a token of route.MaxToken bytes; nesting route.MaxDepth deep;
// route.MaxElements elements, route.MaxWaypoints waypoints, route.MaxLines
// tracks and segments) fails at once with an error of kind route.ErrLimit,
// so time and memory stay bounded whatever the input.
func (d *Decoder) Decode(r io.Reader) (*route.File, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(len(kmzMagic))
	if isZip(head) {
		return d.decodeKMZ(br)
	}
	return d.decodeKML(br)
}

func (d *Decoder) decodeKMZ(r io.Reader) (*route.File, error) {
	// A zip is read from its end: the whole file is needed. route.MaxKML
	// bounds it as it bounds the document inside.
	b, err := io.ReadAll(io.LimitReader(r, route.MaxKML+1))
	if err != nil {
		return nil, fmt.Errorf("kml: %w", err)
	}
	if len(b) > route.MaxKML {
		return nil, limitError(0, "", "KMZ file larger than "+sizes(route.MaxKML))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, newError(0, "", "not a readable KMZ (zip): "+err.Error())
	}
	if len(zr.File) == 0 {
		return nil, newError(0, "", "empty KMZ: the zip holds no file")
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
		return nil, newError(0, "", "a KMZ with no .kml file at its top level")
	}
	// The zip says how large the document inflates to: refuse a bomb
	// before inflating it. archive/zip checks the size as it inflates, so
	// a zip that says less fails there.
	if doc.UncompressedSize64 > route.MaxKML {
		return nil, limitError(0, "", fmt.Sprintf("%s in the KMZ inflates to %s, over the limit of %s", doc.Name, mib(doc.UncompressedSize64), sizes(route.MaxKML)))
	}
	f, err := d.decodeEntry(doc)
	if err != nil {
		return nil, err
	}
	return d.followLinks(zr, doc, f)
}

// decodeEntry decodes the KML document zf of a KMZ.
func (d *Decoder) decodeEntry(zf *zip.File) (*route.File, error) {
	if zf.Flags&0x1 != 0 { // archive/zip would inflate the cipher text
		return nil, newError(0, "", zf.Name+" in the KMZ is encrypted (a zip with a password): save the KMZ without one")
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, newError(0, "", fmt.Sprintf("%s in the KMZ: %v", zf.Name, err))
	}
	defer rc.Close()
	f, err := d.decodeKML(rc)
	if err != nil {
		var ke *route.FormatError
		if errors.As(err, &ke) {
			return nil, fmt.Errorf("%s in the KMZ: %w", zf.Name, err)
		}
		return nil, err
	}
	return f, nil
}

// followLinks reads, as Google Earth shows them, the KML documents of the
// KMZ zr that the NetworkLinks of its document doc (read into f) name,
// and theirs in turn, each once, adding their waypoints and tracks to f
// after doc's own; the links it cannot follow (the web, files beside the
// KMZ) stay in f.NetworkLinks. Everything read together stays within the
// limits of one document.
func (d *Decoder) followLinks(zr *zip.Reader, doc *zip.File, f *route.File) (*route.File, error) {
	type link struct{ href, dir string }
	var todo []link
	queue := func(links []string, from string) {
		for _, h := range links {
			todo = append(todo, link{h, path.Dir(strings.TrimPrefix(from, "/"))})
		}
	}
	queue(f.NetworkLinks, doc.Name)
	f.NetworkLinks = nil
	read := map[*zip.File]bool{doc: true}
	inflated := doc.UncompressedSize64
	for len(todo) > 0 {
		l := todo[0]
		todo = todo[1:]
		zf := archiveFile(zr, l.dir, l.href)
		if zf == nil {
			f.NetworkLinks = append(f.NetworkLinks, l.href)
			continue
		}
		if read[zf] {
			continue
		}
		read[zf] = true
		if inflated += zf.UncompressedSize64; inflated > route.MaxKML {
			return nil, limitError(0, "", fmt.Sprintf("the documents of the KMZ its network links name inflate to %s, over the limit of %s", mib(inflated), sizes(route.MaxKML)))
		}
		g, err := d.decodeEntry(zf)
		if err != nil {
			return nil, err
		}
		f.Waypoints = append(f.Waypoints, g.Waypoints...)
		f.Routes = append(f.Routes, g.Routes...)
		f.Tracks = append(f.Tracks, g.Tracks...)
		for _, e := range g.Skipped {
			f.Skip(e)
		}
		f.SkippedCount += g.SkippedCount - len(g.Skipped)
		if len(f.Waypoints) > route.MaxWaypoints {
			return nil, limitError(0, "", "more than "+thousands(route.MaxWaypoints)+" waypoints in the KMZ's documents")
		}
		lines := len(f.Tracks)
		for _, t := range f.Tracks {
			lines += len(t.Segments)
		}
		if lines > route.MaxLines {
			return nil, limitError(0, "", "more than "+thousands(route.MaxLines)+" tracks and segments in the KMZ's documents")
		}
		queue(g.NetworkLinks, zf.Name)
	}
	return f, nil
}

// archiveFile returns the KML document of the KMZ zr that a NetworkLink's
// href names, relative to the folder dir of the document that links to it;
// nil for an address on the web or outside the KMZ, or a file the KMZ does
// not hold.
func archiveFile(zr *zip.Reader, dir, href string) *zip.File {
	href, _, _ = strings.Cut(href, "#")
	if href == "" || strings.Contains(href, ":") || strings.HasPrefix(href, "/") || strings.Contains(href, "\\") ||
		!strings.EqualFold(path.Ext(href), ".kml") {
		return nil
	}
	name := path.Clean(path.Join(dir, href))
	if name == ".." || strings.HasPrefix(name, "../") {
		return nil
	}
	var fold *zip.File
	for _, zf := range zr.File {
		n := strings.TrimPrefix(zf.Name, "/")
		if n == name {
			return zf
		}
		if fold == nil && strings.EqualFold(n, name) {
			fold = zf
		}
	}
	return fold
}

// mib writes a size in MiB, or GiB from 1 GiB, for messages.
func mib(n uint64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// limitError returns an error of kind route.ErrLimit.
func limitError(line int, elem, what string) *route.FormatError {
	e := newError(line, elem, what)
	e.Err = route.ErrLimit
	return e
}

func (d *Decoder) decodeKML(r io.Reader) (*route.File, error) {
	r, err := utf8Reader(r)
	if err != nil {
		return nil, err
	}
	x := xml.NewDecoder(newGuard(r))
	x.Strict = true
	x.Entity = xml.HTMLEntity // descriptions written by hand hold &nbsp;
	x.CharsetReader = charsetReader
	p := &parser{x: x, lenient: d.Lenient, f: &route.File{}, cur: -1}
	if err := p.document(); err != nil {
		return nil, err
	}
	p.f.NetworkLinks = p.links
	return p.f, nil
}

// charsetReader decodes the encodings an XML declaration may name.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-16", "utf-16le", "utf-16be":
		return in, nil // decoded by utf8Reader, after its byte-order mark
	}
	e, err := ianaindex.IANA.Encoding(label)
	if err != nil || e == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return transform.NewReader(in, e.NewDecoder()), nil
}

// parser is one decoding.
type parser struct {
	x        *xml.Decoder
	lenient  bool
	f        *route.File
	docSeen  bool // the first Document's name and description are taken
	depth    int  // open elements
	elements int  // start tags read
	lines    int  // tracks and segments read
	buf      []byte

	// The placemarks of one Point, decided at the end (decode_fixes.go).
	conts []container // every Document and Folder read
	cur   int         // the open one, -1 outside the root
	seq   int         // placemarks that give waypoints, so far
	wseq  []int       // seq of each of File.Waypoints

	links []string // the hrefs of the NetworkLinks read
}

// line is the line the decoder has reached (that of the token just read,
// near enough: the end of it).
func (p *parser) line() int {
	l, _ := p.x.InputPos()
	return l
}

// xmlError turns an encoding/xml error into a *route.FormatError.
func (p *parser) xmlError(err error) error {
	var fe *route.FormatError
	if errors.As(err, &fe) {
		return fe // a limit, from the guard
	}
	if err == io.EOF {
		return newError(p.line(), "", "unexpected end of file")
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return newError(se.Line, "", se.Msg)
	}
	return newError(p.line(), "", err.Error())
}

// next returns the next token, counting the elements and their depth
// against route.MaxElements and route.MaxDepth; at the end of the input it
// returns io.EOF.
func (p *parser) next() (xml.Token, error) {
	t, err := p.x.Token()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, p.xmlError(err)
	}
	switch t := t.(type) {
	case xml.StartElement:
		if p.depth == route.MaxDepth {
			return nil, limitError(p.line(), t.Name.Local, "nested deeper than "+thousands(route.MaxDepth)+" levels")
		}
		if p.elements++; p.elements > route.MaxElements {
			return nil, limitError(p.line(), t.Name.Local, "more than "+thousands(route.MaxElements)+" elements")
		}
		p.depth++
	case xml.EndElement:
		p.depth--
	}
	return t, nil
}

// token returns the next token; the end of the input is an error.
func (p *parser) token() (xml.Token, error) {
	t, err := p.next()
	if err == io.EOF {
		return nil, p.xmlError(err)
	}
	return t, err
}

// skip reads the element just started to its end, without recursion.
func (p *parser) skip() error {
	for depth := 1; depth > 0; {
		t, err := p.token()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
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
		t, err := p.next()
		if err == io.EOF {
			if !content {
				return &route.FormatError{Format: "kml", Msg: "empty file", Err: route.ErrEmpty}
			}
			return newError(0, "", "no root element: not a KML file")
		}
		if err != nil {
			return err
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
			if err := p.finish(); err != nil {
				return err
			}
			// Nothing but comments and white space may follow.
			for {
				t, err := p.next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
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
				err = p.skip()
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
	defer p.closeContainer(p.openContainer())
	c := p.cur
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
		case "NetworkLink":
			return p.networkLink()
		case "name", "description":
			v, err := p.text()
			if se.Name.Local == "name" {
				p.conts[c].name = v
			}
			if file && err == nil {
				if se.Name.Local == "name" {
					p.f.Metadata.Name = v
				} else {
					p.f.Metadata.Desc = v
				}
			}
			return err
		}
		return p.skip()
	})
}

// networkLink reads a NetworkLink's address: its Link's href (Url in KML
// 2.0 and 2.1).
func (p *parser) networkLink() error {
	return p.children(func(se xml.StartElement) error {
		if se.Name.Local != "Link" && se.Name.Local != "Url" {
			return p.skip()
		}
		return p.children(func(se xml.StartElement) error {
			if se.Name.Local != "href" {
				return p.skip()
			}
			v, err := p.text()
			if err == nil && v != "" {
				p.links = append(p.links, v)
			}
			return err
		})
	})
}

// text reads the character data of the element just started, to its end
// (CDATA included, nested elements skipped), trimmed.
func (p *parser) text() (string, error) {
	b, err := p.textBytes()
	return string(b), err
}

// textBytes is text, valid until the next read.
func (p *parser) textBytes() ([]byte, error) {
	b := p.buf[:0]
	for {
		t, err := p.token()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.CharData:
			b = append(b, t...)
			if len(b) > route.MaxToken {
				return nil, limitError(p.line(), "", "text longer than "+sizes(route.MaxToken))
			}
		case xml.StartElement:
			if err := p.skip(); err != nil {
				return nil, err
			}
		case xml.EndElement:
			p.buf = b
			return bytes.TrimSpace(b), nil
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
	if len(pm.points) == 1 && len(pm.segs) == 0 && !pm.multi {
		p.addMark(&pm) // a waypoint, or a fix of a track: see finish
		return nil
	}
	for _, pt := range pm.points {
		if len(p.f.Waypoints) == route.MaxWaypoints {
			return limitError(pm.line, "Placemark", "more than "+thousands(route.MaxWaypoints)+" waypoints")
		}
		p.f.Waypoints = append(p.f.Waypoints, newWaypoint(pt, pm.name, pm.desc, pm.typ, pm.when, pm.line))
		p.wseq = append(p.wseq, p.seq)
	}
	if len(pm.points) > 0 {
		p.seq++
	}
	if len(pm.segs) > 0 {
		if err := p.segment(pm.line, "Placemark"); err != nil {
			return err
		}
		p.f.Tracks = append(p.f.Tracks, route.Track{Name: pm.name, Desc: pm.desc, Type: pm.typ, Segments: pm.segs})
	}
	return nil
}

// placemark is what a Placemark holds.
type placemark struct {
	line       int
	name, desc string
	typ        string // from ExtendedData
	style      string // styleUrl
	multi      bool   // has a MultiGeometry or gx:MultiTrack
	when       time.Time
	points     []kmlPoint
	segs       []route.Segment
	skip       bool // a bad value made it skipped (lenient)
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
		case top && local == "styleUrl":
			pm.style, err = p.text()
		case local == "Point":
			err = p.point(pm)
		case local == "LineString":
			err = p.lineString(pm)
		case local == "Track":
			err = p.track(pm)
		case local == "MultiGeometry", local == "MultiTrack":
			pm.multi = true
			err = p.geometryChildren(pm, false)
		default: // Polygon, LinearRing, Model, styles, ExtendedData…
			err = p.skip()
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
					return p.skip()
				}
				t, err := p.text()
				take(name, t)
				return err
			})
		case "SchemaData":
			return p.children(func(sd xml.StartElement) error {
				if sd.Name.Local != "SimpleData" {
					return p.skip()
				}
				t, err := p.text()
				take(attr(sd, "name"), t)
				return err
			})
		}
		return p.skip()
	})
}

// timeStamp reads a TimeStamp's <when>.
func (p *parser) timeStamp(pm *placemark) error {
	return p.children(func(se xml.StartElement) error {
		if se.Name.Local != "when" {
			return p.skip()
		}
		line := p.line()
		v, err := p.textBytes()
		if err != nil {
			return err
		}
		if len(v) == 0 {
			// <when/>: no time, as GPSBabel writes for a point without one.
			return nil
		}
		tm, msg := parseWhen(v)
		if msg != "" {
			_, err := p.bad(newError(line, "when", fmt.Sprintf("time %q %s", limit(string(v)), msg)))
			return err
		}
		pm.when = tm
		return nil
	})
}

// geomText reads a geometry element (Point, LineString), returning the text
// of its <coordinates> (valid until the next read), its line, and whether
// it was given.
func (p *parser) geomText() (coords []byte, line int, ok bool, err error) {
	err = p.children(func(se xml.StartElement) error {
		if se.Name.Local != "coordinates" {
			return p.skip()
		}
		line = p.line()
		var err error
		coords, err = p.textBytes()
		ok = true
		return err
	})
	return coords, line, ok, err
}

// segment counts a segment against route.MaxLines.
func (p *parser) segment(line int, elem string) error {
	if p.lines++; p.lines > route.MaxLines {
		return limitError(line, elem, "more than "+thousands(route.MaxLines)+" tracks and segments")
	}
	return nil
}

// point reads a Point.
func (p *parser) point(pm *placemark) error {
	coords, line, ok, err := p.geomText()
	if err != nil || !ok {
		return err
	}
	var first []byte
	eachTuple(coords, func(t []byte) bool { first = t; return false })
	if first == nil {
		return nil // <coordinates/>: a placemark without a place
	}
	pt, msg := parseTuple(first, ',')
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
	eachTuple(coords, func(tu []byte) bool {
		pt, msg := parseTuple(tu, ',')
		if msg != "" {
			if _, err = p.bad(newError(line, "LineString", msg)); err != nil {
				return false
			}
			return true
		}
		seg.Points = append(seg.Points, pt.p)
		ele = append(ele, pt.ele)
		return true
	})
	if err != nil {
		return err
	}
	seg.Ele = keepEle(ele)
	if len(seg.Points) > 0 {
		if err := p.segment(line, "LineString"); err != nil {
			return err
		}
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
			v, err := p.textBytes()
			if err != nil {
				return err
			}
			if len(v) == 0 {
				// <when/>: a fix without a time (GPSBabel writes one for
				// each point that has none), zero as in GPX.
				whens = append(whens, time.Time{})
				return nil
			}
			tm, msg := parseWhen(v)
			if msg != "" && !badTimes {
				if _, err := p.bad(newError(l, "when", fmt.Sprintf("time %q %s (the track's times are dropped)", limit(string(v)), msg))); err != nil {
					return err
				}
				badTimes = true
			}
			whens = append(whens, tm)
		case "coord":
			l := p.line()
			v, err := p.textBytes()
			if err != nil {
				return err
			}
			if len(v) == 0 {
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
			return p.skip()
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Timed when one <when> at least has a time (every one empty is no
	// time at all).
	timed := anyTime(whens) && !badTimes
	if len(whens) > 0 && len(whens) != len(coords) {
		if _, err := p.bad(newError(line, "gx:Track", fmt.Sprintf("%d <when> for %d <gx:coord> (the track's times are dropped)", len(whens), len(coords)))); err != nil {
			return err
		}
		timed = false
	}
	var seg route.Segment
	var ele []float64
	flush := func() error {
		if len(seg.Points) > 0 {
			if err := p.segment(line, "gx:Track"); err != nil {
				return err
			}
			seg.Ele = keepEle(ele)
			if !anyTime(seg.Time) {
				seg.Time = nil
			}
			pm.segs = append(pm.segs, seg)
		}
		seg, ele = route.Segment{}, nil
		return nil
	}
	for i, c := range coords {
		if c.empty {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		seg.Points = append(seg.Points, c.pt.p)
		ele = append(ele, c.pt.ele)
		if timed {
			seg.Time = append(seg.Time, whens[i])
		}
	}
	return flush()
}

// anyTime reports whether one of ts is a time (not zero).
func anyTime(ts []time.Time) bool {
	for _, t := range ts {
		if !t.IsZero() {
			return true
		}
	}
	return false
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

// limit shortens s for a message.
func limit(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

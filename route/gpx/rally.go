package gpx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roadbook/roadbook/route"
)

// NamespaceOpenRally is the OpenRally namespace Encode writes rally fields
// in (v1.0.3), bound to the prefix "openrally". Decode reads every version:
// any namespace whose URI starts with http://www.openrally.org/xmlschemas/.
const NamespaceOpenRally = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"

// The OpenRally elements of every version, and how each is read into a
// route.Waypoint and written back. One table serves the decoder (rallyTags,
// by element name) and the encoder (the same entries, in writing order):
// an element the table does not name is kept as written
// (route.Waypoint.Extensions).
//
//	roles (name, open, clear)  dss ass dz fz wpv wpm wpe wps wpc wpn wpp
//	                           checkpoint fn dt ft fuel
//	  v0.x synonyms            startspecialstage finishspecialstage endofzone
//	                           waypointmasked waypointeclipse waypointsafety
//	                           passagecontrol
//	  the zones proposal       dn dnz dtz (and a time attribute on any role)
//	values                     distance reset cap speed danger neutralization
//	                           stop timecontrol tulip notes
//	  v0.x synonyms            resettozero capheading stopcontrol speed kph=""
//	                           onedanger twodanger threedanger
//	markers                    show_coordinates medical helicopter police fire
//	                           spectators media
//	  v0.x only                gps endfuel radio begintireservice
//	                           endtireservice toilets giveway sensitivezone
//	                           startofassistance finishofassistance
//	                           startofzone village

// rallyTag is how one OpenRally element is read.
type rallyTag struct {
	kind route.Kind // the role it gives; 0 for a value or a marker
	zone bool       // dnz, dtz: the role is also a speed zone
	// read reads the element (its start tag just read) into w; nil for a
	// role, which readRole reads.
	read func(d *decoder, w *route.Waypoint, t *tagRead) error
}

// tagRead is the element being read, for the read functions.
type tagRead struct {
	local string
	elem  string // as written, for messages
	line  int
	p     *pending
}

// bad records a bad value of the element (lenient decoding leaves the
// waypoint out).
// maxSeconds bounds durations: route.MaxDuration in seconds.
const maxSeconds = int(route.MaxDuration / time.Second)

func (t *tagRead) bad(format string, args ...any) {
	t.p.fail(newError(t.line, t.elem, sprintf(format, args...)))
}

// roleTag, zoneTag and readTag build table entries.
func roleTag(k route.Kind) rallyTag { return rallyTag{kind: k} }
func zoneTag(k route.Kind) rallyTag { return rallyTag{kind: k, zone: true} }
func readTag(f func(d *decoder, w *route.Waypoint, t *tagRead) error) rallyTag {
	return rallyTag{read: f}
}

// rallyTags maps the OpenRally element names of every version to how they
// are read.
var rallyTags = map[string]rallyTag{
	"dss": roleTag(route.DSS), "startspecialstage": roleTag(route.DSS),
	"ass": roleTag(route.ASS), "finishspecialstage": roleTag(route.ASS),
	"dz": roleTag(route.DZ),
	"fz": roleTag(route.FZ), "endofzone": roleTag(route.FZ),
	"wpv": roleTag(route.WPV),
	"wpm": roleTag(route.WPM), "waypointmasked": roleTag(route.WPM),
	"wpe": roleTag(route.WPE), "waypointeclipse": roleTag(route.WPE),
	"wps": roleTag(route.WPS), "waypointsafety": roleTag(route.WPS),
	"wpc":        roleTag(route.WPC),
	"wpn":        roleTag(route.WPN),
	"wpp":        roleTag(route.WPP),
	"checkpoint": roleTag(route.CP), "passagecontrol": roleTag(route.CP),
	"fn":   roleTag(route.FN),
	"dt":   roleTag(route.DT),
	"ft":   roleTag(route.FT),
	"fuel": roleTag(route.Fuel),
	// The neutralisation and transfer-zone proposal.
	"dn":  roleTag(route.DN),
	"dnz": zoneTag(route.DN),
	"dtz": zoneTag(route.DT),

	"distance": readTag(readDistance),
	"reset":    readTag(readReset), "resettozero": readTag(readReset),
	"cap": readTag(readCap), "capheading": readTag(readCap),
	"speed":          readTag(readSpeed),
	"danger":         readTag(readDanger),
	"onedanger":      readTag(readDangerMarker(1)),
	"twodanger":      readTag(readDangerMarker(2)),
	"threedanger":    readTag(readDangerMarker(3)),
	"neutralization": readTag(readNeutralization),
	"stop":           readTag(readStop), "stopcontrol": readTag(readStop),
	"timecontrol":      readTag(readTimeControl),
	"tulip":            readTag(readDrawing),
	"notes":            readTag(readDrawing),
	"show_coordinates": readTag(readShowCoordinates),
}

// safetyMarkers are the OpenRally v1.0 safety markers (Waypoint.Safety);
// oldMarkers those of the v0.x drafts that no later version kept
// (Waypoint.Markers). Both are written back in this order.
var (
	safetyMarkers = []string{"medical", "helicopter", "police", "fire", "spectators", "media"}
	oldMarkers    = []string{"gps", "endfuel", "radio", "begintireservice", "endtireservice", "toilets",
		"giveway", "sensitivezone", "startofassistance", "finishofassistance", "startofzone", "village"}
)

func init() {
	for _, m := range safetyMarkers {
		rallyTags[m] = readTag(readSafety)
	}
	for _, m := range oldMarkers {
		rallyTags[m] = readTag(readMarker)
	}
}

// rally reads one OpenRally element of a <wpt> (its start tag just read)
// into w. Bad values go through p; an element of no known version is kept
// as written.
func (d *decoder) rally(w *route.Waypoint, p *pending) error {
	s := d.s
	d.noteRally()
	local := string(s.local)
	tag, ok := rallyTags[local]
	if !ok {
		return d.keep(&w.Extensions)
	}
	t := &tagRead{local: local, elem: s.name(), line: s.lineAt(s.tokPos), p: p}
	if tag.read != nil {
		return tag.read(d, w, t)
	}
	return d.readRole(w, tag, t)
}

// noteRally records the namespace of the OpenRally element just read as the
// file's, when it is the first.
func (d *decoder) noteRally() {
	if d.f.OpenRally == "" {
		if b := d.s.space(d.s.prefix); b != nil {
			d.f.OpenRally = b.uri
		}
	}
}

// readRole reads a role: its name, open, clear and time attributes, and a
// speed limit as the content of a dz or dt (<dz>40</dz>).
func (d *decoder) readRole(w *route.Waypoint, tag rallyTag, t *tagRead) error {
	s := d.s
	c := route.Control{Kind: tag.kind, Zone: tag.zone}
	if v, ok := s.attr("name"); ok {
		nv, err := s.attrValue(v)
		if err != nil {
			return newError(t.line, t.elem, err.Error())
		}
		c.Name = cleanString(trimSpace(nv))
	}
	for _, a := range [...]struct {
		name string
		dst  *float64
	}{{"open", &c.Radii.Open}, {"clear", &c.Radii.Clear}} {
		if v, ok := s.attr(a.name); ok {
			f, ok := parseFloat(v)
			if !ok || f < 0 || f > route.MaxRadius {
				t.bad("%s radius %q is not a distance of 0 to %d", a.name, limit(trimSpace(v), 40), route.MaxRadius)
				continue
			}
			*a.dst = f
		}
	}
	if v, ok := s.attr("time"); ok {
		n, ok := parseInt(v)
		if !ok || n < 0 || n > maxSeconds {
			t.bad("time %q is not a number of seconds of 0 to %d", limit(trimSpace(v), 40), maxSeconds)
		} else {
			c.Time = time.Duration(n) * time.Second
			if c.Kind == route.DN && w.Neutralisation == 0 {
				w.Neutralisation = c.Time
			}
		}
	}
	txt, err := s.text()
	if err != nil {
		return err
	}
	if txt = trimSpace(txt); len(txt) > 0 && (c.Kind == route.DZ || c.Kind == route.DT) {
		if f, ok := parseFloat(txt); ok && f >= 0 && f <= route.MaxSpeedLimit {
			w.Speed = f
		} else {
			t.bad("speed limit %q is not a number of 0 to %d", limit(txt, 40), route.MaxSpeedLimit)
		}
	}
	w.AddControl(c)
	return nil
}

// rallyNumber reads the element's text as a number; has is false for an empty
// element.
func (d *decoder) rallyNumber(t *tagRead) (f float64, has bool, err error) {
	txt, err := d.s.text()
	if err != nil {
		return 0, false, err
	}
	txt = trimSpace(txt)
	if len(txt) == 0 {
		return 0, false, nil
	}
	f, ok := parseFloat(txt)
	if !ok {
		t.bad("%s %q is not a number", t.local, limit(txt, 40))
		return 0, false, nil
	}
	return f, true, nil
}

func readDistance(d *decoder, w *route.Waypoint, t *tagRead) error {
	txt, err := d.s.text()
	if err != nil {
		return err
	}
	if f, ok := parseFloat(txt); ok && f >= 0 && f <= route.MaxDistanceKm {
		w.Distance, w.HasDistance = f, true
	} else {
		t.bad("distance %q is not a number of 0 to %d", limit(trimSpace(txt), 40), route.MaxDistanceKm)
	}
	return nil
}

// readReset reads reset (v1.0: its content, by the schema a distance and 0
// by default, is the odometer's value after the reset) or v0.x's
// resettozero.
func readReset(d *decoder, w *route.Waypoint, t *tagRead) error {
	w.Reset = true
	f, has, err := d.rallyNumber(t)
	if err != nil || !has {
		return err
	}
	if f < 0 || f > route.MaxDistanceKm {
		t.bad("reset %v is not a distance of 0 to %d", f, route.MaxDistanceKm)
		return nil
	}
	w.ResetKm = f
	return nil
}

// readCap reads cap, or v0.x's capheading (a marker when empty).
func readCap(d *decoder, w *route.Waypoint, t *tagRead) error {
	f, has, err := d.rallyNumber(t)
	if err != nil || !has {
		return err
	}
	if f < 0 || f > 360 {
		t.bad("cap %v is not a heading in [0, 360]", f)
		return nil
	}
	w.Cap, w.HasCap = f, true
	return nil
}

// readSpeed reads the speed limit: <speed>65</speed>, or v0.1's
// <speed kph="65"/>, whose unit is km/h whatever the file's units.
func readSpeed(d *decoder, w *route.Waypoint, t *tagRead) error {
	s := d.s
	if v, ok := s.attr("kph"); ok {
		if f, ok := parseFloat(v); ok && f >= 0 && f <= route.MaxSpeedLimit {
			if d.f.Units == "statute" {
				f /= route.MileKm // km/h by name: in the file's units, mph
			}
			w.Speed = f
		} else {
			t.bad("speed limit %q is not a number of 0 to %d", limit(trimSpace(v), 40), route.MaxSpeedLimit)
		}
		return s.skip()
	}
	f, has, err := d.rallyNumber(t)
	if err != nil || !has {
		return err
	}
	if f < 0 || f > route.MaxSpeedLimit {
		t.bad("speed limit %v is not a number of 0 to %d", f, route.MaxSpeedLimit)
		return nil
	}
	w.Speed = f
	return nil
}

func readDanger(d *decoder, w *route.Waypoint, t *tagRead) error {
	txt, err := d.s.text()
	if err != nil {
		return err
	}
	if n, ok := parseInt(txt); ok && n >= 0 && n <= 3 {
		w.Danger = n
	} else {
		t.bad("danger %q is not 1, 2 or 3", limit(trimSpace(txt), 40))
	}
	return nil
}

// readDangerMarker reads v0.x's onedanger, twodanger, threedanger.
func readDangerMarker(n int) func(d *decoder, w *route.Waypoint, t *tagRead) error {
	return func(d *decoder, w *route.Waypoint, t *tagRead) error {
		w.Danger = max(w.Danger, n)
		return d.s.skip()
	}
}

// duration reads the element's text as a number of seconds, 0 when empty.
func (d *decoder) duration(t *tagRead) (time.Duration, bool, error) {
	txt, err := d.s.text()
	if err != nil {
		return 0, false, err
	}
	if txt = trimSpace(txt); len(txt) == 0 {
		return 0, true, nil
	}
	n, ok := parseInt(txt)
	if !ok || n < 0 || n > maxSeconds {
		t.bad("duration %q is not a number of seconds of 0 to %d", limit(txt, 40), maxSeconds)
		return 0, false, nil
	}
	return time.Duration(n) * time.Second, true, nil
}

// readNeutralization reads neutralization (seconds; a flag in the drafts):
// a DN.
func readNeutralization(d *decoder, w *route.Waypoint, t *tagRead) error {
	v, ok, err := d.duration(t)
	if err != nil || !ok {
		return err
	}
	w.Neutralisation = v
	w.AddControl(route.Control{Kind: route.DN})
	return nil
}

// readStop reads stop or v0.x's stopcontrol (seconds, 0 when empty).
func readStop(d *decoder, w *route.Waypoint, t *tagRead) error {
	v, ok, err := d.duration(t)
	if err != nil || !ok {
		return err
	}
	w.Stop = v
	w.AddControl(route.Control{Kind: route.Stop})
	return nil
}

// readTimeControl reads timecontrol allowed="minutes": a CH.
func readTimeControl(d *decoder, w *route.Waypoint, t *tagRead) error {
	s := d.s
	if v, ok := s.attr("allowed"); ok {
		n, ok := parseInt(v)
		if !ok || n < 0 || n > maxSeconds/60 {
			t.bad("allowed %q is not a number of minutes of 0 to %d", limit(trimSpace(v), 40), maxSeconds/60)
		} else {
			w.Allowed = time.Duration(n) * time.Minute
		}
	}
	w.AddControl(route.Control{Kind: route.CH})
	return s.skip()
}

// readDrawing reads tulip or notes.
func readDrawing(d *decoder, w *route.Waypoint, t *tagRead) error {
	raw, err := d.s.raw()
	if err != nil {
		return err
	}
	v, err := drawing(raw)
	if err != nil {
		return newError(t.line, t.elem, err.Error())
	}
	if t.local == "tulip" {
		w.Tulip = v
	} else {
		w.Notes = v
	}
	return nil
}

func readShowCoordinates(d *decoder, w *route.Waypoint, t *tagRead) error {
	w.ShowCoordinates = true
	return d.s.skip()
}

func readSafety(d *decoder, w *route.Waypoint, t *tagRead) error {
	if !contains(w.Safety, t.local) {
		w.Safety = append(w.Safety, t.local)
	}
	return d.s.skip()
}

func readMarker(d *decoder, w *route.Waypoint, t *tagRead) error {
	if !contains(w.Markers, t.local) {
		w.Markers = append(w.Markers, t.local)
	}
	return d.s.skip()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// drawing returns the content of a tulip or notes element: its text (CDATA
// sections unwrapped, entities replaced, comments dropped: a data URL, an
// SVG written as text), or the markup as written when it holds elements (an
// inline <svg>).
func drawing(raw []byte) (string, error) {
	var out []byte
	t := raw
	for len(t) > 0 {
		lt := bytes.IndexByte(t, '<')
		seg := t
		if lt >= 0 {
			seg = t[:lt]
		}
		for {
			amp := bytes.IndexByte(seg, '&')
			if amp < 0 {
				out = append(out, seg...)
				break
			}
			out = append(out, seg[:amp]...)
			var n int
			var err error
			if out, n, err = appendEntity(out, seg[amp:]); err != nil {
				return "", err
			}
			seg = seg[amp+n:]
		}
		if lt < 0 {
			break
		}
		t = t[lt:]
		var end int
		switch {
		case bytes.HasPrefix(t, []byte("<![CDATA[")):
			end = bytes.Index(t, []byte("]]>"))
			if end >= 0 {
				out = append(out, t[9:end]...)
				end += 3
			}
		case bytes.HasPrefix(t, []byte("<!--")):
			if end = bytes.Index(t, []byte("-->")); end >= 0 {
				end += 3
			}
		case bytes.HasPrefix(t, []byte("<?")):
			if end = bytes.Index(t, []byte("?>")); end >= 0 {
				end += 2
			}
		default:
			end = -1 // an element: keep the markup
		}
		if end < 0 {
			return cleanString(trimSpace(raw)), nil
		}
		t = t[end:]
	}
	return cleanString(trimSpace(out)), nil
}

// keep reads the element whose start tag was just read as a
// route.Extension and appends it to list: its markup as written, made
// self-contained by declaring on its start tag the namespace prefixes it
// uses that were declared outside it.
func (d *decoder) keep(list *[]route.Extension) error {
	s := d.s
	x := route.Extension{Local: string(s.local), Line: s.lineAt(s.tokPos)}
	prefix := string(s.prefix)
	if b := s.space(s.prefix); b != nil {
		x.Space = b.uri
	}
	qname := s.name()
	start := string(s.buf[s.tokPos:s.pos])
	selfClose := s.pendingEnd
	scope := append([]nsBinding(nil), s.ns...) // the bindings in scope, innermost last
	inner, err := s.raw()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.Grow(len(start) + len(inner) + len(qname) + 64)
	b.WriteString(start[:1+len(qname)])
	own := declared(start)
	used := prefixesUsed(start, inner)
	if prefix != "" {
		used[prefix] = true
	}
	names := make([]string, 0, len(used))
	for p := range used {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		if p == "xml" || p == "xmlns" || own[p] {
			continue
		}
		for i := len(scope) - 1; i >= 0; i-- {
			if scope[i].prefix != p {
				continue
			}
			if p == "" {
				b.WriteString(` xmlns="`)
			} else {
				b.WriteString(" xmlns:" + p + `="`)
			}
			b.WriteString(escapeAttr(scope[i].uri))
			b.WriteString(`"`)
			break
		}
	}
	b.WriteString(start[1+len(qname):])
	if !selfClose {
		b.Write(inner)
		b.WriteString("</" + qname + ">")
	}
	x.XML = xmlString(b.String())
	*list = append(*list, x)
	return nil
}

// xmlString returns s as valid UTF-8 that XML 1.0 can hold: invalid bytes
// and characters XML does not allow become U+FFFD.
func xmlString(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkExtension reports whether x.XML is one well-formed XML element
// (what Encode writes back must keep the document well-formed).
func checkExtension(x route.Extension) error {
	d := xml.NewDecoder(strings.NewReader(x.XML))
	depth, elems := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				elems++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return errors.New("text outside the element")
			}
		case xml.ProcInst, xml.Directive:
			if depth == 0 {
				return errors.New("markup outside the element")
			}
		}
	}
	if elems != 1 || depth != 0 {
		return fmt.Errorf("%d elements, not one", elems)
	}
	return nil
}

// escapeAttr escapes s for an attribute value in double quotes.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, `&<"`) {
		return s
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;")
	return r.Replace(s)
}

// declared returns the prefixes a start tag declares ("" for xmlns=).
func declared(start string) map[string]bool {
	out := map[string]bool{}
	forEachName(start, func(name string, attr bool) {
		if !attr {
			return
		}
		if name == "xmlns" {
			out[""] = true
		} else if p, ok := strings.CutPrefix(name, "xmlns:"); ok {
			out[p] = true
		}
	})
	return out
}

// prefixesUsed returns the prefixes of the element and attribute names of
// well-formed markup ("" for an element without a prefix, which is in the
// default namespace).
func prefixesUsed(parts ...any) map[string]bool {
	out := map[string]bool{}
	for _, part := range parts {
		var m string
		switch v := part.(type) {
		case string:
			m = v
		case []byte:
			m = string(v)
		}
		forEachName(m, func(name string, attr bool) {
			p, _, ok := strings.Cut(name, ":")
			switch {
			case ok:
				out[p] = true
			case !attr:
				out[""] = true
			}
		})
	}
	return out
}

// forEachName calls f with each element name (attr false) and attribute
// name (attr true) of the start tags of well-formed markup, skipping
// comments, CDATA sections, processing instructions and end tags.
func forEachName(m string, f func(name string, attr bool)) {
	isName := func(c byte) bool {
		return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '=' || c == '/' || c == '>' || c == '<')
	}
	for i := 0; i < len(m); {
		lt := strings.IndexByte(m[i:], '<')
		if lt < 0 {
			return
		}
		i += lt
		rest := m[i:]
		skipTo := func(end string) {
			if j := strings.Index(rest, end); j >= 0 {
				i += j + len(end)
			} else {
				i = len(m)
			}
		}
		switch {
		case strings.HasPrefix(rest, "<!--"):
			skipTo("-->")
			continue
		case strings.HasPrefix(rest, "<![CDATA["):
			skipTo("]]>")
			continue
		case strings.HasPrefix(rest, "<?"):
			skipTo("?>")
			continue
		case strings.HasPrefix(rest, "<!"), strings.HasPrefix(rest, "</"):
			skipTo(">")
			continue
		}
		i++
		j := i
		for j < len(m) && isName(m[j]) {
			j++
		}
		f(m[i:j], false)
		i = j
		// Attributes up to the end of the tag.
		for i < len(m) && m[i] != '>' {
			c := m[i]
			switch {
			case c == '"' || c == '\'':
				k := strings.IndexByte(m[i+1:], c)
				if k < 0 {
					return
				}
				i += k + 2
			case isName(c):
				j := i
				for j < len(m) && isName(m[j]) {
					j++
				}
				f(m[i:j], true)
				i = j
			default:
				i++
			}
		}
	}
}

// The encoder's side of the table.

// controlTags gives, by kind, the element a control is written as (v1.0.3
// names; the DN, CH and stop, which carry a value of their own, and the
// fuel marker are written by rallyWriter.control).
var controlTags = [route.NumKinds]string{
	route.DSS: "dss", route.ASS: "ass",
	route.WPV: "wpv", route.WPM: "wpm", route.WPE: "wpe", route.WPS: "wps",
	route.WPC: "wpc", route.WPN: "wpn", route.WPP: "wpp",
	route.DZ: "dz", route.FZ: "fz", route.FN: "fn",
	route.DT: "dt", route.FT: "ft", route.CP: "checkpoint",
}

// hasRally reports whether w has anything to write in OpenRally extensions.
func hasRally(w *route.Waypoint) bool {
	return len(w.Controls) > 0 || w.Speed != 0 || w.Neutralisation != 0 ||
		w.Allowed != 0 || w.Stop != 0 || w.HasDistance || w.HasCap ||
		w.Danger != 0 || w.Reset || w.Notes != "" || w.Tulip != "" ||
		w.ShowCoordinates || len(w.Safety) > 0 || len(w.Markers) > 0
}

// rallyWriter writes a waypoint's OpenRally elements: a pass over the
// waypoint that remembers which values the controls already wrote.
type rallyWriter struct {
	e     *encoder
	where string
	w     *route.Waypoint
	done  map[string]bool // values written: "speed", "neutralization", …
}

const rallyIndent = "   <openrally:"

// rallyFields are the encoder's passes, in writing order: distance and
// reset; the controls in the waypoint's order, each zone followed by its
// speed; the values no control wrote; CAP, danger and the markers; notes
// and tulip.
var rallyFields = []func(r *rallyWriter){
	(*rallyWriter).distance,
	(*rallyWriter).controls,
	(*rallyWriter).values,
	(*rallyWriter).cap,
	(*rallyWriter).danger,
	(*rallyWriter).markers,
	(*rallyWriter).drawings,
}

// rally writes a waypoint's OpenRally elements.
func (e *encoder) rally(where string, w *route.Waypoint) {
	r := &rallyWriter{e: e, where: where, w: w, done: map[string]bool{}}
	for _, f := range rallyFields {
		if e.err != nil {
			return
		}
		f(r)
	}
}

func (r *rallyWriter) distance() {
	e, w := r.e, r.w
	if w.HasDistance {
		e.s(rallyIndent + "distance>")
		e.km(r.where+": distance", w.Distance)
		e.s("</openrally:distance>\n")
	}
	if w.Reset {
		if w.ResetKm != 0 {
			e.s(rallyIndent + "reset>")
			e.km(r.where+": reset", w.ResetKm)
			e.s("</openrally:reset>\n")
		} else {
			e.s(rallyIndent + "reset/>\n")
		}
	}
}

func (r *rallyWriter) controls() {
	for _, c := range r.w.Controls {
		r.control(c)
	}
}

// control writes one control: a role element with its name, radii and
// time; a DN as v1.0.3's neutralization, or as the proposal's dn (dnz for a
// zone) when it has what neutralization cannot hold (a name, radii, a
// time of its own); CH as timecontrol; stop with its seconds.
func (r *rallyWriter) control(c route.Control) {
	e, w := r.e, r.w
	switch c.Kind {
	case route.CH:
		if r.once("timecontrol") {
			e.s(rallyIndent + "timecontrol")
			if v, ok := e.integer(r.where+": timecontrol allowed", w.Allowed.Minutes(), 1); ok {
				e.s(` allowed="` + v + `"`)
			}
			e.s("/>\n")
		}
		return
	case route.Stop:
		if r.once("stop") {
			r.seconds("stop", w.Stop, true)
		}
		return
	case route.Fuel:
		// A marker: the schema gives it no attributes.
		e.s(rallyIndent + "fuel/>\n")
		return
	case route.DN:
		if !c.Zone && c.Name == "" && c.Radii == (route.Radii{}) && c.Time == 0 {
			if r.once("neutralization") {
				r.seconds("neutralization", w.Neutralisation, true)
			}
			return
		}
		r.role("dn", c)
		return
	}
	name := ""
	if int(c.Kind) < len(controlTags) {
		name = controlTags[c.Kind]
	}
	if name == "" {
		e.fail("%s: unknown control %v", r.where, c.Kind)
		return
	}
	r.role(name, c)
}

// role writes a role element; a zone's name gets a "z" (dnz, dtz), and a
// speed zone is followed by its limit.
func (r *rallyWriter) role(name string, c route.Control) {
	e := r.e
	if c.Zone && (c.Kind == route.DN || c.Kind == route.DT) {
		name += "z"
	}
	e.s(rallyIndent + name)
	if c.Name != "" {
		e.s(` name="`)
		e.text(c.Name, true)
		e.s(`"`)
	}
	if v, ok := e.integer(r.where+": "+name+" open", c.Radii.Open, 1); ok {
		e.s(` open="` + v + `"`)
	}
	if v, ok := e.integer(r.where+": "+name+" clear", c.Radii.Clear, 1); ok {
		e.s(` clear="` + v + `"`)
	}
	t := c.Time
	if t == 0 && c.Kind == route.DN && r.once("neutralization") {
		t = r.w.Neutralisation // the proposal's dn holds the duration
	}
	if v, ok := e.integer(r.where+": "+name+" time", t.Seconds(), 1); ok {
		e.s(` time="` + v + `"`)
		if c.Kind == route.DN {
			r.done["neutralization"] = true
		}
	}
	e.s("/>\n")
	if c.Zone || c.Kind == route.DZ || c.Kind == route.DT {
		r.speed()
	}
}

// once reports whether the value named was not written yet, and marks it
// written.
func (r *rallyWriter) once(what string) bool {
	if r.done[what] {
		return false
	}
	r.done[what] = true
	return true
}

func (r *rallyWriter) speed() {
	if r.w.Speed == 0 || !r.once("speed") {
		return
	}
	if v, ok := r.e.integer(r.where+": speed", r.w.Speed, 1); ok {
		r.e.s(rallyIndent + "speed>" + v + "</openrally:speed>\n")
	}
}

// seconds writes a duration element; zero is written only when always.
func (r *rallyWriter) seconds(name string, d time.Duration, always bool) {
	v, ok := r.e.integer(r.where+": "+name, d.Seconds(), 0)
	if !ok || v == "0" && !always {
		return
	}
	r.e.s(rallyIndent + name + ">" + v + "</openrally:" + name + ">\n")
}

// values writes the values no control wrote.
func (r *rallyWriter) values() {
	e, w := r.e, r.w
	r.speed()
	if w.Neutralisation != 0 && r.once("neutralization") {
		r.seconds("neutralization", w.Neutralisation, false)
	}
	if w.Allowed != 0 && r.once("timecontrol") {
		if v, ok := e.integer(r.where+": timecontrol allowed", w.Allowed.Minutes(), 1); ok {
			e.s(rallyIndent + `timecontrol allowed="` + v + "\"/>\n")
		}
	}
	if w.Stop != 0 && r.once("stop") {
		r.seconds("stop", w.Stop, false)
	}
}

func (r *rallyWriter) cap() {
	e, w := r.e, r.w
	if !w.HasCap {
		return
	}
	c := w.Cap
	if math.IsNaN(c) || math.IsInf(c, 0) {
		e.fail("%s: cap %v is not a number", r.where, c)
		return
	}
	// The schema allows 0 to 360: a CAP of 360 (north, as some files
	// write it) stays 360, others are written in [0, 360).
	if c != 360 {
		c = math.Mod(math.Round(c), 360)
		if c < 0 {
			c += 360
		}
	}
	e.s(rallyIndent + "cap>" + strconv.Itoa(int(c)) + "</openrally:cap>\n")
}

func (r *rallyWriter) danger() {
	switch d := r.w.Danger; {
	case d == 0:
	case d >= 1 && d <= 3:
		r.e.s(rallyIndent + "danger>" + strconv.Itoa(d) + "</openrally:danger>\n")
	default:
		r.e.fail("%s: danger %d outside 1–3", r.where, d)
	}
}

func (r *rallyWriter) markers() {
	e, w := r.e, r.w
	if w.ShowCoordinates {
		e.s(rallyIndent + "show_coordinates/>\n")
	}
	for _, set := range [...]struct {
		have, known []string
		what        string
	}{{w.Safety, safetyMarkers, "safety marker"}, {w.Markers, oldMarkers, "marker"}} {
		for _, m := range set.have {
			if !contains(set.known, m) {
				e.fail("%s: unknown %s %q", r.where, set.what, m)
				return
			}
			e.s(rallyIndent + m + "/>\n")
		}
	}
}

func (r *rallyWriter) drawings() {
	e, w := r.e, r.w
	if w.Notes != "" {
		e.s(rallyIndent + "notes>")
		e.cdata(w.Notes)
		e.s("</openrally:notes>\n")
	}
	if w.Tulip != "" {
		e.s(rallyIndent + "tulip>")
		e.cdata(w.Tulip)
		e.s("</openrally:tulip>\n")
	}
}

package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// An author's SVG drawing (a tulip or notes from Tulip, Rally Navigator,
// an OpenRally file) is printed as vectors: drawSVG reads the static
// subset such drawings use (svg with viewBox, width and height; g, a,
// switch, path, line, polyline, polygon, rect, circle, ellipse, text and
// tspan; transforms; fill, stroke, stroke-width, stroke-dasharray, display
// and visibility, in attributes or a style attribute; colours as #rgb,
// #rrggbb, rgb() and the common names; PNG and JPEG images as data URLs)
// and paints it on a lexicon.Canvas. What it does not draw is named in
// svgDrawing.lost, so the caller can say so: gradient and pattern fills,
// filters, clip paths, masks, markers, <use>, images outside the file, CSS
// style sheets, and any other element of SVG's own. Definitions that
// nothing uses, and elements of other vocabularies (an editor's metadata),
// are left out without a word: they draw nothing.

// svgDrawing is a parsed SVG document: its painted shapes in document
// order, in the user units of its viewBox.
type svgDrawing struct {
	minX, minY, w, h float64 // the viewBox
	shapes           []svgShape
	lostParts        map[string]bool // what is not drawn, as lost() names it
	sized            bool            // the document states its size
}

// lost returns what of the drawing is not printed, in a fixed order:
// "its gradient or pattern fills", "its filters", "its <foreignObject>
// elements"…; nil when it is all printed.
func (sd *svgDrawing) lost() []string {
	var out []string
	for _, k := range lostOrder {
		if sd.lostParts[k] {
			out = append(out, k)
		}
	}
	var other []string
	for k := range sd.lostParts {
		if !slices.Contains(lostOrder, k) {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

// The parts of SVG the printer leaves out, by what they are called in a
// warning.
const (
	lostGradient = "its gradient or pattern fills"
	lostFilter   = "its filters"
	lostClip     = "its clip paths"
	lostMask     = "its masks"
	lostMarker   = "its markers"
	lostUse      = "its <use> copies"
	lostImage    = "its images outside the file"
	lostCSS      = "its CSS style sheet"
)

var lostOrder = []string{lostGradient, lostFilter, lostClip, lostMask, lostMarker, lostUse, lostImage, lostCSS}

// svgNS is SVG's namespace; elements in another one are an editor's own.
const svgNS = "http://www.w3.org/2000/svg"

// svgShape is one painted element.
type svgShape struct {
	path  *lexicon.Path // nil for text
	style lexicon.Style
	// text, at (x, y) size high, for a <text>.
	text       string
	x, y, size float64
	tstyle     lexicon.TextStyle
	// img is an embedded image (a data URL in an <image>), drawn in the
	// box (x, y, w, h).
	img  *roadbook.Image
	w, h float64
}

// matrix is an affine transform [a c e; b d f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix { // m × n: apply n, then m
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the transform's mean linear scale, for stroke widths.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// paint is the inherited painting state.
type paint struct {
	fill, stroke lexicon.Color
	width        float64
	dash         []float64
	fontSize     float64
	bold         bool
	anchor       lexicon.Anchor
	m            matrix
	hidden       bool
}

// parseSVG reads an SVG document. It fails only when the document is not
// XML or has no <svg> root; unknown elements are skipped and counted.
func parseSVG(data []byte) (*svgDrawing, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	sd := &svgDrawing{lostParts: map[string]bool{}}
	var stack []paint
	root := false
	var textBuf *svgShape
	skipDepth := 0
	styleSheet := false // inside a <style> element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipDepth > 0 {
				skipDepth++
				continue
			}
			name := t.Name.Local
			var cur paint
			if len(stack) == 0 {
				cur = paint{fill: lexicon.Black, width: 1, fontSize: 16, m: identity, anchor: lexicon.Start}
			} else {
				cur = stack[len(stack)-1]
			}
			attrs := map[string]string{}
			for _, a := range t.Attr {
				attrs[a.Name.Local] = a.Value
			}
			if st, ok := attrs["style"]; ok {
				for _, decl := range strings.Split(st, ";") {
					if k, v, ok := strings.Cut(decl, ":"); ok {
						attrs[strings.TrimSpace(k)] = strings.TrimSpace(v)
					}
				}
			}
			if !root {
				if name != "svg" {
					return nil, errors.New("svg: the root element is not <svg>")
				}
				root = true
				sd.readViewBox(attrs)
			}
			cur.apply(attrs)
			stack = append(stack, cur)
			if t.Name.Space != "" && t.Name.Space != svgNS {
				// An editor's own element (Inkscape's namedview…): it
				// draws nothing.
				skipDepth = 1
				stack = stack[:len(stack)-1]
				continue
			}
			if !cur.hidden {
				sd.noteLost(attrs)
			}
			switch name {
			case "svg", "g", "a", "switch", "tspan":
			case "title", "desc", "metadata":
				skipDepth = 1 // words about the drawing, not drawn
				stack = stack[:len(stack)-1]
			case "style":
				styleSheet = true
			case "defs", "clipPath", "mask", "pattern", "symbol", "linearGradient", "radialGradient", "filter", "marker":
				// Definitions: drawn only where something uses them,
				// which noteLost reports.
				skipDepth = 1
				stack = stack[:len(stack)-1]
			case "use":
				if !cur.hidden {
					sd.lostParts[lostUse] = true
				}
			case "image", "img": // img: the v0.x OpenRally drafts' HTML habit
				href := attrs["href"]
				if href == "" {
					href = attrs["src"]
				}
				if cur.hidden {
					continue
				}
				im, err := roadbook.ParseImage(href)
				if err != nil || im.Format == roadbook.SVG {
					switch {
					case err == nil:
						sd.lostParts["its SVG images inside SVG"] = true
					case strings.HasPrefix(strings.TrimSpace(href), "data:") && strings.Contains(err.Error(), "is not a PNG"):
						sd.lostParts["its embedded images that are not PNG, JPEG or SVG"] = true
					case strings.HasPrefix(strings.TrimSpace(href), "data:"):
						sd.lostParts["an embedded image that cannot be read"] = true
					default:
						sd.lostParts[lostImage] = true
					}
					continue
				}
				x0, y0 := cur.m.apply(num(attrs["x"]), num(attrs["y"]))
				k := cur.m.scale()
				w, h := num(attrs["width"])*k, num(attrs["height"])*k
				if !(w > 0 && h > 0) {
					w, h = 100, 100 // no size: a square
					if sd.sized {
						w, h = sd.w, sd.h // the whole drawing
					}
				}
				sd.shapes = append(sd.shapes, svgShape{img: &im, x: x0, y: y0, w: w, h: h})
			case "text":
				sh := svgShape{size: cur.fontSize, tstyle: lexicon.TextStyle{Color: cur.fill, Bold: cur.bold, Anchor: cur.anchor}}
				x, y := num(attrs["x"]), num(attrs["y"])
				if _, ok := attrs["y"]; !ok {
					y = cur.fontSize // no position: the first line
				}
				sh.x, sh.y = cur.m.apply(x, y)
				sh.size *= cur.m.scale()
				if cur.hidden || cur.fill.None() {
					sh.tstyle.Color = lexicon.Color{}
				}
				textBuf = &sh
			default:
				p := shapePath(name, attrs)
				if p == nil {
					// Not drawn, and neither is what it holds.
					if !cur.hidden {
						sd.lostParts["its <"+name+"> elements"] = true
					}
					skipDepth = 1
					stack = stack[:len(stack)-1]
					continue
				}
				if cur.hidden || len(p.Segs) == 0 {
					continue
				}
				sd.shapes = append(sd.shapes, svgShape{path: transform(p, cur.m), style: cur.style(name)})
			}
		case xml.EndElement:
			if skipDepth > 0 {
				skipDepth--
				continue
			}
			if t.Name.Local == "style" {
				styleSheet = false
			}
			if t.Name.Local == "text" && textBuf != nil {
				textBuf.text = strings.Join(strings.Fields(textBuf.text), " ")
				if textBuf.text != "" && !textBuf.tstyle.Color.None() {
					sd.shapes = append(sd.shapes, *textBuf)
				}
				textBuf = nil
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if textBuf != nil && skipDepth == 0 {
				textBuf.text += string(t)
			}
			if styleSheet && skipDepth == 0 && len(stack) > 0 && strings.TrimSpace(string(t)) != "" {
				sd.lostParts[lostCSS] = true
			}
		}
	}
	if !root {
		return nil, errors.New("svg: no <svg> element")
	}
	if !sd.sized {
		sd.fitContent()
	}
	return sd, nil
}

// noteLost records what an element's attributes ask for that is not
// drawn: a gradient or pattern paint, a filter, a clip path, a mask,
// markers.
func (sd *svgDrawing) noteLost(a map[string]string) {
	for _, k := range []string{"fill", "stroke"} {
		if v := strings.TrimSpace(a[k]); strings.HasPrefix(v, "url(") {
			sd.lostParts[lostGradient] = true
		}
	}
	for k, what := range map[string]string{"filter": lostFilter, "clip-path": lostClip, "mask": lostMask,
		"marker-start": lostMarker, "marker-mid": lostMarker, "marker-end": lostMarker, "marker": lostMarker} {
		if v := strings.TrimSpace(a[k]); v != "" && v != "none" {
			sd.lostParts[what] = true
		}
	}
}

// fitContent sets the viewBox of a drawing that states no size to the
// extent of what it draws.
func (sd *svgDrawing) fitContent() {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	for _, sh := range sd.shapes {
		switch {
		case sh.img != nil:
			add(sh.x, sh.y)
			add(sh.x+sh.w, sh.y+sh.h)
		case sh.path != nil:
			for _, sg := range sh.path.Segs {
				for _, p := range sg.Pts {
					if sg.Op != lexicon.Close {
						add(p.X, p.Y)
					}
				}
			}
		default:
			w := lexicon.TextWidth(sh.text, sh.size, sh.tstyle.Bold)
			add(sh.x, sh.y-sh.size)
			add(sh.x+w, sh.y+0.25*sh.size)
		}
	}
	if x1 > x0 && y1 > y0 && finite(x0, y0, x1, y1) {
		sd.minX, sd.minY, sd.w, sd.h = x0, y0, x1-x0, y1-y0
	}
}

// readViewBox sets the drawing's user space from viewBox, else width and
// height, else 100 × 100.
func (sd *svgDrawing) readViewBox(a map[string]string) {
	if vb := strings.FieldsFunc(a["viewBox"], func(r rune) bool { return r == ' ' || r == ',' }); len(vb) == 4 {
		sd.minX, sd.minY, sd.w, sd.h = num(vb[0]), num(vb[1]), num(vb[2]), num(vb[3])
	}
	if !(sd.w > 0 && sd.h > 0) {
		sd.minX, sd.minY = 0, 0
		sd.w, sd.h = num(a["width"]), num(a["height"])
	}
	if !(sd.w > 0 && sd.h > 0) || !finite(sd.w, sd.h) {
		sd.w, sd.h = 100, 100
		return
	}
	sd.sized = true
}

// apply reads an element's painting attributes into the inherited state.
func (p *paint) apply(a map[string]string) {
	if v, ok := a["fill"]; ok {
		p.fill = color(v, p.fill)
	}
	if v, ok := a["stroke"]; ok {
		p.stroke = color(v, p.stroke)
	}
	if v, ok := a["stroke-width"]; ok {
		p.width = num(v)
	}
	if v, ok := a["stroke-dasharray"]; ok {
		p.dash = nil
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
			p.dash = append(p.dash, num(f))
		}
	}
	if v, ok := a["font-size"]; ok && num(v) > 0 {
		p.fontSize = num(v)
	}
	if v, ok := a["font-weight"]; ok {
		p.bold = v == "bold" || v == "bolder" || num(v) >= 600
	}
	if v, ok := a["text-anchor"]; ok {
		switch v {
		case "middle":
			p.anchor = lexicon.Middle
		case "end":
			p.anchor = lexicon.End
		default:
			p.anchor = lexicon.Start
		}
	}
	if a["display"] == "none" || a["visibility"] == "hidden" {
		p.hidden = true
	}
	if v, ok := a["transform"]; ok {
		p.m = p.m.mul(parseTransform(v))
	}
}

// style returns the lexicon style of a shape painted in state p (lines
// are never filled).
func (p *paint) style(name string) lexicon.Style {
	s := lexicon.Style{Fill: p.fill, Stroke: p.stroke, Width: p.width * p.m.scale()}
	if name == "line" {
		s.Fill = lexicon.Color{}
	}
	if len(p.dash) > 0 {
		for _, d := range p.dash {
			s.Dash = append(s.Dash, d*p.m.scale())
		}
	}
	return s
}

// shapePath returns the outline of a basic shape or path, nil for an
// element that is not one.
func shapePath(name string, a map[string]string) *lexicon.Path {
	p := &lexicon.Path{}
	switch name {
	case "path":
		parsePathData(p, a["d"])
	case "line":
		p.MoveTo(num(a["x1"]), num(a["y1"])).LineTo(num(a["x2"]), num(a["y2"]))
	case "polyline", "polygon":
		xy := nums(a["points"])
		for i := 0; i+1 < len(xy); i += 2 {
			if i == 0 {
				p.MoveTo(xy[0], xy[1])
			} else {
				p.LineTo(xy[i], xy[i+1])
			}
		}
		if name == "polygon" && len(p.Segs) > 0 {
			p.Close()
		}
	case "rect":
		w, h := num(a["width"]), num(a["height"])
		if w <= 0 || h <= 0 {
			return p
		}
		p.Rect(num(a["x"]), num(a["y"]), w, h)
	case "circle":
		if r := num(a["r"]); r > 0 {
			p.Ellipse(num(a["cx"]), num(a["cy"]), r, r)
		}
	case "ellipse":
		if rx, ry := num(a["rx"]), num(a["ry"]); rx > 0 && ry > 0 {
			p.Ellipse(num(a["cx"]), num(a["cy"]), rx, ry)
		}
	default:
		return nil
	}
	return p
}

// transform returns p with every point mapped by m.
func transform(p *lexicon.Path, m matrix) *lexicon.Path {
	if m == identity {
		return p
	}
	out := &lexicon.Path{Segs: make([]lexicon.Segment, len(p.Segs))}
	for i, sg := range p.Segs {
		for j := range sg.Pts {
			sg.Pts[j].X, sg.Pts[j].Y = m.apply(sg.Pts[j].X, sg.Pts[j].Y)
		}
		out.Segs[i] = sg
	}
	return out
}

// draw paints the drawing on c fitted into the w × h units at (x, y) of
// c's space, keeping its proportions and centring it; embedded images go
// through img (nil leaves them out).
func (sd *svgDrawing) draw(c lexicon.Canvas, x, y, w, h float64, img func(im roadbook.Image, x, y, w, h float64) error) {
	k := math.Min(w/sd.w, h/sd.h)
	ox := x + (w-sd.w*k)/2 - sd.minX*k
	oy := y + (h-sd.h*k)/2 - sd.minY*k
	m := matrix{k, 0, 0, k, ox, oy}
	for _, sh := range sd.shapes {
		if sh.img != nil {
			if img != nil {
				ix, iy := m.apply(sh.x, sh.y)
				img(*sh.img, ix, iy, sh.w*k, sh.h*k)
			}
			continue
		}
		if sh.path == nil {
			tx, ty := m.apply(sh.x, sh.y)
			c.Text(tx, ty, sh.size*k, sh.text, sh.tstyle)
			continue
		}
		st := sh.style
		st.Width *= k
		for i := range st.Dash {
			st.Dash[i] *= k
		}
		c.Path(transform(sh.path, m), st)
	}
}

// parseTransform reads an SVG transform list.
func parseTransform(s string) matrix {
	m := identity
	for {
		s = strings.TrimLeft(s, " ,\t\n")
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m
		}
		name := strings.TrimSpace(s[:open])
		v := nums(s[open+1 : end])
		s = s[end+1:]
		arg := func(i int, def float64) float64 {
			if i < len(v) {
				return v[i]
			}
			return def
		}
		var t matrix
		switch name {
		case "matrix":
			if len(v) != 6 {
				continue
			}
			t = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
		case "translate":
			t = matrix{1, 0, 0, 1, arg(0, 0), arg(1, 0)}
		case "scale":
			sx := arg(0, 1)
			t = matrix{sx, 0, 0, arg(1, sx), 0, 0}
		case "rotate":
			a := arg(0, 0) * math.Pi / 180
			sn, cs := math.Sincos(a)
			cx, cy := arg(1, 0), arg(2, 0)
			t = matrix{1, 0, 0, 1, cx, cy}.mul(matrix{cs, sn, -sn, cs, 0, 0}).mul(matrix{1, 0, 0, 1, -cx, -cy})
		case "skewX":
			t = matrix{1, 0, math.Tan(arg(0, 0) * math.Pi / 180), 1, 0, 0}
		case "skewY":
			t = matrix{1, math.Tan(arg(0, 0) * math.Pi / 180), 0, 1, 0, 0}
		default:
			continue
		}
		m = m.mul(t)
	}
}

// num parses an SVG length or number ("12", "12px", "1e2"); 0 when it is
// not one.
func num(s string) float64 {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(v) {
		return 0
	}
	return v
}

// nums splits a list of numbers, as path data and points write them
// ("1,2 3-4 .5.5").
func nums(s string) []float64 {
	var out []float64
	sc := pathScanner{s: s}
	for {
		v, ok := sc.number()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

// color reads an SVG paint; cur is returned for "inherit" or
// "currentColor", a zero (no paint) for "none" and anything it cannot
// read (a gradient url()).
func color(v string, cur lexicon.Color) lexicon.Color {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "none" || strings.HasPrefix(v, "url("):
		return lexicon.Color{}
	case v == "inherit" || v == "currentcolor":
		return cur
	case strings.HasPrefix(v, "#"):
		h := v[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) == 8 {
			h = h[:6]
		}
		x, err := strconv.ParseUint(h, 16, 32)
		if err != nil || len(h) != 6 {
			return lexicon.Black
		}
		return lexicon.RGB(uint32(x))
	case strings.HasPrefix(v, "rgb"):
		open, end := strings.IndexByte(v, '('), strings.IndexByte(v, ')')
		if open < 0 || end < open {
			return lexicon.Black
		}
		parts := strings.Split(v[open+1:end], ",")
		if len(parts) < 3 {
			return lexicon.Black
		}
		ch := func(s string) uint8 {
			s = strings.TrimSpace(s)
			if strings.HasSuffix(s, "%") {
				return uint8(math.Round(math.Max(0, math.Min(100, num(strings.TrimSuffix(s, "%")))) * 2.55))
			}
			return uint8(math.Max(0, math.Min(255, num(s))))
		}
		return lexicon.Color{R: ch(parts[0]), G: ch(parts[1]), B: ch(parts[2]), A: 255}
	}
	if c, ok := namedColors[v]; ok {
		return lexicon.RGB(c)
	}
	return lexicon.Black
}

var namedColors = map[string]uint32{
	"black": 0x000000, "white": 0xffffff, "red": 0xff0000, "green": 0x008000, "blue": 0x0000ff,
	"yellow": 0xffff00, "orange": 0xffa500, "grey": 0x808080, "gray": 0x808080, "silver": 0xc0c0c0,
	"maroon": 0x800000, "purple": 0x800080, "fuchsia": 0xff00ff, "magenta": 0xff00ff, "lime": 0x00ff00,
	"olive": 0x808000, "navy": 0x000080, "teal": 0x008080, "aqua": 0x00ffff, "cyan": 0x00ffff,
	"brown": 0xa52a2a, "darkgray": 0xa9a9a9, "darkgrey": 0xa9a9a9, "lightgray": 0xd3d3d3, "lightgrey": 0xd3d3d3,
	"darkred": 0x8b0000, "darkgreen": 0x006400, "darkblue": 0x00008b, "pink": 0xffc0cb, "gold": 0xffd700,
}

package lexicon

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// SVG is a Canvas that writes SVG elements: each call writes one element
// (a path, a circle or a text) with the symbol box mapped to the page by
// an offset and a scale. It writes no document around them (WriteSVG
// does), so several symbols can go into one document. Numbers have two
// decimals, so the output is deterministic.
type SVG struct {
	w      *bufio.Writer
	x, y   float64 // where the box's (0, 0) goes
	scale  float64 // page units per symbol unit
	err    error
	family string
}

// NewSVG returns a canvas that writes to w, placing symbol point (0, 0) at
// (x, y) and scaling symbol units by scale (scale = h / Height draws a
// symbol h units high). Call Flush when done.
func NewSVG(w io.Writer, x, y, scale float64) *SVG {
	return &SVG{w: bufio.NewWriter(w), x: x, y: y, scale: scale, family: "DejaVu Sans, Verdana, Arial, sans-serif"}
}

// Flush writes what is buffered and returns the first write error.
func (c *SVG) Flush() error {
	if err := c.w.Flush(); err != nil && c.err == nil {
		c.err = err
	}
	return c.err
}

func (c *SVG) printf(format string, a ...any) {
	if c.err == nil {
		_, c.err = fmt.Fprintf(c.w, format, a...)
	}
}

// num formats v with at most two decimals; non-finite values write 0.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

func (c *SVG) px(x float64) string { return num(c.x + x*c.scale) }
func (c *SVG) py(y float64) string { return num(c.y + y*c.scale) }

func svgColor(col Color) string {
	if col.None() {
		return "none"
	}
	return fmt.Sprintf("#%02x%02x%02x", col.R, col.G, col.B)
}

// paint returns the fill and stroke attributes of s.
func (c *SVG) paint(s Style) string {
	var b strings.Builder
	fmt.Fprintf(&b, ` fill="%s"`, svgColor(s.Fill))
	if !s.Stroke.None() && s.Width > 0 {
		fmt.Fprintf(&b, ` stroke="%s" stroke-width="%s" stroke-linejoin="round"`, svgColor(s.Stroke), num(s.Width*c.scale))
		switch s.Cap {
		case RoundCap:
			b.WriteString(` stroke-linecap="round"`)
		case SquareCap:
			b.WriteString(` stroke-linecap="square"`)
		}
		if len(s.Dash) > 0 {
			d := make([]string, len(s.Dash))
			for i, v := range s.Dash {
				d[i] = num(v * c.scale)
			}
			fmt.Fprintf(&b, ` stroke-dasharray="%s"`, strings.Join(d, " "))
		}
	}
	return b.String()
}

// Path implements Canvas.
func (c *SVG) Path(p *Path, s Style) {
	if len(p.Segs) == 0 {
		return
	}
	var b strings.Builder
	for _, sg := range p.Segs {
		switch sg.Op {
		case MoveTo:
			fmt.Fprintf(&b, "M%s %s", c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y))
		case LineTo:
			fmt.Fprintf(&b, "L%s %s", c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y))
		case CubicTo:
			fmt.Fprintf(&b, "C%s %s %s %s %s %s", c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y),
				c.px(sg.Pts[1].X), c.py(sg.Pts[1].Y), c.px(sg.Pts[2].X), c.py(sg.Pts[2].Y))
		case Close:
			b.WriteString("Z")
		}
	}
	c.printf(`<path d="%s"%s/>`+"\n", b.String(), c.paint(s))
}

// Circle implements Canvas.
func (c *SVG) Circle(cx, cy, r float64, s Style) {
	c.printf(`<circle cx="%s" cy="%s" r="%s"%s/>`+"\n", c.px(cx), c.py(cy), num(r*c.scale), c.paint(s))
}

// Text implements Canvas. The text is given its width in DejaVu Sans as
// textLength, so a viewer with another font squeezes or stretches it to the
// same width instead of overflowing the symbol.
func (c *SVG) Text(x, y, size float64, text string, t TextStyle) {
	if strings.TrimSpace(text) == "" {
		return
	}
	col := t.Color
	if col.None() {
		col = Black
	}
	anchor := "middle"
	switch t.Anchor {
	case Start:
		anchor = "start"
	case End:
		anchor = "end"
	}
	weight := ""
	if t.Bold {
		weight = ` font-weight="bold"`
	}
	var b strings.Builder
	xml.EscapeText(&b, []byte(text))
	c.printf(`<text x="%s" y="%s" font-family="%s" font-size="%s"%s fill="%s" text-anchor="%s" textLength="%s" lengthAdjust="spacingAndGlyphs">%s</text>`+"\n",
		c.px(x), c.py(y), c.family, num(size*c.scale), weight, svgColor(col), anchor,
		num(TextWidth(text, size, t.Bold)*c.scale), b.String())
}

// WriteSVG writes s as a standalone SVG document height pixels high (its
// width in proportion), on a transparent background.
func WriteSVG(w io.Writer, s *Symbol, height float64) error {
	if !(height > 0) || math.IsInf(height, 0) {
		return fmt.Errorf("lexicon: svg height %v: want a positive number of pixels", height)
	}
	scale := height / Height
	wd := s.Width * scale
	c := NewSVG(w, 0, 0, scale)
	c.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">`+"\n",
		num(wd), num(height), num(wd), num(height))
	s.Draw(c)
	c.printf("</svg>\n")
	return c.Flush()
}

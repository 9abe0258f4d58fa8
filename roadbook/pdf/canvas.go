package pdf

import (
	"strings"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// canvas is a lexicon.Canvas on a PDF page: symbol units (y down) mapped
// to millimetres at (x, y) with scale mm per unit. Symbols are vectors in
// the PDF.
type canvas struct {
	d           *doc
	x, y, scale float64
}

func (c canvas) px(u float64) float64 { return c.x + u*c.scale }
func (c canvas) py(u float64) float64 { return c.y + u*c.scale }

// paint sets the colours, width, cap and dash of s and returns fpdf's
// drawing style ("F", "D", "FD"), "" when s paints nothing.
func (c canvas) paint(s lexicon.Style) string {
	f := c.d.f
	op := ""
	if !s.Fill.None() {
		f.SetFillColor(int(s.Fill.R), int(s.Fill.G), int(s.Fill.B))
		op += "F"
	}
	if !s.Stroke.None() && s.Width > 0 {
		f.SetDrawColor(int(s.Stroke.R), int(s.Stroke.G), int(s.Stroke.B))
		f.SetLineWidth(s.Width * c.scale)
		switch s.Cap {
		case lexicon.ButtCap:
			f.SetLineCapStyle("butt")
		case lexicon.SquareCap:
			f.SetLineCapStyle("square")
		default:
			f.SetLineCapStyle("round")
		}
		if len(s.Dash) > 0 {
			dash := make([]float64, len(s.Dash))
			for i, v := range s.Dash {
				dash[i] = v * c.scale
			}
			f.SetDashPattern(dash, 0)
		}
		op += "D"
	}
	return op
}

// restore puts back the page's defaults (no dash, round caps) after s.
func (c canvas) restore(s lexicon.Style) {
	if len(s.Dash) > 0 {
		c.d.f.SetDashPattern(nil, 0)
	}
	if s.Cap != lexicon.RoundCap {
		c.d.f.SetLineCapStyle("round")
	}
}

// Path implements lexicon.Canvas.
func (c canvas) Path(p *lexicon.Path, s lexicon.Style) {
	if len(p.Segs) == 0 {
		return
	}
	op := c.paint(s)
	if op == "" {
		return
	}
	f := c.d.f
	for _, sg := range p.Segs {
		switch sg.Op {
		case lexicon.MoveTo:
			f.MoveTo(c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y))
		case lexicon.LineTo:
			f.LineTo(c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y))
		case lexicon.CubicTo:
			f.CurveBezierCubicTo(c.px(sg.Pts[0].X), c.py(sg.Pts[0].Y), c.px(sg.Pts[1].X), c.py(sg.Pts[1].Y), c.px(sg.Pts[2].X), c.py(sg.Pts[2].Y))
		case lexicon.Close:
			f.ClosePath()
		}
	}
	f.DrawPath(op)
	c.restore(s)
}

// Circle implements lexicon.Canvas.
func (c canvas) Circle(cx, cy, r float64, s lexicon.Style) {
	op := c.paint(s)
	if op == "" {
		return
	}
	c.d.f.Circle(c.px(cx), c.py(cy), r*c.scale, op)
	c.restore(s)
}

// Text implements lexicon.Canvas, in the embedded DejaVu Sans.
func (c canvas) Text(x, y, size float64, text string, t lexicon.TextStyle) {
	text = clean(text, false)
	if strings.TrimSpace(text) == "" {
		return
	}
	f := c.d.f
	style := ""
	if t.Bold {
		style = "B"
	}
	f.SetFont(family, style, size*c.scale/mmPerPt)
	col := t.Color
	if col.None() {
		col = lexicon.Black
	}
	f.SetTextColor(int(col.R), int(col.G), int(col.B))
	w := f.GetStringWidth(text)
	px := c.px(x)
	switch t.Anchor {
	case lexicon.Middle:
		px -= w / 2
	case lexicon.End:
		px -= w
	}
	f.Text(px, c.py(y), text)
}

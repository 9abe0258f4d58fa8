package pdf

import "github.com/roadbook/roadbook/roadbook/lexicon"

// symbolCanvas is a lexicon.Canvas on a PDF page: symbol point (0, 0) at
// (x, y) millimetres, k millimetres per symbol unit.
type symbolCanvas struct {
	d       *doc
	x, y, k float64
}

var _ lexicon.Canvas = (*symbolCanvas)(nil)

// symbol draws s h millimetres high with its top-left corner at (x, y) and
// returns its width in millimetres. It leaves the line cap round and no
// dash, as the rest of the page expects.
func (d *doc) symbol(s *lexicon.Symbol, x, y, h float64) float64 {
	k := h / lexicon.Height
	s.Draw(&symbolCanvas{d: d, x: x, y: y, k: k})
	return s.Width * k
}

// symbolWidth returns the width in millimetres of s drawn h millimetres high.
func symbolWidth(s *lexicon.Symbol, h float64) float64 { return s.Width * h / lexicon.Height }

func (c *symbolCanvas) px(x float64) float64 { return c.x + x*c.k }
func (c *symbolCanvas) py(y float64) float64 { return c.y + y*c.k }

// paint sets the colours, width, cap and dash of s and returns fpdf's
// drawing style ("F", "D", "FD"), "" when s paints nothing.
func (c *symbolCanvas) paint(s lexicon.Style) string {
	f := c.d.f
	style := ""
	if !s.Fill.None() {
		f.SetFillColor(int(s.Fill.R), int(s.Fill.G), int(s.Fill.B))
		style = "F"
	}
	if !s.Stroke.None() && s.Width > 0 {
		f.SetDrawColor(int(s.Stroke.R), int(s.Stroke.G), int(s.Stroke.B))
		f.SetLineWidth(s.Width * c.k)
		switch s.Cap {
		case lexicon.ButtCap:
			f.SetLineCapStyle("butt")
		case lexicon.SquareCap:
			f.SetLineCapStyle("square")
		default:
			f.SetLineCapStyle("round")
		}
		if len(s.Dash) > 0 {
			d := make([]float64, len(s.Dash))
			for i, v := range s.Dash {
				d[i] = v * c.k
			}
			f.SetDashPattern(d, 0)
		}
		style += "D"
	}
	return style
}

// restore puts back the page's defaults after a stroke.
func (c *symbolCanvas) restore(s lexicon.Style) {
	if len(s.Dash) > 0 {
		c.d.f.SetDashPattern(nil, 0)
	}
	if s.Cap != lexicon.RoundCap {
		c.d.f.SetLineCapStyle("round")
	}
}

// Path implements lexicon.Canvas.
func (c *symbolCanvas) Path(p *lexicon.Path, s lexicon.Style) {
	style := c.paint(s)
	if style == "" || len(p.Segs) == 0 {
		return
	}
	f := c.d.f
	for _, sg := range p.Segs {
		q := sg.Pts
		switch sg.Op {
		case lexicon.MoveTo:
			f.MoveTo(c.px(q[0].X), c.py(q[0].Y))
		case lexicon.LineTo:
			f.LineTo(c.px(q[0].X), c.py(q[0].Y))
		case lexicon.CubicTo:
			f.CurveBezierCubicTo(c.px(q[0].X), c.py(q[0].Y), c.px(q[1].X), c.py(q[1].Y), c.px(q[2].X), c.py(q[2].Y))
		case lexicon.Close:
			f.ClosePath()
		}
	}
	f.DrawPath(style)
	c.restore(s)
}

// Circle implements lexicon.Canvas.
func (c *symbolCanvas) Circle(cx, cy, r float64, s lexicon.Style) {
	style := c.paint(s)
	if style == "" {
		return
	}
	c.d.f.Circle(c.px(cx), c.py(cy), r*c.k, style)
	c.restore(s)
}

// Text implements lexicon.Canvas, in the embedded DejaVu Sans.
func (c *symbolCanvas) Text(x, y, size float64, text string, t lexicon.TextStyle) {
	f := c.d.f
	style := ""
	if t.Bold {
		style = "B"
	}
	f.SetFont(family, style, size*c.k/mmPerPt)
	col := t.Color
	if col.None() {
		col = lexicon.Black
	}
	f.SetTextColor(int(col.R), int(col.G), int(col.B))
	text = clean(text, false)
	px := c.px(x)
	switch t.Anchor {
	case lexicon.Middle:
		px -= f.GetStringWidth(text) / 2
	case lexicon.End:
		px -= f.GetStringWidth(text)
	}
	f.Text(px, c.py(y), text)
}

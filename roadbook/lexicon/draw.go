package lexicon

import "math"

// Drawing helpers shared by the symbol files. Coordinates are symbol units
// in the 100 × 100 box (y down) unless the symbol is wider.

func stroke(col Color, w float64) Style    { return Style{Stroke: col, Width: w} }
func fill(col Color) Style                 { return Style{Fill: col} }
func outlined(f, s Color, w float64) Style { return Style{Fill: f, Stroke: s, Width: w} }
func dashed(col Color, w float64, d ...float64) Style {
	return Style{Stroke: col, Width: w, Dash: d, Cap: ButtCap}
}

// line strokes the polyline through the x, y pairs.
func line(c Canvas, s Style, xy ...float64) {
	c.Path(new(Path).Line(xy...), s)
}

// poly paints the closed polygon through the x, y pairs.
func poly(c Canvas, s Style, xy ...float64) {
	c.Path(new(Path).Line(xy...).Close(), s)
}

// smooth strokes (or fills) a smooth curve through the x, y pairs.
func smooth(c Canvas, s Style, xy ...float64) {
	c.Path(new(Path).Smooth(xy...), s)
}

// wave adds a wave from x0 to x1 around y: n half-periods of amplitude amp,
// as a new subpath.
func wave(p *Path, x0, x1, y, amp float64, n int) *Path {
	step := (x1 - x0) / float64(n)
	p.MoveTo(x0, y)
	for i := 0; i < n; i++ {
		a := amp
		if i%2 == 1 {
			a = -amp
		}
		x := x0 + float64(i)*step
		p.CubicTo(x+step*0.36, y-a*1.33, x+step*0.64, y-a*1.33, x+step, y)
	}
	return p
}

// arrow strokes a line from (x0, y0) to (x1, y1) with a filled head at
// (x1, y1), head units long.
func arrow(c Canvas, col Color, w, head float64, x0, y0, x1, y1 float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	bx, by := x1-ux*head, y1-uy*head
	line(c, stroke(col, w), x0, y0, bx+ux*head*0.3, by+uy*head*0.3)
	hw := head * 0.55
	poly(c, fill(col), x1, y1, bx-uy*hw, by+ux*hw, bx+uy*hw, by-ux*hw)
}

// arrowPath strokes p and puts a filled head at its end pointing from
// (fx, fy) to (tx, ty).
func arrowHead(c Canvas, col Color, head, fx, fy, tx, ty float64) {
	dx, dy := tx-fx, ty-fy
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	bx, by := tx-ux*head, ty-uy*head
	hw := head * 0.55
	poly(c, fill(col), tx, ty, bx-uy*hw, by+ux*hw, bx+uy*hw, by-ux*hw)
}

// textSize is the type size of a text glyph: capitals 44 units high.
const textSize = 60

// textWidth returns the box width of a text glyph: at least square, else
// the text and a margin.
func textWidth(text string) float64 {
	return math.Max(Height, math.Ceil(TextWidth(text, textSize, true)+16))
}

// label prints text centred in the box [x, x+w] with its capitals centred
// on y, bold, at size or smaller so it fits in w.
func label(c Canvas, col Color, x, w, y, size float64, text string) {
	size = FitSize(text, size, w, true)
	c.Text(x+w/2, y+capHeight*size/2, size, text, TextStyle{Color: col, Bold: true})
}

// labelSize is the smallest size of a word inside a drawing, in symbol
// units: 8 pt when the symbol prints 10 mm high, as on an A5 roadbook
// (100 units = 10 mm, 8 pt = 2.82 mm). TestLabelSizes holds every symbol to
// it.
const labelSize = 28.5

// wide gives a drawn symbol a box w units wide (its drawing made for it).
func wide(s *Symbol, w float64) *Symbol {
	s.Width = w
	return s
}

// capHeight is DejaVu Sans Bold's cap height as a fraction of the size.
const capHeight = 0.729

// glyph returns a symbol drawn as its abbreviation in bold capitals.
func glyph(code, abbr, meaning, french string, cat Category) *Symbol {
	return glyphColor(code, abbr, meaning, french, cat, Black)
}

func glyphColor(code, abbr, meaning, french string, cat Category, col Color) *Symbol {
	return &Symbol{Code: code, Abbr: abbr, Meaning: meaning, French: french, Category: cat, Width: textWidth(abbr),
		draw: func(c Canvas, s *Symbol) { label(c, col, 0, s.Width, 50, textSize, s.Abbr) }}
}

// pic returns a pictogram.
func pic(code, abbr, meaning, french string, cat Category, draw func(c Canvas)) *Symbol {
	return &Symbol{Code: code, Abbr: abbr, Meaning: meaning, French: french, Category: cat,
		draw: func(c Canvas, _ *Symbol) { draw(c) }}
}

// disc draws a control disc: a coloured disc in a thick black ring.
func disc(c Canvas, col Color) {
	c.Circle(50, 50, 44, outlined(col, Black, 7))
}

// discLetter draws a disc with a bold letter or short word.
func discLetter(c Canvas, col, ink Color, text string) {
	disc(c, col)
	size := 58.0
	if len(text) > 1 {
		size = 46
	}
	label(c, ink, 14, 72, 50, size, text)
}

// sup prints a large text followed by a small raised one ("G" + "D"), the
// pair centred in the box of width w.
func sup(c Canvas, w float64, big, small, after string) {
	bw := TextWidth(big, textSize, true)
	sw := TextWidth(small, textSize*0.5, true)
	aw := TextWidth(after, textSize, true)
	x := (w - bw - sw - aw) / 2
	base := 50 + capHeight*textSize/2
	bold := TextStyle{Bold: true, Anchor: Start}
	c.Text(x, base, textSize, big, bold)
	c.Text(x+bw, base-capHeight*textSize*0.55, textSize*0.5, small, bold)
	if after != "" {
		c.Text(x+bw+sw, base, textSize, after, bold)
	}
}

// Package raster draws lexicon symbols on images, for the consumers that
// need pictures rather than vectors: Google Earth balloons show a note's
// symbols as PNG files stored in the KMZ.
//
// It implements lexicon.Canvas with golang.org/x/image/vector (anti-aliased
// coverage, the nonzero rule) and draws text from the glyph outlines of the
// same DejaVu Sans the PDF embeds, so a symbol looks as it prints. Strokes
// are turned into polygons here: round joins and caps, butt and square
// caps, dashes. Output is deterministic.
package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	"github.com/roadbook/roadbook/roadbook/internal/fonts"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Canvas is a lexicon.Canvas that paints on an RGBA image: symbol point
// (0, 0) at pixel (x, y), scale pixels per symbol unit.
type Canvas struct {
	dst   *image.RGBA
	x, y  float64
	scale float64
	r     *vector.Rasterizer
	err   error
}

var _ lexicon.Canvas = (*Canvas)(nil)

// New returns a canvas painting on dst with symbol point (0, 0) at pixel
// (x, y) and scale pixels per symbol unit (scale = h / lexicon.Height
// draws a symbol h pixels high).
func New(dst *image.RGBA, x, y, scale float64) *Canvas {
	b := dst.Bounds()
	return &Canvas{dst: dst, x: x, y: y, scale: scale, r: vector.NewRasterizer(b.Dx(), b.Dy())}
}

// Err returns the first error met while drawing (a font that does not
// parse), nil when there was none.
func (c *Canvas) Err() error { return c.err }

// Image returns s drawn height pixels high (its width in proportion) on a
// transparent background.
func Image(s *lexicon.Symbol, height int) (*image.RGBA, error) {
	if height <= 0 || height > 4096 {
		return nil, fmt.Errorf("raster: height %d pixels: want 1 to 4096", height)
	}
	k := float64(height) / lexicon.Height
	w := int(math.Ceil(s.Width * k))
	img := image.NewRGBA(image.Rect(0, 0, w, height))
	c := New(img, 0, 0, k)
	s.Draw(c)
	return img, c.Err()
}

// PNG writes s as a PNG image height pixels high (its width in
// proportion), on a transparent background.
func PNG(w io.Writer, s *lexicon.Symbol, height int) error {
	img, err := Image(s, height)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("raster: %s: %w", s.Code, err)
	}
	return nil
}

type pt struct{ x, y float64 }

func (c *Canvas) pix(p lexicon.Point) pt { return pt{c.x + p.X*c.scale, c.y + p.Y*c.scale} }

// paint paints what has been added to the rasterizer in col and resets it.
func (c *Canvas) paint(col lexicon.Color) {
	b := c.dst.Bounds()
	src := image.NewUniform(color.RGBA{col.R, col.G, col.B, 255})
	c.r.Draw(c.dst, b, src, image.Point{})
	c.r.Reset(b.Dx(), b.Dy())
}

// flatten returns the subpaths of p as polylines in pixels, and for each
// whether it is closed.
func (c *Canvas) flatten(p *lexicon.Path) ([][]pt, []bool) {
	var polys [][]pt
	var closed []bool
	var cur []pt
	flush := func(cl bool) {
		if len(cur) > 0 {
			polys = append(polys, cur)
			closed = append(closed, cl)
		}
		cur = nil
	}
	for _, sg := range p.Segs {
		switch sg.Op {
		case lexicon.MoveTo:
			flush(false)
			cur = []pt{c.pix(sg.Pts[0])}
		case lexicon.LineTo:
			cur = append(cur, c.pix(sg.Pts[0]))
		case lexicon.CubicTo:
			if len(cur) == 0 {
				cur = []pt{c.pix(sg.Pts[0])}
			}
			p0 := cur[len(cur)-1]
			p1, p2, p3 := c.pix(sg.Pts[0]), c.pix(sg.Pts[1]), c.pix(sg.Pts[2])
			l := math.Hypot(p1.x-p0.x, p1.y-p0.y) + math.Hypot(p2.x-p1.x, p2.y-p1.y) + math.Hypot(p3.x-p2.x, p3.y-p2.y)
			n := max(2, min(64, int(l/1.5)))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				cur = append(cur, pt{
					u*u*u*p0.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
					u*u*u*p0.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
				})
			}
		case lexicon.Close:
			if len(cur) > 0 {
				cur = append(cur, cur[0])
			}
			flush(true)
		}
	}
	flush(false)
	return polys, closed
}

// Path implements lexicon.Canvas.
func (c *Canvas) Path(p *lexicon.Path, s lexicon.Style) {
	polys, closed := c.flatten(p)
	if !s.Fill.None() {
		for _, poly := range polys {
			c.polygon(poly)
		}
		c.paint(s.Fill)
	}
	if !s.Stroke.None() && s.Width > 0 {
		for i, poly := range polys {
			c.stroke(poly, closed[i], s)
		}
		c.paint(s.Stroke)
	}
}

// Circle implements lexicon.Canvas.
func (c *Canvas) Circle(cx, cy, r float64, s lexicon.Style) {
	p := new(lexicon.Path).Ellipse(cx, cy, r, r)
	c.Path(p, s)
}

// polygon adds a closed polygon to the rasterizer.
func (c *Canvas) polygon(poly []pt) {
	if len(poly) < 3 {
		return
	}
	c.r.MoveTo(float32(poly[0].x), float32(poly[0].y))
	for _, q := range poly[1:] {
		c.r.LineTo(float32(q.x), float32(q.y))
	}
	c.r.ClosePath()
}

// ccw adds poly to the rasterizer turning one way whatever its own
// orientation, so the pieces of a stroke add up instead of cancelling.
func (c *Canvas) ccw(poly []pt) {
	a := 0.0
	for i := range poly {
		j := (i + 1) % len(poly)
		a += poly[i].x*poly[j].y - poly[j].x*poly[i].y
	}
	if a < 0 {
		for i, j := 0, len(poly)-1; i < j; i, j = i+1, j-1 {
			poly[i], poly[j] = poly[j], poly[i]
		}
	}
	c.polygon(poly)
}

// disc adds a round join or cap of radius r at q.
func (c *Canvas) disc(q pt, r float64) {
	n := max(8, min(48, int(r*2)))
	poly := make([]pt, n)
	for i := range poly {
		a := 2 * math.Pi * float64(i) / float64(n)
		poly[i] = pt{q.x + r*math.Cos(a), q.y + r*math.Sin(a)}
	}
	c.ccw(poly)
}

// stroke adds the outline of a polyline stroked in style s.
func (c *Canvas) stroke(poly []pt, closed bool, s lexicon.Style) {
	hw := s.Width * c.scale / 2
	runs := [][]pt{poly}
	if len(s.Dash) > 0 {
		runs = dashes(poly, s.Dash, c.scale)
		closed = false
	}
	for _, run := range runs {
		for i := 0; i+1 < len(run); i++ {
			a, b := run[i], run[i+1]
			dx, dy := b.x-a.x, b.y-a.y
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			ux, uy := dx/l, dy/l
			if s.Cap == lexicon.SquareCap && !closed {
				if i == 0 {
					a = pt{a.x - ux*hw, a.y - uy*hw}
				}
				if i+2 == len(run) {
					b = pt{b.x + ux*hw, b.y + uy*hw}
				}
			}
			nx, ny := -uy*hw, ux*hw
			c.ccw([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
		}
		// Round joins at inner vertices; caps at the ends.
		for i, q := range run {
			end := i == 0 || i == len(run)-1
			if end && !closed && s.Cap != lexicon.RoundCap {
				continue
			}
			c.disc(q, hw)
		}
	}
}

// dashes cuts a polyline into its dashes (on, off lengths in symbol units).
func dashes(poly []pt, pattern []float64, scale float64) [][]pt {
	var out [][]pt
	k, left, on := 0, pattern[0]*scale, true
	var cur []pt
	if on {
		cur = []pt{poly[0]}
	}
	for i := 0; i+1 < len(poly); i++ {
		a, b := poly[i], poly[i+1]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		for l > 0 {
			if left <= 0 {
				left = 1e-9
			}
			step := math.Min(left, l)
			t := step / l
			m := pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				cur = append(cur, m)
			}
			a, l, left = m, l-step, left-step
			if left <= 1e-9 {
				if on && len(cur) > 1 {
					out = append(out, cur)
				}
				on = !on
				k = (k + 1) % len(pattern)
				left = pattern[k] * scale
				cur = nil
				if on {
					cur = []pt{m}
				}
			}
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// The fonts, parsed once.
var regular, bold = mustParse(fonts.Regular), mustParse(fonts.Bold)

func mustParse(b []byte) *sfnt.Font {
	f, err := sfnt.Parse(b)
	if err != nil {
		panic("raster: embedded font: " + err.Error())
	}
	return f
}

// Text implements lexicon.Canvas: the glyph outlines of DejaVu Sans filled.
func (c *Canvas) Text(x, y, size float64, text string, t lexicon.TextStyle) {
	f := regular
	if t.Bold {
		f = bold
	}
	ppem := fixed.Int26_6(math.Round(size * c.scale * 64))
	if ppem <= 0 {
		return
	}
	var buf sfnt.Buffer
	type glyph struct {
		idx sfnt.GlyphIndex
		x   float64
	}
	var glyphs []glyph
	adv := 0.0
	for _, r := range text {
		idx, err := f.GlyphIndex(&buf, r)
		if err != nil {
			c.fail(err)
			return
		}
		a, err := f.GlyphAdvance(&buf, idx, ppem, font.HintingNone)
		if err != nil {
			c.fail(err)
			return
		}
		glyphs = append(glyphs, glyph{idx, adv})
		adv += float64(a) / 64
	}
	ox := c.x + x*c.scale
	switch t.Anchor {
	case lexicon.Middle:
		ox -= adv / 2
	case lexicon.End:
		ox -= adv
	}
	oy := c.y + y*c.scale
	fx := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	for _, g := range glyphs {
		segs, err := f.LoadGlyph(&buf, g.idx, ppem, nil)
		if err != nil {
			c.fail(err)
			return
		}
		gx := ox + g.x
		for _, s := range segs {
			a := s.Args
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				c.r.MoveTo(float32(gx+fx(a[0].X)), float32(oy+fx(a[0].Y)))
			case sfnt.SegmentOpLineTo:
				c.r.LineTo(float32(gx+fx(a[0].X)), float32(oy+fx(a[0].Y)))
			case sfnt.SegmentOpQuadTo:
				c.r.QuadTo(float32(gx+fx(a[0].X)), float32(oy+fx(a[0].Y)), float32(gx+fx(a[1].X)), float32(oy+fx(a[1].Y)))
			case sfnt.SegmentOpCubeTo:
				c.r.CubeTo(float32(gx+fx(a[0].X)), float32(oy+fx(a[0].Y)), float32(gx+fx(a[1].X)), float32(oy+fx(a[1].Y)), float32(gx+fx(a[2].X)), float32(oy+fx(a[2].Y)))
			}
		}
		c.r.ClosePath()
	}
	col := t.Color
	if col.None() {
		col = lexicon.Black
	}
	c.paint(col)
}

func (c *Canvas) fail(err error) {
	if c.err == nil {
		c.err = fmt.Errorf("raster: %w", err)
	}
}

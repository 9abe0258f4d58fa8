package pdf

import (
	"errors"
	"math"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
)

// Default stroke widths in the tulip's unit square, for strokes whose Width
// is 0.
const (
	widthSolid  = 0.045
	widthDouble = 0.085
	widthThin   = 0.022
	widthDashed = 0.03
)

// tulipBox fills the tulip box of b: the file's own tulip (an image, or
// SVG as vectors), else, or with Options.Redraw, the tulip drawn from the
// route. A file's tulip that cannot be read is reported, and the drawn one
// printed under a red line that says so.
func (d *doc) tulipBox(b *roadbook.Box, x, y, w, h float64) {
	if b.TulipData != "" && !d.opts.Redraw {
		im, err := roadbook.ParseImage(b.TulipData)
		if err == nil {
			m := 1.5 * d.g.scale
			var lost []string
			if lost, err = d.drawImage(im, x+m, y+m, w-2*m, h-2*m, false); err == nil {
				d.warnLost(b, "tulip", lost)
				return
			}
		}
		if !errors.Is(err, roadbook.ErrNoDrawing) {
			d.unreadable(b, "tulip", err, x+1.2, y+0.8, w-2.4)
		}
	}
	d.tulip(b.Tulip, x, y, w, h)
}

// tulip draws t in the tulip box at (x, y), w × h millimetres: the unit
// square scaled to fit with a margin, y up. Strokes outside the square are
// clipped to the box; strokes with non-finite coordinates are skipped. A nil
// drawing leaves the box empty.
func (d *doc) tulip(t *tulip.Drawing, x, y, w, h float64) {
	if t == nil {
		return
	}
	f := d.f
	side := math.Min(w, h) - 5*d.g.scale
	if side <= 0 {
		return
	}
	ox := x + (w-side)/2
	oy := y + (h-side)/2
	pt := func(v tulip.Vec) (float64, float64) {
		return ox + v.X*side, oy + (1-v.Y)*side
	}
	f.ClipRect(x, y, w, h, false)
	defer f.ClipEnd()

	for _, s := range t.Strokes {
		pts := make([]fpdf.PointType, 0, len(s.Points))
		ok := true
		for _, v := range s.Points {
			if !finite(v.X, v.Y) {
				ok = false
				break
			}
			px, py := pt(v)
			if n := len(pts); n > 0 && math.Hypot(px-pts[n-1].X, py-pts[n-1].Y) < 1e-3 {
				continue // a repeated point has no direction for the arrow
			}
			pts = append(pts, fpdf.PointType{X: px, Y: py})
		}
		if !ok || len(pts) < 2 {
			continue
		}
		width := s.Width
		if !finite(width) || width <= 0 {
			width = defaultWidth(s.Style)
		}
		width = math.Min(math.Max(width, 0.005), 0.2) * side

		var head []fpdf.PointType
		if s.Arrow {
			pts, head = arrowHead(pts, width, side)
		}
		d.stroke(pts, s.Style, width)
		if head != nil {
			d.fill(black)
			f.Polygon(head, "F")
		}
	}
	if t.DotRadius > 0 && finite(t.Dot.X, t.Dot.Y, t.DotRadius) {
		cx, cy := pt(t.Dot)
		d.fill(black)
		f.Circle(cx, cy, math.Min(t.DotRadius, 0.2)*side, "F")
	}
}

func defaultWidth(s tulip.Style) float64 {
	switch s {
	case tulip.Double:
		return widthDouble
	case tulip.Thin:
		return widthThin
	case tulip.Dashed:
		return widthDashed
	}
	return widthSolid
}

// stroke draws the polyline pts (millimetres) in a style, width mm wide.
func (d *doc) stroke(pts []fpdf.PointType, style tulip.Style, width float64) {
	f := d.f
	path := func() {
		f.MoveTo(pts[0].X, pts[0].Y)
		for _, p := range pts[1:] {
			f.LineTo(p.X, p.Y)
		}
		f.DrawPath("D")
	}
	d.draw(black)
	f.SetLineWidth(width)
	switch style {
	case tulip.Double:
		// Tarmac: a wide black line with a white core leaves two parallel
		// edges that join cleanly at bends.
		f.SetLineCapStyle("butt")
		path()
		d.draw(white)
		f.SetLineWidth(width * 0.42)
		path()
		f.SetLineCapStyle("round")
	case tulip.Dashed:
		f.SetLineCapStyle("butt")
		f.SetDashPattern([]float64{width * 2.2, width * 1.6}, 0)
		path()
		f.SetDashPattern(nil, 0)
		f.SetLineCapStyle("round")
	default:
		path()
	}
}

// arrowHead shortens pts so that the line ends inside the base of an arrow
// head at its last point, and returns the shortened line and the head's
// triangle. The head is 3.2 line widths long, but at least 2.4 mm and at
// most 15 % of the tulip's side (so a wide tarmac line gets a head of the
// same size as a piste's, not a huge one), and points along the
// chord of the line's last head-length, so a short last segment (a wiggle
// of the track at the end) cannot turn it askew; the line is cut at an arc
// length back from the tip, so no earlier vertex pokes out past the head.
func arrowHead(pts []fpdf.PointType, width, side float64) ([]fpdf.PointType, []fpdf.PointType) {
	n := len(pts)
	tip := pts[n-1]
	length := math.Max(math.Min(3.2*width, 0.15*side), 2.4)
	half := math.Max(length*0.62, width*0.85)

	// The direction: from the point one head-length back along the line
	// (or the line's start, when it is shorter) to the tip.
	from := backAlong(pts, length)
	dx, dy := tip.X-from.X, tip.Y-from.Y
	l := math.Hypot(dx, dy)
	if l < 1e-9 {
		prev := pts[n-2]
		dx, dy = tip.X-prev.X, tip.Y-prev.Y
		l = math.Hypot(dx, dy)
	}
	ux, uy := dx/l, dy/l
	bx, by := tip.X-ux*length, tip.Y-uy*length
	head := []fpdf.PointType{
		{X: tip.X, Y: tip.Y},
		{X: bx - uy*half, Y: by + ux*half},
		{X: bx + uy*half, Y: by - ux*half},
	}
	// Stop the line a little inside the head so that no cap shows past it.
	return cutBack(pts, length*0.7), head
}

// backAlong returns the point at arc length d back from the end of pts, or
// its first point when the line is shorter.
func backAlong(pts []fpdf.PointType, d float64) fpdf.PointType {
	for i := len(pts) - 1; i > 0; i-- {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if l >= d && l > 0 {
			t := d / l
			return fpdf.PointType{X: b.X + (a.X-b.X)*t, Y: b.Y + (a.Y-b.Y)*t}
		}
		d -= l
	}
	return pts[0]
}

// cutBack returns pts without its last d of arc length; at least the first
// point and the cut point remain.
func cutBack(pts []fpdf.PointType, d float64) []fpdf.PointType {
	for i := len(pts) - 1; i > 0; i-- {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if l > d {
			t := d / l
			out := append([]fpdf.PointType(nil), pts[:i]...)
			return append(out, fpdf.PointType{X: b.X + (a.X-b.X)*t, Y: b.Y + (a.Y-b.Y)*t})
		}
		d -= l
	}
	return []fpdf.PointType{pts[0], pts[0]}
}

package tulip

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// DefaultWidth is the stroke width, in drawing units, used for a Stroke
// whose Width is 0.
const DefaultWidth = 0.04

// ArrowHead returns the three corners of the arrow head drawn at the end of
// a stroke whose last segment goes from a to b, for a stroke of width w
// (drawing units): the tip at b, the two barbs behind it. Renderers share it
// so the SVG and the PDF draw the same head.
func ArrowHead(a, b Vec, w float64) [3]Vec {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		dx, dy, n = 0, 1, 1
	}
	ux, uy := dx/n, dy/n
	l := math.Max(0.11, 3*w) // length of the head
	h := l * 0.55            // half its base
	base := Vec{b.X - ux*l, b.Y - uy*l}
	return [3]Vec{b, {base.X - uy*h, base.Y + ux*h}, {base.X + uy*h, base.Y - ux*h}}
}

// WriteSVG writes d as a small self-contained SVG document (no external
// references, no scripts) of size × size pixels (size > 0), black on a
// white background: solid strokes as lines, Double as a black line with a
// white core, Thin at half width, Dashed with a dash pattern, the arrow head
// as a filled triangle and the dot as a filled circle. The y axis is flipped
// so the crew arrives from the bottom. Coordinates are written with two
// decimals, so the output is deterministic. A nil drawing writes an empty
// square.
func WriteSVG(w io.Writer, d *Drawing, size float64) error {
	if !(size > 0) || math.IsInf(size, 0) {
		return fmt.Errorf("tulip: svg size %v: want a positive number of pixels", size)
	}
	bw := bufio.NewWriter(w)
	num := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
		if s == "-0" {
			s = "0"
		}
		return s
	}
	x := func(v Vec) string { return num(v.X * size) }
	y := func(v Vec) string { return num((1 - v.Y) * size) }
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">`+"\n",
		num(size), num(size), num(size), num(size))
	fmt.Fprintf(bw, `<rect width="%s" height="%s" fill="#fff"/>`+"\n", num(size), num(size))
	if d != nil {
		for _, s := range d.Strokes {
			if len(s.Points) < 2 {
				continue
			}
			wd := s.Width
			if wd <= 0 {
				wd = DefaultWidth
			}
			points := s.Points
			var head [3]Vec
			if s.Arrow {
				// The line stops inside the head, so its cap does not
				// blunt the tip.
				head = ArrowHead(points[len(points)-2], points[len(points)-1], wd)
				mid := Vec{(head[1].X + head[2].X + 2*head[0].X) / 4, (head[1].Y + head[2].Y + 2*head[0].Y) / 4}
				back := math.Hypot(mid.X-head[0].X, mid.Y-head[0].Y)
				n := len(points) - 1
				for n > 1 && math.Hypot(points[n-1].X-head[0].X, points[n-1].Y-head[0].Y) <= back {
					n--
				}
				points = append(points[:n:n], mid)
			}
			var sb strings.Builder
			for i, p := range points {
				if i > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(x(p) + "," + y(p))
			}
			pts := sb.String()
			line := func(width float64, color, extra string) {
				fmt.Fprintf(bw, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linecap="round" stroke-linejoin="round"%s/>`+"\n",
					pts, color, num(width*size), extra)
			}
			switch s.Style {
			case Double:
				line(wd, "#000", "")
				line(wd/2.5, "#fff", "")
			case Thin:
				line(wd/2, "#000", "")
			case Dashed:
				dash := num(wd * size * 2)
				fmt.Fprintf(bw, `<polyline points="%s" fill="none" stroke="#000" stroke-width="%s" stroke-dasharray="%s %s"/>`+"\n",
					pts, num(wd*size), dash, dash)
			default:
				line(wd, "#000", "")
			}
			if s.Arrow {
				h := head
				fmt.Fprintf(bw, `<polygon points="%s,%s %s,%s %s,%s" fill="#000"/>`+"\n",
					x(h[0]), y(h[0]), x(h[1]), y(h[1]), x(h[2]), y(h[2]))
			}
		}
		if d.DotRadius > 0 {
			fmt.Fprintf(bw, `<circle cx="%s" cy="%s" r="%s" fill="#000"/>`+"\n", x(d.Dot), y(d.Dot), num(d.DotRadius*size))
		}
	}
	fmt.Fprint(bw, "</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tulip: svg: %w", err)
	}
	return nil
}

package lexicon

import "math"

// Color is an sRGB colour. The zero Color (A = 0) is no paint: a Style
// whose Fill is zero is not filled, one whose Stroke is zero is not
// stroked. Painted colours are opaque (A = 255).
type Color struct{ R, G, B, A uint8 }

// RGB returns the opaque colour 0xRRGGBB.
func RGB(hex uint32) Color {
	return Color{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

// None reports whether c paints nothing.
func (c Color) None() bool { return c.A == 0 }

// The colours of the lexicon (the usual roadbook conventions: red only for
// danger and the red control discs, cyan waypoints, yellow CAP).
var (
	Black  = RGB(0x000000)
	White  = RGB(0xffffff)
	Red    = RGB(0xe00000) // danger marks, WPS, DSS/ASS discs
	Grey   = RGB(0x8c8f92) // neutralisation discs, end-of-limit signs
	Light  = RGB(0xd4d6d8) // shading: sand, plains, walls
	Sand   = RGB(0xe9c27a) // sand, dunes
	Aqua   = RGB(0x8ccdf0) // water surfaces
	Blue   = RGB(0x1f6fc0) // water lines, service discs
	Cyan   = RGB(0x22fcfd) // WPM, WPV, WPE
	Yellow = RGB(0xfcee23) // WPC, restart wait
	CapBox = RGB(0xffd42a) // the CAP box
	Orange = RGB(0xf89520) // DZ, speed-limited neutralisation
	Green  = RGB(0x3db54a) // FZ, new note
	Violet = RGB(0xba6bab) // checkpoint
	NavBlu = RGB(0x456db9) // WPN
	Limit  = RGB(0xe8400c) // the ring of a speed-limit sign
)

// Cap is how a stroke ends.
type Cap uint8

// The caps; the zero value is round.
const (
	RoundCap Cap = iota
	ButtCap
	SquareCap
)

// Style is how a path or a circle is painted: filled with Fill (nonzero
// winding), then stroked with Stroke, Width units wide, dashed when Dash is
// not empty (on, off lengths in units). A zero Fill or Stroke paints
// nothing. Joins are round.
type Style struct {
	Fill, Stroke Color
	Width        float64
	Dash         []float64
	Cap          Cap
}

// Anchor is which point of a text its x coordinate gives.
type Anchor uint8

// The anchors; the zero value is the middle.
const (
	Middle Anchor = iota
	Start
	End
)

// TextStyle is how a text is painted: in Color (black when zero), bold or
// regular DejaVu Sans, its x giving its middle, start or end.
type TextStyle struct {
	Color  Color
	Bold   bool
	Anchor Anchor
}

// Canvas is what a symbol draws on. Coordinates are in symbol units, y
// down: a symbol occupies the box [0, Symbol.Width] × [0, 100]. An
// implementation maps that box to its own place and scale; it draws in
// call order, each call over the earlier ones.
//
// The SVG writer (NewSVG), roadbook/pdf's page canvas and the raster
// package's image canvas implement it. Canvas methods do not return
// errors: an implementation that can fail (a writer) keeps the first error
// and reports it when it is finished.
type Canvas interface {
	// Path paints p in style s.
	Path(p *Path, s Style)
	// Circle paints the circle of centre (cx, cy) and radius r.
	Circle(cx, cy, r float64, s Style)
	// Text paints text with its baseline at y, size units high (the em
	// size), in DejaVu Sans: TextWidth gives its width.
	Text(x, y, size float64, text string, t TextStyle)
}

// Op is the kind of a path segment.
type Op uint8

// The path operations.
const (
	MoveTo  Op = iota // start a subpath at Pts[0]
	LineTo            // a line to Pts[0]
	CubicTo           // a cubic Bézier curve with controls Pts[0], Pts[1] to Pts[2]
	Close             // a line back to the subpath's start
)

// Point is a position in symbol units.
type Point struct{ X, Y float64 }

// Segment is one operation of a path.
type Segment struct {
	Op  Op
	Pts [3]Point
}

// Path is a sequence of subpaths made of lines and cubic curves. The zero
// Path is empty and ready to use; its methods return the path so that calls
// chain.
type Path struct {
	Segs []Segment
	cur  Point // the current point
	beg  Point // the start of the current subpath
}

// MoveTo starts a new subpath at (x, y).
func (p *Path) MoveTo(x, y float64) *Path {
	p.Segs = append(p.Segs, Segment{Op: MoveTo, Pts: [3]Point{{x, y}}})
	p.cur, p.beg = Point{x, y}, Point{x, y}
	return p
}

// LineTo adds a line to (x, y).
func (p *Path) LineTo(x, y float64) *Path {
	p.Segs = append(p.Segs, Segment{Op: LineTo, Pts: [3]Point{{x, y}}})
	p.cur = Point{x, y}
	return p
}

// Line adds lines through the points given as x, y pairs; it starts a
// subpath at the first when the path is empty.
func (p *Path) Line(xy ...float64) *Path {
	for i := 0; i+1 < len(xy); i += 2 {
		if i == 0 && len(p.Segs) == 0 {
			p.MoveTo(xy[0], xy[1])
			continue
		}
		p.LineTo(xy[i], xy[i+1])
	}
	return p
}

// CubicTo adds a cubic Bézier curve with controls (x1, y1), (x2, y2) to
// (x, y).
func (p *Path) CubicTo(x1, y1, x2, y2, x, y float64) *Path {
	p.Segs = append(p.Segs, Segment{Op: CubicTo, Pts: [3]Point{{x1, y1}, {x2, y2}, {x, y}}})
	p.cur = Point{x, y}
	return p
}

// QuadTo adds a quadratic Bézier curve with control (x1, y1) to (x, y), as
// the equivalent cubic.
func (p *Path) QuadTo(x1, y1, x, y float64) *Path {
	c := p.cur
	return p.CubicTo(c.X+2.0/3*(x1-c.X), c.Y+2.0/3*(y1-c.Y), x+2.0/3*(x1-x), y+2.0/3*(y1-y), x, y)
}

// Close closes the current subpath.
func (p *Path) Close() *Path {
	p.Segs = append(p.Segs, Segment{Op: Close})
	p.cur = p.beg
	return p
}

// Arc adds an arc of the circle of centre (cx, cy) and radius r from angle
// a0 to a1 (degrees, clockwise on the page from the +x axis, as y points
// down), joined to the current point by a line (or starting a subpath when
// the path is empty), as cubic curves of at most 90° each.
func (p *Path) Arc(cx, cy, r, a0, a1 float64) *Path {
	rad := math.Pi / 180
	x0, y0 := cx+r*math.Cos(a0*rad), cy+r*math.Sin(a0*rad)
	if len(p.Segs) == 0 {
		p.MoveTo(x0, y0)
	} else {
		p.LineTo(x0, y0)
	}
	n := int(math.Ceil(math.Abs(a1-a0) / 90))
	if n == 0 {
		return p
	}
	step := (a1 - a0) / float64(n) * rad
	k := 4.0 / 3 * math.Tan(step/4)
	a := a0 * rad
	for i := 0; i < n; i++ {
		b := a + step
		ca, sa, cb, sb := math.Cos(a), math.Sin(a), math.Cos(b), math.Sin(b)
		p.CubicTo(cx+r*(ca-k*sa), cy+r*(sa+k*ca), cx+r*(cb+k*sb), cy+r*(sb-k*cb), cx+r*cb, cy+r*sb)
		a = b
	}
	return p
}

// Ellipse adds a closed ellipse of centre (cx, cy) and radii rx, ry as a
// new subpath.
func (p *Path) Ellipse(cx, cy, rx, ry float64) *Path {
	k := 0.5522847498
	p.MoveTo(cx+rx, cy)
	p.CubicTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	p.CubicTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	p.CubicTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	p.CubicTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	return p.Close()
}

// Rect adds a closed rectangle as a new subpath.
func (p *Path) Rect(x, y, w, h float64) *Path {
	return p.MoveTo(x, y).LineTo(x+w, y).LineTo(x+w, y+h).LineTo(x, y+h).Close()
}

// Smooth adds a curve through the points given as x, y pairs (a
// Catmull-Rom spline turned into cubic curves), starting a subpath at the
// first point.
func (p *Path) Smooth(xy ...float64) *Path {
	n := len(xy) / 2
	if n < 2 {
		return p
	}
	pt := func(i int) Point {
		i = max(0, min(n-1, i))
		return Point{xy[2*i], xy[2*i+1]}
	}
	p.MoveTo(xy[0], xy[1])
	for i := 0; i < n-1; i++ {
		p0, p1, p2, p3 := pt(i-1), pt(i), pt(i+1), pt(i+2)
		p.CubicTo(p1.X+(p2.X-p0.X)/6, p1.Y+(p2.Y-p0.Y)/6, p2.X-(p3.X-p1.X)/6, p2.Y-(p3.Y-p1.Y)/6, p2.X, p2.Y)
	}
	return p
}

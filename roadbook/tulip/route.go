package tulip

import "math"

// Options configures Route. The zero value is the defaults.
type Options struct {
	// Radius is the distance in metres from the junction that maps to the
	// edge of the drawn area (0.4 from the centre, leaving a 0.1 margin);
	// 0 means 50 m.
	Radius float64
	// Straight adds a short dashed stroke going straight on from the
	// junction (the continuation of the entry direction), so a turn reads
	// as a turn off a track. Roadbook sets it on boxes that are turns when
	// it knows no other track there.
	Straight bool
	// Others are the other tracks around the junction (roads, pistes), in
	// the same local plane as the route; each is drawn in its style under
	// the route, clipped to the circle.
	Others []Other
	// EntrySurface and ExitSurface are the surfaces of the route before
	// and after the junction: the route's legs are drawn by them (a
	// tarmac exit as an open double line); unknown draws a solid line.
	EntrySurface, ExitSurface Surface
}

// Other is another track at the junction: its points, in metres in the
// route's local plane, its surface, and how it is drawn (its surface's
// style when the surface is known; else Style: Double for tarmac, Solid
// for a piste, Thin for a small or unknown track).
type Other struct {
	Points  []Vec
	Style   Style
	Surface Surface
}

// Width of the route stroke and of the straight-on stub, in drawing units.
const (
	RouteWidth = 0.045
	// RouteTarmacWidth is the width of a tarmac leg of the route (an open
	// double line).
	RouteTarmacWidth = 0.075
	StubWidth        = 0.025
	// DotRadius is the radius of the arrival dot.
	DotRadius = 0.04
	// OtherWidth is the width of another track's stroke: thin, a piste,
	// tarmac.
	OtherWidth       = 0.025
	OtherPisteWidth  = 0.032
	OtherTarmacWidth = 0.06
)

// Route builds a tulip from the route around a junction. in holds the route
// before the junction and out the route after it, both in metres in a local
// plane centred on the junction with x to the right and y along the entry
// direction (the crew arrives moving up); in ends and out starts at or near
// (0, 0). Points farther than the radius from the junction are clipped off
// (the stroke stops where it first leaves the circle). The drawing has one
// solid stroke from the arrival dot through the junction to an arrow head at
// the exit, preceded by a dashed straight-on stub when opts.Straight is set.
// Empty in or out give a stroke that starts or ends at the junction; with
// both empty Route returns a drawing with only the dot at the centre.
func Route(in, out []Vec, opts Options) *Drawing {
	r := opts.Radius
	if r <= 0 {
		r = 50
	}
	k := 0.4 / r
	to := func(v Vec) Vec { return Vec{0.5 + v.X*k, 0.5 + v.Y*k} }

	// Walk backwards from the junction along in, forwards along out, and
	// stop where the route leaves the circle of radius r.
	var back []Vec
	for i := len(in) - 1; i >= 0; i-- {
		v, inside := clip(in, i, +1, r)
		back = append(back, v)
		if !inside {
			break
		}
	}
	var fwd []Vec
	for i := 0; i < len(out); i++ {
		v, inside := clip(out, i, -1, r)
		fwd = append(fwd, v)
		if !inside {
			break
		}
	}
	pts := make([]Vec, 0, len(back)+len(fwd)+1)
	add := func(v Vec) {
		p := to(v)
		if n := len(pts); n > 0 && math.Hypot(p.X-pts[n-1].X, p.Y-pts[n-1].Y) < 1e-9 {
			return
		}
		pts = append(pts, p)
	}
	for i := len(back) - 1; i >= 0; i-- {
		add(back[i])
	}
	if len(pts) == 0 {
		pts = append(pts, Vec{0.5, 0.5})
	}
	for _, v := range fwd {
		add(v)
	}
	d := &Drawing{Dot: pts[0], DotRadius: DotRadius}
	for _, o := range opts.Others {
		o.Style = o.Surface.Style(o.Style)
		w := OtherWidth
		switch o.Style {
		case Double:
			w = OtherTarmacWidth
		case Solid:
			w = OtherPisteWidth
		}
		for _, piece := range inside(o.Points, r) {
			st := Stroke{Style: o.Style, Surface: o.Surface, Width: w}
			for _, v := range piece {
				st.Points = append(st.Points, to(v))
			}
			d.Strokes = append(d.Strokes, st)
		}
	}
	if opts.Straight {
		d.Strokes = append(d.Strokes, Stroke{
			Points: []Vec{{0.5, 0.5}, {0.5, 0.5 + 0.5*0.4}},
			Style:  Dashed,
			Width:  StubWidth,
		})
	}
	if len(pts) >= 2 {
		if opts.EntrySurface == opts.ExitSurface || len(back) < 1 || len(fwd) < 1 {
			sf := opts.ExitSurface
			if len(fwd) == 0 {
				sf = opts.EntrySurface
			}
			d.Strokes = append(d.Strokes, routeStroke(pts, sf, len(fwd) > 0))
		} else {
			// The legs on their own surfaces, meeting at the junction.
			j := 0 // the junction's index in pts: the point nearest the centre
			for i, p := range pts {
				if math.Hypot(p.X-0.5, p.Y-0.5) < math.Hypot(pts[j].X-0.5, pts[j].Y-0.5) {
					j = i
				}
			}
			if j == 0 || j == len(pts)-1 {
				d.Strokes = append(d.Strokes, routeStroke(pts, opts.ExitSurface, true))
				return d
			}
			d.Strokes = append(d.Strokes, routeStroke(pts[:j+1], opts.EntrySurface, false), routeStroke(pts[j:], opts.ExitSurface, true))
		}
	}
	return d
}

// clip returns pts[i] when it lies within radius r of the origin, and true;
// otherwise the point where the segment from its neighbour towards the
// junction (pts[i+dir]) crosses the circle, and false.
func clip(pts []Vec, i, dir int, r float64) (Vec, bool) {
	p := pts[i]
	if math.Hypot(p.X, p.Y) <= r {
		return p, true
	}
	j := i + dir
	if j < 0 || j >= len(pts) {
		// The neighbour towards the junction is the junction itself.
		return crossing(Vec{}, p, r), false
	}
	return crossing(pts[j], p, r), false
}

// inside returns the parts of the polyline pts that lie within the circle
// of radius r about the origin, each with at least two points: a segment
// that enters or leaves the circle is cut where it crosses it.
func inside(pts []Vec, r float64) [][]Vec {
	var out [][]Vec
	var cur []Vec
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := 0; i+1 < len(pts); i++ {
		t0, t1, ok := segmentInCircle(pts[i], pts[i+1], r)
		if !ok {
			flush()
			continue
		}
		a, b := pts[i], pts[i+1]
		p := Vec{a.X + t0*(b.X-a.X), a.Y + t0*(b.Y-a.Y)}
		q := Vec{a.X + t1*(b.X-a.X), a.Y + t1*(b.Y-a.Y)}
		if len(cur) == 0 || t0 > 0 {
			flush()
			cur = append(cur, p)
		}
		cur = append(cur, q)
		if t1 < 1 {
			flush()
		}
	}
	flush()
	return out
}

// segmentInCircle returns the parameters t0 <= t1 in [0, 1] of the part of
// the segment a–b inside the circle of radius r about the origin; ok is
// false when no part of it is (or only a point).
func segmentInCircle(a, b Vec, r float64) (t0, t1 float64, ok bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	aa := dx*dx + dy*dy
	cc := a.X*a.X + a.Y*a.Y - r*r
	if aa == 0 {
		return 0, 0, false
	}
	bb := 2 * (a.X*dx + a.Y*dy)
	disc := bb*bb - 4*aa*cc
	if disc <= 0 {
		return 0, 0, false
	}
	sq := math.Sqrt(disc)
	t0 = math.Max(0, (-bb-sq)/(2*aa))
	t1 = math.Min(1, (-bb+sq)/(2*aa))
	return t0, t1, t1 > t0
}

// crossing returns the point of the segment a–b (a inside the circle of
// radius r about the origin, b outside) that lies on the circle.
func crossing(a, b Vec, r float64) Vec {
	dx, dy := b.X-a.X, b.Y-a.Y
	aa := dx*dx + dy*dy
	if aa == 0 {
		return a
	}
	bb := 2 * (a.X*dx + a.Y*dy)
	cc := a.X*a.X + a.Y*a.Y - r*r
	disc := bb*bb - 4*aa*cc
	if disc < 0 {
		disc = 0
	}
	t := (-bb + math.Sqrt(disc)) / (2 * aa)
	t = math.Max(0, math.Min(1, t))
	return Vec{a.X + t*dx, a.Y + t*dy}
}

// ExitAngle returns the direction of the drawing's exit arrow in degrees,
// clockwise from straight up (the entry direction): 90 points right, -90
// left, ±180 back down. ok is false when the drawing has no arrow.
func (d *Drawing) ExitAngle() (deg float64, ok bool) {
	if d == nil {
		return 0, false
	}
	for i := len(d.Strokes) - 1; i >= 0; i-- {
		s := d.Strokes[i]
		if !s.Arrow || len(s.Points) < 2 {
			continue
		}
		a, b := s.Points[len(s.Points)-2], s.Points[len(s.Points)-1]
		return math.Atan2(b.X-a.X, b.Y-a.Y) * 180 / math.Pi, true
	}
	return 0, false
}

// routeStroke is a leg of the route on surface sf: a piste (or an unknown
// surface) a solid line RouteWidth wide, tarmac an open double line wider
// still, a small track or off-piste thinner, off-piste dashed.
func routeStroke(pts []Vec, sf Surface, arrow bool) Stroke {
	st := Stroke{Points: pts, Style: sf.Style(Solid), Surface: sf, Width: RouteWidth, Arrow: arrow}
	switch st.Style {
	case Double:
		st.Width = RouteTarmacWidth
	case Thin, Dashed:
		st.Width = RouteWidth * 0.8
	}
	return st
}

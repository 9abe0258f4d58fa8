package pdf

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// projection maps [lon, lat] degrees to page millimetres: the plane
// tangent to WGS84 at the route's centre (geo.Plane; the map is a sketch,
// its scale bar true to about 1 % over a stage).
type projection struct {
	plane  geo.Plane
	scale  float64 // mm per km
	cx, cy float64 // page point of the plane's origin
}

// kmXY returns the local east and north kilometres of p from the centre,
// longitudes unwrapped across the antimeridian.
func (p *projection) kmXY(pt orb.Point) (float64, float64) {
	x, y := p.plane.XY(pt)
	return x / 1000, y / 1000
}

func (p *projection) page(pt orb.Point) (float64, float64) {
	ex, ny := p.kmXY(pt)
	return p.cx + ex*p.scale, p.cy - ny*p.scale
}

// newProjection fits the line into the w × h box at (x, y) with a margin.
// Points with a non-finite coordinate are left out; it returns nil when no
// point is left.
func newProjection(ls orb.LineString, x, y, w, h float64) *projection {
	// Centre on the middle of the latitude range and of the unwrapped
	// longitudes relative to the first point.
	first := -1
	for i, pt := range ls {
		if finite(pt[0], pt[1]) {
			first = i
			break
		}
	}
	if first < 0 {
		return nil
	}
	lon0 := ls[first][0]
	minE, maxE, minN, maxN := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, pt := range ls[first:] {
		if !finite(pt[0], pt[1]) {
			continue
		}
		e := math.Mod(pt[0]-lon0+540, 360) - 180
		minE, maxE = math.Min(minE, e), math.Max(maxE, e)
		minN, maxN = math.Min(minN, pt[1]), math.Max(maxN, pt[1])
	}
	p := &projection{plane: geo.NewPlane(orb.Point{geo.WrapLon(lon0 + (minE+maxE)/2), (minN + maxN) / 2})}
	ew := p.plane.Kx * (maxE - minE) / 1000
	nh := p.plane.Ky * (maxN - minN) / 1000
	ew, nh = math.Max(ew, 0.5), math.Max(nh, 0.5)
	const fill = 0.86
	p.scale = math.Min(w*fill/ew, h*fill/nh)
	p.cx, p.cy = x+w/2, y+h/2
	if !finite(p.scale, p.plane.Origin[0], p.plane.Origin[1], p.plane.Kx) {
		return nil
	}
	return p
}

// tickInterval returns the spacing in metres of the km ticks on the map: 10
// km up to 200 km of route, 50 km up to 1500 km, else 100 km.
func tickInterval(length float64) float64 {
	switch {
	case length <= 200e3:
		return 10e3
	case length <= 1500e3:
		return 50e3
	}
	return 100e3
}

// labels keeps the page rectangles already taken by labels and marks, so
// that later labels go elsewhere or are left out, and the route's line, which
// labels avoid where they can.
type labels struct {
	taken [][4]float64 // x0, y0, x1, y1
	box   [4]float64   // the map frame
	// line holds small squares along the drawn route, bucketed by the
	// lineCell-millimetre grid cell of their centre.
	line map[[2]int][][4]float64
}

// lineCell is the side in millimetres of the grid the route's squares are
// bucketed in; a square is at most lineCell wide.
const lineCell = 4.0

func overlaps(r, t [4]float64) bool {
	return r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3]
}

// free reports whether r lies inside the map frame and clear of the taken
// rectangles, and also of the route's line when avoidLine is set.
func (l *labels) free(r [4]float64, avoidLine bool) bool {
	if r[0] < l.box[0] || r[1] < l.box[1] || r[2] > l.box[2] || r[3] > l.box[3] {
		return false
	}
	for _, t := range l.taken {
		if overlaps(r, t) {
			return false
		}
	}
	if !avoidLine {
		return true
	}
	// A square overlapping r has its centre within one cell of r.
	for cx := int(math.Floor(r[0]/lineCell)) - 1; cx <= int(math.Floor(r[2]/lineCell))+1; cx++ {
		for cy := int(math.Floor(r[1]/lineCell)) - 1; cy <= int(math.Floor(r[3]/lineCell))+1; cy++ {
			for _, t := range l.line[[2]int{cx, cy}] {
				if overlaps(r, t) {
					return false
				}
			}
		}
	}
	return true
}

// addLine records the polyline pts (page millimetres), drawn width
// millimetres wide, as squares every half millimetre along it.
func (l *labels) addLine(pts []fpdf.PointType, width float64) {
	if l.line == nil {
		l.line = map[[2]int][][4]float64{}
	}
	half := math.Min(width/2+0.2, lineCell/2)
	add := func(x, y float64) {
		k := [2]int{int(math.Floor(x / lineCell)), int(math.Floor(y / lineCell))}
		l.line[k] = append(l.line[k], [4]float64{x - half, y - half, x + half, y + half})
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := int(math.Ceil(math.Hypot(b.X-a.X, b.Y-a.Y) / 0.5))
		if n > 100000 { // a degenerate projection; the line is not worth it
			continue
		}
		for j := 0; j < n; j++ {
			t := float64(j) / float64(n)
			add(a.X+(b.X-a.X)*t, a.Y+(b.Y-a.Y)*t)
		}
	}
	if n := len(pts); n > 0 {
		add(pts[n-1].X, pts[n-1].Y)
	}
}

// place prints text next to (px, py) at the first free one of eight
// positions (right, left, above, below, then the diagonals): first one
// clear of the route's line too, else one that only crosses the line. It
// reports whether it found one.
func (l *labels) place(f *fpdf.Fpdf, text string, px, py, gap float64) bool {
	size, _ := f.GetFontSize()
	tw := f.GetStringWidth(text)
	th := capHeight * size * mmPerPt
	cands := [][2]float64{ // top-left corners
		{px + gap, py - th/2},
		{px - gap - tw, py - th/2},
		{px - tw/2, py - gap - th},
		{px - tw/2, py + gap},
		{px + gap*0.7, py - gap*0.7 - th},
		{px + gap*0.7, py + gap*0.7},
		{px - gap*0.7 - tw, py - gap*0.7 - th},
		{px - gap*0.7 - tw, py + gap*0.7},
	}
	for _, avoidLine := range []bool{true, false} {
		for _, c := range cands {
			r := [4]float64{c[0] - 0.3, c[1] - 0.3, c[0] + tw + 0.3, c[1] + th + 0.3}
			if l.free(r, avoidLine) {
				l.taken = append(l.taken, r)
				f.Text(c[0], c[1]+th, text)
				return true
			}
		}
	}
	return false
}

// overview draws the stage's route in the w × h box at (x, y): the sections
// coloured by kind, km ticks, the waypoints with their codes, a scale bar
// and a north arrow.
func (d *doc) overview(st *route.Stage, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	path := st.Path
	d.draw(rgb{150, 150, 150})
	f.SetLineWidth(0.25)
	f.Rect(x, y, w, h, "D")
	pr := newProjection(path.Line, x, y, w, h)
	if pr == nil {
		return // no point of the route has finite coordinates
	}
	lab := &labels{box: [4]float64{x + 1, y + 1, x + w - 1, y + h - 1}}
	f.ClipRect(x, y, w, h, false)
	defer f.ClipEnd()

	// North arrow and scale bar first, so that labels avoid them.
	d.northArrow(x+w-7*s, y+3*s, s)
	lab.taken = append(lab.taken, [4]float64{x + w - 11*s, y, x + w, y + 14*s})
	d.scaleBar(pr, x+3*s, y+h-4*s, w/4, s)
	lab.taken = append(lab.taken, [4]float64{x, y + h - 10*s, x + w/4 + 14*s, y + h})

	// The route, section by section.
	secs := st.Sections
	if len(secs) == 0 {
		secs = []route.Section{{From: 0, To: path.Length()}}
	}
	f.SetLineCapStyle("round")
	for _, sec := range secs {
		line := path.Slice(sec.From, sec.To)
		if len(line) < 2 {
			continue
		}
		d.draw(sectionColor(sec.Kind))
		width := 0.7 * s
		if sec.Kind == route.Special {
			width = 1.0 * s
		}
		f.SetLineWidth(width)
		lab.addLine(d.polyline(pr, line), width)
	}

	// Start and finish.
	sx, sy := pr.page(path.Line[0])
	ex, ey := pr.page(path.Line[len(path.Line)-1])
	d.draw(black)
	f.SetLineWidth(0.4 * s)
	if finite(sx, sy) {
		d.fill(white)
		f.Circle(sx, sy, 1.3*s, "FD")
		lab.taken = append(lab.taken, [4]float64{sx - 1.5*s, sy - 1.5*s, sx + 1.5*s, sy + 1.5*s})
	}
	if finite(ex, ey) {
		d.fill(black)
		f.Rect(ex-1.1*s, ey-1.1*s, 2.2*s, 2.2*s, "F")
		lab.taken = append(lab.taken, [4]float64{ex - 1.3*s, ey - 1.3*s, ex + 1.3*s, ey + 1.3*s})
	}

	// Waypoints: a mark and the code.
	type mark struct {
		x, y float64
		text string
		k    route.Kind
	}
	var marks []mark
	for _, wp := range st.Waypoints {
		if len(wp.Controls) == 0 || !wp.HasPoint || !finite(wp.Point[0], wp.Point[1]) {
			continue
		}
		px, py := pr.page(wp.Point)
		if !finite(px, py) {
			continue
		}
		var parts []string
		for _, c := range wp.Controls {
			parts = append(parts, badgeText(c))
		}
		marks = append(marks, mark{px, py, strings.Join(parts, " · "), wp.Controls[0].Kind})
		lab.taken = append(lab.taken, [4]float64{px - 1, py - 1, px + 1, py + 1})
	}
	for _, m := range marks {
		c := badgeStyle(m.k).fill
		d.fill(c)
		d.draw(white)
		f.SetLineWidth(0.25)
		f.Circle(m.x, m.y, 0.95*s, "FD")
	}

	// Km ticks along the route, by the roadbook odometer: every tick km
	// from the start of each section.
	tick := tickInterval(path.Length())
	ticks := odoTicks(st, tick)
	d.draw(rgb{40, 40, 40})
	f.SetLineWidth(0.3 * s)
	for _, tk := range ticks {
		k := tk.along
		ax, ay := pr.page(path.PointAt(k - 200))
		bx, by := pr.page(path.PointAt(k + 200))
		px, py := pr.page(path.PointAt(k))
		dx, dy := bx-ax, by-ay
		l := math.Hypot(dx, dy)
		if l == 0 || !finite(l, px, py) {
			continue
		}
		nx, ny := -dy/l*1.4*s, dx/l*1.4*s
		f.Line(px-nx, py-ny, px+nx, py+ny)
		lab.taken = append(lab.taken, [4]float64{px - 1.2*s, py - 1.2*s, px + 1.2*s, py + 1.2*s})
	}
	// Waypoint codes, bold, in their colours, the special's start and
	// finish and the time controls first, the speed zones last (where
	// labels crowd, the last ones are left out); the km labels avoid them.
	f.SetFont(family, "B", minType*s)
	order := make([]mark, len(marks))
	copy(order, marks)
	sort.SliceStable(order, func(i, j int) bool { return labelRank(order[i].k) < labelRank(order[j].k) })
	for _, m := range order {
		d.color(labelColor(m.k))
		lab.place(f, m.text, m.x, m.y, 2*s)
	}

	f.SetFont(family, "", minType*s)
	d.color(grey)
	for _, tk := range ticks {
		px, py := pr.page(path.PointAt(tk.along))
		if !finite(px, py) {
			continue
		}
		lab.place(f, strconv.Itoa(int(math.Round(tk.km))), px, py, 1.8*s)
	}
}

// odoTick is a km tick on the map: where it is along the route, and the
// roadbook odometer there, in km.
type odoTick struct{ along, km float64 }

// odoTicks returns the ticks every step metres from the start of each
// section of the stage (the route's start when it has none), leaving out
// those within a quarter step of the section's end.
func odoTicks(st *route.Stage, step float64) []odoTick {
	secs := st.Sections
	if len(secs) == 0 {
		secs = []route.Section{{From: 0, To: st.Length()}}
	}
	var out []odoTick
	for _, sec := range secs {
		length := math.Min(sec.To, st.Length()) - sec.From
		for k := step; k < length-step/4; k += step {
			out = append(out, odoTick{sec.From + k, k / 1000})
		}
	}
	return out
}

// labelColor is the colour of a waypoint's code on the map: its badge's
// fill, darkened where it would be pale on the page.
func labelColor(k route.Kind) rgb {
	switch k {
	case route.WPC, route.DZ:
		return rgb{150, 90, 0}
	}
	return badgeStyle(k).fill
}

// polyline draws ls projected, leaving out vertices closer than 0.2 mm to
// the previous one drawn (a 5,000-point track becomes a few hundred) and
// vertices with a non-finite coordinate (the line resumes after them), and
// returns the vertices drawn.
func (d *doc) polyline(pr *projection, ls orb.LineString) []fpdf.PointType {
	f := d.f
	var drawn []fpdf.PointType
	gap := true // the next finite vertex starts a new subpath
	for i := range ls {
		px, py := pr.page(ls[i])
		if !finite(px, py) {
			gap = true
			continue
		}
		if gap {
			f.MoveTo(px, py)
			drawn = append(drawn, fpdf.PointType{X: px, Y: py})
			gap = false
			continue
		}
		last := drawn[len(drawn)-1]
		if i < len(ls)-1 && math.Hypot(px-last.X, py-last.Y) < 0.2 {
			continue
		}
		f.LineTo(px, py)
		drawn = append(drawn, fpdf.PointType{X: px, Y: py})
	}
	if len(drawn) > 0 {
		f.DrawPath("D")
	}
	return drawn
}

// northArrow draws an arrow pointing up with an N, its tip at (x, y).
func (d *doc) northArrow(x, y, s float64) {
	f := d.f
	d.fill(black)
	f.Polygon([]fpdf.PointType{{X: x, Y: y}, {X: x - 2.2*s, Y: y + 6*s}, {X: x, Y: y + 4.8*s}}, "F")
	d.fill(white)
	d.draw(black)
	f.SetLineWidth(0.25)
	f.Polygon([]fpdf.PointType{{X: x, Y: y}, {X: x + 2.2*s, Y: y + 6*s}, {X: x, Y: y + 4.8*s}}, "FD")
	f.SetFont(family, "B", minType*s)
	d.color(black)
	textMiddle(f, "N", x, y+9*s)
}

// scaleBar draws a bar of a round length (1, 2 or 5 × 10ⁿ km) at most maxW
// millimetres long, its left end at (x, y).
func (d *doc) scaleBar(pr *projection, x, y, maxW, s float64) {
	f := d.f
	kmMax := maxW / pr.scale
	if !finite(kmMax) || kmMax <= 0 {
		return
	}
	step := math.Pow(10, math.Floor(math.Log10(kmMax)))
	length := step
	for _, m := range []float64{5, 2} {
		if m*step <= kmMax {
			length = m * step
			break
		}
	}
	bw := length * pr.scale
	bh := 1.2 * s
	d.draw(black)
	f.SetLineWidth(0.25)
	d.fill(black)
	f.Rect(x, y-bh, bw/2, bh, "FD")
	d.fill(white)
	f.Rect(x+bw/2, y-bh, bw/2, bh, "FD")
	f.SetFont(family, "", minType*s)
	d.color(black)
	f.Text(x, y-bh-1, "0")
	label := strconv.FormatFloat(length, 'f', -1, 64) + " km"
	f.Text(x+bw-f.GetStringWidth(label)/2, y-bh-1, label)
}

// labelRank orders the map's waypoint labels: the special's start and
// finish and the controls first, then the waypoints, the speed zones last.
func labelRank(k route.Kind) int {
	switch k {
	case route.DSS, route.ASS, route.CH, route.CP:
		return 0
	case route.DZ, route.FZ:
		return 2
	}
	return 1
}

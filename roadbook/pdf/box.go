package pdf

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/route"
)

// Type sizes in points on A5 (scaled by geometry.scale on A4): legible at
// arm's length on a bumpy road. Nothing prints under minType.
const (
	totalType   = 21   // the total, large (shrinks to fit a narrow column, never under 12)
	resetType   = 14   // the 0.00 under a reset box's total
	partialType = 10.5 // the partial, boxed
	numberType  = 10   // the box number
	badgeType   = 9    // the waypoint badge
	noteType    = 13   // the notes text, never under minNoteType
	minNoteType = 12
	capType     = 13 // the CAP on yellow
	factType    = 9  // radii, times, coordinates
	minType     = 8
	signSize    = 11 // mm: the diameter of a speed sign on A5
	// symbolHeight is the height in mm of a lexicon symbol in the notes on
	// A5.
	symbolHeight = 10
)

// boxInfo is what a box's neighbours say about it: the speed zone it is
// in, and the waypoint it stands for.
type boxInfo struct {
	zone          bool    // inside a speed zone (DZ … FZ, both included)
	zoneStart     bool    // the DZ row: the bracket's top
	zoneEnd       bool    // the FZ row (or an FN/FT closing the zone): the bracket's bottom
	endLimit      float64 // the limit an FZ ends, km/h; 0 when unknown
	wp            *route.Placed
	closesSection string // at a reset: the section the box closes ("liaison 1")
	opensSection  string // at a reset: the section that starts ("special")
}

// infos walks the boxes in order and says, for each, its speed zone (the
// stage's zones, route.Stage.Zones, bracketed from the box of the waypoint
// that opens each to the box of the one that closes it) and its waypoint.
func infos(b *roadbook.Book) []boxInfo {
	out := make([]boxInfo, len(b.Boxes))
	st := b.Stage
	// The zones each waypoint opens and closes, by index in Stage.Waypoints.
	opens, closes := map[int][]int{}, map[int][]int{}
	if st != nil {
		for k, z := range st.Zones {
			opens[z.Start] = append(opens[z.Start], k)
			if z.End >= 0 {
				closes[z.End] = append(closes[z.End], k)
			}
		}
	}
	open := map[int]bool{} // zones whose opening box has been printed
	for i := range b.Boxes {
		bx := &b.Boxes[i]
		inf := &out[i]
		if st != nil && bx.Waypoint >= 0 && bx.Waypoint < len(st.Waypoints) {
			inf.wp = &st.Waypoints[bx.Waypoint]
		}
		if st != nil && bx.Reset && bx.Section >= 0 && bx.Section < len(st.Sections) {
			inf.opensSection = st.SectionLabel(bx.Section)
			if bx.Section > 0 {
				inf.closesSection = st.SectionLabel(bx.Section - 1)
			}
		}
		if bx.Waypoint >= 0 {
			for _, k := range closes[bx.Waypoint] {
				if open[k] {
					inf.zone, inf.zoneEnd, inf.endLimit = true, true, st.Zones[k].Limit
					delete(open, k)
				}
			}
			if !inf.zoneEnd && hasKind(bx.Controls, route.FZ) {
				inf.zoneEnd = true // an FZ without its DZ: the sign only
			}
			for _, k := range opens[bx.Waypoint] {
				open[k] = true
				inf.zone, inf.zoneStart = true, true
			}
		}
		if len(open) > 0 {
			inf.zone = true
		}
	}
	return out
}

// box prints one row of boxes with its top-left corner at (x, y).
func (d *doc) box(b *roadbook.Box, inf boxInfo, x, y float64) {
	g := d.g
	s := g.scale
	w := g.width - 2*g.margin
	wd := w * distFrac
	wt := w * tulipFrac
	wn := w - wd - wt
	d.distance(b, inf, x, y, wd, g.boxH)
	d.tulipBox(b, x+wd, y, wt, g.boxH)
	d.notes(b, inf, x+wd+wt, y, wn, g.boxH)

	f := d.f
	d.draw(black)
	f.SetLineWidth(0.35 * s)
	f.SetDashPattern(nil, 0)
	f.Rect(x, y, w, g.boxH, "D")
	f.Line(x+wd, y, x+wd, y+g.boxH)
	f.Line(x+wd+wt, y, x+wd+wt, y+g.boxH)

	// The speed zone's bracket: orange bars down both sides of every row
	// from the DZ to the FZ, closed above the DZ and under the FZ.
	if inf.zone {
		bw := 1.3 * s
		d.fill(zoneOrange)
		f.Rect(x-bw-0.4, y, bw, g.boxH, "F")
		f.Rect(x+w+0.4, y, bw, g.boxH, "F")
		if inf.zoneStart {
			f.Rect(x-bw-0.4, y-0.2, 7*s, bw*0.8, "F")
			f.Rect(x+w+0.4+bw-7*s, y-0.2, 7*s, bw*0.8, "F")
		}
		if inf.zoneEnd {
			f.Rect(x-bw-0.4, y+g.boxH+0.2-bw*0.8, 7*s, bw*0.8, "F")
			f.Rect(x+w+0.4+bw-7*s, y+g.boxH+0.2-bw*0.8, 7*s, bw*0.8, "F")
		}
	}
	// Danger 3: the whole row framed in red.
	if b.Danger >= 3 {
		d.draw(red)
		f.SetLineWidth(1.2 * s)
		f.Rect(x+0.3*s, y+0.3*s, w-0.6*s, g.boxH-0.6*s, "D")
	}
}

// kindStyle is how a waypoint badge is drawn: its fill and its text colour.
type kindStyle struct{ fill, text rgb }

// badgeStyle returns the colours of a control's badge (docs/print.md):
// the waypoints to validate in the Tulip editor's colours, the special's
// start and finish red, speed zones orange and green, neutralisations and
// transfers grey, controls violet, refuel green, stops red.
func badgeStyle(k route.Kind) kindStyle {
	switch k {
	case route.WPM, route.WPV, route.WPE:
		return kindStyle{rgb{0, 150, 200}, white}
	case route.WPC:
		return kindStyle{capYellow, black}
	case route.WPS:
		return kindStyle{red, white}
	case route.WPN:
		return kindStyle{rgb{200, 20, 200}, white}
	case route.WPP:
		return kindStyle{rgb{90, 90, 90}, white}
	case route.DSS, route.ASS:
		return kindStyle{red, white}
	case route.DZ:
		return kindStyle{zoneOrange, black}
	case route.FZ:
		return kindStyle{green, white}
	case route.DN, route.FN, route.DT, route.FT:
		return kindStyle{rgb{120, 122, 126}, white}
	case route.CP, route.CH:
		return kindStyle{rgb{140, 60, 150}, white}
	case route.Fuel:
		return kindStyle{green, white}
	case route.Stop:
		return kindStyle{red, white}
	}
	return kindStyle{black, white}
}

// badgeText returns how a badge names a control: its name when the name
// says the kind ("WPM 12"), else the kind and the name ("WPM 1" for a
// waypoint named "1"), else the kind.
func badgeText(c route.Control) string {
	name := strings.TrimSpace(clean(c.Name, false))
	code := strings.ToUpper(c.Kind.String())
	switch {
	case name == "":
		return code
	case strings.Contains(strings.ToUpper(name), code):
		return name
	}
	return code + " " + name
}

// radiiText returns a control's radii as printed ("800/90 m": open, then
// validation; "90 m" with a validation radius only), "" for none.
func (d *doc) radiiText(c route.Control) string {
	r := d.opts.Rules.RadiiFor(c.Kind, c.Radii)
	num := func(v float64) string { return strconv.FormatFloat(math.Round(v), 'f', 0, 64) }
	switch {
	case r.Open > 0 && r.Clear > 0:
		return num(r.Open) + "/" + num(r.Clear) + " m"
	case r.Clear > 0:
		return num(r.Clear) + " m"
	case r.Open > 0:
		return num(r.Open) + "/– m"
	}
	return ""
}

// distance prints the distance box: the waypoint badges and radii at the
// top, the total large in the middle (a reset box: the closed section's
// total over a barred 0.00), the partial boxed bottom-left, the box number
// white on black bottom-right. A box closer than the close distance to the
// previous one is filled green; danger 2 underlines the total in red.
func (d *doc) distance(b *roadbook.Box, inf boxInfo, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	if b.Close {
		d.fill(closeGreen)
		f.Rect(x, y, w, h, "F")
	}

	// Waypoint badges, in one row when they fit (else one per row, at
	// most two rows), and the radii of all in one line under them.
	top := y + 1.3*s
	var badges []route.Control
	for _, c := range b.Controls {
		if c.Kind == route.DZ && b.Speed > 0 && len(b.Controls) > 2 {
			continue // the limit sign says it
		}
		badges = append(badges, c)
	}
	f.SetFont(family, "B", badgeType*s)
	bh := 4.4 * s
	gap := 1.0 * s
	widths := make([]float64, len(badges))
	texts := make([]string, len(badges))
	rowW := -gap
	for i, c := range badges {
		texts[i] = fitString(f, badgeText(c), w-4)
		widths[i] = f.GetStringWidth(texts[i]) + 2.4*s
		rowW += widths[i] + gap
	}
	drawBadge := func(i int, bx float64) {
		st := badgeStyle(badges[i].Kind)
		d.fill(st.fill)
		f.RoundedRect(bx, top, widths[i], bh, 0.8, "1234", "F")
		d.color(st.text)
		textMiddle(f, texts[i], bx+widths[i]/2, top+bh/2)
	}
	switch {
	case len(badges) == 0:
	case rowW <= w-2:
		bx := x + (w-rowW)/2
		for i := range badges {
			drawBadge(i, bx)
			bx += widths[i] + gap
		}
		top += bh + 0.5*s
	default:
		for i := range badges[:min(2, len(badges))] {
			drawBadge(i, x+(w-widths[i])/2)
			top += bh + 0.5*s
		}
	}
	var radii []string
	for _, c := range badges {
		if r := d.radiiText(c); r != "" {
			radii = append(radii, r)
		}
	}
	if len(radii) > 0 {
		f.SetFont(family, "", minType*s)
		d.color(black)
		textMiddle(f, fitString(f, strings.Join(radii, " · "), w-2), x+w/2, top+1.6*s)
		top += 3.6 * s
	}

	// Partial, boxed, bottom-left; the box number bottom-right.
	f.SetFont(family, "B", partialType*s)
	part := route.Km(b.Partial)
	fitSize(f, part, partialType*s, partialType*s, w/2)
	pw := f.GetStringWidth(part) + 1.8*s
	ph := 5.2 * s
	px, py := x+1.2, y+h-1.2-ph
	d.fill(white)
	d.draw(black)
	f.SetLineWidth(0.3 * s)
	f.Rect(px, py, pw, ph, "FD")
	d.color(black)
	textMiddle(f, part, px+pw/2, py+ph/2)

	num := strconv.Itoa(b.Number)
	f.SetFont(family, "B", numberType*s)
	nw := f.GetStringWidth(num) + 1.8*s
	nx := x + w - 1.2 - nw
	d.fill(black)
	f.Rect(nx, py, nw, ph, "F")
	d.color(white)
	textMiddle(f, num, nx+nw/2, py+ph/2)

	// The total, large, centred in the space left.
	total := route.Km(b.Total)
	f.SetFont(family, "B", totalType*s)
	size := fitSize(f, total, totalType*s, 12*s, w-2.4)
	th := capHeight * size * mmPerPt
	space := py - 1 - top
	cy := top + space/2
	if b.Reset {
		cy = top + space*0.3
	}
	cy = math.Max(cy, top+th/2+0.6)
	d.color(black)
	textMiddle(f, total, x+w/2, cy)
	tw := f.GetStringWidth(total)
	if b.Danger == 2 {
		d.draw(red)
		f.SetLineWidth(1.3 * s)
		f.Line(x+(w-tw)/2-0.6, cy+th/2+1.3*s, x+(w+tw)/2+0.6, cy+th/2+1.3*s)
	}
	if b.Reset {
		// The reset: a thick bar, then the new odometer's 0.00.
		zero := "0.00"
		f.SetFont(family, "B", resetType*s)
		zw := f.GetStringWidth(zero)
		zh := capHeight * resetType * s * mmPerPt
		barY := cy + th/2 + 2.6*s
		if b.Danger == 2 {
			barY += 1.2 * s
		}
		d.draw(black)
		f.SetLineWidth(0.9 * s)
		bar := math.Max(zw, tw*0.8) + 2
		f.Line(x+(w-bar)/2, barY, x+(w+bar)/2, barY)
		zy := math.Min(barY+1.6*s+zh/2, py-1.2-zh/2)
		textMiddle(f, zero, x+w/2, zy)
	}
}

// notes prints the notes box: the text at the top, wrapped; the facts of
// the box's controls (time allowed, neutralisation, stop, coordinates)
// above the bottom row; the CAP bottom-left (on yellow when the file gives
// it, in a dashed frame when roadbook measured it); danger marks and the
// speed sign bottom-right. A box whose file gives its own notes drawing
// prints that drawing under the text instead of our danger marks and
// speed sign: the author drew them, and the distance column still has the
// underline, the frame and the brackets.
func (d *doc) notes(b *roadbook.Box, inf boxInfo, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	pad := 1.8 * s

	text := strings.TrimSpace(clean(b.Notes, true))
	// The author's notes drawing, under the text when the box has both.
	var drawing roadbook.Image
	var derr error = roadbook.ErrNoDrawing
	if inf.wp != nil {
		drawing, derr = roadbook.ParseImage(inf.wp.Notes)
		if derr == nil && text != "" && !b.NoteGenerated && (roadbook.IsNotesSVG(inf.wp.Notes) || textOnlySVG(drawing)) {
			derr = roadbook.ErrNoDrawing // a drawing of the text itself
		}
	}
	authorDrawn := derr == nil

	// Bottom row: CAP, danger, speed.
	sign := signSize * s
	rowY := y + h - pad - sign
	ch := 6.4 * s
	cy := y + h - pad - ch
	if authorDrawn {
		rowY = cy
		if !b.HasCap {
			rowY = y + h - pad
		}
	}
	if b.HasCap {
		// A box whose file gives no CAP and that has no route has none:
		// no "CAP 000".
		d.capChip(b.Cap, b.CapMeasured, x+pad, cy, ch, capType*s)
	}

	right := x + w - pad
	r := sign / 2
	if !authorDrawn {
		if b.Speed > 0 && finite(b.Speed) {
			d.speedSign(right-r, rowY+r, r, b.Speed, false)
			right -= sign + 1.2*s
		} else if inf.zoneEnd {
			d.speedSign(right-r, rowY+r, r, inf.endLimit, true)
			right -= sign + 1.2*s
		}
	}

	// The facts of the controls, one line each, over the bottom row.
	facts := d.facts(b, inf)
	f.SetFont(family, "B", factType*s)
	fl := factType * s * mmPerPt * 1.25
	factTop := rowY - 0.6*s - float64(len(facts))*fl
	d.color(black)
	for i, t := range facts {
		f.Text(x+pad, factTop+float64(i+1)*fl-0.25*fl, fitString(f, t, w-2*pad))
	}

	// The text, with its lexicon symbols ({village}), wrapped: type at
	// least 12 pt, symbols at least 10 mm high; what cannot fit is cut
	// with an ellipsis.
	ink := black
	if b.NoteGenerated {
		ink = grey
	}
	ax, ay, aw, ah := x+pad, y+pad, w-2*pad, factTop-0.8-(y+pad)
	used, shown := 0.0, 0
	if text != "" && (derr != nil || !b.NoteGenerated) {
		used, shown = d.noteText(text, ink, ax, ay, aw, ah)
	}
	// The danger marks bottom-right, unless the notes drew them already
	// (a {danger-3} the text shows: one "!!!" is enough) or the author's
	// drawing has them.
	if !authorDrawn && b.Danger > 0 && shown < min(b.Danger, 3) {
		bang := strings.Repeat("!", min(b.Danger, 3))
		f.SetFont(family, "B", 18*s)
		d.color(red)
		bw := f.GetStringWidth(bang)
		f.Text(right-bw, rowY+r+capHeight*18*s*mmPerPt/2, bang)
	}
	switch {
	case authorDrawn:
		lost, err := d.drawImage(drawing, ax, ay+used, aw, ah-used, true)
		if err != nil {
			d.unreadable(b, "notes", err, ax, ay+used, aw)
		}
		d.warnLost(b, "notes", lost)
	case !errors.Is(derr, roadbook.ErrNoDrawing):
		d.unreadable(b, "notes", derr, ax, ay+used, aw)
	}
}

// capChip prints a CAP, "CAP 127", h millimetres high with its top-left
// corner at (x, y), in bold type of size points: the file's on yellow; one
// roadbook measured on the route (the file gives none) in grey in a
// dashed frame, so a navigator can tell the author's heading from ours.
// It returns the chip's width.
func (d *doc) capChip(c float64, measured bool, x, y, h, size float64) float64 {
	f := d.f
	s := d.g.scale
	text := "CAP " + capString(c)
	f.SetFont(family, "B", size)
	cw := f.GetStringWidth(text) + 2.4*s
	if measured {
		d.fill(white)
		d.draw(measuredGrey)
		f.SetLineWidth(0.45 * s)
		f.SetDashPattern([]float64{1.1 * s, 0.8 * s}, 0)
		f.Rect(x, y, cw, h, "FD")
		f.SetDashPattern(nil, 0)
		d.color(measuredGrey)
	} else {
		d.fill(capYellow)
		f.Rect(x, y, cw, h, "F")
		d.color(black)
	}
	textMiddle(f, text, x+cw/2, y+h/2)
	return cw
}

// textOnlySVG reports whether an SVG drawing holds nothing but text (as
// OpenRally exports write the notes' text): the text printed as type says
// the same.
func textOnlySVG(im roadbook.Image) bool {
	if im.Format != roadbook.SVG {
		return false
	}
	sd, err := parseSVG(im.Data)
	if err != nil {
		return false
	}
	for _, sh := range sd.shapes {
		if sh.path != nil || sh.img != nil {
			return false
		}
	}
	return true
}

// unreadable reports an author's drawing that cannot be decoded: a warning
// naming the box, and a red line in its place on the page, never a silent
// blank.
func (d *doc) unreadable(b *roadbook.Box, what string, err error, x, y, w float64) {
	if d.opts.Warn != nil {
		d.opts.Warn(fmt.Sprintf("pdf: %s: box %d: the %s drawing cannot be read: %v", d.stage, b.Number, what, err))
	}
	f := d.f
	f.SetFont(family, "B", minType*d.g.scale)
	d.color(red)
	f.Text(x, y+minType*d.g.scale*mmPerPt, fitString(f, "unreadable "+what+" drawing", w))
}

// warnLost tells Options.Warn what of a box's drawing is not printed
// ("pdf: Stage 7: box 12: the tulip drawing is printed without its filters
// and <foreignObject> elements").
func (d *doc) warnLost(b *roadbook.Box, what string, lost []string) {
	if len(lost) == 0 || d.opts.Warn == nil {
		return
	}
	list := lost[0]
	if n := len(lost); n > 1 {
		list = strings.Join(lost[:n-1], ", ") + " and " + lost[n-1]
	}
	d.opts.Warn(fmt.Sprintf("pdf: %s: box %d: the %s drawing is printed without %s", d.stage, b.Number, what, list))
}

// noteText lays out a note in the notation of package lexicon (text and
// {code} symbols) in the w × h millimetres at (x, y): bold type from
// noteType down to minNoteType points, symbols symbolHeight high; the
// lines that do not fit are left out and the last one shown ends with "…".
// It returns the height used and the highest danger level whose symbol it
// drew ({danger-3}, {danger-global-3}: 3), 0 for none.
func (d *doc) noteText(text string, ink rgb, x, y, w, h float64) (used float64, danger int) {
	f := d.f
	s := d.g.scale
	symH := symbolHeight * s
	var lines []lexicon.Line
	size := noteType * s
	for {
		f.SetFont(family, "B", size)
		mm := size * mmPerPt
		lines = lexicon.Layout(text, lexicon.LayoutOptions{Width: w, TextSize: mm, SymbolHeight: symH, LineSpacing: 1.15, SymbolGap: 0.4 * s},
			func(t string) float64 { return f.GetStringWidth(t) })
		total := 0.0
		for _, l := range lines {
			total += l.Height
		}
		if total <= h || size <= minNoteType*s {
			break
		}
		size -= 0.5
	}
	f.SetFont(family, "B", size)
	mm := size * mmPerPt
	top := y
	for i, l := range lines {
		if top+l.Height > h+y+0.01 {
			break // out of room: the line before ends with "…"
		}
		base := top + (l.Height+capHeight*mm)/2
		last := i+1 < len(lines) && top+l.Height+lines[i+1].Height > h+y+0.01
		for j, it := range l.Items {
			if it.Symbol != nil {
				sc := symH / lexicon.Height
				it.Symbol.Draw(canvas{d: d, x: x + it.X, y: top + (l.Height-symH)/2, scale: sc})
				danger = max(danger, dangerLevel(it.Symbol.Code))
				continue
			}
			f.SetFont(family, "B", size)
			d.color(ink)
			t := it.Text
			if last && j == len(l.Items)-1 {
				t = fitString(f, t+"…", w-it.X)
			}
			f.Text(x+it.X, base, t)
		}
		if last && (len(l.Items) == 0 || l.Items[len(l.Items)-1].Symbol != nil) {
			f.SetFont(family, "B", size)
			d.color(ink)
			f.Text(math.Min(x+w-f.GetStringWidth("…"), x+lineEnd(l)+0.5), base, "…")
		}
		top += l.Height
	}
	return top - y, danger
}

// dangerLevel returns the danger level a lexicon symbol shows (danger-2,
// danger-global-2: 2), 0 for any other symbol.
func dangerLevel(code string) int {
	rest, ok := strings.CutPrefix(code, "danger-")
	if !ok {
		return 0
	}
	rest = strings.TrimPrefix(rest, "global-")
	if n, err := strconv.Atoi(rest); err == nil && n >= 1 && n <= 3 {
		return n
	}
	return 0
}

// lineEnd returns where a laid-out line's last item ends.
func lineEnd(l lexicon.Line) float64 {
	if len(l.Items) == 0 {
		return 0
	}
	it := l.Items[len(l.Items)-1]
	return it.X + it.W
}

// speedSign draws a speed limit sign of radius r centred on (cx, cy): the
// limit in a red ring, or, for the end of the limit, the number in a grey
// ring struck through.
func (d *doc) speedSign(cx, cy, r, limit float64, end bool) {
	f := d.f
	s := d.g.scale
	d.fill(white)
	if end {
		d.draw(grey)
	} else {
		d.draw(red)
	}
	ring := 1.3 * s
	f.SetLineWidth(ring)
	f.Circle(cx, cy, r-ring/2, "FD")
	if limit > 0 && finite(limit) {
		v := strconv.FormatFloat(math.Round(limit), 'f', 0, 64)
		f.SetFont(family, "B", 12*s)
		fitSize(f, v, 12*s, minType*s, 2*r-2.6*s)
		if end {
			d.color(grey)
		} else {
			d.color(black)
		}
		textMiddle(f, v, cx, cy)
	}
	if end {
		d.draw(rgb{60, 60, 60})
		f.SetLineWidth(0.8 * s)
		k := r * 0.72
		f.Line(cx-k, cy+k, cx+k, cy-k)
	}
}

// facts returns the lines of facts a box's controls carry: the CH's time
// allowed, the neutralisation's duration, the stop's, the coordinates of a
// WPV or of a box that asks for them.
func (d *doc) facts(b *roadbook.Box, inf boxInfo) []string {
	var out []string
	w := inf.wp
	if w != nil && w.Allowed > 0 {
		out = append(out, "CH "+route.HumanDuration(w.Allowed)+" allowed")
	}
	if w != nil && w.Neutralisation > 0 {
		out = append(out, "neutralised "+route.HumanDuration(w.Neutralisation))
	}
	if b.Stop > 0 {
		out = append(out, "STOP "+route.HumanDuration(b.Stop))
	}
	if w != nil && w.HasPoint && (w.ShowCoordinates || w.Has(route.WPV)) {
		lat, lon := coordinates(w.Point[1], w.Point[0])
		out = append(out, lat, lon)
	}
	return out
}

// coordinates formats a position as degrees and decimal minutes, as crews
// enter them in a GPS: "N 24°05.370'" and "E 046°40.518'".
func coordinates(lat, lon float64) (string, string) {
	part := func(v float64, pos, neg string, width int) string {
		h := pos
		if v < 0 {
			h, v = neg, -v
		}
		deg := math.Floor(v)
		min := (v - deg) * 60
		if math.Round(min*1000) >= 60000 {
			deg, min = deg+1, 0
		}
		return fmt.Sprintf("%s %0*d°%06.3f'", h, width, int(deg), min)
	}
	return part(lat, "N", "S", 2), part(lon, "E", "W", 3)
}

// capString formats a heading as three digits, "007", "127"; a value out of
// [0, 360) is brought into it, a non-finite one prints as "–".
func capString(c float64) string {
	if !finite(c) {
		return "–"
	}
	v := int(math.Round(c)) % 360
	if v < 0 {
		v += 360
	}
	return fmt.Sprintf("%03d", v)
}

func hasKind(cs []route.Control, k route.Kind) bool {
	for _, c := range cs {
		if c.Kind == k {
			return true
		}
	}
	return false
}

package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// box prints one row of boxes with its top-left corner at (x, y).
func (d *doc) box(b *roadbook.Box, x, y float64) {
	g := d.g
	w := g.width - 2*g.margin
	wd := w * distFrac
	wt := w * tulipFrac
	wn := w - wd - wt
	d.distance(b, x, y, wd, g.boxH)
	d.tulip(b.Tulip, x+wd, y, wt, g.boxH)
	d.notes(b, x+wd+wt, y, wn, g.boxH)

	f := d.f
	d.draw(black)
	f.SetLineWidth(0.35 * g.scale)
	f.SetDashPattern(nil, 0)
	f.Rect(x, y, w, g.boxH, "D")
	f.Line(x+wd, y, x+wd, y+g.boxH)
	f.Line(x+wd+wt, y, x+wd+wt, y+g.boxH)
}

// badge returns the waypoint badge of a box ("WPM 12", "DSS · DZ") and the
// kind that colours it; "" when the box carries no control.
func badge(cs []route.Control) (string, route.Kind) {
	if len(cs) == 0 {
		return "", 0
	}
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		s := strings.TrimSpace(clean(c.Name, false))
		if s == "" {
			s = c.Kind.String()
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · "), cs[0].Kind
}

// badgeColor is the fill of a waypoint badge: green for the special's start
// and finish, red for speed zones, black for the rest.
func badgeColor(k route.Kind) rgb {
	switch k {
	case route.DSS, route.ASS:
		return green
	case route.DZ, route.FZ:
		return red
	}
	return black
}

// distance prints the distance box: the badge at the top, the total large
// in the middle, the partial boxed bottom-left, the box number bottom-right.
func (d *doc) distance(b *roadbook.Box, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	if b.Shaded {
		d.fill(shade)
		f.Rect(x, y, w, h, "F")
	}

	// Waypoint badge.
	if text, k := badge(b.Controls); text != "" {
		f.SetFont(family, "B", 8*s)
		fitSize(f, text, 8*s, 5*s, w-4)
		text = fitString(f, text, w-4)
		bw := f.GetStringWidth(text) + 2.4*s
		bh := 4.6 * s
		d.fill(badgeColor(k))
		f.RoundedRect(x+(w-bw)/2, y+1.4, bw, bh, 0.8, "1234", "F")
		d.color(white)
		textMiddle(f, text, x+w/2, y+1.4+bh/2)
	}

	// Total, large and centred.
	total := km(b.Total)
	f.SetFont(family, "B", 20*s)
	size := fitSize(f, total, 20*s, 8, w-3)
	cy := y + h*0.45
	d.color(black)
	textMiddle(f, total, x+w/2, cy)
	if b.Reset {
		// The reset mark: the total framed, "RESET" under it.
		tw := f.GetStringWidth(total)
		th := capHeight * size * mmPerPt
		d.draw(black)
		f.SetLineWidth(0.5 * s)
		f.Rect(x+(w-tw)/2-1.2, cy-th/2-1.2, tw+2.4, th+2.4, "D")
		f.SetFont(family, "B", 6*s)
		textMiddle(f, "↺ RESET", x+w/2, cy+th/2+3.4*s)
	}

	// Partial, boxed, bottom-left.
	f.SetFont(family, "", 8*s)
	part := km(b.Partial)
	fitSize(f, part, 8*s, 5, w/2-2)
	pw := f.GetStringWidth(part) + 1.8
	ph := 4.4 * s
	px, py := x+1.2, y+h-1.2-ph
	d.fill(white)
	d.draw(black)
	f.SetLineWidth(0.25 * s)
	f.Rect(px, py, pw, ph, "FD")
	d.color(black)
	textMiddle(f, part, px+pw/2, py+ph/2)

	// Box number, bottom-right.
	num := strconv.Itoa(b.Number)
	f.SetFont(family, "B", 8*s)
	nw := f.GetStringWidth(num)
	textMiddle(f, num, x+w-1.4-nw/2, py+ph/2)
}

// notes prints the notes box: the text at the top, wrapped; the CAP on
// yellow bottom-left; danger marks and the speed limit bottom-right.
func (d *doc) notes(b *roadbook.Box, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	pad := 1.6 * s

	// Bottom row: CAP, danger, speed.
	rowH := 9.5 * s
	rowY := y + h - pad - rowH
	capText := "CAP " + capString(b.Cap)
	f.SetFont(family, "B", 9*s)
	cw := f.GetStringWidth(capText) + 2.4*s
	ch := 5.2 * s
	cy := y + h - pad - ch
	d.fill(capYellow)
	f.Rect(x+pad, cy, cw, ch, "F")
	d.color(black)
	textMiddle(f, capText, x+pad+cw/2, cy+ch/2)

	right := x + w - pad
	if b.Speed > 0 && finite(b.Speed) {
		r := rowH / 2
		cx, ccy := right-r, rowY+r
		d.fill(white)
		d.draw(red)
		f.SetLineWidth(1.1 * s)
		f.Circle(cx, ccy, r-0.55*s, "FD")
		d.color(black)
		v := strconv.FormatFloat(math.Round(b.Speed), 'f', 0, 64)
		f.SetFont(family, "B", 10*s)
		fitSize(f, v, 10*s, 5, 2*r-2.6*s)
		textMiddle(f, v, cx, ccy)
		right -= rowH + 1.2*s
	} else if hasKind(b.Controls, route.FZ) {
		// End of the speed zone: the limit sign struck through.
		r := rowH / 2
		cx, ccy := right-r, rowY+r
		d.draw(grey)
		f.SetLineWidth(0.6 * s)
		f.Circle(cx, ccy, r-0.3*s, "D")
		f.Line(cx-r*0.6, ccy+r*0.6, cx+r*0.6, ccy-r*0.6)
		right -= rowH + 1.2*s
	}
	if b.Danger > 0 {
		bang := strings.Repeat("!", min(b.Danger, 3))
		f.SetFont(family, "B", 15*s)
		d.color(red)
		bw := f.GetStringWidth(bang)
		f.Text(right-bw, rowY+rowH/2+capHeight*15*s*mmPerPt/2, bang)
	}

	// The text, wrapped, shrunk to fit above the bottom row.
	text := strings.TrimSpace(clean(b.Notes, true))
	if text == "" {
		return
	}
	if b.NoteGenerated {
		d.color(grey)
	} else {
		d.color(black)
	}
	tw := w - 2*pad
	avail := rowY - 0.8 - (y + pad)
	f.SetFont(family, "", 9*s)
	size := 9 * s
	var lines []string
	for {
		f.SetFontSize(size)
		lines = f.SplitText(text, tw)
		if float64(len(lines))*size*mmPerPt*1.2 <= avail || size <= 6*s {
			break
		}
		size -= 0.5
	}
	lh := size * mmPerPt * 1.2
	maxLines := max(1, int(avail/lh))
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = fitString(f, lines[maxLines-1]+"…", tw)
	}
	base := y + pad + capHeight*size*mmPerPt
	for i, l := range lines {
		f.Text(x+pad, base+float64(i)*lh, l)
	}
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

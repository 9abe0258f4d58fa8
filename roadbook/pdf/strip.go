package pdf

import "fmt"

// A roll printed as strips (RollA4, RollA3) puts each page of the roll, a
// strip 150 mm wide, on a sheet of its own, and adds what it takes to
// make a roll of them with scissors and glue:
//
//   - cut lines, dashed, around the strip, with crop marks at its corners
//     outside it;
//   - under every strip but a stage's last, a grey glue tab: the next
//     strip's top edge goes on the tab's top line, which is the bottom
//     edge of this strip's last row;
//   - join marks: a half diamond each side on that line, and the other
//     half each side on the next strip's top edge, so that the strips are
//     joined straight when the halves make whole diamonds;
//   - the strip's number in its header ("strip 2 of 7") and, under it on
//     the sheet, a line that says where it goes.
//
// Everything is drawn in the strip's own coordinates (doc.beginPage moves
// the page's origin to the strip's corner).

// Join marks: the half width and half height in mm of a diamond, and
// how far its centre is from the strip's side (inside the roll's 5 mm
// margin, clear of the speed zones' brackets).
const (
	joinHalfW = 1.4
	joinHalfH = 2.4
	joinInset = 1.6
)

var tabGrey = rgb{222, 222, 222}

// stripFurniture draws a strip's cut lines, glue tab, join marks and the
// line under it: the n-th strip of a stage of pages strips, whose content
// ends h mm from its top (a box strip: its last row's bottom edge, where
// the next strip's top edge goes).
func (d *doc) stripFurniture(h float64, n, pages int, name string) {
	f, g := d.f, d.g
	w := g.width
	last := n == pages
	bottom := h // where the strip is cut
	if last && n > 1 {
		bottom += g.bottom
	}
	if !last {
		bottom = h + g.tab
		d.fill(tabGrey)
		f.Rect(0, h, w, g.tab, "F")
		d.draw(black)
		f.SetLineWidth(0.35)
		f.Line(0, h, w, h)
		f.SetFont(family, "B", minType)
		d.color(black)
		textMiddle(f, fmt.Sprintf("glue strip %d here", n+1), w/2, h+g.tab*0.36)
		f.SetFont(family, "", minType)
		textMiddle(f, "its top edge on the line above, ◆ on ◆", w/2, h+g.tab*0.72)
		d.joinMarks(h)
	}
	if n > 1 {
		d.joinMarks(0)
	}

	// Cut lines and crop marks.
	d.draw(grey)
	f.SetLineWidth(0.25)
	f.SetDashPattern([]float64{2, 1.5}, 0)
	f.Rect(0, 0, w, bottom, "D")
	f.SetDashPattern(nil, 0)
	d.draw(black)
	f.SetLineWidth(0.2)
	for _, c := range [][2]float64{{0, 0}, {w, 0}, {0, bottom}, {w, bottom}} {
		dx, dy := -1.0, -1.0
		if c[0] > 0 {
			dx = 1
		}
		if c[1] > 0 {
			dy = 1
		}
		f.Line(c[0]+dx*1.5, c[1], c[0]+dx*6, c[1])
		f.Line(c[0], c[1]+dy*1.5, c[0], c[1]+dy*6)
	}

	// Where the strip goes, under it on the sheet, clear of the crop
	// marks.
	var how string
	switch {
	case pages == 1:
		how = "cut on the dashed lines"
	case n == 1:
		how = fmt.Sprintf("cut on the dashed lines; strip %d goes on the grey tab", n+1)
	case last:
		how = fmt.Sprintf("cut on the dashed lines; glue on strip %d's tab (the end)", n-1)
	default:
		how = fmt.Sprintf("cut on the dashed lines; glue on strip %d's tab; strip %d goes on this one's", n-1, n+1)
	}
	f.SetFont(family, "", minType)
	d.color(grey)
	line := fitString(f, fmt.Sprintf("%s · strip %d of %d: %s", name, n, pages, how), g.sheetW-2*stripMargin)
	f.Text((w-f.GetStringWidth(line))/2, bottom+9.5, line)
}

// joinMarks draws the join marks on the line y across the strip: a
// diamond each side, centred on the line. Half of each falls on either
// side of the cut, so the halves of two strips make whole diamonds when
// they are joined straight.
func (d *doc) joinMarks(y float64) {
	f := d.f
	d.fill(black)
	for _, x := range []float64{joinInset, d.g.width - joinInset} {
		f.MoveTo(x, y-joinHalfH)
		f.LineTo(x+joinHalfW, y)
		f.LineTo(x, y+joinHalfH)
		f.LineTo(x-joinHalfW, y)
		f.ClosePath()
		f.DrawPath("F")
	}
}

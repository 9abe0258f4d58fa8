package pdf

import "github.com/roadbook/roadbook/roadbook/lexicon"

// Sizes of a note's text and symbols at full size on A5 (times the paper's
// scale): the lexicon symbols 10 mm high, the text 12 pt, so both read at
// arm's length in a moving car. noteBlock shrinks them down to
// noteMinScale of that when a note does not fit its box.
const (
	noteSymbolMM  = 10.0
	noteTextPt    = 12.0
	noteMinScale  = 0.7
	noteSymbolGap = 0.6 // mm above and below a line holding symbols
)

// layoutNote lays a note out in lines at most w mm wide, with text of size
// pt and symbols symH mm high (lexicon.Layout, measured in the regular
// font).
func (d *doc) layoutNote(note string, w, size, symH float64) []lexicon.Line {
	f := d.f
	f.SetFont(family, "", size)
	return lexicon.Layout(clean(note, true), lexicon.LayoutOptions{
		Width: w, TextSize: size * mmPerPt, SymbolHeight: symH, SymbolGap: noteSymbolGap,
	}, f.GetStringWidth)
}

// noteBlock prints a note, text and lexicon symbols ("{village} L into
// {wadi}", package lexicon's notation), in the box at (x, y), w × h mm,
// from its top-left, wrapped at spaces. Symbols are noteSymbolMM high and
// text noteTextPt (times the paper's scale); when the note does not fit,
// both shrink in steps down to noteMinScale, and if it still does not fit
// the last line that does ends with "…". The text is printed in col. It
// returns the height used in millimetres.
func (d *doc) noteBlock(note string, x, y, w, h float64, col rgb) float64 {
	if w <= 0 || h <= 0 {
		return 0
	}
	s := d.g.scale
	var lines []lexicon.Line
	var size, symH float64
	for k := 1.0; ; k -= 0.1 {
		size, symH = noteTextPt*s*k, noteSymbolMM*s*k
		lines = d.layoutNote(note, w, size, symH)
		total := 0.0
		for _, l := range lines {
			total += l.Height
		}
		if total <= h || k-0.1 < noteMinScale-1e-9 {
			break
		}
	}
	cy := y
	for i, l := range lines {
		if cy+l.Height > y+h+1e-6 {
			// Out of room: the previous line ends with an ellipsis.
			if i > 0 {
				prev := lines[i-1]
				d.ellipsis(prev, x, cy-prev.Height, w, size, col)
			}
			break
		}
		d.noteLine(l, x, cy, size, symH, col)
		cy += l.Height
	}
	d.f.SetFont(family, "", size)
	return cy - y
}

// noteLine prints one laid-out line with its top at y: symbols centred on
// the line, text with its capitals centred on them.
func (d *doc) noteLine(l lexicon.Line, x, y, size, symH float64, col rgb) {
	f := d.f
	mid := y + l.Height/2
	base := mid + capHeight*size*mmPerPt/2
	for _, it := range l.Items {
		if it.Symbol != nil {
			d.symbol(it.Symbol, x+it.X, mid-symH/2, symH)
			continue
		}
		f.SetFont(family, "", size)
		d.color(col)
		f.Text(x+it.X, base, it.Text)
	}
}

// ellipsis marks a line followed by text that does not fit: "…" after its
// last item, or over the last item (whited out) when there is no room.
func (d *doc) ellipsis(l lexicon.Line, x, y, w, size float64, col rgb) {
	f := d.f
	f.SetFont(family, "", size)
	ew := f.GetStringWidth(" …")
	ex := x
	if n := len(l.Items); n > 0 {
		last := l.Items[n-1]
		ex = x + last.X + last.W
		if ex+ew > x+w {
			ex = x + last.X
			d.fill(white)
			f.Rect(ex, y, last.W, l.Height, "F")
		}
	}
	d.color(col)
	f.Text(ex, y+l.Height/2+capHeight*size*mmPerPt/2, " …")
}

package pdf

import (
	"strings"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// Sizes of a note's text and symbols at full size on A5 (times the paper's
// scale): the lexicon symbols 10 mm high, the text 12 pt, so both read at
// arm's length in a moving car. noteBlock shrinks them down to
// noteMinScale of that when a note does not fit its box.
const (
	noteSymbolMM  = 10.0
	noteTextPt    = 12.0
	noteMinScale  = 0.7
	noteLineSpace = 1.22 // line height of a text line, in type sizes
	noteSymbolGap = 1.0  // mm above and below a line holding symbols
)

// noteItem is one unit of a note's layout: a word, a space, a line break or
// a symbol.
type noteItem struct {
	text  string          // a word or a space
	sym   *lexicon.Symbol // a symbol
	brk   bool            // a line break
	space bool
	w     float64 // mm at the layout's scale
}

// noteLine is a laid-out line.
type noteLine struct {
	items []noteItem
	h     float64 // mm
	sym   bool    // holds a symbol
}

// noteItems splits a note into words, spaces, line breaks and symbols.
func noteItems(note string) []noteItem {
	var items []noteItem
	for _, sp := range lexicon.Parse(note) {
		if sp.Symbol != nil {
			items = append(items, noteItem{sym: sp.Symbol})
			continue
		}
		text := clean(sp.Text, true)
		for i, para := range strings.Split(text, "\n") {
			if i > 0 {
				items = append(items, noteItem{brk: true})
			}
			words := strings.Fields(para)
			if len(para) > 0 && strings.TrimLeft(para, " \t") != para {
				items = append(items, noteItem{text: " ", space: true})
			}
			for j, wd := range words {
				if j > 0 {
					items = append(items, noteItem{text: " ", space: true})
				}
				items = append(items, noteItem{text: wd})
			}
			if len(words) > 0 && strings.TrimRight(para, " \t") != para {
				items = append(items, noteItem{text: " ", space: true})
			}
		}
	}
	return items
}

// layoutNote lays items out in lines at most w mm wide, with text of size
// pt and symbols symH mm high. A word wider than the line is split.
func (d *doc) layoutNote(items []noteItem, w, size, symH float64) []noteLine {
	f := d.f
	f.SetFont(family, "", size)
	textH := size * mmPerPt * noteLineSpace
	var lines []noteLine
	cur := noteLine{h: textH}
	x := 0.0
	push := func() {
		// Trailing spaces take no room.
		for n := len(cur.items); n > 0 && cur.items[n-1].space; n = len(cur.items) {
			cur.items = cur.items[:n-1]
		}
		lines = append(lines, cur)
		cur, x = noteLine{h: textH}, 0
	}
	for _, it := range items {
		switch {
		case it.brk:
			push()
			continue
		case it.sym != nil:
			it.w = symbolWidth(it.sym, symH)
		default:
			it.w = f.GetStringWidth(it.text)
		}
		if it.space && x == 0 {
			continue // no space at the start of a line
		}
		if x+it.w > w && x > 0 {
			push()
			if it.space {
				continue
			}
		}
		// A word alone wider than the line: split it.
		for it.sym == nil && it.w > w {
			r := []rune(it.text)
			n := len(r) - 1
			for n > 1 && f.GetStringWidth(string(r[:n])) > w {
				n--
			}
			head := noteItem{text: string(r[:n])}
			head.w = f.GetStringWidth(head.text)
			cur.items = append(cur.items, head)
			push()
			it.text = string(r[n:])
			it.w = f.GetStringWidth(it.text)
		}
		if it.sym != nil {
			cur.sym = true
			cur.h = max(cur.h, symH+2*noteSymbolGap)
		}
		cur.items = append(cur.items, it)
		x += it.w
	}
	if len(cur.items) > 0 {
		push()
	}
	return lines
}

// noteBlock prints a note, text and lexicon symbols ("{village} L into
// {wadi}", package lexicon's notation), in the box at (x, y), w × h mm,
// from its top-left, wrapped at spaces. Symbols are noteSymbolMM high and
// text noteTextPt (times the paper's scale); when the note does not fit,
// both shrink in steps down to noteMinScale, and if it still does not fit
// the last line that does ends with "…". The text is printed in col. It
// returns the height used in millimetres.
func (d *doc) noteBlock(note string, x, y, w, h float64, col rgb) float64 {
	items := noteItems(note)
	if len(items) == 0 || w <= 0 || h <= 0 {
		return 0
	}
	s := d.g.scale
	var lines []noteLine
	var size, symH float64
	for k := 1.0; ; k -= 0.1 {
		size, symH = noteTextPt*s*k, noteSymbolMM*s*k
		lines = d.layoutNote(items, w, size, symH)
		total := 0.0
		for _, l := range lines {
			total += l.h
		}
		if total <= h || k-0.1 < noteMinScale-1e-9 {
			break
		}
	}
	f := d.f
	cy := y
	for i, l := range lines {
		if cy+l.h > y+h+1e-6 {
			// Out of room: the previous line ends with an ellipsis.
			if i > 0 {
				d.ellipsis(lines[i-1], x, cy-lines[i-1].h, w, size, symH, col)
			}
			break
		}
		d.noteLine(l, x, cy, size, symH, col)
		cy += l.h
	}
	f.SetFont(family, "", size)
	return cy - y
}

// noteLine prints one laid-out line with its top at y.
func (d *doc) noteLine(l noteLine, x, y, size, symH float64, col rgb) {
	f := d.f
	mid := y + l.h/2
	base := mid + capHeight*size*mmPerPt/2
	if !l.sym {
		base = y + (l.h-size*mmPerPt)/2 + capHeight*size*mmPerPt + 0.15*size*mmPerPt
	}
	for _, it := range l.items {
		if it.sym != nil {
			d.symbol(it.sym, x, mid-symH/2, symH)
		} else if !it.space {
			f.SetFont(family, "", size)
			d.color(col)
			f.Text(x, base, it.text)
		}
		x += it.w
	}
}

// ellipsis reprints the end of a line that is followed by text that does
// not fit: a white patch over its last item and "…" there.
func (d *doc) ellipsis(l noteLine, x, y, w, size, symH float64, col rgb) {
	f := d.f
	f.SetFont(family, "", size)
	ew := f.GetStringWidth("…")
	used := 0.0
	for _, it := range l.items {
		used += it.w
	}
	ex := x + used
	if used+ew > w && len(l.items) > 0 {
		last := l.items[len(l.items)-1]
		ex -= last.w
		d.fill(white)
		f.Rect(ex, y, last.w, l.h, "F")
	}
	mid := y + l.h/2
	d.color(col)
	f.Text(ex, mid+capHeight*size*mmPerPt/2, "…")
}

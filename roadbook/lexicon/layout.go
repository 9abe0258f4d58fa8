package lexicon

import "strings"

// Item is a piece of a laid-out line: a run of text or a symbol.
type Item struct {
	// Text is a run of words with their spaces ("L into"); "" for a symbol.
	Text string
	// Symbol is the symbol of a symbol item, nil for text.
	Symbol *Symbol
	// X is where the item starts from the line's start, W its width, in
	// the layout's unit.
	X, W float64
}

// Line is one line of a laid-out note.
type Line struct {
	Items []Item
	// Height is the line's height: the text's line height, or a symbol's
	// height and the gaps when the line holds a symbol.
	Height float64
	// Symbols is true when the line holds a symbol.
	Symbols bool
}

// LayoutOptions are the sizes Layout lays a note out with, all in one unit
// (millimetres, pixels): the zero value lays nothing out.
type LayoutOptions struct {
	Width        float64 // the widest line
	TextSize     float64 // the type size
	SymbolHeight float64 // a symbol's height; its width is in proportion
	// LineSpacing is a text line's height in type sizes; 0 means 1.22.
	LineSpacing float64
	// SymbolGap is the room above and below a line's symbols.
	SymbolGap float64
}

// Layout lays a note out in lines (Parse's notation): words wrap at spaces,
// newlines break lines, a word wider than a line is split, spaces at the
// ends of lines are dropped. measure gives the width of a text at the type
// size (a PDF library's, or TextWidth). Adjacent words and spaces make one
// text item.
func Layout(note string, o LayoutOptions, measure func(text string) float64) []Line {
	if o.LineSpacing == 0 {
		o.LineSpacing = 1.22
	}
	textH := o.TextSize * o.LineSpacing
	var lines []Line
	cur := Line{Height: textH}
	x := 0.0
	var run strings.Builder // the text run being built
	runX := 0.0
	endRun := func() {
		if t := strings.TrimRight(run.String(), " "); t != "" {
			cur.Items = append(cur.Items, Item{Text: t, X: runX, W: measure(t)})
		}
		run.Reset()
	}
	push := func() {
		endRun()
		lines = append(lines, cur)
		cur, x = Line{Height: textH}, 0
	}
	addWord := func(w string, ww float64) {
		if run.Len() == 0 {
			if w == " " {
				x += ww // a space after a symbol: room, no text
				return
			}
			runX = x
		}
		run.WriteString(w)
		x += ww
	}
	space := measure(" ")
	for _, sp := range Parse(note) {
		if s := sp.Symbol; s != nil {
			w := s.Width * o.SymbolHeight / Height
			if x+w > o.Width && x > 0 {
				push()
			}
			endRun()
			cur.Items = append(cur.Items, Item{Symbol: s, X: x, W: w})
			cur.Symbols = true
			cur.Height = max(cur.Height, o.SymbolHeight+2*o.SymbolGap)
			x += w
			continue
		}
		for i, para := range strings.Split(sp.Text, "\n") {
			if i > 0 {
				push()
			}
			for j, f := range strings.Split(para, " ") {
				if j > 0 && x > 0 {
					if x+space > o.Width {
						push()
					} else {
						addWord(" ", space)
					}
				}
				if f == "" {
					continue
				}
				ww := measure(f)
				if x+ww > o.Width && x > 0 {
					push()
				}
				if ww > o.Width && len(f) > 1 {
					// Split it into lines: each the longest start of what
					// is left that fits (one character at least), found
					// from the start, so that a long word (a pasted link,
					// a data URL) costs its length, not its length cubed.
					r := []rune(f)
					for len(r) > 1 {
						n := 1
						for n < len(r) && measure(string(r[:n+1])) <= o.Width {
							n++
						}
						if n == len(r) {
							break
						}
						addWord(string(r[:n]), measure(string(r[:n])))
						push()
						r = r[n:]
					}
					f = string(r)
					ww = measure(f)
				}
				addWord(f, ww)
			}
		}
	}
	if run.Len() > 0 || len(cur.Items) > 0 {
		push()
	}
	// A line of spaces only is dropped; trailing empty lines too.
	for len(lines) > 0 && len(lines[len(lines)-1].Items) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

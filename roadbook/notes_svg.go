package roadbook

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// The OpenRally notes drawing: NotesWidth pixels wide, its text
// notesTextPx, its lexicon symbols notesSymbolPx high, at least
// notesMinHeight high and as high as the note needs.
const (
	NotesWidth     = 300
	notesTextPx    = 26
	notesSymbolPx  = 44
	notesPad       = 8
	notesMinHeight = 100
)

// NotesSVG returns a note as the SVG document OpenRally's notes element
// expects: NotesWidth pixels wide, white, the text in bold and the lexicon
// symbols written in braces ("{village} L into {wadi}") drawn, wrapped at
// spaces onto as many lines as the note needs. The height grows with the
// lines (100 pixels at least), so nothing is ever clipped. Each text run
// carries its width in DejaVu Sans Bold as textLength, so a reader with
// another font squeezes it rather than overflowing. Output is
// deterministic.
//
// The root element's id, "roadbook-notes", tells such a drawing from an
// author's (IsNotesSVG).
func NotesSVG(note string) string {
	note = strings.TrimSpace(note)
	measure := func(s string) float64 { return lexicon.TextWidth(s, notesTextPx, true) }
	lines := lexicon.Layout(note, lexicon.LayoutOptions{
		Width: NotesWidth - 2*notesPad, TextSize: notesTextPx, SymbolHeight: notesSymbolPx, SymbolGap: 2,
	}, measure)
	h := 2.0 * notesPad
	for _, l := range lines {
		h += l.Height
	}
	h = math.Max(notesMinHeight, math.Ceil(h))
	hs := strconv.FormatFloat(h, 'f', -1, 64)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" width="%d" height="%s" viewBox="0 0 %d %s">`, notesSVGID, NotesWidth, hs, NotesWidth, hs)
	fmt.Fprintf(&b, `<rect width="%d" height="%s" fill="#fff"/>`, NotesWidth, hs)
	y := float64(notesPad)
	for _, l := range lines {
		mid := y + l.Height/2
		for _, it := range l.Items {
			x := notesPad + it.X
			if it.Symbol != nil {
				c := lexicon.NewSVG(&b, x, mid-notesSymbolPx/2, notesSymbolPx/float64(lexicon.Height))
				it.Symbol.Draw(c)
				c.Flush() // a strings.Builder does not fail
				continue
			}
			base := mid + 0.729*notesTextPx/2
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="%d" font-weight="bold" textLength="%s" lengthAdjust="spacingAndGlyphs">`,
				svgNum(x), svgNum(base), notesTextPx, svgNum(it.W))
			xml.EscapeText(&b, []byte(it.Text))
			b.WriteString(`</text>`)
		}
		y += l.Height
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// svgNum formats v with at most two decimals.
func svgNum(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

// notesSVGID is the id of the root element of NotesSVG's drawings.
const notesSVGID = "roadbook-notes"

// IsNotesSVG reports whether a notes drawing is one NotesSVG made: the
// words of a box drawn by roadbook for OpenRally readers, with the words
// themselves beside it in the file's <desc>, not an author's drawing.
// Products that show the author's drawings show the words instead.
func IsNotesSVG(s string) bool {
	s = strings.TrimSpace(s)
	end := strings.IndexByte(s, '>')
	return strings.HasPrefix(s, "<svg ") && end > 0 && strings.Contains(s[:end], ` id="`+notesSVGID+`"`)
}

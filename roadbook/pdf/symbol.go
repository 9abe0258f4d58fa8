package pdf

import "github.com/roadbook/roadbook/roadbook/lexicon"

var _ lexicon.Canvas = canvas{}

// symbol draws s h millimetres high with its top-left corner at (x, y) and
// returns its width in millimetres. It leaves the line cap round and no
// dash, as the rest of the page expects.
func (d *doc) symbol(s *lexicon.Symbol, x, y, h float64) float64 {
	k := h / lexicon.Height
	s.Draw(canvas{d: d, x: x, y: y, scale: k})
	return s.Width * k
}

// symbolWidth returns the width in millimetres of s drawn h millimetres high.
func symbolWidth(s *lexicon.Symbol, h float64) float64 { return s.Width * h / lexicon.Height }

package lexicon

import "unicode/utf8"

// TextWidth returns the width of text set in DejaVu Sans (bold when bold
// is set) at size units, from the fonts' advance widths (kerning ignored,
// as roadbook/pdf sets text). Runes outside the table (Latin up to U+024F
// and a few signs) count as 0.6 em, about the font's average.
func TextWidth(text string, size float64, bold bool) float64 {
	tab, extra := widthRegular[:], extraRegular
	if bold {
		tab, extra = widthBold[:], extraBold
	}
	var units int
	for _, r := range text {
		switch {
		case r >= firstWidth && int(r-firstWidth) < len(tab):
			units += int(tab[r-firstWidth])
		case extra[r] != 0:
			units += int(extra[r])
		case r == utf8.RuneError:
			units += unitsPerEm
		default:
			units += unitsPerEm * 6 / 10
		}
	}
	return float64(units) * size / unitsPerEm
}

// FitSize returns the largest type size ≤ size at which text is at most w
// units wide.
func FitSize(text string, size, w float64, bold bool) float64 {
	tw := TextWidth(text, size, bold)
	if tw > w && tw > 0 {
		return size * w / tw
	}
	return size
}

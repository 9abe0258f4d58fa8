// Package fonts holds the fonts roadbook draws text with: DejaVu Sans and
// DejaVu Sans Bold (full Latin-extended coverage), copied unchanged from
// Debian's fonts-dejavu-core; the licence is in LICENSE beside them.
// roadbook/pdf embeds them in PDF files, roadbook/lexicon/raster draws
// symbol text with them.
package fonts

import _ "embed"

var (
	// Regular is DejaVuSans.ttf.
	//go:embed DejaVuSans.ttf
	Regular []byte
	// Bold is DejaVuSans-Bold.ttf.
	//go:embed DejaVuSans-Bold.ttf
	Bold []byte
)

package lexicon

// Track and line types, track descriptions, directions, qualifiers and CAP
// marks (docs/lexicon.md: Tracks, Directions and CAP, Abbreviations).

func init() {
	lineSym := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Track, draw)
	}
	vert := []float64{50, 94, 50, 6}
	add(
		lineSym("line-track", "P", "track, as a tulip line", "piste", func(c Canvas) {
			line(c, Style{Stroke: Black, Width: 10, Cap: ButtCap}, vert...)
		}),
		lineSym("line-small-track", "", "small track, as a tulip line", "petite piste", func(c Canvas) {
			line(c, Style{Stroke: Black, Width: 5, Cap: ButtCap}, vert...)
		}),
		lineSym("line-tarmac", "RO", "tarmac road, as a tulip line", "route goudronnée", func(c Canvas) {
			line(c, Style{Stroke: Black, Width: 22, Cap: ButtCap}, vert...)
			line(c, Style{Stroke: White, Width: 11, Cap: ButtCap}, vert...)
		}),
		lineSym("line-dual-carriageway", "", "dual carriageway, as a tulip line", "route à deux chaussées", func(c Canvas) {
			line(c, Style{Stroke: Black, Width: 32, Cap: ButtCap}, vert...)
			line(c, Style{Stroke: White, Width: 22, Cap: ButtCap}, vert...)
			line(c, Style{Stroke: Black, Width: 3, Cap: ButtCap}, vert...)
		}),
		lineSym("line-off-piste", "HP", "off track, as a tulip line", "hors piste", func(c Canvas) {
			line(c, dashed(Black, 6, 9, 8), vert...)
		}),
		lineSym("line-low-visible", "-V", "low-visibility track, as a tulip line", "piste peu visible", func(c Canvas) {
			line(c, dashed(Black, 6, 22, 7, 5, 7), vert...)
		}),

		glyph("track", "P", "track", "piste", Track),
		glyph("track-main", "PP", "main track", "piste principale", Track),
		glyph("tracks-parallel", "P//", "parallel tracks", "pistes parallèles", Track),
		glyph("road", "RO", "road", "route", Track),
		glyph("off-track", "HP", "off track", "hors piste", Track),
		pic("off-track-forbidden", "HP", "off track forbidden", "hors piste interdit", Track, func(c Canvas) {
			label(c, Black, 0, 100, 50, textSize, "HP")
			line(c, stroke(Red, 9), 12, 86, 88, 14)
		}),
		&Symbol{Code: "track-big", Abbr: "GdP", Meaning: "big track", French: "grande piste", Category: Track, Width: 120,
			draw: func(c Canvas, s *Symbol) { sup(c, s.Width, "G", "D", "P") }},
		&Symbol{Code: "track-winding", Abbr: "PS", Meaning: "winding track", French: "piste sinueuse", Category: Track, Width: 120,
			draw: func(c Canvas, s *Symbol) { winding(c, "P", s.Width) }},
		&Symbol{Code: "track-winding-main", Abbr: "PPS", Meaning: "winding main track", French: "piste principale sinueuse", Category: Track, Width: 150,
			draw: func(c Canvas, s *Symbol) { winding(c, "PP", s.Width) }},
		pic("twisty", "", "twisty / sinuous", "sinueux", Track, func(c Canvas) {
			smooth(c, stroke(Black, 11), 66, 10, 34, 24, 36, 46, 64, 56, 66, 76, 34, 90)
		}),
		glyph("narrow", "E3", "narrow", "étroit", Track),
		glyph("less-visible", "−V", "less visible", "moins visible", Track),
		glyph("more-or-less-visible", "±V", "more or less visible", "plus ou moins visible", Track),
		pic("sight-driving", "", "sight driving (drive on sight)", "conduite à vue", Track, func(c Canvas) {
			eye := new(Path).MoveTo(8, 50).CubicTo(30, 18, 70, 18, 92, 50).CubicTo(70, 82, 30, 82, 8, 50).Close()
			c.Path(eye, outlined(White, Black, 6))
			c.Circle(50, 50, 15, fill(Black))
			c.Circle(55, 45, 4.5, fill(White))
		}),
	)

	dir := func(code, abbr, meaning, french string) *Symbol { return glyph(code, abbr, meaning, french, Direction) }
	word := func(code, abbr, meaning, french string) *Symbol {
		return glyph(code, abbr, meaning, french, Abbreviation)
	}
	add(
		dir("left", "L", "left", "gauche"),
		dir("right", "R", "right", "droite"),
		dir("left-right", "L/R", "left then right", "gauche puis droite"),
		dir("right-left", "R/L", "right then left", "droite puis gauche"),
		dir("on-left", "onL", "on the left", "à gauche"),
		dir("on-right", "onR", "on the right", "à droite"),
		dir("keep-left", "kpL", "keep left", "garder la gauche"),
		dir("keep-right", "kpR", "keep right", "garder la droite"),
		dir("keep-straight", "kpS", "keep straight", "tout droit"),
		dir("keep-straight-main-road", "TDRPP", "keep straight on main road", "tout droit route principale"),
		dir("keep-straight-main-track", "TDSPP", "keep straight on main track", "tout droit sur piste principale"),
		dir("follow-road", "FRO", "follow road", "suivre la route"),
		dir("follow-main-track", "FPP", "follow main track", "suivre la piste principale"),
		dir("rejoin", "RP", "rejoin", "rejoindre"),
		&Symbol{Code: "leave", Abbr: "QT", Meaning: "leave / quit", French: "quitter", Category: Direction, Width: 110,
			draw: func(c Canvas, s *Symbol) { sup(c, s.Width, "Q", "T", "") }},
		pic("towards", "", "towards / in the direction of", "en direction de", Direction, func(c Canvas) {
			arrow(c, Black, 9, 30, 14, 50, 92, 50)
			line(c, stroke(Black, 9), 14, 32, 14, 68)
		}),
		word("into", "IN", "in / into", "dans"),
		word("at", "A", "at", "à"),
		glyphColor("and-next", "ET", "and / next", "et", Abbreviation, Green),
		pic("during", "/", "during", "pendant", Abbreviation, func(c Canvas) {
			line(c, stroke(Black, 10), 34, 88, 66, 12)
		}),
		word("between", "BTW", "between", "entre"),
		word("always", "TJS", "always", "toujours"),
		word("alternating", "ALT", "alternating", "alternance"),
		word("bad", "BAD", "bad", "mauvais"),
		word("many", "NBX", "many", "nombreux"),
		word("imperative", "IMP", "imperative / compulsory", "impératif"),
		&Symbol{Code: "big", Abbr: "Gd", Meaning: "big", French: "grand", Category: Abbreviation, Width: 100,
			draw: func(c Canvas, s *Symbol) { sup(c, s.Width, "G", "D", "") }},
		word("medium", "MOY", "medium", "moyen"),
		word("tight", "SER", "tight", "serré"),

		pic("cap", "CAP", "exit heading (CAP to hold on leaving)", "cap", Direction, func(c Canvas) { capBox(c, "CAP", "") }),
		&Symbol{Code: "cap-average", Abbr: "CAP A", Meaning: "average heading", French: "cap moyen", Category: Direction, Width: 120,
			draw: func(c Canvas, s *Symbol) { capBoxW(c, s.Width, "CAP", "A") }},
		&Symbol{Code: "cap-calculated", Abbr: "CAP C", Meaning: "calculated heading (off track)", French: "cap calculé", Category: Direction, Width: 120,
			draw: func(c Canvas, s *Symbol) { capBoxW(c, s.Width, "CAP", "C") }},
		&Symbol{Code: "cap-turning", Abbr: "OBLIC", Meaning: "heading that turns", French: "cap oblique", Category: Direction, Width: 150,
			draw: func(c Canvas, s *Symbol) { capBoxW(c, s.Width, "OBLIC", "") }},
		dir("bearing", "C", "bearing (legacy)", "cap"),
	)
}

// winding prints text followed by an S squiggle.
func winding(c Canvas, text string, w float64) {
	tw := TextWidth(text, textSize, true)
	x := (w - tw - 26) / 2
	c.Text(x, 50+capHeight*textSize/2, textSize, text, TextStyle{Bold: true, Anchor: Start})
	sx := x + tw + 4
	smooth(c, stroke(Black, 6), sx+20, 30, sx+4, 38, sx+20, 60, sx+4, 70)
}

// capBox draws the yellow CAP box with its text and a small suffix.
func capBox(c Canvas, text, small string) { capBoxW(c, Height, text, small) }

func capBoxW(c Canvas, w float64, text, small string) {
	c.Path(new(Path).Rect(4, 24, w-8, 52), outlined(CapBox, Black, 3))
	sw := 0.0
	if small != "" {
		sw = TextWidth(small, 30, true) + 2
	}
	label(c, Black, 8, w-16-sw, 50, 46, text)
	if small != "" {
		c.Text(w-9, 70, 30, small, TextStyle{Bold: true, Anchor: End})
	}
}

package lexicon

// Surface and relief (docs/lexicon.md: Surface, Relief).

func init() {
	surf := func(code, abbr, meaning, french string) *Symbol { return glyph(code, abbr, meaning, french, Surface) }
	add(
		surf("sandy", "SA", "sandy", "sable"),
		surf("stones", "CX", "stones / stony", "cailloux"),
		surf("gravel", "GV", "gravel", "gravier"),
		surf("collapsed", "EFF", "collapsed", "effondré"),
		surf("ruts", "ORN", "ruts", "ornières"),
		surf("rocky", "EMP", "rocky / stoned", "empierré"),
		surf("rough", "DEF", "rough / broken", "défoncé"),
		pic("rocks", "", "rocks", "rochers", Surface, func(c Canvas) {
			rock := func(x, y, k float64) {
				p := new(Path).MoveTo(x-30*k, y).CubicTo(x-34*k, y-22*k, x-18*k, y-40*k, x-2*k, y-38*k).
					CubicTo(x+14*k, y-44*k, x+32*k, y-26*k, x+30*k, y).Close()
				c.Path(p, outlined(Light, Black, 5))
				line(c, stroke(Black, 3), x-8*k, y-34*k, x-2*k, y-18*k, x+12*k, y-12*k)
			}
			rock(38, 82, 1.05)
			rock(74, 84, 0.7)
			line(c, stroke(Black, 4), 4, 84, 96, 84)
		}),
		pic("sandy-plain", "", "sandy plain", "plaine sablonneuse", Surface, func(c Canvas) {
			patch(c, Sand)
			speckle(c, RGB(0x9a6a1e))
		}),
		pic("plain-chott", "", "plain / chott (flat, possibly salt)", "plaine / chott", Surface, func(c Canvas) {
			patch(c, Light)
			speckle(c, Grey)
		}),
		pic("sand-pit", "", "sand pit / sand spit", "trou de sable", Surface, func(c Canvas) {
			c.Path(new(Path).Ellipse(50, 54, 38, 22), stroke(Red, 7))
			line(c, stroke(Red, 7), 24, 88, 76, 18)
		}),
		pic("concrete-pass", "", "concrete pass", "passage bétonné", Surface, func(c Canvas) {
			c.Path(new(Path).Rect(26, 6, 48, 88), outlined(Light, Black, 5))
			arrow(c, Black, 8, 24, 50, 84, 50, 16)
		}),
	)

	rel := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Relief, draw)
	}
	rline := func(c Canvas, xy ...float64) { line(c, stroke(Red, 7), xy...) }
	add(
		rel("dune", "DN", "dune", "dune", func(c Canvas) { dune(c, 50, 82, 1) }),
		rel("dune-small", "DNT", "small dune", "dunette", func(c Canvas) {
			c.Path(new(Path).Arc(50, 78, 26, 180, 360).Close(), outlined(Sand, Black, 5))
			line(c, stroke(Black, 5), 8, 78, 92, 78)
		}),
		rel("dunes-many", "DNX", "many dunes", "nombreuses dunes", func(c Canvas) {
			dune(c, 32, 66, 0.62)
			dune(c, 68, 70, 0.62)
			dune(c, 48, 90, 0.62)
		}),
		rel("dune-crest", "", "dune crest (line)", "crête de dune", func(c Canvas) {
			smooth(c, stroke(Black, 5), 6, 74, 30, 44, 58, 34, 80, 46, 94, 70)
		}),
		rel("dune-crest-double", "", "dunes (line)", "dunes", func(c Canvas) {
			smooth(c, stroke(Black, 5), 4, 80, 24, 48, 46, 40, 64, 62)
			smooth(c, stroke(Black, 5), 40, 74, 60, 38, 80, 34, 96, 60)
		}),
		rel("dune-broken", "", "broken dune / sandy crest", "dune cassée", func(c Canvas) {
			p := new(Path).MoveTo(4, 86).CubicTo(20, 40, 36, 30, 46, 34).LineTo(54, 46).LineTo(60, 34).
				CubicTo(74, 32, 86, 52, 96, 86).Close()
			c.Path(p, outlined(Sand, Black, 5))
			c.Path(new(Path).MoveTo(30, 70).CubicTo(32, 24, 62, 12, 74, 26), stroke(Black, 5))
			arrowHead(c, Black, 18, 66, 16, 80, 34)
		}),
		&Symbol{Code: "dune-level-1", Abbr: "L1", Meaning: "dunes of difficulty 1", French: "dunes niveau 1", Category: Relief, Width: textWidth("L1"),
			draw: func(c Canvas, s *Symbol) { label(c, Black, 0, s.Width, 50, textSize, s.Abbr) }},
		&Symbol{Code: "dune-level-2", Abbr: "L2", Meaning: "dunes of difficulty 2", French: "dunes niveau 2", Category: Relief, Width: textWidth("L2"),
			draw: func(c Canvas, s *Symbol) { label(c, Black, 0, s.Width, 50, textSize, s.Abbr) }},
		&Symbol{Code: "dune-level-3", Abbr: "L3", Meaning: "dunes of difficulty 3", French: "dunes niveau 3", Category: Relief, Width: textWidth("L3"),
			draw: func(c Canvas, s *Symbol) { label(c, Black, 0, s.Width, 50, textSize, s.Abbr) }},
		rel("big-bowl", "", "big bowl", "cuvette", func(c Canvas) {
			p := new(Path).Smooth(10, 50, 24, 22, 56, 16, 86, 30, 92, 58, 74, 82, 40, 84, 14, 72, 10, 50).Close()
			c.Path(p, outlined(Sand, Black, 5))
			c.Path(new(Path).Smooth(30, 52, 44, 38, 64, 40, 72, 56), stroke(RGB(0x9a6a1e), 4))
		}),
		rel("bump", "", "bump", "bosse", func(c Canvas) {
			c.Path(new(Path).MoveTo(4, 66).LineTo(26, 66).Arc(50, 66, 24, 180, 360).LineTo(96, 66), stroke(Red, 7))
		}),
		rel("dip", "", "dip", "creux", func(c Canvas) {
			c.Path(new(Path).MoveTo(4, 36).LineTo(26, 36).Arc(50, 36, 24, 180, 0).LineTo(96, 36), stroke(Red, 7))
		}),
		rel("compression", "", "compression", "compression", func(c Canvas) {
			rline(c, 4, 46, 22, 46, 30, 84, 70, 84, 78, 46, 96, 46)
			arrow(c, Black, 7, 20, 50, 8, 50, 70)
			line(c, stroke(Black, 7), 36, 8, 64, 8)
		}),
		rel("ditch", "", "ditch", "fossé", func(c Canvas) { rline(c, 4, 40, 34, 40, 50, 80, 66, 40, 96, 40) }),
		rel("hole", "", "hole", "trou", func(c Canvas) {
			c.Circle(50, 50, 40, stroke(Black, 8))
			line(c, stroke(Black, 8), 30, 30, 70, 70)
			line(c, stroke(Black, 8), 70, 30, 30, 70)
		}),
		rel("step", "", "step", "marche", func(c Canvas) { rline(c, 4, 40, 34, 40, 34, 72, 66, 72, 66, 40, 96, 40) }),
		rel("step-up", "", "step up", "marche montante", func(c Canvas) {
			rline(c, 4, 84, 50, 84, 50, 50, 96, 50)
			arrow(c, Black, 7, 20, 26, 74, 26, 10)
		}),
		rel("step-down", "", "step down", "marche descendante", func(c Canvas) {
			rline(c, 4, 50, 50, 50, 50, 84, 96, 84)
			arrow(c, Black, 7, 20, 74, 10, 74, 64)
		}),
		rel("uphill", "", "uphill", "montée", func(c Canvas) {
			line(c, stroke(Black, 6), 8, 90, 40, 90)
			arrow(c, Black, 8, 26, 20, 86, 88, 14)
		}),
		rel("downhill", "", "downhill", "descente", func(c Canvas) {
			line(c, stroke(Black, 6), 8, 12, 40, 12)
			arrow(c, Black, 8, 26, 20, 16, 88, 86)
		}),
		rel("summit", "", "summit / crest", "sommet", func(c Canvas) {
			// A bold red crest over the ground; no word under it (at 10
			// mm it would print under 8 pt).
			c.Path(new(Path).MoveTo(6, 84).CubicTo(20, 8, 80, 8, 94, 84), stroke(Red, 11))
			line(c, stroke(Black, 4), 2, 90, 98, 90)
		}),
		rel("crest-left", "", "left over crest", "à gauche après la crête", func(c Canvas) { crest(c, -1) }),
		rel("crest-right", "", "right over crest / brow", "à droite après la crête", func(c Canvas) { crest(c, 1) }),
		rel("slope-left", "", "side slope, falling to the left", "dévers à gauche", func(c Canvas) { slope(c, -1) }),
		rel("slope-right", "", "side slope, falling to the right", "dévers à droite", func(c Canvas) { slope(c, 1) }),
		rel("hill", "", "hill", "colline", func(c Canvas) {
			c.Path(new(Path).MoveTo(4, 72).CubicTo(26, 30, 74, 30, 96, 72), stroke(Black, 5))
		}),
		rel("mountain", "", "mountain", "montagne", func(c Canvas) {
			poly(c, fill(Black), 2, 90, 38, 18, 52, 42, 64, 30, 98, 90)
			poly(c, fill(White), 38, 18, 46, 34, 40, 32, 34, 40, 31, 32)
			poly(c, fill(White), 64, 30, 72, 44, 66, 42, 60, 48, 58, 40)
		}),
		rel("cliff", "", "cliff / escarpment", "falaise", func(c Canvas) {
			c.Path(new(Path).MoveTo(6, 40).CubicTo(30, 28, 70, 28, 94, 40), stroke(Black, 6))
			for i := 0; i < 7; i++ {
				x := 14 + float64(i)*12
				y := 40 - 10*(1-((x-50)/44)*((x-50)/44))
				line(c, stroke(Black, 4), x, y, x, y+22)
			}
		}),
		rel("collapse", "", "collapse (an edge that gives way)", "effondrement", func(c Canvas) {
			c.Path(new(Path).Ellipse(50, 44, 42, 18), stroke(Black, 5))
			for i := 0; i < 6; i++ {
				x := 22 + float64(i)*11.2
				line(c, stroke(Black, 4), x, 62, x-3, 80)
			}
		}),
		rel("bumpy", "", "bumpy", "bosselé", func(c Canvas) {
			rline(c, 4, 60, 18, 60, 18, 40, 34, 40, 34, 60, 50, 60, 50, 40, 66, 40, 66, 60, 82, 60, 82, 40, 96, 40)
		}),
		rel("bumpy-broken", "", "bumpy, broken", "bosselé, cassant", func(c Canvas) {
			rline(c, 4, 60, 16, 36, 28, 64, 40, 36, 52, 64, 64, 36, 76, 64, 88, 36, 96, 52)
		}),
		rel("undulations", "", "undulations", "ondulations", func(c Canvas) {
			c.Path(wave(new(Path), 6, 94, 50, 12, 4), stroke(Black, 5))
		}),
	)
}

// patch paints an irregular flat patch.
func patch(c Canvas, col Color) {
	p := new(Path).Smooth(8, 52, 16, 28, 40, 24, 62, 30, 88, 26, 94, 52, 84, 76, 56, 72, 30, 80, 10, 70, 8, 52).Close()
	c.Path(p, outlined(col, Black, 3))
}

// speckle dots a patch.
func speckle(c Canvas, col Color) {
	for _, d := range [][2]float64{{24, 42}, {40, 36}, {58, 44}, {76, 38}, {30, 60}, {48, 56}, {68, 60}, {82, 54}, {20, 54}, {60, 32}, {40, 66}, {74, 68}} {
		c.Circle(d[0], d[1], 2.6, fill(col))
	}
}

// dune draws one shaded mound with its base at (x, y), scaled by k.
func dune(c Canvas, x, y, k float64) {
	p := new(Path).MoveTo(x-46*k, y).CubicTo(x-30*k, y-20*k, x-12*k, y-60*k, x+4*k, y-62*k).
		CubicTo(x+20*k, y-60*k, x+34*k, y-22*k, x+46*k, y).Close()
	c.Path(p, outlined(Sand, Black, 4))
	// The shaded lee side.
	s := new(Path).MoveTo(x+4*k, y-62*k).CubicTo(x+20*k, y-60*k, x+34*k, y-22*k, x+46*k, y).
		LineTo(x+14*k, y).CubicTo(x+14*k, y-24*k, x+8*k, y-46*k, x+4*k, y-62*k).Close()
	c.Path(s, fill(RGB(0xb98a3e)))
}

// crest draws a mound with an arrow rising over it and turning to the left
// (side < 0) or right.
func crest(c Canvas, side float64) {
	x := func(v float64) float64 { return 50 + side*(v-50) }
	c.Path(new(Path).MoveTo(x(4), 94).CubicTo(x(20), 50, x(80), 50, x(96), 94).Close(), fill(Light))
	p := new(Path).MoveTo(x(36), 92).CubicTo(x(36), 60, x(44), 34, x(62), 26)
	c.Path(p, stroke(Black, 8))
	arrowHead(c, Black, 24, x(56), 30, x(88), 18)
}

// slope draws the side-slope sign: a framed square with a right triangle
// falling to one side and a tilted vehicle on it.
func slope(c Canvas, side float64) {
	x := func(v float64) float64 { return 50 + side*(v-50) }
	c.Path(new(Path).Rect(4, 4, 92, 92), stroke(Black, 5))
	poly(c, fill(Black), x(12), 88, x(88), 88, x(88), 46)
	// The vehicle, tilted with the slope: (u, v) along the slope and up
	// from it, from a point of the slope.
	car := func(u, v float64) (float64, float64) {
		const cs, sn = 0.875, 0.484
		return x(22 + u*cs - v*sn), 82.5 - u*sn - v*cs
	}
	body := []float64{}
	for _, q := range [][2]float64{{4, 8}, {50, 8}, {50, 30}, {14, 30}, {4, 20}} {
		a, b := car(q[0], q[1])
		body = append(body, a, b)
	}
	poly(c, fill(Red), body...)
	for _, u := range []float64{14, 42} {
		a, b := car(u, 4)
		c.Circle(a, b, 6, outlined(Black, White, 2))
	}
}

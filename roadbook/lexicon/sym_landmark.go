package lexicon

import "math"

// Landmarks: man-made features and animals (docs/lexicon.md: Landmarks).

func init() {
	lm := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Landmark, draw)
	}
	ground := func(c Canvas, y float64) { line(c, stroke(Black, 4), 4, y, 96, y) }
	post := func(c Canvas, x, top, bot float64) {
		line(c, Style{Stroke: Black, Width: 6, Cap: ButtCap}, x, top, x, bot)
	}
	add(
		lm("village", "V", "village", "village", func(c Canvas) {
			c.Circle(50, 50, 42, stroke(Black, 7))
			label(c, Black, 18, 64, 50, 60, "V")
		}),
		lm("buildings", "", "buildings", "bâtiments", func(c Canvas) {
			block := func(x, y, w, h float64) {
				poly(c, outlined(Light, Black, 4), x, y, x+w, y, x+w+12, y-10, x+12, y-10)
				poly(c, outlined(RGB(0x9a9c9e), Black, 4), x+w, y, x+w+12, y-10, x+w+12, y+h-10, x+w, y+h)
				c.Path(new(Path).Rect(x, y, w, h), outlined(White, Black, 4))
				for i := 0; float64(i)*12+10 < w; i++ {
					c.Path(new(Path).Rect(x+6+float64(i)*12, y+8, 6, 6), fill(Black))
				}
			}
			block(6, 56, 44, 34)
			block(44, 30, 40, 26)
		}),
		lm("house", "", "house", "maison", func(c Canvas) {
			c.Path(new(Path).Rect(16, 22, 68, 60), stroke(Black, 6))
			line(c, stroke(Black, 4), 16, 22, 84, 82)
			line(c, stroke(Black, 4), 84, 22, 16, 82)
		}),
		lm("ruins", "", "ruins / abandoned", "ruines", func(c Canvas) {
			p := new(Path).Line(8, 84, 8, 30, 22, 30, 26, 44, 34, 36, 40, 52, 48, 50, 56, 62, 66, 58, 74, 70, 84, 68, 92, 84).Close()
			c.Path(p, outlined(Light, Black, 5))
			for _, r := range [][2]float64{{70, 90}, {82, 92}, {56, 92}} {
				c.Path(new(Path).Rect(r[0]-4, r[1]-6, 8, 5), fill(Black))
			}
		}),
		lm("church", "", "church / mosque", "église / mosquée", func(c Canvas) {
			c.Path(new(Path).Rect(20, 56, 60, 36), outlined(White, Black, 5))
			poly(c, outlined(Grey, Black, 4), 16, 58, 50, 36, 84, 58)
			c.Path(new(Path).Rect(43, 26, 14, 18), outlined(White, Black, 4))
			poly(c, outlined(Grey, Black, 3), 40, 28, 50, 14, 60, 28)
			line(c, stroke(Black, 3.5), 50, 2, 50, 14)
			line(c, stroke(Black, 3.5), 45, 6.5, 55, 6.5)
			c.Path(new(Path).Rect(44, 72, 12, 20), fill(Black))
		}),
		lm("cemetery", "", "cemetery", "cimetière", func(c Canvas) {
			cross := func(x, y float64) {
				line(c, stroke(Black, 5), x, y-16, x, y+14)
				line(c, stroke(Black, 5), x-8, y-6, x+8, y-6)
			}
			cross(26, 36)
			cross(56, 30)
			cross(80, 50)
			cross(40, 72)
			cross(68, 80)
		}),
		lm("monument", "", "monument", "monument", func(c Canvas) {
			c.Path(new(Path).Rect(26, 70, 48, 22), fill(Black))
			c.Path(new(Path).Rect(34, 62, 32, 8), fill(Black))
			poly(c, fill(Black), 40, 62, 44, 20, 56, 20, 60, 62)
			c.Circle(50, 13, 8, fill(Black))
		}),
		lm("fort", "", "fort / castle", "fort", func(c Canvas) {
			c.Path(new(Path).Rect(20, 20, 60, 60), outlined(Light, Black, 4))
			for _, q := range [][2]float64{{20, 20}, {80, 20}, {20, 80}, {80, 80}} {
				c.Path(new(Path).Rect(q[0]-11, q[1]-11, 22, 22), outlined(Grey, Black, 4))
			}
		}),
		lm("antenna", "", "antenna / tower", "antenne", func(c Canvas) {
			line(c, stroke(Black, 4), 30, 94, 50, 14, 70, 94)
			for i := 0; i < 4; i++ {
				y0 := 34 + float64(i)*15
				h := func(y float64) float64 { return (y - 14) / 80 * 20 }
				line(c, stroke(Black, 2.5), 50-h(y0), y0, 50+h(y0+15), y0+15)
				line(c, stroke(Black, 2.5), 50+h(y0), y0, 50-h(y0+15), y0+15)
			}
			line(c, stroke(Black, 3), 50, 14, 50, 4)
			c.Path(new(Path).Arc(50, 16, 10, 200, 340), stroke(Black, 3))
		}),
		lm("mine", "", "mine (open pit)", "mine", func(c Canvas) {
			c.Path(new(Path).Ellipse(50, 50, 44, 32), outlined(Sand, Black, 4))
			c.Path(new(Path).Ellipse(50, 52, 30, 20), outlined(RGB(0xd2a95a), Black, 3))
			c.Path(new(Path).Ellipse(50, 54, 16, 9), outlined(RGB(0xb98a3e), Black, 3))
		}),
		lm("pumpjack", "", "oil pump", "pompe à pétrole", func(c Canvas) {
			ground(c, 90)
			poly(c, fill(Black), 40, 90, 50, 44, 60, 90, 54, 90, 50, 62, 46, 90)
			line(c, stroke(Black, 8), 14, 52, 80, 34)
			c.Path(new(Path).MoveTo(80, 20).CubicTo(92, 24, 94, 44, 84, 52).Close(), fill(Black))
			line(c, stroke(Black, 3), 88, 48, 88, 90)
			c.Circle(26, 74, 9, fill(Black))
			line(c, stroke(Black, 4), 26, 74, 22, 50)
		}),
		lm("pipeline", "", "pipeline", "pipeline", func(c Canvas) {
			c.Path(new(Path).Rect(4, 38, 92, 22), outlined(Light, Black, 4))
			for _, x := range []float64{30, 70} {
				c.Path(new(Path).Rect(x-4, 34, 8, 30), outlined(Grey, Black, 3))
			}
			line(c, stroke(Black, 4), 30, 64, 30, 84)
			line(c, stroke(Black, 4), 70, 64, 70, 84)
		}),
		lm("railway", "", "railway", "voie ferrée", func(c Canvas) {
			line(c, Style{Stroke: Black, Width: 6, Cap: ButtCap}, 4, 50, 96, 50)
			for x := 12.0; x < 96; x += 13 {
				line(c, stroke(Black, 5), x, 36, x, 64)
			}
		}),
		lm("bridge-over", "", "bridge (you cross over it)", "pont (dessus)", func(c Canvas) {
			c.Path(new(Path).MoveTo(14, 8).LineTo(28, 22).LineTo(28, 78).LineTo(14, 92), stroke(Black, 7))
			c.Path(new(Path).MoveTo(86, 8).LineTo(72, 22).LineTo(72, 78).LineTo(86, 92), stroke(Black, 7))
		}),
		lm("bridge-under", "", "bridge above you (pass under it)", "pont (dessous)", func(c Canvas) {
			c.Path(new(Path).MoveTo(8, 18).LineTo(22, 30).LineTo(78, 30).LineTo(92, 18), stroke(Black, 7))
			c.Path(new(Path).MoveTo(8, 82).LineTo(22, 70).LineTo(78, 70).LineTo(92, 82), stroke(Black, 7))
		}),
		lm("tunnel", "", "tunnel", "tunnel", func(c Canvas) {
			c.Path(new(Path).MoveTo(6, 90).LineTo(6, 50).Arc(50, 50, 44, 180, 360).LineTo(94, 90).Close(), outlined(Grey, Black, 5))
			c.Path(new(Path).MoveTo(24, 90).LineTo(24, 56).Arc(50, 56, 26, 180, 360).LineTo(76, 90).Close(), fill(Black))
		}),
		lm("power-line", "", "power line", "ligne électrique", func(c Canvas) {
			for _, x := range []float64{14, 50, 86} {
				post(c, x, 20, 92)
				line(c, stroke(Black, 4), x-8, 24, x+8, 24)
			}
			for _, dx := range []float64{-7, 7} {
				p := new(Path).MoveTo(14+dx, 24).QuadTo(32+dx, 44, 50+dx, 24).QuadTo(68+dx, 44, 86+dx, 24)
				c.Path(p, stroke(Black, 2))
			}
		}),
		lm("electric-pole", "", "electric pole", "poteau électrique", func(c Canvas) {
			post(c, 50, 10, 94)
			line(c, stroke(Black, 5), 24, 24, 76, 24)
			line(c, stroke(Black, 4), 32, 40, 68, 40)
			for _, x := range []float64{24, 76, 32, 68} {
				c.Circle(x, map[float64]float64{24: 20, 76: 20, 32: 36, 68: 36}[x], 3, fill(Black))
			}
		}),
		lm("high-voltage", "", "high-voltage line / pylon", "ligne haute tension", func(c Canvas) {
			line(c, stroke(Black, 4.5), 28, 94, 44, 12, 56, 12, 72, 94)
			line(c, stroke(Black, 4.5), 10, 28, 90, 28)
			line(c, stroke(Black, 3.5), 20, 46, 80, 46)
			for _, y := range [][2]float64{{28, 46}, {46, 70}, {70, 94}} {
				w := func(v float64) float64 { return 6 + (v-12)/82*16 }
				line(c, stroke(Black, 2.5), 50-w(y[0]), y[0], 50+w(y[1]), y[1])
				line(c, stroke(Black, 2.5), 50+w(y[0]), y[0], 50-w(y[1]), y[1])
			}
		}),
		lm("fence", "", "fence", "clôture", func(c Canvas) {
			for _, x := range []float64{14, 38, 62, 86} {
				post(c, x, 26, 84)
			}
			line(c, stroke(Black, 4), 8, 40, 92, 40)
			line(c, stroke(Black, 4), 8, 64, 92, 64)
		}),
		lm("fence-barbed", "", "barbed-wire fence", "barbelés", func(c Canvas) {
			line(c, stroke(Black, 3.5), 4, 50, 96, 50)
			for _, x := range []float64{10, 90} {
				post(c, x, 26, 78)
			}
			for x := 24.0; x < 80; x += 14 {
				line(c, stroke(Black, 3.5), x-6, 43, x+6, 57)
				line(c, stroke(Black, 3.5), x+6, 43, x-6, 57)
			}
		}),
		lm("fence-gate", "", "gate / gap in a fence", "passage dans la clôture", func(c Canvas) {
			for _, x := range []float64{8, 28, 72, 92} {
				post(c, x, 28, 80)
			}
			line(c, stroke(Black, 4), 4, 44, 28, 44)
			line(c, stroke(Black, 4), 4, 64, 28, 64)
			line(c, stroke(Black, 4), 72, 44, 96, 44)
			line(c, stroke(Black, 4), 72, 64, 96, 64)
		}),
		lm("gate-swing", "", "swing gate / barrier", "barrière", func(c Canvas) {
			post(c, 16, 22, 90)
			post(c, 84, 22, 90)
			line(c, stroke(Black, 6), 16, 70, 80, 30)
			c.Circle(16, 70, 5, fill(Red))
		}),
		lm("wall", "", "wall", "mur", func(c Canvas) {
			for row := 0; row < 3; row++ {
				for i := 0; i < 4; i++ {
					x := 6 + float64(i)*22 - float64(row%2)*11
					w := 22.0
					if x < 6 {
						w, x = w+x-6, 6
					}
					if x+w > 94 {
						w = 94 - x
					}
					c.Path(new(Path).Rect(x, 30+float64(row)*14, w, 14), outlined(Light, Black, 3))
				}
				if row%2 == 1 {
					c.Path(new(Path).Rect(83, 30+float64(row)*14, 11, 14), outlined(Light, Black, 3))
				}
			}
		}),
		lm("wall-gap", "", "gate / gap in a wall", "passage dans le mur", func(c Canvas) {
			line(c, Style{Stroke: Grey, Width: 16, Cap: ButtCap}, 4, 50, 34, 50)
			line(c, Style{Stroke: Grey, Width: 16, Cap: ButtCap}, 66, 50, 96, 50)
		}),
		lm("cattle-grid", "", "cattle grid", "grille à bétail", func(c Canvas) {
			c.Path(new(Path).Rect(16, 20, 68, 60), stroke(Black, 5))
			for x := 27.0; x < 80; x += 11 {
				line(c, stroke(Black, 4), x, 20, x, 80)
			}
			line(c, stroke(Black, 3.5), 4, 50, 16, 50)
			line(c, stroke(Black, 3.5), 84, 50, 96, 50)
		}),
		lm("corral", "", "corral", "enclos", func(c Canvas) {
			c.Path(new(Path).Ellipse(50, 56, 42, 28), stroke(Black, 4))
			c.Path(new(Path).Ellipse(50, 46, 42, 28), stroke(Black, 4))
			for i := 0; i < 10; i++ {
				a := float64(i) * math.Pi / 5
				x := 50 + 42*math.Cos(a)
				y := 46 + 28*math.Sin(a)
				line(c, stroke(Black, 4), x, y, x, y+12)
			}
		}),
		lm("cairn", "", "cairn", "cairn", func(c Canvas) {
			for _, s := range [][4]float64{{32, 82, 16, 10}, {66, 82, 18, 10}, {48, 64, 18, 9}, {52, 46, 14, 8}, {50, 30, 10, 7}, {51, 17, 7, 5}} {
				c.Path(new(Path).Ellipse(s[0], s[1], s[2], s[3]), outlined(Light, Black, 3.5))
			}
		}),
		lm("post", "", "post", "poteau", func(c Canvas) {
			c.Path(new(Path).Ellipse(62, 88, 26, 5), fill(Light))
			c.Path(new(Path).Rect(42, 10, 14, 80), outlined(White, Black, 4))
		}),
		lm("sign-post", "", "sign post", "panneau", func(c Canvas) {
			post(c, 40, 20, 94)
			poly(c, outlined(White, Black, 4), 12, 14, 72, 14, 90, 28, 72, 42, 12, 42)
		}),
		lm("billboard", "", "billboard", "panneau publicitaire", func(c Canvas) {
			c.Path(new(Path).Rect(6, 14, 88, 46), fill(Black))
			post(c, 26, 60, 92)
			post(c, 74, 60, 92)
		}),
		lm("barrel", "", "barrel(s)", "fût(s)", func(c Canvas) {
			c.Path(new(Path).MoveTo(26, 14).CubicTo(20, 40, 20, 60, 26, 88).LineTo(74, 88).CubicTo(80, 60, 80, 40, 74, 14).Close(), outlined(White, Black, 5))
			line(c, stroke(Black, 4), 23, 36, 77, 36)
			line(c, stroke(Black, 4), 23, 66, 77, 66)
		}),
		lm("tyre", "", "tyre(s)", "pneu(s)", func(c Canvas) {
			c.Circle(50, 50, 40, fill(Black))
			c.Circle(50, 50, 18, outlined(White, Black, 0))
			for i := 0; i < 16; i++ {
				a := float64(i) * math.Pi / 8
				line(c, stroke(White, 2.5), 50+30*math.Cos(a), 50+30*math.Sin(a), 50+38*math.Cos(a+0.1), 50+38*math.Sin(a+0.1))
			}
		}),
		lm("petrol-station", "", "petrol station", "station-service", func(c Canvas) {
			pump(c, 16, 8, 0.78, Black)
		}),
		wide(lm("camp", "", "camp / bivouac", "bivouac", func(c Canvas) {
			c.Path(new(Path).Rect(4, 4, 102, 92), stroke(Black, 4))
			poly(c, fill(Black), 27, 54, 55, 10, 83, 54)
			poly(c, fill(White), 48, 54, 55, 38, 62, 54)
			label(c, Black, 8, 94, 74, labelSize, "BIVY")
		}), 110),
		wide(lm("native-camp", "", "native camp", "campement", func(c Canvas) {
			// A round fence drawn out into a stadium around the word.
			p := new(Path).MoveTo(44, 10).LineTo(86, 10).Arc(86, 50, 40, -90, 90).LineTo(44, 90).Arc(44, 50, 40, 90, 270).Close()
			c.Path(p, dashed(Black, 5, 8, 5))
			label(c, Black, 16, 98, 50, labelSize, "CAMP")
		}), 130),
		lm("notable-element", "", "notable element", "élément remarquable", func(c Canvas) {
			poly(c, outlined(Light, Black, 4), 14, 34, 62, 34, 86, 18, 38, 18)
			poly(c, outlined(Grey, Black, 4), 62, 34, 86, 18, 86, 66, 62, 82)
			c.Path(new(Path).Rect(14, 34, 48, 48), outlined(White, Black, 4))
		}),
		lm("photo", "PH", "photo", "photo", func(c Canvas) {
			c.Circle(50, 50, 42, stroke(Black, 6))
			label(c, Black, 16, 68, 50, 44, "PH")
		}),
		lm("animals", "A", "animals", "animaux", func(c Canvas) {
			c.Circle(50, 50, 42, stroke(Black, 7))
			label(c, Black, 18, 64, 50, 60, "A")
		}),
		lm("animal-cow", "", "cow", "vache", func(c Canvas) {
			beast(c, 56, 26, 26, 22, 14)
			poly(c, fill(Black), 24, 36, 10, 38, 8, 52, 18, 56, 28, 50)
			line(c, stroke(Black, 3), 12, 38, 8, 30)
			line(c, stroke(Black, 3), 84, 40, 90, 66)
		}),
		lm("animal-camel", "", "camel", "dromadaire", func(c Canvas) {
			c.Path(new(Path).MoveTo(30, 56).CubicTo(30, 40, 44, 22, 56, 36).CubicTo(64, 26, 80, 40, 80, 56).Close(), fill(Black))
			for _, x := range []float64{34, 42, 68, 76} {
				line(c, stroke(Black, 5), x, 54, x, 92)
			}
			c.Path(new(Path).MoveTo(34, 50).CubicTo(24, 48, 20, 30, 18, 20), stroke(Black, 8))
			poly(c, fill(Black), 12, 16, 24, 14, 24, 24, 10, 24)
			line(c, stroke(Black, 3), 80, 50, 86, 66)
		}),
		lm("animal-horse", "", "horse", "cheval", func(c Canvas) {
			beast(c, 56, 24, 24, 26, 12)
			poly(c, fill(Black), 30, 44, 20, 20, 8, 30, 12, 36, 22, 34, 28, 50)
			poly(c, fill(Black), 80, 36, 92, 44, 90, 66)
		}),
		lm("animal-deer", "", "deer", "cerf", func(c Canvas) {
			beast(c, 56, 28, 22, 24, 8)
			poly(c, fill(Black), 30, 48, 20, 28, 10, 32, 12, 38, 24, 42, 30, 58)
			line(c, stroke(Black, 3), 20, 28, 16, 10, 10, 4)
			line(c, stroke(Black, 3), 16, 14, 24, 6)
			line(c, stroke(Black, 3), 21, 28, 28, 14, 34, 10)
		}),
		lm("animal-wolf", "", "wolf / dog", "loup / chien", func(c Canvas) {
			beast(c, 54, 26, 20, 26, 8)
			poly(c, fill(Black), 32, 40, 24, 28, 22, 34, 10, 40, 12, 46, 28, 52)
			poly(c, fill(Black), 24, 28, 28, 20, 30, 34)
			c.Path(new(Path).MoveTo(76, 40).QuadTo(90, 44, 92, 60), stroke(Black, 6))
		}),
		lm("animal-bear", "", "bear", "ours", func(c Canvas) {
			c.Path(new(Path).MoveTo(24, 52).CubicTo(26, 30, 60, 24, 80, 36).CubicTo(90, 44, 88, 66, 80, 72).LineTo(30, 72).Close(), fill(Black))
			for _, x := range []float64{32, 44, 70, 80} {
				line(c, Style{Stroke: Black, Width: 9, Cap: ButtCap}, x, 66, x, 90)
			}
			c.Circle(20, 52, 11, fill(Black))
			poly(c, fill(Black), 14, 54, 4, 60, 14, 62)
			c.Circle(20, 40, 4, fill(Black))
		}),
	)
}

// beast draws a four-legged body: the body's left edge at x-w/2… centred
// at (x, y) with half-size w × h, legs of length legs below it.
func beast(c Canvas, x, w, y, h, legs float64) {
	_ = y
	top := 92 - legs - 2*h/1.2
	bot := 92 - legs
	c.Path(new(Path).Ellipse(x, (top+bot)/2, w, (bot-top)/2), fill(Black))
	for _, dx := range []float64{-w + 8, -w + 16, w - 14, w - 6} {
		line(c, Style{Stroke: Black, Width: 5, Cap: ButtCap}, x+dx, bot-4, x+dx, 92)
	}
}

package lexicon

// Vegetation and water (docs/lexicon.md: Vegetation, Water).

func init() {
	veg := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Vegetation, draw)
	}
	dark := RGB(0x2e6b2e)
	add(
		veg("vegetation", "VG", "vegetation", "végétation", func(c Canvas) {
			line(c, stroke(Black, 4), 10, 86, 90, 86)
			grass(c, 32, 84, 1, Black)
			grass(c, 68, 84, 0.8, Black)
		}),
		veg("tree", "", "tree", "arbre", func(c Canvas) {
			c.Path(new(Path).Rect(44, 56, 12, 36), fill(Black))
			p := new(Path).Smooth(30, 64, 14, 48, 22, 24, 42, 14, 64, 14, 82, 28, 86, 48, 70, 64, 50, 62, 30, 64).Close()
			c.Path(p, fill(Black))
		}),
		veg("palm-tree", "", "palm tree", "palmier", func(c Canvas) {
			c.Path(new(Path).MoveTo(26, 94).CubicTo(36, 82, 64, 82, 74, 94).Close(), fill(Black))
			c.Path(new(Path).MoveTo(46, 88).CubicTo(48, 64, 52, 44, 50, 28).LineTo(56, 28).CubicTo(58, 44, 56, 64, 54, 88).Close(), fill(Black))
			for _, f := range [][4]float64{{-1, 0, 16, 34}, {1, 0, 84, 34}, {-1, 1, 20, 56}, {1, 1, 82, 58}, {0, 0, 40, 14}} {
				side, low, tx, ty := f[0], f[1], f[2], f[3]
				_ = low
				p := new(Path).MoveTo(53, 28).QuadTo((53+tx)/2, ty-14-8*(1-f[1])*absf(side), tx, ty).
					QuadTo((53+tx)/2+side*2, ty-4, 53, 31).Close()
				c.Path(p, outlined(Black, Black, 3))
			}
		}),
		veg("bush", "", "bushes", "buissons", func(c Canvas) {
			line(c, stroke(Black, 4), 6, 84, 94, 84)
			for _, b := range [][3]float64{{28, 66, 18}, {54, 58, 22}, {78, 68, 15}} {
				c.Path(new(Path).Arc(b[0], b[1]+b[2]*0.2, b[2], 160, 380).Close(), outlined(White, Black, 4))
			}
		}),
		veg("shrub", "", "shrub", "arbuste", func(c Canvas) {
			p := new(Path).MoveTo(10, 84).CubicTo(8, 58, 24, 46, 36, 54).CubicTo(40, 36, 62, 34, 66, 52).
				CubicTo(80, 44, 94, 60, 90, 84).Close()
			c.Path(p, fill(Black))
		}),
		veg("tall-grass", "", "tall grass", "hautes herbes", func(c Canvas) {
			for i, x := range []float64{22, 34, 46, 58, 70, 80} {
				h := 12.0 + float64(i%3)*8
				c.Path(new(Path).MoveTo(50, 92).QuadTo(x, 60, x+(x-50)*0.3, h), stroke(Black, 4))
			}
		}),
		veg("camel-grass", "", "camel grass (tussocks on sand)", "touffes d'herbe", func(c Canvas) {
			c.Path(new(Path).MoveTo(4, 80).CubicTo(30, 54, 70, 54, 96, 80), stroke(Black, 4))
			for _, x := range []float64{18, 38, 60, 82} {
				y := 80 - 20*(1-((x-50)/46)*((x-50)/46))
				grass(c, x, y-2, 0.45, dark)
			}
		}),
	)

	wat := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Water, draw)
	}
	wadiBed := RGB(0xb5b0a6)
	add(
		wat("river", "RIO", "river", "rivière", func(c Canvas) {
			c.Path(wave(new(Path), 6, 94, 38, 8, 4), stroke(Black, 5))
			c.Path(wave(new(Path), 6, 94, 62, 8, 4), stroke(Black, 5))
		}),
		wat("river-water", "", "river with water", "rivière en eau", func(c Canvas) { strip(c, 30, Aqua, Blue) }),
		wat("ford", "", "ford", "gué", func(c Canvas) {
			for _, y := range []float64{30, 50, 70} {
				c.Path(wave(new(Path), 10, 90, y, 6, 4), stroke(Black, 6))
			}
		}),
		wat("water-crossing", "", "water crossing / wading", "passage d'eau", func(c Canvas) {
			for i := 0; i < 5; i++ {
				c.Path(wave(new(Path), 8, 92, 18+float64(i)*16, 5, 6), stroke(Blue, 5))
			}
		}),
		wat("concrete-in-water", "", "paved crossing in water", "radier", func(c Canvas) {
			for i := 0; i < 4; i++ {
				c.Path(wave(new(Path), 8, 92, 22+float64(i)*18, 5, 6), stroke(Blue, 5))
			}
			c.Path(new(Path).Rect(38, 4, 24, 92), outlined(Light, Black, 3))
		}),
		wat("lake", "", "lake", "lac", func(c Canvas) {
			p := new(Path).Smooth(10, 54, 18, 26, 46, 20, 74, 22, 92, 44, 84, 72, 54, 80, 24, 78, 10, 54).Close()
			c.Path(p, outlined(Aqua, Black, 4))
		}),
		wat("pond", "", "pond / puddle", "mare", func(c Canvas) {
			p := new(Path).Smooth(14, 64, 24, 48, 50, 44, 78, 48, 88, 64, 70, 80, 40, 82, 14, 64).Close()
			c.Path(p, outlined(Aqua, Black, 4))
			grass(c, 22, 52, 0.5, dark)
			grass(c, 78, 50, 0.5, dark)
		}),
		wat("wadi", "OUED", "wadi / wash (dry river bed)", "oued", func(c Canvas) {
			for i, y := range []float64{26, 42, 58, 74} {
				c.Path(wave(new(Path), 4+float64(i%2)*6, 96-float64(i%2)*6, y, 4, 3+i%2), stroke(Black, 4))
			}
		}),
		wat("wadi-bend", "", "wadi bend", "coude d'oued", func(c Canvas) {
			c.Path(new(Path).Smooth(6, 28, 40, 32, 62, 50, 70, 94), stroke(Black, 5))
			c.Path(new(Path).Smooth(6, 52, 30, 56, 44, 70, 48, 94), stroke(Black, 5))
			c.Path(new(Path).Smooth(6, 40, 36, 44, 53, 60, 59, 94), dashed(Black, 3, 6, 6))
		}),
		wat("wadi-small", "", "small wadi", "petit oued", func(c Canvas) { strip(c, 18, wadiBed, Black) }),
		wat("wadi-big", "", "big wadi", "grand oued", func(c Canvas) { strip(c, 56, wadiBed, Black) }),
		wat("wadi-sandy", "", "sandy wadi", "oued sablonneux", func(c Canvas) { strip(c, 36, Sand, Black) }),
		wat("aqueduct-canal", "", "aqueduct / canal", "canal", func(c Canvas) {
			c.Path(new(Path).Rect(4, 22, 92, 14), outlined(Light, Black, 3))
			c.Path(new(Path).Rect(4, 64, 92, 14), outlined(Light, Black, 3))
			c.Path(new(Path).Rect(4, 38, 92, 24), fill(Aqua))
			c.Path(wave(new(Path), 12, 88, 50, 3, 4), stroke(Blue, 3))
		}),
		wat("well", "", "well", "puits", func(c Canvas) {
			c.Path(new(Path).Rect(22, 58, 56, 34), outlined(Light, Black, 5))
			line(c, stroke(Black, 4), 22, 70, 78, 70)
			line(c, stroke(Black, 5), 28, 58, 28, 14)
			line(c, stroke(Black, 5), 72, 58, 72, 14)
			poly(c, outlined(Black, Black, 3), 18, 18, 50, 4, 82, 18)
			line(c, stroke(Black, 2.5), 50, 16, 50, 36)
			poly(c, outlined(White, Black, 3), 43, 36, 57, 36, 55, 48, 45, 48)
		}),
		wat("water-tank", "", "water tank / tank, silo", "citerne, silo", func(c Canvas) {
			poly(c, outlined(Light, Black, 5), 20, 20, 80, 20, 72, 90, 28, 90)
			c.Path(new(Path).Ellipse(50, 20, 30, 8), outlined(White, Black, 4))
			line(c, stroke(Black, 3), 23, 44, 77, 44)
			line(c, stroke(Black, 3), 25, 66, 75, 66)
		}),
		wat("water-trough", "", "water trough", "abreuvoir", func(c Canvas) {
			poly(c, outlined(White, Black, 5), 6, 44, 94, 44, 84, 82, 16, 82)
			c.Path(wave(new(Path), 14, 86, 56, 3, 5), stroke(Blue, 4))
			line(c, stroke(Black, 5), 26, 82, 24, 92)
			line(c, stroke(Black, 5), 74, 82, 76, 92)
		}),
	)
}

func absf(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// grass draws a tuft of blades rooted at (x, y), scaled by k.
func grass(c Canvas, x, y, k float64, col Color) {
	for _, b := range [][2]float64{{-22, -30}, {-10, -46}, {0, -54}, {10, -46}, {22, -30}} {
		c.Path(new(Path).MoveTo(x-3*k, y).QuadTo(x+b[0]*0.3*k, y+b[1]*0.6*k, x+b[0]*k, y+b[1]*k).
			QuadTo(x+b[0]*0.3*k+2*k, y+b[1]*0.6*k, x+3*k, y).Close(), outlined(col, col, 2*k))
	}
}

// strip draws a river bed crossing the box from left to right, w units
// wide, with ragged edges.
func strip(c Canvas, w float64, col, edge Color) {
	top, bot := 50-w/2, 50+w/2
	p := new(Path).MoveTo(4, top)
	for i := 1; i <= 8; i++ {
		x := 4 + float64(i)*11.5
		d := []float64{3, -2, 2, -3, 1, -2, 3, -1}[i-1]
		p.QuadTo(x-6, top+d*1.5, x, top)
	}
	p.LineTo(96, bot)
	for i := 7; i >= 0; i-- {
		x := 4 + float64(i)*11.5
		d := []float64{-2, 3, -1, 2, -3, 1, -2, 3}[i]
		p.QuadTo(x+6, bot+d*1.5, x, bot)
	}
	p.Close()
	c.Path(p, outlined(col, edge, 3.5))
}

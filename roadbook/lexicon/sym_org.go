package lexicon

import (
	"fmt"
	"strconv"
	"strings"
)

// Waypoints, controls, speed and danger (docs/lexicon.md:
// Waypoints and controls, Speed, Danger and road signs).

func init() {
	org := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Org, draw)
	}
	letter := func(code, abbr, meaning, french string, col, ink Color, text string) *Symbol {
		return org(code, abbr, meaning, french, func(c Canvas) { discLetter(c, col, ink, text) })
	}
	add(
		org("dss", "DSS", "start of the selective section", "départ du secteur sélectif", func(c Canvas) {
			disc(c, Red)
			startFlag(c, false)
		}),
		org("ass", "ASS", "arrival of the selective section", "arrivée du secteur sélectif", func(c Canvas) {
			disc(c, Red)
			startFlag(c, true)
		}),
		letter("wpm", "WPM", "masked waypoint", "waypoint masqué", Cyan, Black, "M"),
		letter("wpv", "WPV", "visible waypoint", "waypoint visible", Cyan, Black, "V"),
		letter("wpe", "WPE", "eclipse waypoint", "waypoint éclipse", Cyan, Black, "E"),
		letter("wpc", "WPC", "control waypoint", "waypoint de contrôle", Yellow, Black, "C"),
		letter("wps", "WPS", "security waypoint", "waypoint de sécurité", Red, Black, "S"),
		org("wpn", "WPN", "navigation waypoint", "waypoint de navigation", func(c Canvas) {
			c.Circle(50, 50, 44, outlined(White, NavBlu, 7))
			label(c, NavBlu, 14, 72, 50, 58, "N")
		}),
		letter("wpp", "WPP", "precise waypoint", "waypoint précis", White, Black, "P"),
		org("checkpoint", "CP", "check point", "contrôle de passage", func(c Canvas) {
			c.Circle(50, 50, 44, outlined(White, Violet, 8))
			// A rubber stamp: handle, neck, base, print line.
			c.Circle(50, 27, 9, fill(Black))
			poly(c, fill(Black), 45, 34, 55, 34, 57, 52, 43, 52)
			c.Path(new(Path).Rect(27, 52, 46, 12), fill(Black))
			line(c, Style{Stroke: Violet, Width: 4, Cap: ButtCap}, 25, 72, 75, 72)
		}),
		org("time-control", "CH", "time control", "contrôle horaire", func(c Canvas) {
			c.Circle(50, 54, 38, outlined(White, Black, 7))
			c.Path(new(Path).Rect(43, 6, 14, 8), fill(Black))
			line(c, stroke(Black, 5), 50, 14, 50, 17)
			for i := 0; i < 12; i++ {
				p := new(Path).Arc(50, 54, 31, float64(i)*30, float64(i)*30)
				q := p.Segs[0].Pts[0]
				c.Circle(q.X, q.Y, 2.2, fill(Black))
			}
			line(c, stroke(Black, 6), 50, 54, 50, 30)
			line(c, stroke(Black, 6), 50, 54, 66, 62)
		}),
		letter("dn", "DN", "start of neutralisation", "début de neutralisation", Grey, Black, "DN"),
		letter("fn", "FN", "end of neutralisation", "fin de neutralisation", Grey, Black, "FN"),
		letter("dt", "DT", "start of transfer", "début de transfert", Grey, Black, "DT"),
		letter("ft", "FT", "end of transfer", "fin de transfert", Grey, Black, "FT"),
		letter("dn-speed", "DN", "start of neutralisation with a speed limit", "début de neutralisation limitée", Orange, Black, "DN"),
		org("restart-wait", "", "waiting for restart", "attente du redépart", func(c Canvas) {
			disc(c, Yellow)
			startFlag(c, false)
		}),
		org("restart-stop", "", "stop for restart", "arrêt pour redépart", func(c Canvas) {
			disc(c, Red)
			startFlag(c, false)
			line(c, stroke(Black, 5), 26, 80, 74, 80)
		}),
		org("service-zone", "", "assistance / service zone", "zone d'assistance", func(c Canvas) {
			disc(c, Blue)
			wrench(c)
		}),
		org("tyre-zone", "", "tyre-marking zone", "zone de marquage des pneus", func(c Canvas) {
			disc(c, Blue)
			c.Circle(50, 50, 24, outlined(Black, White, 0))
			c.Circle(50, 50, 24, stroke(White, 4))
			c.Circle(50, 50, 10, outlined(White, Black, 3))
		}),
		org("fuel-zone", "", "refuelling zone", "zone de ravitaillement", func(c Canvas) {
			disc(c, Blue)
			pump(c, 30, 26, 0.4, White)
		}),
		letter("fuel-95", "95", "petrol 95 available", "essence 95", Green, Black, "95"),
		letter("fuel-diesel", "D", "diesel available", "gazole", Yellow, Black, "D"),
		org("end-zone", "", "end of zone", "fin de zone", func(c Canvas) {
			disc(c, RGB(0xfccb53))
			for _, d := range []float64{-22, 0, 22} {
				line(c, Style{Stroke: Black, Width: 7, Cap: ButtCap}, 30+d, 76+d*0, 70+d, 24)
			}
		}),
		org("media-zone", "", "media zone", "zone média", func(c Canvas) {
			disc(c, Blue)
			microphone(c)
		}),
		org("media-zone-end", "", "end of media zone", "fin de zone média", func(c Canvas) {
			disc(c, Blue)
			microphone(c)
			line(c, Style{Stroke: Black, Width: 6, Cap: ButtCap}, 24, 80, 80, 24)
			line(c, Style{Stroke: Black, Width: 6, Cap: ButtCap}, 20, 70, 70, 20)
		}),
		org("medical", "", "medical vehicle point", "point médical", func(c Canvas) {
			disc(c, Blue)
			c.Path(new(Path).Rect(42, 22, 16, 56), fill(White))
			c.Path(new(Path).Rect(22, 42, 56, 16), fill(White))
		}),
		org("helicopter", "", "helicopter", "hélicoptère", func(c Canvas) {
			c.Circle(50, 50, 44, outlined(White, Black, 6))
			c.Path(new(Path).Ellipse(42, 55, 17, 12), fill(Black))
			line(c, stroke(Black, 6), 56, 52, 80, 48)
			line(c, stroke(Black, 5), 80, 42, 80, 54)
			line(c, stroke(Black, 4), 42, 43, 42, 35)
			line(c, stroke(Black, 4), 16, 35, 70, 35)
			line(c, stroke(Black, 4), 30, 67, 30, 72, 58, 72)
		}),
		org("fire", "", "fire engine", "pompiers", func(c Canvas) {
			c.Circle(50, 50, 44, outlined(White, Black, 6))
			poly(c, fill(Red), 18, 64, 18, 46, 56, 46, 56, 38, 72, 38, 82, 52, 82, 64)
			line(c, stroke(Black, 4), 22, 40, 52, 32)
			c.Circle(30, 66, 7, outlined(Black, White, 2))
			c.Circle(70, 66, 7, outlined(Black, White, 2))
		}),
		org("police", "", "police", "police", func(c Canvas) {
			c.Circle(50, 50, 44, outlined(White, Black, 6))
			c.Circle(50, 46, 12, fill(Black))
			poly(c, fill(Black), 34, 34, 38, 24, 62, 24, 66, 34)
			c.Path(new(Path).MoveTo(26, 86).CubicTo(26, 64, 74, 64, 74, 86).Close(), fill(Black))
		}),
		org("spectators", "", "spectators", "spectateurs", func(c Canvas) {
			c.Path(new(Path).Rect(6, 10, 88, 80), outlined(White, Black, 4))
			for _, x := range []float64{26, 50, 74} {
				c.Circle(x, 40, 7, fill(Black))
				c.Path(new(Path).Rect(x-7, 50, 14, 28), fill(Black))
				line(c, stroke(Black, 4), x-6, 52, x-12, 32)
				line(c, stroke(Black, 4), x+6, 52, x+12, 32)
			}
		}),
		wide(org("reset", "", "reset the trip meter to zero", "remise à zéro", func(c Canvas) {
			for i := 0; i < 4; i++ {
				x := 8 + float64(i)*28
				c.Path(new(Path).Rect(x, 6, 26, 42), fill(Black))
				label(c, White, x, 26, 27, labelSize, "0")
			}
			label(c, Black, 4, 116, 76, labelSize, "RESET")
		}), 124),
		org("distance-arrow", "", "span / distance marker", "distance", func(c Canvas) {
			line(c, dashed(Black, 5, 8, 6), 24, 50, 76, 50)
			arrowHead(c, Black, 20, 30, 50, 6, 50)
			arrowHead(c, Black, 20, 70, 50, 94, 50)
		}),
		&Symbol{Code: "modif", Abbr: "MODIF", Meaning: "changed by the opening car", French: "modification", Category: Org, Width: 170,
			draw: func(c Canvas, s *Symbol) { tag(c, s.Width, RGB(0x3e94d1), "MODIF") }},
		&Symbol{Code: "new-note", Abbr: "NEW NOTE", Meaning: "note added by the opening car", French: "nouvelle note", Category: Org, Width: 220,
			draw: func(c Canvas, s *Symbol) { tag(c, s.Width, Green, "NEW NOTE") }},
		org("protected-area", "", "protected / sensitive area", "zone protégée", func(c Canvas) {
			for i := 0; i < 3; i++ {
				a := float64(i) * 120
				p := new(Path).Arc(50, 52, 30, a-80, a+10)
				c.Path(p, Style{Stroke: Green, Width: 9, Cap: ButtCap})
				q := new(Path).Arc(50, 52, 30, a+10, a+40)
				e := q.Segs[len(q.Segs)-1].Pts[2]
				f := p.Segs[len(p.Segs)-1].Pts[2]
				arrowHead(c, Green, 20, f.X, f.Y, e.X, e.Y)
			}
		}),
		org("restricted-area", "", "restricted area", "zone interdite", func(c Canvas) {
			c.Circle(50, 50, 40, outlined(White, Red, 10))
			// A raised hand: palm and four fingers.
			c.Path(new(Path).Rect(36, 48, 28, 24), fill(Black))
			for i := 0; i < 4; i++ {
				x := 37 + float64(i)*7
				line(c, stroke(Black, 5.5), x+2.5, 48, x+2.5, 30)
			}
			line(c, stroke(Black, 5.5), 38, 58, 30, 48)
		}),
		wide(org("stop", "STOP", "stop (timed)", "arrêt", func(c Canvas) {
			// The road sign's red octagon, drawn out to hold the word.
			poly(c, outlined(RGB(0xd40000), Black, 6), 32, 4, 88, 4, 116, 32, 116, 68, 88, 96, 32, 96, 4, 68, 4, 32)
			label(c, White, 12, 96, 50, labelSize, "STOP")
		}), 120),
	)

	addFamily(&family{prefix: "wp-number-", min: 1, max: 999, example: 12,
		abbr:    strconv.Itoa,
		meaning: func(n int) string { return fmt.Sprintf("waypoint number %d", n) }},
		&Symbol{Abbr: "N", Meaning: "waypoint number N", French: "numéro de waypoint", Category: Org,
			draw: func(c Canvas, s *Symbol) {
				c.Circle(50, 50, 42, outlined(White, Black, 5))
				label(c, Black, 16, 68, 50, 48, strconv.Itoa(s.N))
			}})
	addFamily(&family{prefix: "distance-", min: 1, max: 9999, example: 150,
		abbr:    strconv.Itoa,
		meaning: func(n int) string { return fmt.Sprintf("%d m to the feature", n) }},
		&Symbol{Abbr: "N", Meaning: "distance N m to the feature", French: "distance", Category: Org, Width: 130,
			draw: func(c Canvas, s *Symbol) {
				c.Path(new(Path).Rect(4, 22, s.Width-8, 56), outlined(RGB(0x00ffff), Black, 3))
				label(c, Black, 10, s.Width-20, 50, 46, strconv.Itoa(s.N))
			}})

	speed := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Speed, draw)
	}
	add(
		speed("dz", "DZ", "start of a speed-controlled zone", "début de zone", func(c Canvas) { discLetter(c, Orange, Black, "DZ") }),
		speed("fz", "FZ", "end of the speed-controlled zone", "fin de zone", func(c Canvas) { discLetter(c, Green, Black, "FZ") }),
		glyph("slow-down", "RLT", "slow down", "ralentir", Speed),
	)
	addFamily(&family{prefix: "speed-limit-", min: 1, max: 300, example: 50,
		abbr:    strconv.Itoa,
		meaning: func(n int) string { return fmt.Sprintf("speed limit %d km/h", n) }},
		&Symbol{Abbr: "N", Meaning: "speed limit N km/h", French: "vitesse limitée", Category: Speed,
			draw: func(c Canvas, s *Symbol) { speedSign(c, s.N, false) }})
	addFamily(&family{prefix: "speed-limit-end-", min: 1, max: 300, example: 50,
		abbr:    strconv.Itoa,
		meaning: func(n int) string { return fmt.Sprintf("end of the %d km/h limit", n) }},
		&Symbol{Abbr: "N", Meaning: "end of the N km/h limit", French: "fin de limitation", Category: Speed,
			draw: func(c Canvas, s *Symbol) { speedSign(c, s.N, true) }})

	danger := func(code, abbr, meaning, french string, draw func(c Canvas)) *Symbol {
		return pic(code, abbr, meaning, french, Danger, draw)
	}
	for n := 1; n <= 3; n++ {
		bang := strings.Repeat("!", n)
		add(&Symbol{Code: fmt.Sprintf("danger-%d", n), Abbr: bang, Meaning: fmt.Sprintf("danger level %d", n),
			French: "danger " + bang, Category: Danger, Width: max(Height, float64(n)*30+40),
			draw: func(c Canvas, s *Symbol) { bangs(c, s.Width, n, false) }})
	}
	for n := 1; n <= 3; n++ {
		bang := strings.Repeat("!", n)
		add(&Symbol{Code: fmt.Sprintf("danger-global-%d", n), Abbr: "[" + bang + "]", Meaning: fmt.Sprintf("danger level %d for the whole note", n),
			French: "danger global " + bang, Category: Danger, Width: max(Height, float64(n)*30+40),
			draw: func(c Canvas, s *Symbol) { bangs(c, s.Width, n, true) }})
	}
	add(
		danger("cut-danger-left", "", "cut danger on the left", "danger coupé à gauche", func(c Canvas) { cutDanger(c, -1) }),
		danger("cut-danger-right", "", "cut danger on the right", "danger coupé à droite", func(c Canvas) { cutDanger(c, 1) }),
		danger("warning", "", "general danger", "danger", func(c Canvas) {
			poly(c, Style{Fill: White, Stroke: Red, Width: 9}, 50, 10, 93, 86, 7, 86)
			c.Path(new(Path).Line(46, 34, 54, 34, 52.5, 64, 47.5, 64).Close(), fill(Black))
			c.Circle(50, 74, 4.5, fill(Black))
		}),
		danger("roadworks", "", "road works", "travaux", func(c Canvas) {
			poly(c, outlined(Yellow, Black, 5), 50, 4, 96, 50, 50, 96, 4, 50)
			// A worker with a shovel at a pile.
			c.Circle(44, 32, 6, fill(Black))
			line(c, stroke(Black, 6), 44, 40, 50, 58, 42, 72)
			line(c, stroke(Black, 6), 50, 58, 56, 72)
			line(c, stroke(Black, 5), 45, 44, 60, 52, 64, 66)
			poly(c, fill(Black), 58, 72, 66, 64, 74, 72)
		}),
		danger("no-entry", "", "no entry", "sens interdit", func(c Canvas) {
			c.Circle(50, 50, 44, fill(Red))
			c.Path(new(Path).Rect(18, 42, 64, 16), fill(White))
		}),
		danger("traffic-light", "", "traffic light", "feux tricolores", func(c Canvas) {
			c.Path(new(Path).Rect(34, 4, 32, 92), outlined(White, Black, 5))
			c.Circle(50, 22, 9, fill(Red))
			c.Circle(50, 50, 9, fill(Orange))
			c.Circle(50, 78, 9, fill(Green))
		}),
		danger("roundabout-left", "", "roundabout (clockwise)", "giratoire", func(c Canvas) { roundabout(c, -1) }),
		danger("roundabout-right", "", "roundabout", "giratoire", func(c Canvas) { roundabout(c, 1) }),
		danger("dead-end", "", "dead end", "impasse", func(c Canvas) {
			c.Path(new(Path).Rect(6, 6, 88, 88), fill(Blue))
			c.Path(new(Path).Rect(43, 40, 14, 46), fill(White))
			c.Path(new(Path).Rect(24, 24, 52, 16), fill(Red))
		}),
	)
}

// startFlag draws a flag on a pole over a disc; a chequered one when chequered.
func startFlag(c Canvas, chequered bool) {
	line(c, Style{Stroke: Black, Width: 5, Cap: ButtCap}, 32, 80, 32, 20)
	c.Path(new(Path).Rect(34, 22, 38, 28), fill(Black))
	if chequered {
		for i := 0; i < 4; i++ {
			for j := 0; j < 3; j++ {
				if (i+j)%2 == 0 {
					c.Path(new(Path).Rect(34+float64(i)*9.5, 22+float64(j)*9.33, 9.5, 9.33), fill(White))
				}
			}
		}
	}
}

// wrench draws a white spanner across a disc.
func wrench(c Canvas) {
	line(c, Style{Stroke: White, Width: 11, Cap: RoundCap}, 34, 68, 62, 40)
	c.Circle(66, 34, 14, fill(White))
	poly(c, fill(Blue), 66, 34, 68, 16, 84, 28)
	c.Circle(30, 72, 9, fill(White))
}

// pump draws a fuel pump with its top-left at (x, y) scaled by k (100
// units a side before scaling).
func pump(c Canvas, x, y, k float64, col Color) {
	c.Path(new(Path).Rect(x, y+5*k, 60*k, 110*k), fill(col))
	c.Path(new(Path).Rect(x+10*k, y+18*k, 40*k, 30*k), fill(Blue))
	c.Path(new(Path).Line(x+60*k, y+30*k, x+85*k, y+45*k, x+85*k, y+95*k, x+100*k, y+100*k), Style{Stroke: col, Width: 9 * k})
}

// microphone draws a white microphone on a stand.
func microphone(c Canvas) {
	c.Path(new(Path).Rect(40, 18, 20, 36), fill(White))
	c.Circle(50, 20, 10, fill(White))
	c.Circle(50, 52, 10, fill(White))
	c.Path(new(Path).Arc(50, 50, 18, 0, 180), stroke(White, 5))
	line(c, stroke(White, 5), 50, 68, 50, 80)
	line(c, stroke(White, 5), 38, 80, 62, 80)
}

// tag draws a coloured box with a word, w units wide.
func tag(c Canvas, w float64, col Color, text string) {
	c.Path(new(Path).Rect(4, 24, w-8, 52), outlined(col, Black, 3))
	label(c, Black, 10, w-20, 50, 40, text)
}

// speedSign draws the limit sign: a white disc in a red ring with the
// number; the end sign is grey with a diagonal bar.
func speedSign(c Canvas, n int, end bool) {
	ring, ink := Limit, Black
	if end {
		ring, ink = Grey, Grey
	}
	c.Circle(50, 50, 41, outlined(White, ring, 11))
	label(c, ink, 18, 64, 50, 46, strconv.Itoa(n))
	if end {
		line(c, Style{Stroke: Grey, Width: 8, Cap: ButtCap}, 22, 78, 78, 22)
	}
}

// bangs draws n red exclamation marks in a box w wide, framed when global.
func bangs(c Canvas, w float64, n int, framed bool) {
	gap := 30.0
	x := w/2 - gap*float64(n-1)/2
	for i := 0; i < n; i++ {
		cx := x + float64(i)*gap
		poly(c, fill(Red), cx-8, 12, cx+8, 12, cx+5, 64, cx-5, 64)
		c.Path(new(Path).Rect(cx-7, 74, 14, 14), fill(Red))
	}
	if framed {
		c.Path(new(Path).Rect(4, 4, w-8, 92), stroke(Red, 5))
	}
}

// cutDanger draws the bent "cut danger" arrow, to the left when side < 0.
func cutDanger(c Canvas, side float64) {
	x := func(v float64) float64 { return 50 + side*(v-50) }
	line(c, stroke(Black, 10), x(30), 92, x(30), 40, x(64), 24)
	arrowHead(c, Black, 30, x(30), 40, x(90), 12)
}

// roundabout draws the blue roundabout sign, arrows turning clockwise on
// the page when dir < 0, anticlockwise when dir > 0.
func roundabout(c Canvas, dir float64) {
	c.Circle(50, 50, 46, fill(Blue))
	for i := 0; i < 3; i++ {
		a := float64(i) * 120
		a0, a1 := a+15, a+95
		if dir > 0 {
			a0, a1 = a+105, a+25
		}
		p := new(Path).Arc(50, 50, 24, a0, a1)
		c.Path(p, Style{Stroke: White, Width: 8, Cap: ButtCap})
		end := p.Segs[len(p.Segs)-1].Pts
		arrowHead(c, White, 16, end[1].X, end[1].Y, end[2].X+(end[2].X-end[1].X)*0.6, end[2].Y+(end[2].Y-end[1].Y)*0.6)
	}
}

package pdf

import (
	"math"
	"strconv"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// pathScanner reads the numbers and commands of SVG path data.
type pathScanner struct {
	s string
	i int
}

func (sc *pathScanner) skip() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r', ',':
			sc.i++
		default:
			return
		}
	}
}

// command returns the next command letter, if the next token is one.
func (sc *pathScanner) command() (byte, bool) {
	sc.skip()
	if sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') && c != 'e' && c != 'E' {
			sc.i++
			return c, true
		}
	}
	return 0, false
}

// number reads the next number ("-1.5e3", ".5" after ".5").
func (sc *pathScanner) number() (float64, bool) {
	sc.skip()
	start := sc.i
	j := sc.i
	if j < len(sc.s) && (sc.s[j] == '+' || sc.s[j] == '-') {
		j++
	}
	digits, dot := false, false
	for j < len(sc.s) {
		c := sc.s[j]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' && !dot:
			dot = true
		case (c == 'e' || c == 'E') && digits:
			if j+1 < len(sc.s) && (sc.s[j+1] == '-' || sc.s[j+1] == '+') {
				j++
			}
		default:
			goto done
		}
		j++
	}
done:
	if !digits {
		return 0, false
	}
	v, err := strconv.ParseFloat(sc.s[start:j], 64)
	if err != nil {
		return 0, false
	}
	sc.i = j
	return v, true
}

// flag reads an arc flag (0 or 1, which may be written without a
// separator).
func (sc *pathScanner) flag() (bool, bool) {
	sc.skip()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1', true
	}
	return false, false
}

// parsePathData appends SVG path data d (M, L, H, V, C, S, Q, T, A, Z,
// absolute and relative) to p; it stops at the first thing it cannot read,
// as browsers do.
func parsePathData(p *lexicon.Path, d string) {
	sc := pathScanner{s: d}
	var cx, cy, sx, sy float64 // current point, subpath start
	var lcx, lcy float64       // last control point
	var last byte
	cmd := byte(0)
	for {
		if c, ok := sc.command(); ok {
			cmd = c
		} else if cmd == 0 {
			return
		}
		rel := cmd >= 'a'
		up := cmd &^ 0x20
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = cx, cy
		}
		nums := func(n int) ([]float64, bool) {
			v := make([]float64, n)
			for i := range v {
				var ok bool
				if v[i], ok = sc.number(); !ok {
					return nil, false
				}
			}
			return v, true
		}
		switch up {
		case 'Z':
			p.Close()
			cx, cy = sx, sy
			last, cmd = 'Z', 0
			continue
		case 'M', 'L', 'T':
			v, ok := nums(2)
			if !ok {
				return
			}
			x, y := ox+v[0], oy+v[1]
			switch {
			case up == 'M':
				p.MoveTo(x, y)
				sx, sy = x, y
				if rel {
					cmd = 'l'
				} else {
					cmd = 'L'
				}
			case up == 'T':
				qx, qy := cx, cy
				if last == 'Q' || last == 'T' {
					qx, qy = 2*cx-lcx, 2*cy-lcy
				}
				p.QuadTo(qx, qy, x, y)
				lcx, lcy = qx, qy
			default:
				p.LineTo(x, y)
			}
			cx, cy = x, y
		case 'H':
			v, ok := nums(1)
			if !ok {
				return
			}
			cx = ox + v[0]
			if rel {
				cx = ox + v[0]
			}
			p.LineTo(cx, cy)
		case 'V':
			v, ok := nums(1)
			if !ok {
				return
			}
			cy = oy + v[0]
			p.LineTo(cx, cy)
		case 'C':
			v, ok := nums(6)
			if !ok {
				return
			}
			p.CubicTo(ox+v[0], oy+v[1], ox+v[2], oy+v[3], ox+v[4], oy+v[5])
			lcx, lcy = ox+v[2], oy+v[3]
			cx, cy = ox+v[4], oy+v[5]
		case 'S':
			v, ok := nums(4)
			if !ok {
				return
			}
			x1, y1 := cx, cy
			if last == 'C' || last == 'S' {
				x1, y1 = 2*cx-lcx, 2*cy-lcy
			}
			p.CubicTo(x1, y1, ox+v[0], oy+v[1], ox+v[2], oy+v[3])
			lcx, lcy = ox+v[0], oy+v[1]
			cx, cy = ox+v[2], oy+v[3]
		case 'Q':
			v, ok := nums(4)
			if !ok {
				return
			}
			p.QuadTo(ox+v[0], oy+v[1], ox+v[2], oy+v[3])
			lcx, lcy = ox+v[0], oy+v[1]
			cx, cy = ox+v[2], oy+v[3]
		case 'A':
			v, ok := nums(3)
			if !ok {
				return
			}
			large, ok1 := sc.flag()
			sweep, ok2 := sc.flag()
			e, ok3 := nums(2)
			if !ok1 || !ok2 || !ok3 {
				return
			}
			x, y := ox+e[0], oy+e[1]
			arcTo(p, cx, cy, v[0], v[1], v[2], large, sweep, x, y)
			cx, cy = x, y
		default:
			return
		}
		last = up
	}
}

// arcTo appends the SVG elliptical arc from (x0, y0) to (x, y) as line
// segments every 10° at most (SVG 1.1 implementation notes, F.6.5).
func arcTo(p *lexicon.Path, x0, y0, rx, ry, phi float64, large, sweep bool, x, y float64) {
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 || (x0 == x && y0 == y) {
		p.LineTo(x, y)
		return
	}
	sp, cp := math.Sincos(phi * math.Pi / 180)
	dx, dy := (x0-x)/2, (y0-y)/2
	x1 := cp*dx + sp*dy
	y1 := -sp*dx + cp*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cxp, cyp := k*rx*y1/ry, -k*ry*x1/rx
	cx := cp*cxp - sp*cyp + (x0+x)/2
	cy := sp*cxp + cp*cyp + (y0+y)/2
	ang := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := ang(1, 0, (x1-cxp)/rx, (y1-cyp)/ry)
	dt := ang((x1-cxp)/rx, (y1-cyp)/ry, (-x1-cxp)/rx, (-y1-cyp)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt) / (10 * math.Pi / 180)))
	for i := 1; i <= n; i++ {
		t := t1 + dt*float64(i)/float64(n)
		st, ct := math.Sincos(t)
		p.LineTo(cp*rx*ct-sp*ry*st+cx, sp*rx*ct+cp*ry*st+cy)
	}
}

package gen

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// The generator measures lengths itself (flat-earth over segments of tens
// of metres, with geo's radii of curvature), so its lengths do not change
// when geo's algorithms do; only the boxes' CAPs use geo.Bearing, as
// roadbook does. The tests measure the files with geo.
const rad = math.Pi / 180

// segLen returns the length in metres of a short segment (tens of metres)
// on the ellipsoid, by the flat-earth formula at the mid-latitude.
func segLen(a, b orb.Point) float64 {
	kx, ky := geo.MetresPerDegree((a[1] + b[1]) / 2)
	return math.Hypot(kx*(b[0]-a[0]), ky*(b[1]-a[1]))
}

// odometer returns the cumulative length in metres at every vertex.
func odometer(ls orb.LineString) []float64 {
	odo := make([]float64, len(ls))
	for i := 1; i < len(ls); i++ {
		odo[i] = odo[i-1] + segLen(ls[i-1], ls[i])
	}
	return odo
}

// vec is a point or vector in a local plane, metres east (x) and north (y).
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec   { return vec{a.x * k, a.y * k} }
func (a vec) len() float64        { return math.Hypot(a.x, a.y) }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y }
func (a vec) cross(b vec) float64 { return a.x*b.y - a.y*b.x }
func (a vec) left() vec           { return vec{-a.y, a.x} }
func (a vec) unit() vec           { return a.mul(1 / a.len()) }
func polar(bearing, dist float64) vec {
	return vec{math.Sin(bearing * rad), math.Cos(bearing * rad)}.mul(dist)
}

// frame is a plane tangent to the ellipsoid at an origin (geo.Plane), with
// the generator's vectors and the files' rounding.
type frame struct{ geo.Plane }

func newFrame(p orb.Point) frame { return frame{geo.NewPlane(p)} }

func (f frame) xy(p orb.Point) vec {
	x, y := f.XY(p)
	return vec{x, y}
}

// ll returns the position of v rounded to 7 decimals, as the files hold it.
func (f frame) ll(v vec) orb.Point {
	p := f.Point(v.x, v.y)
	return orb.Point{round7(p[0]), round7(p[1])}
}

func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// rng is SplitMix64: a small, fixed generator so the output never depends
// on the standard library's choices.
type rng struct{ s uint64 }

func newRng(seed uint64) *rng { return &rng{s: seed*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019} }

func (r *rng) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a uniform value in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// between returns a uniform value in [a, b).
func (r *rng) between(a, b float64) float64 { return a + (b-a)*r.float() }

// gauss returns an approximately normal value with mean 0 and deviation 1
// (the sum of four uniforms), bounded by ±3.5.
func (r *rng) gauss() float64 {
	return (r.float() + r.float() + r.float() + r.float() - 2) * math.Sqrt(3)
}

// intn returns a uniform integer in [0, n).
func (r *rng) intn(n int) int { return int(r.u64() % uint64(n)) }

// style is how a leg looks.
type style uint8

const (
	road   style = iota // liaison: long straights, gentle curves, towns at the ends
	cross               // special: cross-country, wandering, sharp turns
	street              // short neutralised transfer between sectors
)

// legSpec describes one leg of a stage's route.
type legSpec struct {
	a, b   vec     // ends, in the stage frame
	length float64 // target length in metres
	style  style
	side   float64 // +1: the detour bulges to the left of a→b, -1 to the right
	townA  bool    // the leg starts in a town (street junctions)
	townB  bool    // the leg ends in a town
	seed   uint64
}

// Kinds of control vertices.
const (
	plain    = iota // a bend of the track
	junction        // a junction turn: a roadbook box
	fork            // a fork of 20–40°: no box
)

// control is a vertex of a leg's control polygon before fillets.
type control struct {
	t       float64 // parameter along the coarse curve
	lateral float64 // offset from the coarse curve, metres, scaled when the leg is shortened
	shift   float64 // offset from the coarse curve, metres, never scaled (junction doglegs)
	radius  float64 // fillet radius at this vertex, metres
	kind    int     // plain, junction or fork
	second  bool    // the second vertex of a dogleg
}

// turn is a junction or fork turn of a traced leg.
type turn struct {
	start  int     // index of the fillet's first point (where a crew going straight on leaves)
	apex   int     // index of the fillet's middle point (the roadbook box)
	theta  float64 // turn angle, degrees
	left   bool    // a left turn
	kind   int     // junction or fork
	second bool    // the second turn of a dogleg (the route turns back to its heading)
}

// meander is one sinusoid of the coarse curve's lateral wandering.
type meander struct{ amp, cycles, phase float64 }

// leg holds a leg's random draws, fixed before its length is tuned.
type leg struct {
	spec     legSpec
	controls []control
	meanders []meander
	spacing  float64 // the densified points' largest spacing, metres
}

func newLeg(s legSpec) *leg {
	r := newRng(s.seed)
	l := &leg{spec: s}
	L := s.length
	chord := s.b.sub(s.a).len()
	switch s.style {
	case road:
		l.spacing = 30
		for k := 0; k < 3; k++ {
			wl := r.between(40e3, 140e3)
			l.meanders = append(l.meanders, meander{amp: r.between(600, 2500), cycles: math.Max(chord, 1e3) / wl, phase: r.between(0, 2*math.Pi)})
		}
	case cross:
		l.spacing = 25
		for k := 0; k < 4; k++ {
			wl := r.between(12e3, 60e3)
			l.meanders = append(l.meanders, meander{amp: r.between(800, 4000), cycles: math.Max(chord, 1e3) / wl, phase: r.between(0, 2*math.Pi)})
		}
	case street:
		l.spacing = 25
	}
	const town = 2500.0 // metres of streets at a town end
	// Junctions are doglegs: the route turns by theta onto another track
	// (or road), follows it sideways for d metres, and turns back to its
	// heading. base is the lateral offset the doglegs have built up; it is
	// kept within bounds and brought back to 0 before the leg's end.
	base := 0.0
	t := 0.0
	dogleg := func(theta, d, sign, gap, rmin, rmax float64, kind int) {
		e := d / math.Tan(theta*rad) // along the curve; negative for a hairpin
		t1 := t + (gap+math.Max(0, -e))/L
		t2 := t1 + e/L
		c1 := control{t: t1, lateral: r.gauss() * 30, shift: base, radius: r.between(rmin, rmax), kind: kind}
		base += sign * d
		c2 := control{t: t2, shift: base, radius: r.between(rmin, rmax), kind: kind, second: true}
		l.controls = append(l.controls, c1, c2)
		t = math.Max(t1, t2)
	}
	signFor := func(limit float64) float64 {
		if math.Abs(base) > limit {
			return -math.Copysign(1, base)
		}
		if r.float() < 0.5 {
			return -1
		}
		return 1
	}
	for {
		pos := t * L
		inTown := (s.townA && pos < town) || (s.townB && pos > L-town)
		var c control
		step := 0.0
		switch {
		case inTown || s.style == street:
			step = r.between(180, 450)
			c = control{lateral: r.gauss() * 60, radius: r.between(9, 18), kind: junction}
		case s.style == road:
			step = r.between(4e3, 14e3)
			c = control{lateral: r.gauss() * 250, shift: base, radius: r.between(400, 1500)}
			endZone := L - math.Max(12e3, math.Min(25e3, 0.3*L))
			if s.townB {
				endZone -= town
			}
			if pos > 4e3+town && pos < endZone && r.float() < 0.55 {
				// A road junction: turn onto another road and back.
				dogleg(r.between(60, 100), r.between(400, 1500), signFor(1000), r.between(1e3, 3e3), 25, 60, junction)
			} else if pos >= endZone && base != 0 {
				dogleg(r.between(60, 100), math.Abs(base), -math.Copysign(1, base), r.between(1e3, 3e3), 25, 60, junction)
			}
		default:
			step = r.between(250, 1400)
			c = control{lateral: r.gauss() * 110, shift: base, radius: r.between(15, 70)}
			endZone := L - 9e3
			x := r.float()
			switch {
			case pos < 4000:
			case pos >= endZone:
				if base != 0 && pos < L-3e3 {
					dogleg(r.between(60, 110), math.Abs(base), -math.Copysign(1, base), r.between(250, 700), 8, 15, junction)
				}
			case x < 0.045: // a hairpin
				dogleg(r.between(135, 150), r.between(350, 500), signFor(300), r.between(300, 700), 8, 12, junction)
			case x < 0.36: // a junction
				dogleg(r.between(45, 120), r.between(200, 700), signFor(300), r.between(250, 700), 8, 15, junction)
			case x < 0.5: // a fork: a gentle turn, no box
				dogleg(r.between(20, 40), r.between(150, 400), signFor(300), r.between(250, 700), 20, 40, fork)
			}
			c.shift = base
			// The tracks wander less near the DSS and the ASS.
			if e := math.Min(pos, L-pos) / 5e3; e < 1 {
				c.lateral *= math.Max(0, e) * math.Max(0, e)
			}
		}
		step = math.Min(step, L/6)
		t += step / L
		if t >= 1-0.4*step/L {
			break
		}
		c.t = t
		if s.style == road && !inTown {
			c.shift = base
			// The tracks wander less near the DSS and the ASS.
			if e := math.Min(pos, L-pos) / 5e3; e < 1 {
				c.lateral *= math.Max(0, e) * math.Max(0, e)
			}
		}
		l.controls = append(l.controls, c)
	}
	return l
}

// curve returns the coarse curve at t for the tuning parameter p: for p in
// [-1, 0] the meanders scaled by 1+p and no detour, for p > 0 full meanders
// and a detour of p times the chord.
func (l *leg) curve(t, p float64) vec {
	s := l.spec
	c := s.b.sub(s.a)
	d := c.len()
	u := c.mul(1 / d)
	n := u.left().mul(s.side)
	h, m := 0.0, 1.0
	if p < 0 {
		m = 1 + p
	} else {
		h = p * d
	}
	pt := s.a.add(c.mul(t))
	// The bulge leans back by k; k is smaller for wide detours so the
	// curve always leaves its ends forwards (at 30 % of the chord's pace
	// at least) and never doubles back on itself there.
	k := 0.25
	if p > 0 {
		k = math.Min(k, 0.7/(2*math.Pi*p))
	}
	pt = pt.add(n.mul(h * math.Sin(math.Pi*t))).sub(u.mul(k * h * math.Sin(2*math.Pi*t)))
	// Meanders fade in and out over the first and last 8 km.
	fade := math.Min(1, math.Min(t, 1-t)*s.length/8e3)
	fade = fade * fade * (3 - 2*fade)
	w := 0.0
	for _, mm := range l.meanders {
		w += mm.amp * math.Sin(2*math.Pi*mm.cycles*t+mm.phase)
	}
	return pt.add(n.mul(w * m * fade))
}

// polygon returns the control polygon for p, with each vertex's fillet
// radius and kind.
func (l *leg) polygon(p float64) ([]vec, []float64, []control) {
	m := 1.0
	if p < 0 {
		m = 1 + p
	}
	pts := []vec{l.spec.a}
	rs := []float64{0}
	ks := []control{{}}
	for _, c := range l.controls {
		const dt = 1e-5
		tan := l.curve(c.t+dt, p).sub(l.curve(c.t-dt, p))
		lat := c.lateral*m + c.shift
		pts = append(pts, l.curve(c.t, p).add(tan.unit().left().mul(lat)))
		rs = append(rs, c.radius)
		ks = append(ks, c)
	}
	pts = append(pts, l.spec.b)
	rs = append(rs, 0)
	ks = append(ks, control{})
	return pts, rs, ks
}

// trace returns the densified leg for p, in the stage frame, and its
// junction and fork turns.
func (l *leg) trace(p float64) ([]vec, []turn) {
	pts, rs, ks := l.polygon(p)
	out := []vec{pts[0]}
	var turns []turn
	straight := func(a, b vec) {
		d := b.sub(a).len()
		if d < 1 {
			return
		}
		n := int(math.Ceil(d / l.spacing))
		for k := 1; k <= n; k++ {
			out = append(out, a.add(b.sub(a).mul(float64(k)/float64(n))))
		}
	}
	cur := pts[0]
	for i := 1; i < len(pts)-1; i++ {
		d1, d2 := pts[i].sub(pts[i-1]), pts[i+1].sub(pts[i])
		l1, l2 := d1.len(), d2.len()
		if l1 < 1e-6 || l2 < 1e-6 {
			continue
		}
		u1, u2 := d1.mul(1/l1), d2.mul(1/l2)
		cosT := math.Max(-1, math.Min(1, u1.dot(u2)))
		theta := math.Acos(cosT)
		if theta < 1e-4 {
			straight(cur, pts[i])
			cur = pts[i]
			continue
		}
		if theta > 170*rad {
			theta = 170 * rad
		}
		r := rs[i]
		tl := r * math.Tan(theta/2)
		if lim := 0.45 * math.Min(l1, l2); tl > lim {
			tl = lim
			r = tl / math.Tan(theta/2)
		}
		if r*theta < 2 { // too small a bend for an arc
			straight(cur, pts[i])
			cur = pts[i]
			continue
		}
		s, e := pts[i].sub(u1.mul(tl)), pts[i].add(u2.mul(tl))
		straight(cur, s)
		first := len(out) - 1
		sgn := 1.0
		if u1.cross(u2) < 0 {
			sgn = -1
		}
		center := s.add(u1.left().mul(sgn * r))
		arc := r * theta
		step := math.Min(l.spacing, math.Max(10, r*0.35))
		n := int(math.Ceil(arc / step))
		a0 := s.sub(center)
		for k := 1; k <= n; k++ {
			ang := sgn * theta * float64(k) / float64(n)
			ca, sa := math.Cos(ang), math.Sin(ang)
			out = append(out, center.add(vec{a0.x*ca - a0.y*sa, a0.x*sa + a0.y*ca}))
		}
		cur = out[len(out)-1]
		_ = e
		if c := ks[i]; c.kind != plain {
			turns = append(turns, turn{start: first, apex: first + (n+1)/2, theta: theta / rad, left: sgn > 0, kind: c.kind, second: c.second})
		}
	}
	straight(cur, pts[len(pts)-1])
	out[len(out)-1] = pts[len(pts)-1]
	return out, turns
}

// lengthOf returns the length in metres of the traced leg as the file will
// hold it (positions rounded to 7 decimals).
func lengthOf(f frame, pts []vec) float64 {
	total := 0.0
	prev := f.ll(pts[0])
	for _, v := range pts[1:] {
		p := f.ll(v)
		total += segLen(prev, p)
		prev = p
	}
	return total
}

// build tunes the leg's detour so its length is the target within 5 cm,
// and returns its points and turns.
func (l *leg) build(f frame) ([]vec, []turn, error) {
	target := l.spec.length
	eval := func(p float64) float64 {
		pts, _ := l.trace(p)
		return lengthOf(f, pts) - target
	}
	lo, hi := -1.0, 0.5
	flo := eval(lo)
	if flo > 0 {
		return nil, nil, fmt.Errorf("leg of %.1f km: too short for its ends (%.1f km at least)", target/1e3, (flo+target)/1e3)
	}
	fhi := eval(hi)
	for fhi < 0 {
		lo, flo = hi, fhi
		hi *= 2
		if hi > 64 {
			return nil, nil, fmt.Errorf("leg of %.1f km: cannot be made that long", target/1e3)
		}
		fhi = eval(hi)
	}
	// Illinois regula falsi.
	side := 0
	for it := 0; it < 60; it++ {
		p := (lo*fhi - hi*flo) / (fhi - flo)
		fp := eval(p)
		if math.Abs(fp) < 0.05 {
			pts, turns := l.trace(p)
			return pts, turns, nil
		}
		if fp < 0 {
			lo, flo = p, fp
			if side == -1 {
				fhi /= 2
			}
			side = -1
		} else {
			hi, fhi = p, fp
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
	}
	p := (lo + hi) / 2
	pts, turns := l.trace(p)
	if d := lengthOf(f, pts) - target; math.Abs(d) > 20 {
		return nil, nil, fmt.Errorf("leg of %.1f km: length did not converge (off by %.0f m)", target/1e3, d)
	}
	return pts, turns, nil
}

package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// exactFoot returns the point of the geodesic segment a–b nearest to q and
// its distance from a, by Karney's solutions alone: from a trial point on
// the geodesic, step along it by the along-track component of the
// geodesic to q until the step vanishes.
func exactFoot(q, a, b orb.Point) (orb.Point, float64) {
	l, azi, _ := Inverse(a, b)
	s := 0.0
	for it := 0; it < 100; it++ {
		p, alpha := Direct(a, azi, s)
		d, toQ, _ := Inverse(p, q)
		ns := math.Min(l, math.Max(0, s+d*math.Cos((toQ-alpha)*rad)))
		done := math.Abs(ns-s) < 1e-6
		s = ns
		if done {
			break
		}
	}
	return Destination(a, azi, s), s
}

// walk returns n points from start, each step metres on from the previous
// one, the bearing turning by turn degrees at every step.
func walk(start orb.Point, n int, bearing, turn, step float64) orb.LineString {
	ls := orb.LineString{start}
	for len(ls) < n {
		ls = append(ls, Destination(ls[len(ls)-1], bearing, step))
		bearing += turn
	}
	return ls
}

func TestOdometer(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	// Short track steps, long legs, a crossing of the antimeridian, a
	// repeated point, and a leg near the pole.
	ls := orb.LineString{{179.99, 10}, {-179.995, 10.003}, {-179.995, 10.003}, {-179.5, 11}, {-178, 20}}
	ls = append(ls, walk(orb.Point{38.06, 24.09}, 500, 30, 3, 15)...)
	ls = append(ls, orb.Point{38.5, 24.2}, orb.Point{10, 86}, orb.Point{10.01, 86.001})
	for i := 0; i < 200; i++ {
		last := ls[len(ls)-1]
		ls = append(ls, orb.Point{last[0] + rng.NormFloat64()*0.01, math.Max(-89, math.Min(89, last[1]+rng.NormFloat64()*0.01))})
	}
	want := []float64{0}
	for i := 1; i < len(ls); i++ {
		want = append(want, want[i-1]+Distance(ls[i-1], ls[i]))
	}
	prefix := []float64{-1, -2}
	got := Odometer(ls, prefix)
	if len(got) != len(prefix)+len(ls) || got[0] != -1 || got[1] != -2 {
		t.Fatalf("Odometer(%d points, 2 values) = %d values starting %v; want the 2 values then %d", len(ls), len(got), got[:2], len(ls))
	}
	got = got[2:]
	for i := range ls {
		if math.Abs(got[i]-want[i]) > 1e-6*want[i]+1e-9*float64(i) {
			t.Fatalf("Odometer(...)[%d] = %.6f; want %.6f (summed Karney distances)", i, got[i], want[i])
		}
		if i > 0 && got[i] < got[i-1] {
			t.Fatalf("Odometer(...)[%d] = %v < [%d] = %v; want non-decreasing", i, got[i], i-1, got[i-1])
		}
	}
	total := want[len(want)-1]
	if l := Length(ls); math.Abs(l-total) > 1e-6*total {
		t.Errorf("Length(...) = %.6f; want %.6f", l, total)
	}
	if l := NewPath(ls).Length(); l != got[len(got)-1] {
		t.Errorf("NewPath(...).Length() = %v; want %v", l, got[len(got)-1])
	}
	// Degenerate lines.
	if got := Odometer(nil, nil); len(got) != 0 {
		t.Errorf("Odometer(nil, nil) = %v; want empty", got)
	}
	if got := Odometer(orb.LineString{{1, 2}}, nil); len(got) != 1 || got[0] != 0 {
		t.Errorf("Odometer(one point) = %v; want [0]", got)
	}
	if got := Length(orb.LineString{{1, 2}}); got != 0 {
		t.Errorf("Length(one point) = %v; want 0", got)
	}
	var nilPath *Path
	if got := nilPath.Length(); got != 0 {
		t.Errorf("(*Path)(nil).Length() = %v; want 0", got)
	}
}

// testPath is a path of every kind of segment: short ones, a zero-length
// one, a 5 km and a 30 km leg.
func testPath() *Path {
	ls := walk(orb.Point{38.06, 24.09}, 20, 10, 20, 40)
	last := ls[len(ls)-1]
	ls = append(ls, last) // zero-length segment
	ls = append(ls, Destination(last, 100, 5000))
	ls = append(ls, Destination(ls[len(ls)-1], 150, 30000))
	ls = append(ls, Destination(ls[len(ls)-1], 200, 10))
	return NewPath(ls)
}

func TestPointAt(t *testing.T) {
	p := testPath()
	n := len(p.Line)
	tests := []struct {
		name string
		d    float64
		want orb.Point
	}{
		{"start", 0, p.Line[0]},
		{"before start", -5, p.Line[0]},
		{"NaN", math.NaN(), p.Line[0]},
		{"end", p.Length(), p.Line[n-1]},
		{"beyond end", p.Length() + 100, p.Line[n-1]},
		{"vertex", p.Odo[5], p.Line[5]},
		{"zero-length segment", p.Odo[20], p.Line[20]},
	}
	for _, tc := range tests {
		if got := p.PointAt(tc.d); Distance(got, tc.want) > 1e-6 {
			t.Errorf("%s: PointAt(%v) = %v; want %v", tc.name, tc.d, got, tc.want)
		}
	}
	// Inside segments the point is on the segment's geodesic.
	rng := rand.New(rand.NewPCG(13, 14))
	worst := 0.0
	for k := 0; k < 300; k++ {
		d := rng.Float64() * p.Length()
		i := p.segment(d)
		a, b := p.Line[i], p.Line[i+1]
		frac := (d - p.Odo[i]) / (p.Odo[i+1] - p.Odo[i])
		l, azi, _ := Inverse(a, b)
		want := Destination(a, azi, frac*l)
		got := p.PointAt(d)
		e := Distance(got, want)
		if e > 0.01 {
			t.Errorf("PointAt(%v) = %v; want %v on segment %d (%.3f m off)", d, got, want, i, e)
		}
		worst = math.Max(worst, e)
	}
	t.Logf("max distance from the geodesic point: %.2g m", worst)

	one := NewPath(orb.LineString{{5, 6}})
	for _, d := range []float64{-1, 0, 10} {
		if got := one.PointAt(d); got != (orb.Point{5, 6}) {
			t.Errorf("one-point PointAt(%v) = %v; want [5 6]", d, got)
		}
	}
	var nilPath *Path
	if got := nilPath.PointAt(3); got != (orb.Point{}) {
		t.Errorf("(*Path)(nil).PointAt(3) = %v; want the zero Point", got)
	}
	if got := (&Path{}).PointAt(3); got != (orb.Point{}) {
		t.Errorf("empty PointAt(3) = %v; want the zero Point", got)
	}
}

func TestSlice(t *testing.T) {
	p := testPath()
	total := p.Length()
	tests := []struct {
		name      string
		from, to  float64
		wantLen   float64
		wantVerts int // vertices of the path strictly inside
	}{
		{"whole", 0, total, total, len(p.Line) - 2},
		{"clamped", -100, total + 100, total, len(p.Line) - 2},
		{"swapped", p.Odo[10] + 1, p.Odo[3] - 1, p.Odo[10] - p.Odo[3] + 2, 8},
		{"vertex to vertex", p.Odo[3], p.Odo[10], p.Odo[10] - p.Odo[3], 6},
		{"inside one segment", p.Odo[21] + 100, p.Odo[21] + 2000, 1900, 0},
		{"across the zero-length segment", p.Odo[19] - 1, p.Odo[21] + 1, p.Odo[21] - p.Odo[19] + 2, 3},
		{"empty range", p.Odo[4] + 3, p.Odo[4] + 3, 0, 0},
		{"beyond the end", total + 5, total + 50, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := p.Slice(tc.from, tc.to)
			if len(got) != tc.wantVerts+2 {
				t.Fatalf("Slice(%v, %v) has %d points; want %d", tc.from, tc.to, len(got), tc.wantVerts+2)
			}
			lo, hi := math.Min(tc.from, tc.to), math.Max(tc.from, tc.to)
			if Distance(got[0], p.PointAt(lo)) > 1e-9 || Distance(got[len(got)-1], p.PointAt(hi)) > 1e-9 {
				t.Errorf("Slice(%v, %v) ends = %v, %v; want %v, %v", tc.from, tc.to, got[0], got[len(got)-1], p.PointAt(lo), p.PointAt(hi))
			}
			if l := Length(got); math.Abs(l-tc.wantLen) > 1e-6*tc.wantLen+1e-6 {
				t.Errorf("Length(Slice(%v, %v)) = %.6f; want %.6f", tc.from, tc.to, l, tc.wantLen)
			}
		})
	}
	one := NewPath(orb.LineString{{5, 6}})
	if got := one.Slice(0, 10); len(got) != 2 || got[0] != one.Line[0] || got[1] != one.Line[0] {
		t.Errorf("one-point Slice(0, 10) = %v; want its point twice", got)
	}
	if got := (*Path)(nil).Slice(0, 10); got != nil {
		t.Errorf("(*Path)(nil).Slice(0, 10) = %v; want nil", got)
	}
}

func TestBearingAt(t *testing.T) {
	a := orb.Point{45, 24}
	b := Destination(a, 0, 1000)   // due north
	c := Destination(b, 90, 30000) // east, a long leg
	p := NewPath(orb.LineString{a, b, c, c})
	_, _, arrive := Inverse(b, c)
	_, mid := Direct(b, 90, 15000)
	tests := []struct {
		name string
		d    float64
		want float64
	}{
		{"start", 0, 0},
		{"before start", -10, 0},
		{"first segment", 500, 0},
		{"at the vertex: the segment leaving it", p.Odo[1], 90},
		{"middle of the long leg", p.Odo[1] + 15000, mid},
		{"end: arrival, past the zero-length segment", p.Length(), arrive},
		{"beyond the end", p.Length() + 1e6, arrive},
	}
	for _, tc := range tests {
		if got := p.BearingAt(tc.d); angleDiff(got, tc.want) > 1e-9 {
			t.Errorf("%s: BearingAt(%v) = %.9f; want %.9f", tc.name, tc.d, got, tc.want)
		}
	}
	if mid-90 < 0.01 {
		t.Errorf("bearing at the middle of a 30 km eastward geodesic at 24°N = %v; want it turned right of 90 by the meridian convergence", mid)
	}
	if got := NewPath(orb.LineString{a}).BearingAt(0); got != 0 {
		t.Errorf("one-point BearingAt(0) = %v; want 0", got)
	}
	if got := NewPath(orb.LineString{a, a}).BearingAt(0); got != 0 {
		t.Errorf("zero-length BearingAt(0) = %v; want 0", got)
	}
}

func TestProjectSide(t *testing.T) {
	a := orb.Point{45, 24}
	north := NewPath(orb.LineString{a, Destination(a, 0, 2000)})
	east := NewPath(orb.LineString{a, Destination(a, 90, 2000)})
	tests := []struct {
		name      string
		p         *Path
		q         orb.Point
		wantOff   float64
		wantAlong float64
	}{
		{"east of a northward path is right", north, Destination(Destination(a, 0, 700), 90, 40), 40, 700},
		{"west of a northward path is left", north, Destination(Destination(a, 0, 700), 270, 40), -40, 700},
		{"south of an eastward path is right", east, Destination(Destination(a, 90, 1200), 180, 25), 25, 1200},
		{"north of an eastward path is left", east, Destination(Destination(a, 90, 1200), 0, 25), -25, 1200},
		{"before the start", north, Destination(a, 180, 300), 300, 0},
		{"beyond the end", north, Destination(a, 0, 2500), 500, 2000},
		{"on the path", north, Destination(a, 0, 1000), 0, 1000},
	}
	for _, tc := range tests {
		got := tc.p.Project(tc.q)
		if math.Abs(got.Offset-tc.wantOff) > 0.01 || math.Abs(got.Along-tc.wantAlong) > 0.01 {
			t.Errorf("%s: Project(%v) = %+v; want Offset %v, Along %v", tc.name, tc.q, got, tc.wantOff, tc.wantAlong)
		}
		if got.Distance() != math.Abs(got.Offset) {
			t.Errorf("%s: Distance() = %v; want |Offset| %v", tc.name, got.Distance(), math.Abs(got.Offset))
		}
	}
	one := NewPath(orb.LineString{a})
	q := Destination(a, 45, 123)
	if got := one.Project(q); got.Segment != 0 || got.Along != 0 || math.Abs(got.Offset-123) > 1e-6 || got.Point != a {
		t.Errorf("one-point Project(%v) = %+v; want its point, 123 m", q, got)
	}
	for _, empty := range []*Path{nil, {}} {
		if got := empty.Project(q); got.Segment != -1 || !math.IsInf(got.Offset, 1) {
			t.Errorf("empty Project(%v) = %+v; want Segment -1, Offset +Inf", q, got)
		}
		if got := empty.ProjectForward(q, 0, 100); got.Segment != -1 {
			t.Errorf("empty ProjectForward(%v) = %+v; want Segment -1", q, got)
		}
	}
}

func TestProjectForward(t *testing.T) {
	start := orb.Point{46.6, 24.7}
	// Out and back: 3 km east, then back west 20 m to the south.
	far := Destination(start, 90, 3000)
	back := Destination(far, 180, 20)
	outBack := NewPath(orb.LineString{start, far, back, Destination(back, 270, 3000)})
	// A loop: a 2 km square, closed, ridden twice.
	sq := orb.LineString{start}
	for _, b := range []float64{0, 90, 180, 270, 0, 90, 180, 270} {
		sq = append(sq, Destination(sq[len(sq)-1], b, 2000))
	}
	loop := NewPath(sq)

	q1 := Destination(Destination(start, 90, 1000), 0, 5)   // beside the way out
	q2 := Destination(Destination(start, 0, 1000), 270, 10) // beside the first side of the loop
	tests := []struct {
		name         string
		p            *Path
		q            orb.Point
		from, window float64
		wantAlong    float64
	}{
		{"out: first pass", outBack, q1, 0, 1500, 1000},
		{"back: second pass", outBack, q1, 4000, 2000, 3000 + 20 + 2000},
		{"loop: first lap", loop, q2, 0, 3000, 1000},
		{"loop: second lap", loop, q2, 8000 - 100, 3000, 8000 + 1000},
		{"window ends short of the pass: its end", loop, q2, 8000 - 100, 500, 8000 + 400},
		{"from beyond the end", loop, q2, 1e9, 100, 16000},
	}
	for _, tc := range tests {
		got := tc.p.ProjectForward(tc.q, tc.from, tc.window)
		if math.Abs(got.Along-tc.wantAlong) > 0.5 {
			t.Errorf("%s: ProjectForward(%v, %v, %v).Along = %.2f; want %.2f", tc.name, tc.q, tc.from, tc.window, got.Along, tc.wantAlong)
		}
		lo, hi := math.Min(tc.from, tc.p.Length()), math.Min(tc.from+tc.window, tc.p.Length())
		if got.Along < lo-1e-9 || got.Along > hi+1e-9 {
			t.Errorf("%s: ProjectForward(%v, %v, %v).Along = %v; want within [%v, %v]", tc.name, tc.q, tc.from, tc.window, got.Along, lo, hi)
		}
		if d := Distance(got.Point, tc.p.PointAt(got.Along)); d > 0.01 {
			t.Errorf("%s: ProjectForward(...).Point is %.3f m from PointAt(Along)", tc.name, d)
		}
	}
	// The global projection takes the nearest pass, whichever it is.
	if got := outBack.Project(q1); math.Abs(got.Along-1000) > 0.5 {
		t.Errorf("Project(%v).Along = %.2f; want 1000 (the nearer, outward pass)", q1, got.Along)
	}
}

// TestProjectPrecision compares the projection with the exact nearest point
// of the geodesic segment, on random segments of 1 to 5 km (and legs of 20
// to 100 km) at latitudes up to 80°, with positions up to 2 km off.
func TestProjectPrecision(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, tc := range []struct {
		name       string
		minL, maxL float64
		tol        float64
	}{
		{"segments of 1–5 km", 1000, 5000, 0.2},
		{"legs of 20–100 km", 20000, 100000, 0.2},
	} {
		worstFoot, worstOff, worstAlong := 0.0, 0.0, 0.0
		for k := 0; k < 300; k++ {
			a := orb.Point{rng.Float64()*360 - 180, (2*rng.Float64() - 1) * 80}
			l := tc.minL + rng.Float64()*(tc.maxL-tc.minL)
			b := Destination(a, rng.Float64()*360, l)
			q := Destination(Destination(a, Bearing(a, b), rng.Float64()*l*1.1-0.05*l), rng.Float64()*360, rng.Float64()*2000)
			p := NewPath(orb.LineString{a, b})
			got := p.Project(q)
			foot, along := exactFoot(q, a, b)
			ef := Distance(got.Point, foot)
			eo := math.Abs(got.Distance() - Distance(q, foot))
			ea := math.Abs(got.Along - along*p.Length()/Distance(a, b))
			if ef > tc.tol || eo > tc.tol || ea > tc.tol {
				t.Errorf("%s: Project(%v) on %v–%v = %+v; want foot %v at %.3f m, %.3f m off (errors %.3f, %.3f, %.3f m)",
					tc.name, q, a, b, got, foot, along, Distance(q, foot), ef, eo, ea)
			}
			worstFoot, worstOff, worstAlong = math.Max(worstFoot, ef), math.Max(worstOff, eo), math.Max(worstAlong, ea)
		}
		t.Logf("%s: max errors: foot %.2g m, offset %.2g m, along %.2g m", tc.name, worstFoot, worstOff, worstAlong)
	}
}

// TestProjectPruning checks that skipping far segments by their lower bound
// never changes the answer: Project against every segment measured.
func TestProjectPruning(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	p := NewPath(walk(orb.Point{44.8, 20.5}, 3000, 0, 7, 100))
	for k := 0; k < 100; k++ {
		v := p.Line[rng.IntN(len(p.Line))]
		spread := []float64{0.01, 0.3, 3, 30}[k%4] // degrees
		q := orb.Point{v[0] + rng.NormFloat64()*spread, math.Max(-89, math.Min(89, v[1]+rng.NormFloat64()*spread))}
		got := p.Project(q)
		best, bestD2 := -1, math.Inf(1)
		for i := 0; i+1 < len(p.Line); i++ {
			if _, _, d2, _ := projectSegment(q, p.Line[i], p.Line[i+1]); d2 < bestD2 {
				best, bestD2 = i, d2
			}
		}
		if got.Segment != best {
			t.Errorf("Project(%v).Segment = %d; want %d (every segment measured)", q, got.Segment, best)
		}
	}
}

// TestPathOddInput calls every method on paths and positions that are not
// well formed: nothing may panic, and the results stay within the path.
func TestPathOddInput(t *testing.T) {
	nan := math.NaN()
	good := NewPath(walk(orb.Point{45, 24}, 10, 0, 30, 100))
	paths := map[string]*Path{
		"nil":              nil,
		"zero":             {},
		"line without odo": {Line: good.Line},
		"short odo":        {Line: good.Line, Odo: good.Odo[:4]},
		"NaN vertex":       NewPath(orb.LineString{{45, 24}, {nan, 24}, {45.01, 24}}),
		"all one point":    NewPath(orb.LineString{{45, 24}, {45, 24}, {45, 24}}),
		"pole":             NewPath(orb.LineString{{0, 89.9}, {0, 90}, {180, 89.9}}),
		"antimeridian":     NewPath(orb.LineString{{179.999, 0}, {-179.999, 0.001}}),
	}
	qs := []orb.Point{{45, 24}, {nan, 24}, {45, nan}, {0, 95}, {math.Inf(1), 0}, {-135, -24}}
	ds := []float64{nan, math.Inf(-1), -1, 0, 50, 1e12, math.Inf(1)}
	for name, p := range paths {
		for _, d := range ds {
			p.PointAt(d)
			p.BearingAt(d)
			p.Slice(d, 100)
			for _, q := range qs {
				for _, w := range ds {
					pr := p.ProjectForward(q, d, w)
					if n := p.len(); n > 0 && (pr.Segment < 0 || pr.Segment > max(0, n-2)) {
						t.Errorf("%s: ProjectForward(%v, %v, %v).Segment = %d; want a segment of the path", name, q, d, w, pr.Segment)
					}
				}
				p.Project(q)
			}
		}
		if l := p.Length(); l < 0 || math.IsInf(l, 0) {
			t.Errorf("%s: Length() = %v", name, l)
		}
	}
}

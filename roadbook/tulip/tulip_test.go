package tulip

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// polyline returns the points of a path in metres that starts at start,
// heading h0 (degrees clockwise from up), and follows legs of (turn, length):
// turn the heading by turn degrees, then go length metres in 5 m steps.
func polyline(start Vec, h0 float64, legs ...[2]float64) []Vec {
	pts := []Vec{start}
	h := h0
	p := start
	for _, l := range legs {
		h += l[0]
		for d := 0.0; d < l[1]; d += 5 {
			step := math.Min(5, l[1]-d)
			s, c := math.Sincos(h * math.Pi / 180)
			p = Vec{p.X + s*step, p.Y + c*step}
			pts = append(pts, p)
		}
	}
	return pts
}

func TestRouteExitAngle(t *testing.T) {
	in := polyline(Vec{0, -60}, 0, [2]float64{0, 60}) // arrive moving up
	tests := []struct {
		name  string
		out   []Vec
		want  float64
		arrow bool
	}{
		{"right angle right", polyline(Vec{}, 90, [2]float64{0, 80}), 90, true},
		{"right angle left", polyline(Vec{}, -90, [2]float64{0, 80}), -90, true},
		{"straight on", polyline(Vec{}, 0, [2]float64{0, 80}), 0, true},
		{"hairpin right", polyline(Vec{}, 90, [2]float64{0, 10}, [2]float64{80, 60}), 170, true},
		{"fork keep left", polyline(Vec{}, -30, [2]float64{0, 80}), -30, true},
		{"end of the route", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Route(in, tt.out, Options{})
			got, ok := d.ExitAngle()
			if ok != tt.arrow {
				t.Fatalf("Route(%s).ExitAngle() ok = %v; want %v", tt.name, ok, tt.arrow)
			}
			if ok && math.Abs(got-tt.want) > 2 {
				t.Errorf("Route(%s).ExitAngle() = %.2f; want %.0f ± 2", tt.name, got, tt.want)
			}
			// The dot is at the bottom, where the crew arrives.
			if math.Abs(d.Dot.X-0.5) > 1e-9 || math.Abs(d.Dot.Y-0.1) > 1e-9 {
				t.Errorf("Route(%s).Dot = %v; want {0.5 0.1}", tt.name, d.Dot)
			}
			for _, s := range d.Strokes {
				for _, p := range s.Points {
					if p.X < 0.1-1e-9 || p.X > 0.9+1e-9 || p.Y < 0.1-1e-9 || p.Y > 0.9+1e-9 {
						t.Errorf("Route(%s): point %v outside the drawn area [0.1, 0.9]²", tt.name, p)
					}
				}
			}
		})
	}
}

func TestRouteStraightStub(t *testing.T) {
	in := polyline(Vec{0, -60}, 0, [2]float64{0, 60})
	out := polyline(Vec{}, 90, [2]float64{0, 80})
	d := Route(in, out, Options{Straight: true})
	if len(d.Strokes) != 2 || d.Strokes[0].Style != Dashed || d.Strokes[1].Style != Solid {
		t.Fatalf("Route(Straight).Strokes = %+v; want a dashed stub then the solid route", d.Strokes)
	}
	stub := d.Strokes[0].Points
	if stub[0] != (Vec{0.5, 0.5}) || stub[1].X != 0.5 || stub[1].Y <= 0.5 {
		t.Errorf("Route(Straight) stub = %v; want from the centre straight up", stub)
	}
	if d := Route(in, out, Options{}); len(d.Strokes) != 1 {
		t.Errorf("Route(no Straight) has %d strokes; want 1", len(d.Strokes))
	}
}

func TestRouteEmpty(t *testing.T) {
	d := Route(nil, nil, Options{})
	if len(d.Strokes) != 0 || d.Dot != (Vec{0.5, 0.5}) {
		t.Errorf("Route(nil, nil) = %+v; want only the dot at the centre", d)
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, d, 64); err != nil {
		t.Fatal(err)
	}
}

func TestWriteSVGGolden(t *testing.T) {
	in := polyline(Vec{0, -60}, 0, [2]float64{0, 60})
	out := polyline(Vec{}, 90, [2]float64{0, 80})
	tests := []struct {
		name string
		d    *Drawing
	}{
		{"right-turn", Route(in, out, Options{Straight: true})},
		{"styles", &Drawing{
			Strokes: []Stroke{
				{Points: []Vec{{0.1, 0.5}, {0.9, 0.5}}, Style: Double, Width: 0.06},
				{Points: []Vec{{0.5, 0.5}, {0.8, 0.8}}, Style: Thin},
				{Points: []Vec{{0.5, 0.5}, {0.2, 0.8}}, Style: Dashed},
				{Points: []Vec{{0.5, 0.1}, {0.5, 0.9}}, Arrow: true},
			},
			Dot: Vec{0.5, 0.1}, DotRadius: 0.04,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSVG(&buf, tt.d, 100); err != nil {
				t.Fatalf("WriteSVG: %v", err)
			}
			golden := filepath.Join("testdata", tt.name+".svg")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("WriteSVG(%s) differs from %s:\n%s", tt.name, golden, buf.String())
			}
			// Writing again gives the same bytes.
			var again bytes.Buffer
			WriteSVG(&again, tt.d, 100)
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Errorf("WriteSVG(%s) is not deterministic", tt.name)
			}
		})
	}
}

func TestWriteSVGErrors(t *testing.T) {
	for _, size := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if err := WriteSVG(&bytes.Buffer{}, &Drawing{}, size); err == nil || !strings.HasPrefix(err.Error(), "tulip: ") {
			t.Errorf("WriteSVG(size %v) = %v; want a tulip: error", size, err)
		}
	}
	// NaN coordinates do not leak into the document.
	var buf bytes.Buffer
	d := &Drawing{Strokes: []Stroke{{Points: []Vec{{math.NaN(), 0}, {1, math.Inf(1)}}, Arrow: true}}}
	if err := WriteSVG(&buf, d, 10); err != nil || strings.Contains(buf.String(), "NaN") || strings.Contains(buf.String(), "Inf") {
		t.Errorf("WriteSVG(NaN points) = %v, %q; want no NaN or Inf", err, buf.String())
	}
	if err := WriteSVG(failWriter{}, &Drawing{}, 10); err == nil {
		t.Errorf("WriteSVG(failing writer) = nil; want an error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// TestRouteOthers: other tracks are drawn thin under the route, clipped to
// the circle: a road crossing the junction, one passing twice through the
// circle, one outside it.
func TestRouteOthers(t *testing.T) {
	in := polyline(Vec{0, -60}, 0, [2]float64{0, 60})
	out := polyline(Vec{}, 90, [2]float64{0, 80})
	cross := []Vec{{-100, 0}, {100, 0}}                                        // through the junction, 2 points only
	wiggle := []Vec{{-60, 30}, {0, 30}, {0, 70}, {30, 70}, {30, 20}, {60, 20}} // in, out, in again
	far := []Vec{{-100, 80}, {100, 80}}
	d := Route(in, out, Options{Others: []Other{{Points: cross, Style: Thin}, {Points: wiggle, Style: Thin}, {Points: far, Style: Thin}, {Points: far, Style: Double}}, Straight: true})
	var thin [][]Vec
	for _, s := range d.Strokes {
		if s.Style == Thin {
			thin = append(thin, s.Points)
			if s.Width != OtherWidth || s.Arrow {
				t.Errorf("other track stroke %+v; want width %v, no arrow", s, OtherWidth)
			}
		}
	}
	if len(thin) != 3 {
		t.Fatalf("%d thin strokes %v; want 3 (the crossing road, the wiggle twice)", len(thin), thin)
	}
	// The crossing road ends on the circle, 0.4 from the centre.
	if c := thin[0]; len(c) != 2 || math.Abs(c[0].X-0.1) > 1e-9 || math.Abs(c[1].X-0.9) > 1e-9 || c[0].Y != 0.5 {
		t.Errorf("crossing road drawn %v; want from (0.1, 0.5) to (0.9, 0.5)", c)
	}
	for _, s := range thin {
		for _, p := range s {
			if math.Hypot(p.X-0.5, p.Y-0.5) > 0.4+1e-9 {
				t.Errorf("point %v outside the circle", p)
			}
		}
	}
	// A tarmac road is drawn double and wider.
	tarmac := Route(in, out, Options{Others: []Other{{Points: cross, Style: Double}}})
	if s := tarmac.Strokes[0]; s.Style != Double || s.Width != OtherTarmacWidth {
		t.Errorf("tarmac track drawn %+v; want Double, width %v", s, OtherTarmacWidth)
	}
	// Other tracks come first (drawn under), the route last.
	if last := d.Strokes[len(d.Strokes)-1]; last.Style != Solid || !last.Arrow || d.Strokes[0].Style != Thin {
		t.Errorf("stroke order %+v; want the others first and the route last", d.Strokes)
	}
}

// TestSurfaces: every track is drawn by its surface (tarmac an open double
// line, piste solid, small track thin, off-piste dashed), the route's legs
// too; surfaces read and print by name.
func TestSurfaces(t *testing.T) {
	in := polyline(Vec{0, -60}, 0, [2]float64{0, 60})
	out := polyline(Vec{}, 90, [2]float64{0, 80})
	cross := []Vec{{-100, 0}, {100, 0}}
	for _, tt := range []struct {
		s    Surface
		want Style
	}{{Tarmac, Double}, {Piste, Solid}, {SmallTrack, Thin}, {OffPiste, Dashed}} {
		d := Route(in, out, Options{Others: []Other{{Points: cross, Surface: tt.s}}, EntrySurface: Piste, ExitSurface: tt.s})
		if o := d.Strokes[0]; o.Style != tt.want || o.Surface != tt.s {
			t.Errorf("other track on %v drawn %v (surface %v); want %v", tt.s, o.Style, o.Surface, tt.want)
		}
		exit := d.Strokes[len(d.Strokes)-1]
		if exit.Style != tt.want || !exit.Arrow || exit.Surface != tt.s {
			t.Errorf("exit leg on %v drawn %v, arrow %v; want %v with the arrow", tt.s, exit.Style, exit.Arrow, tt.want)
		}
		if tt.s != Piste {
			entry := d.Strokes[len(d.Strokes)-2]
			if entry.Style != Solid || entry.Arrow || entry.Points[0] != d.Dot {
				t.Errorf("entry leg on piste drawn %v, arrow %v, from %v; want solid from the dot", entry.Style, entry.Arrow, entry.Points[0])
			}
		}
		back, err := ParseSurface(tt.s.String())
		if err != nil || back != tt.s {
			t.Errorf("ParseSurface(%q) = %v, %v", tt.s.String(), back, err)
		}
	}
	if _, err := ParseSurface("ice"); err == nil {
		t.Errorf("ParseSurface(ice) = nil error")
	}
}

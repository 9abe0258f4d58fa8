package pdf

import (
	"math"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestArrowHead checks the arrow head on the exit of a tulip: its tip is
// the line's end, it points along the line's last head-length (not along a
// short last wiggle), and the shortened line stops inside it.
func TestArrowHead(t *testing.T) {
	tests := []struct {
		name  string
		pts   []fpdf.PointType
		width float64
		want  float64 // direction of the head, degrees, 0 = up the page (−y), clockwise; ±5°
	}{
		{"straight up", []fpdf.PointType{{X: 0, Y: 30}, {X: 0, Y: 0}}, 1.5, 0},
		{"right", []fpdf.PointType{{X: 0, Y: 0}, {X: 30, Y: 0}}, 1.5, 90},
		{"wiggle at the end", []fpdf.PointType{{X: 0, Y: 30}, {X: 0, Y: 0.3}, {X: 0.3, Y: 0}}, 1.5, 0},
		{"bend", []fpdf.PointType{{X: 0, Y: 30}, {X: 0, Y: 10}, {X: -20, Y: 10}}, 1.5, 270},
		{"shorter than the head", []fpdf.PointType{{X: 0, Y: 1}, {X: 0, Y: 0}}, 1.5, 0},
		{"wide tarmac", []fpdf.PointType{{X: 0, Y: 30}, {X: 0, Y: 0}}, 3, 0},
	}
	const side = 33.0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, head := arrowHead(tt.pts, tt.width, side)
			tip := tt.pts[len(tt.pts)-1]
			if head[0] != tip {
				t.Errorf("arrowHead(%v): tip %v; want %v", tt.pts, head[0], tip)
			}
			mid := fpdf.PointType{X: (head[1].X + head[2].X) / 2, Y: (head[1].Y + head[2].Y) / 2}
			length := math.Hypot(tip.X-mid.X, tip.Y-mid.Y)
			if length < 2.4-1e-9 || length > math.Max(0.15*side, 2.4)+1e-9 {
				t.Errorf("arrowHead(%v): head %.2f mm long; want 2.4 to %.2f", tt.pts, length, 0.15*side)
			}
			dir := math.Mod(math.Atan2(tip.X-mid.X, mid.Y-tip.Y)*180/math.Pi+360, 360)
			if d := math.Abs(math.Mod(dir-tt.want+540, 360) - 180); d > 5 {
				t.Errorf("arrowHead(%v): head points %.1f°; want %.0f°", tt.pts, dir, tt.want)
			}
			// The line ends 0.7 head-lengths back along it (inside the
			// head), or at its start when shorter.
			end := line[len(line)-1]
			if got := math.Hypot(end.X-tip.X, end.Y-tip.Y); got > 0.7*length+1e-9 {
				t.Errorf("arrowHead(%v): line ends %.2f mm from the tip; want at most %.2f", tt.pts, got, 0.7*length)
			}
			if got := math.Hypot(end.X-mid.X, end.Y-mid.Y); got > length {
				t.Errorf("arrowHead(%v): line ends %.2f mm from the head's base; want inside the head", tt.pts, got)
			}
		})
	}
}

func TestCutBack(t *testing.T) {
	pts := []fpdf.PointType{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 1}}
	tests := []struct {
		d    float64
		want []fpdf.PointType
	}{
		{0.5, []fpdf.PointType{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 0.5}}},
		{3, []fpdf.PointType{{X: 0, Y: 0}, {X: 8, Y: 0}}},
		{20, []fpdf.PointType{{X: 0, Y: 0}, {X: 0, Y: 0}}},
	}
	for _, tt := range tests {
		got := cutBack(pts, tt.d)
		ok := len(got) == len(tt.want)
		for i := range got {
			if ok && math.Hypot(got[i].X-tt.want[i].X, got[i].Y-tt.want[i].Y) > 1e-9 {
				ok = false
			}
		}
		if !ok {
			t.Errorf("cutBack(%v, %v) = %v; want %v", pts, tt.d, got, tt.want)
		}
	}
}

// TestLabels places many labels at one point and along a line: no two
// overlap, none leaves the frame, and labels avoid the line while there is
// room elsewhere.
func TestLabels(t *testing.T) {
	f := fpdf.New("P", "mm", "A5", "")
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.SetFont(family, "B", 6)
	f.AddPage()
	l := &labels{box: [4]float64{10, 10, 110, 110}}
	l.addLine([]fpdf.PointType{{X: 10, Y: 60}, {X: 110, Y: 60}}, 1)
	placed := 0
	for i := 0; i < 20; i++ {
		if l.place(f, "WPM 12", 60, 60, 2) {
			placed++
		}
	}
	if placed == 0 || placed > 8 {
		t.Errorf("place at one point 20 times: %d placed; want 1 to 8", placed)
	}
	for i, a := range l.taken {
		if a[0] < 10 || a[1] < 10 || a[2] > 110 || a[3] > 110 {
			t.Errorf("label %d at %v: outside the frame", i, a)
		}
		for j, b := range l.taken[:i] {
			if overlaps(a, b) {
				t.Errorf("labels %d %v and %d %v overlap", j, b, i, a)
			}
		}
	}
	// The first label is off the line (y 60 ± 0.7), the line being avoidable.
	if a := l.taken[0]; a[1] < 60.7 && a[3] > 59.3 {
		t.Errorf("first label %v crosses the line at y = 60", a)
	}
}

package roadbook

import (
	"fmt"
	"math"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestTulipExitBeforeNextBend draws junctions followed closely by a bend
// the other way (a dogleg, as Stage 12's box 192 of the example: right
// 88°, then left 84° 45 m later): the exit arrow points along the road
// between the two, not into the next bend, wherever the bend starts about
// the tulip's 50 m radius.
func TestTulipExitBeforeNextBend(t *testing.T) {
	for _, turn := range []float64{60, 90, 120} {
		for _, gap := range []float64{25, 35, 42, 45, 48, 50, 52, 55, 60, 70} {
			for _, back := range []float64{-40, -84} {
				name := fmt.Sprintf("turn %v, bend %v after %v m", turn, back, gap)
				t.Run(name, func(t *testing.T) {
					sy := makeRoute(yanbu, 285, 10, leg{0, 0, 500}, leg{turn, 10, gap}, leg{back, 10, 400})
					g := newGeom(sy.path)
					d := g.tulip(sy.apex[1], Options{}.withDefaults(), true, math.Inf(1), math.Inf(1))
					got, ok := d.ExitAngle()
					if !ok || math.Abs(got-turn) > 6 {
						t.Errorf("tulip(%s).ExitAngle() = %.1f, %v; want %v ± 6", name, got, ok, turn)
					}
				})
			}
		}
	}
}

// TestKeptBoxWholeTurn: a box the file gives without notes, at a junction
// whose curve is spread over the turn window, gets the note of the whole
// turn (as built boxes do), not of its chords.
func TestKeptBoxWholeTurn(t *testing.T) {
	sy := makeRoute(yanbu, 0, 5, leg{0, 0, 800}, leg{134, 60, 800})
	w := place(sy.path, sy.apex[1], route.WPM)
	w.Distance, w.HasDistance = sy.apex[1]/1000, true
	rb := Build(stage(sy.path, w), Options{})
	if !rb.Kept || len(rb.Boxes) != 1 {
		t.Fatalf("Build: kept %v, %d boxes; want the file's one box", rb.Kept, len(rb.Boxes))
	}
	b := rb.Boxes[0]
	if math.Abs(b.Turn-134) > 4 || b.Notes != TurnNote(b.Turn) {
		t.Errorf("box Turn = %.1f, Notes %q; want 134 ± 4 and its note", b.Turn, b.Notes)
	}
}

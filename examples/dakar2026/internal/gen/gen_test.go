package gen

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestSplitMix64 checks the generator against SplitMix64's reference
// output for state 0 (Vigna's splitmix64.c).
func TestSplitMix64(t *testing.T) {
	r := &rng{}
	for i, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := r.u64(); got != want {
			t.Errorf("u64() #%d = %#x; want %#x", i+1, got, want)
		}
	}
}

func TestLegLength(t *testing.T) {
	f := newFrame(orb.Point{45, 23})
	tests := []struct {
		name   string
		spec   legSpec
		maxGap float64
	}{
		{"road, nearly straight", legSpec{b: vec{0, 100e3}, length: 112e3, style: road, side: 1, townA: true, seed: 1}, 30},
		{"road, big detour", legSpec{b: vec{40e3, 0}, length: 150e3, style: road, side: -1, townB: true, seed: 2}, 30},
		{"special", legSpec{b: vec{60e3, 60e3}, length: 300e3, style: cross, side: 1, seed: 3}, 25},
		{"special, tight", legSpec{b: vec{0, 20e3}, length: 23e3, style: cross, side: 1, seed: 4}, 25},
		{"transfer", legSpec{b: vec{2e3, 2e3}, length: 4e3, style: street, side: 1, seed: 5}, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts, _, err := newLeg(tt.spec).build(f)
			if err != nil {
				t.Fatalf("build(%s) = %v", tt.name, err)
			}
			if got := lengthOf(f, pts); math.Abs(got-tt.spec.length) > 0.05 {
				t.Errorf("build(%s) length = %.3f m; want %.0f ± 0.05", tt.name, got, tt.spec.length)
			}
			if pts[0] != tt.spec.a || pts[len(pts)-1] != tt.spec.b {
				t.Errorf("build(%s) runs %v to %v; want %v to %v", tt.name, pts[0], pts[len(pts)-1], tt.spec.a, tt.spec.b)
			}
			for i := 1; i < len(pts); i++ {
				if d := pts[i].sub(pts[i-1]).len(); d > tt.maxGap+0.01 || d < 0.5 {
					t.Fatalf("build(%s) points %d and %d are %.2f m apart; want 0.5 to %.0f", tt.name, i-1, i, d, tt.maxGap)
				}
			}
		})
	}
}

func TestLegImpossible(t *testing.T) {
	f := newFrame(orb.Point{45, 23})
	_, _, err := newLeg(legSpec{b: vec{0, 50e3}, length: 40e3, style: road, side: 1, seed: 1}).build(f)
	if err == nil || !strings.Contains(err.Error(), "too short for its ends") {
		t.Errorf("build(40 km between points 50 km apart) = %v; want too short", err)
	}
}

func TestThousands(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {999.4, "999"}, {999.6, "1,000"}, {8001, "8,001"}, {1234567, "1,234,567"}, {-4840, "-4,840"}} {
		if got := thousands(tt.v); got != tt.want {
			t.Errorf("thousands(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

func ExampleGenerate() {
	files, ms, err := Generate()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(files), "files:", files[0].Name, "…", files[len(files)-1].Name)
	m := ms[len(ms)-1]
	fmt.Printf("%s: liaison %.1f km (%.1f neutralised), special %.1f km\n", m.Name, m.LiaisonKm, m.NeutralKm, m.SpecialKm)
	// Output:
	// 19 files: 00-prologue.gpx … README.md
	// Stage 13: liaison 36.0 km (4.0 neutralised), special 105.0 km
}

// TestJunctionBoxes checks, over every stage, that each junction turn of
// 45° or more has a box at its apex whose notes begin with the turn as
// the geometry draws it (a control there included), unless another
// turn's box is within 80 m.
func TestJunctionBoxes(t *testing.T) {
	for i := range plan {
		b, err := buildStage(&plan[i])
		if err != nil {
			t.Fatal(err)
		}
		at := map[orb.Point]string{}
		for _, w := range b.file.Waypoints {
			at[w.Point] = w.Notes
		}
		var boxed []float64 // the apexes of the junctions with a box
		for _, tn := range b.turns {
			if tn.kind != junction || tn.theta < 45 || tn.apex <= 0 || tn.apex >= len(b.pts)-1 {
				continue
			}
			shared := false
			for _, d := range boxed {
				if math.Abs(b.odo[tn.apex]-d) < 80 {
					shared = true
				}
			}
			// The box at the apex, else a control's within atJunction.
			notes, ok := at[b.line[tn.apex]]
			for k := tn.apex - 1; !ok && k >= 0 && b.odo[tn.apex]-b.odo[k] <= atJunction; k-- {
				notes, ok = at[b.line[k]]
			}
			for k := tn.apex + 1; !ok && k < len(b.line) && b.odo[k]-b.odo[tn.apex] <= atJunction; k++ {
				notes, ok = at[b.line[k]]
			}
			switch {
			case ok && strings.HasPrefix(notes, turnText(tn)):
				boxed = append(boxed, b.odo[tn.apex])
			case shared:
			default:
				t.Errorf("%s: the %.0f° junction at km %.2f has notes %q (a box: %v); want a box beginning %q",
					plan[i].name(), tn.theta, b.odo[tn.apex]/1e3, notes, ok, turnText(tn))
			}
		}
	}
}

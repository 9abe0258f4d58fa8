package roadbook_test

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	. "github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// noteAngle reads a turn's angle from a note ("TR 105°", "HL 150°"),
// positive right.
var noteAngleRE = regexp.MustCompile(`\b([TH])([LR]) (\d+)°`)

func noteAngle(notes string) (float64, bool) {
	m := noteAngleRE.FindStringSubmatch(notes)
	if m == nil {
		return 0, false
	}
	a, _ := strconv.ParseFloat(m[3], 64)
	if m[2] == "L" {
		a = -a
	}
	return a, true
}

// TestTulipsTellTheTruth draws every box of the Dakar 2026 example and of
// the OpenRally test files and compares each tulip's exit arrow with its
// note's angle ("TR 105°", the file's or the one roadbook writes): within
// 10°, with no exception. Every tulip has its arrival dot at the bottom,
// with an approach leg up to the junction.
func TestTulipsTellTheTruth(t *testing.T) {
	var files [][]byte
	var names []string
	glob, _ := fs.Glob(dakar2026.FS, "[0-9][0-9]-*.gpx")
	for _, n := range glob {
		b, _ := fs.ReadFile(dakar2026.FS, n)
		files, names = append(files, b), append(names, n)
	}
	more, _ := filepath.Glob("../testdata/corpus/openrally/*.gpx")
	for _, n := range more {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		files, names = append(files, b), append(names, filepath.Base(n))
	}
	checked := 0
	for i, b := range files {
		f, err := gpx.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		st := route.NewStage(f, route.StageOptions{})
		rb := Build(st, Options{})
		for _, bx := range rb.Boxes {
			if bx.Tulip == nil {
				continue
			}
			if d := bx.Tulip.Dot; math.Abs(d.X-0.5) > 1e-9 || math.Abs(d.Y-0.1) > 1e-9 || len(bx.Tulip.Strokes) == 0 {
				t.Errorf("%s box %d: dot at %v; want the bottom (0.5, 0.1) with an approach leg", names[i], bx.Number, d)
			}
			want, ok := noteAngle(bx.Notes)
			if !ok {
				continue
			}
			drawn, ok := bx.Tulip.ExitAngle()
			if !ok {
				t.Errorf("%s box %d %q: no exit arrow", names[i], bx.Number, bx.Notes)
				continue
			}
			checked++
			if math.Abs(AngleDiff(want, drawn)) <= 10 {
				continue
			}
			t.Errorf("%s box %d %q: the tulip's exit is drawn at %.0f°; want %.0f ± 10", names[i], bx.Number, bx.Notes, drawn, want)
		}
	}
	if checked < 2000 {
		t.Errorf("checked %d tulips against their notes; want the example's 2,300 or so", checked)
	}
}

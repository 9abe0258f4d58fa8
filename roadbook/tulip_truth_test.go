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
	"github.com/roadbook/roadbook/roadbook/tulip"
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

// TestOtherTracksMeetTheJunction draws the Dakar 2026 example with its
// other tracks (tracks.gpx, as the demo prints it) and checks that at
// every junction box (a note "TL 95°", "KR", "HL 150°") one of the other
// tracks drawn passes through the tulip's centre, the junction, within
// 0.075 of the square (about 2.5 mm on A5): the track going on straight
// goes on from where the crew turns. The example's straight-on tracks once
// started where the route began to turn, up to 40 m before the box, and
// the tulips of wide turns drew a road parallel to the route, 5 mm beside
// it, that met nothing.
func TestOtherTracksMeetTheJunction(t *testing.T) {
	tb, err := fs.ReadFile(dakar2026.FS, "tracks.gpx")
	if err != nil {
		t.Fatal(err)
	}
	tf, err := gpx.Decode(bytes.NewReader(tb))
	if err != nil {
		t.Fatal(err)
	}
	tracks := NewTracks(TrackLines(tf))
	junction := regexp.MustCompile(`^[THK][LR]\b`)
	other := func(s tulip.Stroke) bool {
		switch s.Width {
		case tulip.OtherWidth, tulip.OtherPisteWidth, tulip.OtherTarmacWidth:
			return true
		}
		return false
	}
	centre := tulip.Vec{X: 0.5, Y: 0.5}
	glob, _ := fs.Glob(dakar2026.FS, "[0-9][0-9]-*.gpx")
	checked := 0
	for _, n := range glob {
		b, _ := fs.ReadFile(dakar2026.FS, n)
		f, err := gpx.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		rb := Build(route.NewStage(f, route.StageOptions{}), Options{Tracks: tracks})
		for _, bx := range rb.Boxes {
			if bx.Tulip == nil || !junction.MatchString(bx.Notes) {
				continue
			}
			nearest, any := math.Inf(1), false
			for _, s := range bx.Tulip.Strokes {
				if !other(s) {
					continue
				}
				any = true
				for i := 1; i < len(s.Points); i++ {
					nearest = math.Min(nearest, segmentDistance(centre, s.Points[i-1], s.Points[i]))
				}
			}
			if !any {
				continue
			}
			checked++
			if nearest > 0.075 {
				t.Errorf("%s box %d %q: the nearest other track passes %.3f from the junction; want 0.075 at most", n, bx.Number, bx.Notes, nearest)
			}
		}
	}
	if checked < 2500 {
		t.Errorf("checked %d junction tulips with other tracks; want the example's 2,867 or so", checked)
	}
}

// segmentDistance returns the distance from p to the segment a–b.
func segmentDistance(p, a, b tulip.Vec) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

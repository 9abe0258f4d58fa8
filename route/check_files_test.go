package route_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadbook/roadbook/bench/synth"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// benchTruth is the part of truth-<size>.json the tests read.
type benchTruth struct {
	Recorded struct {
		Points    int `json:"points"`
		Excursion struct {
			First     int     `json:"first_index_over_50m"`
			Last      int     `json:"last_index_over_50m"`
			Far       int     `json:"far_index"`
			MaxOff    float64 `json:"max_offroute_m"`
			Junction  int     `json:"junction_route_index"`
			OverCount int     `json:"seconds_over_50m"`
		} `json:"excursion"`
	} `json:"recorded"`
	Route struct {
		Points    int `json:"points"`
		Waypoints int `json:"waypoints"`
	} `json:"route"`
}

func decodeFile(tb testing.TB, path string) *route.File {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	g, err := gpx.Decode(f)
	if err != nil {
		tb.Fatalf("gpx.Decode(%s) = %v", path, err)
	}
	return g
}

func readTruth(tb testing.TB, path string) benchTruth {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var t benchTruth
	if err := json.Unmarshal(b, &t); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return t
}

// largeSizes reports whether the large files (1M route points, 734k fixes:
// about 2 s to generate) are checked too: in CI, or when ROADBOOK_LARGE=1.
func largeSizes() bool {
	return os.Getenv("CI") == "true" || os.Getenv("ROADBOOK_LARGE") == "1"
}

// generate writes the benchmark generator's small and medium files (and the
// large ones when largeSizes) into a temporary directory.
func generate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	sizes := []string{"small", "medium"}
	if largeSizes() {
		sizes = append(sizes, "large")
	}
	for _, size := range sizes {
		n, _ := synth.SizePoints(size)
		if _, err := synth.WriteFiles(dir, size, n, synth.DefaultSeed); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCheckGenerated checks the generator's rides (small, medium, and large
// in CI or with ROADBOOK_LARGE=1) against
// its truth: one wrong turn, its first and last fixes more than 50 m off, its
// farthest distance; every waypoint validated; no gap, no retirement.
func TestCheckGenerated(t *testing.T) {
	dir := generate(t)
	t.Run("small every segment", func(t *testing.T) { agreesWithEverySegment(t, dir) })
	sizes := []string{"small", "medium"}
	if largeSizes() {
		sizes = append(sizes, "large")
	}
	for _, size := range sizes {
		if testing.Short() && size != "small" {
			continue
		}
		t.Run(size, func(t *testing.T) {
			truth := readTruth(t, filepath.Join(dir, "truth-"+size+".json"))
			rt := decodeFile(t, filepath.Join(dir, "route-"+size+".gpx"))
			ride := decodeFile(t, filepath.Join(dir, "recorded-"+size+".gpx"))
			st := route.NewStage(rt, route.StageOptions{})
			rep := mustCheck(t, st, ride, route.CheckOptions{})
			if rep.Fixes != truth.Recorded.Points {
				t.Errorf("Fixes = %d; want %d", rep.Fixes, truth.Recorded.Points)
			}
			if len(rep.Excursions) != 1 {
				t.Fatalf("Excursions = %+v; want 1", rep.Excursions)
			}
			if len(rep.WrongWay) != 0 {
				t.Errorf("WrongWay = %+v; want none (the ride goes forward)", rep.WrongWay)
			}
			e, x := rep.Excursions[0], truth.Recorded.Excursion
			if e.First != x.First || e.Last != x.Last {
				t.Errorf("excursion fixes %d–%d; want %d–%d", e.First, e.Last, x.First, x.Last)
			}
			// The truth is haversine on a sphere; ours WGS84: at 24° N they
			// differ by up to 0.5 % (docs/geodesy.md), plus 1 m of rounding.
			if d := math.Abs(e.MaxOffset - x.MaxOff); d > 0.005*x.MaxOff+1 {
				t.Errorf("MaxOffset = %.1f; want %.1f (±0.5 %%)", e.MaxOffset, x.MaxOff)
			}
			// far_index is the last fix before the 8 s U-turn, whose arc
			// may reach a few metres farther.
			if abs(e.Farthest-x.Far) > 10 {
				t.Errorf("Farthest = %d; want %d (±10)", e.Farthest, x.Far)
			}
			junction := st.Path.Odo[x.Junction] / 1000
			if e.Rejoin != route.RejoinSame || math.Abs(e.FromKm-junction) > 0.2 || math.Abs(e.ToKm-junction) > 0.2 {
				t.Errorf("excursion km %.3f–%.3f %v; want %.3f, same", e.FromKm, e.ToKm, e.Rejoin, junction)
			}
			if len(rep.Waypoints) != truth.Route.Waypoints || rep.Missed != 0 {
				t.Errorf("%d waypoints, %d missed; want %d, 0: %v", len(rep.Waypoints), rep.Missed, truth.Route.Waypoints, rep.MissedWaypoints())
			}
			if len(rep.Gaps) != 0 || rep.Retired != nil || rep.Spikes != 0 {
				t.Errorf("gaps %v, retired %v, spikes %d; want none", rep.Gaps, rep.Retired, rep.Spikes)
			}
		})
	}
}

// agreesWithEverySegment runs the peers' every-segment method on
// the small files around the wrong turn (the whole ride takes seconds that
// way: BenchmarkEverySegment) and compares: the same fixes more than 50 m
// off, the same farthest distance.
func agreesWithEverySegment(t *testing.T, dir string) {
	rt := decodeFile(t, filepath.Join(dir, "route-small.gpx"))
	ride := decodeFile(t, filepath.Join(dir, "recorded-small.gpx"))
	truth := readTruth(t, filepath.Join(dir, "truth-small.json"))
	st := route.NewStage(rt, route.StageOptions{})
	lo, hi := truth.Recorded.Excursion.First-30, truth.Recorded.Excursion.Last+30
	off, first, last, maxD := everySegment(st.Path, ride, 50, lo, hi)
	rep := mustCheck(t, st, ride, route.CheckOptions{})
	if len(rep.Excursions) != 1 {
		t.Fatalf("Excursions = %+v; want 1", rep.Excursions)
	}
	e := rep.Excursions[0]
	if e.First != first || e.Last != last || off != last-first+1 || math.Abs(e.MaxOffset-maxD) > 0.5 {
		t.Errorf("Check: fixes %d–%d, max %.1f m; every segment: %d fixes off, %d–%d, max %.1f m",
			e.First, e.Last, e.MaxOffset, off, first, last, maxD)
	}
}

// everySegment is the peers' method: every fix (from index lo to hi) against
// every route segment. It returns how many fixes are more than limit metres
// from the route, the first and last of them, and the largest distance.
func everySegment(p *geo.Path, ride *route.File, limit float64, lo, hi int) (n, first, last int, maxD float64) {
	first, last = -1, -1
	i := 0
	for _, tr := range ride.Tracks {
		for _, s := range tr.Segments {
			for _, q := range s.Points {
				if i < lo || i > hi {
					i++
					continue
				}
				d := p.Project(q).Distance()
				if d > limit {
					n++
					if first < 0 {
						first = i
					}
					last = i
					maxD = math.Max(maxD, d)
				}
				i++
			}
		}
	}
	return n, first, last, maxD
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// BenchmarkCheck checks the generator's rides of each size, read from
// /tmp/benchdata (go run ./bench/gen). Decoding and building the stage are
// outside the timer.
func BenchmarkCheck(b *testing.B) {
	for _, size := range []string{"small", "medium", "large"} {
		b.Run(size, func(b *testing.B) {
			dir := "/tmp/benchdata"
			rp, dp := filepath.Join(dir, "route-"+size+".gpx"), filepath.Join(dir, "recorded-"+size+".gpx")
			if _, err := os.Stat(dp); err != nil {
				b.Skipf("%s absent: generate it with go run ./bench/gen -out %s", dp, dir)
			}
			st := route.NewStage(decodeFile(b, rp), route.StageOptions{})
			ride := decodeFile(b, dp)
			b.ResetTimer()
			for range b.N {
				rep := mustCheck(b, st, ride, route.CheckOptions{})
				if len(rep.Excursions) != 1 {
					b.Fatalf("%d excursions", len(rep.Excursions))
				}
			}
		})
	}
}

// BenchmarkEverySegment is the peers' method on the small files, for
// comparison with BenchmarkCheck/small.
func BenchmarkEverySegment(b *testing.B) {
	dir := "/tmp/benchdata"
	rp, dp := filepath.Join(dir, "route-small.gpx"), filepath.Join(dir, "recorded-small.gpx")
	if _, err := os.Stat(dp); err != nil {
		b.Skipf("%s absent: generate it with go run ./bench/gen -out %s", dp, dir)
	}
	p := geo.NewPath(route.NewStage(decodeFile(b, rp), route.StageOptions{}).Path.Line)
	ride := decodeFile(b, dp)
	b.ResetTimer()
	for range b.N {
		if n, _, _, _ := everySegment(p, ride, 50, 0, math.MaxInt); n == 0 {
			b.Fatal("no fix off")
		}
	}
}

// mustCheck is route.Check, failing tb on an error.
func mustCheck(tb testing.TB, s *route.Stage, ride *route.File, o route.CheckOptions) *route.Report {
	tb.Helper()
	rep, err := route.Check(s, ride, o)
	if err != nil {
		tb.Fatalf("Check = %v", err)
	}
	return rep
}

package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestSegmentLength holds the short-segment formula to 1 mm per km of the
// exact geodesic, |local − exact| <= 1e-6·exact + 1e-9 m, on random
// segments at latitudes −84…84°, every azimuth, up to the largest that
// segmentLength measures locally (shortLimit in latitude and longitude).
func TestSegmentLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	worst, worstRel := 0.0, 0.0
	var worstSeg [4]float64
	local := 0
	for i := 0; i < 200000; i++ {
		lat1 := rng.Float64()*168 - 84
		lon1 := rng.Float64()*360 - 180
		var lat2, lon2 float64
		if i%2 == 0 {
			// A geodesic of random azimuth and length.
			p := Destination(orb.Point{lon1, lat1}, rng.Float64()*360, rng.Float64()*3000)
			lon2, lat2 = p[0], p[1]
		} else {
			// Any offset inside the limit, corners included.
			lat2 = lat1 + (2*rng.Float64()-1)*shortLimit
			lon2 = lon1 + (2*rng.Float64()-1)*shortLimit
		}
		if !(math.Abs(lat2-lat1) < shortLimit && math.Abs(wrapLon(lon2-lon1)) < shortLimit) {
			continue
		}
		local++
		got := segmentLength(lat1, lon1, lat2, lon2)
		want, _, _ := inverse(lat1, lon1, lat2, lon2)
		err := math.Abs(got - want)
		if err > 1e-6*want+1e-9 {
			t.Errorf("segmentLength(%v, %v, %v, %v) = %.9f; want %.9f (Karney)", lat1, lon1, lat2, lon2, got, want)
		}
		if want > 1 && err/want > worstRel {
			worstRel = err / want
			worstSeg = [4]float64{lat1, lon1, lat2, lon2}
		}
		worst = math.Max(worst, err)
	}
	if local < 100000 {
		t.Fatalf("only %d segments were short enough; the test does not cover the formula", local)
	}
	t.Logf("%d segments: max error %.3g m, max relative error %.3g (segment %v)", local, worst, worstRel, worstSeg)
}

// TestSegmentLengthLong checks that longer segments and segments near the
// poles are measured exactly.
func TestSegmentLengthLong(t *testing.T) {
	tests := [][4]float64{
		{24, 38, 24.5, 38},
		{24, 38, 24, 39},
		{86, 10, 86.001, 10.001},
		{-89.99, 0, -89.99, 180},
		{10, 179.99, 10.01, -179.995},
	}
	for _, s := range tests {
		got := segmentLength(s[0], s[1], s[2], s[3])
		want, _, _ := inverse(s[0], s[1], s[2], s[3])
		if math.Abs(got-want) > 1e-6*want+1e-9 {
			t.Errorf("segmentLength(%v) = %.6f; want %.6f", s, got, want)
		}
	}
}

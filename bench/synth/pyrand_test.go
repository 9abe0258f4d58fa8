package synth

import (
	"math"
	"testing"
)

// TestPyRandom compares the stream with CPython 3.11's random.Random seeded
// with the same strings (values printed by CPython). Floats from random and
// uniform and the integers are exact; Gaussians go through sin, cos and log,
// which Go computes a unit in the last place away from glibc at times.
func TestPyRandom(t *testing.T) {
	r := newPyRandom("roadbook")
	if got, want := r.random(), 0.6847989949258017; got != want {
		t.Errorf("random() = %v; want %v", got, want)
	}
	if got, want := r.uniform(-50, 50), 5.857619201896988; got != want {
		t.Errorf("uniform(-50, 50) = %v; want %v", got, want)
	}
	for _, want := range []struct{ mu, sigma, v float64 }{
		{0, 0.55, 0.245278889536967}, {0, 0.55, -0.649008495526691}, {3, 2, 1.0078504360594707},
	} {
		if got := r.gauss(want.mu, want.sigma); math.Abs(got-want.v) > 4e-16*math.Abs(want.v) {
			t.Errorf("gauss(%v, %v) = %v; want %v", want.mu, want.sigma, got, want.v)
		}
	}
	speeds := []int{30, 50, 70, 90}
	for _, want := range []int{90, 70, 70} {
		if got := speeds[r.below(len(speeds))]; got != want {
			t.Errorf("choice(%v) = %d; want %d", speeds, got, want)
		}
	}
	if got, want := r.uint32(), uint32(1215987099); got != want {
		t.Errorf("getrandbits(32) = %d; want %d", got, want)
	}
	for _, c := range []struct {
		seed string
		want float64
	}{
		{"", 0.9602256525641875},
		{"fork:1234:-110", 0.55705566306722},
	} {
		if got := newPyRandom(c.seed).random(); got != c.want {
			t.Errorf("Random(%q).random() = %v; want %v", c.seed, got, c.want)
		}
	}
}

package gpxgo

import (
	"testing"

	"github.com/tkrajina/gpxgo/gpx"
)

// FuzzFromGPX feeds FromGPX whatever gpxgo reads from the fuzzed bytes
// (seeded with the corpus): it must not panic, and what it converts must
// convert to gpxgo and back unchanged.
func FuzzFromGPX(f *testing.F) {
	for _, b := range corpusGPXFiles(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := gpx.ParseBytes(b)
		if err != nil {
			return
		}
		rf, err := FromGPX(g)
		if err != nil {
			return
		}
		g2, err := ToGPX(rf)
		if err != nil {
			// ToGPX refuses only what no OpenRally file holds, which
			// FromGPX, reading as gpx.Decode does, never gives.
			t.Fatalf("ToGPX(FromGPX(g)) = %v", err)
		}
		back, err := FromGPX(g2)
		if err != nil {
			t.Fatalf("FromGPX(ToGPX(FromGPX(g))) = %v", err)
		}
		if d := diff(shared(back), shared(rf)); d != "" {
			t.Fatalf("FromGPX(ToGPX(f)) differs from f:\n%s", d)
		}
	})
}

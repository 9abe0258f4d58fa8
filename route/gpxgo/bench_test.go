package gpxgo

import (
	"bytes"
	"testing"

	"github.com/roadbook/roadbook/bench/synth"
	rgpx "github.com/roadbook/roadbook/route/gpx"
)

// BenchmarkConvert converts the medium synthetic route (100,000 track
// points, 370 OpenRally waypoints) to gpxgo and back.
func BenchmarkConvert(b *testing.B) {
	n, _ := synth.SizePoints("medium")
	r, err := synth.Generate("medium", n, synth.DefaultSeed)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteRoute(&buf); err != nil {
		b.Fatal(err)
	}
	f, err := rgpx.Decode(&buf)
	if err != nil {
		b.Fatal(err)
	}
	g, err := ToGPX(f)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("ToGPX", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ToGPX(f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FromGPX", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := FromGPX(g); err != nil {
				b.Fatal(err)
			}
		}
	})
}

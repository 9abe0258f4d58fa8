package raster

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// TestEverySymbol draws every symbol (and family members) as a PNG: it
// must decode, have the expected size and paint something.
func TestEverySymbol(t *testing.T) {
	syms := lexicon.All()
	for _, code := range []string{"speed-limit-130", "speed-limit-end-30", "distance-1500", "wp-number-7"} {
		s, _ := lexicon.Lookup(code)
		syms = append(syms, s)
	}
	for _, s := range syms {
		var buf bytes.Buffer
		if err := PNG(&buf, s, 40); err != nil {
			t.Fatalf("%s: %v", s.Code, err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%s: %v", s.Code, err)
		}
		b := img.Bounds()
		if b.Dy() != 40 || b.Dx() < 40 {
			t.Errorf("%s: %v", s.Code, b)
		}
		inked := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if _, _, _, a := img.At(x, y).RGBA(); a > 0x8000 {
					inked++
				}
			}
		}
		if inked < 20 {
			t.Errorf("%s: %d inked pixels", s.Code, inked)
		}
	}
	if _, err := Image(syms[0], 0); err == nil {
		t.Error("Image(height 0) succeeded")
	}
}

// TestTextInk checks that text lands where the layout says: a symbol
// made of text only ("SA") has ink centred in its box.
func TestTextInk(t *testing.T) {
	s, _ := lexicon.Lookup("sandy")
	img, err := Image(s, 100)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	minX, maxX, minY, maxY := b.Max.X, -1, b.Max.Y, -1
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if img.RGBAAt(x, y).A > 128 {
				minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
			}
		}
	}
	cx, cy := float64(minX+maxX)/2, float64(minY+maxY)/2
	if cx < float64(b.Dx())/2-3 || cx > float64(b.Dx())/2+3 || cy < 47 || cy > 53 {
		t.Errorf("SA ink centred at (%.1f, %.1f) in %v; want the middle", cx, cy, b)
	}
	// Capitals 44 units high at 60 units type: about 44 pixels.
	if h := maxY - minY + 1; h < 40 || h > 48 {
		t.Errorf("SA ink %d pixels high; want about 44", h)
	}
}

package kml

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestIcons(t *testing.T) {
	seen := map[string]string{}
	for _, name := range IconNames() {
		t.Run(name, func(t *testing.T) {
			b := DrawIcon(name)
			if b == nil {
				t.Fatalf("DrawIcon(%q) = nil; want a PNG", name)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("Icon(%q): png.Decode: %v", name, err)
			}
			if sz := img.Bounds().Size(); sz.X != IconSize || sz.Y != IconSize {
				t.Errorf("Icon(%q) size = %v; want %d×%d", name, sz, IconSize, IconSize)
			}
			// The centre is opaque, the corners transparent.
			if _, _, _, a := img.At(IconSize/2, IconSize/2).RGBA(); a != 0xffff {
				t.Errorf("Icon(%q) centre alpha = %#x; want opaque", name, a)
			}
			if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
				t.Errorf("Icon(%q) corner alpha = %#x; want transparent", name, a)
			}
			if other, dup := seen[string(b)]; dup {
				t.Errorf("Icon(%q) is the same image as Icon(%q)", name, other)
			}
			seen[string(b)] = name
			if again := DrawIcon(name); !bytes.Equal(again, b) {
				t.Errorf("DrawIcon(%q) differs between two calls", name)
			}
			// The committed icon, which Icon returns, is the drawing.
			golden := filepath.Join("icons", name+".png")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("DrawIcon(%q) differs from %s (run go test -update and look at the icon)", name, golden)
			}
			if !*update && !bytes.Equal(Icon(name), want) {
				t.Errorf("Icon(%q) is not %s", name, golden)
			}
		})
	}
	if b := Icon("nope"); b != nil {
		t.Errorf("Icon(%q) = %d bytes; want nil", "nope", len(b))
	}
	if b := DrawIcon("nope"); b != nil {
		t.Errorf("DrawIcon(%q) = %d bytes; want nil", "nope", len(b))
	}
}

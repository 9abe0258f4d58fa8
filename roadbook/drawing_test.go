package roadbook

import (
	"encoding/base64"
	"errors"
	"net/url"
	"testing"
)

func TestParseImage(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	jpeg := "\xff\xd8\xff\xe0\x00\x10JFIF"
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`
	b64 := base64.StdEncoding.EncodeToString
	tests := []struct {
		name string
		in   string
		want ImageFormat
		err  error // nil: ok; ErrNoDrawing; errAny: another error
	}{
		{"inline svg", "  " + svg + "\n", SVG, nil},
		{"svg with xml declaration", `<?xml version="1.0"?>` + svg, SVG, nil},
		{"png data url", "data:image/png;base64," + b64([]byte(png)), PNG, nil},
		{"jpeg data url", "data:image/jpeg;base64," + b64([]byte(jpeg)), JPEG, nil},
		{"data url lying about its type", "data:image/png;base64," + b64([]byte(jpeg)), JPEG, nil},
		{"svg data url, base64", "data:image/svg+xml;base64," + b64([]byte(svg)), SVG, nil},
		{"svg data url, percent-encoded", "data:image/svg+xml;utf8," + url.PathEscape(svg), SVG, nil},
		{"bare base64 png, wrapped", b64([]byte(png))[:8] + "\n" + b64([]byte(png))[8:], PNG, nil},
		{"empty", "  ", 0, ErrNoDrawing},
		{"text", "TL 90° then FPP", 0, ErrNoDrawing},
		{"a word that is base64", "CX", 0, ErrNoDrawing},
		{"a lexicon code", "{village}", 0, ErrNoDrawing},
		{"bad base64", "data:image/png;base64,@@@", 0, errAny},
		{"not an image", "data:image/png;base64," + b64([]byte("hello world")), 0, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, err := ParseImage(tt.in)
			switch {
			case tt.err == nil && err != nil:
				t.Fatalf("ParseImage(%.30q) = %v; want a %v image", tt.in, err, tt.want)
			case tt.err == nil && im.Format != tt.want:
				t.Errorf("ParseImage(%.30q) format %v; want %v", tt.in, im.Format, tt.want)
			case tt.err == ErrNoDrawing && !errors.Is(err, ErrNoDrawing):
				t.Errorf("ParseImage(%.30q) = %v; want ErrNoDrawing", tt.in, err)
			case tt.err == errAny && (err == nil || errors.Is(err, ErrNoDrawing)):
				t.Errorf("ParseImage(%.30q) = %v; want a decoding error", tt.in, err)
			}
		})
	}
	im, _ := ParseImage(svg)
	if back, err := ParseImage(im.DataURL()); err != nil || string(back.Data) != svg {
		t.Errorf("ParseImage(DataURL()) = %q, %v; want the SVG back", back.Data, err)
	}
}

var errAny = errors.New("any error")

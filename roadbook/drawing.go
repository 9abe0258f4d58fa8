package roadbook

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ImageFormat is the format of an author's drawing.
type ImageFormat uint8

// The drawing formats files carry.
const (
	PNG ImageFormat = iota + 1
	JPEG
	SVG
)

var imageFormatNames = [...]string{"", "png", "jpeg", "svg"}

// String returns "png", "jpeg" or "svg".
func (f ImageFormat) String() string {
	if int(f) < len(imageFormatNames) && f != 0 {
		return imageFormatNames[f]
	}
	return fmt.Sprintf("ImageFormat(%d)", f)
}

// MIME returns the format's media type: "image/png", "image/jpeg",
// "image/svg+xml".
func (f ImageFormat) MIME() string {
	switch f {
	case PNG:
		return "image/png"
	case JPEG:
		return "image/jpeg"
	case SVG:
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

// Image is a tulip or notes drawing as the author made it: the bytes of a
// PNG, JPEG or SVG file.
type Image struct {
	Format ImageFormat
	Data   []byte
}

// DataURL returns the image as a base64 data URL, which browsers and
// Google Earth's balloons show as an <img src>.
func (im Image) DataURL() string {
	return "data:" + im.Format.MIME() + ";base64," + base64.StdEncoding.EncodeToString(im.Data)
}

// ErrNoDrawing is returned by ParseImage for a value that is not a drawing
// (empty, or plain text).
var ErrNoDrawing = errors.New("roadbook: not a drawing")

// ParseImage decodes a drawing as OpenRally files and editors write it in
// a <tulip> or <notes> element: an inline SVG document (with or without an
// XML declaration), a data URL (base64 or percent-encoded; PNG, JPEG or
// SVG), or bare base64 of a PNG, JPEG or SVG file. The format is told from
// the content, not from what a data URL claims. It returns ErrNoDrawing
// for an empty value or plain text, and an error saying why for a drawing
// it cannot decode (bad base64, an unknown image format).
func ParseImage(s string) (Image, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Image{}, ErrNoDrawing
	}
	var data []byte
	switch {
	case strings.HasPrefix(t, "<"):
		data = []byte(t)
	case strings.HasPrefix(t, "data:"):
		comma := strings.IndexByte(t, ',')
		if comma < 0 {
			return Image{}, errors.New("roadbook: data URL without a comma")
		}
		meta, payload := t[5:comma], t[comma+1:]
		if strings.HasSuffix(meta, ";base64") {
			b, err := decodeBase64(payload)
			if err != nil {
				return Image{}, fmt.Errorf("roadbook: data URL: %w", err)
			}
			data = b
		} else {
			u, err := url.PathUnescape(payload)
			if err != nil {
				return Image{}, fmt.Errorf("roadbook: data URL: %w", err)
			}
			data = []byte(u)
		}
	default:
		if strings.ContainsAny(t, " \t") && !looksBase64(t) {
			return Image{}, ErrNoDrawing
		}
		b, err := decodeBase64(t)
		if err != nil || sniff(b) == 0 {
			return Image{}, ErrNoDrawing // text, not an image in base64
		}
		data = b
	}
	f := sniff(data)
	if f == 0 {
		return Image{}, fmt.Errorf("roadbook: drawing of %d bytes is not a PNG, JPEG or SVG image", len(data))
	}
	return Image{Format: f, Data: data}, nil
}

// decodeBase64 decodes standard or URL base64, padded or not, ignoring
// white space (line breaks in CDATA).
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawURLEncoding.DecodeString(s)
}

// looksBase64 reports whether s holds only base64 characters and white
// space.
func looksBase64(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9',
			r == '+', r == '/', r == '=', r == '-', r == '_', r == ' ', r == '\n', r == '\r', r == '\t':
		default:
			return false
		}
	}
	return true
}

// sniff tells an image's format from its first bytes; 0 for none known.
func sniff(b []byte) ImageFormat {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	}
	head := b
	if len(head) > 2048 {
		head = head[:2048]
	}
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	if bytes.HasPrefix(t, []byte("<")) && bytes.Contains(bytes.ToLower(head), []byte("<svg")) {
		return SVG
	}
	return 0
}

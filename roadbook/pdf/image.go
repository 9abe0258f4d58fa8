package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/jpeg"
	"image/png"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook"
)

// drawImage prints an author's drawing fitted into the w × h millimetres
// at (x, y), centred, keeping its proportions: a PNG or JPEG as an image
// (a PNG normalised to 8-bit, non-interlaced first, which every PDF reader
// shows), an SVG as vectors. It returns an error, and draws nothing, when
// the drawing cannot be decoded.
func (d *doc) drawImage(im roadbook.Image, x, y, w, h float64) error {
	f := d.f
	switch im.Format {
	case roadbook.SVG:
		sd, err := parseSVG(im.Data)
		if err != nil {
			return err
		}
		f.ClipRect(x, y, w, h, false)
		sd.draw(canvas{d: d, scale: 1}, x, y, w, h, d.drawImage)
		f.ClipEnd()
		return nil
	case roadbook.PNG, roadbook.JPEG:
	default:
		return fmt.Errorf("unknown image format %v", im.Format)
	}
	hs := fnv.New64a()
	hs.Write(im.Data)
	name := fmt.Sprintf("img%016x", hs.Sum64())
	info := f.GetImageInfo(name)
	if info == nil {
		var data []byte
		typ := "JPG"
		if im.Format == roadbook.PNG {
			m, err := png.Decode(bytes.NewReader(im.Data))
			if err != nil {
				return fmt.Errorf("png: %w", err)
			}
			var buf bytes.Buffer
			enc := png.Encoder{CompressionLevel: png.BestSpeed}
			if err := enc.Encode(&buf, flatten(m)); err != nil {
				return fmt.Errorf("png: %w", err)
			}
			data, typ = buf.Bytes(), "PNG"
		} else {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(im.Data))
			if err != nil {
				return fmt.Errorf("jpeg: %w", err)
			}
			if cfg.Width == 0 || cfg.Height == 0 {
				return fmt.Errorf("jpeg: empty image")
			}
			data = im.Data
		}
		info = f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
		if err := f.Error(); err != nil || info == nil {
			f.ClearError()
			return fmt.Errorf("%s: %v", strings.ToLower(typ), err)
		}
	}
	iw, ih := info.Extent()
	if !(iw > 0 && ih > 0) {
		return fmt.Errorf("empty image")
	}
	k := min(w/iw, h/ih)
	dw, dh := iw*k, ih*k
	f.ImageOptions(name, x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, fpdf.ImageOptions{}, 0, "")
	return nil
}

// flatten returns m as 8-bit NRGBA (or Gray) so that the PNG encoder
// writes what fpdf reads: no 16-bit channels, no palette transparency
// quirks.
func flatten(m image.Image) image.Image {
	switch m.(type) {
	case *image.NRGBA, *image.Gray, *image.RGBA:
		return m
	}
	b := m.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x, y, m.At(x, y))
		}
	}
	return out
}

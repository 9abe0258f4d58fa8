package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook"
)

// drawImage prints an author's drawing fitted into the w × h millimetres
// at (x, y), centred, keeping its proportions: a PNG or JPEG as an image
// (a PNG normalised to 8-bit, non-interlaced first, which every PDF reader
// shows), an SVG as vectors. With trim, a PNG's or JPEG's empty margins
// (transparent or white) are left out and what the author drew is printed
// up to trimZoom times larger than the whole drawing would be, where it
// lies in the drawing (a mark at the top left stays at the top left): a
// notes drawing's marks are often a corner of a large canvas. It returns
// what of an SVG drawing is not printed (gradients, filters…: svgDrawing.lost),
// and an error, drawing nothing, when the drawing cannot be decoded.
func (d *doc) drawImage(im roadbook.Image, x, y, w, h float64, trim bool) ([]string, error) {
	f := d.f
	switch im.Format {
	case roadbook.SVG:
		sd, err := parseSVG(im.Data)
		if err != nil {
			return nil, err
		}
		var bad int
		f.ClipRect(x, y, w, h, false)
		sd.draw(canvas{d: d, scale: 1}, x, y, w, h, func(im roadbook.Image, x, y, w, h float64) error {
			lost, err := d.drawImage(im, x, y, w, h, false)
			if err != nil || len(lost) > 0 {
				bad++
			}
			return err
		})
		f.ClipEnd()
		lost := sd.lost()
		if bad > 0 {
			if bad == 1 {
				lost = append(lost, "an embedded image that cannot be read")
			} else {
				lost = append(lost, fmt.Sprintf("%d embedded images that cannot be read", bad))
			}
		}
		return lost, nil
	case roadbook.PNG, roadbook.JPEG:
	default:
		return nil, fmt.Errorf("unknown image format %v", im.Format)
	}
	hs := fnv.New64a()
	hs.Write(im.Data)
	name := fmt.Sprintf("img%016x", hs.Sum64())
	if trim {
		name += "t"
	}
	info := f.GetImageInfo(name)
	if info == nil {
		var data []byte
		typ := "JPG"
		var m image.Image
		if im.Format == roadbook.PNG {
			cfg, err := png.DecodeConfig(bytes.NewReader(im.Data))
			if err != nil {
				return nil, fmt.Errorf("png: %w", err)
			}
			if err := checkPixels("png", cfg); err != nil {
				return nil, err
			}
			if m, err = png.Decode(bytes.NewReader(im.Data)); err != nil {
				return nil, fmt.Errorf("png: %w", err)
			}
		} else {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(im.Data))
			if err != nil {
				return nil, fmt.Errorf("jpeg: %w", err)
			}
			if cfg.Width == 0 || cfg.Height == 0 {
				return nil, fmt.Errorf("jpeg: empty image")
			}
			if err := checkPixels("jpeg", cfg); err != nil {
				return nil, err
			}
			data = im.Data
			if trim {
				if m, err = jpeg.Decode(bytes.NewReader(im.Data)); err != nil {
					return nil, fmt.Errorf("jpeg: %w", err)
				}
			}
		}
		if m != nil {
			full := m.Bounds()
			// A blank drawing is printed whole (it shows nothing, but it
			// is the author's).
			if trim {
				if ink := inked(m); !ink.Empty() {
					m = subImage(m, ink)
					d.trims[name] = trimmed{full: full, ink: ink}
				}
			}
			var buf bytes.Buffer
			enc := png.Encoder{CompressionLevel: png.BestSpeed}
			if err := enc.Encode(&buf, flatten(m)); err != nil {
				return nil, fmt.Errorf("png: %w", err)
			}
			data, typ = buf.Bytes(), "PNG"
		}
		info = f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
		if err := f.Error(); err != nil || info == nil {
			f.ClearError()
			return nil, fmt.Errorf("%s: %v", strings.ToLower(typ), err)
		}
	}
	iw, ih := info.Extent()
	if !(iw > 0 && ih > 0) {
		return nil, fmt.Errorf("empty image")
	}
	k := min(w/iw, h/ih)
	dw, dh := iw*k, ih*k
	ox, oy := x+(w-dw)/2, y+(h-dh)/2
	if t, ok := d.trims[name]; ok && t.ink != t.full {
		// The drawn part, as large as it fits but at most trimZoom times
		// the whole drawing's size, placed where it lies in the drawing.
		px := iw / float64(t.ink.Dx()) // extent units per pixel
		fw, fh := float64(t.full.Dx())*px, float64(t.full.Dy())*px
		k = min(k, trimZoom*min(w/fw, h/fh))
		dw, dh = iw*k, ih*k
		cx := (float64(t.ink.Min.X-t.full.Min.X) + float64(t.ink.Dx())/2) / float64(t.full.Dx())
		cy := (float64(t.ink.Min.Y-t.full.Min.Y) + float64(t.ink.Dy())/2) / float64(t.full.Dy())
		ox = x + math.Max(0, math.Min(w-dw, cx*w-dw/2))
		oy = y + math.Max(0, math.Min(h-dh, cy*h-dh/2))
	}
	f.ImageOptions(name, ox, oy, dw, dh, false, fpdf.ImageOptions{}, 0, "")
	return nil, nil
}

// MaxImagePixels is the most pixels a PNG or JPEG drawing of a file (a
// tulip, notes, an image inside an SVG drawing) may have to be printed:
// 25 million, 5,000 × 5,000, an A4 page scanned at 500 dpi, where a tulip
// box printed at 300 dpi needs 600 × 600. A larger one is not decoded (a
// PNG of 20,000 × 20,000 white pixels is 3.7 MB in base64 and would take 1.6
// GB to decode, more to print): it is reported as a drawing that cannot be
// read, as a broken one is.
const MaxImagePixels = 25_000_000

// checkPixels refuses an image of more than MaxImagePixels.
func checkPixels(format string, cfg image.Config) error {
	if n := int64(cfg.Width) * int64(cfg.Height); n > MaxImagePixels {
		return fmt.Errorf("%s: %d × %d pixels, more than the limit of %d million", format, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return nil
}

// trimZoom is how much larger than the whole drawing a trimmed drawing's
// marks may print.
const trimZoom = 2.0

// trimmed is the part of a raster drawing printed with trim: its whole
// bounds and the bounds of what the author drew.
type trimmed struct{ full, ink image.Rectangle }

// inked returns the bounds of the pixels of m that hold something: not
// (nearly) transparent, and not (nearly) white. It is empty for a blank
// image. 8-bit NRGBA and RGBA images (what PNG decodes to) are read from
// their pixels directly.
func inked(m image.Image) image.Rectangle {
	b := m.Bounds()
	const alpha, pale = 8, 0xf4 // 8-bit: nearly transparent, nearly white
	var pix []uint8
	var stride int
	premul := false
	switch im := m.(type) {
	case *image.NRGBA:
		pix, stride = im.Pix, im.Stride
	case *image.RGBA:
		pix, stride, premul = im.Pix, im.Stride, true
	}
	blank := func(x, y int) bool {
		var r, g, bl, a uint32
		if pix != nil {
			i := (y-b.Min.Y)*stride + (x-b.Min.X)*4
			r, g, bl, a = uint32(pix[i]), uint32(pix[i+1]), uint32(pix[i+2]), uint32(pix[i+3])
			if premul && a > 0 {
				r, g, bl = r*255/a, g*255/a, bl*255/a
			}
		} else {
			r, g, bl, a = m.At(x, y).RGBA()
			if a > 0 {
				r, g, bl = r*0xff/a, g*0xff/a, bl*0xff/a
			}
			a >>= 8
		}
		return a < alpha || (r > pale && g > pale && bl > pale)
	}
	x0, y0, x1, y1 := b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !blank(x, y) {
				x0, x1 = min(x0, x), max(x1, x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if x1 <= x0 || y1 <= y0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1)
}

// subImage returns the part r of m.
func subImage(m image.Image, r image.Rectangle) image.Image {
	if s, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	out := image.NewNRGBA(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.Set(x, y, m.At(x, y))
		}
	}
	return out
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

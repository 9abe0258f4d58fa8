package edit

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
)

// tulipCache keeps the SVG documents of the tulips drawn from the track.
// roadbook.Build draws every box's tulip again after each edit, nearly all
// of them as they were: the page names each by a hash of its drawing (so
// the browser keeps its copy), and the SVG is written once per drawing.
type tulipCache struct {
	seed maphash.Seed
	svgs map[uint64]string
}

// maxTulips bounds the cache: past it, it starts again empty.
const maxTulips = 1 << 14

func newTulipCache() *tulipCache {
	return &tulipCache{seed: maphash.MakeSeed(), svgs: map[uint64]string{}}
}

// key returns the hash of a drawing: its strokes, their styles, widths
// and arrows, and its dot.
func (c *tulipCache) key(d *tulip.Drawing) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	if d == nil {
		return h.Sum64()
	}
	var b [8]byte
	f := func(v float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	for _, s := range d.Strokes {
		h.WriteByte(byte(s.Style))
		if s.Arrow {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
		f(s.Width)
		f(float64(len(s.Points)))
		for _, p := range s.Points {
			f(p.X)
			f(p.Y)
		}
	}
	f(d.Dot.X)
	f(d.Dot.Y)
	f(d.DotRadius)
	return h.Sum64()
}

// svg returns the drawing as an SVG document (tulipSVG), written once.
func (c *tulipCache) svg(d *tulip.Drawing) string {
	k := c.key(d)
	if s, ok := c.svgs[k]; ok {
		return s
	}
	s := tulipSVG(d, false)
	if len(c.svgs) >= maxTulips {
		c.svgs = map[uint64]string{}
	}
	c.svgs[k] = s
	return s
}

// tulipRef returns the hash that names the tulip box i shows, and where
// that tulip comes from: "author" (edited here), "file" (the file's own
// drawing) or "track" (drawn from the track).
func (d *Doc) tulipRef(i int, b *roadbook.Box) (string, string) {
	en := &d.entries[i]
	switch {
	case en.Tulip != nil:
		return fmt.Sprintf("%016x", maphash.String(d.tulips.seed, en.W.Tulip)), "author"
	case en.W.Tulip != "":
		return fmt.Sprintf("%016x", maphash.String(d.tulips.seed, en.W.Tulip)), "file"
	}
	return fmt.Sprintf("%016x", d.tulips.key(b.Tulip)), "track"
}

// tulipData returns the tulip box i shows: an SVG document or a data URL.
func (d *Doc) tulipData(i int, b *roadbook.Box) string {
	if t := d.entries[i].W.Tulip; t != "" {
		return t
	}
	return d.tulips.svg(b.Tulip)
}

//go:build ignore

// sidebyside puts PNG pictures side by side on the grey of the docs'
// composite pictures (print-roll-a4.png, print-computed.png), each framed
// by a gap, their tops aligned:
//
//	go run docs/img/sidebyside.go -o docs/img/print-roll-a4.png a.png b.png c.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

func main() {
	out := flag.String("o", "", "the `PNG` to write")
	gap := flag.Int("gap", 12, "the gap around and between the pictures, in pixels")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: go run docs/img/sidebyside.go -o OUT.png [-gap 12] IN.png...")
		os.Exit(2)
	}
	var ims []image.Image
	w, h := *gap, 0
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fail(err)
		}
		im, err := png.Decode(f)
		f.Close()
		if err != nil {
			fail(fmt.Errorf("%s: %v", name, err))
		}
		ims = append(ims, im)
		w += im.Bounds().Dx() + *gap
		h = max(h, im.Bounds().Dy())
	}
	canvas := image.NewRGBA(image.Rect(0, 0, w, h+2**gap))
	draw.Draw(canvas, canvas.Bounds(), image.NewUniform(color.RGBA{200, 204, 208, 255}), image.Point{}, draw.Src)
	x := *gap
	for _, im := range ims {
		b := im.Bounds()
		draw.Draw(canvas, image.Rect(x, *gap, x+b.Dx(), *gap+b.Dy()), im, b.Min, draw.Over)
		x += b.Dx() + *gap
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	if err := png.Encode(f, canvas); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sidebyside:", err)
	os.Exit(1)
}

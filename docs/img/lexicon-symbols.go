//go:build ignore

// lexicon-symbols draws every symbol of the roadbook lexicon with the raster
// canvas, in legend order, 14 to a row, on white: docs/img/lexicon-symbols.png.
//
//	go run docs/img/lexicon-symbols.go -o docs/img/lexicon-symbols.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/lexicon/raster"
)

func main() {
	out := flag.String("o", "", "the `PNG` to write")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: go run docs/img/lexicon-symbols.go -o OUT.png")
		os.Exit(2)
	}
	const (
		cols     = 14
		cellW    = 104 // pixels
		cellH    = 56
		symbolPx = 44 // a symbol's height
	)
	syms := lexicon.All()
	rows := (len(syms) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*cellW, rows*cellH))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for i, s := range syms {
		scale := float64(symbolPx) / lexicon.Height
		if w := s.Width * scale; w > cellW-8 {
			scale *= (cellW - 8) / w // a long abbreviation fits its cell
		}
		x := float64(i%cols*cellW) + (cellW-s.Width*scale)/2
		y := float64(i/cols*cellH) + (cellH-lexicon.Height*scale)/2
		c := raster.New(sheet, x, y, scale)
		s.Draw(c)
		if err := c.Err(); err != nil {
			fail(fmt.Errorf("%s: %v", s.Code, err))
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	if err := png.Encode(f, sheet); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "lexicon-symbols:", err)
	os.Exit(1)
}

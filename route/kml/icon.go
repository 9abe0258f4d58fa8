package kml

import (
	"bytes"
	"embed"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/roadbook/roadbook/route"
)

// IconSize is the width and height in pixels of the icons drawn by Icon.
const IconSize = 64

// shape is an icon's outline.
type shape uint8

const (
	circle shape = iota
	square
	diamond
	triangle
	octagon
)

// iconSpec is how one icon looks.
type iconSpec struct {
	name   string // file name without .png, also the style id suffix
	shape  shape
	fill   color.RGBA
	ring   color.RGBA // outline colour
	text   string     // code letters, drawn in the font below
	ink    color.RGBA // text colour
	google string     // Google's standard icon for plain KML
}

var (
	black  = color.RGBA{0x10, 0x10, 0x10, 0xff}
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	dark   = color.RGBA{0x20, 0x20, 0x20, 0xff}
	google = "http://maps.google.com/mapfiles/kml/"
)

// kindIcons holds the icon of each waypoint kind, indexed by route.Kind.
var kindIcons = [route.NumKinds]iconSpec{
	route.DSS:  {"dss", square, color.RGBA{0x1b, 0x9e, 0x3e, 0xff}, dark, "DSS", white, google + "paddle/grn-stars.png"},
	route.ASS:  {"ass", square, color.RGBA{0xd0, 0x1c, 0x1c, 0xff}, dark, "ASS", white, google + "paddle/red-stars.png"},
	route.WPV:  {"wpv", circle, color.RGBA{0x4c, 0xc3, 0x5a, 0xff}, dark, "WPV", black, google + "paddle/grn-circle.png"},
	route.WPM:  {"wpm", circle, color.RGBA{0x25, 0x6f, 0xd6, 0xff}, dark, "WPM", white, google + "paddle/blu-circle.png"},
	route.WPE:  {"wpe", circle, color.RGBA{0x8e, 0x3c, 0xc8, 0xff}, dark, "WPE", white, google + "paddle/purple-circle.png"},
	route.WPS:  {"wps", triangle, color.RGBA{0xff, 0x8c, 0x00, 0xff}, dark, "WPS", black, google + "shapes/caution.png"},
	route.WPC:  {"wpc", circle, color.RGBA{0xf4, 0xf4, 0xf4, 0xff}, dark, "WPC", black, google + "paddle/wht-circle.png"},
	route.WPN:  {"wpn", circle, color.RGBA{0x22, 0xc8, 0xd8, 0xff}, dark, "WPN", black, google + "paddle/ltblu-circle.png"},
	route.WPP:  {"wpp", circle, color.RGBA{0xf0, 0x6e, 0xb4, 0xff}, dark, "WPP", black, google + "paddle/pink-circle.png"},
	route.DZ:   {"dz", circle, color.RGBA{0xff, 0xe0, 0x30, 0xff}, color.RGBA{0xd0, 0x10, 0x10, 0xff}, "DZ", black, google + "paddle/ylw-square.png"},
	route.FZ:   {"fz", circle, color.RGBA{0xff, 0xe0, 0x30, 0xff}, color.RGBA{0x70, 0x70, 0x70, 0xff}, "FZ", black, google + "paddle/ylw-blank.png"},
	route.DN:   {"dn", diamond, color.RGBA{0xa0, 0xa0, 0xa0, 0xff}, dark, "DN", black, google + "paddle/wht-diamond.png"},
	route.FN:   {"fn", diamond, color.RGBA{0xa0, 0xa0, 0xa0, 0xff}, dark, "FN", black, google + "paddle/wht-blank.png"},
	route.DT:   {"dt", diamond, color.RGBA{0xb0, 0x80, 0x50, 0xff}, dark, "DT", black, google + "paddle/ylw-diamond.png"},
	route.FT:   {"ft", diamond, color.RGBA{0xb0, 0x80, 0x50, 0xff}, dark, "FT", black, google + "paddle/ylw-blank.png"},
	route.CP:   {"cp", square, color.RGBA{0x10, 0x90, 0x90, 0xff}, dark, "CP", white, google + "shapes/flag.png"},
	route.CH:   {"ch", square, color.RGBA{0x20, 0x30, 0x90, 0xff}, dark, "CH", white, google + "paddle/blu-square.png"},
	route.Fuel: {"fuel", square, color.RGBA{0xff, 0xb0, 0x20, 0xff}, dark, "FUEL", black, google + "shapes/gas_stations.png"},
	route.Stop: {"stop", octagon, color.RGBA{0xc0, 0x10, 0x10, 0xff}, white, "STOP", white, google + "shapes/forbidden.png"},
}

// Icons not tied to a waypoint kind.
var (
	plainIcon  = iconSpec{"wpt", circle, color.RGBA{0x90, 0x90, 0x90, 0xff}, dark, "", black, google + "shapes/placemark_circle.png"}
	kmIcon     = iconSpec{"km", circle, white, black, "", black, google + "shapes/placemark_circle.png"}
	missedIcon = iconSpec{"missed", circle, color.RGBA{0xe0, 0x10, 0x10, 0xff}, white, "X", white, google + "shapes/forbidden.png"}
)

// allIcons returns every icon in a fixed order.
func allIcons() []iconSpec {
	out := make([]iconSpec, 0, route.NumKinds+2)
	for k := 1; k < route.NumKinds; k++ {
		out = append(out, kindIcons[k])
	}
	return append(out, plainIcon, kmIcon, missedIcon)
}

// IconNames returns the names (without ".png") of every icon Icon draws, in
// a fixed order: one per waypoint kind by its code in lower case ("dss",
// "wpm", "fuel"), then "wpt" (a waypoint without a control), "km" (a
// kilometre marker) and "missed" (a waypoint a ride missed).
func IconNames() []string {
	icons := allIcons()
	names := make([]string, len(icons))
	for i, ic := range icons {
		names[i] = ic.name
	}
	return names
}

// iconFiles are the icons as drawn by DrawIcon, committed so encoding does
// not redraw them; TestIcons checks that drawing gives these bytes.
//
//go:embed icons/*.png
var iconFiles embed.FS

// Icon returns the named icon (one of IconNames) as an IconSize × IconSize
// PNG, or nil for an unknown name. The bytes are those DrawIcon gives,
// stored in the package.
func Icon(name string) []byte {
	b, err := iconFiles.ReadFile("icons/" + name + ".png")
	if err != nil {
		return nil
	}
	return b
}

// DrawIcon draws the named icon (one of IconNames) and returns it as PNG
// bytes, or nil for an unknown name: a shape and colour per kind (circles
// for the waypoints to validate, squares for DSS, ASS, CP, CH and fuel,
// diamonds for neutralisations and transfers, a triangle for WPS, an
// octagon for stop) with the code letters in a 5 × 7 pixel font scaled up,
// anti-aliased by 4 × 4 supersampling. Drawing is deterministic: the same
// name always gives the same bytes.
func DrawIcon(name string) []byte {
	for _, ic := range allIcons() {
		if ic.name == name {
			return ic.png()
		}
	}
	return nil
}

// png draws the icon and encodes it.
func (ic iconSpec) png() []byte {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, ic.draw()); err != nil {
		return nil // cannot happen when writing to a bytes.Buffer
	}
	return buf.Bytes()
}

// sub is the number of samples per pixel along each axis (anti-aliasing).
const sub = 4

// draw renders the icon: the shape's outline ring, its fill, and the code
// letters centred on it, each pixel averaged over sub × sub samples.
func (ic iconSpec) draw() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, IconSize, IconSize))
	const c = IconSize / 2.0
	size := 27.0 // the shape's half size in pixels
	if ic.name == "km" {
		size = 14
	}
	const ringWidth = 3.0
	// Text layout: glyphs 5 × 7 cells scaled by s, one cell apart.
	s := 2.0
	if len(ic.text) > 3 {
		s = 1.6
	}
	tw := float64(len(ic.text))*6*s - s
	th := 7 * s
	tx, ty := c-tw/2, c-th/2
	if ic.shape == triangle {
		ty += size * 0.22
	}
	for py := 0; py < IconSize; py++ {
		for px := 0; px < IconSize; px++ {
			var r, g, b, a float64
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					x := float64(px) + (float64(sx)+0.5)/sub
					y := float64(py) + (float64(sy)+0.5)/sub
					var col color.RGBA
					switch {
					case inText(ic.text, (x-tx)/s, (y-ty)/s) && ic.inside(x-c, y-c, size):
						col = ic.ink
					case ic.inside(x-c, y-c, size):
						col = ic.fill
					case ic.inside(x-c, y-c, size+ringWidth):
						col = ic.ring
					default:
						continue
					}
					r += float64(col.R)
					g += float64(col.G)
					b += float64(col.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)),
				G: uint8(math.Round(g / a)),
				B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a * 255 / (sub * sub))),
			})
		}
	}
	return img
}

// inside reports whether (x, y), relative to the icon's centre with y down,
// is inside the shape of half size h.
func (ic iconSpec) inside(x, y, h float64) bool {
	ax, ay := math.Abs(x), math.Abs(y)
	switch ic.shape {
	case square:
		return ax <= h*0.86 && ay <= h*0.86
	case diamond:
		return ax+ay <= h*1.1
	case triangle:
		// Apex up at (0, -h), base at y = 0.72h.
		return y <= h*0.72 && ax*math.Sqrt(3) <= y+h
	case octagon:
		return ax <= h*0.92 && ay <= h*0.92 && (ax+ay) <= h*0.92*(1+math.Sqrt2)/math.Sqrt2
	default:
		return x*x+y*y <= h*h
	}
}

// inText reports whether the font cell position (u, v) (in glyph cells from
// the text's top-left corner) is ink.
func inText(text string, u, v float64) bool {
	if u < 0 || v < 0 || v >= 7 {
		return false
	}
	i := int(u) / 6
	col := int(u) % 6
	if i >= len(text) || col == 5 {
		return false
	}
	g, ok := font[text[i]]
	if !ok {
		return false
	}
	return g[int(v)][col] == '#'
}

// font is a 5 × 7 bitmap font with the letters the icons use.
var font = map[byte][7]string{
	'A': {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'C': {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
	'D': {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."},
	'E': {"#####", "#....", "#....", "####.", "#....", "#....", "#####"},
	'F': {"#####", "#....", "#....", "####.", "#....", "#....", "#...."},
	'H': {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'L': {"#....", "#....", "#....", "#....", "#....", "#....", "#####"},
	'M': {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"},
	'N': {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"},
	'O': {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'P': {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
	'S': {".####", "#....", "#....", ".###.", "....#", "....#", "####."},
	'T': {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."},
	'U': {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'V': {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."},
	'W': {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."},
	'X': {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"},
	'Z': {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"},
}

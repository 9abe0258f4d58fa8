package pdf

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// TestAuthorDrawings prints the OpenRally draft whose boxes carry their
// own drawings (a PNG data URL, an inline SVG, a PNG wrapped in SVG) and
// checks with pdfimages that each PNG is in the PDF; a box whose drawing
// cannot be read is a warning naming it, and --redraw prints the route's
// tulips instead.
func TestAuthorDrawings(t *testing.T) {
	needTool(t, "pdfimages")
	fh, err := os.Open("../../testdata/corpus/openrally/cc-v1-draft-png.gpx")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := gpx.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	st := route.NewStage(f, route.StageOptions{})
	book := roadbook.Build(st, roadbook.Options{})
	pngs := 0
	for _, w := range f.Waypoints {
		for _, s := range []string{w.Tulip, w.Notes} {
			if strings.Contains(s, "image/png") {
				pngs++
			}
		}
	}
	if pngs < 2 {
		t.Fatalf("the corpus file has %d PNG drawings; want its tulip and its notes", pngs)
	}
	// One box's tulip is broken on purpose.
	bad := -1
	for i := range book.Boxes {
		if book.Boxes[i].TulipData == "" {
			book.Boxes[i].TulipData = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA"
			bad = book.Boxes[i].Number
			break
		}
	}
	var warnings []string
	file := encodeFile(t, []*roadbook.Book{book}, Options{Warn: func(m string) { warnings = append(warnings, m) }})
	list := run(t, "pdfimages", "-list", file)
	if n := countImages(list); n < pngs {
		t.Errorf("pdfimages -list finds %d images; want the file's %d PNG drawings:\n%s", n, pngs, list)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "box "+itoa(bad)+": the tulip drawing cannot be read") {
		t.Errorf("warnings %q; want one naming box %d's tulip", warnings, bad)
	}
	if text := run(t, "pdftotext", file, "-"); !strings.Contains(text, "unreadable tulip drawing") {
		t.Errorf("the page does not say the tulip is unreadable")
	}
	redrawn := encodeFile(t, []*roadbook.Book{book}, Options{Redraw: true})
	if list := run(t, "pdfimages", "-list", redrawn); countImages(list) >= pngs {
		t.Errorf("with Redraw, pdfimages -list still finds the tulip images:\n%s", list)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// countImages counts the images (not their soft masks) pdfimages -list
// lists.
func countImages(list string) int {
	n := 0
	for _, l := range strings.Split(list, "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

func TestParseSVG(t *testing.T) {
	sd, err := parseSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<defs><linearGradient id="g"/></defs>
<g transform="translate(10,20) scale(2)" stroke="#f00" stroke-width="3" fill="none">
<path d="M0 0 L10 0 l0 10 h-10 v-10 z M20 20 C30 20 30 30 20 30 s-10-10 0-10 Q25 15 30 20 t10 0 A5 5 0 0 1 50 20"/>
<polyline points="0,0 5,5 10,0"/>
<circle cx="5" cy="5" r="2" style="fill: blue; stroke: none"/>
</g>
<text x="100" y="50" font-size="12" font-weight="bold" text-anchor="middle">TL <tspan>90°</tspan></text>
<rect width="0" height="5"/>
</svg>`))
	if err != nil {
		t.Fatal(err)
	}
	if sd.w != 200 || sd.h != 100 || len(sd.shapes) != 4 || sd.lost() != nil {
		t.Fatalf("parseSVG: %v × %v, %d shapes, lost %v; want 200 × 100, 4 shapes, nothing lost (the gradient is not used)", sd.w, sd.h, len(sd.shapes), sd.lost())
	}
	p := sd.shapes[0]
	if p.style.Stroke.R != 255 || p.style.Width != 6 || !p.style.Fill.None() {
		t.Errorf("path style %+v; want a red stroke 6 wide (scaled), no fill", p.style)
	}
	if first := p.path.Segs[0].Pts[0]; first.X != 10 || first.Y != 20 {
		t.Errorf("path starts at %v; want (10, 20) after the transform", first)
	}
	if c := sd.shapes[2]; c.style.Fill.B != 255 || !c.style.Stroke.None() {
		t.Errorf("circle style %+v; want filled blue from its style attribute, no stroke", c.style)
	}
	if tx := sd.shapes[3]; tx.text != "TL 90°" || tx.size != 12 || !tx.tstyle.Bold || tx.x != 100 {
		t.Errorf("text %+v; want \"TL 90°\" bold 12 at x 100", tx)
	}
	if _, err := parseSVG([]byte("<html/>")); err == nil {
		t.Errorf("parseSVG(<html/>) = nil error; want one")
	}
}

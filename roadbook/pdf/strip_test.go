package pdf

import (
	"fmt"
	"image"
	imagecolor "image/color"
	"math"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
)

// markCentre returns the centre, in mm, of the black pixels of m (rendered
// at 100 dpi) in the rectangle x0–x1, y0–y1 mm, and whether there are any.
func markCentre(m image.Image, x0, y0, x1, y1 float64) (float64, float64, bool) {
	px := func(v float64) int { return int(math.Round(v / 25.4 * 100)) }
	minX, minY, maxX, maxY := math.MaxInt, math.MaxInt, -1, -1
	for y := px(y0); y <= px(y1); y++ {
		for x := px(x0); x <= px(x1); x++ {
			if imagecolor.GrayModel.Convert(m.At(x, y)).(imagecolor.Gray).Y < 60 {
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	if maxX < 0 {
		return 0, 0, false
	}
	mm := func(p int) float64 { return (float64(p) + 0.5) * 25.4 / 100 }
	return (mm(minX) + mm(maxX)) / 2, (mm(minY) + mm(maxY)) / 2, true
}

// TestStrips prints a stage as a roll in strips on A4 and A3 and looks at
// the sheets: every page is the sheet, each strip says its number and
// where it goes, every strip but the last has the tab for the next, and
// the join marks line up: the half diamonds on a strip's last row's
// bottom edge and on the next strip's top edge are at the same place
// across the strip, centred on the line where the two meet, so the strips
// join straight.
func TestStrips(t *testing.T) {
	needTool(t, "pdftoppm")
	book := syntheticBook("Stage 7 · Riyadh > Wādī ad-Dawāsir", 120e3, 20)
	for _, p := range []Paper{RollA4, RollA3} {
		t.Run(p.String(), func(t *testing.T) {
			g, _ := geometryOf(p)
			file := encodeFile(t, []*roadbook.Book{book}, Options{Paper: p, Rally: "Dakar 2026"})
			pages := p.Pages(len(book.Boxes))
			info := run(t, "pdfinfo", "-f", "1", "-l", fmt.Sprint(pages), file)
			want := fmt.Sprintf("%.2f x %.2f pts", g.sheetW/25.4*72, g.sheetH/25.4*72)
			if n := strings.Count(info, want); n != pages {
				t.Errorf("%d of %d pages are %s (the sheet):\n%s", n, pages, want, info)
			}
			var prevX float64
			for k := 1; k <= pages; k++ {
				text := strings.Join(strings.Fields(run(t, "pdftotext", "-f", fmt.Sprint(k), "-l", fmt.Sprint(k), file, "-")), " ")
				if !strings.Contains(text, fmt.Sprintf("strip %d of %d", k, pages)) {
					t.Errorf("strip %d: no \"strip %d of %d\" in its text", k, k, pages)
				}
				if tab := fmt.Sprintf("glue strip %d here", k+1); strings.Contains(text, tab) != (k < pages) {
					t.Errorf("strip %d: %q printed %v; want %v", k, tab, !(k < pages), k < pages)
				}
				m := renderPage(t, file, k)
				// The strip's content: the first page, else its rows.
				h := g.firstHeight
				if k > 1 {
					h = g.top + float64(min(g.perPage, len(book.Boxes)-(k-2)*g.perPage))*g.boxH
				}
				for _, edge := range []struct {
					name string
					y    float64
					want bool
				}{{"top edge", 0, k > 1}, {"join line", h, k < pages}} {
					for _, side := range []float64{0, g.width - 2*joinInset} {
						x0 := g.stripX + side + 0.4 // clear of the crop marks
						cx, cy, ok := markCentre(m, x0, g.stripY+edge.y-4, x0+2*joinInset-0.8, g.stripY+edge.y+4)
						if ok != edge.want {
							t.Errorf("strip %d: join mark on its %s: %v; want %v", k, edge.name, ok, edge.want)
							continue
						}
						if !ok {
							continue
						}
						if math.Abs(cy-(g.stripY+edge.y)) > 0.3 || math.Abs(cx-(g.stripX+side+joinInset)) > 0.3 {
							t.Errorf("strip %d: join mark on its %s at (%.2f, %.2f) mm; want centred on (%.2f, %.2f)",
								k, edge.name, cx, cy, g.stripX+side+joinInset, g.stripY+edge.y)
						}
						if side == 0 && edge.y == 0 && math.Abs(cx-prevX) > 0.3 {
							t.Errorf("strip %d: its top mark at x %.2f mm, strip %d's join mark at %.2f: they do not line up", k, cx, k-1, prevX)
						}
						if side == 0 && edge.y > 0 {
							prevX = cx
						}
					}
				}
			}
		})
	}
}

package pdf

import (
	"bytes"
	"io/fs"
	"regexp"
	"strconv"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// word is a word pdftotext -bbox finds, its extent in millimetres from the
// top left of its page, vertically only its capitals' height (baseline up
// to the cap height: poppler's box runs from the font's ascent to its
// descent, taller than the ink).
type word struct {
	text                  string
	page                  int
	x0, y0, x1, y1        float64
	pageWidth, pageHeight float64
}

var (
	pageRE = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>|<page `)
)

// words returns the words of every page of file.
func words(t *testing.T, file string) []word {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", file, "-")
	pages := pageRE.FindAllStringSubmatch(out, -1)
	var ws []word
	page := 0
	const mm = 25.4 / 72
	for _, m := range wordRE.FindAllStringSubmatch(out, -1) {
		if m[5] == "" && m[1] == "" {
			page++
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v * mm }
		x0, ymin, x1, ymax := f(m[1]), f(m[2]), f(m[3]), f(m[4])
		size := (ymax - ymin) / 1.164 // DejaVu Sans: ascent 0.928, descent 0.236
		base := ymax - 0.236*size
		w := word{text: m[5], page: page, x0: x0, y0: base - capHeight*size, x1: x1, y1: base}
		if page >= 1 && page <= len(pages) {
			w.pageWidth, w.pageHeight = f(pages[page-1][1]), f(pages[page-1][2])
		}
		ws = append(ws, w)
	}
	return ws
}

// TestLayout prints the synthetic stages (badges, long notes, resets,
// dangers, limits, the map) on each paper, and the whole Dakar 2026 example
// on A5, and checks with pdftotext -bbox that no two words overlap, every
// word is on its page, and on the box pages no word crosses a column or a
// row: nothing overprinted, nothing clipped.
func TestLayout(t *testing.T) {
	needTool(t, "pdftotext")
	books := []*roadbook.Book{
		syntheticBook("Stage 7 · Riyadh > Wādī ad-Dawāsir", 120e3, 23),
		syntheticBook("Stage 11 · Bisha > Al Henakiyah, a very long stage name that must be cut to fit", 900e3, 40),
	}
	for _, p := range []Paper{A5, A4, Roll, RollA4, RollA3} {
		t.Run(p.String(), func(t *testing.T) {
			checkLayout(t, p, books, Options{Paper: p, Rally: "Dakar 2026", Subtitles: []string{"Sunday 11 January 2026 · Riyadh > Wadi ad-Dawasir"}})
		})
	}
	t.Run("dakar2026", func(t *testing.T) {
		var books []*roadbook.Book
		names, _ := fs.Glob(dakar2026.FS, "[0-9][0-9]-*.gpx")
		for _, name := range names {
			b, err := fs.ReadFile(dakar2026.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := gpx.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			books = append(books, roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{}))
		}
		if len(books) != 14 {
			t.Fatalf("the example has %d stages; want 14", len(books))
		}
		checkLayout(t, A5, books, Options{Rally: "Dakar 2026"})
	})
}

// checkLayout prints books on paper p and checks the words' places.
func checkLayout(t *testing.T, p Paper, books []*roadbook.Book, opts Options) {
	t.Helper()
	g, _ := geometryOf(p)
	file := encodeFile(t, books, opts)
	ws := words(t, file)
	if len(ws) < 100 {
		t.Fatalf("pdftotext -bbox: %d words; want the stages' hundreds", len(ws))
	}
	first := map[int]bool{}
	rows := map[int]int{} // the boxes on each box page
	page := 1
	for _, b := range books {
		first[page] = true
		for i := range b.Boxes {
			rows[page+1+i/g.perPage]++
		}
		page += p.Pages(len(b.Boxes))
	}
	w := g.width - 2*g.margin
	cols := []float64{g.margin, g.margin + w*distFrac, g.margin + w*(distFrac+tulipFrac), g.width - g.margin}
	const eps = 0.1 // mm
	for i, a := range ws {
		if a.x0 < -eps || a.y0 < -eps || a.x1 > a.pageWidth+eps || a.y1 > a.pageHeight+eps {
			t.Errorf("page %d: %q at x %.1f–%.1f y %.1f–%.1f mm: off the %.0f × %.0f mm page", a.page, a.text, a.x0, a.x1, a.y0, a.y1, a.pageWidth, a.pageHeight)
		}
		for _, b := range ws[i+1:] {
			if b.page != a.page {
				break
			}
			if a.x0+eps < b.x1 && b.x0+eps < a.x1 && a.y0+eps < b.y1 && b.y0+eps < a.y1 {
				t.Errorf("page %d: %q (x %.1f–%.1f y %.1f–%.1f) and %q (x %.1f–%.1f y %.1f–%.1f) overlap",
					a.page, a.text, a.x0, a.x1, a.y0, a.y1, b.text, b.x0, b.x1, b.y0, b.y1)
			}
		}
		if g.strips {
			// The strip's own coordinates; the tab's and the sheet's
			// words under the rows are not in a box.
			a.x0, a.x1, a.y0, a.y1 = a.x0-g.stripX, a.x1-g.stripX, a.y0-g.stripY, a.y1-g.stripY
			if a.y0 > g.top+float64(rows[a.page])*g.boxH || (first[a.page] && a.y0 > g.firstHeight) {
				continue
			}
		}
		if first[a.page] || a.y0 < g.top {
			continue // a first page, the header
		}
		for _, c := range cols {
			if a.x0+eps < c && c < a.x1-eps {
				t.Errorf("page %d: %q (x %.1f–%.1f mm) crosses the column line at %.1f mm", a.page, a.text, a.x0, a.x1, c)
			}
		}
		row := int((a.y0 - g.top) / g.boxH)
		if bottom := g.top + float64(row+1)*g.boxH; a.y1 > bottom+eps {
			t.Errorf("page %d: %q (y %.1f–%.1f mm) crosses the row line at %.1f mm", a.page, a.text, a.y0, a.y1, bottom)
		}
	}
}

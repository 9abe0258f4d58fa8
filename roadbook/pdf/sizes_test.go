package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// pt returns a word's type size in points, from its capitals' height.
func (w word) pt() float64 { return (w.y1 - w.y0) / (capHeight * mmPerPt) }

// TestTypeSizes prints Dakar Stage 7 on A5 and measures every word with
// pdftotext -bbox: nothing under 8 pt; the CAPs and the notes 12 pt or
// more; the partials 10 pt or more; the totals larger still.
func TestTypeSizes(t *testing.T) {
	needTool(t, "pdftotext")
	b, err := dakar2026.FS.Open("07-stage7.gpx")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	f, err := gpx.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	book := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	// The example's notes are text with symbols: no drawing to warn of.
	warn := func(m string) { t.Errorf("unexpected warning: %s", m) }
	file := encodeFile(t, []*roadbook.Book{book}, Options{Rally: "Dakar 2026", Warn: warn})
	ws := words(t, file)
	g, _ := geometryOf(A5)
	w := g.width - 2*g.margin
	notesX := g.margin + w*(distFrac+tulipFrac)
	partialX := g.margin + w*distFrac*0.5

	noteWords := map[string]bool{}
	partials := map[string]bool{}
	for _, bx := range book.Boxes {
		for _, s := range strings.Fields(bx.Notes) {
			noteWords[s] = true
		}
		partials[route.Km(bx.Partial)] = true
	}
	const eps = 0.3 // pt: pdftotext's boxes are rounded
	var caps, notes, parts int
	for i, a := range ws {
		size := a.pt()
		if size < 8-eps {
			t.Errorf("page %d: %q is %.1f pt; want 8 pt or more", a.page, a.text, size)
		}
		if a.page == 1 || a.y0 < g.top {
			continue
		}
		switch {
		case a.text == "CAP" || (i > 0 && ws[i-1].text == "CAP" && len(a.text) == 3):
			caps++
			if size < 12-eps {
				t.Errorf("page %d: CAP word %q is %.1f pt; want 12 pt or more", a.page, a.text, size)
			}
		case a.x0 >= notesX && noteWords[a.text] && !factWord(a.text):
			notes++
			if size < 12-eps {
				t.Errorf("page %d: note word %q is %.1f pt; want 12 pt or more", a.page, a.text, size)
			}
		case a.x1 <= partialX && partials[a.text]:
			parts++
			if size < 10-eps {
				t.Errorf("page %d: partial %q is %.1f pt; want 10 pt or more", a.page, a.text, size)
			}
		}
	}
	if caps < 2*len(book.Boxes) || notes < len(book.Boxes)/2 || parts < len(book.Boxes)-1 {
		t.Errorf("measured %d CAP words, %d note words, %d partials of %d boxes; want them all", caps, notes, parts, len(book.Boxes))
	}
}

// factWord reports whether a word may belong to a box's facts line (time
// allowed, neutralisation, stop, coordinates), printed smaller.
func factWord(s string) bool {
	switch s {
	case "CH", "allowed", "neutralised", "STOP", "h", "min", "s", "N", "S", "E", "W":
		return true
	}
	return strings.Contains(s, "'") || strings.Trim(s, "0123456789") == ""
}

// TestLegendTypeSizes measures every word of the A5 legend sheet with
// pdftotext -bbox, the words inside the drawings too (BIVY, RESET, STOP,
// the 0000 of the trip meter): nothing under 8 pt. They printed at 5 to
// 7.7 pt when the sheet drew its symbols 9 mm high.
func TestLegendTypeSizes(t *testing.T) {
	needTool(t, "pdftotext")
	var buf bytes.Buffer
	if err := EncodeLegend(&buf, Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "legend.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const eps = 0.3 // pt: pdftotext's boxes are rounded
	seen := map[string]bool{}
	for _, a := range words(t, file) {
		seen[a.text] = true
		if size := a.pt(); size < 8-eps {
			t.Errorf("page %d: %q is %.1f pt; want 8 pt or more", a.page, a.text, size)
		}
	}
	for _, w := range []string{"BIVY", "CAMP", "RESET", "STOP"} {
		if !seen[w] {
			t.Errorf("the legend has no word %q (a drawing's word measured)", w)
		}
	}
}

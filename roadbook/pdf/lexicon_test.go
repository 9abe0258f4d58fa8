package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// TestLegendCodes prints the legend sheet on every paper and finds every
// symbol's code in its text with pdftotext.
func TestLegendCodes(t *testing.T) {
	needTool(t, "pdftotext")
	for _, paper := range []Paper{A5, A4, Roll} {
		t.Run(paper.String(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeLegend(&buf, Options{Paper: paper, Rally: "Dakar 2026"}); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "legend.pdf")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			words := map[string]bool{}
			for _, w := range strings.Fields(run(t, "pdftotext", file, "-")) {
				words[w] = true
			}
			for _, s := range lexicon.All() {
				if !words[s.Code] {
					t.Errorf("legend on %s: no code %q in the text", paper, s.Code)
				}
			}
			pages := render(t, file)
			if pages < 2 || pages > 12 {
				t.Errorf("legend on %s: %d pages", paper, pages)
			}
			t.Logf("%s: %d pages, %d bytes", paper, pages, buf.Len())
		})
	}
}

func TestLegendDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := EncodeLegend(&a, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := EncodeLegend(&b, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two legends differ")
	}
	if err := EncodeLegend(&a, Options{Paper: Paper(9)}); err == nil {
		t.Error("EncodeLegend(unknown paper) succeeded")
	}
}

// TestSymbolsOnPage draws every symbol, and family members, on a page.
func TestSymbolsOnPage(t *testing.T) {
	g, _ := geometryOf(A5)
	d := newDoc(g, Options{})
	d.f.AddPage()
	syms := lexicon.All()
	for _, code := range []string{"speed-limit-130", "speed-limit-end-30", "distance-1500", "wp-number-999"} {
		s, _ := lexicon.Lookup(code)
		syms = append(syms, s)
	}
	for i, s := range syms {
		w := d.symbol(s, 5+float64(i%10)*13, 5+float64(i/10)*8, 7)
		if want := s.Width * 7 / lexicon.Height; math.Abs(w-want) > 1e-9 {
			t.Errorf("%s: width %v mm; want %v", s.Code, w, want)
		}
		if err := d.f.Error(); err != nil {
			t.Fatalf("%s: %v", s.Code, err)
		}
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		t.Fatal(err)
	}
}

// TestNoteBlock lays notes out in an A5 notes box: every line within the
// width, symbols 10 mm and text 12 pt when the note fits, smaller (down to
// 70 %) when it does not, and never past the box.
func TestNoteBlock(t *testing.T) {
	g, _ := geometryOf(A5)
	const w, h = 46.0, 25.0
	tests := []struct {
		note      string
		fullSize  bool
		wantLines int // 0: any
	}{
		{"{village} {danger-2} L into {wadi}", true, 0},
		{"KR onto the main track", true, 2},
		{"{dunes-many} {sandy} {cap} 127", true, 0},
		{"Fuel {fuel-zone}\nthen {speed-limit-50} until {fz}", true, 2},
		{"Fuel {fuel-zone}\nthen {speed-limit-50} until {fz}\nthen {hole}", false, 3},
		{strings.Repeat("{hole} long note with many words ", 8), false, 0},
		{"Wādī ad-Dawāsir {wadi} {{literal}}", true, 0},
		{"Averyveryveryverylongwordwithoutanyspaceatallthatmustsplit", true, 0},
	}
	for _, tt := range tests {
		d := newDoc(g, Options{})
		d.f.AddPage()
		full := d.layoutNote(tt.note, w, noteTextPt, noteSymbolMM)
		total := 0.0
		for _, l := range full {
			total += l.Height
			used := 0.0
			if n := len(l.Items); n > 0 {
				used = l.Items[n-1].X + l.Items[n-1].W
			}
			if used > w+1e-6 {
				t.Errorf("%q: line %.1f mm wide in %v mm", tt.note, used, w)
			}
		}
		if (total <= h) != tt.fullSize {
			t.Errorf("%q: %.1f mm at full size in a %v mm box; fits = %v, want %v", tt.note, total, h, total <= h, tt.fullSize)
		}
		if tt.wantLines > 0 && len(full) != tt.wantLines {
			t.Errorf("%q: %d lines; want %d", tt.note, len(full), tt.wantLines)
		}
		used := d.noteBlock(tt.note, 10, 10, w, h, black)
		if used > h+1e-6 || used <= 0 {
			t.Errorf("%q: noteBlock used %.1f mm of %v", tt.note, used, h)
		}
		if err := d.f.Error(); err != nil {
			t.Fatal(err)
		}
	}
	// Symbols keep their size inside a line: 10 mm at full size.
	d := newDoc(g, Options{})
	d.f.AddPage()
	lines := d.layoutNote("{village} L", w, noteTextPt, noteSymbolMM)
	if len(lines) != 1 || lines[0].Items[0].Symbol == nil || lines[0].Height < noteSymbolMM {
		t.Fatalf("layout of {village} L: %+v", lines)
	}
	if got := lines[0].Items[0].W; got != noteSymbolMM {
		t.Errorf("village symbol %v mm wide; want %v", got, noteSymbolMM)
	}
}

// TestNoteBlockText prints notes with symbols and finds their words (and
// no braces) in the PDF's text.
func TestNoteBlockText(t *testing.T) {
	needTool(t, "pdftotext")
	g, _ := geometryOf(A5)
	d := newDoc(g, Options{})
	d.f.AddPageFormat("P", fpdf.SizeType{Wd: g.width, Ht: g.height})
	d.noteBlock("{village} {danger-2} Left into {wadi} then {speed-limit-50}", 10, 10, 50, 30, black)
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "n.pdf")
	os.WriteFile(file, buf.Bytes(), 0o644)
	text := run(t, "pdftotext", file, "-")
	for _, w := range []string{"Left", "into", "then", "50"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext: no %q in %q", w, text)
		}
	}
	if strings.Contains(text, "{") {
		t.Errorf("pdftotext: a brace printed: %q", text)
	}
}

// TestLegendOption prints roadbooks with Options.Legend on every paper:
// the legend sheet follows them, Paper.LegendPages pages (as many as
// EncodeLegend prints alone), on the sheet for a roll in strips.
func TestLegendOption(t *testing.T) {
	needTool(t, "pdfinfo")
	book := syntheticBook("Stage 7", 50e3, 7)
	for _, p := range []Paper{A5, A4, Roll, RollA4, RollA3} {
		t.Run(p.String(), func(t *testing.T) {
			var alone bytes.Buffer
			if err := EncodeLegend(&alone, Options{Paper: p}); err != nil {
				t.Fatal(err)
			}
			if got := pdfPages(t, writeTemp(t, alone.Bytes())); got != p.LegendPages() {
				t.Errorf("EncodeLegend: %d pages; LegendPages() = %d", got, p.LegendPages())
			}
			file := encodeFile(t, []*roadbook.Book{book}, Options{Paper: p, Legend: true})
			if got, want := pdfPages(t, file), p.Pages(len(book.Boxes))+p.LegendPages(); got != want {
				t.Errorf("Encode(Legend): %d pages; want %d", got, want)
			}
			g, _ := geometryOf(p)
			lg := legendPage(g)
			if w, h := pageSize(t, file, p.Pages(len(book.Boxes))+1); math.Abs(w-lg.width) > 0.1 || math.Abs(h-lg.height) > 0.1 {
				t.Errorf("the legend's first page is %.1f × %.1f mm; want %.1f × %.1f", w, h, lg.width, lg.height)
			}
		})
	}
}

// pageSize returns the size in millimetres of a page of file (pdfinfo).
func pageSize(t *testing.T, file string, page int) (float64, float64) {
	t.Helper()
	pg := fmt.Sprint(page)
	info := run(t, "pdfinfo", "-f", pg, "-l", pg, file)
	var w, h float64
	for _, l := range strings.Split(info, "\n") {
		if strings.HasPrefix(l, "Page") && strings.Contains(l, "size:") {
			if _, err := fmt.Sscanf(strings.TrimSpace(l[strings.Index(l, "size:")+5:]), "%g x %g", &w, &h); err == nil {
				return w * 25.4 / 72, h * 25.4 / 72
			}
		}
	}
	t.Fatalf("pdfinfo: no size of page %d:\n%s", page, info)
	return 0, 0
}

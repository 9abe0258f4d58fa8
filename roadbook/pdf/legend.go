package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// The legend sheet's layout, in millimetres at the paper's scale.
const (
	legendSymbolMM = symbolHeight // symbol height: as the notes print them
	legendCellMM   = 22.0         // the symbol's column
	legendRowMM    = 12.5         // one entry
	legendHeadMM   = 9.0          // a category heading
)

// EncodeLegend writes the legend sheet alone as a PDF to w: every symbol
// of package lexicon, grouped by category, drawn with its code, its
// abbreviation and its meaning (English, then French), on pages of
// opts.Paper (Roll prints A5-wide strips). Notes write a symbol as its code
// in braces ("{village}"). Identical options give identical bytes.
func EncodeLegend(w io.Writer, opts Options) error {
	g, ok := geometryOf(opts.Paper)
	if !ok {
		return fmt.Errorf("pdf: unknown paper %v", opts.Paper)
	}
	opts.Rally = clean(opts.Rally, false)
	d := newDoc(g, opts)
	title := "Roadbook symbols"
	if opts.Title != "" {
		title = clean(opts.Title, false)
	}
	d.f.SetTitle(title, true)
	d.legendSheet()
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: legend: %w", err)
	}
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// errNoLegend is returned when the symbol table is empty (never, unless the
// lexicon is broken).
var errNoLegend = errors.New("pdf: legend: no symbols")

// legendItem is one thing the legend sheet prints: a category's heading
// or a symbol, on a page (from 0), at a height and in a column.
type legendItem struct {
	page, col int
	y         float64
	cat       lexicon.Category // a heading when sym is nil
	sym       *lexicon.Symbol
}

// legendPage is the page the legend sheet is printed on for geometry g: the
// paper's own, but A5-high for a roll (whose pages are strips) and the
// whole sheet for a roll printed in strips.
func legendPage(g geometry) geometry {
	switch {
	case g.strips:
		sg := g
		sg.width, sg.height, sg.margin = g.sheetW, g.sheetH, 10
		sg.scale = g.sheetW / 148
		sg.top, sg.bottom = 13*sg.scale, 7*sg.scale
		sg.strips = false
		return sg
	case g.roll:
		rg := g
		rg.height = 210
		return rg
	}
	return g
}

// legendLayout places the legend sheet's headings and symbols on pages of
// geometry g: a heading per category (kept with its first row), then its
// symbols in columns. It returns the items, the number of pages and the
// column width.
func legendLayout(g geometry) ([]legendItem, int, float64) {
	syms := lexicon.All()
	if len(syms) == 0 {
		return nil, 0, 0
	}
	s := g.scale
	colW := 67.0 * s
	cols := max(1, int((g.width-2*g.margin+4)/colW))
	colW = (g.width - 2*g.margin - float64(cols-1)*3) / float64(cols)
	rowH := legendRowMM * s
	top, bottom := g.top+2*s, g.height-g.bottom
	var items []legendItem
	page, y := 0, top
	byCat := map[lexicon.Category][]*lexicon.Symbol{}
	for _, sym := range syms {
		byCat[sym.Category] = append(byCat[sym.Category], sym)
	}
	for _, cat := range lexicon.Categories() {
		list := byCat[cat]
		if len(list) == 0 {
			continue
		}
		// A heading stays with at least its first row.
		if y+legendHeadMM*s+rowH > bottom {
			page, y = page+1, top
		}
		items = append(items, legendItem{page: page, y: y, cat: cat})
		y += legendHeadMM * s
		for i := 0; i < len(list); i += cols {
			if y+rowH > bottom {
				page, y = page+1, top
			}
			for j := 0; j < cols && i+j < len(list); j++ {
				items = append(items, legendItem{page: page, col: j, y: y, cat: cat, sym: list[i+j]})
			}
			y += rowH
		}
		y += 1.5 * s
	}
	return items, page + 1, colW
}

// LegendPages returns the number of pages the legend sheet takes on paper
// p (EncodeLegend, Options.Legend); 0 for an unknown paper.
func (p Paper) LegendPages() int {
	g, ok := geometryOf(p)
	if !ok {
		return 0
	}
	_, n, _ := legendLayout(legendPage(g))
	return n
}

// legendSheet adds the legend pages to d (legendLayout), with a bookmark
// at the first, and returns the number of pages added.
func (d *doc) legendSheet() int {
	saved := d.g
	defer func() { d.g = saved }()
	d.g = legendPage(d.g)
	g := d.g
	items, pages, colW := legendLayout(g)
	if pages == 0 {
		d.f.SetError(errNoLegend)
		return 0
	}
	rowH := legendRowMM * g.scale
	page := -1
	for _, it := range items {
		for page < it.page {
			page++
			d.f.AddPageFormat("P", fpdf.SizeType{Wd: g.width, Ht: g.height})
			if page == 0 {
				d.f.Bookmark("Roadbook symbols", 0, 0)
			}
			d.sheetHeader(page + 1)
		}
		if it.sym == nil {
			d.legendHeading(it.cat, it.y)
			continue
		}
		d.legendEntry(it.sym, g.margin+float64(it.col)*(colW+3), it.y, colW, rowH)
	}
	return pages
}

// sheetHeader prints the running head of a legend page.
func (d *doc) sheetHeader(page int) {
	f, g := d.f, d.g
	s := g.scale
	base := g.top - 5.5*s
	left := "Roadbook symbols"
	if d.opts.Rally != "" {
		left = d.opts.Rally + " · " + left
	}
	right := fmt.Sprintf("legend %d", page)
	d.color(black)
	f.SetFont(family, "", 8*s)
	rw := f.GetStringWidth(right)
	f.Text(g.width-g.margin-rw, base, right)
	f.SetFont(family, "B", 8*s)
	f.Text(g.margin, base, fitString(f, left, g.width-2*g.margin-rw-4))
	f.SetFont(family, "", 8*s)
	hint := "in notes: {code}"
	hw := f.GetStringWidth(hint)
	f.Text((g.width-hw)/2, base, hint)
	d.draw(black)
	f.SetLineWidth(0.3)
	f.Line(g.margin, g.top-3*s, g.width-g.margin, g.top-3*s)
}

// legendHeading prints a category's title with a rule under it.
func (d *doc) legendHeading(cat lexicon.Category, y float64) {
	f, g := d.f, d.g
	s := g.scale
	f.SetFont(family, "B", 11*s)
	d.color(black)
	f.Text(g.margin, y+5.2*s, cat.Title())
	d.draw(grey)
	f.SetLineWidth(0.25 * s)
	f.Line(g.margin, y+7*s, g.width-g.margin, y+7*s)
}

// legendEntry prints one symbol: the drawing centred in its cell, then the
// code (bold), the abbreviation, and the meaning wrapped on up to two
// lines, the French after the English.
func (d *doc) legendEntry(sym *lexicon.Symbol, x, y, w, h float64) {
	f := d.f
	s := d.g.scale
	cell := legendCellMM * s
	symH := legendSymbolMM * s
	if sw := symbolWidth(sym, symH); sw > cell-1 {
		symH *= (cell - 1) / sw // a long abbreviation fits its cell
	}
	sw := symbolWidth(sym, symH)
	d.symbol(sym, x+(cell-sw)/2, y+(h-symH)/2, symH)

	tx := x + cell + 1.5*s
	tw := w - cell - 1.5*s
	code := sym.Code
	f.SetFont(family, "B", 9*s)
	fitSize(f, code, 9*s, 8*s, tw)
	d.color(black)
	base := y + 3.6*s
	f.Text(tx, base, code)
	if sym.Abbr != "" && !strings.EqualFold(sym.Abbr, sym.Code) {
		cw := f.GetStringWidth(code)
		f.SetFont(family, "", 8*s)
		abbr := "  " + sym.Abbr
		if cw+f.GetStringWidth(abbr) <= tw {
			d.color(grey)
			f.Text(tx+cw, base, abbr)
		}
	}
	meaning := sym.Meaning
	if sym.French != "" && !strings.EqualFold(sym.French, sym.Meaning) {
		meaning += " · " + sym.French
	}
	f.SetFont(family, "", 8*s)
	d.color(black)
	lines := f.SplitText(clean(meaning, false), tw)
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = fitString(f, lines[1]+"…", tw)
	}
	for i, l := range lines {
		f.Text(tx, base+(3.6+float64(i)*3.4)*s, l)
	}
}

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
	legendSymbolMM = 9.0  // symbol height
	legendCellMM   = 22.0 // the symbol's column
	legendRowMM    = 12.5 // one entry
	legendHeadMM   = 9.0  // a category heading
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

// legendSheet adds the legend pages to d: a heading per category, then its
// symbols in columns, each drawn legendSymbolMM high beside its code,
// abbreviation and meaning. It returns the number of pages added.
func (d *doc) legendSheet() int {
	syms := lexicon.All()
	if len(syms) == 0 {
		d.f.SetError(errNoLegend)
		return 0
	}
	g := d.g
	s := g.scale
	width, height := g.width, g.height
	if g.roll {
		height = 210 // a roll prints the legend as A5-high strips
	}
	colW := 67.0 * s
	cols := max(1, int((width-2*g.margin+4)/colW))
	colW = (width - 2*g.margin - float64(cols-1)*3) / float64(cols)
	rowH := legendRowMM * s
	pages := 0
	var y, bottom float64
	newPage := func() {
		d.f.AddPageFormat("P", fpdf.SizeType{Wd: width, Ht: height})
		pages++
		d.sheetHeader(pages)
		y = g.top + 2*s
		bottom = height - g.bottom
	}
	newPage()
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
			newPage()
		}
		d.legendHeading(cat, y)
		y += legendHeadMM * s
		for i := 0; i < len(list); i += cols {
			if y+rowH > bottom {
				newPage()
			}
			for j := 0; j < cols && i+j < len(list); j++ {
				d.legendEntry(list[i+j], g.margin+float64(j)*(colW+3), y, colW, rowH)
			}
			y += rowH
		}
		y += 1.5 * s
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

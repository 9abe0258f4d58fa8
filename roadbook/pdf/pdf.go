// Package pdf prints roadbooks as PDF: the FIA layout of rows of three
// boxes (distance, tulip, notes) that crews read top to bottom, on A5
// booklet pages, A4 pages or a 150 mm roll, with a first page per stage that
// holds the section table and an overview map of the route.
//
// Goals: a print that a co-driver can use as is; vector drawings only (the
// tulips, the map); fonts embedded and subset (DejaVu Sans, full
// Latin-extended coverage, so "Ha'il", "Baciuška" and "Wādī ad-Dawāsir"
// print right); byte-identical output for identical input. Non-goals:
// reading PDF back, right-to-left scripts. The file's own tulip and notes
// drawings are printed as they are (PNG and JPEG as images, SVG as
// vectors); the tulips drawn from the route are vectors.
//
// Units: page geometry is in millimetres, type sizes in points; box
// distances (roadbook.Box.Total, Partial) are metres and print as kilometres
// with two decimals ("123.45"); headings are degrees from true north.
//
// A box never splits across pages: every paper holds a whole number of
// boxes per page (Paper.BoxesPerPage). Each stage takes 1 + ⌈boxes ÷
// BoxesPerPage⌉ pages.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// Paper is the page format.
type Paper uint8

// The papers.
const (
	// A5 is a 148 × 210 mm booklet page with 5 boxes, the usual car
	// co-driver's roadbook (the zero value).
	A5 Paper = iota
	// A4 is a 210 × 297 mm page with 6 larger boxes and larger type.
	A4
	// Roll is a strip 150 mm wide for bike roadbook holders: pages of
	// 150 × 590 mm holding 15 boxes each, the last one only as long as its
	// boxes need, so the pages can be printed or joined as one strip on a
	// roll printer.
	Roll
	// RollA4 is the roll printed as strips on A4 sheets, one a sheet, for
	// an office printer: each strip 150 mm wide with 6 boxes, numbered,
	// with cut lines, a glue tab under it and join marks that line up with
	// the next strip's.
	RollA4
	// RollA3 is the roll printed as strips on A3 sheets: 9 boxes a strip,
	// fewer joins.
	RollA3
)

var paperNames = [...]string{"a5", "a4", "roll", "roll-a4", "roll-a3"}

// String returns "a5", "a4", "roll", "roll-a4" or "roll-a3".
func (p Paper) String() string {
	if int(p) < len(paperNames) {
		return paperNames[p]
	}
	return fmt.Sprintf("Paper(%d)", p)
}

// ParsePaper returns the Paper named s ("a5", "A4", "roll", "roll-a4",
// "roll-a3"; case is ignored), or an error for any other name.
func ParsePaper(s string) (Paper, error) {
	for i, n := range paperNames {
		if strings.EqualFold(s, n) {
			return Paper(i), nil
		}
	}
	return 0, fmt.Errorf("pdf: unknown paper %q (want a5, a4, roll, roll-a4 or roll-a3)", s)
}

// BoxesPerPage returns how many boxes a box page of p holds: 5 for A5, 6
// for A4, 15 for Roll, 6 for a strip of RollA4, 9 for RollA3; 0 for an
// unknown paper.
func (p Paper) BoxesPerPage() int {
	g, ok := geometryOf(p)
	if !ok {
		return 0
	}
	return g.perPage
}

// Pages returns the number of pages a stage of n boxes takes on paper p
// (for RollA4 and RollA3, its strips, one a sheet): the first page plus
// ⌈n ÷ BoxesPerPage⌉ box pages. It returns 0 for an unknown paper; n < 0
// counts as 0.
func (p Paper) Pages(n int) int {
	per := p.BoxesPerPage()
	if per == 0 {
		return 0
	}
	if n < 0 {
		n = 0
	}
	return 1 + (n+per-1)/per
}

// Options configures Encode. The zero value prints A5 pages without a rally
// name.
type Options struct {
	// Paper is the page format; the zero value is A5.
	Paper Paper
	// Rally is the rally's name, printed in every page header and on the
	// first pages ("Dakar 2026"); "" prints none.
	Rally string
	// Title is the document title in the PDF metadata; "" means the rally
	// name and the stage name (for one stage), or the rally name alone.
	Title string
	// Subtitles are lines printed under each stage's name on its first page
	// ("11 January 2026 · Riyadh > Wadi ad-Dawasir"), parallel to the
	// roadbooks given to Encode; missing or "" entries print nothing.
	Subtitles []string
	// Date is the creation date written in the PDF metadata; the zero value
	// writes 2000-01-01 00:00 UTC, so output depends on the input alone.
	Date time.Time
	// Rules gives the radii printed under the waypoint badges where the
	// file gives none; nil means the defaults (route.Rules.RadiiFor).
	Rules *route.Rules
	// Redraw prints the tulips drawn from the route even where the file
	// gives its own (by default the author's drawings are the roadbook).
	Redraw bool
	// Legend adds the legend sheet after the roadbooks: every symbol notes
	// can use, with its code and meaning, as EncodeLegend prints it
	// (Paper.LegendPages pages, bookmarked "Roadbook symbols").
	Legend bool
	// Warn, when not nil, is told of each drawing of the file that cannot
	// be read ("pdf: Stage 7: box 12: the tulip drawing cannot be read:
	// …"; the page says so in the box too) or is printed without some of
	// its parts ("… the tulip drawing is printed without its filters").
	Warn func(msg string)
}

// defaultDate is the metadata date when Options.Date is zero.
var defaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Encode writes books as one PDF to w: for each roadbook, in order, a first
// page (stage name, section table, overview map) and then its boxes, a
// whole number per page; then, with Options.Legend, the legend sheet. A
// roadbook without a Stage (or whose stage has no route) gets a first page
// without map and table. Identical input gives identical bytes.
//
// Encode returns an error when books is empty, holds a nil roadbook, the
// paper is unknown, or writing to w fails.
func Encode(w io.Writer, books []*roadbook.Book, opts Options) error {
	if len(books) == 0 {
		return errors.New("pdf: no roadbooks to print")
	}
	for i, b := range books {
		if b == nil {
			return fmt.Errorf("pdf: roadbook %d: nil", i+1)
		}
	}
	g, ok := geometryOf(opts.Paper)
	if !ok {
		return fmt.Errorf("pdf: unknown paper %v", opts.Paper)
	}
	opts.Rally, opts.Title = clean(opts.Rally, false), clean(opts.Title, false)
	opts.Subtitles = append([]string(nil), opts.Subtitles...)
	for i, sub := range opts.Subtitles {
		opts.Subtitles[i] = clean(sub, false)
	}
	d := newDoc(g, opts)
	d.f.SetTitle(docTitle(books, opts), true)
	for i, b := range books {
		sub := ""
		if i < len(opts.Subtitles) {
			sub = opts.Subtitles[i]
		}
		d.stage = stageName(b, i)
		d.book(b, d.stage, sub)
		if err := d.f.Error(); err != nil {
			return fmt.Errorf("pdf: %s: %w", stageName(b, i), err)
		}
	}
	if opts.Legend {
		d.legendSheet()
		if err := d.f.Error(); err != nil {
			return fmt.Errorf("pdf: legend: %w", err)
		}
	}
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// stageName returns the name printed for book i: its stage's name, else
// "Roadbook i+1".
func stageName(b *roadbook.Book, i int) string {
	if b.Stage != nil {
		if name := strings.TrimSpace(clean(b.Stage.Name, false)); name != "" {
			return name
		}
	}
	return fmt.Sprintf("Roadbook %d", i+1)
}

func docTitle(books []*roadbook.Book, opts Options) string {
	if opts.Title != "" {
		return opts.Title
	}
	switch {
	case len(books) == 1 && opts.Rally != "":
		return opts.Rally + " – " + stageName(books[0], 0)
	case len(books) == 1:
		return stageName(books[0], 0)
	case opts.Rally != "":
		return opts.Rally
	}
	return "Roadbook"
}

// clean makes s printable with the embedded fonts: invalid UTF-8 and runes
// beyond the Basic Multilingual Plane (emoji, which fpdf cannot index) become
// U+FFFD "�", control characters a space; newlines are kept when keepLines
// is set (notes), else they become spaces too.
func clean(s string, keepLines bool) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || (unicode.IsControl(r) && !(keepLines && r == '\n')) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case keepLines && r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r == utf8.RuneError || r > 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

package pdf

import (
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/internal/fonts"
	"github.com/roadbook/roadbook/route"
)

// The embedded fonts (roadbook/internal/fonts). fpdf embeds only the
// glyphs a document uses.
var (
	fontRegular = fonts.Regular
	fontBold    = fonts.Bold
)

const family = "DejaVu"

// geometry is the page layout of a paper, in millimetres.
type geometry struct {
	width, height float64 // a box page (Roll: a full one)
	firstHeight   float64 // the first page of a stage
	margin        float64 // left and right
	top           float64 // from the page top to the first box (the header's height)
	bottom        float64 // under the last box
	boxH          float64 // one row of boxes
	perPage       int
	scale         float64 // type and line scale, 1 for A5
	roll          bool    // the last box page is cut to its boxes
	// strips prints a roll's pages as strips, one on each sheet of
	// sheetW × sheetH mm, its top-left corner at (stripX, stripY) on the
	// sheet, with cut lines, a glue tab of tab mm under every strip but a
	// stage's last, and join marks (strip.go).
	strips         bool
	sheetW, sheetH float64
	stripX, stripY float64
	tab            float64
}

func geometryOf(p Paper) (geometry, bool) {
	switch p {
	case A5:
		return geometry{width: 148, height: 210, firstHeight: 210, margin: 7, top: 13, bottom: 7, boxH: 38, perPage: 5, scale: 1}, true
	case A4:
		return geometry{width: 210, height: 297, firstHeight: 297, margin: 10, top: 15.5, bottom: 10, boxH: 45, perPage: 6, scale: 1.2}, true
	case Roll:
		g := geometry{width: 150, firstHeight: 230, margin: 5, top: 13, bottom: 7, boxH: 38, perPage: 15, scale: 1, roll: true}
		g.height = g.top + float64(g.perPage)*g.boxH + g.bottom
		return g, true
	case RollA4:
		return stripGeometry(210, 297), true
	case RollA3:
		return stripGeometry(297, 420), true
	}
	return geometry{}, false
}

// stripGeometry returns the geometry of a roll printed as strips on
// sheets of w × h mm (portrait): the roll's page layout, each strip
// centred across the sheet stripMargin from its top, holding the rows
// that fit above its glue tab and the line that says how to join it.
func stripGeometry(w, h float64) geometry {
	g, _ := geometryOf(Roll)
	g.strips = true
	g.sheetW, g.sheetH = w, h
	g.stripX, g.stripY = (w-g.width)/2, stripMargin
	g.tab = 12
	room := h - 2*stripMargin - g.top - g.tab - stripNote
	g.perPage = int(room / g.boxH)
	g.height = g.top + float64(g.perPage)*g.boxH + g.bottom
	return g
}

// stripMargin is the sheet's margin, in mm, above a strip (and the least
// under it); stripNote is the room under the strip for the line that says
// how to join it.
const (
	stripMargin = 8.0
	stripNote   = 11.0
)

// pageHeight returns the height of a box page holding n boxes (for
// strips: of the strip).
func (g geometry) pageHeight(n int) float64 {
	if g.roll {
		return g.top + float64(n)*g.boxH + g.bottom
	}
	return g.height
}

// The column widths as fractions of the row (the FIA layout: a quarter for
// the distance, three eighths for the tulip, the rest for the notes).
const (
	distFrac  = 0.25
	tulipFrac = 0.375
)

// Colours (RGB).
var (
	black     = rgb{0, 0, 0}
	white     = rgb{255, 255, 255}
	grey      = rgb{110, 110, 110}
	capYellow = rgb{255, 214, 0}
	red       = rgb{210, 16, 16}
	green     = rgb{0, 120, 60}
	blue      = rgb{40, 90, 170}
	// closeGreen fills the distance box of a box close to the previous
	// one (the FIA's green; the Tulip editor's #93ff93).
	closeGreen = rgb{147, 255, 147}
	// zoneOrange brackets the rows of a speed zone.
	zoneOrange = rgb{255, 150, 0}
	// measuredGrey prints what roadbook measured where the file says
	// nothing (a CAP): dark enough to read, plainly not the author's black
	// on yellow.
	measuredGrey = rgb{85, 85, 85}
)

type rgb struct{ r, g, b int }

// doc is one PDF being written.
type doc struct {
	f     *fpdf.Fpdf
	g     geometry
	opts  Options
	stage string // the name of the stage being printed, for warnings
	// trims holds, by image name, the part of each trimmed raster
	// drawing that is printed (drawImage).
	trims map[string]trimmed
}

func newDoc(g geometry, opts Options) *doc {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: g.width, Ht: g.height},
	})
	date := opts.Date
	if date.IsZero() {
		date = defaultDate
	}
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetCreator("roadbook", false)
	f.SetProducer("roadbook (fpdf)", false)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(g.margin, g.top, g.margin)
	f.SetCellMargin(0)
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.SetFont(family, "", 9)
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("round")
	return &doc{f: f, g: g, opts: opts, trims: map[string]trimmed{}}
}

// book prints one roadbook: its first page and its box pages.
func (d *doc) book(b *roadbook.Book, name, subtitle string) {
	per := d.g.perPage
	n := len(b.Boxes)
	pages := 1 + (n+per-1)/per
	d.beginPage(d.g.firstHeight)
	d.firstPage(b, name, subtitle, pages)
	d.endPage(d.g.firstHeight, 1, pages, name)
	d.f.Bookmark(name, 0, 0)
	inf := infos(b)
	for p := 1; p < pages; p++ {
		lo := (p - 1) * per
		hi := min(lo+per, n)
		d.beginPage(d.g.pageHeight(hi - lo))
		d.header(name, p+1, pages)
		y := d.g.top
		for i := lo; i < hi; i++ {
			// A bookmark for each section where its first box is.
			if st := b.Stage; st != nil && (i == 0 || b.Boxes[i].Section != b.Boxes[i-1].Section) && b.Boxes[i].Section >= 0 {
				sec := b.Boxes[i].Section
				if sec < len(st.Sections) {
					d.f.Bookmark(fmt.Sprintf("%s · %s km", st.SectionLabel(sec), route.Km(b.SectionTotal(sec))), 1, y+d.g.stripY)
				}
			}
			d.box(&b.Boxes[i], inf[i], d.g.margin, y)
			y += d.g.boxH
		}
		d.endPage(d.g.top+float64(hi-lo)*d.g.boxH, p+1, pages, name)
	}
}

// beginPage adds a page whose content is h mm high: a page of that height
// (A5 and A4 always their own), or, for strips, a sheet whose drawing is
// moved to the strip's place on it.
func (d *doc) beginPage(h float64) {
	g := d.g
	if !g.strips {
		d.f.AddPageFormat("P", fpdf.SizeType{Wd: g.width, Ht: h})
		return
	}
	d.f.AddPageFormat("P", fpdf.SizeType{Wd: g.sheetW, Ht: g.sheetH})
	d.f.TransformBegin()
	d.f.TransformTranslate(g.stripX, g.stripY)
}

// endPage ends a page begun with beginPage, the n-th of a stage's pages,
// whose content ends h mm from its top (a box page: its last row's bottom
// edge): for strips, it draws the strip's cut lines, join marks and glue
// tab (strip.go).
func (d *doc) endPage(h float64, n, pages int, name string) {
	if !d.g.strips {
		return
	}
	d.stripFurniture(h, n, pages, name)
	d.f.TransformEnd()
}

// header prints the running head: rally and stage on the left, "page n of
// N" (within the stage; "strip n of N" for strips) on the right, a rule
// under them.
func (d *doc) header(name string, page, pages int) {
	f, g := d.f, d.g
	s := g.scale
	base := g.top - 5.5*s
	left := name
	if d.opts.Rally != "" {
		left = d.opts.Rally + " · " + name
	}
	right := fmt.Sprintf("page %d of %d", page, pages)
	if g.strips {
		right = fmt.Sprintf("strip %d of %d", page, pages)
	}
	d.color(black)
	f.SetFont(family, "", minType*s)
	rw := f.GetStringWidth(right)
	f.Text(g.width-g.margin-rw, base, right)
	f.SetFont(family, "B", minType*s)
	f.Text(g.margin, base, fitString(f, left, g.width-2*g.margin-rw-4))
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.3)
	f.Line(g.margin, g.top-3*s, g.width-g.margin, g.top-3*s)
}

// color sets the text colour.
func (d *doc) color(c rgb) { d.f.SetTextColor(c.r, c.g, c.b) }

func (d *doc) fill(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }

func (d *doc) draw(c rgb) { d.f.SetDrawColor(c.r, c.g, c.b) }

// mmPerPt converts type sizes to millimetres.
const mmPerPt = 25.4 / 72

// capHeight is DejaVu Sans's cap height as a fraction of the type size.
const capHeight = 0.73

// textMiddle prints s with its capitals centred vertically on cy and
// horizontally on cx, in the current font.
func textMiddle(f *fpdf.Fpdf, s string, cx, cy float64) {
	size, _ := f.GetFontSize()
	w := f.GetStringWidth(s)
	f.Text(cx-w/2, cy+capHeight*size*mmPerPt/2, s)
}

// fitSize sets the largest type size ≤ size (and ≥ minSize) at which s is
// at most w millimetres wide, and returns it.
func fitSize(f *fpdf.Fpdf, s string, size, minSize, w float64) float64 {
	f.SetFontSize(size)
	sw := f.GetStringWidth(s)
	if sw > w && sw > 0 {
		size = math.Max(minSize, size*w/sw)
		f.SetFontSize(size)
	}
	return size
}

// fitString shortens s with an ellipsis until it is at most w millimetres
// wide in the current font: the longest prefix that fits, found by binary
// search (widths grow with the prefix), so a long string costs
// O(n log n).
func fitString(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	short := func(n int) string { return strings.TrimRight(string(r[:n]), " ") + "…" }
	// The widest prefix, within the first few hundred runes: a line
	// never holds more.
	lo, hi := 0, min(len(r)-1, 400)
	if f.GetStringWidth(short(lo)) > w {
		return ""
	}
	for lo < hi { // short(lo) fits; find the largest n ≤ hi that does
		mid := (lo + hi + 1) / 2
		if f.GetStringWidth(short(mid)) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return short(lo)
}

// finite reports whether all of v are finite numbers.
func finite(v ...float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

package pdf

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// needTool returns the path of an external tool, skipping the test when it
// is missing, unless CI=true, where it fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found (install poppler-utils): %v", name, err)
		}
		t.Skipf("%s not found (poppler-utils not installed): %v", name, err)
	}
	return p
}

// run runs a tool and returns its standard output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(needTool(t, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// render renders every page of file with pdftoppm at a low resolution and
// fails the test if poppler complains (it exits 0 on a bad content stream
// but says "Syntax Error" on stderr). It returns the number of pages
// rendered.
func render(t *testing.T, file string) int {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(needTool(t, "pdftoppm"), "-r", "15", "-png", file, filepath.Join(dir, "p"))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Errorf("pdftoppm %s: %v\n%s", file, err, errb.String())
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	return len(pngs)
}

// encodeFile encodes books to a temporary file and returns its path.
func encodeFile(t *testing.T, books []*roadbook.Book, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, books, opts); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("Encode wrote %q…; want a PDF", buf.Bytes()[:min(buf.Len(), 16)])
	}
	return writeTemp(t, buf.Bytes())
}

// writeTemp writes a PDF to a temporary file and returns its path.
func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func pdfPages(t *testing.T, file string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", file))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", file)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in      string
		want    Paper
		wantErr bool
	}{
		{"a5", A5, false},
		{"A4", A4, false},
		{"Roll", Roll, false},
		{"roll-a4", RollA4, false},
		{"ROLL-A3", RollA3, false},
		{"roll-a5", 0, true},
		{"letter", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := ParsePaper(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParsePaper(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && got.String() != strings.ToLower(tt.in) {
			t.Errorf("ParsePaper(%q).String() = %q; want %q", tt.in, got.String(), strings.ToLower(tt.in))
		}
	}
}

func TestPages(t *testing.T) {
	tests := []struct {
		p    Paper
		n    int
		want int
	}{
		{A5, 0, 1}, {A5, 1, 2}, {A5, 5, 2}, {A5, 6, 3}, {A5, 200, 41},
		{A4, 6, 2}, {A4, 7, 3}, {A4, 200, 35},
		{Roll, 15, 2}, {Roll, 16, 3}, {Roll, 200, 15},
		{RollA4, 6, 2}, {RollA4, 7, 3}, {RollA4, 345, 59},
		{RollA3, 9, 2}, {RollA3, 10, 3}, {RollA3, 345, 40},
		{Paper(9), 10, 0}, {A5, -3, 1},
	}
	for _, tt := range tests {
		if got := tt.p.Pages(tt.n); got != tt.want {
			t.Errorf("%v.Pages(%d) = %d; want %d", tt.p, tt.n, got, tt.want)
		}
	}
}

// TestGeometry checks that every box of a full page lies inside the page
// and that the three columns are 25 / 37.5 / 37.5 % of the row.
func TestGeometry(t *testing.T) {
	for _, p := range []Paper{A5, A4, Roll, RollA4, RollA3} {
		g, _ := geometryOf(p)
		if g.strips {
			// The strip, its tab and the line under it fit on the sheet,
			// with room for the crop marks each side.
			full := max(g.firstHeight, g.top+float64(g.perPage)*g.boxH)
			if end := g.stripY + full + g.tab + stripNote; end > g.sheetH-stripMargin+1e-9 || g.stripX < 8 || g.stripX+g.width > g.sheetW-8 {
				t.Errorf("%v: a strip of %.0f × %.0f mm at (%.0f, %.0f) with its tab does not fit the %.0f × %.0f mm sheet", p, g.width, full, g.stripX, g.stripY, g.sheetW, g.sheetH)
			}
			if g.stripY+g.top+float64(g.perPage+1)*g.boxH+g.tab+stripNote <= g.sheetH-stripMargin {
				t.Errorf("%v: room for one more box on the strip", p)
			}
		}
		for n := 1; n <= g.perPage; n++ {
			bottom := g.top + float64(n)*g.boxH
			if h := g.pageHeight(n); bottom > h-g.bottom+1e-9 {
				t.Errorf("%v: box %d ends at %.1f mm; page height %.1f mm, bottom margin %.1f", p, n, bottom, h, g.bottom)
			}
		}
		if g.roll && g.pageHeight(g.perPage) != g.height {
			t.Errorf("%v: full page %.1f mm; want %.1f", p, g.pageHeight(g.perPage), g.height)
		}
		if !g.roll && g.height-g.bottom-g.top-float64(g.perPage)*g.boxH >= g.boxH {
			t.Errorf("%v: room for one more box", p)
		}
	}
	if w := 150.0; Roll.BoxesPerPage() != 15 {
		t.Errorf("Roll (%v mm): BoxesPerPage() = %d; want 15", w, Roll.BoxesPerPage())
	}
	if RollA4.BoxesPerPage() != 6 || RollA3.BoxesPerPage() != 9 {
		t.Errorf("BoxesPerPage: RollA4 %d, RollA3 %d; want 6 and 9", RollA4.BoxesPerPage(), RollA3.BoxesPerPage())
	}
}

// TestEncodePapers prints the same stage on each paper and checks the page
// count with pdfinfo, that every box's total km is printed on the page its
// number puts it on, and that the page renders.
func TestEncodePapers(t *testing.T) {
	needTool(t, "pdftotext")
	book := syntheticBook("Stage 7 · Riyadh > Wādī ad-Dawāsir", 120e3, 23)
	for _, p := range []Paper{A5, A4, Roll, RollA4, RollA3} {
		t.Run(p.String(), func(t *testing.T) {
			file := encodeFile(t, []*roadbook.Book{book}, Options{Paper: p, Rally: "Dakar 2026"})
			if got, want := pdfPages(t, file), p.Pages(len(book.Boxes)); got != want {
				t.Errorf("pages = %d; want %d", got, want)
			}
			per := p.BoxesPerPage()
			pageText := map[int]string{}
			for i, b := range book.Boxes {
				page := 2 + i/per
				if _, ok := pageText[page]; !ok {
					pg := strconv.Itoa(page)
					pageText[page] = run(t, "pdftotext", "-f", pg, "-l", pg, "-layout", file, "-")
				}
				if want := route.Km(b.Total); !strings.Contains(pageText[page], want) {
					t.Errorf("box %d: page %d does not hold its total %q", b.Number, page, want)
				}
				if want := route.Km(b.Partial); !strings.Contains(pageText[page], want) {
					t.Errorf("box %d: page %d does not hold its partial %q", b.Number, page, want)
				}
			}
			last := strconv.Itoa(p.Pages(len(book.Boxes)))
			text := run(t, "pdftotext", "-f", last, "-l", last, file, "-")
			want := "page " + last + " of " + last
			if p == RollA4 || p == RollA3 {
				want = "strip " + last + " of " + last
			}
			if !strings.Contains(text, want) {
				t.Errorf("last page: no %q in its header", want)
			}
			if n := render(t, file); n != p.Pages(len(book.Boxes)) {
				t.Errorf("pdftoppm rendered %d pages; want %d", n, p.Pages(len(book.Boxes)))
			}
		})
	}
}

// TestEncodeText checks the text a reader extracts: the diacritics of the
// stage names and notes, the totals, CAPs, waypoint badges and the section
// table.
func TestEncodeText(t *testing.T) {
	books := []*roadbook.Book{
		syntheticBook("Stage 5 · refuge 1 > Ha'il", 80e3, 12),
		syntheticBook("Stage 7 · Riyadh > Wādī ad-Dawāsir", 60e3, 8),
	}
	file := encodeFile(t, books, Options{Rally: "Dakar 2026", Subtitles: []string{"8 January 2026", "11 January 2026"}})
	text := run(t, "pdftotext", file, "-")
	want := []string{
		"Dakar 2026", "Stage 5 · refuge 1 > Ha'il", "Stage 7 · Riyadh > Wādī ad-Dawāsir",
		"8 January 2026", "Baciuška", "Wādī ad-Dawāsir", "CAP ", "DSS", "DZ", "0.00",
		"special", "liaison 1", "liaison 2", "length km", "route km", "page 1 of 4", "page 4 of 4", "page 1 of 3",
	}
	for _, b := range books {
		for _, x := range b.Boxes {
			want = append(want, route.Km(x.Total), "CAP "+capString(x.Cap))
			for _, c := range x.Controls {
				if c.Name != "" {
					want = append(want, c.Name)
				}
			}
		}
		for _, s := range b.Stage.Sections {
			want = append(want, route.Km(s.From)+"–"+route.Km(s.To), route.Km(route.RoundOdo(s.To)-route.RoundOdo(s.From)))
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext: no %q", w)
		}
	}
	if got := pdfPages(t, file); got != 4+3 {
		t.Errorf("pages = %d; want %d", got, 7)
	}
}

// TestFontsEmbedded checks with pdffonts that every font is embedded. (fpdf
// subsets them but does not tag their names "ABCDEF+", so pdffonts says
// "sub no"; TestSize shows the subsetting: the two TTFs weigh 1.4 MB.)
func TestFontsEmbedded(t *testing.T) {
	file := encodeFile(t, []*roadbook.Book{syntheticBook("Ha'il", 30e3, 6)}, Options{})
	out := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 { // two header lines, two fonts
		t.Fatalf("pdffonts: %d lines; want 2 fonts:\n%s", len(lines), out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("pdffonts: font not embedded: %s", l)
		}
		if !strings.Contains(strings.ToLower(f[0]), "dejavu") {
			t.Errorf("pdffonts: font %s; want DejaVu", f[0])
		}
	}
}

// TestDeterministic checks that identical input gives identical bytes.
func TestDeterministic(t *testing.T) {
	books := []*roadbook.Book{syntheticBook("Stage 1", 40e3, 14)}
	var a, b bytes.Buffer
	if err := Encode(&a, books, Options{Paper: A4, Rally: "Dakar 2026"}); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, books, Options{Paper: A4, Rally: "Dakar 2026"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("Encode twice: %d and %d bytes, not identical", a.Len(), b.Len())
	}
	if !bytes.Contains(a.Bytes(), []byte("D:20000101000000")) {
		t.Errorf("Encode: no fixed creation date D:20000101000000 in the metadata")
	}
}

// TestSize checks that a long stage stays a few hundred KB: the fonts are
// subset, the map simplified and the streams compressed.
func TestSize(t *testing.T) {
	book := syntheticBook("Stage 6 · Ha'il > Riyadh", 500e3, 200)
	for _, p := range []Paper{A5, Roll} {
		var buf bytes.Buffer
		if err := Encode(&buf, []*roadbook.Book{book}, Options{Paper: p}); err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: 500 km, 200 boxes: %d KB", p, buf.Len()/1024)
		if buf.Len() > 600<<10 {
			t.Errorf("%v: 500 km, 200 boxes: %d KB; want at most 600 KB", p, buf.Len()/1024)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	ok := syntheticBook("x", 5e3, 2)
	tests := []struct {
		name  string
		books []*roadbook.Book
		opts  Options
		want  string
	}{
		{"none", nil, Options{}, "pdf: no roadbooks"},
		{"nil", []*roadbook.Book{ok, nil}, Options{}, "pdf: roadbook 2: nil"},
		{"paper", []*roadbook.Book{ok}, Options{Paper: Paper(7)}, "pdf: unknown paper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Encode(&bytes.Buffer{}, tt.books, tt.opts)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Encode(%s) = %v; want an error starting %q", tt.name, err, tt.want)
			}
		})
	}
}

// TestOddInput prints roadbooks no builder would make: no stage, no boxes,
// NaN and huge values, tulips outside their square, a one-point route. Each
// must print and render.
func TestOddInput(t *testing.T) {
	nan := math.NaN()
	onePoint := syntheticBook("one point", 0, 1)
	odd := &roadbook.Book{Boxes: []roadbook.Box{
		{Number: 1, Total: nan, Partial: math.Inf(1), Cap: nan, HasCap: true, Speed: nan, Danger: 9},
		{Number: 2, Total: 12345678, Partial: -5, Cap: -90, HasCap: true, Speed: 1e9, Danger: -1,
			Notes:    strings.Repeat("très long texte sans fin ", 60),
			Controls: []route.Control{{Kind: route.WPM, Name: strings.Repeat("WPM ", 30)}, {Kind: route.Kind(200)}},
			Tulip: &tulip.Drawing{Strokes: []tulip.Stroke{
				{Points: []tulip.Vec{{X: -5, Y: 3}, {X: 9, Y: -4}}, Style: tulip.Double, Arrow: true, Width: 5},
				{Points: []tulip.Vec{{X: nan, Y: 0}, {X: 1, Y: 1}}, Arrow: true},
				{Points: []tulip.Vec{{X: 0.5, Y: 0.5}, {X: 0.5, Y: 0.5}}, Arrow: true},
				{Points: []tulip.Vec{{X: 0.5, Y: 0.5}}},
				{Style: tulip.Style(99)},
			}, Dot: tulip.Vec{X: nan}, DotRadius: 0.1}},
		{Number: 3, Tulip: &tulip.Drawing{}},
		// Text fpdf cannot take as is: emoji (beyond the BMP), invalid
		// UTF-8, control characters; and a tulip far off its square.
		{Number: 4, Notes: "arrivée 🏁 \xff\xfe fin\x00\x01\r\nligne 2",
			Controls: []route.Control{{Kind: route.WPM, Name: "WPM 🏁"}},
			Tulip:    &tulip.Drawing{Strokes: []tulip.Stroke{{Points: []tulip.Vec{{X: 1e300, Y: -1e300}, {X: 0.5, Y: 0.5}}, Arrow: true}}}},
	}}
	empty := &roadbook.Book{Stage: &route.Stage{Name: "  "}}
	books := []*roadbook.Book{odd, empty, onePoint}
	// Routes no decoder gives: non-finite points, one place repeated,
	// across the antimeridian, round the pole; waypoints without a finite
	// position; a section longer than the route.
	for _, ls := range []orb.LineString{
		{{46, 24}, {nan, 24}, {46.1, 24.1}, {46.2, 24.1}},
		{{46, 24}, {math.Inf(1), 24}},
		{{nan, nan}, {nan, nan}},
		{{46, 24}, {46, 24}, {46, 24}},
		{{179.9, 10}, {-179.9, 10.1}},
		{{0, 89.9}, {180, 89.9}},
	} {
		st := &route.Stage{Name: "odd route", Path: geo.NewPath(ls), Sections: []route.Section{{Kind: route.Special, From: 0, To: 1e9}}}
		st.Waypoints = []route.Placed{
			{Waypoint: route.Waypoint{Point: orb.Point{nan, 1}, HasPoint: true, Controls: []route.Control{{Kind: route.WPM}}}},
			{Waypoint: route.Waypoint{Point: ls[0], HasPoint: true, Controls: []route.Control{{Kind: route.DSS}}}},
		}
		books = append(books, &roadbook.Book{Stage: st, Boxes: []roadbook.Box{{Number: 1}}})
	}
	file := encodeFile(t, books, Options{Paper: A4, Rally: "Dakar 🏁"})
	want := A4.Pages(4) + A4.Pages(0) + A4.Pages(1) + 6*A4.Pages(1)
	if got := pdfPages(t, file); got != want {
		t.Errorf("pages = %d; want %d", got, want)
	}
	text := run(t, "pdftotext", file, "-")
	for _, w := range []string{"Roadbook 1", "Roadbook 2", "12345.68", "CAP 270", "–", "arrivée � �� fin", "ligne 2", "WPM �", "Dakar �"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext: no %q", w)
		}
	}
	if n := render(t, file); n != want {
		t.Errorf("pdftoppm rendered %d pages; want %d", n, want)
	}
}

func TestCapString(t *testing.T) {
	tests := []struct {
		c    float64
		want string
	}{
		{0, "000"}, {7, "007"}, {127.4, "127"}, {359.6, "000"}, {-90, "270"}, {math.Inf(1), "–"},
	}
	for _, tt := range tests {
		if got := capString(tt.c); got != tt.want {
			t.Errorf("capString(%v) = %q; want %q", tt.c, got, tt.want)
		}
	}
}

// BenchmarkEncode prints a hand-made 500 km roadbook of 200 boxes on A5
// (Encode alone; BenchmarkPrint builds the roadbook too).
func BenchmarkEncode(b *testing.B) {
	book := syntheticBook("Stage 6 · Ha'il > Riyadh", 500e3, 200)
	books := []*roadbook.Book{book}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Encode(&buf, books, Options{Rally: "Dakar 2026"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KB")
}

// FuzzEncode prints a stage and a box made of arbitrary text and numbers:
// Encode must not panic, and succeeds for any of them. (Fuzzing is slow,
// a few executions a second: coverage instrumentation of fpdf's font
// subsetting and compression.)
func FuzzEncode(f *testing.F) {
	f.Add("Stage 7 · Wādī ad-Dawāsir", "Baciuška ; TJS FPP", "WPM 12", 123456.7, 127.0, 2, 50.0, 0.5, 0.9, uint8(0))
	f.Add("🏁\xff", "\x00\n\n\n", "", math.NaN(), -1e300, 9, math.Inf(1), 1e300, -3.0, uint8(7))
	f.Fuzz(func(t *testing.T, name, notes, control string, total, cap float64, danger int, speed, x, y float64, paper uint8) {
		b := roadbook.Box{
			Number: danger, Total: total, Partial: total / 3, Cap: cap, HasCap: true, Danger: danger, Speed: speed,
			Notes: notes, Controls: []route.Control{{Kind: route.Kind(paper), Name: control}},
			Reset: paper%2 == 1, Close: paper%3 == 1,
			Tulip: &tulip.Drawing{Strokes: []tulip.Stroke{{Points: []tulip.Vec{{X: 0.5, Y: 0}, {X: x, Y: y}}, Style: tulip.Style(paper % 5), Width: speed / 1000, Arrow: true}},
				Dot: tulip.Vec{X: x, Y: y}, DotRadius: cap / 1000},
		}
		st := &route.Stage{Name: name, Path: geo.NewPath(orb.LineString{{46.6, 24.7}, {x, y}, {46.7, 24.8}})}
		st.Waypoints = []route.Placed{{Waypoint: route.Waypoint{Point: orb.Point{y, x}, HasPoint: true, Controls: b.Controls}}}
		st.Sections = []route.Section{{Kind: route.SectionKind(paper), From: total, To: speed, Sector: danger}}
		rb := &roadbook.Book{Stage: st, Boxes: []roadbook.Box{b, b}}
		var buf bytes.Buffer
		if err := Encode(&buf, []*roadbook.Book{rb}, Options{Paper: Paper(paper % 3), Rally: control, Subtitles: []string{notes}}); err != nil {
			t.Errorf("Encode: %v", err)
		}
	})
}

// TestBookmarks: a rally PDF has a bookmark per stage and, under it, one
// per section at the page of its first box.
func TestBookmarks(t *testing.T) {
	books := []*roadbook.Book{
		syntheticBook("Stage 5 · refuge 1 > Ha'il", 80e3, 12),
		syntheticBook("Stage 7 · Riyadh > Wādī ad-Dawāsir", 60e3, 8),
	}
	for _, b := range books {
		for i := range b.Boxes {
			b.Boxes[i].Section = b.Stage.Odometer(b.Boxes[i].Along).Section
		}
	}
	var buf bytes.Buffer
	if err := Encode(&buf, books, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "/Title"); n < 2+2*3 {
		t.Errorf("the PDF has %d outline titles; want 2 stages and their 3 sections each", n)
	}
	if !strings.Contains(out, "/Outlines") {
		t.Errorf("the PDF has no outline")
	}
}

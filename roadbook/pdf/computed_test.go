package pdf

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	imagecolor "image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// pngURL returns a w × h transparent PNG, as a data URL, with the given
// rectangles filled in c: a drawing as Tulip exports them (its marks on a
// large transparent canvas).
func pngURL(t *testing.T, w, h int, c imagecolor.Color, marks ...image.Rectangle) string {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for _, r := range marks {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				m.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// kept returns the roadbook of a stage file that is already a roadbook:
// a straight 3 km track north from Riyadh and one box every 500 m, each
// with a distance and what set gives it.
func kept(t *testing.T, n int, set func(i int, w *route.Waypoint)) *roadbook.Book {
	t.Helper()
	start := orb.Point{46.6753, 24.7136}
	var line orb.LineString
	for d := 0.0; d <= 3000; d += 20 {
		line = append(line, geo.Destination(start, 0, d))
	}
	f := &route.File{Version: "1.1", Metadata: route.Metadata{Name: "kept"},
		Tracks: []route.Track{{Segments: []route.Segment{{Points: line}}}}}
	for i := 0; i < n; i++ {
		w := route.Waypoint{Point: geo.Destination(start, 0, 500*float64(i)), HasPoint: true,
			Distance: 0.5 * float64(i), HasDistance: true}
		set(i, &w)
		f.Waypoints = append(f.Waypoints, w)
	}
	rb := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	if !rb.Kept || len(rb.Boxes) != n {
		t.Fatalf("Build: kept %v, %d boxes; want the file's %d", rb.Kept, len(rb.Boxes), n)
	}
	return rb
}

// renderPage renders one page of file at 100 dpi and returns it.
func renderPage(t *testing.T, file string, page int) image.Image {
	t.Helper()
	dir := t.TempDir()
	p := fmt.Sprint(page)
	run(t, "pdftoppm", "-r", "100", "-png", "-f", p, "-l", p, "-singlefile", file, filepath.Join(dir, "p"))
	fh, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	m, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// at returns the colour of m at (x, y) millimetres at 100 dpi.
func at(m image.Image, x, y float64) (r, g, b uint8) {
	px := func(v float64) int { return int(v / 25.4 * 100) }
	c := imagecolor.NRGBAModel.Convert(m.At(px(x), px(y))).(imagecolor.NRGBA)
	return c.R, c.G, c.B
}

// darkest returns the darkest grey level of m in the rectangle (mm).
func darkest(m image.Image, x0, y0, x1, y1 float64) uint8 {
	px := func(v float64) int { return int(v / 25.4 * 100) }
	low := uint8(255)
	for y := px(y0); y <= px(y1); y++ {
		for x := px(x0); x <= px(x1); x++ {
			c := imagecolor.GrayModel.Convert(m.At(x, y)).(imagecolor.Gray)
			low = min(low, c.Y)
		}
	}
	return low
}

// TestMeasuredCap prints a roadbook whose file gives the CAP of some boxes
// and not of others, and looks at the page: the file's CAP is black on
// yellow, the one roadbook measured grey on white; the first page
// explains the mark, and says nothing of it when every CAP is the file's.
func TestMeasuredCap(t *testing.T) {
	needTool(t, "pdftoppm")
	rb := kept(t, 4, func(i int, w *route.Waypoint) {
		if i%2 == 0 {
			w.Cap, w.HasCap = 90, true
		}
	})
	for i, b := range rb.Boxes {
		if b.CapMeasured != (i%2 == 1) || !b.HasCap {
			t.Fatalf("box %d: CapMeasured %v, HasCap %v; want measured on odd boxes", b.Number, b.CapMeasured, b.HasCap)
		}
	}
	file := encodeFile(t, []*roadbook.Book{rb}, Options{})
	page := renderPage(t, file, 2)
	var caps []word
	for _, w := range words(t, file) {
		if w.page == 2 && w.text == "CAP" {
			caps = append(caps, w)
		}
	}
	if len(caps) != 4 {
		t.Fatalf("page 2 has %d CAPs; want 4", len(caps))
	}
	for i, w := range caps {
		measured := i%2 == 1
		// The chip's ground, just left of the word, and its ink.
		r, g, b := at(page, w.x0-0.5, (w.y0+w.y1)/2)
		ink := darkest(page, w.x0, w.y0, w.x1, w.y1)
		yellow := r > 200 && g > 160 && b < 90
		switch {
		case !measured && (!yellow || ink > 60):
			t.Errorf("box %d (the file's CAP): ground %d,%d,%d, ink %d; want black on yellow", i+1, r, g, b, ink)
		case measured && (yellow || r < 220 || ink < 60 || ink > 130):
			t.Errorf("box %d (measured CAP): ground %d,%d,%d, ink %d; want grey (about 85) on white", i+1, r, g, b, ink)
		}
	}
	first := run(t, "pdftotext", "-f", "1", "-l", "1", file, "-")
	if !strings.Contains(strings.Join(strings.Fields(first), " "), "measured on the route by roadbook") {
		t.Errorf("first page does not explain the measured CAP:\n%s", first)
	}

	all := kept(t, 2, func(i int, w *route.Waypoint) { w.Cap, w.HasCap = 90, true })
	first = run(t, "pdftotext", "-f", "1", "-l", "1", encodeFile(t, []*roadbook.Book{all}, Options{}), "-")
	if strings.Contains(first, "dashed frame") {
		t.Errorf("first page of a roadbook whose every CAP is the file's explains measured CAPs:\n%s", first)
	}
}

// TestAuthorNotes prints boxes whose file gives its own notes drawing (a
// Tulip export's PNG: a red "!" and a speed sign in a corner of a large
// transparent canvas) beside boxes without one: the drawing is printed,
// trimmed to what the author drew, and our danger marks and speed sign are
// not stacked on it (the boxes without a drawing keep theirs).
func TestAuthorNotes(t *testing.T) {
	needTool(t, "pdfimages")
	mark := image.Rect(40, 20, 220, 120)
	rb := kept(t, 4, func(i int, w *route.Waypoint) {
		w.Danger, w.Speed = 1, float64(30+10*i)
		if i%2 == 0 {
			w.Notes = pngURL(t, 540, 540, imagecolor.NRGBA{220, 0, 0, 255}, mark)
			w.Tulip = pngURL(t, 540, 540, imagecolor.NRGBA{0, 0, 255, 255}, image.Rect(260, 100, 280, 500))
		}
	})
	file := encodeFile(t, []*roadbook.Book{rb}, Options{})
	text := strings.Fields(run(t, "pdftotext", "-f", "2", "-l", "2", file, "-"))
	has := func(s string) bool {
		for _, w := range text {
			if w == s {
				return true
			}
		}
		return false
	}
	for i := range rb.Boxes {
		limit := fmt.Sprint(30 + 10*i)
		if drawn := i%2 == 0; has(limit) == drawn {
			t.Errorf("box %d (author's notes drawing %v): speed sign %s printed %v; want %v", i+1, drawn, limit, has(limit), !drawn)
		}
	}
	if n := strings.Count(strings.Join(text, " "), "!"); n != 2 {
		t.Errorf("page 2 has %d danger marks; want 2, on the boxes without the author's drawing", n)
	}
	list := run(t, "pdfimages", "-list", file)
	var trimmed, whole int
	for _, l := range strings.Split(list, "\n") {
		f := strings.Fields(l)
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		switch f[3] + "x" + f[4] {
		case fmt.Sprintf("%dx%d", mark.Dx(), mark.Dy()):
			trimmed++
		case "540x540":
			whole++
		}
	}
	if trimmed != 2 || whole != 2 {
		t.Errorf("pdfimages -list: %d notes drawings trimmed to %v, %d tulips whole; want 2 and 2:\n%s", trimmed, mark.Size(), whole, list)
	}
}

// TestTulipExport prints a file shaped as Tulip 1.11 exports them (every
// box with its own PNG tulip and PNG notes drawing, some notes blank):
// pdfimages finds every one of them on the pages.
func TestTulipExport(t *testing.T) {
	needTool(t, "pdfimages")
	const n = 12
	rb := kept(t, n, func(i int, w *route.Waypoint) {
		w.Name = fmt.Sprint(i + 1)
		w.Tulip = pngURL(t, 540, 540, imagecolor.NRGBA{30, 30, 255, 255}, image.Rect(260, 200+10*i, 280, 520))
		if i%3 == 0 {
			w.Notes = pngURL(t, 540, 540, imagecolor.NRGBA{}) // blank, as Tulip writes an empty notes canvas
		} else {
			w.Notes = pngURL(t, 540, 540, imagecolor.NRGBA{255, 0, 0, 255}, image.Rect(20+i, 20, 120+i, 180))
		}
	})
	file := encodeFile(t, []*roadbook.Book{rb}, Options{})
	if got := countImages(run(t, "pdfimages", "-list", file)); got != 2*n {
		t.Errorf("pdfimages -list finds %d images; want the file's %d tulips and %d notes drawings", got, n, n)
	}
	render(t, file)
}

// TestRealTulipExport prints a real Tulip export kept outside the
// repository (no licence lets us ship one), when ROADBOOK_REAL_TULIP names
// it: every tulip and notes drawing of the file is on the pages.
func TestRealTulipExport(t *testing.T) {
	name := os.Getenv("ROADBOOK_REAL_TULIP")
	if name == "" {
		t.Skip("ROADBOOK_REAL_TULIP is not set (a real Tulip export, not in the repository)")
	}
	needTool(t, "pdfimages")
	fh, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := gpx.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	drawings := 0
	for _, w := range f.Waypoints {
		for _, s := range []string{w.Tulip, w.Notes} {
			if _, err := roadbook.ParseImage(s); err == nil {
				drawings++
			}
		}
	}
	rb := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	var warnings []string
	file := encodeFile(t, []*roadbook.Book{rb}, Options{Warn: func(m string) { warnings = append(warnings, m) }})
	if got := countImages(run(t, "pdfimages", "-list", file)); got != drawings {
		t.Errorf("pdfimages -list finds %d images; want the file's %d drawings", got, drawings)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if got, want := render(t, file), Paper(A5).Pages(len(rb.Boxes)); got != want {
		t.Errorf("rendered %d pages; want %d", got, want)
	}
	t.Logf("%s: %d boxes, %d drawings on the pages", name, len(rb.Boxes), drawings)
}

// TestSVGLost reads SVG drawings that use what the printer does not draw:
// each is named, and what draws nothing (unused definitions, an editor's
// own elements, hidden parts) is not.
func TestSVGLost(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 100 100">`
	tests := []struct {
		name, body string
		want       []string
	}{
		{"plain", `<path d="M0 0L10 10"/><text x="1" y="9">TL</text>`, nil},
		{"unused gradient", `<defs><linearGradient id="g"/></defs><rect width="5" height="5"/>`, nil},
		{"editor's own", `<inkscape:namedview id="n"/><metadata><rdf/></metadata><rect width="5" height="5"/>`, nil},
		{"gradient fill", `<defs><radialGradient id="g"/></defs><circle r="5" fill="url(#g)"/>`, []string{lostGradient}},
		{"pattern stroke", `<path d="M0 0L9 9" style="stroke: url(#p)"/>`, []string{lostGradient}},
		{"filter", `<g filter="url(#blur)"><rect width="5" height="5"/></g>`, []string{lostFilter}},
		{"clip and mask", `<rect width="5" height="5" clip-path="url(#c)" mask="url(#m)"/>`, []string{lostClip, lostMask}},
		{"markers", `<path d="M0 0L9 9" marker-end="url(#arrow)"/>`, []string{lostMarker}},
		{"use", `<defs><path id="a" d="M0 0L1 1"/></defs><use xlink:href="#a"/>`, []string{lostUse}},
		{"image on the network", `<image href="https://example.com/t.png" width="10" height="10"/>`, []string{lostImage}},
		{"img of the drafts", `<img src="file.png"/>`, []string{lostImage}},
		{"GIF said to be PNG", `<img href="data:image/png;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="/>`,
			[]string{"its embedded images that are not PNG, JPEG or SVG"}},
		{"broken embedded image", `<image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>`, nil},
		{"CSS", `<style>.a { fill: red }</style><rect class="a" width="5" height="5"/>`, []string{lostCSS}},
		{"unknown elements", `<foreignObject><p>x</p></foreignObject><textPath/>`, []string{"its <foreignObject> elements", "its <textPath> elements"}},
		{"hidden", `<g display="none"><rect filter="url(#f)" width="5" height="5"/><foreignObject/></g>`, nil},
		{"many", `<rect fill="url(#g)" filter="url(#f)" width="5" height="5"/><style>rect{}</style><blink/>`,
			[]string{lostGradient, lostFilter, lostCSS, "its <blink> elements"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sd, err := parseSVG([]byte(head + tt.body + `</svg>`))
			if err != nil {
				t.Fatal(err)
			}
			if got := sd.lost(); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("parseSVG(%s).lost() = %q; want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestSVGLostWarned prints boxes whose file's SVG drawings use what the
// printer leaves out: a warning names each box, its drawing and what is
// not printed; a drawing printed whole gives none.
func TestSVGLostWarned(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">%s<path d="M50 90L50 10" stroke="#000" stroke-width="6"/></svg>`
	rb := kept(t, 4, func(i int, w *route.Waypoint) {
		switch i {
		case 0:
			w.Tulip = fmt.Sprintf(svg, `<rect width="100" height="100" fill="url(#sky)"/>`)
		case 1:
			w.Notes = fmt.Sprintf(svg, `<image href="http://example.com/x.png" width="9" height="9"/><g filter="url(#f)"/>`)
		case 2:
			w.Tulip = fmt.Sprintf(svg, "")
		case 3:
			w.Tulip = fmt.Sprintf(svg, `<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>`)
		}
	})
	var warnings []string
	encodeFile(t, []*roadbook.Book{rb}, Options{Warn: func(m string) { warnings = append(warnings, m) }})
	want := []string{
		"pdf: kept: box 1: the tulip drawing is printed without its gradient or pattern fills",
		"pdf: kept: box 2: the notes drawing is printed without its filters and its images outside the file",
		"pdf: kept: box 4: the tulip drawing is printed without an embedded image that cannot be read",
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
}

// TestKeptSectionTotals prints a file that is already a roadbook whose ASS
// reads 2.47 on a track that measures 2.50 km to it (as Tulip exports
// read 35.95 on a 35.99 km track): the first page's section table and the
// section's bookmark give the file's 2.47, the figure its last box
// prints, not the route's.
func TestKeptSectionTotals(t *testing.T) {
	needTool(t, "pdftotext")
	rb := kept(t, 6, func(i int, w *route.Waypoint) {
		switch i {
		case 0:
			w.Controls = []route.Control{{Kind: route.DSS}}
		case 5:
			w.Controls = []route.Control{{Kind: route.ASS}}
			w.Distance = 2.47
		}
	})
	if got := rb.SectionTotal(0); got != 2470 {
		t.Fatalf("SectionTotal(0) = %v; want the file's 2470", got)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, []*roadbook.Book{rb}, Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "kept.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	first := run(t, "pdftotext", "-f", "1", "-l", "1", "-layout", file, "-")
	if !strings.Contains(first, "2.47") || strings.Contains(first, "2.50 ") {
		t.Errorf("the first page gives the special as:\n%s\nwant the file's 2.47", first)
	}
	// The bookmark's title is UTF-16BE: look for its digits.
	utf16 := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteByte(0)
			b.WriteRune(r)
		}
		return b.String()
	}
	if !strings.Contains(buf.String(), utf16("2.47 km")) {
		t.Errorf("no bookmark reads the special's 2.47 km")
	}
}

// TestDangerMarkOnce: a box whose notes draw its danger ({danger-3} drop)
// prints no second "!!!" of ours bottom-right; one whose notes give no
// danger symbol, or a lower one, still has our mark.
func TestDangerMarkOnce(t *testing.T) {
	needTool(t, "pdftotext")
	notes := []string{"{danger-3} drop", "drop", "{danger-1} drop", "{danger-global-3} drop", "HR 135°"}
	rb := kept(t, len(notes), func(i int, w *route.Waypoint) {
		w.Notes, w.Danger = notes[i], 3
	})
	file := encodeFile(t, []*roadbook.Book{rb}, Options{})
	page := run(t, "pdftotext", "-f", "2", "-l", "2", "-layout", file, "-")
	var marks []string
	for _, line := range strings.Split(page, "\n") {
		if strings.Contains(line, "!!!") {
			marks = append(marks, strings.TrimSpace(line))
		}
	}
	if len(marks) != 3 {
		t.Errorf("the page has %d lines with our !!! mark; want 3 (the boxes whose notes draw none, or a lower one):\n%s", len(marks), page)
	}
}

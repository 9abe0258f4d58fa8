package lexicon

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
)

// recorder is a Canvas that checks what a symbol draws: every coordinate
// finite and inside the symbol's box (with the stroke's half width).
type recorder struct {
	t     *testing.T
	code  string
	w     float64
	ops   int
	minX  float64
	maxX  float64
	minY  float64
	maxY  float64
	inked bool
	// smallest is the size of the smallest text drawn, and its text.
	smallest     float64
	smallestText string
}

func (r *recorder) point(x, y, pad float64) {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		r.t.Errorf("%s: non-finite point (%v, %v)", r.code, x, y)
		return
	}
	r.minX, r.maxX = math.Min(r.minX, x-pad), math.Max(r.maxX, x+pad)
	r.minY, r.maxY = math.Min(r.minY, y-pad), math.Max(r.maxY, y+pad)
}

func (r *recorder) style(s Style) float64 {
	if !s.Fill.None() || (!s.Stroke.None() && s.Width > 0) {
		r.inked = true
	}
	if s.Stroke.None() || s.Cap == ButtCap {
		return 0 // a butt cap ends at the point (joins are left unchecked)
	}
	return s.Width / 2
}

func (r *recorder) Path(p *Path, s Style) {
	r.ops++
	pad := r.style(s)
	if len(p.Segs) == 0 || p.Segs[0].Op != MoveTo {
		r.t.Errorf("%s: path does not start with MoveTo", r.code)
	}
	for _, sg := range p.Segs {
		n := map[Op]int{MoveTo: 1, LineTo: 1, CubicTo: 3}[sg.Op]
		for _, q := range sg.Pts[:n] {
			r.point(q.X, q.Y, pad)
		}
	}
}

func (r *recorder) Circle(cx, cy, rad float64, s Style) {
	r.ops++
	pad := r.style(s)
	if !(rad > 0) {
		r.t.Errorf("%s: circle radius %v", r.code, rad)
	}
	r.point(cx-rad, cy-rad, pad)
	r.point(cx+rad, cy+rad, pad)
}

func (r *recorder) Text(x, y, size float64, text string, t TextStyle) {
	r.ops++
	r.inked = true
	if r.smallestText == "" || size < r.smallest {
		r.smallest, r.smallestText = size, text
	}
	w := TextWidth(text, size, t.Bold)
	switch t.Anchor {
	case Middle:
		x -= w / 2
	case End:
		x -= w
	}
	r.point(x, y-capHeight*size, 0)
	r.point(x+w, y, 0)
}

func record(t *testing.T, s *Symbol) *recorder {
	r := &recorder{t: t, code: s.Code, w: s.Width, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	s.Draw(r)
	return r
}

func TestTable(t *testing.T) {
	all := All()
	fixed := 0
	codeRe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(-N)?$`)
	for _, s := range all {
		if !s.Family() {
			fixed++
		}
		if !codeRe.MatchString(s.Code) {
			t.Errorf("code %q: want lower-case words joined by -", s.Code)
		}
		if s.Meaning == "" {
			t.Errorf("%s: no meaning", s.Code)
		}
		if int(s.Category) >= len(categoryNames) {
			t.Errorf("%s: category %v", s.Code, s.Category)
		}
		if s.Width < Height {
			t.Errorf("%s: width %v < %v", s.Code, s.Width, Height)
		}
		if got, ok := Lookup(s.Code); !ok || got.Code != s.Code {
			t.Errorf("Lookup(%q) = %v, %v", s.Code, got, ok)
		}
	}
	if fixed < 100 {
		t.Errorf("%d symbols besides the families; want 100 or more", fixed)
	}
	t.Logf("%d symbols, %d families", fixed, len(all)-fixed)
}

// TestDraw draws every symbol on the recorder: it must paint something,
// with finite coordinates, inside its box.
func TestDraw(t *testing.T) {
	for _, s := range All() {
		r := record(t, s)
		if r.ops == 0 || !r.inked {
			t.Errorf("%s draws nothing", s.Code)
			continue
		}
		const slack = 0.5
		if r.minX < -slack || r.minY < -slack || r.maxX > s.Width+slack || r.maxY > Height+slack {
			t.Errorf("%s draws over [%.1f, %.1f] × [%.1f, %.1f], outside its box %v × %v",
				s.Code, r.minX, r.maxX, r.minY, r.maxY, s.Width, Height)
		}
	}
}

// TestLabelSizes: a word inside a drawing prints at 8 pt or more when the
// symbol prints 10 mm high, as in an A5 roadbook's notes (100 units = 10
// mm, so 8 pt is 28.2 units): "SUMMIT", "BIVY", "CAMP", "RESET" and "STOP"
// printed at 5 to 7.7 pt before. Family members with the longest numbers
// too.
func TestLabelSizes(t *testing.T) {
	const eightPt = 8 * 25.4 / 72 * 10 // units
	syms := All()
	for _, code := range []string{"speed-limit-300", "speed-limit-end-300", "distance-9999", "wp-number-999"} {
		s, ok := Lookup(code)
		if !ok {
			t.Fatalf("Lookup(%q) fails", code)
		}
		syms = append(syms, s)
	}
	for _, s := range syms {
		r := record(t, s)
		if r.smallestText != "" && r.smallest < eightPt-0.01 {
			t.Errorf("%s: %q at %.1f units, %.1f pt at 10 mm; want 8 pt at least", s.Code, r.smallestText, r.smallest, r.smallest/eightPt*8)
		}
	}
}

// TestSVG writes every symbol (and a few family members) as an SVG
// document and parses it back as XML.
func TestSVG(t *testing.T) {
	syms := All()
	for _, code := range []string{"speed-limit-130", "speed-limit-end-5", "distance-2500", "wp-number-123"} {
		s, ok := Lookup(code)
		if !ok {
			t.Fatalf("Lookup(%q) failed", code)
		}
		syms = append(syms, s)
	}
	for _, s := range syms {
		var buf bytes.Buffer
		if err := WriteSVG(&buf, s, 48); err != nil {
			t.Fatalf("%s: %v", s.Code, err)
		}
		if err := parseXML(buf.Bytes()); err != nil {
			t.Errorf("%s: %v\n%s", s.Code, err, buf.String())
		}
		if !strings.Contains(buf.String(), "<path") && !strings.Contains(buf.String(), "<circle") && !strings.Contains(buf.String(), "<text") {
			t.Errorf("%s: SVG draws nothing", s.Code)
		}
	}
	if err := WriteSVG(io.Discard, syms[0], 0); err == nil {
		t.Error("WriteSVG(height 0) succeeded")
	}
}

// parseXML reads an XML document to its end and checks it has one svg root.
func parseXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestLookupFamilies(t *testing.T) {
	tests := []struct {
		code, want, abbr, meaning string
		ok                        bool
	}{
		{"speed-limit-50", "speed-limit-50", "50", "speed limit 50 km/h", true},
		{" Speed-Limit-30 ", "speed-limit-30", "30", "speed limit 30 km/h", true},
		{"speed-limit-end-90", "speed-limit-end-90", "90", "end of the 90 km/h limit", true},
		{"distance-200", "distance-200", "200", "200 m to the feature", true},
		{"wp-number-7", "wp-number-7", "7", "waypoint number 7", true},
		{"speed-limit-0", "", "", "", false},
		{"speed-limit-050", "", "", "", false},
		{"speed-limit-301", "", "", "", false},
		{"speed-limit-", "", "", "", false},
		{"speed-limit-5x", "", "", "", false},
		{"village", "village", "V", "village", true},
		{"VILLAGE", "village", "V", "village", true},
		{"vilage", "", "", "", false},
	}
	for _, tt := range tests {
		s, ok := Lookup(tt.code)
		if ok != tt.ok {
			t.Errorf("Lookup(%q) ok = %v; want %v", tt.code, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if s.Code != tt.want || s.Abbr != tt.abbr || s.Meaning != tt.meaning {
			t.Errorf("Lookup(%q) = %q %q %q; want %q %q %q", tt.code, s.Code, s.Abbr, s.Meaning, tt.want, tt.abbr, tt.meaning)
		}
	}
	// A member does not change the template.
	tmpl, _ := Lookup("speed-limit-N")
	if tmpl.N != 50 || tmpl.Abbr != "N" {
		t.Errorf("template after lookups: N %d abbr %q", tmpl.N, tmpl.Abbr)
	}
}

func TestLayout(t *testing.T) {
	measure := func(s string) float64 { return TextWidth(s, 10, false) }
	o := LayoutOptions{Width: 60, TextSize: 10, SymbolHeight: 20, SymbolGap: 1}
	tests := []struct {
		note string
		want []string // each line's items: text, or [code]
	}{
		{"", nil},
		{"   ", nil},
		{"L into", []string{"L into"}},
		{"{village} L into {wadi}", []string{"[village]|L into", "[wadi]"}},
		{"a\nb", []string{"a", "b"}},
		{"aaaa bbbb cccc dddd", []string{"aaaa bbbb", "cccc dddd"}},
		{"wwwwwwwwwwwwwwwwwwww", []string{"wwwwwww", "wwwwwww", "wwwwww"}},
		{"{dune}{dune}{dune}", []string{"[dune]|[dune]|[dune]"}},
		{"{dune}{dune}{dune}{dune}", []string{"[dune]|[dune]|[dune]", "[dune]"}},
	}
	for _, tt := range tests {
		lines := Layout(tt.note, o, measure)
		var got []string
		for _, l := range lines {
			var parts []string
			end := 0.0
			for _, it := range l.Items {
				if it.X < end-1e-9 {
					t.Errorf("Layout(%q): item %q at %v overlaps the previous ending at %v", tt.note, it.Text, it.X, end)
				}
				end = it.X + it.W
				if it.Symbol != nil {
					parts = append(parts, "["+it.Symbol.Code+"]")
					if l.Height < o.SymbolHeight+2*o.SymbolGap {
						t.Errorf("Layout(%q): line with a symbol %v high", tt.note, l.Height)
					}
				} else {
					parts = append(parts, it.Text)
				}
			}
			if end > o.Width+1e-9 {
				t.Errorf("Layout(%q): line %q ends at %v > %v", tt.note, parts, end, o.Width)
			}
			got = append(got, strings.Join(parts, "|"))
		}
		if strings.Join(got, "/") != strings.Join(tt.want, "/") {
			t.Errorf("Layout(%q) = %q; want %q", tt.note, got, tt.want)
		}
	}
}

// TestLayoutLongWord: a word far wider than a line (a pasted link, a data
// URL, a line of dashes) is split into full lines, and measuring it costs
// in proportion to its length. The split used to measure every start of
// what was left of the word, longest first: a 4,000-character note without
// a space took 24 s to print, and a KMZ's balloon read as notes (an image
// as a data URL) did not print at all.
func TestLayoutLongWord(t *testing.T) {
	o := LayoutOptions{Width: 60, TextSize: 10, SymbolHeight: 20, SymbolGap: 1}
	for _, n := range []int{100, 4000, 20000} {
		word := strings.Repeat("A", n)
		calls, chars := 0, 0
		lines := Layout("x "+word+" y", o, func(s string) float64 {
			calls++
			chars += len(s)
			return TextWidth(s, 10, false)
		})
		per := len(lines[1].Items[0].Text) // the characters of a full line
		got := 0
		for i, l := range lines {
			for _, it := range l.Items {
				got += strings.Count(it.Text, "A")
				if it.X+it.W > o.Width+1e-9 {
					t.Errorf("%d: line %d ends at %v > %v", n, i, it.X+it.W, o.Width)
				}
			}
			if i > 0 && i < len(lines)-1 && len(l.Items[0].Text) != per {
				t.Errorf("%d: line %d holds %d characters; want %d as the others", n, i, len(l.Items[0].Text), per)
			}
		}
		if got != n {
			t.Errorf("%d: the lines hold %d characters of the word", n, got)
		}
		// Each character is measured in the few starts of its own line.
		if calls > 3*n || chars > 3*per*n {
			t.Errorf("%d characters: %d measures of %d characters in all; want at most %d and %d", n, calls, chars, 3*n, 3*per*n)
		}
	}
}

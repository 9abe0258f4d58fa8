package edit

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// Symbol is one entry of the notes palette: a lexicon symbol, which the
// author inserts into the notes in the notes notation ("{village}").
type Symbol struct {
	// Code is the symbol's code in the notation; a family's template ends
	// in "-N" ("speed-limit-N"), Family set, and the page asks for N.
	Code   string `json:"code"`
	Family bool   `json:"family,omitempty"`
	// Abbr is what a roadbook prints for it ("" for a pictogram), Meaning
	// and French the words.
	Abbr    string `json:"abbr,omitempty"`
	Meaning string `json:"meaning"`
	French  string `json:"french,omitempty"`
	// Key is the keyboard shortcut that inserts it, "" for none.
	Key string `json:"key,omitempty"`
}

// Category is a group of the palette, as the lexicon's legend groups the
// symbols.
type Category struct {
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	Symbols []Symbol `json:"symbols"`
}

// Palette is the notes palette: every lexicon symbol by category, and the
// common notes with their keyboard shortcuts.
type Palette struct {
	Categories []Category `json:"categories"`
	// Common are the codes of the common notes, in the order the page
	// shows them first, each with a shortcut.
	Common []string `json:"common"`
}

// symbolPixels is the height of the symbols' SVGs on the page.
const symbolPixels = 40

// common are the commonest notes of a cross-country roadbook with the
// key that inserts each (when no text field has the focus): direction
// letters as the roadbook prints them, then the ground.
var common = []struct{ code, key string }{
	{"left", "l"}, {"right", "r"}, {"keep-left", "L"}, {"keep-right", "R"},
	{"keep-straight", "s"}, {"track-main", "t"}, {"follow-main-track", "f"},
	{"off-track", "h"}, {"sandy", "y"}, {"stones", "c"}, {"dunes-many", "d"},
	{"bump", "b"}, {"hole", "o"}, {"wadi", "w"}, {"village", "v"},
	{"fence-gate", "g"}, {"well", "u"},
}

var (
	paletteOnce sync.Once
	paletteJSON []byte
)

// PaletteOf returns the notes palette (built once: the symbols never
// change in a running program).
func PaletteOf() *Palette {
	keys := map[string]string{}
	var codes []string
	for _, c := range common {
		keys[c.code] = c.key
		codes = append(codes, c.code)
	}
	p := &Palette{Common: codes}
	byCat := map[lexicon.Category]int{}
	for _, c := range lexicon.Categories() {
		byCat[c] = len(p.Categories)
		p.Categories = append(p.Categories, Category{Name: c.String(), Title: c.Title()})
	}
	for _, s := range lexicon.All() {
		sym := Symbol{Code: s.Code, Family: s.Family(), Abbr: s.Abbr, Meaning: s.Meaning, French: s.French, Key: keys[s.Code]}
		c := &p.Categories[byCat[s.Category]]
		c.Symbols = append(c.Symbols, sym)
	}
	return p
}

// paletteData returns the palette as JSON, made once.
func paletteData() []byte {
	paletteOnce.Do(func() {
		paletteJSON, _ = json.Marshal(PaletteOf())
	})
	return paletteJSON
}

// symbolSVG returns a symbol drawn by the lexicon's SVG writer.
func symbolSVG(s *lexicon.Symbol) string {
	var b bytes.Buffer
	if err := lexicon.WriteSVG(&b, s, symbolPixels); err != nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}

// Span is a piece of a box's notes for the page: text, or a symbol (its
// code, and its meaning for a tooltip), as lexicon.Parse splits a note
// and the PDF prints it.
type Span struct {
	Text    string `json:"text,omitempty"`
	Symbol  string `json:"symbol,omitempty"`
	Meaning string `json:"meaning,omitempty"`
}

// spans splits a note for the page.
func spans(note string) []Span {
	if !strings.Contains(note, "{") {
		if note == "" {
			return nil
		}
		return []Span{{Text: strings.ReplaceAll(note, "}}", "}")}}
	}
	var out []Span
	for _, s := range lexicon.Parse(note) {
		if s.Symbol != nil {
			out = append(out, Span{Symbol: s.Symbol.Code, Meaning: s.Symbol.Meaning})
			continue
		}
		out = append(out, Span{Text: s.Text})
	}
	return out
}

// symbols keeps the SVGs /api/symbol serves, by code, up to
// maxSymbolCache of them (family members are many).
var symbols struct {
	sync.Mutex
	svg map[string]string
}

const maxSymbolCache = 4096

// SymbolSVG returns the SVG of the lexicon symbol code (a family member
// too: "speed-limit-50"), and false for a code that names none.
func SymbolSVG(code string) (string, bool) {
	symbols.Lock()
	defer symbols.Unlock()
	if svg, ok := symbols.svg[code]; ok {
		return svg, true
	}
	s, ok := lexicon.Lookup(code)
	if !ok {
		return "", false
	}
	svg := symbolSVG(s)
	if symbols.svg == nil || len(symbols.svg) >= maxSymbolCache {
		symbols.svg = map[string]string{}
	}
	symbols.svg[code] = svg
	return svg, true
}

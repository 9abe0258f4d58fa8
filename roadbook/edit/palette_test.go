package edit

import (
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// TestPalette: the palette holds every lexicon symbol once, in its
// category, and SymbolSVG draws each (a well-formed SVG with shapes; a
// family by a member); the common notes are
// lexicon symbols, each with its own key, none taken by another shortcut.
func TestPalette(t *testing.T) {
	p := PaletteOf()
	seen := map[string]bool{}
	for _, c := range p.Categories {
		cat, err := lexicon.ParseCategory(c.Name)
		if err != nil || c.Title != cat.Title() {
			t.Errorf("category %q %q: %v", c.Name, c.Title, err)
		}
		for _, s := range c.Symbols {
			if seen[s.Code] {
				t.Errorf("%s twice", s.Code)
			}
			seen[s.Code] = true
			ls, ok := lexicon.Lookup(s.Code)
			if !ok || ls.Category != cat {
				t.Errorf("%s: in %s, lexicon says %v", s.Code, c.Name, ls)
			}
			code := s.Code
			if s.Family {
				code = strings.TrimSuffix(code, "N") + "50"
			}
			svg, ok := SymbolSVG(code)
			if err := xml.Unmarshal([]byte(svg), new(struct{})); !ok || err != nil || !strings.HasPrefix(svg, "<svg") ||
				!strings.Contains(svg, "<path") && !strings.Contains(svg, "<text") && !strings.Contains(svg, "<circle") {
				t.Errorf("%s: SVG %v %v %.120q", code, ok, err, svg)
			}
		}
	}
	if n := len(lexicon.All()); len(seen) != n {
		t.Errorf("palette has %d symbols; the lexicon %d", len(seen), n)
	}
	taken := map[string]bool{"j": true, "k": true, "a": true, "m": true, "n": true, "p": true, "e": true, "0": true, "1": true, "2": true, "3": true, "?": true}
	keys := map[string]string{}
	for _, c := range p.Categories {
		for _, s := range c.Symbols {
			if s.Key != "" {
				keys[s.Code] = s.Key
			}
		}
	}
	used := map[string]bool{}
	for _, code := range p.Common {
		k := keys[code]
		if _, ok := lexicon.Lookup(code); !ok || k == "" || used[k] || taken[k] {
			t.Errorf("common note %s: key %q (a lexicon symbol, a key of its own, not a command's)", code, k)
		}
		used[k] = true
	}
}

func TestSpans(t *testing.T) {
	for _, tc := range []struct {
		note string
		want []Span
	}{
		{"", nil},
		{"TL 90°", []Span{{Text: "TL 90°"}}},
		{"{village} L into {wadi}", []Span{{Symbol: "village", Meaning: "village"}, {Text: " L into "}, {Symbol: "wadi", Meaning: "wadi / wash (dry river bed)"}}},
		{"{speed-limit-50} {vilage} {{x}}", []Span{{Symbol: "speed-limit-50", Meaning: "speed limit 50 km/h"}, {Text: " "}, {Text: "{vilage}"}, {Text: " {x}"}}},
	} {
		if got := spans(tc.note); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("spans(%q) = %+v; want %+v", tc.note, got, tc.want)
		}
	}
}

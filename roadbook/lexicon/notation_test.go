package lexicon

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// spanString renders spans as "text|[code]|?{unknown}" for comparison.
func spanString(spans []Span) string {
	var parts []string
	for _, s := range spans {
		switch {
		case s.Symbol != nil:
			parts = append(parts, "["+s.Symbol.Code+"]")
		case s.Unknown:
			parts = append(parts, "?"+s.Text)
		default:
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, "|")
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"text", "L into the wadi", "L into the wadi"},
		{"one", "{village}", "[village]"},
		{"mixed", "{village} {danger-2} L into {wadi}", "[village]| |[danger-2]| L into |[wadi]"},
		{"case and spaces", "{ Village }x", "[village]|x"},
		{"family", "{speed-limit-50} to {speed-limit-end-50}", "[speed-limit-50]| to |[speed-limit-end-50]"},
		{"unknown", "a {vilage} b", "a |?{vilage}| b"},
		{"escaped", "{{village}}", "{village}"},
		{"escaped open", "x {{ y", "x { y"},
		{"unclosed", "a {village", "a {village"},
		{"not a code", "{a b}", "{a b}"},
		{"punctuation", "{village!}", "{village!}"},
		{"empty braces", "{}", "{}"},
		{"lone close", "a } b", "a } b"},
		{"escaped then lone close", "{{village}", "{village}"},
		{"adjacent", "{dune}{dune}", "[dune]|[dune]"},
		{"newline", "{fuel-zone}\nFUEL", "[fuel-zone]|\nFUEL"},
		{"utf8", "Wādī {wadi} ad-Dawāsir", "Wādī |[wadi]| ad-Dawāsir"},
		{"too long", "{" + strings.Repeat("a", 50) + "}", "{" + strings.Repeat("a", 50) + "}"},
		{"brace then code", "{ {village}", "{ |[village]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spanString(Parse(tt.in)); got != tt.want {
				t.Errorf("Parse(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{village} {danger-2} L into {wadi}", "village !! L into OUED"},
		{"{speed-limit-50} {dz}", "50 DZ"},
		{"no symbols", "no symbols"},
		{"{{literal}} {unknown-code}", "{literal} {unknown-code}"},
		{"{hole} {dunes-many}", "hole DNX"},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCodes(t *testing.T) {
	got := strings.Join(Codes("{village} {dune} {Village} {speed-limit-30} {nope}"), " ")
	if want := "village dune speed-limit-30"; got != want {
		t.Errorf("Codes = %q; want %q", got, want)
	}
}

// FuzzParse checks that Parse keeps every byte of the note: the spans'
// text joined, with the escapes undone, is the note.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "{village} {danger-2} L into {wadi}", "{{x}}", "{", "}", "{speed-limit-50}", "{a b}", "{{{village}}}", "\xff{dune}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		spans := Parse(note)
		var b strings.Builder
		for _, s := range spans {
			if s.Symbol == nil && !s.Unknown && s.Text == "" {
				t.Fatalf("Parse(%q): empty text span", note)
			}
			if s.Symbol != nil || s.Unknown {
				if !strings.HasPrefix(s.Text, "{") || !strings.HasSuffix(s.Text, "}") {
					t.Fatalf("Parse(%q): code span %q without braces", note, s.Text)
				}
			}
			b.WriteString(s.Text)
		}
		// Only braces are consumed: the rest of the note is kept in order.
		nob := func(s string) string { return strings.NewReplacer("{", "", "}", "").Replace(s) }
		if nob(b.String()) != nob(note) {
			t.Fatalf("Parse(%q) joined = %q: lost or added text", note, b.String())
		}
		// Escaped text parses back as itself, one text span.
		if e := Parse(Escape(note)); note != "" && (len(e) != 1 || e[0].Symbol != nil || e[0].Unknown || e[0].Text != note) {
			t.Fatalf("Parse(Escape(%q)) = %q", note, spanString(e))
		}
		if utf8.ValidString(note) && !utf8.ValidString(Plain(note)) {
			t.Fatalf("Plain(%q) is not UTF-8", note)
		}
	})
}

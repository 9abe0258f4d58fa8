package lexicon

import (
	"strings"
	"unicode/utf8"
)

// Span is a piece of a note: text, or a symbol written as a code in braces.
type Span struct {
	// Text is the span's text: the note's own text for a text span, the
	// code as written (with its braces) for a symbol span.
	Text string
	// Symbol is the symbol of a symbol span, nil for a text span.
	Symbol *Symbol
	// Unknown is set on a text span that is a code in braces naming no
	// symbol ("{vilage}"): it prints as written.
	Unknown bool
}

// maxCode is the longest code Parse looks for between braces.
const maxCode = 40

// Parse splits a note into text and symbol spans. The notation:
//
//   - {code} is the symbol with that code (Lookup: case and spaces inside
//     the braces ignored, family members such as {speed-limit-50});
//   - {{ is a literal "{" (and }} a literal "}", so a note can write
//     "{{village}}" to print "{village}");
//   - a brace that does not open a code (no closing brace, or characters
//     other than letters, digits, "-" and spaces inside) is text, and so
//     is a code that names no symbol, marked Unknown.
//
// Adjacent text is merged into one span; the text between symbols keeps
// its spaces and newlines. Parse never fails: any string is a note.
func Parse(note string) []Span {
	var spans []Span
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			spans = append(spans, Span{Text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(note); {
		c := note[i]
		if (c == '{' || c == '}') && i+1 < len(note) && note[i+1] == c {
			text.WriteByte(c)
			i += 2
			continue
		}
		if c != '{' {
			_, n := utf8.DecodeRuneInString(note[i:])
			text.WriteString(note[i : i+n])
			i += n
			continue
		}
		end := strings.IndexByte(note[i+1:min(len(note), i+2+maxCode)], '}')
		if end < 0 || !isCode(note[i+1:i+1+end]) {
			text.WriteByte(c)
			i++
			continue
		}
		raw := note[i : i+end+2]
		if s, ok := Lookup(note[i+1 : i+1+end]); ok {
			flush()
			spans = append(spans, Span{Text: raw, Symbol: s})
		} else {
			flush()
			spans = append(spans, Span{Text: raw, Unknown: true})
		}
		i += end + 2
	}
	flush()
	return mergeText(spans)
}

// mergeText joins adjacent plain text spans (an unknown code stays apart).
func mergeText(spans []Span) []Span {
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.Symbol == nil && !s.Unknown && out[n-1].Symbol == nil && !out[n-1].Unknown {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}

// isCode reports whether s has the shape of a code: letters, digits, "-"
// and surrounding spaces, at least one letter or digit.
func isCode(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Plain returns a note as plain text, each symbol written as its Word
// ("{village} {danger-2} L into {wadi}" gives "village !! L into OUED"), for
// the places that cannot draw (a KML name, a text report). Literal braces
// are unescaped; unknown codes stay as written.
func Plain(note string) string {
	if !strings.ContainsAny(note, "{}") {
		return note
	}
	var b strings.Builder
	for _, s := range Parse(note) {
		if s.Symbol != nil {
			b.WriteString(s.Symbol.Word())
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Codes returns the codes of the symbols a note uses, each once, in the
// order they first appear ("village", "speed-limit-50"), for a consumer
// that ships a picture per symbol (Google Earth balloons).
func Codes(note string) []string {
	var codes []string
	seen := map[string]bool{}
	for _, s := range Parse(note) {
		if s.Symbol != nil && !seen[s.Symbol.Code] {
			seen[s.Symbol.Code] = true
			codes = append(codes, s.Symbol.Code)
		}
	}
	return codes
}

// Escape returns text with its braces doubled, so that Parse reads it back
// as that text and no symbol.
func Escape(text string) string {
	if !strings.ContainsAny(text, "{}") {
		return text
	}
	return strings.NewReplacer("{", "{{", "}", "}}").Replace(text)
}

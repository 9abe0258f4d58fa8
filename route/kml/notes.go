package kml

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/lexicon/raster"
)

// A note in the notation of package lexicon ("TL 95° {road}", docs/lexicon.md)
// shows in a balloon as the printed roadbook shows it: its text, and each
// symbol drawn, inline. A KMZ carries each symbol once as
// files/sym-CODE.png; plain KML, which has no files, puts the picture in
// the balloon as a data URL. Placemark names, which cannot hold pictures,
// write each symbol as its word (lexicon.Plain: "TL 95° RO").

// symbolPixels is the height in pixels of a symbol's picture; balloons
// show it at half that, so it stays sharp on a high-density screen.
const symbolPixels = 48

// noteHTML returns a note as balloon HTML: its text escaped, its symbols
// as pictures with their word as the alternative text and their meaning as
// the title.
func (e *encoder) noteHTML(note string) string {
	if !strings.ContainsAny(note, "{}") {
		return html.EscapeString(note)
	}
	var b strings.Builder
	for _, s := range lexicon.Parse(note) {
		if s.Symbol == nil {
			b.WriteString(html.EscapeString(s.Text))
			continue
		}
		src, ok := e.symbolSrc(s.Symbol)
		if !ok {
			b.WriteString(html.EscapeString(s.Symbol.Word()))
			continue
		}
		fmt.Fprintf(&b, `<img src="%s" height="%d" alt="%s" title="%s" style="vertical-align:middle"/>`,
			src, symbolPixels/2, html.EscapeString(s.Symbol.Word()), html.EscapeString(s.Symbol.Meaning))
	}
	return b.String()
}

// symbolSrc returns where a balloon finds a symbol's picture: its file in
// a KMZ (recorded, for EncodeKMZ to write), else a data URL, made once. ok
// is false when the symbol cannot be drawn.
func (e *encoder) symbolSrc(s *lexicon.Symbol) (string, bool) {
	if e.kmz {
		if e.symbols == nil {
			e.symbols = map[string]*lexicon.Symbol{}
		}
		e.symbols[s.Code] = s
		return "files/" + symbolFile(s.Code), true
	}
	if u, ok := e.symbolURLs[s.Code]; ok {
		return u, u != ""
	}
	if e.symbolURLs == nil {
		e.symbolURLs = map[string]string{}
	}
	var buf bytes.Buffer
	if err := raster.PNG(&buf, s, symbolPixels); err != nil {
		e.symbolURLs[s.Code] = ""
		return "", false
	}
	u := "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
	e.symbolURLs[s.Code] = u
	return u, true
}

// symbolFile is the name of a symbol's picture in a KMZ's files folder.
func symbolFile(code string) string { return "sym-" + code + ".png" }

// usedSymbols returns the symbols the balloons of a KMZ use, by code.
func (e *encoder) usedSymbols() []*lexicon.Symbol {
	out := make([]*lexicon.Symbol, 0, len(e.symbols))
	for _, s := range e.symbols {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

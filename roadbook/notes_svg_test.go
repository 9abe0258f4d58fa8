package roadbook

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNotesSVGText(t *testing.T) {
	got := NotesSVG("CX <sand> & rocks\nTJS")
	for _, want := range []string{
		`width="300" height="100"`,
		`>CX &lt;sand&gt; &amp; rocks</text>`,
		`>TJS</text>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("NotesSVG = %s; want it to contain %s", got, want)
		}
	}
}

// TestNotesSVGWraps checks that a long note wraps onto lines that stay
// inside the drawing and the drawing grows to hold them: nothing clipped.
func TestNotesSVGWraps(t *testing.T) {
	notes := []string{
		"finish of the special, follow the main track to the bivouac",
		"{village} {danger-2} L into {wadi}",
		strings.Repeat("{dunes-many} many dunes then {hole} ", 6),
		"Averyveryveryveryveryveryveryveryveryverylongwordwithoutspaces",
		"",
	}
	num := regexp.MustCompile(`(x|y|width|height|textLength|cx|cy|r)="(-?[0-9.]+)"`)
	for _, note := range notes {
		s := NotesSVG(note)
		if err := parseXMLDoc(s); err != nil {
			t.Errorf("NotesSVG(%q): %v", note, err)
			continue
		}
		m := regexp.MustCompile(`height="([0-9.]+)"`).FindStringSubmatch(s)
		h, _ := strconv.ParseFloat(m[1], 64)
		// Every text ends inside the width, every y inside the height.
		for _, tm := range regexp.MustCompile(`<text x="([0-9.]+)" y="([0-9.]+)"[^>]*textLength="([0-9.]+)"`).FindAllStringSubmatch(s, -1) {
			x, _ := strconv.ParseFloat(tm[1], 64)
			y, _ := strconv.ParseFloat(tm[2], 64)
			w, _ := strconv.ParseFloat(tm[3], 64)
			if x+w > NotesWidth+0.01 || y > h || y < 0 {
				t.Errorf("NotesSVG(%q): text at (%v, %v) %v wide outside %v × %v", note, x, y, w, NotesWidth, h)
			}
		}
		for _, nm := range num.FindAllStringSubmatch(s, -1) {
			v, _ := strconv.ParseFloat(nm[2], 64)
			if v < 0 || (nm[1] == "y" || nm[1] == "cy") && v > h {
				t.Errorf("NotesSVG(%q): %s=%v outside the drawing", note, nm[1], v)
			}
		}
		if strings.Contains(note, "{wadi}") && strings.Contains(s, "{wadi}") {
			t.Errorf("NotesSVG(%q) prints the code instead of the symbol", note)
		}
	}
	long := NotesSVG(notes[2])
	if !strings.Contains(long, `height="`) || strings.Contains(long, `height="100"`) {
		t.Errorf("a long note keeps the minimum height: %.200s", long)
	}
}

func parseXMLDoc(s string) error {
	d := xml.NewDecoder(bytes.NewReader([]byte(s)))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// TestIsNotesSVG tells roadbook's drawings of the words from an author's.
func TestIsNotesSVG(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{NotesSVG("TL {village}"), true},
		{"  \n" + NotesSVG(""), true},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="200"><text>TL</text></svg>`, false},
		{`<svg><g id="roadbook-notes"/></svg>`, false},
		{"data:image/png;base64,iVBORw0KGgo=", false},
		{"TL", false},
		{"", false},
	} {
		if got := IsNotesSVG(tc.s); got != tc.want {
			t.Errorf("IsNotesSVG(%.60q) = %v; want %v", tc.s, got, tc.want)
		}
	}
}

package route

import (
	"fmt"
	"testing"
)

func TestParseConvention(t *testing.T) {
	tests := []struct {
		in    string
		words bool
		want  string // "KIND name clear speed", "" for no match
	}{
		{"DSS", false, "DSS  0 0"},
		{"dss", false, "DSS  0 0"},
		{" WPM 12 ", false, "WPM WPM 12 0 0"},
		{"WPM12", false, "WPM WPM 12 0 0"},
		{"WPM12:90", false, "WPM WPM 12 90 0"},
		{"wpm 12:90", false, "WPM WPM 12 90 0"},
		{"WPS:30", false, "WPS  30 0"},
		{"DZ 50", false, "DZ DZ 50 0 0"},
		{"DZ 50 km/h", false, "DZ  0 50"},
		{"dz50kmh", false, "DZ  0 50"},
		{"DT 30 kph", false, "DT  0 30"},
		{"CP1", false, "CP CP 1 0 0"},
		{"CH 3", false, "CH CH 3 0 0"},
		{"fuel", true, "fuel  0 0"},
		{"Stop", true, "stop  0 0"},
		{"Stop", false, ""},
		{"Stop and go", true, ""},
		{"Cape Town", false, ""},
		{"CPT", false, ""},
		{"S01 WPM001", false, ""},
		{"WPM 12 north", false, ""},
		{"WPM 12345", false, ""},
		{"WPM 12:", false, ""},
		{"WPM 12:-5", false, ""},
		{"WPM 12:abc", false, ""},
		{"WPM ", false, "WPM  0 0"},
		{"WPM  1", false, ""},
		{"DZ 0 km/h", false, ""},
		{"DSSX", false, ""},
		{"Flag, Blue", true, ""},
		{"", true, ""},
	}
	for _, tt := range tests {
		c, ok := ParseConvention(tt.in, tt.words)
		got := ""
		if ok {
			got = fmt.Sprintf("%s %s %g %g", c.Control.Kind, c.Control.Name, c.Control.Radii.Clear, c.Speed)
		}
		if got != tt.want {
			t.Errorf("ParseConvention(%q, %v) = %q; want %q", tt.in, tt.words, got, tt.want)
		}
	}
}

func TestApplyConventionsStatute(t *testing.T) {
	w := Waypoint{Name: "WPM12:90"}
	w.ApplyConventions("statute")
	c, ok := w.Control(WPM)
	if !ok || c.Name != "WPM 12" || c.Radii.Clear != 90/YardM {
		t.Errorf("ApplyConventions(statute) of WPM12:90 = %+v; want WPM 12 with %v yards", w.Controls, 90/YardM)
	}
	w = Waypoint{Type: "DZ 50 km/h", Controls: []Control{{Kind: DSS}}}
	w.ApplyConventions("")
	if len(w.Controls) != 1 || w.Speed != 0 {
		t.Errorf("ApplyConventions on a waypoint with a role changed it: %+v speed %v", w.Controls, w.Speed)
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		w    Waypoint
		want string
	}{
		{Waypoint{}, ""},
		{Waypoint{Name: "Cape Town"}, "Cape Town"},
		{Waypoint{Controls: []Control{{Kind: WPM, Name: "1"}}}, "WPM 1"},
		{Waypoint{Name: "7", Controls: []Control{{Kind: WPM, Name: "1"}}}, "WPM 1"},
		{Waypoint{Name: "17", Controls: []Control{{Kind: WPS}}}, "WPS"},
		{Waypoint{Controls: []Control{{Kind: WPC, Name: "ABC"}}}, "WPC ABC"},
		{Waypoint{Name: "WPM 9", Controls: []Control{{Kind: WPM, Name: "WPM 9"}}}, "WPM 9"},
		{Waypoint{Name: "wpm 9", Controls: []Control{{Kind: WPM}}}, "wpm 9"},
		{Waypoint{Name: "DSS", Controls: []Control{{Kind: DSS, Name: "DSS"}}}, "DSS"},
		{Waypoint{Name: "Yanbu", Controls: []Control{{Kind: DSS}}}, "DSS Yanbu"},
		{Waypoint{Name: "CP 1", Controls: []Control{{Kind: CP}}}, "CP 1"},
		{Waypoint{Name: "Refuel", Controls: []Control{{Kind: Fuel}}}, "Refuel"},
		{Waypoint{Name: "north", Controls: []Control{{Kind: WPE, Name: "3"}}}, "WPE 3 north"},
	}
	for _, tt := range tests {
		if got := tt.w.Label(); got != tt.want {
			t.Errorf("Label(%q, %+v) = %q; want %q", tt.w.Name, tt.w.Controls, got, tt.want)
		}
	}
}

func TestAddControl(t *testing.T) {
	var w Waypoint
	w.AddControl(Control{Kind: WPM})
	w.AddControl(Control{Kind: WPM, Name: "1", Radii: Radii{Open: 800, Clear: 90}})
	w.AddControl(Control{Kind: DN, Time: 900e9, Zone: true})
	want := []Control{{Kind: WPM, Name: "1", Radii: Radii{Open: 800, Clear: 90}}, {Kind: DN, Time: 900e9, Zone: true}}
	if fmt.Sprint(w.Controls) != fmt.Sprint(want) {
		t.Errorf("AddControl merged into %+v; want %+v", w.Controls, want)
	}
}

// TestNoteText: the words of a waypoint's notes, never a drawing: a box
// of an editor's export (a PNG or SVG notes drawing) is named by its
// <desc>, else its <cmt>.
func TestNoteText(t *testing.T) {
	for _, tc := range []struct {
		w    Waypoint
		want string
	}{
		{Waypoint{Notes: " TL {village} ", Desc: "x"}, "TL {village}"},
		{Waypoint{Notes: "data:image/png;base64,iVBORw0KGgo=", Desc: "KR"}, "KR"},
		{Waypoint{Notes: "<svg/>", Cmt: "fork"}, "fork"},
		{Waypoint{Notes: "data:image/png;base64,iVBORw0KGgo="}, ""},
		{Waypoint{}, ""},
	} {
		if got := tc.w.NoteText(); got != tc.want {
			t.Errorf("NoteText(%+v) = %q; want %q", tc.w, got, tc.want)
		}
	}
}

// TestHTMLText: a description in HTML gives its words; other text, with a
// "<" or an "&" that is no tag or entity, stays as it is.
func TestHTMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Turn left<br>at the <b>well</b> &amp; go<img src="https://x/y.png" height="200"/>`, "Turn left at the well & go"},
		{"<table><tr><td>CAP</td><td>215</td></tr></table>", "CAP 215"},
		{"TL <45° & KR", "TL <45° & KR"},
		{"caf&eacute; &#233;", "café é"},
		{"line one\nline two", "line one\nline two"},
		{"cut <b", "cut"},
		{"text <b>cut", "text cut"},
		{"<p>cut <a href=", "cut"},
	} {
		if got := HTMLText(tc.in); got != tc.want {
			t.Errorf("HTMLText(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
	w := Waypoint{Desc: "Turn left<br>at the <b>well</b>"}
	if got := w.NoteText(); got != "Turn left at the well" {
		t.Errorf("NoteText of an HTML desc = %q", got)
	}
}

package edit

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// State is the roadbook as the page shows it (JSON of GET /api/state).
type State struct {
	Version int    `json:"version"`
	Name    string `json:"name"`
	Draft   bool   `json:"draft"`
	Dirty   bool   `json:"dirty"`
	CanUndo bool   `json:"canUndo"`
	CanRedo bool   `json:"canRedo"`
	// Length is the route's length in metres.
	Length float64 `json:"length"`
	Units  string  `json:"units"`
	Boxes  []Box   `json:"boxes"`
	// Problems are roadbook.Validate's findings.
	Problems []Problem `json:"problems"`
	Sections []Section `json:"sections"`
}

// Problem is one of roadbook.Validate's findings.
type Problem struct {
	// Severity is "error" or "warning"; Check names the check.
	Severity string `json:"severity"`
	Check    string `json:"check"`
	// Box is the box number (0 for none), BoxID its id.
	Box     int     `json:"box"`
	BoxID   int     `json:"boxId,omitempty"`
	Km      float64 `json:"km"`
	Message string  `json:"message"`
}

// Section is a part of the stage (liaison, special, neutralisation).
type Section struct {
	Kind   string  `json:"kind"`
	From   float64 `json:"from"`
	To     float64 `json:"to"`
	Sector int     `json:"sector,omitempty"`
}

// Control is a control of a box with its radii in metres (the file's, or
// the rules' where the file gives none: Default says which).
type Control struct {
	Kind    string  `json:"kind"`
	Name    string  `json:"name,omitempty"`
	Open    float64 `json:"open,omitempty"`
	Clear   float64 `json:"clear,omitempty"`
	Default bool    `json:"default,omitempty"`
}

// Box is one box as the page shows it. Distances in metres; Km is the
// odometer as printed.
type Box struct {
	ID      int     `json:"id"`
	Number  int     `json:"number"`
	Along   float64 `json:"along"`
	Total   float64 `json:"total"`
	Partial float64 `json:"partial"`
	Km      string  `json:"km"`
	// DistSource is "file" or "computed".
	DistSource string  `json:"distSource"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	HasPoint   bool    `json:"hasPoint"`
	Cap        float64 `json:"cap"`
	// CapSource is "file" (the file's or the author's) or "computed".
	CapSource string    `json:"capSource"`
	Turn      float64   `json:"turn"`
	Name      string    `json:"name,omitempty"`
	Label     string    `json:"label,omitempty"`
	Controls  []Control `json:"controls"`
	// Kind is the box's waypoint kind (WPV…WPP), "" for none.
	Kind   string  `json:"kind,omitempty"`
	Speed  float64 `json:"speed,omitempty"`
	Danger int     `json:"danger,omitempty"`
	Reset  bool    `json:"reset,omitempty"`
	Notes  string  `json:"notes"`
	// Spans are the notes split into text and lexicon symbols, as the PDF
	// prints them.
	Spans []Span `json:"spans,omitempty"`
	// NoteGenerated: the notes are written by roadbook (the file has none).
	NoteGenerated bool    `json:"noteGenerated,omitempty"`
	Neutral       float64 `json:"neutral,omitempty"` // seconds
	Allowed       float64 `json:"allowed,omitempty"` // minutes
	Stop          float64 `json:"stop,omitempty"`    // seconds
	// Close: the previous box is closer than 300 m (FIA marks this box).
	Close bool `json:"close,omitempty"`
	// Tulip is the URL of the box's tulip image; TulipSource is "file"
	// (the file's own drawing), "author" (edited here) or "track" (drawn
	// from the track).
	Tulip       string `json:"tulip"`
	TulipSource string `json:"tulipSource"`
	// NotesDrawing is the URL of the file's notes drawing, "" when none.
	NotesDrawing string `json:"notesDrawing,omitempty"`
	// Legs are the tracks of the tulip an edit changes: the author's, or
	// the one drawn from the track (which an edit starts from, replacing
	// the file's own drawing).
	Legs   *Legs    `json:"legs"`
	Safety []string `json:"safety,omitempty"`
}

// State returns the roadbook as the page shows it.
func (d *Doc) State() *State {
	s := &State{
		Version:  d.version,
		Name:     d.stage.Name,
		Draft:    d.draft,
		Dirty:    d.Dirty(),
		CanUndo:  d.CanUndo(),
		CanRedo:  d.CanRedo(),
		Units:    d.file.Units,
		Problems: make([]Problem, 0, len(d.problems)),
		Boxes:    make([]Box, 0, len(d.book.Boxes)),
	}
	idOf := map[int]int{}
	for id, bi := range d.boxOf {
		idOf[d.book.Boxes[bi].Number] = id
	}
	for _, p := range d.problems {
		s.Problems = append(s.Problems, Problem{Severity: p.Severity.String(), Check: p.Rule, Box: p.Box, BoxID: idOf[p.Box], Km: p.Km, Message: p.Message})
	}
	if d.stage.Path != nil {
		s.Length = d.stage.Length()
	}
	for _, sec := range d.stage.Sections {
		s.Sections = append(s.Sections, Section{Kind: sec.Kind.String(), From: sec.From, To: sec.To, Sector: sec.Sector})
	}
	for i := range d.entries {
		b, ok := d.boxFor(i)
		if !ok {
			continue
		}
		s.Boxes = append(s.Boxes, d.box(i, b))
	}
	return s
}

// box returns entry i's box for the page.
func (d *Doc) box(i int, b *roadbook.Box) Box {
	en := &d.entries[i]
	w := &en.W
	out := Box{
		ID: en.ID, Number: b.Number, Along: b.Along, Total: b.Total, Partial: b.Partial,
		Km:         fmt.Sprintf("%.2f", math.Max(0, b.Total)/1000),
		DistSource: "file",
		Lat:        b.Point[1], Lon: b.Point[0], HasPoint: w.HasPoint || d.stage.Path != nil,
		Cap: b.Cap, CapSource: "file", Turn: math.Round(b.Turn),
		Name: w.Name, Label: w.Label(),
		Speed: w.Speed * d.unitKm(), Danger: b.Danger, Reset: b.Reset,
		Notes: b.Notes, Spans: spans(b.Notes), NoteGenerated: b.NoteGenerated,
		Neutral: w.Neutralisation.Seconds(), Allowed: w.Allowed.Minutes(), Stop: w.Stop.Seconds(),
		Close: b.Close, Safety: w.Safety,
		Controls: []Control{},
	}
	if en.AutoDist {
		out.DistSource = "computed"
	}
	if !w.HasCap {
		out.CapSource = "computed"
	}
	for _, c := range w.Controls {
		r := route.Radii{Open: c.Radii.Open * d.unitRadius(), Clear: c.Radii.Clear * d.unitRadius()}
		full := d.rules.RadiiFor(c.Kind, r)
		out.Controls = append(out.Controls, Control{Kind: c.Kind.String(), Name: c.Name, Open: full.Open, Clear: full.Clear,
			Default: r.Clear == 0 && r.Open == 0})
		if c.Kind.IsWaypoint() && out.Kind == "" {
			out.Kind = c.Kind.String()
		}
	}
	h, src := d.tulipRef(i, b)
	out.TulipSource = src
	out.Tulip = fmt.Sprintf("api/drawing?box=%d&what=tulip&h=%s", en.ID, h)
	if route.IsDrawing(w.Notes) && !roadbook.IsNotesSVG(w.Notes) {
		out.NotesDrawing = fmt.Sprintf("api/drawing?box=%d&what=notes&h=%016x", en.ID, maphash.String(d.tulips.seed, w.Notes))
	}
	if en.Tulip != nil {
		out.Legs = legsOf(en.Tulip)
	} else {
		out.Legs = legsOf(editable(b.Tulip))
	}
	return out
}

// Drawing returns box id's tulip (what "tulip") or notes drawing (what
// "notes") as bytes with their media type.
func (d *Doc) Drawing(id int, what string) ([]byte, string, error) {
	i, err := d.find(id)
	if err != nil {
		return nil, "", err
	}
	var data string
	switch what {
	case "tulip":
		b, ok := d.boxFor(i)
		if !ok {
			return nil, "", fmt.Errorf("edit: box %d has no tulip", id)
		}
		data = d.tulipData(i, b)
	case "notes":
		data = d.entries[i].W.Notes
		if !route.IsDrawing(data) {
			return nil, "", fmt.Errorf("edit: box %d has no notes drawing", id)
		}
	default:
		return nil, "", fmt.Errorf("edit: no drawing %q", what)
	}
	return decodeDrawing(data)
}

// decodeDrawing returns the bytes and media type of a drawing as
// roadbook.ParseImage reads it for the PDF (an SVG document, a data URL,
// base64 of a PNG, JPEG or SVG file), an SVG made fit for a browser
// (forBrowser).
func decodeDrawing(s string) ([]byte, string, error) {
	im, err := roadbook.ParseImage(s)
	if err != nil {
		return nil, "", fmt.Errorf("edit: %w", err)
	}
	data := im.Data
	if im.Format == roadbook.SVG {
		data = forBrowser(data)
	}
	return data, im.Format.MIME(), nil
}

// forBrowser returns an SVG document that a browser draws as an image: a
// browser draws nothing from an <svg> without the SVG namespace (the
// OpenRally drafts' examples write <svg> bare, and xlink:href without its
// namespace), where the PDF's renderer reads it. The namespaces missing
// from the root element are added; the file keeps its drawing as it is.
func forBrowser(svg []byte) []byte {
	start := bytes.Index(svg, []byte("<svg"))
	if start < 0 || start+4 >= len(svg) || !strings.ContainsRune(" \t\r\n/>", rune(svg[start+4])) {
		return svg
	}
	// The end of the start tag, past quoted attribute values.
	end, quote := -1, byte(0)
	for k := start + 4; k < len(svg) && end < 0; k++ {
		switch c := svg[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			end = k
		}
	}
	if end < 0 {
		return svg
	}
	tag := svg[start:end]
	var add string
	if !bytes.Contains(tag, []byte("xmlns=")) {
		add += ` xmlns="http://www.w3.org/2000/svg"`
	}
	if bytes.Contains(svg, []byte("xlink:")) && !bytes.Contains(tag, []byte("xmlns:xlink=")) {
		add += ` xmlns:xlink="http://www.w3.org/1999/xlink"`
	}
	if add == "" {
		return svg
	}
	out := make([]byte, 0, len(svg)+len(add))
	out = append(out, svg[:start+4]...)
	out = append(out, add...)
	return append(out, svg[start+4:]...)
}

// Encode writes the roadbook as OpenRally v1.0.3 GPX (Output) to w.
func (d *Doc) Encode(w io.Writer) error { return gpx.Encode(w, d.Output()) }

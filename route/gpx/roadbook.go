package gpx

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// tulipSize is the side in pixels of the tulip SVGs OpenRally writes.
const tulipSize = 100

// OpenRally returns a roadbook as an OpenRally file for Encode: one
// waypoint per box, in order, then the route as a track, in metric units
// ("metric", km, km/h, metres).
//
// A kept roadbook (rb.Kept: the stage's file was already an OpenRally
// roadbook) is written as the file gave it: each box is its waypoint with
// every field, tag, drawing and kept element unchanged (distance, CAP,
// position or lat="0" lon="0", name, controls, notes and tulip, markers),
// converted to metric. What it adds is only the tulip drawn from the route
// for a box whose file has none (as the printed roadbook shows it); no CAP
// measured on the route, no generated note, no default radius. Radii come
// from rules only when rules is not nil (an event's own radii, which the
// user asked for).
//
// A built roadbook (boxes made from a route) gets everything it needs: each
// box's position, its number or its waypoint's name as name, the
// distance (the roadbook odometer, Box.Total, in km, rounded as printed:
// route.RoundOdo), reset, CAP, danger, speed, stop, the controls with their names
// and their open and clear radii (the file's, else those of rules, else
// the defaults), the DN's neutralisation and the CH's allowed time, the
// markers and kept elements of the source waypoint, the tulip (the file's
// own drawing, else the SVG of the generated one) and the notes (the file's
// drawing, else the text as a small SVG). The notes' text also goes into
// the GPX <desc>, which is what roadbook.Build reads back as the notes.
//
// The metadata has the stage's name (the file's, or the rally manifest's),
// units "metric" and the total distance:
// the file's when it gives one, else the route's length rounded as the
// odometer is; a kept roadbook
// also keeps its file's other metadata and kept metadata elements. A nil or
// empty roadbook gives a file with no waypoints.
func OpenRally(rb *roadbook.Book, rules *route.Rules) *route.File {
	f := &route.File{Version: "1.1", Creator: "roadbook", OpenRally: NamespaceOpenRally, Units: "metric"}
	if rb == nil {
		return f
	}
	s := rb.Stage
	hasRoute := s != nil && s.Path != nil && len(s.Path.Line) > 0
	if s != nil {
		if rb.Kept && s.File != nil {
			f.Metadata = s.File.Metadata
			f.Extensions = s.File.Extensions
		}
		if s.Name != "" {
			f.Metadata.Name = s.Name
		}
		if src := s.File; src != nil && src.HasTotal {
			f.TotalKm, f.HasTotal = src.TotalKm, true
			if src.Units == "statute" {
				f.TotalKm *= route.MileKm
			}
		} else if hasRoute {
			f.TotalKm, f.HasTotal = route.RoundOdo(s.Length())/1000, true
		}
		if hasRoute {
			seg := route.Segment{Points: s.Path.Line}
			if len(s.Ele) == len(s.Path.Line) {
				seg.Ele = s.Ele
			}
			f.Tracks = []route.Track{{Name: s.Name, Segments: []route.Segment{seg}}}
		}
	}
	for i := range rb.Boxes {
		b := &rb.Boxes[i]
		var src *route.Waypoint
		if s != nil && b.Waypoint >= 0 && b.Waypoint < len(s.Waypoints) {
			src = &s.Waypoints[b.Waypoint].Waypoint
		}
		var w route.Waypoint
		if rb.Kept && src != nil {
			w = keptWaypoint(src, rules)
			if w.Tulip == "" {
				// Where the file has no tulip, the one drawn from the
				// route, as the printed roadbook shows it.
				w.Tulip = tulipSVG(b)
			}
		} else {
			w = builtWaypoint(b, src, hasRoute, rules)
		}
		f.Waypoints = append(f.Waypoints, w)
	}
	return f
}

// keptWaypoint returns the waypoint of a kept box: its file's, as it was,
// but for notes given as text. OpenRally's notes hold a drawing (an SVG or
// a data URL, its schema says), and readers draw them: a text is written as
// the drawing of itself, with its lexicon symbols (roadbook.NotesSVG), and
// the text itself goes to <desc> when that is empty or says the same, as
// for a built roadbook. With another <desc>, the text stays as written. A
// drawing of the words that roadbook made (roadbook.IsNotesSVG) is drawn
// again from the <desc>, which an editor may have changed since.
func keptWaypoint(src *route.Waypoint, rules *route.Rules) route.Waypoint {
	w := *src
	w.Line = 0
	switch text, desc := strings.TrimSpace(w.Notes), strings.TrimSpace(w.Desc); {
	case text != "" && !route.IsDrawing(text) && (desc == "" || desc == text):
		w.Desc, w.Notes = text, roadbook.NotesSVG(text)
	case roadbook.IsNotesSVG(text) && desc != "":
		// Our drawing of the words: drawn again from the words, which
		// may have been edited since.
		w.Notes = roadbook.NotesSVG(desc)
	}
	if rules != nil && len(w.Controls) > 0 {
		w.Controls = append([]route.Control(nil), w.Controls...)
		for i, c := range w.Controls {
			if controlTags[c.Kind] != "" {
				w.Controls[i].Radii = rules.RadiiFor(c.Kind, c.Radii)
			}
		}
	}
	return w
}

// builtWaypoint returns the waypoint of a box built from the route.
func builtWaypoint(b *roadbook.Box, src *route.Waypoint, hasRoute bool, rules *route.Rules) route.Waypoint {
	w := route.Waypoint{
		Point:       b.Point,
		HasPoint:    hasRoute,
		Name:        fmt.Sprint(b.Number),
		Distance:    math.Max(0, route.RoundOdo(finite(b.Total))) / 1000,
		HasDistance: true,
		Cap:         b.Cap,
		HasCap:      b.HasCap,
		Danger:      max(0, min(b.Danger, 3)),
		Reset:       b.Reset,
		Speed:       b.Speed,
		Stop:        b.Stop,
		Desc:        b.Notes,
	}
	if src != nil {
		if src.Name != "" {
			w.Name = src.Name
		}
		if !hasRoute && src.HasPoint {
			w.Point, w.HasPoint = src.Point, true
		}
		w.Neutralisation, w.Allowed = src.Neutralisation, src.Allowed
		w.ShowCoordinates = src.ShowCoordinates
		w.Safety = append([]string(nil), src.Safety...)
		w.Markers = append([]string(nil), src.Markers...)
		w.Extensions = append([]route.Extension(nil), src.Extensions...)
		w.ResetKm = src.ResetKm
		if route.IsDrawing(src.Notes) && !roadbook.IsNotesSVG(src.Notes) {
			w.Notes = src.Notes
		}
	}
	for _, c := range b.Controls {
		if controlTags[c.Kind] != "" {
			// Only the roles whose v1.0.3 element holds radii get the
			// defaults: a DN (neutralization), a CH, a stop, a fuel
			// marker keep what the file gave.
			c.Radii = rules.RadiiFor(c.Kind, c.Radii)
		}
		w.Controls = append(w.Controls, c)
	}
	if w.Notes == "" && b.Notes != "" {
		w.Notes = roadbook.NotesSVG(b.Notes)
	}
	w.Tulip = b.TulipData
	if w.Tulip == "" {
		w.Tulip = tulipSVG(b)
	}
	return w
}

// tulipSVG returns the SVG of the tulip drawn from the route for a box, ""
// when it has none.
func tulipSVG(b *roadbook.Box) string {
	if b.Tulip == nil {
		return ""
	}
	var buf bytes.Buffer
	if err := tulip.WriteSVG(&buf, b.Tulip, tulipSize); err != nil {
		return ""
	}
	return strings.TrimSpace(buf.String())
}

// finite returns v, or 0 when v is NaN or infinite.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

package roadbook

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// OpenRallyNamespace is the OpenRally version File targets (v1.0.3).
const OpenRallyNamespace = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"

// TulipSize is the side in pixels of the tulip SVGs File writes.
const TulipSize = 100

// File returns the roadbook as an OpenRally file for route/gpx to encode:
// one waypoint per box, in order, then the route as a track.
//
// Each waypoint has the box's position (HasPoint false only for a box
// without a route and without a position of its own), its waypoint's name
// or else the box number as name, and the OpenRally fields: distance (the
// odometer in km since the last reset, rounded to the metre), reset, cap,
// danger, speed, stop, the controls with their names and their open and
// clear radii (the file's, else those of rules, else the defaults; nil
// rules means the defaults), the DN's neutralisation and the CH's allowed
// time, the safety markers and show_coordinates of the source waypoint,
// the tulip as an SVG document (the file's own tulip when it gave one) and
// the notes as an SVG document (the file's own drawing when it gave one).
// The notes' text also goes into the GPX <desc>, which is what Build reads
// back as the notes of a kept roadbook.
//
// The metadata has the stage name, units "metric" and the route's length
// in km as the total distance. A nil or empty roadbook gives a file with
// no waypoints.
func (rb *Book) File(rules *route.Rules) *route.File {
	f := &route.File{Version: "1.1", Creator: "roadbook", OpenRally: OpenRallyNamespace, Units: "metric"}
	if rb == nil {
		return f
	}
	s := rb.Stage
	if s != nil {
		f.Metadata.Name = s.Name
		if s.Path != nil && len(s.Path.Line) > 0 {
			f.TotalKm, f.HasTotal = route.RoundOdo(s.Length())/1000, true
			seg := route.Segment{Points: s.Path.Line}
			if len(s.Ele) == len(s.Path.Line) {
				seg.Ele = s.Ele
			}
			f.Tracks = []route.Track{{Name: s.Name, Segments: []route.Segment{seg}}}
		}
	}
	hasRoute := s != nil && s.Path != nil && len(s.Path.Line) > 0
	for i := range rb.Boxes {
		b := &rb.Boxes[i]
		w := route.Waypoint{
			Point:       b.Point,
			HasPoint:    hasRoute,
			Name:        fmt.Sprint(b.Number),
			Distance:    math.Max(0, route.RoundOdo(finite(b.Total))) / 1000,
			HasDistance: true,
			Cap:         b.Cap,
			HasCap:      true,
			Danger:      clampInt(b.Danger, 0, 3),
			Reset:       b.Reset,
			Speed:       b.Speed,
			Stop:        b.Stop,
			Desc:        b.Notes,
		}
		if s != nil && b.Waypoint >= 0 && b.Waypoint < len(s.Waypoints) {
			src := &s.Waypoints[b.Waypoint]
			if src.Name != "" {
				w.Name = src.Name
			}
			if !hasRoute && src.HasPoint {
				w.Point, w.HasPoint = src.Point, true
			}
			w.Neutralisation, w.Allowed = src.Neutralisation, src.Allowed
			w.ShowCoordinates = src.ShowCoordinates
			w.Safety = append([]string(nil), src.Safety...)
			if isDrawing(src.Notes) {
				w.Notes = src.Notes
			}
		}
		for _, c := range b.Controls {
			c.Radii = rules.RadiiFor(c.Kind, c.Radii)
			w.Controls = append(w.Controls, c)
		}
		if w.Notes == "" && b.Notes != "" {
			w.Notes = NotesSVG(b.Notes)
		}
		switch {
		case b.TulipData != "":
			w.Tulip = b.TulipData
		case b.Tulip != nil:
			var buf bytes.Buffer
			if err := tulip.WriteSVG(&buf, b.Tulip, TulipSize); err == nil {
				w.Tulip = strings.TrimSpace(buf.String())
			}
		}
		f.Waypoints = append(f.Waypoints, w)
	}
	return f
}

// isDrawing reports whether an OpenRally notes or tulip value is a drawing
// (an SVG document or a data URL) rather than plain text.
func isDrawing(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "<") || strings.HasPrefix(t, "data:")
}

package edit

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"strings"

	"github.com/roadbook/roadbook/roadbook/tulip"
)

// The tulip the author edits is the roadbook's own model, a tulip.Drawing:
// the one roadbook.Build draws from the track (the approach, the exit as
// the route goes, the other tracks with their surfaces), which the PDF
// prints. An edit changes that drawing: the exit turned to another
// direction (its leg rotated about the junction, keeping its curve), other
// tracks added (a straight track from the junction), turned or removed,
// the surface of any track (the approach, the exit, the others) set, which
// sets how it is drawn (tarmac an open double line, piste a solid line,
// small track a thin line, off-piste a dashed line). The page shows the
// drawing by its legs (Legs): each track's direction and surface.

// Leg is a track of a junction as the page edits it: its direction in
// degrees clockwise from straight ahead (the approach), in (-180, 180],
// from the junction to its far end, and its surface.
type Leg struct {
	Angle   float64       `json:"angle"`
	Surface tulip.Surface `json:"surface"`
}

// Legs are the tracks of a tulip: the approach (straight up from the
// bottom: only its surface is edited), the exit to take (nil at the finish
// until the author gives one), and the other tracks, in the drawing's
// order.
type Legs struct {
	Entry  Leg   `json:"entry"`
	Exit   *Leg  `json:"exit"`
	Tracks []Leg `json:"tracks"`
}

// junction is a drawing taken apart: where its route meets the junction,
// and which strokes are the approach, the exit and the other tracks.
type junction struct {
	at          tulip.Vec
	entry, exit int // stroke indexes, -1 for none
	others      []int
}

// centre is the junction of a tulip drawing.
var centre = tulip.Vec{X: 0.5, Y: 0.5}

// editable returns a copy of d in the form the editor changes: the route
// as two strokes, the approach (no arrow) then the exit (with its arrow),
// after the other tracks. A drawing whose route is one stroke is cut where
// it passes nearest the junction, as tulip.Route cuts legs of different
// surfaces; a drawing without a route (nil, or a box without a track) gets
// a straight one, up from the bottom dot and on.
func editable(d *tulip.Drawing) *tulip.Drawing {
	out := &tulip.Drawing{Dot: tulip.Vec{X: 0.5, Y: 0.1}, DotRadius: tulip.DotRadius}
	var route []tulip.Vec
	var entrySf, exitSf tulip.Surface
	split := -1 // index in route of the junction when the route was two strokes
	if d != nil {
		out.Dot, out.DotRadius = d.Dot, d.DotRadius
		ex := -1
		for i := len(d.Strokes) - 1; i >= 0; i-- {
			if d.Strokes[i].Arrow && len(d.Strokes[i].Points) >= 2 {
				ex = i
				break
			}
		}
		en := -1
		if ex > 0 {
			p := d.Strokes[ex-1].Points
			if len(p) >= 2 && !d.Strokes[ex-1].Arrow && p[len(p)-1] == d.Strokes[ex].Points[0] && p[0] == d.Dot {
				en = ex - 1
			}
		}
		if ex < 0 && len(d.Strokes) > 0 {
			// No exit (the finish): the route is the last stroke that
			// starts at the dot.
			for i := len(d.Strokes) - 1; i >= 0; i-- {
				if p := d.Strokes[i].Points; len(p) >= 2 && p[0] == d.Dot {
					en = i
					break
				}
			}
		}
		for i, s := range d.Strokes {
			if i == ex || i == en {
				continue
			}
			s.Points = append([]tulip.Vec(nil), s.Points...)
			out.Strokes = append(out.Strokes, s)
		}
		if en >= 0 {
			route = append(route, d.Strokes[en].Points...)
			entrySf = d.Strokes[en].Surface
			split = len(route) - 1
		}
		if ex >= 0 {
			pts := d.Strokes[ex].Points
			if en >= 0 {
				pts = pts[1:]
			} else {
				entrySf = d.Strokes[ex].Surface
			}
			route = append(route, pts...)
			exitSf = d.Strokes[ex].Surface
		} else {
			exitSf = entrySf
		}
	}
	if len(route) < 2 {
		route = []tulip.Vec{out.Dot, centre}
		split = 1
	}
	j := split
	if j < 0 {
		j = 0
		for i, p := range route {
			if dist(p, centre) < dist(route[j], centre) {
				j = i
			}
		}
	}
	entry := route[:j+1]
	if len(entry) < 2 {
		entry = []tulip.Vec{out.Dot, route[j]}
	}
	out.Strokes = append(out.Strokes, legStroke(append([]tulip.Vec(nil), entry...), entrySf, false))
	if exit := route[j:]; len(exit) >= 2 {
		out.Strokes = append(out.Strokes, legStroke(append([]tulip.Vec(nil), exit...), exitSf, true))
	}
	// else no exit (the finish) until the author gives one
	return out
}

func dist(a, b tulip.Vec) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// legStroke returns a leg of the route on surface sf, drawn as tulip.Route
// draws it.
func legStroke(pts []tulip.Vec, sf tulip.Surface, arrow bool) tulip.Stroke {
	st := tulip.Stroke{Points: pts, Surface: sf, Arrow: arrow}
	setSurface(&st, sf, true)
	return st
}

// setSurface sets a stroke's surface and the style and width it is drawn
// with, as tulip.Route draws a leg of the route (route) or another track.
func setSurface(st *tulip.Stroke, sf tulip.Surface, route bool) {
	st.Surface = sf
	if route {
		st.Style = sf.Style(tulip.Solid)
		switch st.Style {
		case tulip.Double:
			st.Width = tulip.RouteTarmacWidth
		case tulip.Thin, tulip.Dashed:
			st.Width = tulip.RouteWidth * 0.8
		default:
			st.Width = tulip.RouteWidth
		}
		return
	}
	st.Style = sf.Style(tulip.Thin)
	if sf == tulip.UnknownSurface && st.Width == tulip.StubWidth {
		st.Style = tulip.Dashed // the straight-on stub stays a stub
		return
	}
	switch st.Style {
	case tulip.Double:
		st.Width = tulip.OtherTarmacWidth
	case tulip.Solid:
		st.Width = tulip.OtherPisteWidth
	default:
		st.Width = tulip.OtherWidth
	}
}

// parts takes an editable drawing apart: the exit is its last stroke when
// that has an arrow (else there is none, at the finish), the approach the
// stroke before, the others before them.
func parts(d *tulip.Drawing) junction {
	n := len(d.Strokes)
	j := junction{entry: n - 1, exit: -1}
	if d.Strokes[n-1].Arrow {
		j.entry, j.exit = n-2, n-1
	}
	e := d.Strokes[j.entry].Points
	j.at = e[len(e)-1]
	for i := 0; i < j.entry; i++ {
		j.others = append(j.others, i)
	}
	return j
}

// direction returns the direction, in degrees clockwise from up in
// (-180, 180], from the junction at to a stroke's far end: the exit's tip,
// or the end of another track farther from the junction.
func direction(at tulip.Vec, s tulip.Stroke, tip bool) float64 {
	far := s.Points[len(s.Points)-1]
	if !tip && dist(s.Points[0], at) > dist(far, at) {
		far = s.Points[0]
	}
	return normAngle(math.Atan2(far.X-at.X, far.Y-at.Y) * 180 / math.Pi)
}

// legsOf returns the legs of an editable drawing.
func legsOf(d *tulip.Drawing) *Legs {
	j := parts(d)
	l := &Legs{Entry: Leg{Angle: 0, Surface: d.Strokes[j.entry].Surface}, Tracks: []Leg{}}
	if j.exit >= 0 {
		l.Exit = &Leg{Angle: direction(j.at, d.Strokes[j.exit], true), Surface: d.Strokes[j.exit].Surface}
	}
	for _, i := range j.others {
		l.Tracks = append(l.Tracks, Leg{Angle: direction(j.at, d.Strokes[i], false), Surface: d.Strokes[i].Surface})
	}
	return l
}

// rotate turns a stroke about p by deg degrees clockwise.
func rotate(s *tulip.Stroke, p tulip.Vec, deg float64) {
	sn, cs := math.Sincos(deg * math.Pi / 180)
	for i, v := range s.Points {
		dx, dy := v.X-p.X, v.Y-p.Y
		s.Points[i] = tulip.Vec{X: p.X + dx*cs + dy*sn, Y: p.Y - dx*sn + dy*cs}
	}
}

// trackLen is how far from the junction a track the author adds reaches,
// in drawing units (the route's legs reach the circle of 0.4).
const trackLen = 0.34

// maxTracks is the most other tracks a tulip may have.
const maxTracks = 24

// normAngle returns a in (-180, 180], to a tenth of a degree.
func normAngle(a float64) float64 {
	if math.IsNaN(a) || math.IsInf(a, 0) {
		return 0
	}
	a = math.Mod(a, 360)
	if a <= -180 {
		a += 360
	} else if a > 180 {
		a -= 360
	}
	return math.Round(a*10)/10 + 0
}

// The namespace of the drawing the editor keeps inside the tulip SVGs it
// writes, so that a tulip saved by the editor can be edited again.
const drawingNS = "https://github.com/roadbook/roadbook/edit/tulip"

// tulipPixels is the size of the tulip SVGs the editor writes (as
// gpx.OpenRally writes a generated tulip).
const tulipPixels = 100

// tulipSVG returns the drawing as an SVG document (tulip.WriteSVG); with
// keep, the drawing itself as JSON in the SVG's metadata.
func tulipSVG(d *tulip.Drawing, keep bool) string {
	var buf bytes.Buffer
	if err := tulip.WriteSVG(&buf, d, tulipPixels); err != nil {
		return ""
	}
	out := strings.TrimSpace(buf.String())
	if !keep {
		return out
	}
	js, err := json.Marshal(d)
	if err != nil {
		return out
	}
	var meta strings.Builder
	meta.WriteString(`<metadata><drawing xmlns="` + drawingNS + `">`)
	xml.EscapeText(&meta, js)
	meta.WriteString(`</drawing></metadata>`)
	i := strings.Index(out, ">")
	return out[:i+1] + "\n" + meta.String() + out[i+1:]
}

// parseTulip returns the drawing kept in a tulip SVG the editor wrote, in
// editable form.
func parseTulip(svg string) (*tulip.Drawing, bool) {
	open := `<drawing xmlns="` + drawingNS + `">`
	i := strings.Index(svg, open)
	if i < 0 {
		return nil, false
	}
	rest := svg[i:]
	j := strings.Index(rest, "</drawing>")
	if j < 0 {
		return nil, false
	}
	var v struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte(rest[:j+len("</drawing>")]), &v); err != nil {
		return nil, false
	}
	var d tulip.Drawing
	if err := json.Unmarshal([]byte(v.Text), &d); err != nil || checkDrawing(&d) != nil {
		return nil, false
	}
	return editable(&d), true
}

// checkDrawing reports a drawing the editor cannot take as its own: too
// many strokes or points, or coordinates far outside the square.
func checkDrawing(d *tulip.Drawing) error {
	if len(d.Strokes) > maxTracks+3 {
		return fmt.Errorf("edit: a tulip of %d strokes", len(d.Strokes))
	}
	ok := func(v tulip.Vec) bool { return v.X > -1 && v.X < 2 && v.Y > -1 && v.Y < 2 }
	for _, s := range d.Strokes {
		if len(s.Points) > 1000 || !(s.Width >= 0 && s.Width < 1) {
			return fmt.Errorf("edit: a tulip stroke out of bounds")
		}
		for _, p := range s.Points {
			if !ok(p) {
				return fmt.Errorf("edit: a tulip point out of bounds")
			}
		}
	}
	if !ok(d.Dot) || !(d.DotRadius >= 0 && d.DotRadius < 1) {
		return fmt.Errorf("edit: a tulip dot out of bounds")
	}
	return nil
}

// cloneDrawing returns a copy of d that shares no slice with it.
func cloneDrawing(d *tulip.Drawing) *tulip.Drawing {
	c := *d
	c.Strokes = make([]tulip.Stroke, len(d.Strokes))
	for i, s := range d.Strokes {
		s.Points = append([]tulip.Vec(nil), s.Points...)
		c.Strokes[i] = s
	}
	return &c
}

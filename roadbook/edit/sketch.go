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

// Surface is what a track of a tulip is made of, which says how it is
// drawn: tarmac an open double line, piste a solid line, track a thin
// line, off-piste a dashed line.
type Surface string

// The surfaces.
const (
	Tarmac   Surface = "tarmac"
	Piste    Surface = "piste"
	Track    Surface = "track"
	OffPiste Surface = "off-piste"
)

// Surfaces lists the surfaces in the order the page offers them.
var Surfaces = []Surface{Tarmac, Piste, Track, OffPiste}

func (s Surface) valid() bool {
	for _, v := range Surfaces {
		if s == v {
			return true
		}
	}
	return false
}

func (s Surface) style() tulip.Style {
	switch s {
	case Tarmac:
		return tulip.Double
	case Track:
		return tulip.Thin
	case OffPiste:
		return tulip.Dashed
	}
	return tulip.Solid
}

func surfaceOf(st tulip.Style) Surface {
	switch st {
	case tulip.Double:
		return Tarmac
	case tulip.Thin:
		return Track
	case tulip.Dashed:
		return OffPiste
	}
	return Piste
}

// Branch is a track leaving the junction: its direction in degrees
// clockwise from straight ahead (the entry direction), in (-180, 180], and
// its surface.
type Branch struct {
	Angle   float64 `json:"angle"`
	Surface Surface `json:"surface"`
}

// Sketch is a tulip as the author edits it: the route arriving from the
// bottom and leaving by its exit, and the other tracks of the junction,
// each a straight branch from the junction with its surface.
type Sketch struct {
	// Entry is the surface the crew arrives on.
	Entry Surface `json:"entry"`
	// Exit is the way to take.
	Exit Branch `json:"exit"`
	// Tracks are the other tracks, the ways not to take.
	Tracks []Branch `json:"tracks"`
}

func (s *Sketch) clone() *Sketch {
	c := *s
	c.Tracks = append([]Branch(nil), s.Tracks...)
	return &c
}

// normAngle returns a in (-180, 180].
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

// branchLen is how far a branch reaches from the junction, in drawing
// units (the route's strokes reach the circle of 0.4).
const branchLen = 0.4

func branchEnd(angle, l float64) tulip.Vec {
	s, c := math.Sincos(angle * math.Pi / 180)
	return tulip.Vec{X: 0.5 + l*s, Y: 0.5 + l*c}
}

// Drawing returns the sketch as a tulip drawing: the other tracks first,
// then the route from the arrival dot at the bottom to the arrow of the
// exit, each stroke in its surface's style.
func (s *Sketch) Drawing() *tulip.Drawing {
	c := tulip.Vec{X: 0.5, Y: 0.5}
	d := &tulip.Drawing{Dot: tulip.Vec{X: 0.5, Y: 0.5 - branchLen}, DotRadius: tulip.DotRadius}
	for _, t := range s.Tracks {
		w := tulip.OtherWidth
		switch t.Surface {
		case Tarmac:
			w = tulip.OtherTarmacWidth
		case Piste:
			w = tulip.OtherPisteWidth
		}
		d.Strokes = append(d.Strokes, tulip.Stroke{Points: []tulip.Vec{c, branchEnd(t.Angle, branchLen*0.85)}, Style: t.Surface.style(), Width: w})
	}
	routeWidth := func(sf Surface) float64 {
		if sf == Tarmac {
			return tulip.RouteWidth * 1.4
		}
		return tulip.RouteWidth
	}
	d.Strokes = append(d.Strokes,
		tulip.Stroke{Points: []tulip.Vec{d.Dot, c}, Style: s.Entry.style(), Width: routeWidth(s.Entry)},
		tulip.Stroke{Points: []tulip.Vec{c, branchEnd(s.Exit.Angle, branchLen)}, Style: s.Exit.Surface.style(), Width: routeWidth(s.Exit.Surface), Arrow: true})
	return d
}

// sketchFrom returns the sketch of a drawing made from the track: the exit
// where its arrow points, each other stroke a branch towards its far end.
// Surfaces come from the strokes' styles.
func sketchFrom(d *tulip.Drawing) *Sketch {
	s := &Sketch{Entry: Piste, Exit: Branch{Angle: 0, Surface: Piste}}
	if d == nil {
		return s
	}
	if a, ok := d.ExitAngle(); ok {
		s.Exit.Angle = normAngle(a)
	}
	for _, st := range d.Strokes {
		if len(st.Points) < 2 {
			continue
		}
		if st.Arrow {
			s.Entry = surfaceOf(st.Style)
			s.Exit.Surface = s.Entry
			continue
		}
		if st.Style == tulip.Dashed && st.Width == tulip.StubWidth {
			continue // the straight-on stub says only "a turn"
		}
		// The end farther from the junction gives the direction.
		far := st.Points[0]
		for _, p := range []tulip.Vec{st.Points[len(st.Points)-1]} {
			if math.Hypot(p.X-0.5, p.Y-0.5) > math.Hypot(far.X-0.5, far.Y-0.5) {
				far = p
			}
		}
		if math.Hypot(far.X-0.5, far.Y-0.5) < 0.05 {
			continue
		}
		s.Tracks = append(s.Tracks, Branch{Angle: normAngle(math.Atan2(far.X-0.5, far.Y-0.5) * 180 / math.Pi), Surface: surfaceOf(st.Style)})
	}
	return s
}

// sketchNS is the namespace of the sketch the editor keeps inside the tulip
// SVGs it writes, so that a tulip saved by the editor can be edited again.
const sketchNS = "https://github.com/roadbook/roadbook/edit/sketch"

// tulipPixels is the size of the tulip SVGs the editor writes (as
// gpx.OpenRally writes a generated tulip).
const tulipPixels = 100

// tulipSVG returns the drawing as an SVG document; with a sketch, the
// sketch as JSON in the SVG's metadata.
func tulipSVG(d *tulip.Drawing, s *Sketch) string {
	var buf bytes.Buffer
	if err := tulip.WriteSVG(&buf, d, tulipPixels); err != nil {
		return ""
	}
	out := strings.TrimSpace(buf.String())
	if s == nil {
		return out
	}
	js, err := json.Marshal(s)
	if err != nil {
		return out
	}
	var meta strings.Builder
	meta.WriteString(`<metadata><sketch xmlns="` + sketchNS + `">`)
	xml.EscapeText(&meta, js)
	meta.WriteString(`</sketch></metadata>`)
	i := strings.Index(out, ">")
	return out[:i+1] + "\n" + meta.String() + out[i+1:]
}

// parseSketch returns the sketch kept in a tulip SVG the editor wrote.
func parseSketch(svg string) (*Sketch, bool) {
	i := strings.Index(svg, `<sketch xmlns="`+sketchNS+`">`)
	if i < 0 {
		return nil, false
	}
	var v struct {
		Text string `xml:",chardata"`
	}
	rest := svg[i:]
	j := strings.Index(rest, "</sketch>")
	if j < 0 {
		return nil, false
	}
	if err := xml.Unmarshal([]byte(rest[:j+len("</sketch>")]), &v); err != nil {
		return nil, false
	}
	var s Sketch
	if err := json.Unmarshal([]byte(v.Text), &s); err != nil {
		return nil, false
	}
	if err := s.check(); err != nil {
		return nil, false
	}
	return &s, true
}

// check reports a sketch that cannot be drawn.
func (s *Sketch) check() error {
	if !s.Entry.valid() || !s.Exit.Surface.valid() {
		return fmt.Errorf("edit: unknown surface")
	}
	if len(s.Tracks) > maxTracks {
		return fmt.Errorf("edit: a tulip has at most %d other tracks", maxTracks)
	}
	for _, t := range s.Tracks {
		if !t.Surface.valid() {
			return fmt.Errorf("edit: unknown surface %q", t.Surface)
		}
	}
	return nil
}

// maxTracks is the most other tracks a tulip may have.
const maxTracks = 12

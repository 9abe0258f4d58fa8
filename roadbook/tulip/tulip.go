// Package tulip is the drawing model of roadbook tulips: the junction seen
// from above, read bottom to top, as a handful of vector strokes that the
// SVG renderer here and the PDF printer draw alike.
//
// Coordinates are in a square of side 1 with the origin at the bottom left,
// x to the right and y up; the junction is at (0.5, 0.5), the crew arrives
// from the bottom. Widths are in the same unit.
//
// Route builds a drawing from the route geometry around a junction (given
// in metres in a local plane, entry heading up) and WriteSVG renders one as a
// small self-contained SVG document, as OpenRally's tulip element carries.
// A drawing made from a single route shows only that route: the other
// tracks of the junction are unknown, so at a turn Route can add a short
// dashed stub going straight on (Options.Straight). When the other tracks
// are known (Options.Others), they are drawn under the route.
//
// Every track of a drawing has a Surface (tarmac, piste, small track,
// off-piste) that says how it is drawn: the model an editor changes (the
// route's legs by Options.EntrySurface and ExitSurface, the other tracks
// by Other.Surface).
package tulip

import (
	"fmt"
	"strings"
)

// Vec is a point of the drawing.
type Vec struct{ X, Y float64 }

// Style is how a stroke is drawn.
type Style uint8

// The stroke styles.
const (
	Solid  Style = iota // a piste: one solid line
	Double              // tarmac: two parallel lines
	Thin                // a small track or another track at the junction
	Dashed              // an indistinct track
)

// Surface is what a track is made of. It says how the track is drawn
// (Surface.Style): tarmac an open double line, a piste a solid line, a
// small track a thin line, off-piste a dashed line (the conventions of FIA
// roadbooks and of the Tulip editor).
type Surface uint8

// The surfaces. The zero value is unknown, drawn as a piste for the route
// and as a small track for another track.
const (
	UnknownSurface Surface = iota
	Tarmac                 // a tarmac road: an open double line
	Piste                  // a piste, gravel or dirt road: a solid line
	SmallTrack             // a small track: a thin line
	OffPiste               // off-piste, no track (hors-piste): a dashed line
)

var surfaceNames = [...]string{"unknown", "tarmac", "piste", "track", "off-piste"}

// String returns "tarmac", "piste", "track", "off-piste" or "unknown".
func (s Surface) String() string {
	if int(s) < len(surfaceNames) {
		return surfaceNames[s]
	}
	return "unknown"
}

// ParseSurface returns the surface named s ("tarmac", "piste", "track",
// "off-piste", "unknown"; case ignored), or an error.
func ParseSurface(s string) (Surface, error) {
	for i, n := range surfaceNames {
		if strings.EqualFold(s, n) {
			return Surface(i), nil
		}
	}
	return 0, fmt.Errorf("tulip: unknown surface %q (want tarmac, piste, track or off-piste)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Surface) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Surface) UnmarshalText(b []byte) error {
	v, err := ParseSurface(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Style returns how a track of surface s is drawn; def for an unknown
// surface.
func (s Surface) Style(def Style) Style {
	switch s {
	case Tarmac:
		return Double
	case Piste:
		return Solid
	case SmallTrack:
		return Thin
	case OffPiste:
		return Dashed
	}
	return def
}

// Stroke is a polyline of the drawing.
type Stroke struct {
	Points []Vec
	// Style is how the stroke is drawn (from its Surface when it has
	// one).
	Style Style
	// Surface is what the track is made of; UnknownSurface when not
	// known.
	Surface Surface
	Width   float64
	// Arrow puts an arrow head at the last point (the exit to take).
	Arrow bool
}

// Drawing is a tulip.
type Drawing struct {
	// Strokes are drawn in order: other tracks first, the route last.
	Strokes []Stroke
	// Dot is where the crew arrives (a filled circle).
	Dot Vec
	// DotRadius is the dot's radius; 0 means no dot.
	DotRadius float64
}

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
// are known (Options.Others), they are drawn thin under the route.
package tulip

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

// Stroke is a polyline of the drawing.
type Stroke struct {
	Points []Vec
	Style  Style
	Width  float64
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

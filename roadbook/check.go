package roadbook

import (
	"fmt"
	"math"

	"github.com/roadbook/roadbook/route"
)

// Discrepancy is where a kept box (from an OpenRally roadbook) disagrees
// with the route it was checked against.
type Discrepancy struct {
	// Box is the box number (from 1).
	Box int `json:"box"`
	// Field is "distance" or "cap".
	Field string `json:"field"`
	// File is the file's value (metres of odometer, or degrees) and Route
	// the value measured on the route.
	File  float64 `json:"file"`
	Route float64 `json:"route"`
	// Diff is File − Route: metres, or degrees in (-180, 180].
	Diff    float64 `json:"diff"`
	Message string  `json:"message"`
}

// String returns the message.
func (d Discrepancy) String() string { return d.Message }

// check compares the kept boxes whose waypoints lie on the route with the
// route: the file's distance with the route's odometer since the last box
// before it that resets it, and the file's CAP with the route's CAP.
//
// A stage whose route is the boxes themselves (route.BoxSource: straight
// lines between them, measured by their own distances) has nothing to check
// them against: its odometer is the file's distances, and the heading of a
// straight line between two boxes says nothing of the CAP at the first.
func check(s *route.Stage, boxes []Box, g *geom, o Options) []Discrepancy {
	if !g.ok() || s.Source == route.BoxSource {
		return nil
	}
	var out []Discrepancy
	reset := 0.0
	for i := range boxes {
		b := &boxes[i]
		last := reset
		if b.Reset {
			reset = b.Along
		}
		if b.Waypoint < 0 || b.Waypoint >= len(s.Waypoints) {
			continue
		}
		w := &s.Waypoints[b.Waypoint]
		if !w.OnRoute || !w.HasPoint {
			continue
		}
		if w.HasDistance && !b.DistanceMeasured {
			// A box's distance is the reading arriving at it, before
			// its own reset.
			reset := last
			file, rt := w.Distance*1000, w.Along-reset
			if d := file - rt; math.Abs(d) > o.CheckDistance {
				out = append(out, Discrepancy{
					Box: i + 1, Field: "distance", File: file, Route: rt, Diff: d,
					Message: fmt.Sprintf("box %d: distance %.2f km, the route measures %.2f km (%+.0f m)", i+1, file/1000, rt/1000, d),
				})
			}
		}
		if w.HasCap {
			file, rt := w.Cap, g.cap(w.Along, o.CapDistance)
			if d := angleDiff(rt, file); math.Abs(d) > o.CheckCap {
				out = append(out, Discrepancy{
					Box: i + 1, Field: "cap", File: file, Route: rt, Diff: d,
					Message: fmt.Sprintf("box %d: CAP %.0f°, the route heads %.0f° (%+.0f°)", i+1, file, rt, d),
				})
			}
		}
	}
	return out
}

package roadbook

import (
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// Box is one row of a roadbook: the distance box, the tulip and the notes.
type Box struct {
	// Number counts the boxes of a roadbook from 1.
	Number int
	// Along is the distance in metres from the start of the route.
	Along float64
	// Total is the roadbook odometer arriving at the box, in metres,
	// counted from the last box that reset it (by default the start of
	// each section: route.Stage.Odometer) and rounded once to
	// route.OdoStep; at a box that resets, it is the total of the section
	// the box closes. Partial is Total minus the previous box's reading
	// (0 after a reset), in metres: the printed partials add up to the
	// printed totals. Print both with route.Km.
	Total, Partial float64
	// DistanceMeasured is true for a kept box (Book.Kept) whose Total was
	// measured on the route because the file gives no distance for it.
	DistanceMeasured bool
	// Section is the index in Stage.Sections of the section the box reads
	// in after it (the one it opens, at a reset); -1 without sections.
	Section int
	// Point is the box's position on the route.
	Point orb.Point
	// Cap is the heading to follow after the box, whole degrees [0, 360);
	// valid when HasCap. The file's CAP when it gives one, else measured on
	// the route (CapMeasured true); a box with neither (a file without a
	// route that gives no CAP) has none, and products print none.
	Cap         float64
	HasCap      bool
	CapMeasured bool
	// Turn is the signed turn angle at the box in degrees, positive to the
	// right, negative to the left, 0 when the box is not a turn.
	Turn float64
	// Controls are the control roles the box carries (from its waypoint).
	Controls []route.Control
	// Waypoint is the index of the box's waypoint in Stage.Waypoints, -1 for
	// a box made from the geometry alone.
	Waypoint int
	// Speed is the speed limit in km/h shown in the box (a DZ's), 0 for none.
	Speed float64
	// Danger is 0 (none) to 3 (!!!).
	Danger int
	// Reset is true when the odometer restarts from 0 after this box: the
	// box prints its Total, the section's total, above a 0.00.
	Reset bool
	// Notes is the text of the notes column; NoteGenerated is true when
	// roadbook wrote it (the file had none).
	Notes         string
	NoteGenerated bool
	// Close is true when the previous box is closer than
	// Options.CloseDistance (300 m by default): the FIA marks the later
	// box's distance in green so the navigator is ready for it.
	Close bool
	// Tulip is the junction diagram drawn from the route geometry, nil when
	// the stage has no route or Options.NoTulips is set.
	Tulip *tulip.Drawing
	// TulipData is the tulip the file gave for this box, as the file gave
	// it (OpenRally: an SVG document or a base64 PNG), "" when none.
	TulipData string
	// Stop is the duration of a compulsory stop at the box, 0 for none.
	Stop time.Duration
}

// Book is the ordered list of boxes of one stage.
type Book struct {
	Stage *route.Stage
	Boxes []Box
	// Kept is true when the boxes are the file's own (an OpenRally
	// roadbook with distances), checked against the route rather than
	// built from it.
	Kept bool
	// Checks lists where kept boxes disagree with the route; nil for built
	// roadbooks.
	Checks []Discrepancy
}

// SectionTotal returns the length in metres of section i of the stage as
// the book prints it on the box that closes the section: a kept book's
// from the file's own readings (route.Stage.SectionTotal), a built book's
// by the route (the boxes it built read so). NaN without a stage or for an
// index out of range.
func (b *Book) SectionTotal(i int) float64 {
	if b == nil || b.Stage == nil || i < 0 || i >= len(b.Stage.Sections) {
		return math.NaN()
	}
	if b.Kept {
		return b.Stage.SectionTotal(i)
	}
	sec := b.Stage.Sections[i]
	return route.RoundOdo(sec.To) - route.RoundOdo(sec.From)
}

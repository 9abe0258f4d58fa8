// Package roadbook turns a rally stage into a roadbook: the numbered boxes a
// crew follows, each with its odometer distance, CAP, turn, notes, the
// controls it carries and a tulip diagram; it also validates a stage the way
// organisers do before publishing it.
//
// Units: distances in metres (Box.Total is printed in km with two
// decimals), positions [lon, lat] in degrees WGS84, CAPs in whole degrees
// clockwise from true north in [0, 360), turn angles in degrees, positive
// to the right.
//
// Build makes the boxes from a route.Stage: the start, every placed
// waypoint, every junction-like turn of the geometry (a turn of at least
// 45° measured over ±25 m, boxes at least 80 m apart), the DSS where the
// odometer resets, the ASS and the finish. When the stage's file is already
// an OpenRally roadbook with distances, Build keeps its boxes and checks
// them against the route instead (Book.Checks). Validate runs the
// organisers' structural checks. route/gpx's OpenRally turns a Book into the
// OpenRally route.File that gpx.Encode writes (NotesSVG draws a note for it
// where the file has no drawing).
//
// Everything here is plain computation over values: no I/O, no globals,
// deterministic output, and no panics on any stage.
package roadbook

package route

import (
	"github.com/roadbook/roadbook/geo"
)

// SectionKind is what a part of a stage is.
type SectionKind uint8

// The section kinds.
const (
	Liaison        SectionKind = iota + 1 // road section, not timed
	Special                               // timed selective section, DSS to ASS
	Neutralisation                        // DN to FN inside a special, not timed
)

var sectionNames = [...]string{"", "liaison", "special", "neutralisation"}

// String returns "liaison", "special" or "neutralisation".
func (k SectionKind) String() string {
	if int(k) < len(sectionNames) && k != 0 {
		return sectionNames[k]
	}
	return "SectionKind(?)"
}

// MarshalText implements encoding.TextMarshaler.
func (k SectionKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Section is a part of a stage's route between two distances.
type Section struct {
	Kind SectionKind
	// From and To are distances along the route in metres.
	From, To float64
	// Sector numbers the timed sectors of a stage from 1 (a special split
	// by a neutralisation has sectors 1 and 2); 0 for liaisons and
	// neutralisations.
	Sector int
	// Start and End are the indexes in Stage.Waypoints of the waypoints
	// that open and close the section (DSS, ASS, DN, FN), -1 for the route's
	// start or end.
	Start, End int
}

// Length returns the section's length in metres.
func (s Section) Length() float64 { return s.To - s.From }

// Placed is a waypoint placed on the stage's route.
type Placed struct {
	Waypoint
	// Index is the waypoint's index in File.Waypoints.
	Index int
	// OnRoute is false when the waypoint has no position (distance-only
	// OpenRally boxes) and could not be placed; its Along then comes from its
	// roadbook distance where it has one.
	OnRoute bool
	// Along is the distance in metres along the route (the total km ×
	// 1000).
	Along float64
	// Partial is the distance in metres from the previous placed waypoint.
	Partial float64
	// Offset is the signed distance in metres from the route (positive to
	// the right).
	Offset float64
}

// ProblemKind says what a Problem is about, so that a program can treat
// each kind its own way (roadbook.Validate makes some errors, some
// warnings).
type ProblemKind uint8

// The problem kinds.
const (
	// ProblemOther is anything not listed below.
	ProblemOther ProblemKind = iota
	// ProblemRadius: a waypoint farther from the route than its
	// validation radius.
	ProblemRadius
	// ProblemFar: a waypoint too far from the route to be placed on it
	// (StageOptions.MaxOffset); it is in Stage.Unplaced.
	ProblemFar
	// ProblemPlace: a waypoint without a position or a distance, or
	// without a route to be placed on, put at a distance the file does not
	// give.
	ProblemPlace
	// ProblemNoRoute: no route to measure the sections on.
	ProblemNoRoute
	// ProblemPairing: a DSS or an ASS that does not pair up.
	ProblemPairing
	// ProblemNeutralisation: a DN or an FN that does not pair up.
	ProblemNeutralisation
	// ProblemZone: a speed zone's start or end that does not pair up.
	ProblemZone
	// ProblemGap: separate tracks or segments joined by a straight line
	// the file does not draw (Stage.Joins).
	ProblemGap
	// ProblemSource: which of the file's lines is the route, and why (a
	// file with both a track and a route, a track asked for that it does
	// not have), and what the file links to but does not hold (KML
	// NetworkLinks, File.NetworkLinks).
	ProblemSource
	// ProblemDistance: roadbook distances that disagree with each other or
	// with the file's total, or a box whose distance was computed.
	ProblemDistance
)

var problemNames = [...]string{"other", "radius", "far", "place", "no-route", "pairing", "neutralisation", "zone", "gap", "source", "distance"}

// String returns the kind's name: "radius", "far", "gap", ….
func (k ProblemKind) String() string {
	if int(k) < len(problemNames) {
		return problemNames[k]
	}
	return "ProblemKind(?)"
}

// MarshalText implements encoding.TextMarshaler.
func (k ProblemKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Problem is something wrong with a stage that does not stop it being
// measured: a waypoint far from the route, an unmatched DSS, two tracks
// joined by a straight line.
type Problem struct {
	Kind ProblemKind
	// Waypoint is the index in Stage.Waypoints concerned, -1 for none (and
	// for the waypoints of Stage.Unplaced, which Line names).
	Waypoint int
	// Line is the waypoint's line in its file, 0 when unknown.
	Line    int
	Message string
}

func (p Problem) String() string { return p.Message }

// Source says what a stage's route is drawn from.
type Source uint8

// The route sources.
const (
	// NoSource: the file has no line to measure (no track, no route, and
	// not a roadbook with positions and distances).
	NoSource Source = iota
	// TrackSource: the file's tracks (<trk>), recorded or drawn point by
	// point.
	TrackSource
	// ItinerarySource: the file's routes (<rte>): the points of an
	// itinerary, usually its turns.
	ItinerarySource
	// BoxSource: the roadbook's boxes in file order, joined by straight
	// lines, and measured by the boxes' own distances: a roadbook without
	// a track (as Rally Navigator exports them). The line is not the way
	// driven, only a sketch of it; distances along it are the roadbook's.
	BoxSource
	// DistanceSource: a roadbook whose boxes have distances but no
	// positions (OpenRally's lat="0" lon="0"): no line at all, and a length
	// from the boxes' distances and the file's total. Path is empty.
	DistanceSource
)

var sourceNames = [...]string{"none", "track", "rte", "boxes", "distances"}

// String returns "none", "track", "rte", "boxes" or "distances".
func (s Source) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return "Source(?)"
}

// MarshalText implements encoding.TextMarshaler.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Join is where a stage's route goes from one track (or route, or track
// segment) of the file to the next by a straight line the file does not
// draw.
type Join struct {
	// Along is the distance in metres along the route where the straight
	// line starts; Length its length in metres.
	Along, Length float64
	// From and To are the pieces the line joins: track (or route) numbers
	// from 1 in file order, and segment numbers from 1 within them.
	FromTrack, FromSegment int
	ToTrack, ToSegment     int
}

// Stage is one day of a rally: its route, the waypoints placed on it in
// route order, and its sections.
type Stage struct {
	Name string
	// Source says what the route is drawn from: the tracks, the routes
	// (<rte>), or, for a roadbook without either, straight lines between
	// its boxes (BoxSource: not a track; every consumer that draws or
	// follows the route should say so).
	Source Source
	// Path is the route with its odometer. When the file has a single
	// segment, Path.Line and Ele share that segment's slices: neither is
	// to be changed. For BoxSource the odometer is the boxes' distances,
	// not the straight lines' lengths.
	Path *geo.Path
	// Ele holds the route's elevations (NaN where missing), nil when none.
	Ele []float64
	// Joins are the straight lines the route adds between separate tracks
	// or segments of the file, longer than JoinGap, in route order; each
	// is also a ProblemGap.
	Joins []Join
	// Waypoints in route order.
	Waypoints []Placed
	// Unplaced are the waypoints with a position too far from the route to
	// be placed on it (StageOptions.MaxOffset), in file order: each is a
	// ProblemFar. OnRoute is false and Along 0 (they have no place on the
	// route); Offset is their distance from the route's nearest point.
	Unplaced []Placed
	// Sections cover the route from 0 to its length, in order.
	Sections []Section
	// Zones are the stage's speed zones in route order: DZ to FZ, and the
	// DN or DT that is also a zone to its FN or FT.
	Zones []Zone
	// Problems found while building the stage.
	Problems []Problem
	// File is the decoded file the stage was built from.
	File *File

	// index is the route's spatial index, built once (see Index).
	index *geo.Index
	// passes remembers where waypoints were placed on the route, for
	// WithWaypoints; shared by the stages of one route.
	passes *passMemo
	// lineProblems are the problems of choosing and joining the route,
	// which a stage of the same route with other waypoints keeps.
	lineProblems []Problem
	// boxAlong holds, for BoxSource, each file waypoint's distance on the
	// route (NaN for those not on it).
	boxAlong []float64
	// length is the length in metres of a route without a line
	// (DistanceSource).
	length float64
}

// Index returns the spatial index of the route's segments, building it on
// the first call (NewStage builds it when it places waypoints). Placing
// waypoints, checking rides and validating radii share it. The first call
// must not race with another: make it before sharing the stage between
// goroutines.
func (s *Stage) Index() *geo.Index {
	if s.index == nil {
		s.index = geo.NewIndex(s.Path)
	}
	return s.index
}

// Empty reports whether the stage holds nothing: no route point and no
// waypoint (an empty <gpx/>, a file of metadata alone). There is nothing to
// validate, export or check against in it.
func (s *Stage) Empty() bool {
	return (s.Path == nil || len(s.Path.Line) == 0) && len(s.Waypoints) == 0 && len(s.Unplaced) == 0
}

// Length returns the route length in metres: the path's, or for a roadbook
// without positions (DistanceSource) what its boxes' distances and its
// total say.
func (s *Stage) Length() float64 {
	if s.Source == DistanceSource {
		return s.length
	}
	return s.Path.Length()
}

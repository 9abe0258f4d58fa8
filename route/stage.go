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

// Problem is something wrong with a stage that does not stop it being
// measured: a waypoint far from the route, an unmatched DSS.
type Problem struct {
	// Waypoint is the index in Stage.Waypoints concerned, -1 for none.
	Waypoint int
	// Line is the waypoint's line in its file, 0 when unknown.
	Line    int
	Message string
}

func (p Problem) String() string { return p.Message }

// Stage is one day of a rally: its route, the waypoints placed on it in
// route order, and its sections.
type Stage struct {
	Name string
	// Path is the route (the track, or the route points where there is no
	// track) with its odometer. When the file has a single segment, Path.Line
	// and Ele share that segment's slices: neither is to be changed.
	Path *geo.Path
	// Ele holds the route's elevations (NaN where missing), nil when none.
	Ele []float64
	// Waypoints in route order.
	Waypoints []Placed
	// Sections cover the route from 0 to its length, in order.
	Sections []Section
	// Problems found while building the stage.
	Problems []Problem
	// File is the decoded file the stage was built from.
	File *File

	// index is the route's spatial index, built once (see Index).
	index *geo.Index
	// passes remembers where waypoints were placed on the route, for
	// WithWaypoints; shared by the stages of one route.
	passes *passMemo
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

// Length returns the route length in metres.
func (s *Stage) Length() float64 { return s.Path.Length() }

package gpx

import "strconv"

// Error is a problem in a GPX file: where it is and what is wrong. Decode
// returns it (as an error) for malformed XML and for bad values; in lenient
// decoding, route.File.Skipped holds one for every point left out.
type Error struct {
	// Line is the 1-based line of the offending element or text; 0 when
	// not known.
	Line int
	// Elem is the element's name as written ("trkpt", "openrally:dz"); ""
	// when the problem is not inside an element.
	Elem string
	// Msg says what is wrong.
	Msg string
}

// Error returns "gpx: line N: elem: msg", leaving out what is not known.
func (e *Error) Error() string {
	s := "gpx: "
	if e.Line > 0 {
		s += "line " + strconv.Itoa(e.Line) + ": "
	}
	if e.Elem != "" {
		s += e.Elem + ": "
	}
	return s + e.Msg
}

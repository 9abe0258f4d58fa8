package gpx

import "github.com/roadbook/roadbook/route"

// Errors are *route.FormatError values with Format "gpx": Decode returns
// one for malformed XML, for bad values and for the limits of
// route.MaxDepth and the others; in lenient decoding, route.File.Skipped
// holds one for every point left out.

// newError returns a *route.FormatError of this package: the line (0 when
// not known), the element as written ("" when none) and what is wrong.
func newError(line int, elem, msg string) *route.FormatError {
	return &route.FormatError{Format: "gpx", Line: line, Elem: elem, Msg: msg}
}

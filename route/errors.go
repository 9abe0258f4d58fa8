package route

import (
	"errors"
	"strconv"
)

// FormatError is a problem in a file being decoded, whatever its format:
// where it is and what is wrong. The format packages (route/gpx,
// route/kml) return it for malformed files, bad values and the limits
// below; in lenient decoding File.Skipped holds one for each point,
// waypoint or field left out.
type FormatError struct {
	// Format is the package that read the file: "gpx", "kml".
	Format string
	// Line is the 1-based line of the offending element or text; 0 when
	// not known.
	Line int
	// Elem is the element's name as written ("trkpt", "openrally:dz",
	// "Folder"); "" when the problem is not inside an element.
	Elem string
	// Msg says what is wrong.
	Msg string
	// Err is the kind of problem when callers may want to tell it apart
	// (ErrEmpty, ErrLimit), else nil. Unwrap returns it.
	Err error
}

// Error returns "format: line N: elem: msg", leaving out what is not
// known.
func (e *FormatError) Error() string {
	s := e.Format + ": "
	if e.Line > 0 {
		s += "line " + strconv.Itoa(e.Line) + ": "
	}
	if e.Elem != "" {
		s += e.Elem + ": "
	}
	return s + e.Msg
}

// Unwrap returns Err, so that errors.Is(err, ErrEmpty) holds for an empty
// file whatever its format.
func (e *FormatError) Unwrap() error { return e.Err }

var (
	// ErrEmpty is the kind of the error a decoder returns for a file that
	// holds nothing: no byte, or only white space (and a byte-order
	// mark).
	ErrEmpty = errors.New("empty file")
	// ErrLimit is the kind of the error a decoder returns when a file
	// goes past one of the limits below.
	ErrLimit = errors.New("over a limit of the readers")
)

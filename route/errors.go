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

// The limits of the decoders (route/gpx, route/kml), which keep the time
// and memory that any input costs bounded: a file that goes past one is
// refused with an error (of kind ErrLimit) naming the limit, the line and
// the element. They are far above what real files hold: the largest file
// this project reads, a 73 MB route of a million points, holds 2 million
// elements, 3,708 waypoints and one segment.
const (
	// MaxDepth is how deeply elements may nest.
	MaxDepth = 1000
	// MaxToken is the size in bytes of one text node, attribute value,
	// tag, comment, CDATA section or DOCTYPE (a KML <coordinates> of two
	// million points fits).
	MaxToken = 64 << 20
	// MaxElements is the number of elements in one file.
	MaxElements = 1 << 24
	// MaxWaypoints is the number of waypoints in one file.
	MaxWaypoints = 100_000
	// MaxLines is the number of tracks, routes and track segments
	// together in one file.
	MaxLines = 100_000
	// MaxSkipped is how many problems lenient decoding keeps in
	// File.Skipped; File.SkippedCount counts them all.
	MaxSkipped = 100
)

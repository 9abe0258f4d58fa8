package route

import "time"

// The limits of the decoders (route/gpx, route/kml), which keep the time
// and memory that any input costs bounded: a file that goes past one is
// refused with an error (of kind ErrLimit) naming the limit, the line and
// the element. docs/design.md lists them with the errors they give. They are far above what real files hold: the largest file
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
	// MaxAttributes is the number of attributes of one element.
	MaxAttributes = 1000
	// MaxGPX is the size in bytes of a GPX file (decoded to UTF-8): 14
	// times the largest route this project reads, and a bound on what an
	// endless input costs.
	MaxGPX = 1 << 30
	// MaxKML is the size in bytes of a KML document (decoded to UTF-8),
	// plain or inflated from a KMZ, and of a KMZ file: 9 times GPSBabel's
	// KML of the largest route. Reading KML costs more per byte than GPX.
	MaxKML = 256 << 20
	// MaxWaypoints is the number of waypoints in one file.
	MaxWaypoints = 100_000
	// MaxLines is the number of tracks, routes and track segments
	// together in one file.
	MaxLines = 100_000
	// MaxSkipped is how many problems lenient decoding keeps in
	// File.Skipped; File.SkippedCount counts them all.
	MaxSkipped = 100
)

// The values the decoders take as plausible: a value outside its range is
// an error naming the line and element, as a value that is not a number
// is (lenient decoding leaves out the point, waypoint or field). Each range
// holds every real value by a wide margin; the bounds keep what the
// analyses compute from them (times, durations, areas) finite and exact.
const (
	// MinEle and MaxEle bound elevations, in metres: below the deepest
	// ocean floor (-10,994 m) to the edge of space.
	MinEle, MaxEle = -12_000, 100_000
	// MaxSpeed bounds the speed of a GPS fix, in metres per second
	// (3,600 km/h; an airliner flies at 250). Courses are in [0, 360].
	MaxSpeed = 1000
	// MaxSpeedLimit bounds a speed zone's limit, in km/h (mph in a statute
	// OpenRally file).
	MaxSpeedLimit = 1000
	// MaxRadius bounds a waypoint's validation and open radii, in metres
	// (yards in a statute OpenRally file).
	MaxRadius = 100_000
	// MaxDistanceKm bounds an OpenRally distance, in km (miles in a
	// statute file): a roadbook's box or total.
	MaxDistanceKm = 100_000
	// MaxDuration bounds a neutralisation, a stop and a time control's
	// allowed time.
	MaxDuration = 7 * 24 * time.Hour
	// MinYear and MaxYear bound the years of times (in UTC): any two
	// times of a file are then less than time.Duration's 292 years apart.
	MinYear, MaxYear = 1900, 2100
)

// Package gpx reads and writes GPX 1.0 and 1.1 files, with the rally
// waypoints of OpenRally extensions and of plain-GPX naming conventions, into
// and from route.File values.
//
// # Reading
//
// Decode reads GPX 1.0, GPX 1.1 and a bare <gpx> with no namespace:
// waypoints (<wpt>), routes (<rte>/<rtept>) and tracks
// (<trk>/<trkseg>/<trkpt>) with elevation, time, and speed and course where
// given (GPX 1.0 <speed> and <course>, or Garmin's TrackPointExtension
// speed and course under any prefix); the names and descriptions (name,
// desc, cmt, src, type, sym, number); and the file's metadata (GPX 1.1
// <metadata>, or GPX 1.0's root fields: name, desc, author, email, url,
// urlname, time, keywords, bounds).
//
// Units: positions are orb.Point values ([longitude, latitude], degrees
// WGS84); elevations are metres; point speeds metres per second as the file
// gives them; courses degrees; times are kept to the nanosecond as written
// and returned in UTC (RFC 3339, plus what some writers emit: no zone,
// taken as UTC; an offset without its colon; a space for the "T").
// OpenRally distances, speed limits and radii are returned as written, in
// the units the file declares (File.Units): km, km/h and metres, or with
// units "statute" miles, mph and yards. In a statute file the values that
// name their own units are converted into the file's: v0.1's
// <speed kph="65"/> and the conventions' "DZ 50 km/h" and "WPM12:90"
// (metres) below. route.NewStage converts everything to metric.
//
// The reader is a streaming byte-level tokenizer of its own (not
// encoding/xml, which is several times slower): memory is proportional to
// what is kept, never to the file. It accepts a UTF-8 byte-order mark,
// UTF-16 with a byte-order mark, ISO-8859-1, ISO-8859-15 and Windows-1252
// (and the other IANA encodings golang.org/x/text knows) as declared,
// comments, CDATA, processing instructions, a DOCTYPE (skipped; entities it
// would declare are not), the predefined and numeric character entities,
// namespace prefixes resolved by URI, and unknown elements and extensions
// anywhere, which are skipped. Strings read are valid UTF-8 that XML can
// hold: invalid bytes and the characters XML 1.0 does not allow (NUL and
// the other C0 controls but tab, newline and carriage return; U+FFFE,
// U+FFFF) become U+FFFD.
//
// # Rally waypoints
//
// Every <wpt> becomes a route.Waypoint. Its control roles and roadbook
// fields come from OpenRally elements, in any namespace whose URI starts
// with http://www.openrally.org/xmlschemas/ (every version: v0.1, v0.2,
// v1.0-Cross-Country-DRAFT, v1.0.x, …/OpenRally/1.0), inside <extensions>
// or directly in the <wpt>:
//
//	dss startspecialstage → DSS        ass finishspecialstage → ASS
//	wpv wpm wpe wps wpc wpn wpp        waypointmasked, waypointeclipse,
//	                                   waypointsafety → WPM, WPE, WPS
//	dz → DZ   fz endofzone → FZ        dt → DT   ft → FT   fn → FN
//	checkpoint passagecontrol → CP     fuel → Fuel
//	neutralization (seconds) → DN      timecontrol allowed="min" → CH
//	stop stopcontrol (seconds) → Stop
//
// A role's name, open and clear attributes give route.Control.Name and its
// Radii, in metres as written; radii not given stay zero (route.Rules
// fills the defaults later). The speed limit is read from <speed>65</speed>,
// from <dz>40</dz> (or <dt>40</dt>) and from v0.1's <speed kph="65"/>. One
// waypoint may carry several roles; a role repeated is kept once. The
// roadbook fields are distance, cap (or a valued capheading), danger (or
// onedanger, twodanger, threedanger), reset (or resettozero), notes and
// tulip (the text of a CDATA section, or the markup of an inline <svg> as
// written), show_coordinates and the safety markers (medical, helicopter,
// police, fire, spectators, media). The file's <metadata><extensions>
// units and distance give File.Units ("statue", the schema's spelling, is
// read as "statute") and File.TotalKm. OpenRally writes distance-only boxes
// at lat="0" lon="0": a waypoint with OpenRally elements at exactly 0, 0 has
// HasPoint false.
//
// A waypoint with no OpenRally role takes one from the plain-GPX
// conventions older devices read: its <type>, else its <sym>, else its
// <name>, the first that is, ignoring case and surrounding space, exactly
//
//	CODE             "DSS", "wpm"
//	CODE N           "WPM 12", "WPM12" (N: 1 to 4 digits; Name "WPM 12")
//	CODE N:R, CODE:R "WPM12:90" (R: the validation radius in metres)
//	DZ S km/h        "DZ 50 km/h", "DZ50kmh", "dt 30 kph" (S: the speed limit)
//
// where CODE is one of DSS ASS WPV WPM WPE WPS WPC WPN WPP DZ FZ DN FN DT
// FT CP CH. "DZ 50" is speed zone number 50, not a limit of 50 km/h: a
// limit needs its unit. The whole words "fuel", "refuel" and "stop" give
// Fuel and Stop from <type> and <sym> only, never from a name. Anything
// else ("Cape Town", "Stop and go", "S01 WPM001", "WPM 12 north") is a plain
// waypoint.
//
// # Errors
//
// Errors are *route.FormatError values (Format "gpx") that name the line
// and element:
//
//	gpx: line 12: trkpt: latitude 91.2 out of range
//	gpx: line 40: trkseg: element closed by </trk>
//	gpx: line 35: trkpt: unexpected end of file: element not closed
//	gpx: not a GPX file: root element is kml
//
// Decode fails on malformed XML (tags that do not match, a file cut short,
// a bad entity in what it reads), on a file whose root is not <gpx>, on an
// empty file (an error that errors.Is route.ErrEmpty), and on a bad value:
// a number that is not an xsd:decimal ("2_4", "0x1.8p4", "1e5", "NaN" are
// not), a time that is not RFC 3339 (a leap second, 23:59:60Z, is), and a
// value out of its range: coordinates, elevations (route.MinEle to
// route.MaxEle), speeds, courses, years (route.MinYear to route.MaxYear),
// OpenRally radii, speed limits, distances and durations. Decoder{Lenient:
// true} leaves out each point or waypoint with a bad value (and drops a bad
// metadata field) and records each problem with File.Skip (the first
// route.MaxSkipped in File.Skipped, all of them counted); malformed XML
// still fails. A file past one of the limits of package route (nesting
// route.MaxDepth deep, a text, tag or comment of route.MaxToken bytes,
// route.MaxElements elements, route.MaxWaypoints waypoints, a file of
// route.MaxGPX bytes, ...) fails at once with an error that errors.Is
// route.ErrLimit, so time and memory stay bounded whatever the input.
// Nothing panics on any input.
//
// # Writing
//
// Encode writes GPX 1.1 that validates against the GPX 1.1 schema and, for
// waypoints with rally fields, the OpenRally v1.0.3 schema (prefix
// openrally, declared only when used; statute units are written with the
// schema's spelling "statue"): metadata, waypoints (with their src and
// links) with their controls, radii, speed, neutralisation, time control, distance, cap, danger, reset,
// notes and tulip (CDATA), stop, fuel, show_coordinates and safety markers,
// routes and tracks (with their links) and the points' elevations and
// times. Latitudes and longitudes have
// 7 decimals, elevations as few as keep them (never an exponent), times are
// UTC with a fraction only when it is not zero; the same File gives the same
// bytes. Per-point speed and course are not written (GPX 1.1 has no element
// for them). Decode(Encode(f)) gives back f's points and waypoints; the fuzz
// test holds it to that.
//
// # Non-goals
//
// The reader does not validate against the GPX schema (element order,
// required elements), does not keep unknown extensions, links of track
// and route points, GPS fix quality (fix, sat, hdop, vdop, pdop, ageofdgpsdata,
// dgpsid), magvar or geoidheight, and does not expand entities declared in
// a DOCTYPE. Character data it skips is not checked for bad entities.
package gpx

import (
	"io"

	"github.com/roadbook/roadbook/route"
)

// Decoder decodes GPX. The zero Decoder is strict.
type Decoder struct {
	// Lenient skips bad points (a latitude out of range, a non-numeric
	// elevation) and bad waypoints instead of failing, and lists each in
	// File.Skipped. Malformed XML fails either way.
	Lenient bool

	// For tests: the initial buffer size (0 means 64 KiB), and turning
	// off the fast lane for track points.
	bufSize int
	noFast  bool
}

// Decode reads a GPX file strictly: see the package documentation.
func Decode(r io.Reader) (*route.File, error) { return (&Decoder{}).Decode(r) }

// Decode reads a GPX file from r, which it reads to the end of the root
// element (it buffers its own reads). The error, when not nil, is a
// *route.FormatError naming the line and element, or wraps r's error.
func (d *Decoder) Decode(r io.Reader) (*route.File, error) {
	f, _, err := d.decode(r)
	return f, err
}

// decode is Decode, also returning how many track points the fast lane read.
func (d *Decoder) decode(r io.Reader) (*route.File, int, error) {
	s, err := newScanner(r, d.bufSize)
	if err != nil {
		return nil, 0, err
	}
	dec := &decoder{s: s, lenient: d.Lenient, fast: !d.noFast, f: &route.File{}}
	if err := dec.document(); err != nil {
		return nil, dec.fastN, err
	}
	return dec.f, dec.fastN, nil
}

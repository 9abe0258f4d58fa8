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
// anywhere: skipped in tracks and routes, kept as written in waypoints and
// the metadata (below). Strings read are valid UTF-8 that XML can hold:
// invalid bytes and the characters XML 1.0 does not allow (NUL and the
// other C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
// become U+FFFD.
//
// # Rally waypoints
//
// Every <wpt> becomes a route.Waypoint. Its control roles and roadbook
// fields come from OpenRally elements, in any namespace whose URI starts
// with http://www.openrally.org/xmlschemas/ (every version: v0.1, v0.2,
// v0.3, v1.0-Cross-Country-DRAFT, v1.0.x, …/OpenRally/1.0), whatever their
// prefix, inside <extensions> or directly in the <wpt>. One table
// (rally.go) maps every tag of every version, for reading and writing:
//
//	dss startspecialstage → DSS        ass finishspecialstage → ASS
//	wpv wpm wpe wps wpc wpn wpp        waypointmasked, waypointeclipse,
//	                                   waypointsafety → WPM, WPE, WPS
//	dz → DZ   fz endofzone → FZ        dt → DT   ft → FT   fn → FN
//	checkpoint passagecontrol → CP     fuel → Fuel
//	neutralization (seconds) → DN      timecontrol allowed="min" → CH
//	stop stopcontrol (seconds) → Stop
//	dn (time="s") → DN                 dnz → DN with Zone   dtz → DT with Zone
//
// (the last line is the neutralisation and transfer-zone proposal). A
// role's name, open, clear and time attributes give route.Control.Name,
// Radii (metres as written; not given stay zero: route.Rules fills the
// defaults later) and Time; a DN's time is also Waypoint.Neutralisation.
// The speed limit is read from <speed>65</speed>, from <dz>40</dz> (or
// <dt>40</dt>) and from v0.1's <speed kph="65"/>. One waypoint may carry
// several roles; a role repeated is kept once. The roadbook fields are
// distance, cap (or a valued capheading), danger (or onedanger, twodanger,
// threedanger), reset (or resettozero; a value is Waypoint.ResetKm), notes
// and tulip (the text of a CDATA section, or the markup of an inline <svg>
// as written), show_coordinates, the safety markers (medical, helicopter,
// police, fire, spectators, media) and the v0.x road-rally markers no later
// version kept (Waypoint.Markers: gps, endfuel, radio, begintireservice,
// endtireservice, toilets, giveway, sensitivezone, startofassistance,
// finishofassistance, startofzone, village). The file's <metadata>
// <extensions> units and distance give File.Units ("statue", the schema's
// spelling, is read as "statute") and File.TotalKm. OpenRally writes
// distance-only boxes at lat="0" lon="0": a waypoint with OpenRally
// elements at exactly 0, 0 has HasPoint false.
//
// Nothing else a waypoint or the metadata's extensions hold is dropped: an
// OpenRally element of no known version (Rally Navigator's format) and an
// element of another namespace are kept as written (route.Extension, in
// Waypoint.Extensions and File.Extensions), made self-contained by
// declaring on them the namespace prefixes they use, and Encode writes them
// back unchanged.
//
// A waypoint with no OpenRally role takes one from the plain-GPX naming
// conventions older devices read (route.ParseConvention: "DSS", "WPM 12",
// "WPM12:90", "DZ 50 km/h"), from its <type>, else its <sym>, else its
// <name>; a statute file gets their metres and km/h in its own units.
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
// openrally, NamespaceOpenRally, declared only when used; statute units are
// written with the schema's spelling "statue"): metadata, waypoints (with
// their src and links) with their controls, radii, speed, neutralisation,
// time control, distance, cap, danger, reset, notes and tulip (CDATA),
// stop, fuel, show_coordinates and markers, routes and tracks (with their
// links) and the points' elevations and times. What v1.0.3 cannot hold is
// written under its own OpenRally name: the v0.x markers, and the
// proposal's dn (a DN with a name, radii or a time of its own; a plain DN
// is v1.0.3's neutralization), dnz and dtz; such a file validates against
// the proposal's schema, or as GPX 1.1. Kept elements are written as they
// were read. Latitudes and longitudes have 7 decimals, elevations as few
// as keep them (never an exponent), times are UTC with a fraction only
// when it is not zero; the same File gives the same bytes. Per-point speed
// and course are not written (GPX 1.1 has no element for them).
// Decode(Encode(f)) gives back f's points and waypoints; the fuzz test
// holds it to that.
//
// OpenRally turns a roadbook (roadbook.Book) into the File to encode: a
// roadbook the file already was is written back as the file gave it.
//
// # Non-goals
//
// The reader does not validate against the GPX schema (element order,
// required elements), does not keep the extensions of tracks, routes and
// their points, links of track and route points, GPS fix quality (fix,
// sat, hdop, vdop, pdop, ageofdgpsdata, dgpsid), magvar or geoidheight,
// and does not expand entities declared in a DOCTYPE. Character data it
// skips is not checked for bad entities.
package gpx

import (
	"io"

	"github.com/roadbook/roadbook/route"
)

// Decoder decodes GPX. The zero Decoder is strict.
type Decoder struct {
	// Lenient skips bad points (a latitude out of range, a non-numeric
	// elevation) and bad waypoints instead of failing, and records each
	// with File.Skip (File.Skipped keeps the first route.MaxSkipped,
	// File.SkippedCount counts them all). Malformed XML and the limits
	// fail either way.
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

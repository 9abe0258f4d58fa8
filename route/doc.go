// Package route is the planned and the driven: tracks, rally waypoints and
// their control kinds, stages and their sections (liaison, special,
// neutralisation), whole rallies, and checking a recorded ride.
//
// Units: positions are orb.Point values ([longitude, latitude], degrees
// WGS84); distances are metres unless a name ends in Km; speeds of GPS fixes
// are metres per second, speed limits are km/h (as printed on a roadbook);
// durations are time.Duration; bearings are degrees clockwise from true north
// in [0, 360). All lengths are measured with package geo on the WGS84
// ellipsoid. The one exception is a File read from an OpenRally file in
// statute units (File.Units): its waypoints keep the file's miles, mph and
// yards; NewStage converts them (Waypoint.Metric).
//
// A Waypoint holds every rally tag a file gives, whichever format and
// version wrote it: its control roles (Control, with Label always naming
// the kind: "WPM 1"), the roadbook fields, the markers, and as Extensions
// the elements a reader keeps as written without understanding them. The
// plain-GPX naming conventions ("DSS", "WPM12:90", "DZ 50 km/h") that
// readers of several formats apply are here too (ParseConvention,
// Waypoint.ApplyConventions).
//
// Reading: Decode reads a file of any registered format, told from its
// content, as image.Decode reads an image; the format packages register
// themselves (route/gpx for GPX and OpenRally, route/kml for KML and KMZ), so
// a program imports the formats it wants read. LoadRally reads a rally
// folder (its manifest, ParseRally, and each stage file) from any fs.FS,
// LoadRallyDir one on disk.
//
// Analysis: NewStage builds a Stage from a File (its route, placed
// waypoints, sections, zones and problems), Check compares a recorded ride
// with a stage, RideStage finds which stage of a rally a ride was driven on,
// and Rank ranks the rides of a stage. Analysis here is plain functions over
// values: no I/O, no logging.
package route

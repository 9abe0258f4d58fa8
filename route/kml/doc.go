// Package kml writes rally stages, and rides recorded on them, as a Google
// Earth document: KML 2.2 with Google's gx: extensions, plain or zipped as
// KMZ with the waypoint icons inside.
//
// Goals:
//
//   - One document a navigator can study the night before: a folder per
//     stage with its sections (liaison, special, neutralisation) styled by
//     kind, its waypoints with an icon per kind and a balloon holding the
//     roadbook fields, its speed zones, and (hidden until asked for) the
//     plain roadbook boxes (junctions: hundreds a stage), the validation and
//     open radii and kilometre markers.
//   - Recorded rides as time-stamped gx:Track placemarks, so Google Earth's
//     time slider replays them, with the wrong turns and missed waypoints of a
//     ride check drawn on top (see Check).
//   - Deterministic output: the same input gives the same bytes (coordinates
//     with at most 7 decimals, altitudes with at most 2, fixed zip
//     timestamps), so outputs can be compared and kept as golden files.
//   - Whole rallies (a million route points) open fluently: long lines are
//     simplified for display with Douglas–Peucker to a tolerance in metres
//     (geo.Simplify, Options.Simplify), and the document is written a stage at a time.
//
// Reading: Decode reads KML and KMZ back into a route.File: every
// Placemark's points as waypoints (their names give control roles by the
// plain-GPX conventions), its lines and gx:Tracks as a track; placemarks of
// one point each that are a track's fixes (GPSBabel's "Points" folder,
// time-stamped points) as that timed track, not as waypoints. It is for
// stages drawn in Google Earth and rides recorded by phone apps; a document
// this package wrote reads back as what it draws (sections as separate
// tracks, labels as names), not as the stage it came from: keep the GPX.
//
// Non-goals: the full KML object model (use github.com/twpayne/go-kml/v3,
// which this package writes with), styles, regions, overlays, network
// links.
//
// Units: positions are orb.Point values ([longitude, latitude], degrees
// WGS84); distances and radii are metres, shown in km in the document;
// altitudes are metres above the WGS84 ellipsoid as the GPX gives them,
// written with altitudeMode absolute (clampToGround where a line has no
// elevations).
package kml

// Package geo is WGS84 geodesy over orb types: distances and bearings on the
// ellipsoid (Karney's algorithms), the direct problem, and paths with an
// odometer that points can be projected onto.
//
// Units, once for the whole package: positions are orb.Point values, that is
// [longitude, latitude] in degrees on WGS84; distances are metres; bearings
// (azimuths) are degrees clockwise from true north in [0, 360).
//
// Goals: results within 1 mm and 1e-6 degrees of GeographicLib (PROJ's geod)
// everywhere on the ellipsoid, including near-antipodal points and the poles;
// speed on long tracks, where every segment is short and a local formula that
// agrees with the exact one to better than 1 mm per km is used.
//
// Points are projected onto paths in the azimuthal equidistant frame of each
// segment's first vertex, where the segment's geodesic is a straight line:
// feet and offsets within a millimetre of the exact nearest point for
// segments and offsets of a few kilometres. docs/geodesy.md describes the
// methods and their measured errors. An Index finds the segments near a
// point, or the nearest, without scanning the path, wherever the point and
// the path are (across the antimeridian, near the poles, on the far side of
// the world).
//
// Plane is the local tangent plane (metres east and north of a point, the
// equirectangular approximation) for comparing and drawing nearby points
// cheaply; MetresPerDegree, WrapLon and Simplify go with it. It is this
// module's only local plane: the packages above use it rather than their
// own.
//
// Nothing panics on bad input: latitudes beyond ±90° and non-finite
// coordinates give NaN results; empty paths have length 0.
//
// Non-goals: heights (every distance is on the ellipsoid surface), other
// ellipsoids, map projections.
package geo

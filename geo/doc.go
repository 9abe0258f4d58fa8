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
// Non-goals: heights (every distance is on the ellipsoid surface), other
// ellipsoids, map projections.
package geo

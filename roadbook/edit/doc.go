// Package edit is the roadbook editor behind `roadbook edit`: an editing
// model of one stage's roadbook (Doc) with undo and redo, and an
// http.Handler (Server) that serves the editor's web page and a JSON API
// over the model, on the author's own machine.
//
// # The model
//
// A Doc holds the stage's file (a route.File) as the author made it. Every
// box of the roadbook is one of the file's waypoints, in route order, as an
// OpenRally roadbook has them; a file that is a plain track (no waypoint
// with a roadbook distance) becomes a draft roadbook: the boxes
// roadbook.Build finds (start, waypoints, turns, finish) become waypoints.
// Edits change the waypoints and nothing else: the metadata, the tracks,
// the routes and every field of a waypoint that an edit does not touch are
// kept as they were, so saving writes back every tag and drawing the editor
// did not change.
//
// What the file does not say, the editor computes and says so: a box's
// distance is the file's, or (for a box the editor added or moved) the
// route's odometer since the last reset; its CAP is the file's, the
// author's, or the route's heading over the next 35 m (shown as
// "computed", and written only for boxes the editor made or where the
// author asked for the computed one); its tulip is the file's own drawing,
// the author's sketch, or one drawn from the track.
//
// Every edit is undoable: Undo and Redo step through the states, and each
// state has a version number that the API uses to tell a browser tab that
// another tab changed the roadbook.
//
// # Saving
//
// Doc.Save writes OpenRally v1.0.3 (route/gpx) over the file it was opened
// from, atomically (a temporary file in the same folder, renamed over the
// file), after keeping a copy of the original beside it on the first save
// ("stage.gpx.orig"); it refuses when the file changed on disk since it was
// read. WritePDF writes the printed roadbook (roadbook/pdf, the renderer of
// `roadbook print`) beside it, as "stage.pdf". Those three are the only
// files the editor ever writes.
//
// # The server
//
// Server serves the page (HTML, JavaScript, CSS and Leaflet, embedded: it
// works offline) and the API under /api/. Every request must carry the
// server's secret token (query "token", header X-Roadbook-Token, or the
// cookie the page sets); a request whose Host header is not the address
// served is refused (a defence against DNS rebinding); request bodies are
// limited in size. See docs/edit.md for the API.
//
// Units: distances in metres along the route (km with two decimals on the
// page), bearings in whole degrees clockwise from true north, tulip angles
// in degrees clockwise from straight ahead.
package edit

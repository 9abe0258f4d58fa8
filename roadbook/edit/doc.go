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
// the author's, or the one roadbook.Build draws from the track. The
// author's tulip is that drawing edited (roadbook/tulip's model: the exit
// turned, other tracks added, turned or removed, a surface per track), so
// that the PDF prints what the page shows; it is saved as SVG with the
// drawing kept in its metadata.
//
// Every edit is undoable: Undo and Redo step through the states, and each
// state has a version number that the API uses to tell a browser tab that
// another tab changed the roadbook.
//
// # Saving
//
// The editor opens any file route.Decode reads (GPX, OpenRally, KML, KMZ)
// and saves OpenRally v1.0.3 (route/gpx). A GPX file is saved over itself;
// a KML or KMZ file is never written into: it is saved beside it as GPX
// under its name ("stage.kmz" to "stage.gpx"), and the editor then follows
// that file. Files says which. Every save goes through internal/safefile,
// synced to the disk before it replaces the file, so that a failure, a
// crash or Ctrl-C leaves the old file or the new one, never half of one.
// The first save keeps the file it replaces beside it ("stage.gpx.orig",
// or "stage.gpx.orig2"… when that name is taken: no copy is ever
// replaced), and a save refuses when the file changed on disk since the
// editor read or saved it. "Write PDF" writes the printed roadbook
// (roadbook/pdf, the renderer of `roadbook print`) as "stage.pdf". Those
// are the only files the editor writes, and no request can name another.
//
// # The server
//
// Server serves the page (HTML, JavaScript, CSS, Leaflet and the lexicon's
// symbols, embedded: it works offline) and the API under /api/. Every
// request must carry the server's secret token (query "token", which the
// page writes into its scripts' and images' addresses, or header
// X-Roadbook-Token; no cookie); a request whose Host header is not the
// address served is refused (a defence against DNS rebinding); request
// bodies are limited in size. Serve runs it until the command's Ctrl-C,
// letting a save in progress finish. See docs/edit.md for the API.
//
// Units: distances in metres along the route (km with two decimals on the
// page), bearings in whole degrees clockwise from true north, tulip angles
// in degrees clockwise from straight ahead.
package edit

// Package dakar2026 is the Dakar 2026 example rally: the Prologue and the 13
// stages as GPX 1.1 + OpenRally v1.0.3 files on illustrative routes (the
// real ones are secret) whose liaison and special lengths match the
// organiser's figures, the rally manifest, and a synthetic 1 Hz recorded
// ride of Stage 7 with one wrong turn. See README.md in this folder.
//
// Every file is written by the generator in internal/gen; regenerate with
// "go generate ./examples/dakar2026".
package dakar2026

import "embed"

//go:generate go run ./internal/gen/gendakar -o .

// FS holds the example's files at its root: Manifest (rally.json), the stage
// files it lists (00-prologue.gpx … 13-stage13.gpx), RideFile,
// RideTruthFile and TracksFile. Read it with route.ParseRally and gpx.Decode.
//
//go:embed rally.json *.gpx stage07-ride-truth.json
var FS embed.FS

// Names of the files in FS.
const (
	// Manifest is the rally manifest (route.Rally as JSON).
	Manifest = "rally.json"
	// RideFile is the recorded ride of Stage 7: one track segment, one fix
	// a second, with times and elevations.
	RideFile = "stage07-ride.gpx"
	// RideTruthFile is the JSON truth about the ride's wrong turn: the
	// indexes of the first and last fix more than 50 m off the route, the
	// largest distance, the route km where the crew left and rejoined.
	RideTruthFile = "stage07-ride-truth.json"
	// RideStage is the name, in the manifest, of the stage the ride drove.
	RideStage = "Stage 7"
	// TracksFile holds the other tracks at every junction of every stage
	// (a track a stage, a segment a branch), for the tulips.
	TracksFile = "tracks.gpx"
)

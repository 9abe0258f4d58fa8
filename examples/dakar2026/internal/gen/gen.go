// Package gen generates the Dakar 2026 example rally: an illustrative GPX
// 1.1 + OpenRally v1.0.3 file for the Prologue and each of the 13 stages,
// the rally manifest, a recorded ride of Stage 7 with one wrong turn and the
// truth about it, and the example's README.
//
// The real routes are secret. The generated routes run between the real
// bivouac towns (their centres, WGS84) and their liaison and special lengths,
// measured on WGS84, match the published figures (the organiser's, for
// cars, as the press gave them) to within a few metres.
// Liaisons look like roads (long straights, gentle curves, street junctions
// in towns, a road junction every 8–30 km), specials like cross-country
// tracks (wandering, a junction turn of 45–150° every 1.5–6 km, forks, a
// few hairpins). Every junction turn of 45° or more has a roadbook box at
// its apex whose notes give the turn as the geometry draws it ("TR 105°":
// the angle of the fillet, to 5°), a control's box when a control is there;
// only the second of two turns within 80 m shares the first's box. Points
// are 10–30 m apart.
//
// The output depends only on the constants in this package: a fixed
// pseudo-random generator, no map iteration, no clock. Generating twice
// gives identical bytes.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// File names written besides the stage files.
const (
	Manifest  = "rally.json"
	RideFile  = "stage07-ride.gpx"
	TruthFile = "stage07-ride-truth.json"
	Readme    = "README.md"
)

// File is one generated file.
type File struct {
	Name string
	Data []byte
}

// Measured is a stage's measured section lengths in km.
type Measured struct {
	Name                    string
	File                    string
	LiaisonKm, SpecialKm    float64
	NeutralKm, TotalKm      float64
	TableLiaison, TableSpec float64
	Waypoints, Points       int
}

// Generate builds every file of the example, in a fixed order: the stage
// files, rally.json, the ride and its truth, the other tracks at the
// junctions, README.md.
func Generate() ([]File, []Measured, error) {
	var files []File
	var ms []Measured
	rally := &route.Rally{Name: "Dakar 2026", Year: 2026, RestDays: []route.RestDay{{Date: restDay.date, Place: restDay.place}}}
	var ride *builtStage
	var built []*builtStage
	for i := range plan {
		p := &plan[i]
		b, err := buildStage(p)
		if err != nil {
			return nil, nil, err
		}
		var buf bytes.Buffer
		if err := gpx.Encode(&buf, b.file); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", p.name(), err)
		}
		files = append(files, File{p.fileName(), buf.Bytes()})
		rally.Stages = append(rally.Stages, route.RallyStage{
			Name: p.name(), File: p.fileName(), Date: p.date, Start: p.start, Finish: p.finish, Marathon: p.marathon,
		})
		ms = append(ms, Measured{
			Name: p.name(), File: p.fileName(),
			LiaisonKm: b.liaison / 1e3, SpecialKm: b.special / 1e3, NeutralKm: b.neutral / 1e3,
			TotalKm: b.odo[len(b.odo)-1] / 1e3, TableLiaison: p.liaisonKm, TableSpec: p.specialKm,
			Waypoints: len(b.file.Waypoints), Points: len(b.line),
		})
		if p.num == rideStage {
			ride = b
		}
		built = append(built, b)
	}
	manifest, err := json.MarshalIndent(rally, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	files = append(files, File{Manifest, append(manifest, '\n')})

	rf, truth, err := makeRide(ride)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := gpx.Encode(&buf, rf); err != nil {
		return nil, nil, fmt.Errorf("ride: %v", err)
	}
	files = append(files, File{RideFile, buf.Bytes()})
	tj, err := json.MarshalIndent(truth, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	files = append(files, File{TruthFile, append(tj, '\n')})

	var tb bytes.Buffer
	tf := tracksFile(built)
	if err := gpx.Encode(&tb, tf); err != nil {
		return nil, nil, fmt.Errorf("tracks: %v", err)
	}
	files = append(files, File{TracksFile, tb.Bytes()})
	lines := 0
	for _, t := range tf.Tracks {
		lines += len(t.Segments)
	}

	files = append(files, File{Readme, readme(ms, truth, files, lines)})
	return files, ms, nil
}

// WriteDir generates the example into dir, which must exist.
func WriteDir(dir string) ([]Measured, error) {
	files, ms, err := Generate()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

package dakar2026_test

import (
	"fmt"
	"io/fs"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// Example reads the manifest and measures Stage 7 from its file.
func Example() {
	mf, err := dakar2026.FS.Open(dakar2026.Manifest)
	if err != nil {
		fmt.Println(err)
		return
	}
	rally, err := route.ParseRally(mf)
	mf.Close()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rally.Name, len(rally.Stages), "stages, rest day", rally.RestDays[0].Date, "in", rally.RestDays[0].Place)
	for _, s := range rally.Stages {
		if s.Name != dakar2026.RideStage {
			continue
		}
		f, err := dakar2026.FS.Open(s.File)
		if err != nil {
			fmt.Println(err)
			return
		}
		file, err := gpx.Decode(f)
		f.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		st := route.NewStage(file, route.StageOptions{Name: s.Name})
		liaison, special, _ := st.Totals()
		fmt.Printf("%s, %s > %s: liaison %.0f km, special %.0f km\n", s.Name, s.Start, s.Finish, liaison/1e3, special/1e3)
	}
	ride, _ := fs.Stat(dakar2026.FS, dakar2026.RideFile)
	fmt.Println("ride:", ride.Name())
	// Output:
	// Dakar 2026 14 stages, rest day 2026-01-10 in Riyadh
	// Stage 7, Riyadh > Wadi ad-Dawasir: liaison 414 km, special 462 km
	// ride: stage07-ride.gpx
}

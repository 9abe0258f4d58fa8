package main

import (
	"bytes"
	"io"
	"path/filepath"

	"github.com/roadbook/roadbook/roadbook/text"
	"github.com/roadbook/roadbook/route"
)

// demoCheckProduct is the demo's "Stage 7 wrong-turn report": the embedded Stage 7 ride checked
// against its stage, as "roadbook check" prints it and as JSON.
func demoCheckProduct() demoProduct {
	return demoProduct{
		name: "Stage 7 wrong-turn report",
		run:  demoCheck,
		open: "read stage07-check.txt; stage07-check.json is the same for scripts (docs/check.md)",
	}
}

// demoCheck writes stage07-check.txt and stage07-check.json into d.dir.
func demoCheck(d *demoRun) ([]string, error) {
	rep, err := route.Check(d.rideStage, d.ride, route.CheckOptions{})
	if err != nil {
		return nil, err
	}
	const ride = "stage07-ride.gpx"
	var txt, js bytes.Buffer
	text.WriteCheck(&txt, ride, rep)
	if err := route.WriteReportsJSON(&js, []string{ride}, []*route.Report{rep}, false); err != nil {
		return nil, err
	}
	files := []struct {
		name string
		data []byte
	}{{"stage07-check.txt", txt.Bytes()}, {"stage07-check.json", js.Bytes()}}
	var written []string
	for _, f := range files {
		out := filepath.Join(d.dir, f.name)
		err := d.e.writeOutput(out, func(w io.Writer) error {
			_, err := w.Write(f.data)
			return err
		})
		if err != nil {
			return written, d.e.outputError(out, err)
		}
		written = append(written, f.name)
	}
	return written, nil
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// demoOpenRallyDir is the folder, inside the demo's, of its OpenRally
// roadbooks.
const demoOpenRallyDir = "openrally"

// demoOpenRallyProduct is the demo's "OpenRally roadbooks": every Dakar stage exported as
// "roadbook openrally" exports it, for electronic roadbook readers.
func demoOpenRallyProduct() demoProduct {
	return demoProduct{
		name: "OpenRally roadbooks",
		run:  demoOpenRally,
		open: "copy " + demoOpenRallyDir + "/*.gpx to an electronic roadbook reader that reads OpenRally, or open them in any GPX viewer",
	}
}

// demoOpenRally writes openrally/<stage file> for every stage of the rally,
// through writeOpenRally like the openrally command with its default flags.
func demoOpenRally(d *demoRun) ([]string, error) {
	return demoPerStage(d, demoOpenRallyDir, "", func(s route.LoadedStage, path string) ([]roadbook.Discrepancy, error) {
		rb, err := writeOpenRally(d.e, path, s.Stage, openRallyOptions{tracks: d.tracks})
		if err != nil {
			return nil, err
		}
		return rb.Checks, nil
	})
}

// demoPerStage writes one file per stage of the rally into the folder dir
// of the demo's, named after the stage's file with the extension ext ("" to
// keep it), with write. The example's own roadbooks agree with their routes,
// so boxes that disagree (write's checks) are an error: a bug in the example
// or in the builder. It writes every stage it can, reports the first failure,
// and returns the files written, summarised.
func demoPerStage(d *demoRun, dir, ext string, write func(s route.LoadedStage, path string) ([]roadbook.Discrepancy, error)) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(d.dir, dir), 0o755); err != nil {
		return nil, pathError(err)
	}
	var written []string
	var first error
	for _, s := range d.stages {
		file := filepath.Base(s.Entry.File)
		if ext != "" {
			file = strings.TrimSuffix(file, filepath.Ext(file)) + ext
		}
		name := dir + "/" + file
		checks, err := write(s, filepath.Join(d.dir, name))
		if err == nil && len(checks) > 0 {
			err = fmt.Errorf("%d boxes disagree with the route: %s", len(checks), checks[0].Message)
		}
		if err != nil {
			if first == nil {
				first = fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		written = append(written, name)
	}
	if first != nil {
		return written, first
	}
	return summariseWritten(written), nil
}

// summariseWritten shortens a long list of files of one folder to
// "DIR/FIRST … LAST (N files)" for the demo's summary.
func summariseWritten(files []string) []string {
	if len(files) <= 3 {
		return files
	}
	first, last := files[0], files[len(files)-1]
	dir := first[:strings.LastIndex(first, "/")+1]
	return []string{fmt.Sprintf("%s … %s (%d files)", first, strings.TrimPrefix(last, dir), len(files))}
}

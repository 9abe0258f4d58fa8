package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// demoOpenRallyDir is the folder, inside the demo's, of its OpenRally
// roadbooks.
const demoOpenRallyDir = "openrally"

// The demo's "OpenRally roadbooks": every Dakar stage exported as
// "roadbook openrally" exports it, for electronic roadbook readers.
func init() {
	registerDemoProduct(demoProduct{
		name:  "OpenRally roadbooks",
		order: 30,
		run:   demoOpenRally,
		open:  "copy " + demoOpenRallyDir + "/*.gpx to an electronic roadbook reader that reads OpenRally, or open them in any GPX viewer",
	})
}

// demoOpenRally writes openrally/<stage file> for every stage of the rally,
// through writeOpenRally like the openrally command with its default flags.
// It writes every stage it can and reports the first failure.
func demoOpenRally(d *demoRun) ([]string, error) {
	dir := filepath.Join(d.dir, demoOpenRallyDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, pathError(err)
	}
	var written []string
	var first error
	for i, st := range d.stages {
		if i >= len(d.rally.Stages) {
			break
		}
		name := demoOpenRallyDir + "/" + filepath.Base(d.rally.Stages[i].File)
		rb, err := writeOpenRally(d.e, filepath.Join(d.dir, name), st, openRallyOptions{})
		if err == nil && len(rb.Checks) > 0 {
			// The example's own roadbooks agree with their routes; a
			// disagreement is a bug in the example or in the builder.
			err = fmt.Errorf("%d boxes disagree with the route: %s", len(rb.Checks), rb.Checks[0].Message)
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

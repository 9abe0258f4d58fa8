package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/route"
)

// demoPrintDir is the folder, inside the demo's, of its printed roadbooks.
const demoPrintDir = "roadbooks"

// The demo's "printed roadbooks": every Dakar stage printed on A5 as
// "roadbook print" prints a stage of the rally folder, one PDF per stage.
func init() {
	registerDemoProduct(demoProduct{
		name:  "printed roadbooks",
		order: 20,
		run:   demoPrint,
		open:  "open " + demoPrintDir + "/*.pdf in any PDF viewer; print them on A5 (or A4, two pages a sheet), or run roadbook print --paper roll for a bike's roll",
	})
}

// demoPrint writes roadbooks/<stage file>.pdf for every stage of the rally:
// A5, the rally's name in the headers, the stage's date and towns on its
// first page. It writes every stage it can and reports the first failure.
func demoPrint(d *demoRun) ([]string, error) {
	dir := filepath.Join(d.dir, demoPrintDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, pathError(err)
	}
	var written []string
	var first error
	for i, st := range d.stages {
		if i >= len(d.rally.Stages) {
			break
		}
		rs := d.rally.Stages[i]
		file := filepath.Base(rs.File)
		name := demoPrintDir + "/" + strings.TrimSuffix(file, filepath.Ext(file)) + ".pdf"
		opts := printOptions(&route.Rally{Name: d.rally.Name, Stages: []route.RallyStage{rs}}, pdf.A5)
		books, _, err := writePrint(d.e, filepath.Join(d.dir, name), []*route.Stage{st}, opts)
		if err == nil && len(books[0].Checks) > 0 {
			// The example's own roadbooks agree with their routes; a
			// disagreement is a bug in the example or in the builder.
			err = fmt.Errorf("%d boxes disagree with the route: %s", len(books[0].Checks), books[0].Checks[0].Message)
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

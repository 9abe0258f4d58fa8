package main

import (
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/route"
)

// demoPrintDir is the folder, inside the demo's, of its printed roadbooks.
const demoPrintDir = "roadbooks"

// demoPrintProduct is the demo's "printed roadbooks": every Dakar stage printed on A5 as
// "roadbook print" prints a stage of the rally folder, one PDF per stage.
func demoPrintProduct() demoProduct {
	return demoProduct{
		name: "printed roadbooks",
		run:  demoPrint,
		open: "open " + demoPrintDir + "/*.pdf in any PDF viewer; print them on A5 (or A4, two pages a sheet), or run roadbook print --paper roll for a bike's roll",
	}
}

// demoPrint writes roadbooks/<stage file>.pdf for every stage of the rally:
// A5, the rally's name in the headers, the stage's date and towns on its
// first page.
func demoPrint(d *demoRun) ([]string, error) {
	return demoPerStage(d, demoPrintDir, ".pdf", func(s route.LoadedStage, path string) ([]roadbook.Discrepancy, error) {
		opts := pdf.Options{Paper: pdf.A5}.WithRally(&route.Rally{Name: d.rally.Name, Stages: []route.RallyStage{*s.Entry}})
		books, _, err := writePrint(d.e, path, []route.LoadedStage{s}, opts, roadbook.Options{Tracks: d.tracks})
		if err != nil {
			return nil, err
		}
		return books[0].Checks, nil
	})
}

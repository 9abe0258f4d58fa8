// Command roadbook reads rally stages (GPX, OpenRally, KML and KMZ),
// measures them on WGS84, validates them, and turns them into Google Earth
// documents, printed roadbooks, OpenRally exports and ride reports; "roadbook
// edit" edits a roadbook in the browser. Run "roadbook help" for the
// commands.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A batch tool whose live heap is mostly the points it keeps: collect
		// at 1.5× the live heap rather than 2×. On a 1M-point stage this
		// takes the peak from about 100 to 70 MiB for the same time (the
		// collector costs about 1 % of the run). See docs/design.md.
		debug.SetGCPercent(50)
	}
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Command gpxgo is the gpxgo peer of the benchmark: it parses a GPX file with
// github.com/tkrajina/gpxgo and prints the 2D length of its tracks, as a user
// of that library would.
package main

import (
	"fmt"
	"os"

	"github.com/tkrajina/gpxgo/gpx"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gpxgo FILE.gpx")
		os.Exit(2)
	}
	g, err := gpx.ParseFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%.1f m\n", g.Length2D())
}

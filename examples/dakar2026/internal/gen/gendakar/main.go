// Command gendakar writes the Dakar 2026 example rally (stage files,
// rally.json, the Stage 7 ride and its truth, README.md) into a folder and
// prints the measured section lengths. Run it through
// "go generate ./examples/dakar2026".
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/roadbook/roadbook/examples/dakar2026/internal/gen"
)

func main() {
	dir := flag.String("o", ".", "output folder (must exist)")
	flag.Parse()
	ms, err := gen.WriteDir(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendakar:", err)
		os.Exit(1)
	}
	fmt.Printf("%-9s %9s %9s %9s %9s %7s\n", "stage", "liaison", "special", "total", "points", "wpts")
	for _, m := range ms {
		fmt.Printf("%-9s %9.3f %9.3f %9.3f %9d %7d\n", m.Name, m.LiaisonKm, m.SpecialKm, m.TotalKm, m.Points, m.Waypoints)
	}
}

package pdf_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/route"
)

// A stage of 2 km north from Riyadh, a right turn and 2 km east, with a DSS
// and an ASS, printed on A5: its boxes take one page after the first page.
func ExampleEncode() {
	line := orb.LineString{{46.6753, 24.7136}}
	p := line[0]
	for _, heading := range []float64{0, 90} {
		for i := 0; i < 100; i++ {
			p = geo.Destination(p, heading, 20)
			line = append(line, p)
		}
	}
	f := &route.File{
		Metadata: route.Metadata{Name: "Stage 7 · Riyadh > Wādī ad-Dawāsir"},
		Tracks:   []route.Track{{Segments: []route.Segment{{Points: line}}}},
		Waypoints: []route.Waypoint{
			{Point: line[25], HasPoint: true, Controls: []route.Control{{Kind: route.DSS}}},
			{Point: line[180], HasPoint: true, Controls: []route.Control{{Kind: route.ASS}}},
		},
	}
	rb := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})

	var buf bytes.Buffer
	opts := pdf.Options{Paper: pdf.A5, Rally: "Dakar 2026"}
	if err := pdf.Encode(&buf, []*roadbook.Book{rb}, opts); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d boxes, %d pages\n", buf.Bytes()[:5], len(rb.Boxes), opts.Paper.Pages(len(rb.Boxes)))
	// Output:
	// %PDF-: 5 boxes, 2 pages
}

func ExamplePaper_Pages() {
	for _, p := range []pdf.Paper{pdf.A5, pdf.A4, pdf.Roll} {
		fmt.Printf("%-4v %2d boxes a page; 120 boxes take %d pages\n", p, p.BoxesPerPage(), p.Pages(120))
	}
	// Output:
	// a5    5 boxes a page; 120 boxes take 25 pages
	// a4    6 boxes a page; 120 boxes take 21 pages
	// roll 15 boxes a page; 120 boxes take 9 pages
}

// The options for printing two stages of a rally, and the pages they take.
func ExampleOptions_WithRally() {
	rally := &route.Rally{Name: "Dakar 2026", Stages: []route.RallyStage{
		{Name: "Stage 7", Date: "2026-01-11", Start: "Riyadh", Finish: "Wadi ad-Dawasir"},
		{Name: "Stage 8", Date: "2026-01-12", Start: "Wadi ad-Dawasir", Finish: "Riyadh"},
	}}
	opts := pdf.Options{Paper: pdf.A4, Legend: true}.WithRally(rally)
	fmt.Println(opts.Rally)
	for _, s := range opts.Subtitles {
		fmt.Println(s)
	}
	books := []*roadbook.Book{{Boxes: make([]roadbook.Box, 345)}, {Boxes: make([]roadbook.Box, 120)}}
	fmt.Println(opts.PageCount(books), "pages")
	// Output:
	// Dakar 2026
	// Sunday 11 January 2026 · Riyadh > Wadi ad-Dawasir
	// Monday 12 January 2026 · Wadi ad-Dawasir > Riyadh
	// 88 pages
}

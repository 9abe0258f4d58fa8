package pdf

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// benchFile is a synthetic 500 km stage file as a GPX decoder would give
// it: one track of 25,001 points every 20 m from Ha'il, a turn every
// kilometre (gentle bends to hairpins, left and right), and 150 waypoints:
// the DSS at km 20, 148 controls of every kind every 3.2 km (DZ with a
// limit of 50 km/h), the ASS at km 495.
func benchFile() *route.File {
	const step, n = 20.0, 25000
	angles := []float64{10, -60, 95, -20, 150, 35, -90, 5, -120, 70}
	line := make(orb.LineString, 0, n+1)
	p := orb.Point{41.7208, 27.5114}
	line = append(line, p)
	bearing := 160.0
	for i := 1; i <= n; i++ {
		if i%50 == 0 { // every km
			bearing += angles[(i/50)%len(angles)]
		}
		p = geo.Destination(p, bearing, step)
		line = append(line, p)
	}
	f := &route.File{Version: "1.1", Metadata: route.Metadata{Name: "Stage 6 · Ha'il > Riyadh"}}
	f.Tracks = []route.Track{{Name: "route", Segments: []route.Segment{{Points: line}}}}
	wp := func(km float64, k route.Kind, name string) route.Waypoint {
		return route.Waypoint{Point: line[int(km*1000/step)], HasPoint: true, Name: name,
			Controls: []route.Control{{Kind: k, Name: name}}}
	}
	kinds := []route.Kind{route.WPV, route.WPM, route.DZ, route.FZ, route.WPS, route.CP, route.WPC, route.WPN, route.WPP, route.WPE}
	f.Waypoints = append(f.Waypoints, wp(20, route.DSS, "DSS"))
	for i := 1; i < 149; i++ {
		k := kinds[i%len(kinds)]
		w := wp(20+float64(i)*3.2+0.45, k, fmt.Sprintf("%v %d", k, i))
		if k == route.DZ {
			w.Speed = 50
		}
		f.Waypoints = append(f.Waypoints, w)
	}
	f.Waypoints = append(f.Waypoints, wp(495, route.ASS, "ASS"))
	return f
}

// TestBuiltStage prints the roadbook roadbook.Build makes of the benchmark's
// stage: every box's total on its page, the page count, the size.
func TestBuiltStage(t *testing.T) {
	st := route.NewStage(benchFile(), route.StageOptions{})
	rb := roadbook.Build(st, roadbook.Options{})
	if len(rb.Boxes) < 150 {
		t.Fatalf("Build: %d boxes; want at least the 150 waypoints", len(rb.Boxes))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, []*roadbook.Book{rb}, Options{Rally: "Dakar 2026"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("500 km, %d points, %d boxes: %d pages, %d KB", len(st.Path.Line), len(rb.Boxes), A5.Pages(len(rb.Boxes)), buf.Len()/1024)
	if buf.Len() > 600<<10 {
		t.Errorf("500 km, %d boxes: %d KB; want at most 600 KB", len(rb.Boxes), buf.Len()/1024)
	}
	file := writeTemp(t, buf.Bytes())
	if got, want := pdfPages(t, file), A5.Pages(len(rb.Boxes)); got != want {
		t.Errorf("pages = %d; want %d", got, want)
	}
	for _, page := range []int{2, A5.Pages(len(rb.Boxes))} {
		pg := fmt.Sprint(page)
		text := run(t, "pdftotext", "-f", pg, "-l", pg, file, "-")
		for i := (page - 2) * 5; i < min(len(rb.Boxes), (page-1)*5); i++ {
			if want := route.Km(rb.Boxes[i].Total); !bytes.Contains([]byte(text), []byte(want)) {
				t.Errorf("page %d: no total %q of box %d", page, want, rb.Boxes[i].Number)
			}
		}
	}
}

// BenchmarkPrint builds and prints a 500 km stage: 25,001 points, 150
// waypoints (benchFile), from the decoded file to the PDF bytes.
func BenchmarkPrint(b *testing.B) {
	f := benchFile()
	var buf bytes.Buffer
	var boxes int
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		st := route.NewStage(f, route.StageOptions{})
		rb := roadbook.Build(st, roadbook.Options{})
		boxes = len(rb.Boxes)
		if err := Encode(&buf, []*roadbook.Book{rb}, Options{Rally: "Dakar 2026"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(boxes), "boxes")
	b.ReportMetric(float64(buf.Len())/1024, "KB")
}

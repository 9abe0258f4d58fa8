package gpxgo_test

import (
	"fmt"
	"log"
	"os"

	"github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/route"
	rgpx "github.com/roadbook/roadbook/route/gpx"
	"github.com/roadbook/roadbook/route/gpxgo"
)

// A program that reads its GPX with gpxgo hands it to this toolkit: the
// OpenRally roles in the waypoints' extensions become controls, the stage
// is built from them, and the file can be written as OpenRally by route/gpx
// (or handed back to gpxgo with ToGPX).
func Example() {
	doc := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="an editor" xmlns="http://www.topografix.com/GPX/1/1"
     xmlns:openrally="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
 <wpt lat="24.0895" lon="38.0718"><name>Start</name>
  <extensions><openrally:distance>1.02</openrally:distance><openrally:dss/></extensions></wpt>
 <wpt lat="24.0895" lon="38.0918"><name>Well</name>
  <extensions><openrally:distance>3.05</openrally:distance><openrally:wpm open="800" clear="90"/><openrally:cap>92</openrally:cap></extensions></wpt>
 <wpt lat="24.0895" lon="38.1518"><name>Finish</name>
  <extensions><openrally:distance>9.15</openrally:distance><openrally:ass/></extensions></wpt>
 <trk><name>Prologue</name><trkseg>
  <trkpt lat="24.0895" lon="38.0618"/><trkpt lat="24.0895" lon="38.1118"/><trkpt lat="24.0895" lon="38.1618"/>
 </trkseg></trk>
</gpx>`)
	g, err := gpx.ParseBytes(doc) // the gpxgo user's data
	if err != nil {
		log.Fatal(err)
	}

	f, err := gpxgo.FromGPX(g)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range f.Waypoints {
		fmt.Printf("%-6s %v radii %+v cap %v\n", w.Name, w.Controls[0].Kind, w.Controls[0].Radii, w.Cap)
	}
	s := route.NewStage(f, route.StageOptions{})
	l, sp, _ := s.Totals()
	fmt.Printf("%s: liaison %.2f km, special %.2f km\n", s.Name, l/1000, sp/1000)

	// And back: the roles travel as gpxgo extension nodes.
	back, err := gpxgo.ToGPX(f)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range back.Waypoints[1].Extensions.Nodes {
		fmt.Printf("node %s", n.LocalName())
		for _, a := range n.Attrs {
			fmt.Printf(" %s=%s", a.Name.Local, a.Value)
		}
		fmt.Printf(" %q\n", n.Data)
	}
	// Writing OpenRally: route/gpx keeps the role elements gpxgo's writer drops.
	if err := rgpx.Encode(os.Stdout, &route.File{Waypoints: f.Waypoints[1:2]}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Start  DSS radii {Open:0 Clear:0} cap 0
	// Well   WPM radii {Open:800 Clear:90} cap 92
	// Finish ASS radii {Open:0 Clear:0} cap 0
	// Prologue: liaison 2.03 km, special 8.13 km
	// node distance "3.05"
	// node wpm open=800 clear=90 ""
	// node cap "92"
	// <?xml version="1.0" encoding="UTF-8"?>
	// <gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:openrally="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3" version="1.1" creator="roadbook">
	//  <wpt lat="24.0895000" lon="38.0918000">
	//   <name>Well</name>
	//   <extensions>
	//    <openrally:distance>3.05</openrally:distance>
	//    <openrally:wpm open="800" clear="90"/>
	//    <openrally:cap>92</openrally:cap>
	//   </extensions>
	//  </wpt>
	// </gpx>
}

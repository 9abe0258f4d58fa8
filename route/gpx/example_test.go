package gpx_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

func ExampleDecode() {
	const in = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="example" xmlns="http://www.topografix.com/GPX/1/1"
     xmlns:openrally="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
  <wpt lat="24.0895" lon="38.0618">
    <name>DSS Yanbu</name>
    <extensions>
      <openrally:distance>12.40</openrally:distance>
      <openrally:dss/>
      <openrally:dz/><openrally:speed>50</openrally:speed>
    </extensions>
  </wpt>
  <wpt lat="24.1010" lon="38.1500"><name>WPM12:90</name></wpt>
  <trk><trkseg>
    <trkpt lat="24.0895" lon="38.0618"><ele>12.5</ele><time>2026-01-04T07:00:00.5+03:00</time></trkpt>
    <trkpt lat="24.0900" lon="38.0700"><ele>14</ele><time>2026-01-04T07:01:00+03:00</time></trkpt>
  </trkseg></trk>
</gpx>`
	f, err := gpx.Decode(strings.NewReader(in))
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range f.Waypoints {
		fmt.Printf("%s:", w.Label())
		for _, c := range w.Controls {
			fmt.Printf(" %s (clear %g m)", c.Label(), c.Radii.Clear)
		}
		fmt.Printf(", speed %g km/h\n", w.Speed)
	}
	s := f.Tracks[0].Segments[0]
	fmt.Println(len(s.Points), "points, first at", s.Time[0], "elevation", s.Ele[0])
	// Output:
	// DSS Yanbu: DSS (clear 0 m) DZ (clear 0 m), speed 50 km/h
	// WPM12:90: WPM 12 (clear 90 m), speed 0 km/h
	// 2 points, first at 2026-01-04 04:00:00.5 +0000 UTC elevation 12.5
}

func ExampleDecoder_lenient() {
	const in = `<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
<trk><trkseg>
<trkpt lat="24.1" lon="38.1"/>
<trkpt lat="91.2" lon="38.2"/>
<trkpt lat="24.3" lon="38.3"><ele>high</ele></trkpt>
<trkpt lat="24.4" lon="38.4"/>
</trkseg></trk></gpx>`
	if _, err := gpx.Decode(strings.NewReader(in)); err != nil {
		fmt.Println(err)
	}
	f, err := (&gpx.Decoder{Lenient: true}).Decode(strings.NewReader(in))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Counts().TrackPts, "points kept")
	for _, e := range f.Skipped {
		fmt.Println("skipped:", e)
	}
	// Output:
	// gpx: line 4: trkpt: latitude 91.2 out of range
	// 2 points kept
	// skipped: gpx: line 4: trkpt: latitude 91.2 out of range
	// skipped: gpx: line 5: trkpt: elevation "high" is not a number
}

// An OpenRally roadbook of the neutralisation and transfer-zone proposal,
// without a track, exported again: the roadbook is kept as the file gives
// it, the proposal's dn and dnz written back, nothing added.
func ExampleOpenRally() {
	const in = `<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="editor"
 xmlns:openrally="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
 <metadata><extensions><openrally:units>metric</openrally:units><openrally:distance>0.52</openrally:distance></extensions></metadata>
 <wpt lat="0" lon="0"><extensions><openrally:distance>0</openrally:distance><openrally:dss/></extensions></wpt>
 <wpt lat="0" lon="0"><extensions><openrally:distance>0.5</openrally:distance>
  <openrally:dnz open="1000" clear="90" name="1" time="900"/><openrally:speed>40</openrally:speed></extensions></wpt>
 <wpt lat="0" lon="0"><extensions><openrally:distance>0.51</openrally:distance><openrally:fn name="2"/></extensions></wpt>
 <wpt lat="0" lon="0"><extensions><openrally:distance>0.52</openrally:distance><openrally:wpm name="1"/></extensions></wpt>
</gpx>`
	f, err := gpx.Decode(strings.NewReader(in))
	if err != nil {
		log.Fatal(err)
	}
	rb := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	out := gpx.OpenRally(rb, nil)
	for _, w := range out.Waypoints {
		fmt.Printf("%.2f km %-8s cap %v", w.Distance, w.Label(), w.HasCap)
		for _, c := range w.Controls {
			if c.Zone || c.Time > 0 {
				fmt.Printf(", speed zone %v, %v, %.0f km/h", c.Zone, c.Time, w.Speed)
			}
		}
		fmt.Println()
	}
	fmt.Println(out.TotalKm, "km")
	// Output:
	// 0.00 km DSS      cap false
	// 0.50 km DN 1     cap false, speed zone true, 15m0s, 40 km/h
	// 0.51 km FN 2     cap false
	// 0.52 km WPM 1    cap false
	// 0.52 km
}

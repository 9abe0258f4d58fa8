package kml

import (
	"bytes"
	"io"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// benchDoc builds a large synthetic rally: stages stages of n route points
// each, ~15 m apart with bends and elevations, each with a liaison, a special
// and a liaison, and a waypoint every 270 points (as in the bench/synth
// data: 3,708 waypoints on a million points).
func benchDoc(stages, n int) *Document {
	doc := &Document{Name: "bench"}
	lat, lon := 24.0, 38.0
	for s := range stages {
		ls := make(orb.LineString, n)
		ele := make([]float64, n)
		for i := range n {
			a := float64(s*n+i) / 300
			lon += 0.00012 * math.Cos(math.Sin(a)*1.2)
			lat += 0.00012 * math.Sin(math.Sin(a)*1.2)
			ls[i] = orb.Point{lon, lat}
			ele[i] = 300 + 50*math.Sin(a/7)
		}
		path := geo.NewPath(ls)
		st := &route.Stage{Name: "bench", Path: path, Ele: ele}
		l := path.Length()
		st.Sections = []route.Section{
			{Kind: route.Liaison, From: 0, To: l * 0.2, Start: -1},
			{Kind: route.Special, From: l * 0.2, To: l * 0.9, Sector: 1},
			{Kind: route.Liaison, From: l * 0.9, To: l, End: -1},
		}
		kinds := []route.Kind{route.WPV, route.WPM, route.WPE, route.WPS, route.DZ, route.FZ}
		for i := 270; i < n; i += 270 {
			w := route.Waypoint{Point: ls[i], HasPoint: true, Name: "WP",
				Controls: []route.Control{{Kind: kinds[(i/270)%len(kinds)]}}}
			st.Waypoints = append(st.Waypoints, route.Placed{Waypoint: w, OnRoute: true, Along: path.Odo[i]})
		}
		doc.Stages = append(doc.Stages, StageFolder{Stage: st})
	}
	return doc
}

// BenchmarkEncodeKMZ encodes a 300,000-point rally (10 stages of 30,000
// points, 1,110 waypoints) as KMZ with the default 2 m simplification.
func BenchmarkEncodeKMZ(b *testing.B) {
	doc := benchDoc(10, 30000)
	b.ReportAllocs()
	b.ResetTimer()
	var st Stats
	for b.Loop() {
		var err error
		st, err = EncodeKMZ(io.Discard, doc, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.RoutePoints)*float64(b.N)/b.Elapsed().Seconds(), "points/s")
	b.ReportMetric(float64(st.RouteKept), "kept")
}

// BenchmarkEncodeKMZFull is BenchmarkEncodeKMZ keeping every point
// (Simplify < 0): the cost of formatting all coordinates.
func BenchmarkEncodeKMZFull(b *testing.B) {
	doc := benchDoc(10, 30000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := EncodeKMZ(io.Discard, doc, Options{Simplify: -1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode reads back a rally of 100,000 route points (4 stages,
// LineStrings, every point kept) and a timed ride of 20,000 points
// (gx:Track), the documents Encode writes.
func BenchmarkDecode(b *testing.B) {
	doc := benchDoc(4, 25000)
	var seg route.Segment
	t0 := time.Date(2026, 1, 11, 6, 0, 0, 0, time.UTC)
	for i, p := range doc.Stages[0].Stage.Path.Line[:20000] {
		seg.Points = append(seg.Points, p)
		seg.Time = append(seg.Time, t0.Add(time.Duration(i)*time.Second))
	}
	doc.Rides = []Ride{{Name: "ride", Segments: []route.Segment{seg}}}
	var buf bytes.Buffer
	if _, err := Encode(&buf, doc, Options{Simplify: -1}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

package kml

import (
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// testLine returns n points every step metres heading east-north-east from
// Yanbu, with a gentle wiggle so simplification has work to do.
func testLine(n int, step float64) (orb.LineString, []float64) {
	ls := make(orb.LineString, n)
	ele := make([]float64, n)
	p := orb.Point{38.0618, 24.0895}
	for i := range n {
		ls[i] = p
		ele[i] = 20 + 30*math.Sin(float64(i)/40)
		bearing := 70 + 25*math.Sin(float64(i)/15)
		p = geo.Destination(p, bearing, step)
	}
	return ls, ele
}

// testStage builds a 4.02 km stage by hand: liaison, special in two sectors
// with a neutralisation between them, liaison; DSS, WPV, WPM, a speed zone,
// DN/FN, WPS and ASS.
func testStage() *route.Stage {
	ls, ele := testLine(202, 20) // 4.02 km
	path := geo.NewPath(ls)
	st := &route.Stage{Name: "Test stage", Path: path, Ele: ele}
	place := func(along float64, name string, speed float64, kinds ...route.Kind) route.Placed {
		w := route.Waypoint{Name: name, HasPoint: true, Point: path.PointAt(along), Speed: speed}
		for _, k := range kinds {
			w.Controls = append(w.Controls, route.Control{Kind: k})
		}
		return route.Placed{Waypoint: w, Index: len(st.Waypoints), OnRoute: true, Along: along}
	}
	st.Waypoints = []route.Placed{
		place(500, "DSS", 0, route.DSS),
		place(900, "WPV 1", 0, route.WPV),
		place(1200, "DZ 1", 50, route.DZ),
		place(1700, "FZ 1", 0, route.FZ),
		place(2000, "DN", 0, route.DN),
		place(2300, "FN", 0, route.FN),
		place(2700, "WPM 2", 0, route.WPM),
		place(3100, "WPS 3", 0, route.WPS),
		place(3500, "ASS", 0, route.ASS),
	}
	st.Waypoints[1].HasCap, st.Waypoints[1].Cap = true, 72
	st.Waypoints[1].Notes = "FPP SA, fork right"
	st.Waypoints[7].Danger = 2
	st.Waypoints[6].Controls[0].Radii = route.Radii{Clear: 150}
	prev := 0.0
	for i := range st.Waypoints {
		st.Waypoints[i].Partial = st.Waypoints[i].Along - prev
		prev = st.Waypoints[i].Along
	}
	st.Pair() // liaison, special sector 1, neutralisation, sector 2, liaison; the zone
	return st
}

// testRide returns a recorded ride along the test stage's route, one fix a
// second at 20 m/s, that leaves the route to the north between 1.5 and
// 2.1 km; and the check of it.
func testRide(st *route.Stage) (route.Segment, *Check) {
	var seg route.Segment
	t0 := time.Date(2026, 1, 9, 7, 30, 0, 0, time.UTC)
	var off orb.LineString
	for d, i := 0.0, 0; d <= st.Length(); d, i = d+20, i+1 {
		p := st.Path.PointAt(d)
		if d > 1500 && d < 2100 {
			p = geo.Destination(p, 0, 300*math.Sin((d-1500)/600*math.Pi))
			off = append(off, p)
		}
		seg.Points = append(seg.Points, p)
		seg.Ele = append(seg.Ele, 25)
		seg.Time = append(seg.Time, t0.Add(time.Duration(i)*time.Second))
	}
	c := &Check{
		Excursions: []Excursion{{Line: off, Left: 1500, Rejoined: 2100, MaxOffset: 300, Driven: 750, Duration: 30 * time.Second}},
		Missed:     []Missed{{Point: st.Waypoints[2].Point, Label: "DZ 1", Kind: route.DZ, Along: 1200, Closest: -1}},
	}
	return seg, c
}

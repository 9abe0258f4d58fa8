package pdf

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// syntheticBook builds, by hand, a roadbook of n boxes on a stage of about
// length metres that wanders south-west from Riyadh: a liaison, the special
// (DSS at 12 % of the route, ASS at 94 %), a liaison to the end. Boxes carry
// totals reset at the DSS, partials, CAPs, waypoints, speed zones, dangers,
// notes with diacritics and simple tulips.
func syntheticBook(name string, length float64, n int) *roadbook.Book {
	const step = 100.0 // metres between route points
	start := orb.Point{46.6753, 24.7136}
	line := orb.LineString{start}
	p := start
	for d := step; d <= length; d += step {
		// A heading that swings slowly so the map has shape.
		b := 225 + 50*math.Sin(d/37e3) + 20*math.Sin(d/5e3)
		p = geo.Destination(p, b, step)
		line = append(line, p)
	}
	path := geo.NewPath(line)
	total := path.Length()
	dss, ass := 0.12*total, 0.94*total
	st := &route.Stage{
		Name: name,
		Path: path,
		Sections: []route.Section{
			{Kind: route.Liaison, From: 0, To: dss, Start: -1, End: 0},
			{Kind: route.Special, From: dss, To: ass, Sector: 1, Start: 0, End: 1},
			{Kind: route.Liaison, From: ass, To: total, Start: 1, End: -1},
		},
	}
	book := &roadbook.Book{Stage: st}
	notes := []string{
		"Piste principale, SA",
		"Village Baciuška ; TJS FPP",
		"Wādī ad-Dawāsir →",
		"CX ET DNX. Descente raide, passage étroit entre deux rochers, rester à gauche",
		"Ha'il 12 km",
		"",
	}
	prevAlong := 0.0
	wpNum := 0
	for i := 0; i < n; i++ {
		along := total * float64(i) / float64(max(n-1, 1))
		b := roadbook.Box{
			Number:   i + 1,
			Along:    along,
			Partial:  along - prevAlong,
			Point:    path.PointAt(along),
			Cap:      math.Mod(path.BearingAt(along), 360),
			HasCap:   true,
			Turn:     float64((i*37)%180 - 90),
			Waypoint: -1,
			Notes:    notes[i%len(notes)],
			Close:    i%9 == 4,
			Tulip:    syntheticTulip(i),
		}
		prevAlong = along
		b.Total = along
		if along >= dss {
			b.Total = along - dss
		}
		switch {
		case i == 0:
		case along >= dss && (i == 0 || total*float64(i-1)/float64(n-1) < dss):
			b.Controls = []route.Control{{Kind: route.DSS}, {Kind: route.DZ}}
			b.Reset = true
			b.Total = 0
			b.Speed = 50
		case i%11 == 3:
			wpNum++
			kinds := []route.Kind{route.WPM, route.WPV, route.WPE, route.WPS, route.WPC}
			k := kinds[wpNum%len(kinds)]
			b.Controls = []route.Control{{Kind: k, Name: fmt.Sprintf("%v %d", k, wpNum)}}
		case i%17 == 5:
			b.Controls = []route.Control{{Kind: route.DZ}}
			b.Speed = 30
		case i%17 == 7:
			b.Controls = []route.Control{{Kind: route.FZ}}
		case i == n-1:
			b.Controls = []route.Control{{Kind: route.ASS}}
		}
		b.Danger = []int{0, 0, 1, 0, 2, 0, 0, 3}[i%8]
		book.Boxes = append(book.Boxes, b)
	}
	return book
}

// syntheticTulip returns a simple junction: the arrival from the bottom, a
// thin other track, and the exit with an arrow, in a style that varies.
func syntheticTulip(i int) *tulip.Drawing {
	angle := float64((i*53)%240-120) * math.Pi / 180
	exit := tulip.Vec{X: 0.5 + 0.42*math.Sin(angle), Y: 0.5 + 0.42*math.Cos(angle)}
	other := tulip.Vec{X: 0.5 - 0.38*math.Sin(angle/2+0.6), Y: 0.5 + 0.38*math.Cos(angle/2+0.6)}
	style := []tulip.Style{tulip.Solid, tulip.Double, tulip.Solid, tulip.Dashed}[i%4]
	return &tulip.Drawing{
		Strokes: []tulip.Stroke{
			{Points: []tulip.Vec{{X: 0.5, Y: 0.5}, other}, Style: tulip.Thin},
			{Points: []tulip.Vec{{X: 0.5, Y: 0.08}, {X: 0.5, Y: 0.5}, exit}, Style: style, Arrow: true},
		},
		Dot:       tulip.Vec{X: 0.5, Y: 0.08},
		DotRadius: 0.045,
	}
}

package pdf

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// TestProjection: the overview map is true to scale near its centre, east
// and north, at low and high latitudes (the geodesic distance, within
// 0.1 %), and a route across the antimeridian is one piece.
func TestProjection(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		centre orb.Point
	}{{"Riyadh", orb.Point{46.7, 24.7}}, {"Oslo", orb.Point{10.7, 59.9}}, {"Fiji", orb.Point{179.99, -17}}} {
		line := orb.LineString{geo.Destination(c.centre, 270, 40e3), geo.Destination(c.centre, 90, 40e3),
			geo.Destination(c.centre, 0, 30e3), geo.Destination(c.centre, 180, 30e3)}
		p := newProjection(line, 0, 0, 100, 100)
		if p == nil {
			t.Fatalf("%s: no projection", c.name)
		}
		for _, h := range []float64{0, 90, 180, 270} {
			q := geo.Destination(c.centre, h, 5e3)
			x0, y0 := p.page(c.centre)
			x1, y1 := p.page(q)
			km := math.Hypot(x1-x0, y1-y0) / p.scale
			if want := geo.Distance(c.centre, q) / 1000; math.Abs(km-want) > want*0.001 {
				t.Errorf("%s: 5 km heading %.0f° is %.4f km on the map; want %.4f", c.name, h, km, want)
			}
		}
		// The route fills the box: it is 80 km wide, not 360° round the world.
		xw, _ := p.page(line[0])
		xe, _ := p.page(line[1])
		if xe-xw < 50 || xe-xw > 100 {
			t.Errorf("%s: the route is %.1f mm wide on a 100 mm map; want it to fill about 86 %%", c.name, xe-xw)
		}
	}
}

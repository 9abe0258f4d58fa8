package edit

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
	"github.com/roadbook/roadbook/route"
)

// mapTolerance is how far, in degrees (about 2 m), the map's track may
// stray from the route when simplified for drawing.
const mapTolerance = 0.00002

// Map returns the stage as GeoJSON for the page's map: the track as one
// LineString per section (property "layer" "section", "kind" liaison,
// special or neutralisation), each speed zone as the LineString of the
// route from its DZ to its FZ ("layer" "zone", "speed" in km/h), and each
// control's circles as a Point ("layer" "radius", "kind", "open" and
// "clear" in metres, "box" the box id). The track is simplified to about
// 2 m.
func (d *Doc) Map() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	p := d.stage.Path
	if p != nil && len(p.Line) >= 2 {
		for _, sec := range d.stage.Sections {
			line := p.Slice(sec.From, sec.To)
			if len(line) < 2 {
				continue
			}
			f := geojson.NewFeature(simplify.DouglasPeucker(mapTolerance).Simplify(line.Clone()))
			f.Properties = geojson.Properties{"layer": "section", "kind": sec.Kind.String(), "from": sec.From, "to": sec.To}
			fc.Append(f)
		}
		// Speed zones, DZ to the next FZ.
		var open *route.Placed
		for i := range d.stage.Waypoints {
			w := &d.stage.Waypoints[i]
			if open != nil && (w.Has(route.FZ) || w.Has(route.FN) || w.Has(route.FT)) {
				if line := p.Slice(open.Along, w.Along); len(line) >= 2 {
					f := geojson.NewFeature(simplify.DouglasPeucker(mapTolerance).Simplify(line.Clone()))
					f.Properties = geojson.Properties{"layer": "zone", "speed": open.Speed * d.unitKm(), "from": open.Along, "to": w.Along}
					fc.Append(f)
				}
				open = nil
			}
			if w.Has(route.DZ) {
				open = w
			}
		}
	}
	for i := range d.entries {
		b, ok := d.boxFor(i)
		if !ok {
			continue
		}
		for _, c := range d.box(i, b).Controls {
			if c.Clear == 0 && c.Open == 0 {
				continue
			}
			f := geojson.NewFeature(orb.Point{b.Point[0], b.Point[1]})
			f.Properties = geojson.Properties{"layer": "radius", "kind": c.Kind, "open": c.Open, "clear": c.Clear, "box": d.entries[i].ID}
			fc.Append(f)
		}
	}
	return fc
}

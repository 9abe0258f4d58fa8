package edit

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// The map's colours are those of `roadbook kml` (route/kml's styles), so
// that a stage looks the same in the editor and in Google Earth.
var (
	sectionColour = map[route.SectionKind]string{route.Liaison: "#2f6fdf", route.Special: "#e8380d", route.Neutralisation: "#b4b4b4"}
	sectionWidth  = map[route.SectionKind]float64{route.Liaison: 3, route.Special: 6, route.Neutralisation: 4}
)

const (
	zoneColour  = "#ffd400" // speed zones, drawn 60 % opaque, 14 px wide
	clearColour = "#ff8c00" // validation radius
	openColour  = "#2080ff" // open radius
)

// mapTolerance is how far, in metres, the map's track may stray from the
// route when simplified (geo.Simplify).
const mapTolerance = 2.0

// Map returns the stage as GeoJSON for the page's map: the track as one
// LineString per section (property "layer" "section", "kind" liaison,
// special or neutralisation, "color" and "width" in pixels as `roadbook
// kml` draws it), each speed zone of the stage (route.Stage.Zones: a DZ to
// its FZ, a DN or DT that is a zone to its FN or FT) as the LineString of
// the route between them ("layer" "zone", "speed" in km/h, "color"), and each
// control's circles as a Point ("layer" "radius", "kind", "open" and
// "clear" in metres, "openColor", "clearColor", "box" the box id). The
// track is simplified to about 2 m.
func (d *Doc) Map() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	p := d.stage.Path
	if p != nil && len(p.Line) >= 2 {
		fc.Features = append(fc.Features, d.sectionLines()...)
		// Speed zones as the stage pairs them (route.Stage.Zones).
		for _, z := range d.stage.Zones {
			if line := p.Slice(z.From, z.To); len(line) >= 2 {
				f := geojson.NewFeature(simplified(line))
				f.Properties = geojson.Properties{"layer": "zone", "speed": z.Limit, "from": z.From, "to": z.To, "color": zoneColour}
				fc.Append(f)
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
			f.Properties = geojson.Properties{"layer": "radius", "kind": c.Kind, "open": c.Open, "clear": c.Clear, "box": d.entries[i].ID,
				"openColor": openColour, "clearColor": clearColour}
			fc.Append(f)
		}
	}
	return fc
}

// sectionLines returns the track as one simplified LineString feature per
// section. Edits seldom move a section's ends: the lines are kept until
// they do.
func (d *Doc) sectionLines() []*geojson.Feature {
	key := fmt.Sprint(d.stage.Sections)
	if d.lines.key == key {
		return d.lines.features
	}
	var out []*geojson.Feature
	p := d.stage.Path
	for _, sec := range d.stage.Sections {
		line := p.Slice(sec.From, sec.To)
		if len(line) < 2 {
			continue
		}
		f := geojson.NewFeature(simplified(line))
		f.Properties = geojson.Properties{"layer": "section", "kind": sec.Kind.String(), "from": sec.From, "to": sec.To,
			"color": sectionColour[sec.Kind], "width": sectionWidth[sec.Kind]}
		out = append(out, f)
	}
	d.lines.key, d.lines.features = key, out
	return out
}

// simplified returns line simplified to mapTolerance (geo.Simplify: metres,
// the same at every latitude).
func simplified(line orb.LineString) orb.LineString {
	idx := geo.Simplify(line, mapTolerance)
	out := make(orb.LineString, len(idx))
	for k, i := range idx {
		out[k] = line[i]
	}
	return out
}

package kml

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/roadbook/roadbook/route"
	gokml "github.com/twpayne/go-kml/v3"
)

// lineStyle is a line style of the document. Colours are straight (not
// premultiplied) RGBA: go-kml writes color.RGBA's fields as they are.
type lineStyle struct {
	id     string
	label  string // legend text
	colour color.RGBA
	width  float64
}

var (
	liaisonStyle   = lineStyle{"liaison", "liaison (road section, not timed)", color.RGBA{0x2f, 0x6f, 0xdf, 0xff}, 3}
	specialStyle   = lineStyle{"special", "special (timed, DSS to ASS)", color.RGBA{0xe8, 0x38, 0x0d, 0xff}, 6}
	neutralStyle   = lineStyle{"neutralisation", "neutralisation (DN to FN, not timed)", color.RGBA{0xb4, 0xb4, 0xb4, 0xff}, 4}
	routeStyle     = lineStyle{"route", "route without sections", color.RGBA{0xa0, 0x40, 0xc0, 0xff}, 3}
	speedZoneStyle = lineStyle{"speedzone", "speed zone (DZ to FZ), limit in the label", color.RGBA{0xff, 0xd4, 0x00, 0x99}, 14}
	excursionStyle = lineStyle{"excursion", "wrong turn of a ride", color.RGBA{0xff, 0x00, 0x00, 0xff}, 5}
	wrongWayStyle  = lineStyle{"wrongway", "a ride driving along the route the wrong way", color.RGBA{0x10, 0x10, 0x10, 0xff}, 5}
	clearStyle     = lineStyle{"radius-clear", "validation radius", color.RGBA{0xff, 0x8c, 0x00, 0xff}, 2}
	openStyle      = lineStyle{"radius-open", "open radius", color.RGBA{0x20, 0x80, 0xff, 0xff}, 1.5}
)

// ridePalette colours the rides in order, cycling.
var ridePalette = []color.RGBA{
	{0x00, 0xe5, 0xff, 0xff}, // cyan
	{0xff, 0x00, 0xc8, 0xff}, // magenta
	{0x9c, 0xff, 0x00, 0xff}, // lime
	{0xff, 0x99, 0x00, 0xff}, // orange
	{0xff, 0xff, 0xff, 0xff}, // white
	{0x8a, 0x5c, 0xff, 0xff}, // violet
}

// sectionStyle returns the style of a section kind.
func sectionStyle(k route.SectionKind) lineStyle {
	switch k {
	case route.Liaison:
		return liaisonStyle
	case route.Special:
		return specialStyle
	case route.Neutralisation:
		return neutralStyle
	}
	return routeStyle
}

// rideStyleID returns the style id of ride i.
func rideStyleID(i int) string { return fmt.Sprintf("ride-%d", i%len(ridePalette)) }

// iconHref returns where the document finds an icon: inside the KMZ, or
// Google's standard icon for a plain KML.
func (e *encoder) iconHref(ic iconSpec) string {
	if e.kmz {
		return "files/" + ic.name + ".png"
	}
	return ic.google
}

// styles returns the document's shared styles.
func (e *encoder) styles(rides int) []gokml.Element {
	var out []gokml.Element
	for _, s := range []lineStyle{liaisonStyle, specialStyle, neutralStyle, routeStyle, speedZoneStyle, excursionStyle, wrongWayStyle} {
		// gx:labelVisibility extends ColorStyle: it goes between color and
		// width.
		ls := gokml.LineStyle(gokml.Color(s.colour))
		if s == speedZoneStyle || s == excursionStyle || s == wrongWayStyle {
			ls.Append(gokml.GxLabelVisibility(true))
		}
		ls.Append(gokml.Width(s.width))
		out = append(out, gokml.SharedStyle(s.id, ls))
	}
	for _, s := range []lineStyle{clearStyle, openStyle} {
		fill := s.colour
		fill.A = 0x30
		out = append(out, gokml.SharedStyle(s.id,
			gokml.LineStyle(gokml.Color(s.colour), gokml.Width(s.width)),
			gokml.PolyStyle(gokml.Color(fill)),
		))
	}
	n := min(rides, len(ridePalette))
	for i := range n {
		out = append(out, gokml.SharedStyle(rideStyleID(i),
			gokml.IconStyle(gokml.Scale(0.5), gokml.Icon(gokml.Href(e.iconHref(plainIcon)))),
			gokml.LineStyle(gokml.Color(ridePalette[i]), gokml.Width(3)),
		))
	}
	for _, ic := range allIcons() {
		// No hotSpot: viewers centre an icon by default, and Marble drops
		// placemarks whose style has one.
		is := gokml.IconStyle(gokml.Scale(iconScale(ic)), gokml.Icon(gokml.Href(e.iconHref(ic))))
		out = append(out, gokml.SharedStyle("wp-"+ic.name, is, gokml.LabelStyle(gokml.Scale(0.8))))
	}
	return out
}

// iconScale is the display scale of an icon (1 is Google Earth's default
// icon size, 32 pixels).
func iconScale(ic iconSpec) float64 {
	if ic.name == kmIcon.name {
		return 0.6
	}
	return 1
}

// iconFor returns the icon of a waypoint: its first control's, or the plain
// waypoint icon when it carries none.
func iconFor(w *route.Waypoint) iconSpec {
	for _, c := range w.Controls {
		if c.Kind > 0 && int(c.Kind) < route.NumKinds {
			return kindIcons[c.Kind]
		}
	}
	return plainIcon
}

// legend returns the document description: what the colours and icons
// mean, as HTML.
func legend(kmz bool) string {
	var b strings.Builder
	b.WriteString("<h3>Legend</h3><table>")
	for _, s := range []lineStyle{liaisonStyle, specialStyle, neutralStyle, speedZoneStyle, excursionStyle, wrongWayStyle, clearStyle, openStyle} {
		fmt.Fprintf(&b, `<tr><td><span style="color:#%02x%02x%02x;font-size:150%%">&#9644;</span> %.0f px</td><td>%s</td></tr>`,
			s.colour.R, s.colour.G, s.colour.B, s.width, s.label)
	}
	b.WriteString("</table><p>Waypoint icons: ")
	for i, ic := range allIcons() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(ic.name)
	}
	if kmz {
		b.WriteString(" (drawn for roadbook, in the KMZ's files/ folder).")
	} else {
		b.WriteString(" (Google's standard icons; the KMZ version carries icons with the codes).")
	}
	b.WriteString(" Radii and kilometre markers are hidden: tick their folders to show them.</p>")
	return b.String()
}

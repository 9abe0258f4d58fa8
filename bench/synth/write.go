package synth

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
)

const (
	nsGPX = "http://www.topografix.com/GPX/1/1"
	nsOR  = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0-Cross-Country-DRAFT"
)

// startTime is the recorded log's first fix, 2025-01-03T06:30:00Z; the
// files' metadata time is one day earlier.
const startTime = 1735885800

var wptSym = map[string]string{
	"DSS": "Flag, Green", "ASS": "Flag, Red", "WPV": "Flag, Blue",
	"WPM": "Navaid, Amber", "WPS": "Danger Area", "WPE": "Navaid, Violet",
	"WPC": "Navaid, White", "DZ": "Speed Zone", "FZ": "Speed Zone",
}

func iso(t int64) string { return time.Unix(t, 0).UTC().Format("2006-01-02T15:04:05Z") }

// gpxHeader writes the XML declaration, the gpx element and the metadata,
// with bounds from the unrounded positions and extra extensions when given.
func gpxHeader(w io.Writer, name, desc string, lat, lon []float64, ext string) {
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="roadbook-bench-gen 1.0 (synthetic)" xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:openrally="%s" xsi:schemaLocation="%s http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata>
    <name>%s</name>
    <desc>%s</desc>
    <time>%s</time>
    <keywords>rally, raid, roadbook, synthetic, benchmark</keywords>
    <bounds minlat="%.7f" minlon="%.7f" maxlat="%.7f" maxlon="%.7f"/>
%s  </metadata>
`, nsGPX, nsOR, nsGPX, name, desc, iso(startTime-86400),
		slices.Min(lat), slices.Min(lon), slices.Max(lat), slices.Max(lon), ext)
}

func (g *Rally) writeWaypoint(w io.Writer, wp waypoint) {
	r := g.route
	name := fmt.Sprintf("S%02d %s%03d", wp.stage, wp.typ, wp.seq)
	if wp.typ == "DSS" || wp.typ == "ASS" {
		name = fmt.Sprintf("S%02d %s", wp.stage, wp.typ)
	}
	ext := fmt.Sprintf("<openrally:distance>%.2f</openrally:distance>", wp.km)
	var desc string
	switch wp.typ {
	case "DSS":
		ext += "<openrally:dss/>"
		desc = fmt.Sprintf("Start of selective section, stage %d", wp.stage)
	case "ASS":
		ext += "<openrally:ass/>"
		desc = fmt.Sprintf("Finish of selective section, stage %d", wp.stage)
	case "DZ":
		ext += fmt.Sprintf("<openrally:dz/><openrally:speed>%d</openrally:speed>", wp.speed)
		desc = fmt.Sprintf("Speed zone start, limit %d km/h", wp.speed)
	case "FZ":
		ext += "<openrally:fz/>"
		desc = "Speed zone end"
	case "WPS":
		danger := 1 + wp.seq%3
		ext += fmt.Sprintf(`<openrally:wps open="800" clear="90"/><openrally:danger>%d</openrally:danger>`, danger)
		desc = fmt.Sprintf("Safety waypoint, danger %d", danger)
	case "WPM":
		ext += `<openrally:wpm open="800" clear="200"/>`
		desc = "Masked waypoint"
	case "WPE":
		ext += `<openrally:wpe clear="200"/>`
		desc = "Eclipse waypoint"
	case "WPC":
		ext += `<openrally:wpc clear="20"/>`
		desc = "Control waypoint"
	default: // WPV
		ext += `<openrally:wpv clear="200"/>`
		desc = "Visible waypoint"
	}
	fmt.Fprintf(w, `  <wpt lat="%.7f" lon="%.7f">
    <ele>%.1f</ele>
    <name>%s</name>
    <desc>km %.2f - %s</desc>
    <sym>%s</sym>
    <type>%s</type>
    <extensions>%s</extensions>
  </wpt>
`, r.lat[wp.i], r.lon[wp.i], r.ele[wp.i], name, wp.km, desc, wptSym[wp.typ], wp.typ, ext)
}

// writeTrack writes one track of one segment and closes the document; times,
// when t0 >= 0, are t0 plus the point's index in seconds.
func writeTrack(w *bufio.Writer, name, typ string, lat, lon, ele []float64, t0 int64) {
	fmt.Fprintf(w, "  <trk>\n    <name>%s</name>\n    <type>%s</type>\n    <trkseg>\n", name, typ)
	var b []byte
	for i := range lat {
		b = append(b[:0], `      <trkpt lat="`...)
		b = strconv.AppendFloat(b, lat[i], 'f', 7, 64)
		b = append(b, `" lon="`...)
		b = strconv.AppendFloat(b, lon[i], 'f', 7, 64)
		b = append(b, `"><ele>`...)
		b = strconv.AppendFloat(b, ele[i], 'f', 1, 64)
		b = append(b, "</ele>"...)
		if t0 >= 0 {
			b = append(b, "<time>"...)
			b = time.Unix(t0+int64(i), 0).UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
			b = append(b, "</time>"...)
		}
		b = append(b, "</trkpt>\n"...)
		w.Write(b)
	}
	w.WriteString("    </trkseg>\n  </trk>\n</gpx>\n")
}

// WriteRoute writes the organiser's route as GPX 1.1: the metadata (with the
// route's length as an OpenRally distance), the rally waypoints, and one
// track of one segment.
func (g *Rally) WriteRoute(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	r := g.route
	gpxHeader(bw, "Synthetic Rally Yanbu - route "+g.Name,
		fmt.Sprintf("Synthetic organiser route, %d points, %.1f km", len(r.lat), g.length/1000),
		r.lat, r.lon,
		fmt.Sprintf("    <extensions><openrally:units>metric</openrally:units><openrally:distance>%.2f</openrally:distance></extensions>\n", g.length/1000))
	for _, wp := range g.wpts {
		g.writeWaypoint(bw, wp)
	}
	writeTrack(bw, "Route "+g.Name, "route", r.lat, r.lon, r.ele, -1)
	return bw.Flush()
}

// WriteRecorded writes the competitor's log as GPX 1.1: one track of one
// segment, a fix a second from 2025-01-03T06:30:00Z.
func (g *Rally) WriteRecorded(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	x := g.recorded
	gpxHeader(bw, "Synthetic Rally Yanbu - recorded "+g.Name,
		"Synthetic 1 Hz competitor log with GPS noise and one wrong turn", x.lat, x.lon, "")
	writeTrack(bw, "Car 301 "+g.Name, "recorded", x.lat, x.lon, x.ele, startTime)
	return bw.Flush()
}

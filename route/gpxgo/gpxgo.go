// Package gpxgo converts between route.File and the GPX model of
// github.com/tkrajina/gpxgo (its package gpx, gpx.GPX below), so that a
// program that already holds its GPX in gpxgo's types can hand them to this
// toolkit and take the result back.
//
// ToGPX and FromGPX keep every field both models have:
//
//	route.File                      gpx.GPX (gpxgo)
//	Version, Creator                Version, Creator
//	Metadata.Name, Desc, Keywords   Name, Description, Keywords
//	Metadata.Author                 AuthorName (from gpxgo: else AuthorEmail)
//	Metadata.Copyright              Copyright (the copyright's author)
//	Metadata.Time                   Time (nil when zero)
//	Metadata.Links[0]               Link, LinkText, LinkType (from gpxgo:
//	                                AuthorLink's href first, as route/gpx reads it)
//	Units, TotalKm, Extensions      MetadataExtensions (FromGPX: and Extensions)
//	Waypoints                       Waypoints: position, elevation, time, name,
//	                                cmt, desc, src, sym, type; roles, roadbook
//	                                fields and Extensions as extension nodes
//	Routes (Itinerary)              Routes: name, cmt, desc, src, number, type,
//	                                points with names, elevations, times
//	Itinerary.Shape                 each route point's Garmin RoutePointExtension
//	                                node of rpt nodes (NamespaceGarminX)
//	Tracks, Segments                Tracks, Segments: name, cmt, desc, src,
//	                                number, type, points with elevations, times
//	Segment.Speed, Course           each point's Garmin TrackPointExtension v2
//	                                speed and course nodes (NamespaceGarmin)
//
// A waypoint's control roles and roadbook fields (DSS, WPM with its radii, the
// speed limit, distance, CAP, danger, notes, tulip…) become the OpenRally
// v1.0.3 elements package route/gpx writes for them, as extension nodes in
// the namespace gpx.NamespaceOpenRally of route/gpx (registered on the GPX
// with the prefix "openrally"): what gpxgo would read from the file route/gpx
// writes. FromGPX reads extension nodes, names, types and symbols as
// gpx.Decode reads a file: the OpenRally elements of every version, the
// plain-GPX naming conventions ("WPM 12", "DZ 50 km/h") for waypoints without
// an OpenRally role, and the elements it maps to no field kept in Extensions.
// Both conversions go through route/gpx for this, so that the OpenRally
// mapping has one home. FromGPX(ToGPX(f)) is f, but for what cannot cross.
//
// # What cannot cross
//
// gpxgo's model has no place for these, so ToGPX leaves them out:
//   - links other than the metadata's first: gpxgo keeps one metadata link,
//     and none for waypoints, routes and tracks;
//   - the metadata bounds: gpxgo computes bounds from the points instead;
//   - File.OpenRally when it names an older OpenRally version: the elements
//     become v1.0.3's, as route/gpx writes them;
//   - File.Skipped, SkippedCount and the Line fields, which describe a file
//     read.
//
// Kept extensions (File.Extensions, Waypoint.Extensions) cross as the same
// elements (namespace, name, attributes, text, children), not as the same
// characters: gpxgo's nodes keep no prefixes, and the text of an element
// with children is one string, so white space between the children moves.
// The same holds for a tulip or notes drawing written as inline SVG markup.
//
// FromGPX leaves out what route.File does not keep (see package route/gpx,
// Non-goals): extensions of routes, tracks, segments and points other than
// Garmin's speed and course and a route point's routing points, the names and other fields of track points,
// GPS fix quality (fix, sat, hdop, vdop, pdop, ageofdgpsdata, dgpsid), magvar
// and geoidheight, the copyright's year and licence, the author's email
// (unless there is no name) and the author link's text and type, and
// gpxgo's namespace and schema attributes.
//
// A note for writing with gpxgo: gpxgo v1.4.0's ToXml drops extension
// elements that have neither text nor children, which includes OpenRally's
// role elements (<openrally:dss/>, <openrally:wpm open="800"/>); write a
// converted file with route/gpx's Encode to keep them. gpxgo's reader also
// drops fractional seconds and times with a zone offset other than +00:00.
//
// Units are those of route.File: degrees WGS84, metres, metres per second for
// point speeds, degrees for courses, times in UTC.
package gpxgo

import (
	"encoding/xml"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/route"
)

// NamespaceGarmin is the namespace of the Garmin TrackPointExtension (v2)
// nodes that carry point speeds and courses, registered with the prefix
// "gpxtpx".
const NamespaceGarmin = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"

// ToGPX converts f into gpxgo's model. It fails, naming the waypoint, only
// when a waypoint's rally fields hold a value no OpenRally file can (a
// negative distance, a danger level outside 0–3: the values on which
// gpx.Encode fails), and for a nil f.
func ToGPX(f *route.File) (*gpx.GPX, error) {
	if f == nil {
		return nil, errors.New("gpxgo: nil file")
	}
	g := &gpx.GPX{Version: f.Version, Creator: f.Creator}
	m := &f.Metadata
	g.Name, g.Description, g.Keywords = m.Name, m.Desc, m.Keywords
	g.AuthorName, g.Copyright = m.Author, m.Copyright
	if !m.Time.IsZero() {
		t := m.Time
		g.Time = &t
	}
	if len(m.Links) > 0 {
		g.Link, g.LinkText, g.LinkType = m.Links[0].Href, m.Links[0].Text, m.Links[0].Type
	}

	meta, wpts, err := extensionNodes(f)
	if err != nil {
		return nil, err
	}
	g.MetadataExtensions = meta
	g.Waypoints = make([]gpx.GPXPoint, len(f.Waypoints))
	for i := range f.Waypoints {
		w := &f.Waypoints[i]
		p := &g.Waypoints[i]
		if w.HasPoint {
			p.Latitude, p.Longitude = w.Point[1], w.Point[0]
		}
		if w.HasEle {
			p.Elevation.SetValue(w.Ele)
		}
		p.Timestamp = w.Time
		p.Name, p.Comment, p.Description, p.Source = w.Name, w.Cmt, w.Desc, w.Src
		p.Symbol, p.Type = w.Sym, w.Type
		p.Extensions = wpts[i]
	}

	garmin := false
	g.Routes = make([]gpx.GPXRoute, len(f.Routes))
	for i := range f.Routes {
		r := &f.Routes[i]
		gr := &g.Routes[i]
		gr.Name, gr.Comment, gr.Description, gr.Source, gr.Type = r.Name, r.Cmt, r.Desc, r.Src, r.Type
		if r.Number != 0 {
			gr.Number.SetValue(r.Number)
		}
		gr.Points = points(&r.Points, r.Names, &garmin)
		if len(r.Shape) == len(gr.Points) {
			for k, sh := range r.Shape {
				if len(sh) > 0 {
					gr.Points[k].Extensions.Nodes = append(gr.Points[k].Extensions.Nodes, routePointNode(sh))
				}
			}
		}
	}
	g.Tracks = make([]gpx.GPXTrack, len(f.Tracks))
	for i := range f.Tracks {
		t := &f.Tracks[i]
		gt := &g.Tracks[i]
		gt.Name, gt.Comment, gt.Description, gt.Source, gt.Type = t.Name, t.Cmt, t.Desc, t.Src, t.Type
		if t.Number != 0 {
			gt.Number.SetValue(t.Number)
		}
		gt.Segments = make([]gpx.GPXTrackSegment, len(t.Segments))
		for j := range t.Segments {
			gt.Segments[j].Points = points(&t.Segments[j], nil, &garmin)
		}
	}
	registerNamespaces(g, garmin)
	return g, nil
}

// points converts a segment (and the names of route points, when not nil);
// garmin is set when a point carries a speed or a course.
func points(s *route.Segment, names []string, garmin *bool) []gpx.GPXPoint {
	out := make([]gpx.GPXPoint, len(s.Points))
	for i, q := range s.Points {
		p := &out[i]
		p.Latitude, p.Longitude = q[1], q[0]
		if v, ok := s.EleAt(i); ok {
			p.Elevation.SetValue(v)
		}
		p.Timestamp = s.TimeAt(i)
		if names != nil {
			p.Name = names[i]
		}
		var ext []gpx.ExtensionNode
		for _, v := range [...]struct {
			name string
			vals []float64
		}{{"speed", s.Speed}, {"course", s.Course}} {
			if v.vals == nil || math.IsNaN(v.vals[i]) {
				continue
			}
			ext = append(ext, gpx.ExtensionNode{
				XMLName: garminName(v.name),
				Data:    strconv.FormatFloat(v.vals[i], 'f', -1, 64),
			})
		}
		if ext != nil {
			*garmin = true
			p.Extensions.Nodes = []gpx.ExtensionNode{{XMLName: garminName("TrackPointExtension"), Nodes: ext}}
		}
	}
	return out
}

// FromGPX converts g into a route.File, reading its waypoints' extension
// nodes and naming conventions as gpx.Decode reads a file's. It fails, with a
// *route.FormatError (Format "gpxgo") naming the waypoint or point and the
// element, on a value gpx.Decode would refuse in a file: an OpenRally
// distance, speed, radius or CAP that is not a number in range, a position
// out of range, an elevation, speed or course that is not a finite number;
// and for a nil g.
func FromGPX(g *gpx.GPX) (*route.File, error) {
	if g == nil {
		return nil, errors.New("gpxgo: nil GPX")
	}
	f := &route.File{Version: g.Version, Creator: g.Creator}
	m := &f.Metadata
	m.Name, m.Desc, m.Keywords, m.Copyright = g.Name, g.Description, g.Keywords, g.Copyright
	m.Author = g.AuthorName
	if m.Author == "" {
		m.Author = g.AuthorEmail
	}
	if g.Time != nil {
		m.Time = g.Time.UTC()
	}
	if g.AuthorLink != "" {
		m.Links = append(m.Links, route.Link{Href: g.AuthorLink})
	}
	if g.Link != "" || g.LinkText != "" || g.LinkType != "" {
		m.Links = append(m.Links, route.Link{Href: g.Link, Text: g.LinkText, Type: g.LinkType})
	}
	if err := decodeWaypoints(f, g); err != nil {
		return nil, err
	}
	if len(g.Routes) > 0 {
		f.Routes = make([]route.Itinerary, len(g.Routes))
	}
	for i := range g.Routes {
		gr := &g.Routes[i]
		r := &f.Routes[i]
		r.Name, r.Cmt, r.Desc, r.Src, r.Type = gr.Name, gr.Comment, gr.Description, gr.Source, gr.Type
		if gr.Number.NotNull() {
			r.Number = gr.Number.Value()
		}
		var err error
		if r.Names, err = segment(&r.Points, gr.Points, "rte "+strconv.Itoa(i+1), true); err != nil {
			return nil, err
		}
		if r.Shape, err = routePoints(gr.Points, "rte "+strconv.Itoa(i+1)); err != nil {
			return nil, err
		}
	}
	if len(g.Tracks) > 0 {
		f.Tracks = make([]route.Track, len(g.Tracks))
	}
	for i := range g.Tracks {
		gt := &g.Tracks[i]
		t := &f.Tracks[i]
		t.Name, t.Cmt, t.Desc, t.Src, t.Type = gt.Name, gt.Comment, gt.Description, gt.Source, gt.Type
		if gt.Number.NotNull() {
			t.Number = gt.Number.Value()
		}
		if len(gt.Segments) > 0 {
			t.Segments = make([]route.Segment, len(gt.Segments))
		}
		for j := range gt.Segments {
			where := "trk " + strconv.Itoa(i+1) + " trkseg " + strconv.Itoa(j+1)
			if _, err := segment(&t.Segments[j], gt.Segments[j].Points, where, false); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// segment fills s from gpxgo points, and returns their names when withNames
// and any has one.
func segment(s *route.Segment, pts []gpx.GPXPoint, where string, withNames bool) (names []string, err error) {
	n := len(pts)
	if n == 0 {
		return nil, nil
	}
	s.Points = make([]orb.Point, n)
	nan := func() []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.NaN()
		}
		return v
	}
	for i := range pts {
		p := &pts[i]
		if err := checkPosition(p.Latitude, p.Longitude); err != nil {
			return nil, pointError(where, i, "", err.Error())
		}
		s.Points[i] = orb.Point{p.Longitude, p.Latitude}
		if p.Elevation.NotNull() {
			v := p.Elevation.Value()
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, pointError(where, i, "", "elevation "+strconv.Quote(strconv.FormatFloat(v, 'g', -1, 64))+" is not a number")
			}
			if s.Ele == nil {
				s.Ele = nan()
			}
			s.Ele[i] = v
		}
		if !p.Timestamp.IsZero() {
			if s.Time == nil {
				s.Time = make([]time.Time, n)
			}
			s.Time[i] = p.Timestamp.UTC()
		}
		if withNames && p.Name != "" {
			if names == nil {
				names = make([]string, n)
			}
			names[i] = p.Name
		}
		speed, course, err := garminValues(p.Extensions.Nodes)
		if err != nil {
			return nil, pointError(where, i, err.elem, err.msg)
		}
		if !math.IsNaN(speed) {
			if s.Speed == nil {
				s.Speed = nan()
			}
			s.Speed[i] = speed
		}
		if !math.IsNaN(course) {
			if s.Course == nil {
				s.Course = nan()
			}
			s.Course[i] = course
		}
	}
	return names, nil
}

// checkPosition refuses what gpx.Decode refuses in a file: a latitude
// outside [-90, 90], a longitude outside [-180, 180], a value that is not
// finite.
func checkPosition(lat, lon float64) error {
	switch {
	case math.IsNaN(lat) || math.IsInf(lat, 0) || lat < -90 || lat > 90:
		return errors.New("latitude " + strconv.FormatFloat(lat, 'g', -1, 64) + " out of range")
	case math.IsNaN(lon) || math.IsInf(lon, 0) || lon < -180 || lon > 180:
		return errors.New("longitude " + strconv.FormatFloat(lon, 'g', -1, 64) + " out of range")
	}
	return nil
}

func pointError(where string, i int, elem, msg string) *route.FormatError {
	e := where + " point " + strconv.Itoa(i+1)
	if elem != "" {
		e += ": " + elem
	}
	return &route.FormatError{Format: "gpxgo", Elem: e, Msg: msg}
}

// garminValues reads a point's speed and course from Garmin
// TrackPointExtension nodes (any version), as gpx.Decode does: the nodes
// themselves or the children of a TrackPointExtension node. Absent values
// are NaN.
func garminValues(nodes []gpx.ExtensionNode) (speed, course float64, err *valueError) {
	speed, course = math.NaN(), math.NaN()
	var walk func(nodes []gpx.ExtensionNode, top bool) *valueError
	walk = func(nodes []gpx.ExtensionNode, top bool) *valueError {
		for i := range nodes {
			n := &nodes[i]
			if !strings.Contains(n.XMLName.Space, "garmin.com/xmlschemas/TrackPointExtension/") {
				continue
			}
			switch n.XMLName.Local {
			case "TrackPointExtension":
				if top {
					if err := walk(n.Nodes, false); err != nil {
						return err
					}
				}
			case "speed", "course":
				t := strings.TrimSpace(n.Data)
				v, perr := strconv.ParseFloat(t, 64)
				if perr != nil || math.IsNaN(v) || math.IsInf(v, 0) {
					return &valueError{n.XMLName.Local, n.XMLName.Local + " " + strconv.Quote(t) + " is not a number"}
				}
				if n.XMLName.Local == "speed" && math.IsNaN(speed) {
					speed = v
				} else if n.XMLName.Local == "course" && math.IsNaN(course) {
					course = v
				}
			}
		}
		return nil
	}
	return speed, course, walk(nodes, true)
}

type valueError struct{ elem, msg string }

// NamespaceGarminX is Garmin's GPX extensions namespace, in which a route
// point's routing points (Itinerary.Shape) cross as a RoutePointExtension
// node of rpt nodes with lat and lon attributes, as Garmin writes them.
const NamespaceGarminX = "http://www.garmin.com/xmlschemas/GpxExtensions/v3"

// routePointNode is a rtept's RoutePointExtension node for its routing
// points.
func routePointNode(shape []orb.Point) gpx.ExtensionNode {
	n := gpx.ExtensionNode{XMLName: xml.Name{Space: NamespaceGarminX, Local: "RoutePointExtension"}}
	for _, q := range shape {
		n.Nodes = append(n.Nodes, gpx.ExtensionNode{XMLName: xml.Name{Space: NamespaceGarminX, Local: "rpt"}, Attrs: []xml.Attr{
			{Name: xml.Name{Local: "lat"}, Value: strconv.FormatFloat(q[1], 'f', -1, 64)},
			{Name: xml.Name{Local: "lon"}, Value: strconv.FormatFloat(q[0], 'f', -1, 64)},
		}})
	}
	return n
}

// routePoints reads the routing points of route points from their Garmin
// RoutePointExtension nodes (any version), as gpx.Decode does; nil when
// none has any.
func routePoints(pts []gpx.GPXPoint, where string) ([][]orb.Point, error) {
	var shape [][]orb.Point
	for i := range pts {
		for _, n := range pts[i].Extensions.Nodes {
			if n.XMLName.Local != "RoutePointExtension" || !strings.Contains(n.XMLName.Space, "garmin.com/xmlschemas/GpxExtensions/") {
				continue
			}
			for _, c := range n.Nodes {
				if c.XMLName.Local != "rpt" || !strings.Contains(c.XMLName.Space, "garmin.com/xmlschemas/GpxExtensions/") {
					continue
				}
				var ll [2]float64
				for j, name := range [2]string{"lat", "lon"} {
					v := math.NaN()
					for _, a := range c.Attrs {
						if a.Name.Local == name {
							v, _ = strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
						}
					}
					ll[j] = v
				}
				if err := checkPosition(ll[0], ll[1]); err != nil {
					return nil, pointError(where, i, "rpt", err.Error())
				}
				if shape == nil {
					shape = make([][]orb.Point, len(pts))
				}
				shape[i] = append(shape[i], orb.Point{ll[1], ll[0]})
			}
		}
	}
	return shape, nil
}

func garminName(local string) xml.Name { return xml.Name{Space: NamespaceGarmin, Local: local} }

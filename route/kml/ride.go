package kml

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/route"
	gokml "github.com/twpayne/go-kml/v3"
)

// ridesFolder builds the folder of the recorded rides, each followed by its
// check's wrong turns and missed waypoints.
func (e *encoder) ridesFolder(rides []Ride) gokml.Element {
	f := gokml.Folder(gokml.Name("Rides"), gokml.Open(true))
	for i := range rides {
		r := &rides[i]
		name := r.Name
		if name == "" {
			name = fmt.Sprintf("Ride %d", i+1)
		}
		var geoms []gokml.Element
		timed := true
		points := 0
		length := 0.0
		for j := range r.Segments {
			g, hasTime, n := e.segment(&r.Segments[j])
			if g == nil {
				continue
			}
			geoms = append(geoms, g)
			timed = timed && hasTime
			points += n
			length += r.Segments[j].Length()
		}
		desc := fmt.Sprintf("Recorded ride: %d points, %s km", points, km(length))
		pm := gokml.Placemark(gokml.Name(name), descElement(desc), gokml.StyleURL("#"+rideStyleID(i)))
		switch {
		case len(geoms) == 1:
			pm.Append(geoms[0])
		case len(geoms) > 1 && timed:
			pm.Append(gokml.GxMultiTrack(geoms...))
		case len(geoms) > 1:
			pm.Append(gokml.MultiGeometry(geoms...))
		}
		if len(geoms) > 0 {
			f.Append(pm)
		}
		if r.Check != nil {
			f.Append(e.checkFolder(name, r.Check))
		}
	}
	return f
}

// segment builds one recorded segment's geometry: a gx:Track of the points
// with a time, else a LineString. It returns nil for fewer than two usable
// points, and the number of points written.
func (e *encoder) segment(s *route.Segment) (g gokml.Element, timed bool, kept int) {
	var pts orb.LineString
	var alt []float64
	var when []int // index in s of each point of pts
	if s.Time != nil {
		for i, t := range s.Time {
			if !t.IsZero() {
				when = append(when, i)
			}
		}
	}
	timed = len(when) >= 2
	if timed {
		pts = make(orb.LineString, len(when))
		for j, i := range when {
			pts[j] = s.Points[i]
		}
	} else {
		pts = s.Points
	}
	if len(pts) < 2 {
		return nil, false, 0
	}
	if s.Ele != nil {
		alt = make([]float64, len(pts))
		for j := range pts {
			i := j
			if timed {
				i = when[j]
			}
			alt[j] = s.Ele[i]
			if math.IsNaN(alt[j]) {
				alt = nil
				break
			}
		}
	}
	idx := geo.Simplify(pts, e.opts.tolerance())
	e.stats.RidePoints += len(pts)
	e.stats.RideKept += len(idx)
	if !timed {
		// A recorded ride is drawn on the ground: GPS altitudes are
		// too rough to float it over the terrain (they are kept in the
		// coordinates).
		return gokml.LineString(gokml.Tessellate(true), gokml.AltitudeMode(gokml.AltitudeModeClampToGround), coords(pts, alt, idx)), false, len(idx)
	}
	times := make([]time.Time, len(when))
	for j, i := range when {
		times[j] = s.Time[i]
	}
	return &trackElement{pts: pts, alt: alt, when: times, idx: idx}, true, len(idx)
}

// checkSummary is the check folder's description.
func checkSummary(c *Check) string {
	s := route.Plural(len(c.Excursions), "wrong turn", "wrong turns") + ", " + route.Plural(len(c.Missed), "missed waypoint", "missed waypoints")
	if n := len(c.WrongWay); n > 0 {
		s += ", " + route.Plural(n, "stretch", "stretches") + " driven the wrong way"
	}
	return s
}

// where returns a route distance as the roadbook reads it ("special km
// 163.10") with the route km after it ("route km 413.10"), or the route km
// alone without a stage.
func where(st *route.Stage, along float64) string {
	if st == nil {
		return "km " + route.Km(along)
	}
	return st.Odometer(along).String() + " (route km " + route.Km(along) + ")"
}

// whereShort is where without the route km, for names.
func whereShort(st *route.Stage, along float64) string {
	if st == nil {
		return "km " + route.Km(along)
	}
	return st.Odometer(along).String()
}

// checkFolder draws a ride check: excursions as red lines, stretches driven
// the wrong way as magenta ones, missed waypoints marked with their
// validation radius in the balloon.
func (e *encoder) checkFolder(ride string, c *Check) gokml.Element {
	f := gokml.Folder(gokml.Name("Wrong turns · "+ride), gokml.Open(true),
		descElement(checkSummary(c)))
	for i, x := range c.Excursions {
		if len(x.Line) < 2 {
			continue
		}
		at := ""
		if x.At != "" {
			at = fmt.Sprintf("<tr><td>at the box</td><td>%s</td></tr>", html.EscapeString(lexicon.Plain(x.At)))
		}
		desc := fmt.Sprintf("<table><tr><td>left the route</td><td>%s</td></tr>%s<tr><td>rejoined</td><td>%s</td></tr>"+
			"<tr><td>farthest</td><td>%s m</td></tr><tr><td>driven off route</td><td>%s km</td></tr>",
			where(c.Stage, x.Left), at, where(c.Stage, x.Rejoined), strconv.FormatFloat(math.Round(x.MaxOffset), 'f', 0, 64), km(x.Driven))
		if x.Duration > 0 {
			desc += fmt.Sprintf("<tr><td>time off route</td><td>%s</td></tr>", route.HumanDuration(x.Duration))
		}
		desc += "</table>"
		idx := geo.Simplify(x.Line, e.opts.tolerance())
		f.Append(gokml.Placemark(
			gokml.Name(fmt.Sprintf("Wrong turn %d · %s, %s m off", i+1, whereShort(c.Stage, x.Left), strconv.FormatFloat(math.Round(x.MaxOffset), 'f', 0, 64))),
			descElement(desc),
			gokml.StyleURL("#"+excursionStyle.id),
			gokml.LineString(gokml.Tessellate(true), gokml.AltitudeMode(gokml.AltitudeModeClampToGround), coords(x.Line, nil, idx)),
		))
	}
	for i, x := range c.WrongWay {
		if len(x.Line) < 2 {
			continue
		}
		desc := fmt.Sprintf("<table><tr><td>turned against the route</td><td>%s</td></tr><tr><td>back to</td><td>%s</td></tr>"+
			"<tr><td>driven the wrong way</td><td>%s km</td></tr>", where(c.Stage, x.From), where(c.Stage, x.To), km(x.From-x.To))
		if x.Duration > 0 {
			desc += fmt.Sprintf("<tr><td>time</td><td>%s</td></tr>", route.HumanDuration(x.Duration))
		}
		desc += "</table>"
		idx := geo.Simplify(x.Line, e.opts.tolerance())
		f.Append(gokml.Placemark(
			gokml.Name(fmt.Sprintf("Wrong way %d · %s to %s", i+1, whereShort(c.Stage, x.From), whereShort(c.Stage, x.To))),
			descElement(desc),
			gokml.StyleURL("#"+wrongWayStyle.id),
			gokml.LineString(gokml.Tessellate(true), gokml.AltitudeMode(gokml.AltitudeModeClampToGround), coords(x.Line, nil, idx)),
		))
	}
	for _, m := range c.Missed {
		desc := fmt.Sprintf("<table><tr><td>waypoint</td><td>%s</td></tr><tr><td>at</td><td>%s</td></tr>",
			html.EscapeString(m.Label), where(c.Stage, m.Along))
		if m.Kind != 0 {
			r := e.opts.Rules.RadiiFor(m.Kind, route.Radii{})
			desc += fmt.Sprintf("<tr><td>validation radius</td><td>%s m</td></tr>", strconv.FormatFloat(r.Clear, 'f', -1, 64))
		}
		if m.Closest >= 0 {
			desc += fmt.Sprintf("<tr><td>closest pass</td><td>%s m</td></tr>", strconv.FormatFloat(math.Round(m.Closest), 'f', 0, 64))
		}
		desc += "</table>"
		f.Append(gokml.Placemark(
			gokml.Name("Missed "+m.Label),
			descElement(desc),
			gokml.StyleURL("#wp-"+missedIcon.name),
			point(m.Point),
		))
	}
	return f
}

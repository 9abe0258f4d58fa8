package kml

import (
	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// CheckFromReport returns what the document draws of a ride check:
// rep is route.Check's report on the recorded file ride against stage st.
// Each excursion's and wrong-way stretch's line is the ride's fixes
// First..Last (counted across every segment of every track, in file order,
// as the report counts them); each waypoint not validated is marked at its
// position. It returns nil when rep
// is nil.
func CheckFromReport(st *route.Stage, ride *route.File, rep *route.Report) *Check {
	if rep == nil {
		return nil
	}
	var fixes orb.LineString
	if ride != nil {
		for _, t := range ride.Tracks {
			for _, s := range t.Segments {
				fixes = append(fixes, s.Points...)
			}
		}
	}
	c := &Check{Stage: st}
	for _, x := range rep.Excursions {
		e := Excursion{
			Left:      x.FromKm * 1000,
			Rejoined:  x.ToKm * 1000,
			MaxOffset: x.MaxOffset,
			Driven:    x.Driven,
			Duration:  x.Duration,
		}
		if w := rep.Waypoint(x.Waypoint); w != nil {
			if e.At = w.Label(); e.At == "" {
				e.At = w.NoteText()
			}
		}
		if x.First >= 0 && x.Last < len(fixes) && x.First <= x.Last {
			e.Line = append(orb.LineString{}, fixes[x.First:x.Last+1]...)
		}
		c.Excursions = append(c.Excursions, e)
	}
	for _, x := range rep.WrongWay {
		w := WrongWay{From: x.FromKm * 1000, To: x.ToKm * 1000, Duration: x.Duration}
		if x.First >= 0 && x.Last < len(fixes) && x.First <= x.Last {
			w.Line = append(orb.LineString{}, fixes[x.First:x.Last+1]...)
		}
		c.WrongWay = append(c.WrongWay, w)
	}
	for _, w := range rep.Waypoints {
		if w.Validated {
			continue
		}
		m := Missed{Label: w.Name, Along: w.Km * 1000, Closest: -1}
		if len(w.Kinds) > 0 {
			m.Kind = w.Kinds[0]
		}
		if w.HasDistance {
			m.Closest = w.Distance
		}
		if st == nil || w.Waypoint < 0 || w.Waypoint >= len(st.Waypoints) {
			continue
		}
		p := &st.Waypoints[w.Waypoint]
		switch {
		case p.HasPoint:
			m.Point = p.Point
		case st.Path != nil && len(st.Path.Line) > 0:
			m.Point = st.Path.PointAt(p.Along)
		default:
			continue
		}
		c.Missed = append(c.Missed, m)
	}
	return c
}

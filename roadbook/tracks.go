package roadbook

import (
	"strings"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// Tracks are the other tracks around a route (roads, pistes, tracks: a
// recce log, a map export), indexed once so that each box's tulip can draw
// those that pass near it. Build them with NewTracks and give them to Build
// in Options.Tracks.
type Tracks struct {
	path *geo.Path
	ix   *geo.Index
	// brk[i] is true when segment i joins two lines (not a track); surf[i]
	// is what segment i's line is made of.
	brk  []bool
	surf []tulip.Surface
}

// TrackLine is another track around the route: its points and what it is.
type TrackLine struct {
	Points orb.LineString
	// Type is the track's type as a file gives it (a GPX <type>, a KML
	// type, an OpenStreetMap highway or surface tag): see TrackStyle.
	Type string
}

// TrackLines returns the lines of a file of other tracks: every track
// segment with its track's type, then every route with its type.
func TrackLines(f *route.File) []TrackLine {
	var out []TrackLine
	for _, t := range f.Tracks {
		for _, s := range t.Segments {
			out = append(out, TrackLine{Points: s.Points, Type: t.Type})
		}
	}
	for i := range f.Routes {
		out = append(out, TrackLine{Points: f.Routes[i].Road().Points, Type: f.Routes[i].Type})
	}
	return out
}

// NewTracks indexes lines (each with at least two points; shorter ones
// are left out). It returns nil when none is left.
func NewTracks(lines []TrackLine) *Tracks {
	var all orb.LineString
	var brk []bool
	var surf []tulip.Surface
	for _, l := range lines {
		if len(l.Points) < 2 {
			continue
		}
		if len(all) > 0 {
			brk = append(brk, true) // from the last line's end to this one's start
			surf = append(surf, tulip.UnknownSurface)
		}
		all = append(all, l.Points...)
		sf := TrackSurface(l.Type)
		for range len(l.Points) - 1 {
			brk = append(brk, false)
			surf = append(surf, sf)
		}
	}
	if len(all) < 2 {
		return nil
	}
	p := geo.NewPath(all)
	return &Tracks{path: p, ix: geo.NewIndex(p), brk: brk, surf: surf}
}

// TrackSurface returns what a track of type typ is made of (case, spaces
// and an OpenStreetMap "_link" suffix ignored): tulip.Tarmac ("tarmac",
// "asphalt", "paved", "concrete", "road", and OpenStreetMap's motorway,
// trunk, primary, secondary, tertiary, residential), tulip.Piste ("piste",
// "gravel", "unpaved", "dirt", "sand", "compacted", and OpenStreetMap's
// track and unclassified), tulip.SmallTrack ("small track", "path",
// "trail", and OpenStreetMap's footway, bridleway, cycleway),
// tulip.OffPiste ("off-piste", "hors-piste", "off-road", "offroad",
// "none"), else tulip.UnknownSurface.
func TrackSurface(typ string) tulip.Surface {
	t := strings.ToLower(strings.TrimSpace(typ))
	t = strings.TrimSuffix(t, "_link")
	switch t {
	case "tarmac", "asphalt", "paved", "concrete", "road", "motorway", "trunk", "primary", "secondary", "tertiary", "residential":
		return tulip.Tarmac
	case "piste", "gravel", "unpaved", "dirt", "sand", "compacted", "track", "unclassified":
		return tulip.Piste
	case "small track", "small-track", "path", "trail", "footway", "bridleway", "cycleway":
		return tulip.SmallTrack
	case "off-piste", "offpiste", "hors-piste", "off-road", "offroad", "none":
		return tulip.OffPiste
	}
	return tulip.UnknownSurface
}

// TrackStyle returns how a tulip draws another track of type typ: its
// surface's style (TrackSurface), tulip.Thin for an unknown type.
func TrackStyle(typ string) tulip.Style { return TrackSurface(typ).Style(tulip.Thin) }

// nearLine is a part of a track near a box.
type nearLine struct {
	points  orb.LineString
	surface tulip.Surface
}

// near returns the parts of the tracks within r metres of c: for each run
// of consecutive track segments that passes within r, its points (the
// caller clips them to the circle) and style.
func (t *Tracks) near(c orb.Point, r float64) []nearLine {
	if t == nil {
		return nil
	}
	var out []nearLine
	var cur nearLine
	last := -2
	for _, pr := range t.ix.Within(c, r) {
		s := pr.Segment
		if s < 0 || s >= len(t.brk) || t.brk[s] {
			continue
		}
		if s != last+1 && len(cur.points) > 0 {
			out = append(out, cur)
			cur = nearLine{}
		}
		if len(cur.points) == 0 {
			cur = nearLine{points: orb.LineString{t.path.Line[s]}, surface: t.surf[s]}
		}
		cur.points = append(cur.points, t.path.Line[s+1])
		last = s
	}
	if len(cur.points) > 0 {
		out = append(out, cur)
	}
	return out
}

// surfaceAlong returns the surface of the track that runs along the route
// from a to b (two points of the route a few tens of metres apart): a
// track passing within 8 m of both, or UnknownSurface.
func (t *Tracks) surfaceAlong(a, b orb.Point) tulip.Surface {
	if t == nil {
		return tulip.UnknownSurface
	}
	near := func(p orb.Point) map[tulip.Surface]bool {
		out := map[tulip.Surface]bool{}
		for _, pr := range t.ix.Within(p, 8) {
			if s := pr.Segment; s >= 0 && s < len(t.brk) && !t.brk[s] {
				out[t.surf[s]] = true
			}
		}
		return out
	}
	na, nb := near(a), near(b)
	for _, sf := range []tulip.Surface{tulip.Tarmac, tulip.Piste, tulip.SmallTrack, tulip.OffPiste} {
		if na[sf] && nb[sf] {
			return sf
		}
	}
	return tulip.UnknownSurface
}

package gen

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// TracksFile holds the other tracks at the junctions of every stage, for
// the tulips (roadbook print --tracks).
const TracksFile = "tracks.gpx"

// branchLength is how far each other track is drawn from its junction, in
// metres: more than a tulip shows (50 m).
const branchLength = 200

// otherTracks returns, for every junction and fork turn of the stage, the
// tracks the route does not take there: the track going on straight (the
// one a crew that misses the turn follows), and at some junctions the
// track the route turns onto going the other way too (a crossroads rather
// than a fork). Each is a short straight line from the turn's apex, where
// the roadbook's box and its tulip's centre are: going on in the
// direction of the approach, or back along the exit's. (Started where
// the route begins to turn, the straight-on track of a wide turn passed
// up to 20 m beside the junction, and the tulips drew it as a road
// parallel to the route.) Those of the liaisons are roads (tarmac), those
// of the specials pistes.
func (b *builtStage) otherTracks() (roads, pistes []route.Segment) {
	r := newRng(uint64(b.plan.num)*7919 + 17)
	for _, tn := range b.turns {
		j := tn.apex
		if j <= 0 || j >= len(b.pts)-1 {
			continue
		}
		before := b.at(b.odo[tn.start] - 60)
		after := b.at(b.odo[j] + 60)
		if before >= tn.start || after <= j {
			continue
		}
		in := b.pts[tn.start].sub(b.pts[before])
		exit := b.pts[after].sub(b.pts[j])
		if in.len() < 1 || exit.len() < 1 {
			continue
		}
		seg := func(from, dir vec) route.Segment {
			return route.Segment{Points: orb.LineString{b.frame.ll(from), b.frame.ll(from.add(dir.unit().mul(branchLength)))}}
		}
		out := &roads
		if tn.special {
			out = &pistes
		}
		// Straight on from the junction, in line with the approach.
		*out = append(*out, seg(b.pts[j], in))
		if tn.kind == junction && r.float() < 0.5 {
			*out = append(*out, seg(b.pts[j], exit.mul(-1))) // the crossing track's other side
		}
	}
	return roads, pistes
}

// tracksFile returns the file of every stage's other tracks: two tracks a
// stage (type tarmac for the liaisons' roads, piste for the specials'), a
// segment a branch.
func tracksFile(stages []*builtStage) *route.File {
	f := &route.File{Version: "1.1", Creator: "roadbook examples/dakar2026 generator", Metadata: route.Metadata{
		Name: "Dakar 2026 – other tracks at the junctions",
		Desc: "Illustrative: the tracks the route does not take at each junction turn, for the tulips (roadbook print --tracks).",
	}}
	for _, b := range stages {
		roads, pistes := b.otherTracks()
		f.Tracks = append(f.Tracks,
			route.Track{Name: fmt.Sprintf("%s: other roads", b.plan.name()), Type: "tarmac", Segments: roads},
			route.Track{Name: fmt.Sprintf("%s: other pistes", b.plan.name()), Type: "piste", Segments: pistes})
	}
	return f
}

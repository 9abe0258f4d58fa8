package main

import (
	"time"

	"github.com/roadbook/roadbook/route"
)

// Choosing the stage a recorded ride was driven on, for check and kml
// --ride given a rally folder.

// rideSamples is how many fixes, spread over the ride, vote for the stage
// the ride followed when its date does not tell.
const rideSamples = 200

// rideStage returns the stage of in a ride was driven on, and how it was
// found:
//   - "the file's stage": the only stage of a file;
//   - "by date": of a rally, the stage dated the day (UTC) of the ride's
//     first fix;
//   - "by position": else the stage whose route most of the ride follows:
//     more than half of up to 200 fixes spread over the ride within 50 m
//     of it (rides without times, or dated in another time zone).
//
// It returns nil when none is found.
func rideStage(in *input, ride *route.File) (*route.Stage, string) {
	if len(in.stages) == 1 {
		return in.stages[0].Stage, "the file's stage"
	}
	if first, _, ok := ride.TimeSpan(); ok && in.rally != nil {
		day := first.UTC().Format(time.DateOnly)
		for _, s := range in.stages {
			if s.Entry != nil && s.Entry.Date == day {
				return s.Stage, "by date"
			}
		}
	}
	var fixes []route.Segment
	n := 0
	for _, t := range ride.Tracks {
		for _, s := range t.Segments {
			fixes = append(fixes, s)
			n += len(s.Points)
		}
	}
	if n == 0 {
		return nil, ""
	}
	step := max(1, n/rideSamples)
	var best *route.Stage
	bestN, samples := 0, 0
	for _, s := range in.stages {
		st := s.Stage
		if st.Path == nil || len(st.Path.Line) < 2 {
			continue
		}
		ix := st.Index()
		on, k := 0, 0
		samples = 0
		for _, s := range fixes {
			for _, p := range s.Points {
				if k%step == 0 {
					samples++
					if len(ix.Within(p, 50)) > 0 {
						on++
					}
				}
				k++
			}
		}
		if on > bestN {
			best, bestN = st, on
		}
	}
	if best == nil || 2*bestN <= samples {
		return nil, ""
	}
	return best, "by position"
}

package route

import "time"

// StageMatch says how RideStage found the stage a ride was driven on.
type StageMatch uint8

// The ways RideStage finds a ride's stage.
const (
	NoMatch    StageMatch = iota // none found
	OnlyStage                    // the only stage given
	ByDate                       // the stage dated the day of the ride's first fix
	ByPosition                   // the stage whose route most of the ride follows
)

var stageMatchNames = [...]string{"no stage", "the file's stage", "by date", "by position"}

// String returns how the stage was found, as the command says it: "the
// file's stage", "by date", "by position", or "no stage".
func (m StageMatch) String() string {
	if int(m) < len(stageMatchNames) {
		return stageMatchNames[m]
	}
	return "StageMatch(?)"
}

// rideSamples is how many fixes, spread over a ride, vote for the stage
// the ride followed when its date does not tell.
const rideSamples = 200

// RideStage returns the index in stages of the stage ride was driven on,
// and how it was found:
//   - OnlyStage: the only stage given (a stage file);
//   - ByDate: the stage whose manifest entry (LoadedStage.Entry) is dated
//     the day, in UTC, of the ride's first timed fix;
//   - ByPosition: else the stage whose route most of the ride follows: more
//     than half of up to 200 fixes spread over the ride within 50 m of it
//     (a ride without times, or dated in another time zone). Stages
//     without a route of two points or more are not considered.
//
// It returns -1 and NoMatch when none is found. It reads every stage's
// spatial index (Stage.Index): build them before calling it from several
// goroutines.
func RideStage(ride *File, stages []LoadedStage) (int, StageMatch) {
	if len(stages) == 1 {
		return 0, OnlyStage
	}
	if ride == nil {
		return -1, NoMatch
	}
	if first, _, ok := ride.TimeSpan(); ok {
		day := first.UTC().Format(time.DateOnly)
		for i, s := range stages {
			if s.Entry != nil && s.Entry.Date == day {
				return i, ByDate
			}
		}
	}
	n := ride.Counts().TrackPts
	if n == 0 {
		return -1, NoMatch
	}
	step := max(1, n/rideSamples)
	best, bestN, samples := -1, 0, 0
	for i, s := range stages {
		st := s.Stage
		if st == nil || st.Path == nil || len(st.Path.Line) < 2 {
			continue
		}
		ix := st.Index()
		on, k := 0, 0
		samples = 0
		for _, t := range ride.Tracks {
			for _, sg := range t.Segments {
				for _, p := range sg.Points {
					if k%step == 0 {
						samples++
						if len(ix.Within(p, 50)) > 0 {
							on++
						}
					}
					k++
				}
			}
		}
		if on > bestN {
			best, bestN = i, on
		}
	}
	if best < 0 || 2*bestN <= samples {
		return -1, NoMatch
	}
	return best, ByPosition
}

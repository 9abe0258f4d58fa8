package route

import (
	"fmt"
	"sort"
	"time"
)

// Standing is a ride's place among the rides of one stage (Rank).
type Standing struct {
	// Ride is the index of the ride's report in the reports given to Rank.
	Ride int
	// Rank is the ride's place from 1 (rides with the same total share
	// it); 0 when the ride is not ranked, and Reason says why.
	Rank int
	// Total is the special time plus the penalties; Behind is how much
	// more it is than the first ride's (0 for the first, and for the rides
	// not ranked).
	Total, Behind time.Duration
	// Reason says why a ride is not ranked: "retired at km 6.0",
	// "not finishing: 2 of 3 WPs", "never on the route", a fault of its
	// recording, "no special time" (the stage has no special, or a sector
	// was not timed); "" for a ranked ride.
	Reason string
}

// Rank ranks the rides of one stage, reps, by their total: the special
// time (DSS to ASS, neutralisations deducted) plus the penalties, the least
// first. A ride is ranked only when it has a complete special time, did not
// retire, validated enough WPs to finish, came on the route and was
// recorded without a fault (Report.Faults); the others follow, in the order
// given, each with its reason. Rides with equal totals share a rank and
// keep the order given.
func Rank(reps []*Report) []Standing {
	out := make([]Standing, len(reps))
	for i, r := range reps {
		s := Standing{Ride: i, Total: r.Special + r.Penalty}
		switch {
		case r.Away != nil:
			s.Reason = "never on the route"
		case len(r.Faults) > 0:
			s.Reason = r.Faults[0].Kind.reason()
		case r.Retired != nil:
			s.Reason = fmt.Sprintf("retired at km %.1f", r.Retired.Km)
		case r.NotFinishing:
			s.Reason = fmt.Sprintf("not finishing: %d of %d WPs", r.WPsValidated, r.WPs)
		case !r.HasSpecial:
			s.Reason = "no special time"
		}
		if s.Reason != "" {
			s.Total = 0
		}
		out[i] = s
	}
	sort.SliceStable(out, func(a, b int) bool {
		ra, rb := out[a].Reason == "", out[b].Reason == ""
		if ra != rb {
			return ra
		}
		return ra && out[a].Total < out[b].Total
	})
	for k := range out {
		s := &out[k]
		if s.Reason != "" {
			break
		}
		s.Rank = k + 1
		if k > 0 {
			s.Behind = s.Total - out[0].Total
			if s.Total == out[k-1].Total {
				s.Rank = out[k-1].Rank
			}
		}
	}
	return out
}

// reason says why a ride recorded with this fault is not ranked.
func (k FaultKind) reason() string {
	switch k {
	case FaultTimesEqual:
		return "its times are all equal"
	case FaultTimesBackwards:
		return "its times go back"
	case FaultJumping:
		return "its recording jumps"
	}
	return "a fault of its recording"
}

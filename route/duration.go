package route

import (
	"fmt"
	"time"
)

// HumanDuration formats a duration as a roadbook or a report prints it, in
// whole units a person reads at a glance: "4 h 40 min", "15 min", "2 h",
// "45 s", "1 min 30 s" (seconds only under ten minutes), "0 s". It rounds
// to the second (to the minute from ten minutes); a negative duration gets
// a minus sign.
func HumanDuration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	if d < 10*time.Minute {
		d = d.Round(time.Second)
	} else {
		d = d.Round(time.Minute)
	}
	h := int64(d / time.Hour)
	m := int64(d % time.Hour / time.Minute)
	s := int64(d % time.Minute / time.Second)
	var out string
	switch {
	case h > 0 && m > 0:
		out = fmt.Sprintf("%d h %d min", h, m)
	case h > 0:
		out = fmt.Sprintf("%d h", h)
	case m > 0 && s > 0:
		out = fmt.Sprintf("%d min %d s", m, s)
	case m > 0:
		out = fmt.Sprintf("%d min", m)
	default:
		out = fmt.Sprintf("%d s", s)
	}
	return sign + out
}

// Plural returns n and the noun in the singular or the plural as n asks:
// Plural(1, "wrong turn", "wrong turns") is "1 wrong turn", Plural(0, …)
// "0 wrong turns".
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

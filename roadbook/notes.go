package roadbook

import (
	"fmt"
	"math"
	"strings"

	"github.com/roadbook/roadbook/route"
)

// TurnNote returns the lexicon abbreviation of a signed turn angle in
// degrees (positive right): "" under 45°, "KL"/"KR" (keep left/right) under
// 60°, "TL 90°"/"TR 90°" (turn, with the angle rounded to 5°) under 150°,
// and "HL 170°"/"HR 170°" (hairpin) from 150°.
func TurnNote(angle float64) string {
	a := math.Abs(angle)
	if math.IsNaN(a) || a < 45 {
		return ""
	}
	side := "R"
	if angle < 0 {
		side = "L"
	}
	deg := int(math.Round(a/5) * 5)
	switch {
	case a < 60:
		return "K" + side
	case a < 150:
		return fmt.Sprintf("T%s %d°", side, deg)
	default:
		return fmt.Sprintf("H%s %d°", side, deg)
	}
}

// generatedNote writes the note of a box whose file has none: the turn,
// then what its controls ask ("DSS", "DZ 50 km/h", "FZ", "STOP", "ASS"),
// then "Start" or "Finish".
func generatedNote(w *route.Waypoint, from int, turn float64, finish bool) string {
	var parts []string
	if from == fromStart {
		parts = append(parts, "Start")
	}
	if t := TurnNote(turn); t != "" {
		parts = append(parts, t)
	}
	if w != nil {
		for _, c := range w.Controls {
			switch c.Kind {
			case route.DSS, route.ASS, route.FZ, route.DN, route.FN, route.FT, route.CP, route.CH:
				parts = append(parts, c.Kind.String())
			case route.DZ, route.DT:
				if w.Speed > 0 {
					parts = append(parts, fmt.Sprintf("%s %s km/h", c.Kind, trimFloat(w.Speed)))
				} else {
					parts = append(parts, c.Kind.String())
				}
			case route.Fuel:
				parts = append(parts, "Fuel")
			case route.Stop:
				parts = append(parts, "STOP")
			}
		}
		if w.Stop > 0 && !w.Has(route.Stop) {
			parts = append(parts, "STOP")
		}
	}
	if from == fromFinish || finish {
		parts = append(parts, "Finish")
	}
	return strings.Join(parts, " ")
}

// trimFloat formats v with up to one decimal: 50, 37.5.
func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

package route

import (
	"strconv"
	"strings"
)

// The plain-GPX naming conventions that older devices read: a waypoint's
// <type>, <sym> or <name> that is exactly a control code, optionally with a
// number and a validation radius ("DSS", "WPM 12", "WPM12:90") or a speed
// limit ("DZ 50 km/h"). They belong to the rally model rather than to one
// file format: GPX readers and KML readers (placemark names) both apply
// them.

// conventionCodes are the codes the conventions know, in the order they are
// tried (no code is a prefix of a later one that would match first).
var conventionCodes = [...]Kind{
	DSS, ASS, WPV, WPM, WPE, WPS, WPC, WPN, WPP,
	DZ, FZ, DN, FN, DT, FT, CP, CH,
}

// Convention is what a conventional name says.
type Convention struct {
	// Control is the role, with its Name ("WPM 12") when the value gives a
	// number and its Radii.Clear (metres) when it gives a radius.
	Control Control
	// Speed is the speed limit in km/h a "DZ 50 km/h" gives, 0 when none.
	Speed float64
}

// ParseConvention parses a waypoint's <type>, <sym> or <name> written by the
// plain-GPX conventions, ignoring case and surrounding space:
//
//	CODE             "DSS", "wpm"
//	CODE N           "WPM 12", "WPM12" (N: 1 to 4 digits; Name "WPM 12")
//	CODE N:R, CODE:R "WPM12:90" (R: the validation radius in metres, up to 100 km)
//	DZ S km/h        "DZ 50 km/h", "DZ50kmh", "dt 30 kph" (DZ and DT only: the limit)
//
// where CODE is one of DSS ASS WPV WPM WPE WPS WPC WPN WPP DZ FZ DN FN DT FT
// CP CH. "DZ 50" is speed zone number 50: a limit needs its unit. words
// also allows the whole words "fuel", "refuel" and "stop" (Fuel, Stop),
// which the conventions accept from <type> and <sym> only, never from a
// name. Anything else ("Cape Town", "Stop and go", "S01 WPM001", "WPM 12
// north") is not a convention: ok is false.
func ParseConvention(v string, words bool) (c Convention, ok bool) {
	v = strings.TrimSpace(v)
	if words {
		switch {
		case strings.EqualFold(v, "fuel"), strings.EqualFold(v, "refuel"):
			return Convention{Control: Control{Kind: Fuel}}, true
		case strings.EqualFold(v, "stop"):
			return Convention{Control: Control{Kind: Stop}}, true
		}
	}
	for _, k := range conventionCodes {
		code := k.String()
		if !hasPrefixFold(v, code) {
			continue
		}
		out := Convention{Control: Control{Kind: k}}
		rest := v[len(code):]
		if rest == "" {
			return out, true
		}
		r := strings.TrimPrefix(rest, " ")
		num := leadingDigits(r, 4)
		r = r[len(num):]
		if num != "" && (k == DZ || k == DT) {
			// "DZ 50 km/h", "DZ50kmh": a speed limit, not a number.
			u := strings.TrimPrefix(r, " ")
			if strings.EqualFold(u, "km/h") || strings.EqualFold(u, "kmh") || strings.EqualFold(u, "kph") {
				n, _ := strconv.Atoi(num)
				if n == 0 {
					return Convention{}, false
				}
				out.Speed = float64(n)
				return out, true
			}
		}
		if num != "" {
			out.Control.Name = code + " " + num
		} else if len(r) != len(rest) { // a lone space
			return Convention{}, false
		}
		if r == "" {
			return out, true
		}
		if r[0] != ':' {
			return Convention{}, false
		}
		rad := r[1:]
		if rad == "" || rad[0] < '0' || rad[0] > '9' {
			return Convention{}, false
		}
		f, err := strconv.ParseFloat(rad, 64)
		if err != nil || !(f > 0 && f <= 100000) {
			return Convention{}, false
		}
		out.Control.Radii.Clear = f
		return out, true
	}
	return Convention{}, false
}

// leadingDigits returns the ASCII digits at the start of s, or "" when
// there are none or more than max.
func leadingDigits(s string, max int) string {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > max {
		return ""
	}
	return s[:n]
}

// ApplyConventions gives w, when it carries no control role, the role its
// Type, else its Sym, else its Name spells by the conventions of
// ParseConvention (the first of them that spells one), with the speed limit
// when w has none. units are the file's (File.Units): the conventions give
// radii in metres and limits in km/h, which a "statute" file's waypoint
// gets in yards and mph, its own units. A waypoint that already carries a
// role is left as it is.
func (w *Waypoint) ApplyConventions(units string) {
	if len(w.Controls) > 0 {
		return
	}
	for _, f := range [...]struct {
		v     string
		words bool
	}{{w.Type, true}, {w.Sym, true}, {w.Name, false}} {
		c, ok := ParseConvention(f.v, f.words)
		if !ok {
			continue
		}
		if units == "statute" {
			c.Control.Radii.Clear /= YardM
			c.Speed /= MileKm
		}
		w.AddControl(c.Control)
		if c.Speed > 0 && w.Speed == 0 {
			w.Speed = c.Speed
		}
		return
	}
}

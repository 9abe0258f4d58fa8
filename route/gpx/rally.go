package gpx

import (
	"bytes"
	"strings"
	"time"

	"github.com/roadbook/roadbook/route"
)

// rallyRoles maps OpenRally element names, of every version, to the
// control role they give a waypoint.
var rallyRoles = map[string]route.Kind{
	"dss": route.DSS, "startspecialstage": route.DSS,
	"ass": route.ASS, "finishspecialstage": route.ASS,
	"dz": route.DZ,
	"fz": route.FZ, "endofzone": route.FZ,
	"wpv": route.WPV,
	"wpm": route.WPM, "waypointmasked": route.WPM,
	"wpe": route.WPE, "waypointeclipse": route.WPE,
	"wps": route.WPS, "waypointsafety": route.WPS,
	"wpc":        route.WPC,
	"wpn":        route.WPN,
	"wpp":        route.WPP,
	"checkpoint": route.CP, "passagecontrol": route.CP,
	"fn":   route.FN,
	"dt":   route.DT,
	"ft":   route.FT,
	"fuel": route.Fuel,
}

// safetyMarkers are the OpenRally safety elements, kept by name.
var safetyMarkers = map[string]string{
	"medical": "medical", "helicopter": "helicopter", "police": "police",
	"fire": "fire", "spectators": "spectators", "media": "media",
}

// addControl adds a role to w, merging it with a role of the same kind the
// waypoint already has (old files repeat markers).
func addControl(w *route.Waypoint, c route.Control) {
	for i := range w.Controls {
		if w.Controls[i].Kind == c.Kind {
			o := &w.Controls[i]
			if o.Name == "" {
				o.Name = c.Name
			}
			if o.Radii.Open == 0 {
				o.Radii.Open = c.Radii.Open
			}
			if o.Radii.Clear == 0 {
				o.Radii.Clear = c.Radii.Clear
			}
			return
		}
	}
	w.Controls = append(w.Controls, c)
}

// rally reads one OpenRally element of a <wpt> (its start tag just read)
// into w. Bad values go through d.bad.
func (d *decoder) rally(w *route.Waypoint, p *pending) error {
	s := d.s
	if d.f.OpenRally == "" {
		if b := s.space(s.prefix); b != nil {
			d.f.OpenRally = b.uri
		}
	}
	elem := s.name()
	line := s.lineAt(s.tokPos)
	local := string(s.local)
	bad := func(format string, args ...any) {
		p.fail(newError(line, elem, sprintf(format, args...)))
	}
	if k, ok := rallyRoles[local]; ok {
		c := route.Control{Kind: k}
		if v, ok := s.attr("name"); ok {
			nv, err := s.attrValue(v)
			if err != nil {
				return newError(line, elem, err.Error())
			}
			c.Name = cleanString(nv)
		}
		for _, a := range [...]struct {
			name string
			dst  *float64
		}{{"open", &c.Radii.Open}, {"clear", &c.Radii.Clear}} {
			if v, ok := s.attr(a.name); ok {
				f, ok := parseFloat(v)
				if !ok || f < 0 {
					bad("%s radius %q is not a distance", a.name, trimSpace(v))
					continue
				}
				*a.dst = f
			}
		}
		t, err := s.text()
		if err != nil {
			return err
		}
		if t = trimSpace(t); len(t) > 0 && (k == route.DZ || k == route.DT) {
			// <dz>40</dz>: the limit as the element's content.
			if f, ok := parseFloat(t); ok && f >= 0 {
				w.Speed = f
			} else {
				bad("speed limit %q is not a number", t)
			}
		}
		addControl(w, c)
		return nil
	}
	if m, ok := safetyMarkers[local]; ok {
		w.Safety = append(w.Safety, m)
		return s.skip()
	}
	switch local {
	case "distance":
		t, err := s.text()
		if err != nil {
			return err
		}
		if f, ok := parseFloat(t); ok && f >= 0 {
			w.Distance, w.HasDistance = f, true
		} else {
			bad("distance %q is not a non-negative number", trimSpace(t))
		}
	case "cap", "capheading":
		t, err := s.text()
		if err != nil {
			return err
		}
		if t = trimSpace(t); len(t) == 0 {
			return nil // a v0.x marker with no value
		}
		if f, ok := parseFloat(t); ok && f >= 0 && f <= 360 {
			w.Cap, w.HasCap = f, true
		} else {
			bad("cap %q is not a heading in [0, 360]", t)
		}
	case "danger":
		t, err := s.text()
		if err != nil {
			return err
		}
		if n, ok := parseInt(t); ok && n >= 0 && n <= 3 {
			w.Danger = n
		} else {
			bad("danger %q is not 1, 2 or 3", trimSpace(t))
		}
	case "onedanger":
		w.Danger = 1
		return s.skip()
	case "twodanger":
		w.Danger = 2
		return s.skip()
	case "threedanger":
		w.Danger = 3
		return s.skip()
	case "reset", "resettozero":
		w.Reset = true
		return s.skip()
	case "show_coordinates":
		w.ShowCoordinates = true
		return s.skip()
	case "tulip", "notes":
		raw, err := s.raw()
		if err != nil {
			return err
		}
		v, err := drawing(raw)
		if err != nil {
			return newError(line, elem, err.Error())
		}
		if local == "tulip" {
			w.Tulip = v
		} else {
			w.Notes = v
		}
	case "stop", "stopcontrol", "neutralization":
		t, err := s.text()
		if err != nil {
			return err
		}
		var sec int
		if t = trimSpace(t); len(t) > 0 {
			n, ok := parseInt(t)
			if !ok || n < 0 {
				bad("duration %q is not a number of seconds", t)
				return nil
			}
			sec = n
		}
		if local == "neutralization" {
			w.Neutralisation = time.Duration(sec) * time.Second
			addControl(w, route.Control{Kind: route.DN})
		} else {
			w.Stop = time.Duration(sec) * time.Second
			addControl(w, route.Control{Kind: route.Stop})
		}
	case "timecontrol":
		if v, ok := s.attr("allowed"); ok {
			n, ok := parseInt(v)
			if !ok || n < 0 {
				bad("allowed %q is not a number of minutes", trimSpace(v))
			} else {
				w.Allowed = time.Duration(n) * time.Minute
			}
		}
		addControl(w, route.Control{Kind: route.CH})
		return s.skip()
	case "speed":
		// v0.1 writes <speed kph="65"/>; later versions <speed>65</speed>.
		if v, ok := s.attr("kph"); ok {
			if f, ok := parseFloat(v); ok && f >= 0 {
				if d.f.Units == "statute" {
					f /= route.MileKm // km/h by name: in the file's units, mph
				}
				w.Speed = f
			} else {
				bad("speed limit %q is not a number", trimSpace(v))
			}
			return s.skip()
		}
		t, err := s.text()
		if err != nil {
			return err
		}
		if t = trimSpace(t); len(t) > 0 {
			if f, ok := parseFloat(t); ok && f >= 0 {
				w.Speed = f
			} else {
				bad("speed limit %q is not a number", t)
			}
		}
	default:
		return s.skip()
	}
	return nil
}

// drawing returns the content of a tulip or notes element: its text (CDATA
// sections unwrapped, entities replaced, comments dropped: a data URL, an
// SVG written as text), or the markup as written when it holds elements (an
// inline <svg>).
func drawing(raw []byte) (string, error) {
	var out []byte
	t := raw
	for len(t) > 0 {
		lt := bytes.IndexByte(t, '<')
		seg := t
		if lt >= 0 {
			seg = t[:lt]
		}
		for {
			amp := bytes.IndexByte(seg, '&')
			if amp < 0 {
				out = append(out, seg...)
				break
			}
			out = append(out, seg[:amp]...)
			var n int
			var err error
			if out, n, err = appendEntity(out, seg[amp:]); err != nil {
				return "", err
			}
			seg = seg[amp+n:]
		}
		if lt < 0 {
			break
		}
		t = t[lt:]
		var end int
		switch {
		case bytes.HasPrefix(t, []byte("<![CDATA[")):
			end = bytes.Index(t, []byte("]]>"))
			if end >= 0 {
				out = append(out, t[9:end]...)
				end += 3
			}
		case bytes.HasPrefix(t, []byte("<!--")):
			if end = bytes.Index(t, []byte("-->")); end >= 0 {
				end += 3
			}
		case bytes.HasPrefix(t, []byte("<?")):
			if end = bytes.Index(t, []byte("?>")); end >= 0 {
				end += 2
			}
		default:
			end = -1 // an element: keep the markup
		}
		if end < 0 {
			return cleanString(trimSpace(raw)), nil
		}
		t = t[end:]
	}
	return cleanString(trimSpace(out)), nil
}

// The plain-GPX conventions: a <type>, <sym> or <name> that is exactly a
// control code, optionally followed by a number and a radius.
var conventionCodes = [...]struct {
	code string
	kind route.Kind
}{
	{"DSS", route.DSS}, {"ASS", route.ASS},
	{"WPV", route.WPV}, {"WPM", route.WPM}, {"WPE", route.WPE}, {"WPS", route.WPS},
	{"WPC", route.WPC}, {"WPN", route.WPN}, {"WPP", route.WPP},
	{"DZ", route.DZ}, {"FZ", route.FZ}, {"DN", route.DN}, {"FN", route.FN},
	{"DT", route.DT}, {"FT", route.FT}, {"CP", route.CP}, {"CH", route.CH},
}

// convention is what a conventional name says.
type convention struct {
	c     route.Control
	speed float64 // km/h, 0 when not given
}

// parseConvention parses a waypoint <type>, <sym> or <name> written by the
// plain-GPX conventions (see the package documentation). words allows the
// whole words "fuel", "refuel" and "stop", which are accepted from <type>
// and <sym> only.
func parseConvention(v string, words bool) (convention, bool) {
	v = strings.TrimSpace(v)
	if words {
		switch {
		case strings.EqualFold(v, "fuel"), strings.EqualFold(v, "refuel"):
			return convention{c: route.Control{Kind: route.Fuel}}, true
		case strings.EqualFold(v, "stop"):
			return convention{c: route.Control{Kind: route.Stop}}, true
		}
	}
	for _, cc := range conventionCodes {
		if len(v) < len(cc.code) || !strings.EqualFold(v[:len(cc.code)], cc.code) {
			continue
		}
		out := convention{c: route.Control{Kind: cc.kind}}
		rest := v[len(cc.code):]
		if rest == "" {
			return out, true
		}
		r := rest
		if r[0] == ' ' {
			r = r[1:]
		}
		num := leadingDigits(r, 4)
		r = r[len(num):]
		if num != "" && (cc.kind == route.DZ || cc.kind == route.DT) {
			// "DZ 50 km/h", "DZ50kmh": a speed limit, not a number.
			u := strings.TrimPrefix(r, " ")
			if strings.EqualFold(u, "km/h") || strings.EqualFold(u, "kmh") || strings.EqualFold(u, "kph") {
				n, _ := parseInt([]byte(num))
				if n == 0 {
					return convention{}, false
				}
				out.speed = float64(n)
				return out, true
			}
		}
		if num != "" {
			out.c.Name = cc.code + " " + num
		} else if len(r) != len(rest) { // a lone space
			return convention{}, false
		}
		if r == "" {
			return out, true
		}
		if r[0] != ':' {
			return convention{}, false
		}
		rad := r[1:]
		f, ok := parseFloat([]byte(rad))
		if !ok || rad == "" || rad[0] < '0' || rad[0] > '9' || f <= 0 || f > 100000 {
			return convention{}, false
		}
		out.c.Radii.Clear = f
		return out, true
	}
	return convention{}, false
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

// ApplyConventions gives a waypoint that carries no control role the role
// its Type, Sym or Name spells by the plain-GPX conventions of the package
// documentation ("DSS", "WPM 12", "WPM12:90", "DZ 50 km/h"), the first of
// them that spells one; radii and speeds are metric. Decode applies them
// to every <wpt> without an OpenRally role; other formats' readers (KML
// placemark names) use it too.
func ApplyConventions(w *route.Waypoint) {
	if len(w.Controls) == 0 {
		applyConventions(w, false)
	}
}

// applyConventions gives a waypoint without OpenRally roles the role its
// <type>, <sym> or <name> spells, the first of them that spells one.
func applyConventions(w *route.Waypoint, statute bool) {
	for _, f := range [...]struct {
		v     string
		words bool
	}{{w.Type, true}, {w.Sym, true}, {w.Name, false}} {
		if c, ok := parseConvention(f.v, f.words); ok {
			if statute {
				// The conventions say metres and km/h; the file's
				// values are in its own units.
				c.c.Radii.Clear /= route.YardM
				c.speed /= route.MileKm
			}
			addControl(w, c.c)
			if c.speed > 0 && w.Speed == 0 {
				w.Speed = c.speed
			}
			return
		}
	}
}

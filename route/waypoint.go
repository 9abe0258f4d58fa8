package route

import (
	"time"

	"github.com/paulmach/orb"
)

// Control is one control role carried by a waypoint.
type Control struct {
	Kind Kind
	// Name is the control's own name where the file gives one ("WPM 12").
	Name string
	// Radii as given by the file; zero fields were not given. Use
	// Rules.RadiiFor to fill them from the defaults.
	Radii Radii
}

// Waypoint is a rally waypoint: a GPX <wpt> with its control roles and the
// roadbook fields of the box it stands for.
type Waypoint struct {
	// Point is the position. HasPoint is false for OpenRally boxes written
	// with lat="0" lon="0" (distance-only roadbooks) and for other
	// waypoints without a usable position.
	Point    orb.Point
	HasPoint bool
	Ele      float64 // metres; valid when HasEle
	HasEle   bool
	Time     time.Time // UTC; zero when the file gives none

	Name, Desc, Cmt, Type, Sym string
	// Src is the source of the data (GPX <src>); Links its <link>s (GPX
	// 1.0: <url> and <urlname>).
	Src   string
	Links []Link

	// Controls are the roles the waypoint carries, in file order; empty
	// for a plain waypoint (a note, a junction box).
	Controls []Control

	// Speed is the speed limit in km/h (a DZ's, a DT's); 0 when none.
	Speed float64
	// Neutralisation is the duration of a DN; 0 when none.
	Neutralisation time.Duration
	// Allowed is a time control's time to the next CH; 0 when none.
	Allowed time.Duration
	// Stop is a compulsory stop's duration; 0 when none.
	Stop time.Duration

	// Roadbook fields (OpenRally).
	Distance        float64 // km since the last reset, as printed; valid when HasDistance
	HasDistance     bool
	Cap             float64 // degrees; valid when HasCap
	HasCap          bool
	Danger          int  // 0 (none) to 3
	Reset           bool // the odometer resets to 0 here
	Notes, Tulip    string
	ShowCoordinates bool
	// Safety lists the safety markers (medical, helicopter, police, fire,
	// spectators, media).
	Safety []string

	// Line is the line of the <wpt> start tag in its file, 0 when unknown.
	Line int
}

// Has reports whether the waypoint carries a control of kind k.
func (w *Waypoint) Has(k Kind) bool {
	for _, c := range w.Controls {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// Control returns the waypoint's control of kind k, if it carries one.
func (w *Waypoint) Control(k Kind) (Control, bool) {
	for _, c := range w.Controls {
		if c.Kind == k {
			return c, true
		}
	}
	return Control{}, false
}

// Label returns how a roadbook names the waypoint: its name, else its first
// control's name, else its first control's code, else "".
func (w *Waypoint) Label() string {
	if w.Name != "" {
		return w.Name
	}
	for _, c := range w.Controls {
		if c.Name != "" {
			return c.Name
		}
	}
	if len(w.Controls) > 0 {
		return w.Controls[0].Kind.String()
	}
	return ""
}

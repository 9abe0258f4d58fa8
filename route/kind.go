package route

import (
	"fmt"
	"strings"
)

// Kind is the control role of a rally waypoint. One waypoint may carry
// several roles (a DSS that is also a DZ, say).
type Kind uint8

// The control roles, named as on a roadbook.
const (
	DSS  Kind = iota + 1 // start of the special (départ secteur sélectif)
	ASS                  // finish of the special (arrivée secteur sélectif)
	WPV                  // visible waypoint
	WPM                  // masked waypoint
	WPE                  // eclipse waypoint
	WPS                  // safety waypoint
	WPC                  // control waypoint
	WPN                  // navigation waypoint
	WPP                  // precise waypoint
	DZ                   // start of a speed zone (carries the limit)
	FZ                   // end of a speed zone
	DN                   // start of a neutralisation
	FN                   // end of a neutralisation
	DT                   // start of a transfer
	FT                   // end of a transfer
	CP                   // checkpoint (passage control)
	CH                   // time control
	Fuel                 // refuel
	Stop                 // compulsory stop
)

// NumKinds is one more than the largest Kind, for tables indexed by Kind.
const NumKinds = int(Stop) + 1

var kindNames = [NumKinds]string{
	"", "DSS", "ASS", "WPV", "WPM", "WPE", "WPS", "WPC", "WPN", "WPP",
	"DZ", "FZ", "DN", "FN", "DT", "FT", "CP", "CH", "fuel", "stop",
}

// String returns the roadbook code of k: "DSS", "WPM", …, "fuel", "stop".
func (k Kind) String() string {
	if int(k) < NumKinds && k != 0 {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// ParseKind returns the Kind for a roadbook code, ignoring case: "DSS",
// "wpm", "Fuel". It returns an error for anything else.
func ParseKind(s string) (Kind, error) {
	for k := 1; k < NumKinds; k++ {
		if strings.EqualFold(s, kindNames[k]) {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("route: unknown waypoint kind %q", s)
}

// MarshalText implements encoding.TextMarshaler, so kinds read as their codes
// in JSON.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// IsWaypoint reports whether k is one of the waypoints a crew must validate
// in order (WPV, WPM, WPE, WPS, WPC, WPN, WPP).
func (k Kind) IsWaypoint() bool { return k >= WPV && k <= WPP }

// IsWP reports whether w is one of the waypoints a crew must validate in
// order: whether it carries a control whose Kind.IsWaypoint. Everything
// that counts WPs (a check's share validated, validation's first-waypoint
// and overlap rules) asks this.
func (w *Waypoint) IsWP() bool {
	for _, c := range w.Controls {
		if c.Kind.IsWaypoint() {
			return true
		}
	}
	return false
}

package route

// Radii are the two radii of a control, in metres. Zero means not given.
type Radii struct {
	// Open is the distance at which the control opens (a masked waypoint's
	// arrow shows, an eclipse waypoint appears).
	Open float64 `json:"open_m,omitempty"`
	// Clear is the validation radius: the crew must pass within it.
	Clear float64 `json:"clear_m,omitempty"`
}

// DefaultRadii returns the table of default radii by kind, from DOMAIN.md §3
// (ASO's Dakar figures where given, else the Tulip editor's and RDBK's
// defaults). The caller owns the returned map and may change it; it is what a
// zero Rules uses.
//
//	kind   open    clear
//	WPV       –    200 m
//	WPM    800 m   200 m
//	WPE   1000 m   200 m
//	WPS   3000 m    90 m
//	WPC       –     90 m
//	WPN    800 m    90 m
//	WPP    100 m    30 m
//	DSS   1000 m   200 m
//	ASS    800 m    90 m
//	others    –     90 m   (DZ, FZ, DN, FN, DT, FT, CP, CH, fuel, stop)
func DefaultRadii() map[Kind]Radii {
	m := map[Kind]Radii{
		WPV: {Clear: 200},
		WPM: {Open: 800, Clear: 200},
		WPE: {Open: 1000, Clear: 200},
		WPS: {Open: 3000, Clear: 90},
		WPC: {Clear: 90},
		WPN: {Open: 800, Clear: 90},
		WPP: {Open: 100, Clear: 30},
		DSS: {Open: 1000, Clear: 200},
		ASS: {Open: 800, Clear: 90},
	}
	for _, k := range []Kind{DZ, FZ, DN, FN, DT, FT, CP, CH, Fuel, Stop} {
		m[k] = Radii{Clear: 90}
	}
	return m
}

// Rules is an event's configuration: the radii, and (for checking rides)
// penalties and tolerances. The zero Rules is the defaults of DOMAIN.md.
type Rules struct {
	// Radii overrides the default radii by kind; a kind missing here, or a
	// zero radius, falls back to DefaultRadii.
	Radii map[Kind]Radii `json:"radii,omitempty"`
}

// RadiiFor returns the radii of a control of kind k whose file gave
// fromFile (zero fields not given): the file's values first, then the
// rules', then the defaults.
func (r *Rules) RadiiFor(k Kind, fromFile Radii) Radii {
	out := fromFile
	var ruled Radii
	if r != nil && r.Radii != nil {
		ruled = r.Radii[k]
	}
	def := defaultRadii[k]
	if out.Open == 0 {
		out.Open = ruled.Open
		if out.Open == 0 {
			out.Open = def.Open
		}
	}
	if out.Clear == 0 {
		out.Clear = ruled.Clear
		if out.Clear == 0 {
			out.Clear = def.Clear
		}
	}
	return out
}

// defaultRadii is DefaultRadii, read only.
var defaultRadii = DefaultRadii()

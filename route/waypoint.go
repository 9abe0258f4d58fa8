package route

import (
	"html"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Control is one control role carried by a waypoint.
type Control struct {
	Kind Kind
	// Name is the control's own name where the file gives one: "WPM 12",
	// or just its number, "1" (Label puts the kind in front).
	Name string
	// Radii as given by the file; zero fields were not given. Use
	// Rules.RadiiFor to fill them from the defaults.
	Radii Radii
	// Zone is true for a DN or a DT that is also a speed zone up to its FN
	// or FT (OpenRally's neutralisation and transfer-zone proposal: dnz,
	// dtz); the limit is the waypoint's Speed. A zone of this kind is
	// closed by the FN or FT, not by an FZ.
	Zone bool
	// Time is the duration the file gives the role itself (the proposal's
	// time attribute, in seconds: a DN's neutralisation); 0 when not given.
	// Waypoint.Neutralisation holds a DN's duration whichever way the file
	// wrote it.
	Time time.Duration
}

// Label returns how a roadbook names the control, always with its kind:
// the kind's code, then the control's name unless the name already starts
// with the code. "WPM" (no name), "WPM 1" (name "1"), "WPM 12" (name
// "WPM 12"), "WPS K99".
func (c Control) Label() string {
	code := c.Kind.String()
	name := strings.TrimSpace(c.Name)
	if name == "" || hasPrefixFold(name, code) {
		if name == "" {
			return code
		}
		return name
	}
	return code + " " + name
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// Extension is an XML element a reader keeps as the file wrote it because
// it does not map it to a field: an OpenRally tag of no version it knows,
// another application's extension. Encoders write it back unchanged.
type Extension struct {
	// Space is the element's namespace URI ("" for none) and Local its
	// local name.
	Space, Local string
	// XML is the element's markup as written in the file, start tag to end
	// tag, self-contained: the namespace prefixes it uses that the file
	// declared outside it are declared on its start tag.
	XML string
	// Line is the line of its start tag in its file, 0 when unknown.
	Line int
}

// Name returns the element's name for messages: "{uri}local", or the local
// name alone when it has no namespace.
func (e Extension) Name() string {
	if e.Space == "" {
		return e.Local
	}
	return "{" + e.Space + "}" + e.Local
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
	Distance    float64 // km since the last reset, as printed; valid when HasDistance
	HasDistance bool
	Cap         float64 // degrees; valid when HasCap
	HasCap      bool
	Danger      int  // 0 (none) to 3
	Reset       bool // the odometer resets here
	// ResetKm is the odometer's value after the reset, km (OpenRally's
	// reset content; 0, the default, for a reset to zero).
	ResetKm         float64
	Notes, Tulip    string
	ShowCoordinates bool
	// Safety lists the safety markers (medical, helicopter, police, fire,
	// spectators, media).
	Safety []string
	// Markers lists, in file order, the OpenRally markers of the v0.x drafts
	// that no later version kept and no other field holds (gps, endfuel,
	// radio, begintireservice, endtireservice, toilets, giveway,
	// sensitivezone, startofassistance, finishofassistance, startofzone,
	// village), by their OpenRally names.
	Markers []string

	// Extensions are the elements of the waypoint that no field holds (an
	// OpenRally tag of no known version, another namespace's extension),
	// kept as written, in file order.
	Extensions []Extension

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

// AddControl adds a role to w. A role of a kind w already carries is not
// added again (old files repeat markers): the one w has takes the name,
// radii and time it lacks from c.
func (w *Waypoint) AddControl(c Control) {
	for i := range w.Controls {
		o := &w.Controls[i]
		if o.Kind != c.Kind {
			continue
		}
		if o.Name == "" {
			o.Name = c.Name
		}
		if o.Radii.Open == 0 {
			o.Radii.Open = c.Radii.Open
		}
		if o.Radii.Clear == 0 {
			o.Radii.Clear = c.Radii.Clear
		}
		if o.Time == 0 {
			o.Time = c.Time
		}
		o.Zone = o.Zone || c.Zone
		return
	}
	w.Controls = append(w.Controls, c)
}

// Label returns how a roadbook names the waypoint, with its kind whatever
// its name. A waypoint with controls is named by its first control's
// Label ("WPM 1"), followed by its own name when that says more: not empty,
// not a bare number (editors number their boxes so), not the control's
// name ("DSS Yanbu"). A name that holds the kind's code names the waypoint
// alone ("WPM12:90", "CP 1", "Refuel"). A waypoint
// without controls is named by its name, "" when it has none.
func (w *Waypoint) Label() string {
	name := strings.TrimSpace(w.Name)
	if len(w.Controls) == 0 {
		return name
	}
	c := w.Controls[0]
	label := c.Label()
	if name == "" || isNumber(name) || strings.EqualFold(name, strings.TrimSpace(c.Name)) ||
		strings.EqualFold(name, label) {
		return label
	}
	if strings.Contains(strings.ToUpper(name), strings.ToUpper(c.Kind.String())) {
		return name
	}
	return label + " " + name
}

// isNumber reports whether s is made of ASCII digits only.
func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsDrawing reports whether an OpenRally notes or tulip value is a drawing
// (an SVG document or a data URL, as the OpenRally schema says they hold)
// rather than text.
func IsDrawing(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "<") || strings.HasPrefix(t, "data:")
}

// NoteText returns the waypoint's notes as text: its notes when they are
// text, else its <desc>, else its <cmt> (OpenRally editors draw the notes
// and write the words, if at all, beside them); "" when none says anything.
// Text in HTML (a KML description, Google Earth's and My Maps' balloons:
// "Turn left<br>at the <b>well</b>") gives its words: tags dropped,
// entities decoded, spaces collapsed.
func (w *Waypoint) NoteText() string {
	notes := w.Notes
	if IsDrawing(notes) {
		notes = ""
	}
	for _, s := range []string{notes, w.Desc, w.Cmt} {
		if s = strings.TrimSpace(HTMLText(s)); s != "" {
			return s
		}
	}
	return ""
}

// HTMLText returns the words of s when s is HTML (it holds a tag or an
// entity): the tags dropped (each as a space), the entities decoded and
// the spaces collapsed. Other text comes back unchanged, "TL <45°" too.
func HTMLText(s string) string {
	if !looksHTML(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if isTagStart(s, i) {
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				break // a tag cut short: what follows is no text
			}
			b.WriteByte(' ')
			i += j + 1
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// looksHTML reports whether s holds a tag ("<b", "</", "<!") or an entity
// ("&amp;", "&#39;").
func looksHTML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if isTagStart(s, i) {
				return true
			}
		case '&':
			j := i + 1
			for j < len(s) && j-i <= 32 && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '#') {
				j++
			}
			if j > i+1 && j < len(s) && s[j] == ';' {
				return true
			}
		}
	}
	return false
}

func isTagStart(s string, i int) bool {
	return s[i] == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!')
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

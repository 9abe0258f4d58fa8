package edit

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
)

// Edit is one change to the roadbook, as the API receives it (JSON). Op
// says what it does and which fields it reads:
//
//	add       Along (metres from the route's start) or Lat and Lon (the
//	          nearest point of the route): a new box there
//	delete    Box
//	move      Box, Along or Lat/Lon: the box to that point of the route
//	notes     Box, Text: the notes (free text and lexicon codes in braces)
//	danger    Box, Value: 0 (none) to 3
//	cap       Box, Value: the CAP in degrees; without Value the computed CAP
//	reset     Box, On: the odometer restarts from 0 at the box
//	name      Box, Text: the waypoint's name
//	kind      Box, Kind: the waypoint kind (WPV, WPM, WPE, WPS, WPC, WPN,
//	          WPP), "" for none
//	control   Box, Kind, On: add or remove a control (DSS, ASS, DZ, FZ, DN,
//	          FN, DT, FT, CP, CH, fuel, stop)
//	radii     Box, Kind, Open, Clear: a control's radii in metres (0: the
//	          default)
//	speed     Box, Value: the speed limit in km/h (0: none)
//	neutral   Box, Value: the neutralisation's duration in seconds
//	allowed   Box, Value: a time control's time to the next one in minutes
//	stop      Box, Value: a compulsory stop in seconds
//	exit      Box, Angle, Surface: the tulip's exit turned to Angle
//	          (degrees clockwise from straight ahead), on Surface
//	          (tarmac, piste, track, off-piste)
//	track     Box, Track (index in Legs.Tracks, or absent to add one),
//	          Angle, Surface: an other track of the tulip
//	untrack   Box, Track: remove an other track
//	entry     Box, Surface: the surface of the approach
//	redraw    Box: the tulip drawn from the track again (the file's own
//	          drawing or the author's edits are dropped)
//
// Box is the box's id (State's Box.ID), not its number.
type Edit struct {
	Op      string   `json:"op"`
	Box     int      `json:"box,omitempty"`
	Along   *float64 `json:"along,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	Text    *string  `json:"text,omitempty"`
	Value   *float64 `json:"value,omitempty"`
	On      *bool    `json:"on,omitempty"`
	Kind    string   `json:"kind,omitempty"`
	Track   *int     `json:"track,omitempty"`
	Angle   *float64 `json:"angle,omitempty"`
	Surface string   `json:"surface,omitempty"`
	Open    *float64 `json:"open,omitempty"`
	Clear   *float64 `json:"clear,omitempty"`
}

// Limits on what an edit may set.
const (
	maxNotes = 4000 // characters of notes
	maxName  = 200  // characters of a name
)

// errInput marks an edit the API refuses as a bad request.
var errInput = errors.New("bad edit")

func bad(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errInput}, a...)...)
}

// Apply makes the edit and returns the id of the box it concerns (the new
// box for add). An edit that cannot be made changes nothing and returns an
// error that says why; one that leaves the roadbook as it was (the same
// notes again) is not recorded: no undo step, the version unchanged.
func (d *Doc) Apply(e Edit) (int, error) {
	before := copyEntries(d.entries)
	id, what, err := d.apply(e)
	if err != nil {
		d.entries = before
		return 0, err
	}
	if e.Op != "add" && reflect.DeepEqual(before, d.entries) {
		// Nothing changed (the same notes again, a select set to its
		// value): not a step to undo, and the version stays.
		return id, nil
	}
	d.commit(before, what)
	return id, nil
}

func (d *Doc) apply(e Edit) (id int, what string, err error) {
	if e.Op == "add" {
		along, err := d.alongOf(e)
		if err != nil {
			return 0, "", err
		}
		return d.add(along)
	}
	i, err := d.find(e.Box)
	if err != nil {
		return 0, "", bad("no box %d", e.Box)
	}
	en := &d.entries[i]
	w := &en.W
	num := func(lo, hi float64, what string) (float64, error) {
		if e.Value == nil {
			return 0, bad("%s: no value", e.Op)
		}
		v := *e.Value
		if math.IsNaN(v) || v < lo || v > hi {
			return 0, bad("%s %v: want %g to %g", what, v, lo, hi)
		}
		return v, nil
	}
	n := d.numberOf(i)
	what = fmt.Sprintf("%s (box %d)", e.Op, n)
	switch e.Op {
	case "delete":
		d.entries = append(d.entries[:i], d.entries[i+1:]...)
		return 0, fmt.Sprintf("delete box %d", n), nil
	case "move":
		along, err := d.alongOf(e)
		if err != nil {
			return 0, "", err
		}
		d.place(en, along)
		en.AutoDist = true
	case "notes":
		if e.Text == nil {
			return 0, "", bad("notes: no text")
		}
		t := strings.TrimSpace(*e.Text)
		if utf8.RuneCountInString(t) > maxNotes || !utf8.ValidString(t) {
			return 0, "", bad("notes: at most %d characters of text", maxNotes)
		}
		t = cleanText(t)
		if route.IsDrawing(w.Notes) && !roadbook.IsNotesSVG(w.Notes) {
			w.Desc = t // the author's drawing stays; the text goes beside it
		} else {
			w.Notes = t
			if w.Desc != "" && w.Desc != t {
				w.Desc = t
			}
		}
		if t == "" && !route.IsDrawing(w.Notes) {
			w.Desc, w.Cmt = "", "" // no notes at all: no older text shows through
		}
	case "danger":
		v, err := num(0, 3, "danger")
		if err != nil {
			return 0, "", err
		}
		w.Danger = int(v)
	case "cap":
		if e.Value == nil {
			w.HasCap, en.AutoCap = false, true
			break
		}
		v, err := num(0, 360, "CAP")
		if err != nil {
			return 0, "", err
		}
		w.Cap, w.HasCap, en.AutoCap = math.Mod(math.Round(v), 360), true, false
	case "reset":
		if e.On == nil {
			return 0, "", bad("reset: say on or off")
		}
		w.Reset = *e.On
	case "name":
		if e.Text == nil || utf8.RuneCountInString(*e.Text) > maxName {
			return 0, "", bad("name: at most %d characters", maxName)
		}
		old := strings.TrimSpace(w.Name)
		w.Name = cleanText(strings.TrimSpace(*e.Text))
		renameControls(w.Controls, old, w.Name)
	case "kind":
		var k route.Kind
		if e.Kind != "" {
			if k, err = route.ParseKind(e.Kind); err != nil || !k.IsWaypoint() {
				return 0, "", bad("kind %q: want WPV, WPM, WPE, WPS, WPC, WPN, WPP or nothing", e.Kind)
			}
		}
		var keep []route.Control
		var old route.Control
		for _, c := range w.Controls {
			if c.Kind.IsWaypoint() {
				if old.Kind == 0 {
					old = c
				}
				continue
			}
			keep = append(keep, c)
		}
		if k != 0 {
			// The control keeps its name ("16" is WPS 16 now), or
			// changes its kind's code in it ("WPM 16" to "WPS 16"); a
			// control without a name stays without one (its badge
			// prints the kind).
			c := route.Control{Kind: k, Name: old.Name}
			if c.Name != "" && old.Kind != 0 && strings.HasPrefix(c.Name, old.Kind.String()) {
				c.Name = renameKind(old.Name, old.Kind, k)
			}
			keep = append([]route.Control{c}, keep...)
			if strings.HasPrefix(w.Name, old.Kind.String()) && old.Kind != 0 {
				w.Name = renameKind(w.Name, old.Kind, k)
			}
		}
		w.Controls = keep
	case "control":
		k, err := route.ParseKind(e.Kind)
		if err != nil || k.IsWaypoint() {
			return 0, "", bad("control %q: want DSS, ASS, DZ, FZ, DN, FN, DT, FT, CP, CH, fuel or stop", e.Kind)
		}
		if e.On == nil {
			return 0, "", bad("control: say on or off")
		}
		has := w.Has(k)
		switch {
		case *e.On && !has:
			w.Controls = append(w.Controls, route.Control{Kind: k})
			if k == route.DSS && !w.Reset {
				w.Reset = true // the roadbook's odometer restarts at the DSS
			}
		case !*e.On && has:
			var keep []route.Control
			for _, c := range w.Controls {
				if c.Kind != k {
					keep = append(keep, c)
				}
			}
			w.Controls = keep
			// What only that control carries goes with it.
			switch k {
			case route.DN:
				w.Neutralisation = 0
			case route.CH:
				w.Allowed = 0
			case route.Stop:
				w.Stop = 0
			}
		}
	case "radii":
		k, err := route.ParseKind(e.Kind)
		if err != nil {
			return 0, "", bad("radii: %q is not a control", e.Kind)
		}
		found := false
		for j := range w.Controls {
			if w.Controls[j].Kind != k {
				continue
			}
			found = true
			for _, r := range []struct {
				v   *float64
				dst *float64
			}{{e.Open, &w.Controls[j].Radii.Open}, {e.Clear, &w.Controls[j].Radii.Clear}} {
				if r.v == nil {
					continue
				}
				if math.IsNaN(*r.v) || *r.v < 0 || *r.v > 100000 {
					return 0, "", bad("radii: %v m: want 0 to 100000", *r.v)
				}
				*r.dst = math.Round(*r.v/d.unitRadius()*10) / 10
			}
		}
		if !found {
			return 0, "", bad("radii: box %d has no %s", n, k)
		}
	case "speed":
		v, err := num(0, 400, "speed")
		if err != nil {
			return 0, "", err
		}
		w.Speed = v / d.unitKm()
	case "neutral":
		if !w.Has(route.DN) {
			return 0, "", bad("neutral: box %d is not a DN", n)
		}
		v, err := num(0, 7*24*3600, "neutralisation")
		if err != nil {
			return 0, "", err
		}
		w.Neutralisation = time.Duration(math.Round(v)) * time.Second
	case "allowed":
		if !w.Has(route.CH) {
			return 0, "", bad("allowed: box %d is not a time control (CH)", n)
		}
		v, err := num(0, 7*24*60, "time allowed")
		if err != nil {
			return 0, "", err
		}
		w.Allowed = time.Duration(math.Round(v)) * time.Minute
	case "stop":
		v, err := num(0, 24*3600, "stop")
		if err != nil {
			return 0, "", err
		}
		w.Stop = time.Duration(math.Round(v)) * time.Second
	case "exit", "track", "untrack", "entry":
		if err := d.editTulip(i, e); err != nil {
			return 0, "", err
		}
		what = fmt.Sprintf("tulip (box %d)", n)
	case "redraw":
		en.Tulip = nil
		w.Tulip = ""
		en.AutoTulip = true
	default:
		return 0, "", bad("unknown edit %q", e.Op)
	}
	if en.Tulip != nil {
		w.Tulip = tulipSVG(en.Tulip, true)
	}
	return en.ID, what, nil
}

// editTulip applies a tulip edit to entry i, starting from the tulip drawn
// from the track when the author has not edited this one yet.
func (d *Doc) editTulip(i int, e Edit) error {
	en := &d.entries[i]
	var t *tulip.Drawing
	if en.Tulip != nil {
		t = cloneDrawing(en.Tulip)
	} else {
		var from *tulip.Drawing
		if b, ok := d.boxFor(i); ok {
			from = b.Tulip
		}
		t = editable(from)
	}
	surface := func(def tulip.Surface) (tulip.Surface, error) {
		if e.Surface == "" {
			return def, nil
		}
		sf, err := tulip.ParseSurface(e.Surface)
		if err != nil || sf == tulip.UnknownSurface {
			return 0, bad("surface %q: want tarmac, piste, track or off-piste", e.Surface)
		}
		return sf, nil
	}
	angle := func() (float64, bool, error) {
		if e.Angle == nil {
			return 0, false, nil
		}
		if math.IsNaN(*e.Angle) || math.IsInf(*e.Angle, 0) {
			return 0, false, bad("angle: not a number")
		}
		return normAngle(*e.Angle), true, nil
	}
	j := parts(t)
	// turn turns stroke k (the exit when tip) to point at the angle asked.
	turn := func(k int, tip bool) error {
		a, ok, err := angle()
		if err != nil || !ok {
			return err
		}
		rotate(&t.Strokes[k], j.at, a-direction(j.at, t.Strokes[k], tip))
		return nil
	}
	// restyle sets stroke k's surface when one is asked.
	restyle := func(k int, route bool) error {
		sf, err := surface(t.Strokes[k].Surface)
		if err != nil {
			return err
		}
		if sf != t.Strokes[k].Surface {
			setSurface(&t.Strokes[k], sf, route)
		}
		return nil
	}
	switch e.Op {
	case "exit":
		if j.exit < 0 {
			// The finish has none until the author draws one: straight
			// on, on the approach's surface, then turned as asked.
			end := tulip.Vec{X: j.at.X, Y: j.at.Y + 0.4}
			t.Strokes = append(t.Strokes, legStroke([]tulip.Vec{j.at, end}, t.Strokes[j.entry].Surface, true))
			j.exit = len(t.Strokes) - 1
		}
		if err := turn(j.exit, true); err != nil {
			return err
		}
		if err := restyle(j.exit, true); err != nil {
			return err
		}
	case "entry":
		if err := restyle(j.entry, true); err != nil {
			return err
		}
	case "track":
		if e.Track == nil {
			if len(j.others) >= maxTracks {
				return bad("a tulip has at most %d other tracks", maxTracks)
			}
			a, ok, err := angle()
			if err != nil {
				return err
			}
			if !ok {
				return bad("track: no angle")
			}
			sf, err := surface(tulip.Piste)
			if err != nil {
				return err
			}
			sn, cs := math.Sincos(a * math.Pi / 180)
			st := tulip.Stroke{Points: []tulip.Vec{j.at, {X: j.at.X + trackLen*sn, Y: j.at.Y + trackLen*cs}}}
			setSurface(&st, sf, false)
			// Other tracks go under the route: before its two legs.
			t.Strokes = append(t.Strokes[:j.entry], append([]tulip.Stroke{st}, t.Strokes[j.entry:]...)...)
			break
		}
		k := *e.Track
		if k < 0 || k >= len(j.others) {
			return bad("track %d: the tulip has %d other tracks", k, len(j.others))
		}
		if err := turn(j.others[k], false); err != nil {
			return err
		}
		if err := restyle(j.others[k], false); err != nil {
			return err
		}
	case "untrack":
		if e.Track == nil || *e.Track < 0 || *e.Track >= len(j.others) {
			return bad("untrack: which track? the tulip has %d", len(j.others))
		}
		k := j.others[*e.Track]
		t.Strokes = append(t.Strokes[:k], t.Strokes[k+1:]...)
	}
	en.Tulip = t
	en.AutoTulip = false
	return nil
}

// renameControls renames, after the waypoint's name changed from old to
// name, the controls that carry that name (their name is what the
// roadbook's badge prints): a control named as the waypoint was ("WPM 16"
// in both, as OpenRally editors write it) gets the new name, and one named
// by its number alone ("16" for the waypoint "WPM 16") the new name's part
// after its kind ("WPM 17" gives "17"). A control named otherwise, or not
// named, is left as it is.
func renameControls(cs []route.Control, old, name string) {
	if old == "" {
		return
	}
	for j := range cs {
		c := &cs[j]
		cn := strings.TrimSpace(c.Name)
		if cn == "" || c.Kind == 0 {
			continue
		}
		code := c.Kind.String()
		switch {
		case strings.EqualFold(cn, old):
			c.Name = name
		case strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(old), strings.ToUpper(code))), strings.ToUpper(cn)):
			// The number alone: keep it so.
			rest := name
			if len(name) >= len(code) && strings.EqualFold(name[:len(code)], code) {
				rest = strings.TrimSpace(name[len(code):])
			}
			if rest == "" {
				rest = name
			}
			c.Name = rest
		}
	}
}

// renameKind rewrites a name that starts with the old kind's code ("WPM 16")
// with the new one ("WPS 16"); an empty name gives the new code.
func renameKind(name string, old, k route.Kind) string {
	if name == "" {
		return k.String()
	}
	if old != 0 && strings.HasPrefix(name, old.String()) {
		return k.String() + name[len(old.String()):]
	}
	return name
}

// unitRadius is the file's radius unit in metres (1, or a yard).
func (d *Doc) unitRadius() float64 {
	if d.file.Units == "statute" {
		return route.YardM
	}
	return 1
}

// numberOf returns the box number of entry i (from 1).
func (d *Doc) numberOf(i int) int {
	if b, ok := d.boxFor(i); ok {
		return b.Number
	}
	return i + 1
}

// alongOf returns the distance along the route an add or move names:
// Along, or the point of the route nearest to Lat/Lon.
func (d *Doc) alongOf(e Edit) (float64, error) {
	p := d.stage.Path
	if p == nil || len(p.Line) < 2 {
		return 0, bad("%s: the stage has no track to put a box on", e.Op)
	}
	if e.Along != nil {
		a := *e.Along
		if math.IsNaN(a) || a < 0 || a > p.Length() {
			return 0, bad("%s: %v m is not on the route (0 to %.0f m)", e.Op, a, p.Length())
		}
		return a, nil
	}
	if e.Lat == nil || e.Lon == nil {
		return 0, bad("%s: say where (along, or lat and lon)", e.Op)
	}
	lat, lon := *e.Lat, *e.Lon
	if math.IsNaN(lat) || math.IsNaN(lon) || math.Abs(lat) > 90 || math.Abs(lon) > 360 {
		return 0, bad("%s: %v, %v is not a position", e.Op, lat, lon)
	}
	return d.stage.Index().Nearest(orb.Point{lon, lat}).Along, nil
}

// add puts a new box at along, in route order, its distance, CAP and tulip
// computed from the route.
func (d *Doc) add(along float64) (int, string, error) {
	en := entry{ID: d.newID(), AutoDist: true, AutoCap: true, AutoTulip: true}
	d.place(&en, along)
	// Insert after the boxes at or before along.
	at := len(d.entries)
	for i := range d.entries {
		if b, ok := d.boxFor(i); ok && b.Along > along {
			at = i
			break
		}
	}
	d.entries = append(d.entries, entry{})
	copy(d.entries[at+1:], d.entries[at:])
	d.entries[at] = en
	return en.ID, fmt.Sprintf("add a box at km %.2f", along/1000), nil
}

// place puts the entry's waypoint at along on the route.
func (d *Doc) place(en *entry, along float64) {
	en.W.Point, en.W.HasPoint = d.stage.Path.PointAt(along), true
	en.W.Point = orb.Point{round7(en.W.Point[0]), round7(en.W.Point[1])}
}

// round7 rounds degrees to 7 decimals (about 1 cm), as files are written.
func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// cleanText drops the control characters XML cannot hold (keeping line
// breaks and tabs).
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r == 0xfffe || r == 0xffff {
			return -1
		}
		if r == '\r' {
			return -1
		}
		return r
	}, s)
}

package edit

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb/geojson"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// maxUndo is how many edits Undo can step back.
const maxUndo = 1000

// entry is one box of the roadbook as the editor holds it: the file's
// waypoint and what the editor computes for it.
type entry struct {
	// ID names the box in the API; it never changes, through edits and
	// undo.
	ID int
	// W is the waypoint as it will be written (its file fields, plus the
	// author's edits).
	W route.Waypoint
	// AutoDist: the distance is computed from the route (a box the editor
	// made or moved) rather than the file's.
	AutoDist bool
	// AutoCap: the CAP is computed from the route and written on save (a
	// box the editor made, or the author asked for the computed CAP).
	AutoCap bool
	// AutoTulip: the tulip is drawn from the track and written on save (a
	// box the editor made).
	AutoTulip bool
	// Tulip is the author's tulip (editable form), nil when the box shows
	// the file's own drawing or the one drawn from the track.
	Tulip *tulip.Drawing
}

// snapshot is one state of the roadbook, for undo and redo.
type snapshot struct {
	entries []entry
	what    string // the edit that led to this state, for messages
	content int    // the state's content (Doc.content)
}

// Doc is a roadbook being edited. Its methods are not safe for concurrent
// use; Server serialises them.
type Doc struct {
	file    *route.File // the file; Waypoints is rebuilt from entries
	entries []entry
	nextID  int
	rules   *route.Rules
	opts    roadbook.Options

	undo, redo []snapshot
	version    int // counts the states, never reused
	// content names what the roadbook holds: the version at which the
	// current state was made by an edit, which undo and redo bring back
	// with the state. savedAt is the content last saved (or opened): an
	// edit undone leaves the roadbook as saved, not dirty.
	content int
	savedAt int
	draft   bool

	// Derived from entries by rebuild.
	stage    *route.Stage
	book     *roadbook.Book
	problems []roadbook.Problem
	// boxOf maps an entry's ID to its box index in book.Boxes.
	boxOf map[int]int
	// tulips keeps the SVGs of the tulips drawn from the track.
	tulips *tulipCache
	// lines keeps the map's section lines (sectionLines) and the sections
	// they were made for.
	lines struct {
		key      string
		features []*geojson.Feature
	}
}

// Options configures a Doc. The zero value is the defaults.
type Options struct {
	// Rules are the event's radii, for placing and validating; nil means
	// the defaults.
	Rules *route.Rules
	// Build are the roadbook options (turn rules, CAP distance, other
	// tracks drawn in the tulips).
	Build roadbook.Options
}

// NewDoc returns a Doc editing f, which it takes over (the caller must not
// change it afterwards). A file whose waypoints carry no roadbook distance
// becomes a draft: the boxes roadbook.Build finds become its waypoints,
// each with its distance, CAP and tulip computed from the route, the
// waypoints of the file kept whole in the boxes that stand for them.
func NewDoc(f *route.File, opts Options) (*Doc, error) {
	if f == nil {
		return nil, fmt.Errorf("edit: no file")
	}
	d := &Doc{file: f, rules: opts.Rules, opts: opts.Build, tulips: newTulipCache()}
	d.opts.Rebuild = false
	d.opts.NoTulips = false
	kept := false
	for i := range f.Waypoints {
		if f.Waypoints[i].HasDistance {
			kept = true
			break
		}
	}
	if kept {
		st := route.NewStage(f, route.StageOptions{Rules: d.rules})
		// Boxes in route order, as Build keeps them.
		for _, p := range st.Waypoints {
			d.entries = append(d.entries, entry{ID: d.newID(), W: f.Waypoints[p.Index]})
		}
	} else {
		d.draft = true
		st := route.NewStage(f, route.StageOptions{Rules: d.rules})
		if st.Path == nil || len(st.Path.Line) < 2 {
			return nil, fmt.Errorf("edit: the file has no track or route to make a roadbook from")
		}
		b := roadbook.Build(st, d.opts)
		for _, bx := range b.Boxes {
			var w route.Waypoint
			if bx.Waypoint >= 0 {
				w = st.Waypoints[bx.Waypoint].Waypoint
			}
			w.Point, w.HasPoint = bx.Point, true
			w.Reset = bx.Reset
			if w.Notes == "" && bx.Notes != "" && bx.NoteGenerated {
				w.Notes = bx.Notes
			}
			d.entries = append(d.entries, entry{ID: d.newID(), W: w, AutoDist: true, AutoCap: true, AutoTulip: true})
		}
	}
	for i := range d.entries {
		if t, ok := parseTulip(d.entries[i].W.Tulip); ok {
			d.entries[i].Tulip = t
		}
	}
	d.rebuild()
	if d.draft {
		// The draft's boxes are its own: the first save writes them.
		d.savedAt = -1
	}
	return d, nil
}

func (d *Doc) newID() int { d.nextID++; return d.nextID }

// Draft reports whether the roadbook was made from a plain track (nothing
// of it is saved yet).
func (d *Doc) Draft() bool { return d.draft }

// Version returns the number of the current state; it changes with every
// edit, undo and redo.
func (d *Doc) Version() int { return d.version }

// Dirty reports whether the roadbook differs from the file on disk.
func (d *Doc) Dirty() bool { return d.content != d.savedAt }

// Book returns the current roadbook (do not change it).
func (d *Doc) Book() *roadbook.Book { return d.book }

// Problems returns roadbook.Validate's findings on the current roadbook.
func (d *Doc) Problems() []roadbook.Problem { return d.problems }

// Stage returns the current stage (do not change it).
func (d *Doc) Stage() *route.Stage { return d.stage }

// CanUndo and CanRedo report whether Undo and Redo have a state to go to.
func (d *Doc) CanUndo() bool { return len(d.undo) > 0 }

// CanRedo reports whether Redo has a state to go to.
func (d *Doc) CanRedo() bool { return len(d.redo) > 0 }

// copyEntries returns a copy of es that shares no slice with it.
func copyEntries(es []entry) []entry {
	out := make([]entry, len(es))
	copy(out, es)
	for i := range out {
		w := &out[i].W
		w.Controls = append([]route.Control(nil), w.Controls...)
		w.Safety = append([]string(nil), w.Safety...)
		w.Links = append([]route.Link(nil), w.Links...)
		if out[i].Tulip != nil {
			out[i].Tulip = cloneDrawing(out[i].Tulip)
		}
	}
	return out
}

// commit records the state before an edit (already applied to d.entries)
// for undo, then rebuilds.
func (d *Doc) commit(before []entry, what string) {
	d.undo = append(d.undo, snapshot{entries: before, what: what, content: d.content})
	if len(d.undo) > maxUndo {
		d.undo = d.undo[len(d.undo)-maxUndo:]
	}
	d.redo = nil
	d.version++
	d.content = d.version
	d.rebuild()
}

// Undo goes back to the state before the last edit; it returns what that
// edit was, and false when there is nothing to undo.
func (d *Doc) Undo() (string, bool) {
	if len(d.undo) == 0 {
		return "", false
	}
	s := d.undo[len(d.undo)-1]
	d.undo = d.undo[:len(d.undo)-1]
	d.redo = append(d.redo, snapshot{entries: d.entries, what: s.what, content: d.content})
	d.entries, d.content = s.entries, s.content
	d.version++
	d.rebuild()
	return s.what, true
}

// Redo applies again the last edit undone.
func (d *Doc) Redo() (string, bool) {
	if len(d.redo) == 0 {
		return "", false
	}
	s := d.redo[len(d.redo)-1]
	d.redo = d.redo[:len(d.redo)-1]
	d.undo = append(d.undo, snapshot{entries: d.entries, what: s.what, content: d.content})
	d.entries, d.content = s.entries, s.content
	d.version++
	d.rebuild()
	return s.what, true
}

// unitKm is the file's distance unit in km (1, or a statute mile).
func (d *Doc) unitKm() float64 {
	if d.file.Units == "statute" {
		return route.MileKm
	}
	return 1
}

// rebuild makes the file's waypoints from the entries and derives the
// stage, the roadbook and the problems. Boxes whose distance is computed
// get the route's odometer since the last reset.
func (d *Doc) rebuild() {
	ws := make([]route.Waypoint, len(d.entries))
	for i := range d.entries {
		ws[i] = d.entries[i].W
		if d.entries[i].AutoDist {
			// A distance is needed for the file to read as a roadbook;
			// the real one is set below once the box is placed.
			ws[i].Distance, ws[i].HasDistance = 0, true
		}
	}
	d.file.Waypoints = ws
	// Edits change waypoints, never the track: the stage after the first
	// shares its route, odometer and index (route.Stage.WithWaypoints).
	var st *route.Stage
	if d.stage != nil {
		st = d.stage.WithWaypoints(ws, route.StageOptions{Rules: d.rules})
	} else {
		st = route.NewStage(d.file, route.StageOptions{Rules: d.rules})
	}
	// Computed distances: along the route since the last reset, in the
	// file's units, rounded to the metre.
	// A box that resets shows the reading arriving at it (the total of
	// the section it closes), as roadbook.Build prints it.
	base := 0.0
	for i := range st.Waypoints {
		p := &st.Waypoints[i]
		ra := route.RoundOdo(p.Along)
		e := &d.entries[p.Index]
		if e.AutoDist {
			km := math.Max(0, ra-base) / 1000 / d.unitKm()
			p.Distance = km
			ws[p.Index].Distance = km
		}
		if p.Reset {
			base = ra
		}
	}
	// Keep the entries in route order, as the boxes are.
	if !sort.SliceIsSorted(st.Waypoints, func(a, b int) bool { return st.Waypoints[a].Index < st.Waypoints[b].Index }) {
		order := make([]entry, len(st.Waypoints))
		nws := make([]route.Waypoint, len(st.Waypoints))
		for i := range st.Waypoints {
			order[i] = d.entries[st.Waypoints[i].Index]
			nws[i] = ws[st.Waypoints[i].Index]
			st.Waypoints[i].Index = i
		}
		d.entries = order
		d.file.Waypoints = nws
	}
	opts := d.opts
	opts.Rebuild = false
	d.stage = st
	d.book = roadbook.Build(st, opts)
	d.boxOf = make(map[int]int, len(d.entries))
	for i, b := range d.book.Boxes {
		if b.Waypoint >= 0 && b.Waypoint < len(st.Waypoints) {
			d.boxOf[d.entries[st.Waypoints[b.Waypoint].Index].ID] = i
		}
		_ = i
	}
	for i := range d.entries {
		e := &d.entries[i]
		if e.Tulip != nil {
			if bi, ok := d.boxOf[e.ID]; ok {
				d.book.Boxes[bi].Tulip = e.Tulip
			}
		}
	}
	d.problems = roadbook.Validate(st, d.rules)
}

// find returns the index in d.entries of the box id, or an error.
func (d *Doc) find(id int) (int, error) {
	for i := range d.entries {
		if d.entries[i].ID == id {
			return i, nil
		}
	}
	return -1, fmt.Errorf("edit: no box %d", id)
}

// boxFor returns the roadbook box of entry i, and false when it has none.
func (d *Doc) boxFor(i int) (*roadbook.Box, bool) {
	bi, ok := d.boxOf[d.entries[i].ID]
	if !ok {
		return nil, false
	}
	return &d.book.Boxes[bi], true
}

// Output returns the file as Save writes it: the waypoints with what the
// editor computes for the boxes it made (CAP, tulip) filled in. It shares
// the track data with the Doc: do not change it.
func (d *Doc) Output() *route.File {
	f := *d.file
	ws := make([]route.Waypoint, len(d.file.Waypoints))
	copy(ws, d.file.Waypoints)
	for i := range d.entries {
		e := &d.entries[i]
		b, ok := d.boxFor(i)
		if !ok {
			continue
		}
		w := &ws[i]
		if e.AutoCap {
			w.Cap, w.HasCap = b.Cap, true
		}
		if e.AutoTulip && e.Tulip == nil && w.Tulip == "" && b.Tulip != nil {
			w.Tulip = d.tulips.svg(b.Tulip)
		}
		if e.AutoDist {
			w.HasDistance = true
		}
	}
	f.Waypoints = ws
	if f.OpenRally == "" || f.OpenRally != gpx.NamespaceOpenRally {
		f.OpenRally = gpx.NamespaceOpenRally
	}
	if f.Units == "" {
		f.Units = "metric"
	}
	if f.Version == "" || f.Version == "1.0" {
		f.Version = "1.1"
	}
	return &f
}

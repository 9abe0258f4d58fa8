package kml

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
	gokml "github.com/twpayne/go-kml/v3"
)

// km formats metres as km with two decimals, rounded once as a roadbook
// prints them (route.Km).
func km(m float64) string { return route.Km(m) }

// stageFolder builds a stage's folder: description, view, time span, then
// its sections, waypoints, speed zones, radii and kilometre markers.
func (e *encoder) stageFolder(s *StageFolder) gokml.Element {
	f := gokml.Folder(gokml.Name(s.Title()))
	st := s.Stage
	if st == nil || st.Path == nil || len(st.Path.Line) == 0 {
		return f.Append(descElement("This stage has no route."))
	}
	book := s.Book
	if book == nil || book.Stage != st {
		book = roadbook.Build(st, roadbook.Options{Tracks: e.opts.Tracks})
	}
	f.Append(descElement(stageTable(s, book)), lookAt(st.Path.Line))
	if s.Rally != nil {
		if day, ok := s.Rally.Day(); ok {
			f.Append(gokml.TimeSpan(gokml.Begin(day), gokml.End(day.Add(24*time.Hour))))
		}
	}
	f.Append(
		e.sections(st, book),
		e.waypoints(st, book),
	)
	if z := e.speedZones(st); z != nil {
		f.Append(z)
	}
	f.Append(e.radii(st))
	if m := e.kmMarkers(st); m != nil {
		f.Append(m)
	}
	return f
}

// sectionName returns a section's placemark name, its label, length and
// where it lies on the route: "special · 462.00 km (route km
// 250.00–712.00)".
func sectionName(st *route.Stage, book *roadbook.Book, i int) string {
	sec := st.Sections[i]
	name := st.SectionLabel(i)
	if name == "" || sec.Kind == 0 {
		name = "route"
	}
	return fmt.Sprintf("%s · %s km (route km %s–%s)", name, secLength(book, i, sec), km(sec.From), km(sec.To))
}

// secLength is the length of section i, sec, by the roadbook odometer: as
// the book's box closing it prints it (a file that is a roadbook: its own
// figures), else as the route measures it.
func secLength(book *roadbook.Book, i int, sec route.Section) string {
	if book != nil && book.Stage != nil && i < len(book.Stage.Sections) && book.Stage.Sections[i] == sec {
		return route.Km(book.SectionTotal(i))
	}
	return route.Km(route.RoundOdo(sec.To) - route.RoundOdo(sec.From))
}

// stageTable returns the stage's balloon: its sections with km ranges and
// lengths, the waypoint count and the date.
func stageTable(s *StageFolder, book *roadbook.Book) string {
	st := s.Stage
	var b strings.Builder
	fmt.Fprintf(&b, "<h3>%s</h3>", html.EscapeString(s.Title()))
	b.WriteString(`<table border="1" cellpadding="3" style="border-collapse:collapse">`)
	b.WriteString("<tr><th>section</th><th>length km</th><th>route km</th></tr>")
	for i, sec := range st.Sections {
		kind := st.SectionLabel(i)
		if sec.Kind == 0 {
			kind = "route"
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s–%s</td></tr>", kind, secLength(book, i, sec), km(sec.From), km(sec.To))
	}
	fmt.Fprintf(&b, "<tr><td><b>total</b></td><td><b>%s</b></td><td>0.00–%s</td></tr>", km(st.Length()), km(st.Length()))
	b.WriteString("</table>")
	fmt.Fprintf(&b, "<p>%s", route.Plural(len(st.Waypoints), "waypoint", "waypoints"))
	if s.Rally != nil && s.Rally.Date != "" {
		fmt.Fprintf(&b, "<br/>Date: %s", html.EscapeString(s.Rally.Date))
	}
	if s.Rally != nil && s.Rally.Marathon {
		b.WriteString("<br/>Marathon stage")
	}
	b.WriteString("</p>")
	return b.String()
}

// lookAt frames a line: centred on its bounding box, looking straight down
// from far enough to see all of it.
func lookAt(ls orb.LineString) gokml.Element {
	bd := ls.Bound()
	c := bd.Center()
	kx, ky := geo.MetresPerDegree(c[1])
	w := (bd.Max[0] - bd.Min[0]) * kx
	h := (bd.Max[1] - bd.Min[1]) * ky
	rng := math.Round(math.Max(w, h)*1.3 + 1000)
	return gokml.LookAt(
		gokml.Longitude(round7(c[0])),
		gokml.Latitude(round7(c[1])),
		gokml.Altitude(0),
		gokml.Heading(0),
		gokml.Tilt(0),
		gokml.Range(rng),
		gokml.AltitudeMode(gokml.AltitudeModeClampToGround),
	)
}

// routeSlice returns the part of the route between from and to metres (the
// interpolated ends and every vertex between), with elevations when the
// stage has them for every point of the part, else nil.
func routeSlice(st *route.Stage, from, to float64) (orb.LineString, []float64) {
	p := st.Path
	if from > to {
		from, to = to, from
	}
	i0 := sort.SearchFloat64s(p.Odo, from) // first vertex at or after from
	i1 := sort.SearchFloat64s(p.Odo, to)   // first vertex at or after to
	ls := make(orb.LineString, 0, i1-i0+2)
	ls = append(ls, p.PointAt(from))
	for i := i0; i < i1; i++ {
		if p.Odo[i] > from {
			ls = append(ls, p.Line[i])
		}
	}
	ls = append(ls, p.PointAt(to))
	if len(st.Ele) != len(p.Line) {
		return ls, nil
	}
	alt := make([]float64, 0, len(ls))
	alt = append(alt, eleAt(st, from))
	for i := i0; i < i1; i++ {
		if p.Odo[i] > from {
			alt = append(alt, st.Ele[i])
		}
	}
	alt = append(alt, eleAt(st, to))
	for _, a := range alt {
		if math.IsNaN(a) {
			return ls, nil
		}
	}
	return ls, alt
}

// eleAt interpolates the route's elevation at distance d (NaN when a
// neighbouring vertex has none).
func eleAt(st *route.Stage, d float64) float64 {
	odo := st.Path.Odo
	if d <= 0 || len(odo) == 1 {
		return st.Ele[0]
	}
	i := sort.SearchFloat64s(odo, d)
	if i >= len(odo) {
		return st.Ele[len(odo)-1]
	}
	if odo[i] == d || i == 0 {
		return st.Ele[i]
	}
	t := (d - odo[i-1]) / (odo[i] - odo[i-1])
	return st.Ele[i-1] + t*(st.Ele[i]-st.Ele[i-1])
}

// line builds a LineString of ls (simplified), counting route points.
func (e *encoder) line(ls orb.LineString, alt []float64, isRoute bool) gokml.Element {
	idx := geo.Simplify(ls, e.opts.tolerance())
	if isRoute {
		e.stats.RoutePoints += len(ls)
		e.stats.RouteKept += len(idx)
	}
	mode := gokml.AltitudeModeClampToGround
	if alt != nil {
		mode = gokml.AltitudeModeAbsolute
	}
	return gokml.LineString(gokml.Tessellate(true), gokml.AltitudeMode(mode), coords(ls, alt, idx))
}

// sections builds the folder of the stage's sections, one placemark each; a
// stage without sections gets one placemark for its whole route.
func (e *encoder) sections(st *route.Stage, book *roadbook.Book) gokml.Element {
	f := gokml.Folder(gokml.Name("Sections"), gokml.Open(true))
	secs := st.Sections
	if len(secs) == 0 {
		secs = []route.Section{{From: 0, To: st.Length(), Start: -1, End: -1}}
	}
	tmp := *st
	tmp.Sections = secs
	for i, sec := range secs {
		ls, alt := routeSlice(st, sec.From, sec.To)
		desc := fmt.Sprintf("<table><tr><td>section</td><td>%s</td></tr><tr><td>length</td><td>%s km</td></tr><tr><td>route km</td><td>%s–%s</td></tr></table>",
			sectionKindName(sec.Kind), secLength(book, i, sec), km(sec.From), km(sec.To))
		f.Append(gokml.Placemark(
			gokml.Name(sectionName(&tmp, book, i)),
			descElement(desc),
			gokml.StyleURL("#"+sectionStyle(sec.Kind).id),
			e.line(ls, alt, true),
		))
	}
	return f
}

func sectionKindName(k route.SectionKind) string {
	if k == 0 {
		return "route"
	}
	return k.String()
}

// position returns where a placed waypoint is drawn: its own position, else
// the route point at its distance; ok is false when it has neither.
func position(st *route.Stage, w *route.Placed) (p orb.Point, fromDistance, ok bool) {
	if w.HasPoint {
		return w.Point, false, true
	}
	if st.Path != nil && len(st.Path.Line) > 0 {
		return st.Path.PointAt(w.Along), true, true
	}
	return orb.Point{}, false, false
}

// point builds a Point geometry on the ground (KML's default altitude mode,
// left implicit: Marble does not draw styled points that state it).
func point(p orb.Point) gokml.Element {
	return gokml.Point(coordsElement(appendCoord(nil, p, 0, false)))
}

// waypointName returns a waypoint's label, with the speed limit of a DZ or
// DT ("DZ 3 · 50 km/h").
func waypointName(w *route.Waypoint) string {
	name := w.Label()
	if name == "" {
		name = "waypoint"
	}
	if w.Speed > 0 {
		name += " · " + strconv.FormatFloat(w.Speed, 'f', -1, 64) + " km/h"
	}
	return name
}

// waypoints builds the folder of the stage's waypoints: the controls, and
// in a sub-folder hidden by default every other box of the roadbook
// (junctions, notes), of which a roadbook has hundreds a stage, named by
// box number and note ("12 · TL 95° tarmac").
func (e *encoder) waypoints(st *route.Stage, book *roadbook.Book) gokml.Element {
	f := gokml.Folder(gokml.Name("Waypoints"))
	boxOf := map[int]*roadbook.Box{}
	for i := range book.Boxes {
		if b := &book.Boxes[i]; b.Waypoint >= 0 {
			boxOf[b.Waypoint] = b
		}
	}
	for i := range st.Waypoints {
		w := &st.Waypoints[i]
		if len(w.Controls) == 0 {
			continue
		}
		p, fromDist, ok := position(st, w)
		if !ok {
			continue
		}
		f.Append(gokml.Placemark(
			gokml.Name(waypointName(&w.Waypoint)),
			descElement(e.balloon(st, boxOf[i], w, fromDist)),
			gokml.StyleURL("#wp-"+iconFor(&w.Waypoint).name),
			point(p),
		))
	}
	var boxes []gokml.Element
	for i := range book.Boxes {
		b := &book.Boxes[i]
		if len(b.Controls) > 0 {
			continue
		}
		var w *route.Placed
		fromDist := false
		p := b.Point
		if b.Waypoint >= 0 && b.Waypoint < len(st.Waypoints) {
			w = &st.Waypoints[b.Waypoint]
			var ok bool
			if p, fromDist, ok = position(st, w); !ok {
				continue
			}
		} else if st.Path == nil || len(st.Path.Line) == 0 {
			continue
		}
		icon := "wpt"
		if w != nil {
			icon = iconFor(&w.Waypoint).name
		}
		boxes = append(boxes, gokml.Placemark(
			gokml.Name(boxName(b)),
			descElement(e.balloon(st, b, w, fromDist)),
			gokml.StyleURL("#wp-"+icon),
			point(p),
		))
	}
	if len(boxes) > 0 {
		sub := gokml.Folder(gokml.Name(fmt.Sprintf("Roadbook boxes (%d)", len(boxes))), gokml.Visibility(false))
		sub.Append(boxes...)
		f.Append(sub)
	}
	return f
}

// boxName names a box placemark by its number and its note: "12 · TL 95°
// RO" (the note's first line, its lexicon symbols as words, cut at 40
// characters), "12" without a note.
func boxName(b *roadbook.Box) string {
	note := strings.TrimSpace(b.Notes)
	if isText(note) {
		note = strings.TrimSpace(lexicon.Plain(note))
	}
	if i := strings.IndexByte(note, '\n'); i >= 0 {
		note = strings.TrimSpace(note[:i])
	}
	if r := []rune(note); len(r) > 40 {
		note = strings.TrimSpace(string(r[:39])) + "…"
	}
	if note == "" || !isText(note) {
		return strconv.Itoa(b.Number)
	}
	return strconv.Itoa(b.Number) + " · " + note
}

// balloon returns the balloon of a box or a waypoint: kind, name, box
// number, the roadbook odometer (the total and partial the printed box
// shows, a reset's closed section), the route km, radii, speed limit, CAP,
// danger, durations, the notes, and the tulip and notes drawings (the
// file's own, else the tulip drawn from the route). b or w may be nil.
func (e *encoder) balloon(st *route.Stage, b *roadbook.Box, w *route.Placed, fromDist bool) string {
	var sb strings.Builder
	row := func(k, v string) {
		fmt.Fprintf(&sb, "<tr><td>%s</td><td>%s</td></tr>", k, v)
	}
	sb.WriteString("<table>")
	var kinds []string
	var controls []route.Control
	switch {
	case w != nil:
		controls = w.Controls
	case b != nil:
		controls = b.Controls
	}
	for _, c := range controls {
		kinds = append(kinds, c.Kind.String())
	}
	if len(kinds) == 0 {
		kinds = []string{"note"}
	}
	row("kind", strings.Join(kinds, " + "))
	if w != nil && w.Name != "" {
		row("name", html.EscapeString(w.Name))
	}
	along := 0.0
	switch {
	case b != nil:
		along = b.Along
		row("box", strconv.Itoa(b.Number))
		if b.Reset && b.Section >= 0 {
			row("total", fmt.Sprintf("%s km: end of %s; %s starts at 0.00", km(b.Total), st.SectionLabel(b.Section-1), st.SectionLabel(b.Section)))
		} else {
			label := st.SectionLabel(b.Section)
			if label != "" {
				label += " "
			}
			row("total", label+km(b.Total)+" km")
		}
		row("partial", km(b.Partial)+" km")
	case w != nil:
		along = w.Along
		r := st.Odometer(w.Along)
		row("total", r.String())
	}
	row("route km", km(along))
	for _, c := range controls {
		r := e.opts.Rules.RadiiFor(c.Kind, c.Radii)
		var parts []string
		if r.Open > 0 {
			parts = append(parts, "open "+strconv.FormatFloat(r.Open, 'f', -1, 64)+" m")
		}
		if r.Clear > 0 {
			parts = append(parts, "validation "+strconv.FormatFloat(r.Clear, 'f', -1, 64)+" m")
		}
		if len(parts) > 0 {
			row(c.Kind.String()+" radii", strings.Join(parts, ", "))
		}
	}
	if w != nil {
		if w.Speed > 0 {
			row("speed limit", strconv.FormatFloat(w.Speed, 'f', -1, 64)+" km/h")
		}
	} else if b != nil && b.Speed > 0 {
		row("speed limit", strconv.FormatFloat(b.Speed, 'f', -1, 64)+" km/h")
	}
	// The file's CAP on yellow, as the printed box shows it; one roadbook
	// measured on the route in grey in a dashed frame, and said so.
	switch {
	case w != nil && w.HasCap:
		row("CAP", fmt.Sprintf(`<span style="background:#ffd600;font-weight:bold;padding:0 3px">%03.0f°</span>`, w.Cap))
	case b != nil && b.HasCap && (b.CapMeasured || w == nil) && st.Path != nil && len(st.Path.Line) > 1:
		row("CAP", fmt.Sprintf(`<span style="color:#555;border:1px dashed #555;padding:0 3px">%03.0f°</span> <i style="color:#555">measured on the route by roadbook (the file gives none)</i>`, b.Cap))
	}
	danger := 0
	if b != nil {
		danger = b.Danger
	} else if w != nil {
		danger = w.Danger
	}
	if danger > 0 {
		row("danger", strings.Repeat("!", danger))
	}
	if w != nil {
		if w.Neutralisation > 0 {
			row("neutralisation", route.HumanDuration(w.Neutralisation))
		}
		if w.Allowed > 0 {
			row("time allowed", route.HumanDuration(w.Allowed))
		}
		if w.Stop > 0 {
			row("stop", route.HumanDuration(w.Stop))
		}
		for _, text := range []string{w.Notes, w.Desc, w.Cmt} {
			if isText(text) {
				// A description in HTML shows its words, as the box prints them.
				row("notes", e.noteHTML(route.HTMLText(text)))
			}
		}
	} else if b != nil && b.Notes != "" {
		row("notes", e.noteHTML(b.Notes))
	}
	if fromDist {
		row("position", "from the roadbook distance (the file gives none)")
	} else if w != nil && w.OnRoute {
		row("off route", strconv.FormatFloat(math.Round(math.Abs(w.Offset)), 'f', 0, 64)+" m")
	}
	sb.WriteString("</table>")
	sb.WriteString(drawings(b, w))
	return sb.String()
}

// isText reports whether a notes field is text to show (not empty, not an
// embedded SVG or base64 image).
func isText(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || route.IsDrawing(s) {
		return false
	}
	return len(s) < 400 || strings.ContainsRune(s, ' ')
}

// speedZones builds the folder of the stage's speed zones, as the stage
// pairs them (Stage.Zones): each drawn along the route from the waypoint
// that opens it (a DZ, or a DN or DT that is also a zone) to the one that
// closes it (its FZ, FN or FT, or the next DZ), or to the route's end when
// nothing closes it, with the limit in the label. It returns nil when the
// stage has none, or no line to draw them on.
func (e *encoder) speedZones(st *route.Stage) gokml.Element {
	if st.Path == nil || len(st.Path.Line) < 2 {
		return nil
	}
	var f *gokml.FolderElement
	for _, z := range st.Zones {
		if z.To <= z.From || z.Start >= len(st.Waypoints) || z.End >= len(st.Waypoints) {
			continue // nothing to draw; or zones paired before the waypoints changed
		}
		open, closer := &st.Waypoints[z.Start], "the end of the route"
		if z.End >= 0 {
			closer = html.EscapeString(st.Waypoints[z.End].Label())
		}
		ls, alt := routeSlice(st, z.From, z.To)
		limit := "speed zone"
		if z.Limit > 0 {
			limit = strconv.FormatFloat(z.Limit, 'f', -1, 64) + " km/h"
		}
		if f == nil {
			f = gokml.Folder(gokml.Name("Speed zones"))
		}
		f.Append(gokml.Placemark(
			gokml.Name(limit),
			descElement(fmt.Sprintf("Speed zone %s to %s: %s to %s (%s km), limit %s",
				html.EscapeString(open.Label()), closer, where(st, z.From), where(st, z.To), km(route.RoundOdo(z.To)-route.RoundOdo(z.From)), limit)),
			gokml.StyleURL("#"+speedZoneStyle.id),
			e.line(ls, alt, false),
		))
	}
	if f == nil {
		return nil
	}
	return f
}

// ringSides returns the number of sides of a radius polygon of r metres:
// enough that no side strays more than tol metres inside the true circle
// (the sagitta r(1 − cos π/n) ≤ tol), at least 16 and at most 72.
func ringSides(r, tol float64) int {
	const lo, hi = 16, 72
	if tol <= 0 || tol >= r {
		if tol <= 0 {
			return hi
		}
		return lo
	}
	n := int(math.Ceil(math.Pi / math.Acos(1-tol/r)))
	return max(lo, min(hi, n))
}

// ring returns the closed ring of n points r metres from c (geodesics from
// c with geo.Destination), starting north and turning clockwise.
func ring(c orb.Point, r float64, n int) coordsElement {
	pts := make(orb.LineString, 0, n+1)
	for i := 0; i < n; i++ {
		pts = append(pts, geo.Destination(c, float64(i)*360/float64(n), r))
	}
	pts = append(pts, pts[0])
	return coords(pts, nil, nil)
}

// radii builds the hidden folder of every control's validation and open
// radius as circles.
func (e *encoder) radii(st *route.Stage) gokml.Element {
	f := gokml.Folder(gokml.Name("Radii"), gokml.Visibility(false))
	sag := min(e.opts.tolerance(), 1) // metres; 1 m at most even when not simplifying
	if e.opts.tolerance() < 0 {
		sag = 0.25
	}
	for i := range st.Waypoints {
		w := &st.Waypoints[i]
		p, _, ok := position(st, w)
		if !ok {
			continue
		}
		for _, c := range w.Controls {
			r := e.opts.Rules.RadiiFor(c.Kind, c.Radii)
			for _, rr := range []struct {
				m     float64
				what  string
				style lineStyle
			}{{r.Clear, "validation", clearStyle}, {r.Open, "open", openStyle}} {
				if rr.m <= 0 {
					continue
				}
				name := fmt.Sprintf("%s %s %s m", w.Label(), rr.what, strconv.FormatFloat(rr.m, 'f', -1, 64))
				if lbl := w.Label(); lbl != c.Kind.String() && !strings.Contains(lbl, c.Kind.String()) {
					name = c.Kind.String() + " " + name
				}
				f.Append(gokml.Placemark(
					gokml.Name(name),
					gokml.Visibility(false),
					gokml.StyleURL("#"+rr.style.id),
					gokml.Polygon(
						gokml.Tessellate(true),
						gokml.AltitudeMode(gokml.AltitudeModeClampToGround),
						gokml.OuterBoundaryIs(gokml.LinearRing(ring(p, rr.m, ringSides(rr.m, sag)))),
					),
				))
			}
		}
	}
	return f
}

// kmMarkers builds the hidden folder of kilometre markers, every step km
// from the start of each section, named by the roadbook odometer
// ("special km 100"), or nil when none.
func (e *encoder) kmMarkers(st *route.Stage) gokml.Element {
	step := e.opts.kmMarkers()
	if step <= 0 {
		return nil
	}
	f := gokml.Folder(gokml.Name("Kilometre markers"), gokml.Visibility(false))
	secs := st.Sections
	if len(secs) == 0 {
		secs = []route.Section{{From: 0, To: st.Length()}}
	}
	for i, sec := range secs {
		label := st.SectionLabel(i)
		if label != "" {
			label += " "
		}
		to := math.Min(sec.To, st.Length())
		for n := 1; ; n++ {
			d := float64(n) * step * 1000
			if !(sec.From+d < to) {
				break
			}
			f.Append(gokml.Placemark(
				gokml.Name(label+"km "+strconv.FormatFloat(float64(n)*step, 'f', -1, 64)),
				gokml.Visibility(false),
				gokml.StyleURL("#wp-"+kmIcon.name),
				point(st.Path.PointAt(sec.From+d)),
			))
		}
	}
	return f
}

// drawings returns the HTML of a balloon's drawings: the tulip (the file's
// own, else the one drawn from the route) and the file's notes drawing, as
// images; a drawing that cannot be decoded is named in its place. "" when
// there is none.
func drawings(b *roadbook.Box, w *route.Placed) string {
	var sb strings.Builder
	img := func(what, src string) {
		fmt.Fprintf(&sb, `<img alt="%s" src="%s" width="160" style="border:1px solid #000;margin:2px"/>`, what, src)
	}
	var tulipData, notesData string
	if w != nil {
		tulipData, notesData = w.Tulip, w.Notes
	} else if b != nil {
		tulipData = b.TulipData
	}
	switch im, err := roadbook.ParseImage(tulipData); {
	case err == nil:
		img("tulip", im.DataURL())
	case !errors.Is(err, roadbook.ErrNoDrawing):
		fmt.Fprintf(&sb, "<p>tulip: %s</p>", html.EscapeString(err.Error()))
	case b != nil && b.Tulip != nil:
		var buf bytes.Buffer
		if tulip.WriteSVG(&buf, b.Tulip, 160) == nil {
			img("tulip", roadbook.Image{Format: roadbook.SVG, Data: buf.Bytes()}.DataURL())
		}
	}
	if roadbook.IsNotesSVG(notesData) {
		notesData = "" // the words, drawn by roadbook: the balloon has them as text
	}
	switch im, err := roadbook.ParseImage(notesData); {
	case err == nil:
		img("notes", im.DataURL())
	case !errors.Is(err, roadbook.ErrNoDrawing):
		fmt.Fprintf(&sb, "<p>notes drawing: %s</p>", html.EscapeString(err.Error()))
	}
	return sb.String()
}

package gen

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// builtStage is a generated stage: its route, its marks and its file.
type builtStage struct {
	plan  *stagePlan
	frame frame
	pts   []vec          // the route in the stage frame
	line  orb.LineString // the route as written
	odo   []float64      // metres along line
	// Vertex indexes of the section ends.
	dss, dn, fn, ass int
	turns            []stageTurn // junction and fork turns, in route order
	file             *route.File
	// Measured lengths in metres (liaison includes the neutralisation).
	liaison, special, neutral float64
	// Speed zones as vertex ranges with their limit, for the ride.
	zones []zone
	// Stops: vertex index and duration, for the ride.
	stops []stop
	// marks are the vertex indexes of the waypoints, in order.
	marks []int
	grid  map[[2]int][]int // route vertexes by 250 m cell, built by crowded
}

// stageTurn is a turn of the route with its vertex indexes in the stage.
type stageTurn struct {
	turn
	special bool // in a timed sector
}

type zone struct {
	from, to int
	limit    float64 // km/h
}

type stop struct {
	at  int
	dur time.Duration
}

// fileName returns the stage file name: 00-prologue.gpx, 07-stage7.gpx.
func (p *stagePlan) fileName() string {
	if p.num == 0 {
		return "00-prologue.gpx"
	}
	return fmt.Sprintf("%02d-stage%d.gpx", p.num, p.num)
}

func buildStage(p *stagePlan) (*builtStage, error) {
	start, ok1 := places[p.start]
	finish, ok2 := places[p.finish]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s: unknown place", p.name())
	}
	mid := orb.Point{(start[0] + finish[0]) / 2, (start[1] + finish[1]) / 2}
	f := newFrame(mid)
	b := &builtStage{plan: p, frame: f}
	a, z := f.xy(start), f.xy(finish)
	dss := a.add(polar(p.dss.bearing, p.dss.km*1e3))
	ass := z.add(polar(p.ass.bearing, p.ass.km*1e3))
	seed := uint64(2026*100 + p.num)
	afterKm := p.liaisonKm - p.beforeKm
	type part struct {
		spec legSpec
		kind route.SectionKind
	}
	var parts []part
	parts = append(parts, part{legSpec{a: a, b: dss, length: p.beforeKm * 1e3, style: road, side: p.sides[0], townA: true, seed: seed*10 + 1}, route.Liaison})
	if s := p.split; s != nil {
		dn := dss.add(polar(s.dn.bearing, s.dn.km*1e3))
		fn := dn.add(polar(s.fn.bearing, s.fn.km*1e3))
		afterKm -= s.neutralKm
		parts = append(parts,
			part{legSpec{a: dss, b: dn, length: s.sector1Km * 1e3, style: cross, side: s.sideA, seed: seed*10 + 2}, route.Special},
			part{legSpec{a: dn, b: fn, length: s.neutralKm * 1e3, style: street, side: 1, seed: seed*10 + 3}, route.Neutralisation},
			part{legSpec{a: fn, b: ass, length: (p.specialKm - s.sector1Km) * 1e3, style: cross, side: s.sideB, seed: seed*10 + 4}, route.Special})
	} else {
		parts = append(parts, part{legSpec{a: dss, b: ass, length: p.specialKm * 1e3, style: cross, side: p.sides[1], seed: seed*10 + 2}, route.Special})
	}
	parts = append(parts, part{legSpec{a: ass, b: z, length: afterKm * 1e3, style: road, side: p.sides[2], townB: true, seed: seed*10 + 5}, route.Liaison})

	ends := []int{0}
	for i, pt := range parts {
		pts, turns, err := newLeg(pt.spec).build(f)
		if err != nil {
			return nil, fmt.Errorf("%s: leg %d: %v", p.name(), i+1, err)
		}
		off := 0
		if len(b.pts) > 0 {
			off = len(b.pts) - 1
			pts = pts[1:]
			for k := range turns {
				turns[k].start--
				turns[k].apex--
			}
		}
		b.pts = append(b.pts, pts...)
		for _, tn := range turns {
			if tn.start > 0 {
				tn.start += off
				tn.apex += off
				b.turns = append(b.turns, stageTurn{tn, pt.kind == route.Special})
			}
		}
		ends = append(ends, len(b.pts)-1)
	}
	b.line = make(orb.LineString, len(b.pts))
	for i, v := range b.pts {
		b.line[i] = f.ll(v)
	}
	b.odo = odometer(b.line)
	b.dss = ends[1]
	if p.split != nil {
		b.dn, b.fn, b.ass = ends[2], ends[3], ends[4]
		b.special = (b.odo[b.dn] - b.odo[b.dss]) + (b.odo[b.ass] - b.odo[b.fn])
		b.neutral = b.odo[b.fn] - b.odo[b.dn]
	} else {
		b.dn, b.fn, b.ass = -1, -1, ends[2]
		b.special = b.odo[b.ass] - b.odo[b.dss]
	}
	b.liaison = b.odo[len(b.odo)-1] - b.special
	b.file = b.makeFile(newRng(seed*10 + 7))
	return b, nil
}

// at returns the index of the vertex nearest to d metres along the route.
func (b *builtStage) at(d float64) int {
	i := sort.SearchFloat64s(b.odo, d)
	if i >= len(b.odo) {
		return len(b.odo) - 1
	}
	if i > 0 && d-b.odo[i-1] < b.odo[i]-d {
		return i - 1
	}
	return i
}

// capAt returns the CAP at vertex i as roadbook defines it: the bearing
// (package geo, on WGS84) from the vertex to the point 35 m further along
// the route (at the end of the route, over its last 35 m), in whole
// degrees.
func (b *builtStage) capAt(i int) float64 {
	total := b.odo[len(b.odo)-1]
	from, to := b.odo[i], b.odo[i]+35
	if to > total {
		from, to = math.Max(0, total-35), total
	}
	return math.Mod(math.Round(geo.Bearing(b.lineAt(from), b.lineAt(to))), 360)
}

// lineAt returns the position d metres along the route.
func (b *builtStage) lineAt(d float64) orb.Point {
	j := sort.SearchFloat64s(b.odo, d)
	if j <= 0 {
		return b.line[0]
	}
	if j >= len(b.odo) {
		return b.line[len(b.line)-1]
	}
	f := (d - b.odo[j-1]) / (b.odo[j] - b.odo[j-1])
	p, q := b.line[j-1], b.line[j]
	return orb.Point{p[0] + (q[0]-p[0])*f, p[1] + (q[1]-p[1])*f}
}

// mark is a waypoint being placed at a vertex.
type mark struct {
	at   int
	w    route.Waypoint
	turn bool // a junction turn's box, not a control
}

var lexicon = []string{"{follow-main-track}", "{sandy}", "{stones}", "{dunes-many}", "{track}", "{always} {follow-main-track}", "{sandy} {and-next} {stones}", "into {wadi}", "{dune} dunes", "{off-track}"}

// makeFile places the stage's waypoints and returns its file.
func (b *builtStage) makeFile(r *rng) *route.File {
	p := b.plan
	radii := route.DefaultRadii()
	ctl := func(k route.Kind, name string) route.Control {
		return route.Control{Kind: k, Name: name, Radii: radii[k]}
	}
	var marks []mark
	taken := func(i int, gap float64) bool {
		for _, m := range marks {
			if math.Abs(b.odo[m.at]-b.odo[i]) < gap {
				return true
			}
		}
		return false
	}
	add := func(i int, w route.Waypoint) { marks = append(marks, mark{i, w, false}) }
	// at returns the vertex d metres along the route, moved on by steps of
	// 150 m (up to 6 km) while the route comes back near it: a control
	// there would be validated on the wrong pass (a hairpin's other arm,
	// another part of the stage).
	at := func(d float64) int {
		i := b.at(d)
		for k := 0; k < 40 && b.crowded(i, 260); k++ {
			d += 150
			i = b.at(d)
		}
		return i
	}
	zoneAt := func(from float64, length, limit float64, note string) {
		i, j := at(from), at(from+length)
		add(i, route.Waypoint{Controls: []route.Control{{Kind: route.DZ}}, Speed: limit, Notes: note})
		add(j, route.Waypoint{Controls: []route.Control{{Kind: route.FZ}}})
		b.zones = append(b.zones, zone{i, j, limit})
	}
	end := len(b.odo) - 1
	total := b.odo[end]

	// Departure: a time control and the bivouac's speed zone.
	before := b.odo[b.dss]
	allowed := time.Duration(math.Ceil((before/1e3/60*60+30)/5)*5) * time.Minute
	add(0, route.Waypoint{Name: "Bivouac " + p.start, Controls: []route.Control{{Kind: route.CH}, {Kind: route.DZ}}, Speed: 50, Allowed: allowed, Notes: "departure"})
	z0 := b.at(3000)
	add(z0, route.Waypoint{Controls: []route.Control{{Kind: route.FZ}}})
	b.zones = append(b.zones, zone{0, z0, 50})

	// Villages on the liaisons.
	villages := func(from, to float64) {
		n := int((to - from) / 90e3)
		for k := 0; k < n; k++ {
			s := from + (to-from)*(float64(k)+r.between(0.3, 0.7))/float64(n)
			zoneAt(s, r.between(1800, 3500), []float64{50, 50, 60, 80}[r.intn(4)], "{village}")
		}
	}
	villages(8e3, before-8e3)

	// The special: DSS with its start speed zone.
	add(b.dss, route.Waypoint{Name: "DSS", Controls: []route.Control{ctl(route.DSS, "DSS"), {Kind: route.DZ}}, Speed: 50, Notes: "start of the special"})
	z1 := at(before + 1000)
	add(z1, route.Waypoint{Controls: []route.Control{{Kind: route.FZ}}})
	b.zones = append(b.zones, zone{b.dss, z1, 50})
	b.stops = append(b.stops, stop{b.dss, 2 * time.Minute})

	inDunes := func(d float64) bool {
		km := (d - before) / 1e3
		for _, r := range p.dunes {
			if km >= r[0] && km < r[1] {
				return true
			}
		}
		return false
	}
	type span struct{ from, to float64 }
	var timed []span
	if p.split != nil {
		timed = []span{{before, b.odo[b.dn]}, {b.odo[b.fn], b.odo[b.ass]}}
	} else {
		timed = []span{{before, b.odo[b.ass]}}
	}
	special := b.special

	// Checkpoints, refuel and villages first, then the waypoints around them.
	if special >= 250e3 {
		add(at(before+0.4*special), route.Waypoint{Name: "CP 1", Controls: []route.Control{ctl(route.CP, "CP 1")}})
	}
	if special >= 400e3 {
		add(at(before+0.78*special), route.Waypoint{Name: "CP 2", Controls: []route.Control{ctl(route.CP, "CP 2")}})
	}
	if special >= 350e3 {
		s := before + r.between(0.52, 0.6)*special
		zoneAt(s-600, 1200, 30, "{fuel-zone} refuel zone")
		i := at(s)
		add(i, route.Waypoint{Name: "Refuel", Controls: []route.Control{{Kind: route.Fuel}}, Notes: "{fuel-zone} {petrol-station} refuel"})
		b.stops = append(b.stops, stop{i, 8 * time.Minute})
	}
	for k := 0; k < int(special/200e3); k++ {
		for try := 0; try < 20; try++ {
			s := before + special*r.between(0.15, 0.85)
			if !taken(at(s), 4000) && !taken(at(s+2500), 4000) && !inDunes(s) {
				zoneAt(s, 2000, 50, "{village}")
				break
			}
		}
	}
	if p.split != nil {
		add(b.dn, route.Waypoint{Name: "DN", Controls: []route.Control{{Kind: route.DN}}, Neutralisation: time.Duration(p.split.neutralisation) * time.Minute, Notes: "end of sector 1, neutralisation"})
		add(b.fn, route.Waypoint{Name: "FN", Controls: []route.Control{ctl(route.FN, "FN")}, Notes: "start of sector 2"})
		b.stops = append(b.stops, stop{b.dn, time.Duration(p.split.neutralisation) * time.Minute})
	}
	// Dangers, each !!! announced by a safety waypoint 1 km before.
	nd := 2 + int(special/150e3)
	for k := 0; k < nd; k++ {
		for try := 0; try < 30; try++ {
			sp := timed[r.intn(len(timed))]
			s := r.between(sp.from+6e3, sp.to-6e3)
			level := 1 + r.intn(3)
			if taken(at(s), 2500) || (level == 3 && taken(at(s-1000), 2500)) {
				continue
			}
			notes := []string{"", "{danger-1} {stones}", "{danger-2} {hole}", "{danger-3} {step-down} drop"}[level]
			add(at(s), route.Waypoint{Danger: level, Notes: notes})
			if level == 3 {
				add(at(s-1000), route.Waypoint{Controls: []route.Control{ctl(route.WPS, "")}, Notes: "{danger-3} ahead"})
			}
			break
		}
	}
	// Waypoints every 10–28 km.
	for _, sp := range timed {
		first := true
		for s := sp.from + r.between(8e3, 14e3); s < sp.to-7e3; s += r.between(10e3, 28e3) {
			i := at(s)
			for k := 0; k < 8 && taken(i, 1200); k++ {
				s += 1500
				i = at(s)
			}
			if taken(i, 1200) || s >= sp.to-5e3 {
				continue
			}
			var k route.Kind
			x := r.float()
			switch {
			case first:
				k = route.WPV
			case inDunes(s):
				k = []route.Kind{route.WPE, route.WPE, route.WPN, route.WPM}[int(x*4)]
			case x < 0.55:
				k = route.WPM
			case x < 0.67:
				k = route.WPV
			case x < 0.87:
				k = route.WPC
			case x < 0.94:
				k = route.WPE
			default:
				k = route.WPP
			}
			first = false
			w := route.Waypoint{Controls: []route.Control{ctl(k, "")}}
			if r.float() < 0.4 {
				w.Notes = lexicon[r.intn(len(lexicon))]
			}
			add(i, w)
		}
	}
	add(b.ass, route.Waypoint{Name: "ASS", Controls: []route.Control{ctl(route.ASS, "ASS")}, Notes: "finish of the special"})
	villages(b.odo[b.ass]+8e3, total-8e3)

	// Arrival: the bivouac's speed zone and time control.
	zi := b.at(total - 3000)
	add(zi, route.Waypoint{Controls: []route.Control{{Kind: route.DZ}}, Speed: 50, Notes: "bivouac"})
	add(end, route.Waypoint{Name: "Bivouac " + p.finish, Controls: []route.Control{{Kind: route.FZ}, {Kind: route.CH}}, Notes: "arrival"})
	b.zones = append(b.zones, zone{zi, end, 50})

	// A box at each junction turn of 45° or more, at the apex of the
	// turn, at least 80 m from every other turn's box. A control within
	// atJunction of the apex is the junction's box: its notes begin with
	// the turn. A junction near a control (but not at it) still has its
	// own box, its notes and danger drawn from a generator of their own,
	// so that the other boxes' draws stay as they were.
	near := newRng(r.s ^ 0x5ca1ab1e)
	for _, tn := range b.turns {
		if tn.kind != junction || tn.theta < 45 || tn.apex <= 0 || tn.apex >= end {
			continue
		}
		ctl, turnNear := -1, false
		for k, m := range marks {
			d := math.Abs(b.odo[m.at] - b.odo[tn.apex])
			switch {
			case d >= 80:
			case m.turn:
				turnNear = true
			case d <= atJunction && (ctl < 0 || d < math.Abs(b.odo[marks[ctl].at]-b.odo[tn.apex])):
				ctl = k
			}
		}
		switch {
		case ctl >= 0:
			marks[ctl].w.Notes = strings.TrimSpace(turnText(tn) + " " + marks[ctl].w.Notes)
		case turnNear:
		case taken(tn.apex, 80):
			notes, danger := turnNotes(tn, near)
			marks = append(marks, mark{tn.apex, route.Waypoint{Notes: notes, Danger: danger}, true})
		default:
			notes, danger := turnNotes(tn, r)
			marks = append(marks, mark{tn.apex, route.Waypoint{Notes: notes, Danger: danger}, true})
		}
	}

	sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	// Number the waypoints to validate in order; a WPC is named by its
	// whole km in the roadbook (from the start of its sector).
	// The roadbook counts each section from 0 at its start (the DSS, a
	// DN, an FN, the ASS): the box there gives the total of the section it
	// closes, and resets.
	var starts []int
	for _, i := range []int{b.dss, b.dn, b.fn, b.ass} {
		if i >= 0 {
			starts = append(starts, i)
		}
	}
	n := 0
	wps := make([]route.Waypoint, 0, len(marks))
	for _, m := range marks {
		if !m.turn {
			b.marks = append(b.marks, m.at)
		}
		w := m.w
		w.Point = b.line[m.at]
		w.HasPoint = true
		base := 0.0
		for _, st := range starts {
			if st < m.at {
				base = b.odo[st]
			} else if st == m.at {
				w.Reset = true
			}
		}
		d := b.odo[m.at] - base
		w.Distance = math.Round(d/10) / 100
		w.HasDistance = true
		w.Cap = b.capAt(m.at)
		w.HasCap = true
		if len(w.Controls) > 0 && w.Controls[0].Kind.IsWaypoint() {
			n++
			k := w.Controls[0].Kind
			name := fmt.Sprintf("%v %d", k, n)
			if k == route.WPC {
				name = fmt.Sprintf("WPC %d", int(w.Distance))
			}
			w.Name = name
			w.Controls[0].Name = name
		}
		wps = append(wps, w)
	}
	sort.SliceStable(b.zones, func(i, j int) bool { return b.zones[i].from < b.zones[j].from })
	sort.SliceStable(b.stops, func(i, j int) bool { return b.stops[i].at < b.stops[j].at })

	desc := fmt.Sprintf("Dakar 2026 %s, %s > %s, %s. Illustrative route: the real routes and roadbooks are secret; "+
		"this is a plausible track between the real bivouac towns whose sections match the published lengths "+
		"(liaison %.0f km, special %.0f km, total %.0f km; press figures for cars).",
		p.name(), p.start, p.finish, longDate(p.date), p.liaisonKm, p.specialKm, p.totalKm())
	if p.note != "" {
		desc += " " + upperFirst(p.note) + "."
	}
	return &route.File{
		Version: "1.1",
		Creator: "roadbook examples/dakar2026 generator",
		Metadata: route.Metadata{
			Name:     fmt.Sprintf("Dakar 2026 – %s: %s > %s", p.name(), p.start, p.finish),
			Desc:     desc,
			Author:   "roadbook",
			Keywords: "Dakar 2026, rally-raid, OpenRally, illustrative",
		},
		Units:     "metric",
		TotalKm:   math.Round(total/10) / 100,
		HasTotal:  true,
		Waypoints: wps,
		Tracks: []route.Track{{
			Name:     p.name(),
			Desc:     "illustrative route",
			Segments: []route.Segment{{Points: b.line}},
		}},
	}
}

func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// atJunction is the distance in metres from a junction's apex within
// which a control's box is the junction's box: its tulip is the
// junction's.
const atJunction = 10.0

// turnText returns a junction turn as roadbooks abbreviate it (the turn
// notes of docs/roadbook.md): KL/KR (keep) under 65°, TL/TR (turn) with
// the angle rounded to 5°, HL/HR (hairpin) from 130°.
func turnText(tn stageTurn) string {
	side := "R"
	if tn.left {
		side = "L"
	}
	deg := int(math.Round(tn.theta/5) * 5)
	switch {
	case tn.theta < 65:
		return "K" + side
	case tn.theta < 130:
		return fmt.Sprintf("T%s %d°", side, deg)
	}
	return fmt.Sprintf("H%s %d°", side, deg)
}

// turnNotes returns the notes and danger level of a junction turn's box:
// the turn (turnText), sometimes with a danger and a terrain word in the
// specials.
func turnNotes(tn stageTurn, r *rng) (string, int) {
	notes := turnText(tn)
	danger := 0
	if tn.theta >= 130 {
		if tn.special && r.float() < 0.6 {
			danger = 1 + r.intn(3)
			notes += fmt.Sprintf(" {danger-%d}", danger)
		}
	}
	if tn.special {
		if x := r.float(); x < 0.4 {
			notes += " " + []string{"{follow-main-track}", "{sandy}", "{stones}", "{track}", "into {wadi}", "{always} {follow-main-track}", "{sandy} {and-next} {stones}"}[r.intn(7)]
		}
	} else if r.float() < 0.3 {
		notes += " {road}"
	}
	return notes, danger
}

// crowded reports whether the route comes within r metres of vertex i
// on another pass (at a vertex that the route does not reach from i
// without leaving the circle of radius r around it) or lingers in that
// circle (a hairpin).
func (b *builtStage) crowded(i int, r float64) bool {
	if b.grid == nil {
		b.grid = map[[2]int][]int{}
		for k, p := range b.pts {
			c := [2]int{int(math.Floor(p.x / gridCell)), int(math.Floor(p.y / gridCell))}
			b.grid[c] = append(b.grid[c], k)
		}
	}
	p := b.pts[i]
	lo, hi := i, i
	for lo > 0 && b.pts[lo-1].sub(p).len() < r {
		lo--
	}
	for hi < len(b.pts)-1 && b.pts[hi+1].sub(p).len() < r {
		hi++
	}
	if b.odo[hi]-b.odo[lo] > 2.3*r { // the route lingers: a hairpin
		return true
	}
	cx, cy := int(math.Floor(p.x/gridCell)), int(math.Floor(p.y/gridCell))
	n := int(math.Ceil(r / gridCell))
	for dx := -n; dx <= n; dx++ {
		for dy := -n; dy <= n; dy++ {
			for _, k := range b.grid[[2]int{cx + dx, cy + dy}] {
				if (k < lo-1 || k > hi+1) && b.pts[k].sub(p).len() < r {
					return true
				}
			}
		}
	}
	return false
}

// gridCell is the cell size in metres of the index crowded uses.
const gridCell = 250.0

package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// firstPage prints a stage's first page: the titles, a summary line, the
// section table and the overview map.
func (d *doc) firstPage(b *roadbook.Book, name, subtitle string, pages int) {
	f, g := d.f, d.g
	s := g.scale
	d.header(name, 1, pages)
	x := g.margin
	w := g.width - 2*g.margin
	y := g.top + 2*s

	d.color(black)
	if d.opts.Rally != "" {
		f.SetFont(family, "", 10*s)
		y += 10 * s * mmPerPt
		f.Text(x, y, fitString(f, d.opts.Rally, w))
		y += 2 * s
	}
	f.SetFont(family, "B", 17*s)
	fitSize(f, name, 17*s, 9, w)
	y += 17 * s * mmPerPt
	f.Text(x, y, fitString(f, name, w))
	y += 2 * s
	if subtitle != "" {
		f.SetFont(family, "", 9.5*s)
		y += 9.5 * s * mmPerPt
		f.Text(x, y, fitString(f, subtitle, w))
		y += 1.5 * s
	}

	st := b.Stage
	hasRoute := st != nil && st.Path != nil && len(st.Path.Line) >= 2 && len(st.Path.Odo) == len(st.Path.Line)
	summary := []string{route.Plural(len(b.Boxes), "box", "boxes")}
	if hasRoute {
		summary = append([]string{route.Km(st.Length()) + " km"}, summary...)
	}
	if st != nil {
		nw := 0
		for _, p := range st.Waypoints {
			for _, c := range p.Controls {
				if c.Kind.IsWaypoint() {
					nw++
					break
				}
			}
		}
		summary = append(summary, route.Plural(nw, "waypoint", "waypoints"))
	}
	f.SetFont(family, "", 8.5*s)
	y += 8.5*s*mmPerPt + 1.5*s
	d.color(grey)
	f.Text(x, y, joinDot(summary))
	y += 3 * s

	if st != nil && len(st.Sections) > 0 {
		y = d.sectionTable(b, x, y, w)
	}
	keys := computedKeys(b)
	keyH := float64(len(keys)) * keyRow * s
	if !hasRoute {
		d.computedKey(keys, x, y+3*s, w)
		return
	}
	legendH := 9 * s
	bottom := g.firstHeight - g.bottom - legendH - keyH
	if bottom-y < 30 {
		d.computedKey(keys, x, y+3*s, w)
		return
	}
	d.overview(st, x, y+2*s, w, bottom-y-2*s)
	d.legend(st, x, bottom+2*s, w)
	d.computedKey(keys, x, bottom+legendH, w)
}

// keyRow is the height in millimetres (on A5) of a line of the key of
// what roadbook computed.
const keyRow = 7.5

// A computed is something roadbook worked out that the file does not say,
// shown on the box pages in a way of its own.
type computed uint8

const (
	measuredCap   computed = iota // a CAP measured on the route
	generatedNote                 // notes roadbook wrote
)

// computedKeys returns what of roadbook's own the boxes of b print, in
// the order the key explains them.
func computedKeys(b *roadbook.Book) []computed {
	var caps, notes bool
	for i := range b.Boxes {
		bx := &b.Boxes[i]
		caps = caps || (bx.HasCap && bx.CapMeasured)
		if !notes && bx.NoteGenerated && strings.TrimSpace(bx.Notes) != "" {
			// Printed unless the author's notes drawing takes its place.
			notes = true
			if st := b.Stage; st != nil && bx.Waypoint >= 0 && bx.Waypoint < len(st.Waypoints) {
				_, err := roadbook.ParseImage(st.Waypoints[bx.Waypoint].Notes)
				notes = err != nil
			}
		}
	}
	var out []computed
	if caps {
		out = append(out, measuredCap)
	}
	if notes {
		out = append(out, generatedNote)
	}
	return out
}

// computedKey prints, one line each from y, how the box pages show what
// roadbook computed where the file says nothing: a sample and what it
// means.
func (d *doc) computedKey(keys []computed, x, y, w float64) {
	f := d.f
	s := d.g.scale
	for i, k := range keys {
		top := y + float64(i)*keyRow*s
		h := 4.6 * s
		sx := x
		var sample float64
		switch k {
		case measuredCap:
			sample = d.capChip(90, true, sx, top, h, 9*s)
			d.capChip(90, false, sx+sample+1.5*s, top, h, 9*s)
			sample = 2*sample + 1.5*s
		case generatedNote:
			f.SetFont(family, "B", 9*s)
			d.color(grey)
			f.Text(sx, top+h/2+capHeight*9*s*mmPerPt/2, "TR 90°")
			sample = f.GetStringWidth("TR 90°")
		}
		text := map[computed]string{
			measuredCap:   "CAP in a dashed frame: measured on the route by roadbook (the file gives none); on yellow: the file's",
			generatedNote: "notes in grey: written by roadbook (the file gives none); in black: the file's",
		}[k]
		f.SetFont(family, "", minType*s)
		d.color(black)
		tx := sx + sample + 2.5*s
		lines := f.SplitText(text, x+w-tx)
		if len(lines) > 2 {
			lines = lines[:2]
		}
		lh := minType * s * mmPerPt * 1.15
		base := top + h/2 - float64(len(lines)-1)*lh/2 + capHeight*minType*s*mmPerPt/2
		for j, l := range lines {
			f.Text(tx, base+float64(j)*lh, l)
		}
	}
}

func joinDot(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}

// sectionTable prints the sections of b's stage (label, length by the
// roadbook odometer as the box closing it prints it, where it lies on the
// route) from y and returns the y under the table. At most 12 rows print;
// a last line says how many were left out.
func (d *doc) sectionTable(b *roadbook.Book, x, y, w float64) float64 {
	st := b.Stage
	secs := st.Sections
	f := d.f
	s := d.g.scale
	const size = 9
	rowH := 5 * s
	cols := []float64{0.07, 0.37, 0.22, 0.34} // #, section, length, route km
	heads := []string{"#", "section", "length km", "route km"}
	y += 2 * s
	cellX := func(i int) float64 {
		cx := x
		for _, c := range cols[:i] {
			cx += c * w
		}
		return cx
	}
	row := func(cells []string, bold bool, yy float64) {
		if bold {
			f.SetFont(family, "B", size*s)
		} else {
			f.SetFont(family, "", size*s)
		}
		base := yy + rowH/2 + capHeight*size*s*mmPerPt/2
		for i, c := range cells {
			cw := cols[i] * w
			c = fitString(f, c, cw-1.5)
			if i >= 2 { // numbers right-aligned
				f.Text(cellX(i)+cw-1-f.GetStringWidth(c), base, c)
			} else {
				f.Text(cellX(i)+0.8, base, c)
			}
		}
	}
	d.fill(rgb{232, 232, 232})
	f.Rect(x, y, w, rowH, "F")
	d.color(black)
	row(heads, true, y)
	y += rowH
	shown := secs
	if len(shown) > 12 {
		shown = shown[:11]
	}
	for i, sec := range shown {
		c := sectionColor(sec.Kind)
		d.fill(c)
		f.Rect(cellX(1)+0.8, y+rowH/2-0.9*s, 2.4*s, 1.8*s, "F")
		d.color(black)
		length := b.SectionTotal(i)
		row([]string{strconv.Itoa(i + 1), "      " + st.SectionLabel(i), route.Km(length), route.Km(sec.From) + "–" + route.Km(sec.To)}, false, y)
		d.draw(rgb{200, 200, 200})
		f.SetLineWidth(0.15)
		f.Line(x, y+rowH, x+w, y+rowH)
		y += rowH
	}
	if len(shown) < len(secs) {
		d.color(grey)
		row([]string{"", fmt.Sprintf("… %d more", len(secs)-len(shown)), "", ""}, false, y)
		y += rowH
	}
	return y
}

// sectionColor is the colour of a section kind on the map and in the table.
func sectionColor(k route.SectionKind) rgb {
	switch k {
	case route.Special:
		return rgb{220, 60, 20}
	case route.Liaison:
		return blue
	case route.Neutralisation:
		return green
	}
	return rgb{60, 60, 60}
}

// legend prints the map's key: the colour of each section kind the stage
// has, and what the ticks mean.
func (d *doc) legend(st *route.Stage, x, y, w float64) {
	f := d.f
	s := d.g.scale
	kinds := []route.SectionKind{}
	seen := map[route.SectionKind]bool{}
	for _, sec := range st.Sections {
		if !seen[sec.Kind] {
			seen[sec.Kind] = true
			kinds = append(kinds, sec.Kind)
		}
	}
	f.SetFont(family, "", minType*s)
	base := y + 2.2*s
	cx := x
	for _, k := range kinds {
		c := sectionColor(k)
		d.draw(c)
		f.SetLineWidth(0.9 * s)
		f.Line(cx, base-1*s, cx+6*s, base-1*s)
		d.color(black)
		f.Text(cx+7.5*s, base, k.String())
		cx += 7.5*s + f.GetStringWidth(k.String()) + 4*s
	}
	tick := tickInterval(st.Length())
	note := fmt.Sprintf("ticks every %d km from each section's start", int(tick/1000))
	d.color(grey)
	f.Text(x+w-f.GetStringWidth(note), base, note)
}

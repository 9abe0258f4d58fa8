// Package summary describes stage files and rallies in figures: what a file
// holds, how its stage is built (sections, waypoints in route order,
// problems), and a rally's table of stages with its totals. It is the
// document "roadbook info --json" prints (docs/info.md), as values a
// program can build and marshal itself.
//
// Units are those of the JSON: distances along the route in kilometres
// rounded to the metre, with three decimals; distances from the route and
// radii in metres rounded to the decimetre; speeds in km/h; times in RFC
// 3339, UTC. Section lengths are the differences of their rounded ends, so
// they add up to the stage's length exactly as printed; a rally's totals
// add the rounded figures of its stages.
//
// Summaries are plain values built from a route.File and its route.Stage:
// no I/O.
package summary

import (
	"math"
	"strings"
	"time"

	"github.com/roadbook/roadbook/route"
)

// Document is what "roadbook info --json" prints. Build it with NewDocument,
// AddFile and AddRally.
type Document struct {
	// Files lists every stage file, rally stages included, in the order
	// added (a rally's in manifest order).
	Files []File `json:"files"`
	// Rallies lists the rally folders, in the order added.
	Rallies []Rally `json:"rallies"`
}

// NewDocument returns an empty document, its lists empty (not null in
// JSON).
func NewDocument() *Document {
	return &Document{Files: []File{}, Rallies: []Rally{}}
}

// AddFile adds the stage file f, named name, given on its own, with its
// stage s; rules give the radii the file does not (nil for the defaults).
func (d *Document) AddFile(name string, f *route.File, s *route.Stage, rules *route.Rules) {
	d.Files = append(d.Files, NewFile(name, f, s, rules))
}

// AddRally adds the rally r of the folder dir: its table, and each of its
// stage files (their File.Rally set to dir).
func (d *Document) AddRally(dir string, r *route.Rally, stages []route.LoadedStage, rules *route.Rules) {
	for _, s := range stages {
		f := NewFile(s.Path, s.File, s.Stage, rules)
		f.Rally = dir
		d.Files = append(d.Files, f)
	}
	d.Rallies = append(d.Rallies, NewRally(dir, r, stages))
}

// File summarises one stage file and its stage.
type File struct {
	File      string `json:"file"`                // the file's name as the caller gives it
	Version   string `json:"version,omitempty"`   // GPX version
	Creator   string `json:"creator,omitempty"`   // the creator attribute
	OpenRally string `json:"openrally,omitempty"` // the OpenRally namespace, "" for plain GPX
	route.Counts
	TrackLengthM float64 `json:"track_length_m"` // each segment measured on its own, metres
	RouteLengthM float64 `json:"route_length_m"` // the <rte> routes, metres
	TimeStart    string  `json:"time_start,omitempty"`
	TimeEnd      string  `json:"time_end,omitempty"`
	// Skipped is what lenient decoding skipped, the first
	// route.MaxSkipped problems; SkippedCount counts them all.
	Skipped      []string `json:"skipped,omitempty"`
	SkippedCount int      `json:"skipped_count,omitempty"`
	Stage        Stage    `json:"stage"`
	// Rally is the folder of the rally the file is a stage of, "" for a
	// file given on its own; not in the JSON, which lists the rally's
	// files with the others.
	Rally string `json:"-"`
}

// Stage summarises a built stage.
type Stage struct {
	Name          string     `json:"name"`
	LengthKm      float64    `json:"length_km"`
	HasSpecial    bool       `json:"has_special"`
	LiaisonKm     float64    `json:"liaison_km"`
	SpecialKm     float64    `json:"special_km"`
	NeutralisedKm float64    `json:"neutralised_km"`
	Sections      []Section  `json:"sections"`
	Waypoints     []Waypoint `json:"waypoints"`
	Problems      []Problem  `json:"problems"`
}

// Section is one section of a stage.
type Section struct {
	Kind   string `json:"kind"`   // "liaison", "special", "neutralisation"
	Sector int    `json:"sector"` // 1, 2… for the sectors of a split special, else 0
	// Label names the section as the roadbook does: "liaison 1",
	// "special", "special 2" (route.Stage.SectionLabel).
	Label string `json:"label"`
	// RoadbookKm is the section's length as the roadbook's odometer
	// prints it: the total on its last box, to 10 m (route.RoundOdo).
	RoadbookKm float64 `json:"roadbook_km"`
	FromKm     float64 `json:"from_km"`
	ToKm       float64 `json:"to_km"`
	LengthKm   float64 `json:"length_km"`
}

// Waypoint is one waypoint of a stage, in route order.
type Waypoint struct {
	Kind    string   `json:"kind"`  // the first control's kind, "" for none
	Kinds   []string `json:"kinds"` // every control's kind
	Name    string   `json:"name"`
	Line    int      `json:"line,omitempty"` // in its file, 0 when unknown
	OnRoute bool     `json:"on_route"`       // false: not placed on a route (no position, or no route)
	// HasPosition: the file gives the waypoint a position (false for a
	// distance-only box at lat="0" lon="0").
	HasPosition bool    `json:"has_position"`
	Km          float64 `json:"km"`
	PartialKm   float64 `json:"partial_km"` // since the previous waypoint
	// Section and RoadbookKm are where the waypoint is by the roadbook's
	// odometer, as its box prints it: the section it reads in ("special",
	// "liaison 2"; at a section's start, the section it opens) and the
	// reading arriving at it, to 10 m (at a section's start the total of
	// the section it closes). The file's own distance when it gives one.
	Section    string  `json:"section"`
	RoadbookKm float64 `json:"roadbook_km"`
	// Closes is the section a waypoint at a section's start closes (its
	// RoadbookKm is that section's total; Section then starts at 0), ""
	// elsewhere.
	Closes   string  `json:"closes,omitempty"`
	OffsetM  float64 `json:"offset_m"`  // distance from the route
	ClearM   float64 `json:"clear_m"`   // validation radius
	OpenM    float64 `json:"open_m"`    // open radius
	SpeedKmh float64 `json:"speed_kmh"` // speed limit, 0 for none
	Danger   int     `json:"danger,omitempty"`
	// Notes is the box's text notes on one line, "" when it has none or
	// when they are a drawing (SVG or an image).
	Notes string `json:"notes,omitempty"`
}

// Problem is something wrong with a stage (route.Problem).
type Problem struct {
	Message  string `json:"message"`
	Line     int    `json:"line,omitempty"`
	Waypoint int    `json:"waypoint"`
}

// Rally is a rally folder's table: its stages and rest days, and totals.
type Rally struct {
	Dir      string          `json:"dir"`
	Name     string          `json:"name"`
	Stages   []RallyStage    `json:"stages"`
	RestDays []route.RestDay `json:"rest_days"`
	Totals   Totals          `json:"totals"`
}

// RallyStage is one row of a rally's table.
type RallyStage struct {
	Name          string  `json:"name"`
	File          string  `json:"file"`
	Date          string  `json:"date,omitempty"`
	Start         string  `json:"start,omitempty"`
	Finish        string  `json:"finish,omitempty"`
	LiaisonKm     float64 `json:"liaison_km"`
	SpecialKm     float64 `json:"special_km"`
	NeutralisedKm float64 `json:"neutralised_km"`
	TotalKm       float64 `json:"total_km"`
	Marathon      bool    `json:"marathon"`
}

// Totals are a rally's totals: the sums of its table's columns.
type Totals struct {
	Stages        int     `json:"stages"`
	LiaisonKm     float64 `json:"liaison_km"`
	SpecialKm     float64 `json:"special_km"`
	NeutralisedKm float64 `json:"neutralised_km"`
	TotalKm       float64 `json:"total_km"`
}

// NewFile summarises the file f, named name, and its stage s built from it;
// rules give the radii the file does not (nil for the defaults).
func NewFile(name string, f *route.File, s *route.Stage, rules *route.Rules) File {
	out := File{
		File:         name,
		Version:      f.Version,
		Creator:      f.Creator,
		OpenRally:    f.OpenRally,
		Counts:       f.Counts(),
		TrackLengthM: dm(f.TrackLength()),
		RouteLengthM: dm(f.RouteLength()),
		Stage:        NewStage(s, rules),
	}
	if first, last, ok := f.TimeSpan(); ok {
		out.TimeStart = first.UTC().Format(time.RFC3339Nano)
		out.TimeEnd = last.UTC().Format(time.RFC3339Nano)
	}
	out.SkippedCount = max(f.SkippedCount, len(f.Skipped))
	for _, err := range f.Skipped {
		out.Skipped = append(out.Skipped, err.Error())
	}
	return out
}

// NewStage summarises the stage s; rules give the radii its file does not
// (nil for the defaults).
func NewStage(s *route.Stage, rules *route.Rules) Stage {
	st := Stage{
		Name:       s.Name,
		LengthKm:   km(s.Length()),
		HasSpecial: s.HasSpecial(),
		Sections:   sections(s),
		Waypoints:  []Waypoint{},
		Problems:   []Problem{},
	}
	st.LiaisonKm, st.SpecialKm, st.NeutralisedKm = totals(st.Sections)
	for i := range s.Waypoints {
		w := &s.Waypoints[i]
		sw := Waypoint{
			Kinds:       []string{},
			Name:        w.Label(),
			Line:        w.Line,
			OnRoute:     w.OnRoute,
			HasPosition: w.HasPoint,
			Km:          km(w.Along),
			PartialKm:   sumKm(km(w.Along), -km(w.Along-w.Partial)),
			OffsetM:     dm(w.Offset),
			SpeedKmh:    w.Speed,
			Danger:      w.Danger,
			Notes:       TextNotes(w.NoteText()),
		}
		odo := s.Odometer(w.Along)
		sw.Section, sw.RoadbookKm = odo.Label, odo.Metres/1000
		if odo.Closed >= 0 {
			sw.RoadbookKm, sw.Closes = odo.Closing/1000, s.SectionLabel(odo.Closed)
		}
		if w.HasDistance {
			sw.RoadbookKm = route.RoundOdo(w.Distance*1000) / 1000
		}
		for _, c := range w.Controls {
			sw.Kinds = append(sw.Kinds, c.Kind.String())
		}
		if len(sw.Kinds) > 0 {
			sw.Kind = sw.Kinds[0]
		}
		r := w.Radii(rules)
		sw.ClearM, sw.OpenM = dm(r.Clear), dm(r.Open)
		st.Waypoints = append(st.Waypoints, sw)
	}
	for _, p := range s.Problems {
		st.Problems = append(st.Problems, Problem{Message: p.Message, Line: p.Line, Waypoint: p.Waypoint})
	}
	return st
}

// NewRally summarises the rally r in the folder dir (named so in the
// table) from its stages as route.LoadRally gives them.
func NewRally(dir string, r *route.Rally, stages []route.LoadedStage) Rally {
	out := Rally{Dir: dir, Name: r.Name, Stages: []RallyStage{}, RestDays: []route.RestDay{}}
	out.RestDays = append(out.RestDays, r.RestDays...)
	for _, ls := range stages {
		e, s := ls.Entry, ls.Stage
		st := RallyStage{
			Name: e.Name, File: e.File, Date: e.Date, Start: e.Start, Finish: e.Finish,
			TotalKm: km(s.Length()), Marathon: e.Marathon,
		}
		st.LiaisonKm, st.SpecialKm, st.NeutralisedKm = totals(sections(s))
		out.Stages = append(out.Stages, st)
		t := &out.Totals
		t.Stages++
		t.LiaisonKm = sumKm(t.LiaisonKm, st.LiaisonKm)
		t.SpecialKm = sumKm(t.SpecialKm, st.SpecialKm)
		t.NeutralisedKm = sumKm(t.NeutralisedKm, st.NeutralisedKm)
		t.TotalKm = sumKm(t.TotalKm, st.TotalKm)
	}
	return out
}

// sections returns the stage's sections in kilometres: From and To rounded
// to the metre, each length To − From.
func sections(s *route.Stage) []Section {
	out := []Section{}
	for i, sec := range s.Sections {
		out = append(out, Section{
			Kind:       sec.Kind.String(),
			Sector:     sec.Sector,
			Label:      s.SectionLabel(i),
			RoadbookKm: s.SectionTotal(i) / 1000,
			FromKm:     km(sec.From),
			ToKm:       km(sec.To),
			LengthKm:   sumKm(km(sec.To), -km(sec.From)),
		})
	}
	return out
}

// totals adds the lengths of secs by kind, as route.Stage.Totals does in
// metres, but over the rounded lengths: the totals printed are the sums of
// the sections printed, and round(a)+round(b) may differ from
// round(a+b) by a metre.
func totals(secs []Section) (liaison, special, neutralised float64) {
	for _, sec := range secs {
		switch sec.Kind {
		case route.Liaison.String():
			liaison = sumKm(liaison, sec.LengthKm)
		case route.Special.String():
			special = sumKm(special, sec.LengthKm)
		case route.Neutralisation.String():
			neutralised = sumKm(neutralised, sec.LengthKm)
		}
	}
	return liaison, special, neutralised
}

// km returns metres as kilometres rounded to the metre (never -0).
func km(m float64) float64 { return math.Round(m)/1000 + 0 }

// dm returns metres rounded to the decimetre (never -0).
func dm(m float64) float64 { return math.Round(m*10)/10 + 0 }

// sumKm adds kilometres rounded to the metre, keeping three decimals exact.
func sumKm(a, b float64) float64 { return math.Round((a+b)*1000)/1000 + 0 }

// TextNotes returns a waypoint's notes as one line of text, "" when they
// are a drawing (OpenRally notes may hold SVG or a base64 image instead of
// text).
func TextNotes(notes string) string {
	notes = strings.Join(strings.Fields(notes), " ")
	if strings.HasPrefix(notes, "<") || strings.HasPrefix(notes, "data:") ||
		(len(notes) > 64 && !strings.Contains(notes, " ")) {
		return ""
	}
	return notes
}

package route

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Rally is a whole rally as its manifest (rally.json in the rally's folder)
// describes it: a name, and the stages in order with their files and dates.
//
// The manifest is JSON:
//
//	{
//	  "name": "Dakar 2026",
//	  "year": 2026,
//	  "stages": [
//	    {"name": "Prologue", "file": "00-prologue.gpx", "date": "2026-01-03",
//	     "start": "Yanbu", "finish": "Yanbu"},
//	    {"name": "Stage 4", "file": "04-stage4.gpx", "date": "2026-01-07",
//	     "start": "AlUla", "finish": "Refuge 1", "marathon": true}
//	  ],
//	  "rest_days": [{"date": "2026-01-10", "place": "Riyadh"}]
//	}
//
// File names are relative to the manifest's folder; dates are civil dates
// (YYYY-MM-DD) in the rally's local calendar.
type Rally struct {
	Name     string       `json:"name"`
	Year     int          `json:"year,omitempty"`
	Stages   []RallyStage `json:"stages"`
	RestDays []RestDay    `json:"rest_days,omitempty"`
}

// RallyStage is one stage of a rally manifest.
type RallyStage struct {
	Name   string `json:"name"`
	File   string `json:"file"`
	Date   string `json:"date,omitempty"`
	Start  string `json:"start,omitempty"`
	Finish string `json:"finish,omitempty"`
	// Marathon marks the two days of a marathon stage (a night in a refuge
	// camp without mechanics).
	Marathon bool `json:"marathon,omitempty"`
}

// RestDay is a day without a stage.
type RestDay struct {
	Date  string `json:"date"`
	Place string `json:"place,omitempty"`
}

// Day returns the stage date as a time at midnight UTC, and whether it has
// a valid one.
func (s RallyStage) Day() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s.Date)
	return t, err == nil
}

// Subtitle returns the line a roadbook prints under the stage's name: its
// date ("Sunday 11 January 2026"), its towns ("Riyadh > Wadi ad-Dawasir",
// "from Yanbu", "to Ha'il") and "marathon", those it has, joined by " · ";
// "" when it has none.
func (s RallyStage) Subtitle() string {
	var parts []string
	if d, ok := s.Day(); ok {
		parts = append(parts, d.Format("Monday 2 January 2006"))
	}
	switch {
	case s.Start != "" && s.Finish != "":
		parts = append(parts, s.Start+" > "+s.Finish)
	case s.Start != "":
		parts = append(parts, "from "+s.Start)
	case s.Finish != "":
		parts = append(parts, "to "+s.Finish)
	}
	if s.Marathon {
		parts = append(parts, "marathon")
	}
	return strings.Join(parts, " · ")
}

// ParseRally reads a rally manifest and checks it: a name, at least one
// stage, every stage with a name and a file, dates (where given) valid and
// in order, no file listed twice.
//
// Errors start with "rally manifest: " and give the line of a JSON error:
// "rally manifest: line 3: stages.file: a number where a string is
// expected". A manifest is read whole, up to 16 MiB.
func ParseRally(r io.Reader) (*Rally, error) {
	data, err := readJSON(r, "rally manifest")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Rally
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("rally manifest: %w", jsonError(data, err))
	}
	if m.Name == "" {
		return nil, fmt.Errorf("rally manifest: no name")
	}
	if len(m.Stages) == 0 {
		return nil, fmt.Errorf("rally manifest: no stages")
	}
	seen := map[string]bool{}
	var prev time.Time
	for i, s := range m.Stages {
		if s.Name == "" || s.File == "" {
			return nil, fmt.Errorf("rally manifest: stage %d: needs a name and a file", i+1)
		}
		if seen[s.File] {
			return nil, fmt.Errorf("rally manifest: stage %q: file %s listed twice", s.Name, s.File)
		}
		seen[s.File] = true
		if s.Date == "" {
			continue
		}
		d, ok := s.Day()
		if !ok {
			return nil, fmt.Errorf("rally manifest: stage %q: date %q is not YYYY-MM-DD", s.Name, s.Date)
		}
		if d.Before(prev) {
			return nil, fmt.Errorf("rally manifest: stage %q: date %s before the previous stage's", s.Name, s.Date)
		}
		prev = d
	}
	for _, r := range m.RestDays {
		if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
			return nil, fmt.Errorf("rally manifest: rest day %q is not YYYY-MM-DD", r.Date)
		}
	}
	return &m, nil
}

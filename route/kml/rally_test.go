package kml

import (
	"errors"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestNewDocument: a folder a stage in order, titled from the manifest; a
// rally's name for the document, none for single files.
func TestNewDocument(t *testing.T) {
	t.Parallel()
	a, b := testStage(), testStage()
	rally := &route.Rally{Name: "Dakar", Stages: []route.RallyStage{{Name: "Stage 1", Start: "Yanbu", Finish: "AlUla"}, {Name: "Stage 2"}}}
	doc := NewDocument(rally, []route.LoadedStage{{Entry: &rally.Stages[0], Stage: a}, {Entry: &rally.Stages[1], Stage: b}})
	if doc.Name != "Dakar" || len(doc.Stages) != 2 || doc.Stages[0].Stage != a || doc.Stages[1].Stage != b ||
		doc.Stages[0].Title() != "Stage 1 · Yanbu > AlUla" || doc.Stages[1].Title() != "Stage 2" || len(doc.Rides) != 0 {
		t.Errorf("NewDocument(rally) = %+v", doc)
	}
	doc = NewDocument(nil, []route.LoadedStage{{Stage: a}})
	if doc.Name != "" || len(doc.Stages) != 1 || doc.Stages[0].Rally != nil || doc.Stages[0].Stage != a {
		t.Errorf("NewDocument(nil) = %+v", doc)
	}
}

// TestCheckedRide: the ride checked against the stage it drove (its wrong
// turn drawn, as CheckFromReport draws it), none when no stage matches, and
// route.Check's error for a stage without a route.
func TestCheckedRide(t *testing.T) {
	t.Parallel()
	st := testStage()
	seg, _ := testRide(st)
	ride := &route.File{Tracks: []route.Track{{Segments: []route.Segment{seg}}}}
	far := &route.Stage{Name: "far"}

	r, how, err := CheckedRide("car 1", ride, []route.LoadedStage{{Stage: st}}, route.CheckOptions{})
	if err != nil || how != route.OnlyStage || r.Name != "car 1" || len(r.Segments) != 1 || r.Check == nil || len(r.Check.Excursions) != 1 || r.Check.Stage != st {
		t.Errorf("CheckedRide against its stage = %+v, %v, %v; want its one wrong turn drawn", r, how, err)
	}

	// Two stages, neither dated nor followed: no stage, no check.
	other := testStage()
	other.Path = nil
	r, how, err = CheckedRide("car 1", ride, []route.LoadedStage{{Stage: other}, {Stage: other}}, route.CheckOptions{})
	if err != nil || how != route.NoMatch || r.Check != nil || len(r.Segments) != 1 {
		t.Errorf("CheckedRide against no stage of its = %+v, %v, %v; want the ride without a check", r, how, err)
	}

	// A stage without a route: the error, and the ride without a check.
	r, how, err = CheckedRide("car 1", ride, []route.LoadedStage{{Stage: far}}, route.CheckOptions{})
	if !errors.Is(err, route.ErrNoRoute) || how != route.OnlyStage || r.Check != nil || len(r.Segments) != 1 {
		t.Errorf("CheckedRide against a stage without a route = %+v, %v, %v; want ErrNoRoute and the ride without a check", r, how, err)
	}
}

package roadbook_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// TestNewValidation: the problems are Validate's, counted by severity; a
// clean stage has an empty list, not null, in JSON; a nil stage is clean.
func TestNewValidation(t *testing.T) {
	t.Parallel()
	s := exampleStage()
	clean := roadbook.NewValidation("a.gpx", s, nil)
	b, err := json.Marshal(clean)
	if err != nil || string(b) != `{"file":"a.gpx","stage":"example","errors":0,"warnings":0,"problems":[]}` {
		t.Errorf("clean stage's validation = %s, %v", b, err)
	}
	if v := roadbook.NewValidation("none.gpx", nil, nil); v.Stage != "" || v.Errors+v.Warnings != 0 || v.Problems == nil {
		t.Errorf("NewValidation(nil stage) = %+v; want clean, an empty list", v)
	}

	s.Waypoints = s.Waypoints[:1] // a DSS without its ASS: an error
	s.Pair()
	v := roadbook.NewValidation("a.gpx", s, nil)
	want := roadbook.Validate(s, nil)
	errs := 0
	for _, p := range want {
		if p.Severity == roadbook.Error {
			errs++
		}
	}
	if errs == 0 || len(v.Problems) != len(want) || v.Errors != errs || v.Warnings != len(want)-errs {
		t.Errorf("NewValidation = %d errors, %d warnings, %d problems; want %d, %d of Validate's %d",
			v.Errors, v.Warnings, len(v.Problems), errs, len(want)-errs, len(want))
	}
}

func ExampleNewValidation() {
	s := exampleStage()
	s.Waypoints[1].Controls[0].Kind = route.DZ // a DZ without a speed, no ASS
	s.Pair()
	v := roadbook.NewValidation("example.gpx", s, nil)
	fmt.Printf("%s (%s): %d errors, %d warnings\n", v.File, v.Stage, v.Errors, v.Warnings)
	fmt.Println(v.Problems[0].Rule)
	// Output:
	// example.gpx (example): 3 errors, 0 warnings
	// dss-ass
}

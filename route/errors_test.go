package route_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/roadbook/roadbook/route"
)

func TestFormatError(t *testing.T) {
	for _, tt := range []struct {
		e    route.FormatError
		want string
	}{
		{route.FormatError{Format: "gpx", Line: 12, Elem: "trkpt", Msg: "latitude 91.2 out of range"}, "gpx: line 12: trkpt: latitude 91.2 out of range"},
		{route.FormatError{Format: "kml", Elem: "Folder", Msg: "nested deeper than 1,000 levels"}, "kml: Folder: nested deeper than 1,000 levels"},
		{route.FormatError{Format: "gpx", Msg: "empty file", Err: route.ErrEmpty}, "gpx: empty file"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q; want %q", tt.e, got, tt.want)
		}
	}
	err := fmt.Errorf("stage.gpx: %w", &route.FormatError{Format: "gpx", Msg: "empty file", Err: route.ErrEmpty})
	if !errors.Is(err, route.ErrEmpty) || errors.Is(err, route.ErrLimit) {
		t.Errorf("errors.Is(%v, ErrEmpty) = %v, ErrLimit %v; want true, false", err, errors.Is(err, route.ErrEmpty), errors.Is(err, route.ErrLimit))
	}
}

// TestSkipKeepsTheFirst checks that File.Skip keeps the first MaxSkipped
// problems and counts them all.
func TestSkipKeepsTheFirst(t *testing.T) {
	var f route.File
	const n = 1_000_000
	for i := range n {
		f.Skip(&route.FormatError{Format: "gpx", Line: i + 1, Elem: "trkpt", Msg: "latitude 91 out of range"})
	}
	if len(f.Skipped) != route.MaxSkipped || f.SkippedCount != n {
		t.Fatalf("after %d Skip: len(Skipped) = %d, SkippedCount = %d; want %d, %d", n, len(f.Skipped), f.SkippedCount, route.MaxSkipped, n)
	}
	if e := f.Skipped[route.MaxSkipped-1].(*route.FormatError); e.Line != route.MaxSkipped {
		t.Errorf("last kept problem is line %d; want %d (the first ones are kept)", e.Line, route.MaxSkipped)
	}
}

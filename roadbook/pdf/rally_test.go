package pdf

import (
	"slices"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// TestWithRally: the rally's name and each stage's subtitle, in manifest
// order; nil leaves the options as they were.
func TestWithRally(t *testing.T) {
	t.Parallel()
	rally := &route.Rally{Name: "Dakar 2026", Stages: []route.RallyStage{
		{Name: "Stage 7", Date: "2026-01-11", Start: "Riyadh", Finish: "Wadi ad-Dawasir"},
		{Name: "Stage 8"},
	}}
	o := Options{Paper: A4, Rally: "old", Subtitles: []string{"x", "y", "z"}, Legend: true}
	got := o.WithRally(rally)
	want := []string{rally.Stages[0].Subtitle(), rally.Stages[1].Subtitle()}
	if got.Rally != "Dakar 2026" || !slices.Equal(got.Subtitles, want) || got.Paper != A4 || !got.Legend ||
		want[0] != "Sunday 11 January 2026 · Riyadh > Wadi ad-Dawasir" {
		t.Errorf("WithRally = %+v; want the rally's name and subtitles %q, the rest kept", got, want)
	}
	if o.Rally != "old" {
		t.Errorf("WithRally changed the options it was called on")
	}
	if got := o.WithRally(nil); got.Rally != "old" || len(got.Subtitles) != 3 {
		t.Errorf("WithRally(nil) = %+v; want the options unchanged", got)
	}
}

// TestPageCount: the pages pdfinfo finds in what Encode writes, with and
// without the legend, on sheets and strips.
func TestPageCount(t *testing.T) {
	books := []*roadbook.Book{syntheticBook("Stage 1", 30e3, 7), syntheticBook("Stage 2", 50e3, 13)}
	if got, want := (Options{Paper: A5}).PageCount(books), A5.Pages(7)+A5.Pages(13); got != want || want != 7 {
		t.Errorf("A5 PageCount = %d; want %d", got, want)
	}
	needTool(t, "pdfinfo")
	for _, o := range []Options{{Paper: A5}, {Paper: A4, Legend: true}, {Paper: RollA4, Legend: true}} {
		file := encodeFile(t, books, o)
		if got, want := o.PageCount(books), pdfPages(t, file); got != want {
			t.Errorf("%v legend %v: PageCount = %d; the PDF has %d pages", o.Paper, o.Legend, got, want)
		}
	}
}

package pdf

import (
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// WithRally returns o for printing the stages of rally, in manifest order:
// the rally's name in every header, and under each stage's name its date
// and towns (RallyStage.Subtitle: "Sunday 11 January 2026 · Riyadh > Wadi
// ad-Dawasir"). A nil rally (a single stage file) leaves o as it is.
func (o Options) WithRally(rally *route.Rally) Options {
	if rally == nil {
		return o
	}
	o.Rally = rally.Name
	o.Subtitles = nil
	for _, rs := range rally.Stages {
		o.Subtitles = append(o.Subtitles, rs.Subtitle())
	}
	return o
}

// PageCount returns the number of pages Encode writes for books with o:
// each roadbook's (Paper.Pages), then the legend sheet's with o.Legend.
// For RollA4 and RollA3 a page is a strip's sheet.
func (o Options) PageCount(books []*roadbook.Book) int {
	pages := 0
	for _, b := range books {
		pages += o.Paper.Pages(len(b.Boxes))
	}
	if o.Legend {
		pages += o.Paper.LegendPages()
	}
	return pages
}

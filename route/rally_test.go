package route

import (
	"strings"
	"testing"
)

func TestParseRally(t *testing.T) {
	const good = `{
	  "name": "Dakar 2026", "year": 2026,
	  "stages": [
	    {"name": "Prologue", "file": "00-prologue.gpx", "date": "2026-01-03", "start": "Yanbu", "finish": "Yanbu"},
	    {"name": "Stage 4", "file": "04-stage4.gpx", "date": "2026-01-07", "start": "AlUla", "finish": "Refuge 1", "marathon": true},
	    {"name": "Stage 7", "file": "07-stage7.gpx"}
	  ],
	  "rest_days": [{"date": "2026-01-10", "place": "Riyadh"}]
	}`
	r, err := ParseRally(strings.NewReader(good))
	if err != nil {
		t.Fatalf("ParseRally(good) = %v", err)
	}
	if r.Name != "Dakar 2026" || r.Year != 2026 || len(r.Stages) != 3 || !r.Stages[1].Marathon || len(r.RestDays) != 1 || r.RestDays[0].Place != "Riyadh" {
		t.Errorf("ParseRally(good) = %+v", r)
	}
	if d, ok := r.Stages[0].Day(); !ok || d.Format("2006-01-02") != "2026-01-03" {
		t.Errorf("Stages[0].Day() = %v, %v; want 2026-01-03", d, ok)
	}
	if _, ok := r.Stages[2].Day(); ok {
		t.Errorf("Stages[2].Day() ok for a stage without a date")
	}

	bad := []struct {
		name, json, want string
	}{
		{"not JSON", `{`, "rally manifest:"},
		{"unknown field", `{"name": "x", "stages": [{"name": "a", "file": "a.gpx"}], "colour": 1}`, "unknown field"},
		{"no name", `{"stages": [{"name": "a", "file": "a.gpx"}]}`, "no name"},
		{"no stages", `{"name": "x", "stages": []}`, "no stages"},
		{"stage without file", `{"name": "x", "stages": [{"name": "a"}]}`, "stage 1: needs a name and a file"},
		{"file twice", `{"name": "x", "stages": [{"name": "a", "file": "a.gpx"}, {"name": "b", "file": "a.gpx"}]}`, "listed twice"},
		{"bad date", `{"name": "x", "stages": [{"name": "a", "file": "a.gpx", "date": "3 Jan"}]}`, `date "3 Jan" is not YYYY-MM-DD`},
		{"dates out of order", `{"name": "x", "stages": [{"name": "a", "file": "a.gpx", "date": "2026-01-04"}, {"name": "b", "file": "b.gpx", "date": "2026-01-03"}]}`, "before the previous stage's"},
		{"bad rest day", `{"name": "x", "stages": [{"name": "a", "file": "a.gpx"}], "rest_days": [{"date": "soon"}]}`, "rest day"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRally(strings.NewReader(c.json))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseRally(%s) = %v; want an error containing %q", c.json, err, c.want)
			}
		})
	}
}

func TestRallyStageSubtitle(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    RallyStage
		want string
	}{
		{RallyStage{Date: "2026-01-11", Start: "Riyadh", Finish: "Wadi ad-Dawasir"}, "Sunday 11 January 2026 · Riyadh > Wadi ad-Dawasir"},
		{RallyStage{Start: "Yanbu", Marathon: true}, "from Yanbu · marathon"},
		{RallyStage{Finish: "Ha'il", Date: "not a date"}, "to Ha'il"},
		{RallyStage{}, ""},
	} {
		if got := c.s.Subtitle(); got != c.want {
			t.Errorf("%+v.Subtitle() = %q; want %q", c.s, got, c.want)
		}
	}
}

package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestHelpTopics: "roadbook help" lists the topics; the rules topic's
// complete file is the library's defaults, read back by ParseRules, and the
// rally topic's example is a manifest ParseRally reads.
func TestHelpTopics(t *testing.T) {
	t.Parallel()
	code, out, _ := runMain(t, "", "help")
	if code != exitOK || !strings.Contains(out, "topics:\n  rules ") || !strings.Contains(out, "\n  rally ") {
		t.Errorf("help: exit %d, no topics listed:\n%s", code, out)
	}
	code, _, errOut := runMain(t, "", "help", "nosuch")
	if code != exitUsage || !strings.Contains(errOut, `unknown command or topic "nosuch"`) {
		t.Errorf("help nosuch: exit %d, %q", code, errOut)
	}

	code, out, _ = runMain(t, "", "help", "rules")
	i := strings.Index(out, "\n  {\n")
	if code != exitOK || i < 0 {
		t.Fatalf("help rules: exit %d, no complete file:\n%s", code, out)
	}
	file := out[i+1:]
	got, err := route.ParseRules(strings.NewReader(file))
	if err != nil {
		t.Fatalf("the rules file of help rules: %v\n%s", err, file)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(route.DefaultRules())
	if string(g) != string(w) {
		t.Errorf("help rules gives\n%s\nwant the defaults\n%s", g, w)
	}
	for _, f := range []string{"radii", "missed_min", "speed_tolerance_kmh", "speeding.bands", "speeding.gained_factor", "min_validated_pct"} {
		if !strings.Contains(out, "\n  "+f+" ") && !strings.Contains(out, "\n  "+f+"\n") {
			t.Errorf("help rules does not explain %s", f)
		}
	}

	code, out, _ = runMain(t, "", "help", "rally")
	i, j := strings.Index(out, "\n  {\n"), strings.Index(out, "\n  }\n")
	if code != exitOK || i < 0 || j < i {
		t.Fatalf("help rally: exit %d, no example:\n%s", code, out)
	}
	rally, err := route.ParseRally(strings.NewReader(out[i+1 : j+4]))
	if err != nil {
		t.Fatalf("the manifest of help rally: %v", err)
	}
	want := &route.Rally{Name: "Dakar 2026", Year: 2026, Stages: []route.RallyStage{
		{Name: "Prologue", File: "00-prologue.gpx", Date: "2026-01-03", Start: "Yanbu", Finish: "Yanbu"},
		{Name: "Stage 4", File: "04-stage4.gpx", Date: "2026-01-07", Start: "AlUla", Finish: "Refuge 1", Marathon: true},
	}, RestDays: []route.RestDay{{Date: "2026-01-10", Place: "Riyadh"}}}
	if !reflect.DeepEqual(rally, want) {
		t.Errorf("help rally's manifest reads as %+v; want %+v", rally, want)
	}
}

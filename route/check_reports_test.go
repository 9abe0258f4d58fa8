package route_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
	"github.com/roadbook/roadbook/route"
)

// straightCheck checks a ride driven along a straight 5 km stage at 20 m/s,
// starting at minute min of 8 o'clock.
func straightCheck(tb testing.TB, min int) *route.Report {
	start := orb.Point{46.9, 24.6}
	var line orb.LineString
	for m := 0.0; m <= 5000; m += 50 {
		line = append(line, geo.Destination(start, 90, m))
	}
	stage := route.NewStage(&route.File{Tracks: []route.Track{{Name: "Stage", Segments: []route.Segment{{Points: line}}}}}, route.StageOptions{})
	var ride route.Segment
	t0 := time.Date(2026, 1, 11, 8, min, 0, 0, time.UTC)
	for m := 0.0; m <= 5000; m += 20 {
		ride.Time = append(ride.Time, t0.Add(time.Duration(len(ride.Points))*time.Second))
		ride.Points = append(ride.Points, geo.Destination(start, 90, m))
	}
	rep, err := route.Check(stage, &route.File{Tracks: []route.Track{{Segments: []route.Segment{ride}}}}, route.CheckOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

// TestWriteReportsJSON: one ride is one object, several an array, JSON
// Lines a compact report a line; each is the report's own JSON with the
// ride's name first.
func TestWriteReportsJSON(t *testing.T) {
	t.Parallel()
	reps := []*route.Report{straightCheck(t, 0), straightCheck(t, 5)}
	rides := []string{"car1.gpx", `c"2.gpx`}
	// want is report i as an object with its ride.
	want := func(i int) map[string]any {
		b, err := json.Marshal(reps[i])
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if _, ok := m["ride"]; ok {
			t.Fatal(`a report's JSON has its own "ride"`)
		}
		m["ride"] = rides[i]
		return m
	}
	same := func(what string, got, want any) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if !bytes.Equal(g, w) {
			t.Errorf("%s:\n%s\nwant\n%s", what, g, w)
		}
	}

	var one bytes.Buffer
	if err := route.WriteReportsJSON(&one, rides[:1], reps[:1], false); err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(one.Bytes(), &obj); err != nil || !strings.HasPrefix(one.String(), "{\n  \"ride\": \"car1.gpx\",\n") || !strings.HasSuffix(one.String(), "}\n") {
		t.Errorf("one ride: %v; want an indented object, its ride first:\n%.200s", err, one.String())
	}
	same("one ride", obj, want(0))

	var two bytes.Buffer
	if err := route.WriteReportsJSON(&two, rides, reps, false); err != nil {
		t.Fatal(err)
	}
	var arr []map[string]any
	if err := json.Unmarshal(two.Bytes(), &arr); err != nil || len(arr) != 2 || !strings.HasPrefix(two.String(), "[\n  {\n    \"ride\": \"car1.gpx\",") {
		t.Fatalf("two rides: %v, %d reports; want an indented array of 2:\n%.200s", err, len(arr), two.String())
	}
	same("two rides, the first", arr[0], want(0))
	same("two rides, the second", arr[1], want(1))

	for _, n := range []int{1, 2} {
		var jl bytes.Buffer
		if err := route.WriteReportsJSON(&jl, rides[:n], reps[:n], true); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(jl.String(), "\n"), "\n")
		if len(lines) != n {
			t.Fatalf("JSON Lines of %d rides: %d lines", n, len(lines))
		}
		for i, l := range lines {
			var m map[string]any
			q, _ := json.Marshal(rides[i])
			if err := json.Unmarshal([]byte(l), &m); err != nil || !strings.HasPrefix(l, `{"ride":`+string(q)+`,`) {
				t.Errorf("JSON Lines, line %d: %v:\n%.200s", i+1, err, l)
			}
			same(fmt.Sprintf("JSON Lines, line %d", i+1), m, want(i))
		}
	}

	var none bytes.Buffer
	if err := route.WriteReportsJSON(&none, rides[:1], reps, false); err == nil || none.Len() > 0 {
		t.Errorf("1 name for 2 reports = %v, %d bytes written; want an error, nothing written", err, none.Len())
	}
}

// WriteReportsJSON writes what roadbook check --jsonl prints: a report a
// line, each with its ride's name first.
func ExampleWriteReportsJSON() {
	reps := []*route.Report{straightCheck(nil, 0), straightCheck(nil, 5)}
	var b bytes.Buffer
	if err := route.WriteReportsJSON(&b, []string{"car1.gpx", "car2.gpx"}, reps, true); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var r struct {
			Ride     string  `json:"ride"`
			DrivenKm float64 `json:"driven_km"`
			Start    string  `json:"start"`
		}
		json.Unmarshal([]byte(line), &r)
		fmt.Println(r.Ride, r.Start, r.DrivenKm)
	}
	// Output:
	// car1.gpx 2026-01-11T08:00:00Z 5
	// car2.gpx 2026-01-11T08:05:00Z 5
}

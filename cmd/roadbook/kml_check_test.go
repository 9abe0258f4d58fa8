package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestKMLRideIsChecked: a ride given with --ride is checked against its stage
// (the only stage of a file, or the rally stage of the ride's date) and its
// wrong turn drawn.
func TestKMLRideIsChecked(t *testing.T) {
	t.Parallel()
	ride := "../../examples/dakar2026/stage07-ride.gpx"
	for _, in := range []string{"../../examples/dakar2026/07-stage7.gpx", "../../examples/dakar2026"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			code, out, stderr := runMain(t, "", "kml", "-o", "-", "--ride", ride, in)
			if code != exitOK {
				t.Fatalf("roadbook kml exit %d; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, "1 wrong turn, 0 missed waypoints") {
				t.Errorf("stderr does not report the check:\n%s", stderr)
			}
			// The example's wrong turn is 2,908 m off at most (its truth file).
			m := regexp.MustCompile(`<name>Wrong turn 1 · (?:[a-z]+ (?:[0-9]+ )?)?km [0-9.]+, ([0-9]+) m off</name>`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no wrong-turn placemark in the KML")
			}
			if off, _ := strconv.Atoi(m[1]); off < 2870 || off > 2950 {
				t.Errorf("wrong turn drawn %s m off; want about 2908", m[1])
			}
		})
	}
}

// TestKMLRideWrongWay: a ride driven in reverse is drawn as one wrong-way
// stretch, with its seven missed waypoints.
func TestKMLRideWrongWay(t *testing.T) {
	t.Parallel()
	code, out, stderr := runMain(t, "", "kml", "-o", "-", "--ride", checkData+"/reverse.gpx", checkData+"/stage.gpx")
	if code != exitOK {
		t.Fatalf("roadbook kml exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "0 wrong turns, 7 missed waypoints, 1 stretch driven the wrong way") {
		t.Errorf("stderr does not report the check:\n%s", stderr)
	}
	m := regexp.MustCompile(`<name>Wrong way 1 · [^<]+</name>\s*<description><!\[CDATA\[<table><tr><td>turned against the route</td><td>[^<]*\(route km ([0-9.]+)\)</td></tr><tr><td>back to</td><td>[^<]*\(route km ([0-9.]+)\).*?</description>\s*<styleUrl>#wrongway</styleUrl>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no wrong-way placemark in the KML")
	}
	from, _ := strconv.ParseFloat(m[1], 64)
	to, _ := strconv.ParseFloat(m[2], 64)
	if from < 11.8 || to > 0.2 {
		t.Errorf("wrong way drawn from km %s to %s; want about 12 to 0", m[1], m[2])
	}
}

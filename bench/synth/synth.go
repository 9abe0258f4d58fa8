// Package synth generates the synthetic rally-raid files the benchmarks and
// the end-to-end tests run on, with the truth they are checked against.
//
// For a route of N points it makes:
//
//   - the organiser's route (GPX 1.1): one track of N points 10–20 m apart
//     over the desert east of Yanbu (24.09° N 38.06° E), gentle bends and
//     sharp junction turns, elevations, and rally waypoints (DSS, ASS, WPV,
//     WPM, WPS, WPE, WPC, DZ, FZ) with <type> and OpenRally extensions
//     (distance, open and clear radii, speed limit);
//   - a competitor's 1 Hz recorded log (GPX 1.1) that follows the route with
//     correlated GPS noise of at most 5 m, slows down at junctions and in speed
//     zones, and takes one wrong turn: at a junction past 40 % of the route it
//     takes a wrong fork, drives 3 km out to at least 2.5 km from any part of
//     the route, U-turns and drives back;
//   - the truth (JSON): the route's length, point and waypoint counts, and the
//     wrong turn's indexes, times and largest distance from the route.
//
// The standard sizes are small (5,000 route points, 75 km), medium (100,000,
// 1,500 km) and large (1,000,000, 15,000 km: the recorded log has about
// 734,000 fixes, 8.5 days at 1 Hz).
//
// Output is a pure function of the size's name, its point count and the seed.
// The random streams are MT19937 seeded and shaped as CPython's random module
// does, because the generator was first a Python program: the files are the
// same ones, byte for byte, that the published peer baselines were measured
// on (see the package tests for which files were compared).
//
// Distances in the truth are haversine on a sphere of radius 6,371,008.8 m
// (the model of gpxgo's and gpxpy's 2D length and of turf), on the positions
// as written (7 decimals); a WGS84 length differs from them by up to 0.5 %.
// Positions are degrees WGS84, distances metres, times UTC.
package synth

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultSeed is the seed of the standard files.
const DefaultSeed = 20250103

// SizePoints returns the route point count of a standard size: small 5,000,
// medium 100,000, large 1,000,000.
func SizePoints(size string) (int, bool) {
	switch size {
	case "small":
		return 5_000, true
	case "medium":
		return 100_000, true
	case "large":
		return 1_000_000, true
	}
	return 0, false
}

// Truth is what a generated pair of files is known to hold.
type Truth struct {
	Generator string        `json:"generator"`
	Seed      int           `json:"seed"`
	Size      string        `json:"size"` // the name given to Generate
	Route     RouteTruth    `json:"route"`
	Recorded  RecordedTruth `json:"recorded"`
}

// RouteTruth describes the route file.
type RouteTruth struct {
	File      string  `json:"file"`
	Points    int     `json:"points"`
	Length2D  float64 `json:"length_2d_m"` // haversine, metres, to 0.1 m
	Junctions int     `json:"junctions"`
	Waypoints int     `json:"waypoints"`
	// WaypointsByType counts the waypoints by their <type> (DSS, WPM…).
	WaypointsByType map[string]int `json:"waypoints_by_type"`
	Stages          int            `json:"stages"` // DSS…ASS specials
}

// RecordedTruth describes the recorded log.
type RecordedTruth struct {
	File      string    `json:"file"`
	Points    int       `json:"points"`
	Length2D  float64   `json:"length_2d_m"` // haversine, metres, to 0.1 m
	StartTime time.Time `json:"start_time"`
	EndTime   time.Time `json:"end_time"`
	// NoiseMax is the largest distance from the route, in metres to 0.01 m,
	// of about 2,000 fixes sampled evenly outside the wrong turn.
	NoiseMax  float64   `json:"noise_max_m_sampled"`
	Excursion Excursion `json:"excursion"`
}

// Excursion is the recorded log's one wrong turn. Indexes count the log's
// fixes from 0; distances from the route are to the nearest route segment on
// a local plane, in metres.
type Excursion struct {
	StartIndex int       `json:"start_index"` // the fix at the junction
	EndIndex   int       `json:"end_index"`   // the last fix back at it
	FarIndex   int       `json:"far_index"`   // the last fix before the U-turn
	StartTime  time.Time `json:"start_time"`
	EndTime    time.Time `json:"end_time"`
	// First, Last and Over are the first and last fix more than 50 m from the
	// route and how many fixes are (about the wrong turn: 60 fixes either
	// side of it are searched).
	First int `json:"first_index_over_50m"`
	Last  int `json:"last_index_over_50m"`
	Over  int `json:"seconds_over_50m"`
	// MaxOffroute is the largest distance from the route, to 0.1 m.
	MaxOffroute float64 `json:"max_offroute_m"`
	// JunctionIndex is the route point of the junction, at JunctionLat,
	// JunctionLon (7 decimals), where the route turns by JunctionTurn degrees
	// (positive to the right, 0.1°) and the wrong fork leaves at ForkDeviation
	// degrees from the incoming heading.
	JunctionIndex int     `json:"junction_route_index"`
	JunctionLat   float64 `json:"junction_lat"`
	JunctionLon   float64 `json:"junction_lon"`
	JunctionTurn  float64 `json:"junction_turn_deg"`
	ForkDeviation int     `json:"wrong_fork_deg_from_heading_in"`
	Outbound      float64 `json:"outbound_m"` // length of the wrong fork, 0.1 m
}

// Rally is a generated route, recorded log and truth, ready to write.
type Rally struct {
	Name  string
	Truth Truth

	route    *route
	wpts     []waypoint
	recorded *recorded
	length   float64 // the route's haversine length, unrounded
}

// Generate makes a rally named name (small, medium, large or any other name)
// with a route of points points from the given seed. It fails when the route
// has no junction past 40 % of its length from which a wrong fork can get
// 2.5 km away from it (routes of a few hundred points may have none). Each of the route, the waypoints and
// the recorded log has a random stream of its own, seeded by seed and name.
func Generate(name string, points, seed int) (*Rally, error) {
	if points < 3 {
		return nil, fmt.Errorf("synth: %d route points; want at least 3", points)
	}
	g := &Rally{Name: name}
	stream := func(part string) *pyRandom { return newPyRandom(fmt.Sprintf("%d:%s:%s", seed, name, part)) }
	g.route = makeRoute(points, stream("route"))
	rl, ro := round7(g.route.lat), round7(g.route.lon)
	g.length = length(rl, ro)
	g.wpts = makeWaypoints(g.route, stream("wpt"))
	grid := newSegGrid(rl, ro)
	rec, err := makeRecorded(g.route, g.wpts, stream("rec"), grid)
	if err != nil {
		return nil, fmt.Errorf("synth: %s (%d points, seed %d): %v", name, points, seed, err)
	}
	g.recorded = rec

	exc := rec.exc
	xl, xo := round7(rec.lat), round7(rec.lon)
	lo, hi := max(0, exc.StartIndex-60), min(len(xl)-1, exc.EndIndex+60)
	exc.First, exc.Last = -1, -1
	maxOff := math.Inf(-1)
	for i := lo; i <= hi; i++ {
		d := grid.nearest(xl[i], xo[i])
		maxOff = math.Max(maxOff, d)
		if d > 50 {
			if exc.First < 0 {
				exc.First = i
			}
			exc.Last = i
			exc.Over++
		}
	}
	exc.MaxOffroute = round(maxOff, 1)
	exc.StartTime = unix(startTime + int64(exc.StartIndex))
	exc.EndTime = unix(startTime + int64(exc.EndIndex))
	step := max(1, len(xl)/2000)
	noiseMax := math.Inf(-1)
	for i := 0; i < len(xl); i += step {
		if i < lo || i > hi {
			noiseMax = math.Max(noiseMax, grid.nearest(xl[i], xo[i]))
		}
	}
	byType := map[string]int{}
	stages := 0
	for _, w := range g.wpts {
		byType[w.typ]++
		stages = max(stages, w.stage)
	}
	g.Truth = Truth{
		Generator: "roadbook bench/synth", Seed: seed, Size: name,
		Route: RouteTruth{
			File: "route-" + name + ".gpx", Points: points, Length2D: round(g.length, 1),
			Junctions: len(g.route.junctions), Waypoints: len(g.wpts), WaypointsByType: byType,
			Stages: stages,
		},
		Recorded: RecordedTruth{
			File: "recorded-" + name + ".gpx", Points: len(xl), Length2D: round(length(xl, xo), 1),
			StartTime: unix(startTime), EndTime: unix(startTime + int64(len(xl)) - 1),
			NoiseMax: round(noiseMax, 2), Excursion: exc,
		},
	}
	return g, nil
}

func unix(t int64) time.Time { return time.Unix(t, 0).UTC() }

func round7(v []float64) []float64 {
	r := make([]float64, len(v))
	for i, x := range v {
		r[i] = round(x, 7)
	}
	return r
}

// WriteFiles generates the rally named name and writes route-NAME.gpx,
// recorded-NAME.gpx and truth-NAME.json into dir, each through a temporary
// file renamed into place, so that a failure leaves no half-written file.
func WriteFiles(dir, name string, points, seed int) (*Truth, error) {
	g, err := Generate(name, points, seed)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		file  string
		write func(io.Writer) error
	}{
		{g.Truth.Route.File, g.WriteRoute},
		{g.Truth.Recorded.File, g.WriteRecorded},
		{"truth-" + name + ".json", g.WriteTruth},
	} {
		if err := writeFile(filepath.Join(dir, f.file), f.write); err != nil {
			return nil, err
		}
	}
	return &g.Truth, nil
}

func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("synth: %v", err)
	}
	err = tmp.Chmod(0o644)
	if err == nil {
		err = write(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("synth: writing %s: %v", path, err)
	}
	return nil
}

// WriteTruth writes the truth as JSON: keys sorted, two-space indents, and
// every float with a decimal point (2500.0), as the generator has always
// written it.
func (g *Rally) WriteTruth(w io.Writer) error {
	var b bytes.Buffer
	writeJSON(&b, reflect.ValueOf(g.Truth), "")
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// writeJSON writes the structs, maps, strings, integers, floats and times of
// a truth: objects with their keys sorted, floats as their shortest
// representation with a decimal point, times in RFC 3339.
func writeJSON(b *bytes.Buffer, v reflect.Value, indent string) {
	if t, ok := v.Interface().(time.Time); ok {
		b.WriteString(strconv.Quote(t.Format(time.RFC3339)))
		return
	}
	type member struct {
		key string
		val reflect.Value
	}
	var members []member
	switch v.Kind() {
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
		return
	case reflect.Int:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return
	case reflect.Float64:
		b.WriteString(floatRepr(v.Float()))
		return
	case reflect.Struct:
		for i := range v.NumField() {
			key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			members = append(members, member{key, v.Field(i)})
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			members = append(members, member{k.String(), v.MapIndex(k)})
		}
	default:
		panic("synth: no JSON for " + v.Type().String())
	}
	if len(members) == 0 {
		b.WriteString("{}")
		return
	}
	slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	b.WriteString("{\n")
	for i, m := range members {
		b.WriteString(indent + "  " + strconv.Quote(m.key) + ": ")
		writeJSON(b, m.val, indent+"  ")
		if i < len(members)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
}

// floatRepr formats x as its shortest representation that reads back as x,
// with a decimal point or an exponent: 2500.0, 0.25, 1e+16.
func floatRepr(x float64) string {
	if a := math.Abs(x); a != 0 && (a < 1e-4 || a >= 1e16) {
		return strconv.FormatFloat(x, 'e', -1, 64)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

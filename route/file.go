package route

import (
	"math"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/geo"
)

// Segment is a run of points recorded or drawn without a break (a GPX
// <trkseg>, or the points of a <rte>). The optional per-point values are
// parallel slices: nil when no point has the value, else as long as Points
// with NaN (or the zero time) where a point lacks it.
type Segment struct {
	Points orb.LineString
	Ele    []float64   // metres
	Time   []time.Time // UTC
	Speed  []float64   // m/s, as recorded by the device
	Course []float64   // degrees
}

// Len returns the number of points.
func (s *Segment) Len() int { return len(s.Points) }

// Length returns the geodesic length of the segment in metres.
func (s *Segment) Length() float64 { return geo.Length(s.Points) }

// EleAt returns the elevation of point i and whether it has one.
func (s *Segment) EleAt(i int) (float64, bool) {
	if s.Ele == nil || math.IsNaN(s.Ele[i]) {
		return 0, false
	}
	return s.Ele[i], true
}

// TimeAt returns the time of point i, the zero time when it has none.
func (s *Segment) TimeAt(i int) time.Time {
	if s.Time == nil {
		return time.Time{}
	}
	return s.Time[i]
}

// Track is a GPX <trk>: named segments.
type Track struct {
	Name, Desc, Cmt, Src, Type string
	Links                      []Link
	Number                     int
	Segments                   []Segment
}

// Itinerary is a GPX <rte>: an ordered list of route points.
type Itinerary struct {
	Name, Desc, Cmt, Src, Type string
	Links                      []Link
	Number                     int
	Points                     Segment
	// Names holds the rtept names; nil when none has one.
	Names []string
	// Shape holds, for each rtept, the points of the road from it to the
	// next as the planner or device calculated it (Garmin's routing points,
	// gpxx:rpt in a gpxx:RoutePointExtension, which BaseCamp, MapSource and
	// the Zumo and Montana write), nil for a rtept without; Shape is nil
	// when no rtept has any. The stage follows them (Itinerary.Road).
	Shape [][]orb.Point
}

// Road returns the line the route follows: its rtepts with the routing
// points of Shape between them (a point that repeats the one before it
// left out), elevations where the rtepts have them; the rtepts alone when
// the route has no Shape.
func (r *Itinerary) Road() *Segment {
	if r.Shape == nil {
		return &r.Points
	}
	var s Segment
	add := func(p orb.Point, ele float64) {
		if n := len(s.Points); n > 0 && s.Points[n-1] == p {
			if math.IsNaN(s.Ele[n-1]) {
				s.Ele[n-1] = ele // a rtept repeated by the routing point before it
			}
			return
		}
		s.Points = append(s.Points, p)
		s.Ele = append(s.Ele, ele)
	}
	hasEle := false
	for i, p := range r.Points.Points {
		e, ok := r.Points.EleAt(i)
		if !ok {
			e = math.NaN()
		}
		hasEle = hasEle || ok
		add(p, e)
		if i < len(r.Shape) {
			for _, q := range r.Shape[i] {
				add(q, math.NaN())
			}
		}
	}
	if !hasEle {
		s.Ele = nil
	}
	return &s
}

// Link is a GPX link: a 1.1 <link href> with its <text> and <type>, or a
// 1.0 <url> and <urlname>.
type Link struct {
	Href, Text, Type string
}

// Metadata is a file's <metadata> (GPX 1.1) or root fields (GPX 1.0).
type Metadata struct {
	Name, Desc, Author, Copyright, Keywords string
	Links                                   []Link
	Time                                    time.Time
	Bounds                                  orb.Bound
	HasBounds                               bool
}

// File is what a GPX (or OpenRally) file holds.
type File struct {
	// Version is the GPX version attribute ("1.0", "1.1"), "" when absent.
	Version string
	// Creator is the creator attribute.
	Creator  string
	Metadata Metadata

	Waypoints []Waypoint
	Routes    []Itinerary
	Tracks    []Track

	// OpenRally is the namespace URI of the OpenRally extensions the file
	// uses, "" when it uses none.
	OpenRally string
	// Units is the OpenRally units ("metric" or "statute"), "" when not
	// given. The waypoints' Distance, Speed and radii are in these units,
	// as the file writes them: statute means miles, mph and yards.
	// NewStage converts them to km, km/h and metres (Waypoint.Metric).
	Units string
	// TotalKm is the OpenRally total distance, in km (miles when Units is
	// statute); valid when HasTotal.
	TotalKm  float64
	HasTotal bool

	// Extensions are the elements of the file's metadata extensions (and
	// of its root) that no field holds, such as an OpenRally tag of no
	// known version, kept as written, in file order.
	Extensions []Extension

	// NetworkLinks are the addresses of a KML document's NetworkLinks
	// that were not read, in file order: on the web, or files beside the
	// document (a decoder reads a stream, never a path). What Google Earth
	// shows of them is not in the File. Those that name a file inside the
	// same KMZ are read with it. Empty for GPX.
	NetworkLinks []string

	// Skipped lists, in lenient decoding, the first MaxSkipped problems
	// (a point or waypoint left out, a field dropped) in file order, each
	// a *FormatError naming the line and element; SkippedCount counts them
	// all. Decoders add them with Skip.
	Skipped      []error
	SkippedCount int
}

// Skip records a problem that lenient decoding went past: it counts it,
// and keeps it in Skipped while Skipped holds fewer than MaxSkipped, so
// that a million bad points cost a count, not a million errors.
func (f *File) Skip(err error) {
	f.SkippedCount++
	if len(f.Skipped) < MaxSkipped {
		f.Skipped = append(f.Skipped, err)
	}
}

// Counts are a file's element counts.
type Counts struct {
	Tracks    int `json:"trk"`
	Segments  int `json:"trkseg"`
	TrackPts  int `json:"trkpt"`
	Routes    int `json:"rte"`
	RoutePts  int `json:"rtept"`
	Waypoints int `json:"wpt"`
}

// Counts returns the file's element counts.
func (f *File) Counts() Counts {
	c := Counts{Tracks: len(f.Tracks), Routes: len(f.Routes), Waypoints: len(f.Waypoints)}
	for i := range f.Tracks {
		c.Segments += len(f.Tracks[i].Segments)
		for j := range f.Tracks[i].Segments {
			c.TrackPts += len(f.Tracks[i].Segments[j].Points)
		}
	}
	for i := range f.Routes {
		c.RoutePts += len(f.Routes[i].Points.Points)
	}
	return c
}

// TrackLength returns the summed length in metres of every track segment,
// each measured on its own: the gaps between segments are not counted.
func (f *File) TrackLength() float64 {
	total := 0.0
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			total += f.Tracks[i].Segments[j].Length()
		}
	}
	return total
}

// RouteLength returns the summed length in metres of every <rte>, along
// the road it follows (Itinerary.Road).
func (f *File) RouteLength() float64 {
	total := 0.0
	for i := range f.Routes {
		total += f.Routes[i].Road().Length()
	}
	return total
}

// TimeSpan returns the earliest and latest point time in the file's tracks
// and routes; ok is false when no point has a time.
func (f *File) TimeSpan() (first, last time.Time, ok bool) {
	see := func(s *Segment) {
		for _, t := range s.Time {
			if t.IsZero() {
				continue
			}
			if !ok || t.Before(first) {
				first = t
			}
			if !ok || t.After(last) {
				last = t
			}
			ok = true
		}
	}
	for i := range f.Tracks {
		for j := range f.Tracks[i].Segments {
			see(&f.Tracks[i].Segments[j])
		}
	}
	for i := range f.Routes {
		see(&f.Routes[i].Points)
	}
	return first, last, ok
}

// ExtensionCount is an element that a file holds and its reader kept as
// written without understanding it (an Extension), with how many times the
// file holds it.
type ExtensionCount struct {
	Space, Local string // the element's namespace URI and local name
	Count        int
}

// String returns the element as the commands list it: its local name, its
// namespace in brackets, and how many times the file holds it when more
// than once: "note (in urn:x) ×12".
func (c ExtensionCount) String() string {
	s := c.Local
	if c.Space != "" {
		s += " (in " + c.Space + ")"
	}
	if c.Count > 1 {
		s += " ×" + strconv.Itoa(c.Count)
	}
	return s
}

// ExtensionCounts returns the elements the file's reader kept as written
// (File.Extensions and every waypoint's Extensions), each once with its
// count, in order of first appearance; nil when there are none. Commands
// report them: the file holds something the toolkit carries without
// understanding it.
func (f *File) ExtensionCounts() []ExtensionCount {
	var out []ExtensionCount
	index := map[[2]string]int{}
	add := func(xs []Extension) {
		for _, x := range xs {
			k := [2]string{x.Space, x.Local}
			if i, ok := index[k]; ok {
				out[i].Count++
				continue
			}
			index[k] = len(out)
			out = append(out, ExtensionCount{Space: x.Space, Local: x.Local, Count: 1})
		}
	}
	add(f.Extensions)
	for i := range f.Waypoints {
		add(f.Waypoints[i].Extensions)
	}
	return out
}

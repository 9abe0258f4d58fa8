package kml

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/lexicon/raster"
	"github.com/roadbook/roadbook/route"
	gokml "github.com/twpayne/go-kml/v3"
)

// Document is what one Google Earth document shows: stages in order, then
// recorded rides.
type Document struct {
	// Name is the document's name ("Dakar 2026"); "" means the first
	// stage's title.
	Name   string
	Stages []StageFolder
	Rides  []Ride
}

// StageFolder is one stage of the document, drawn as a folder.
type StageFolder struct {
	Stage *route.Stage
	// Book is the stage's roadbook, whose boxes give the figures of the
	// waypoints' balloons and the hidden folder of roadbook boxes; nil
	// means roadbook.Build(Stage, roadbook.Options{Tracks: Options.Tracks}).
	Book *roadbook.Book
	// Rally is the stage's entry in a rally manifest, nil for a stage read
	// from a single file. It gives the folder name (name · start > finish)
	// and the date (a TimeSpan over that day, UTC).
	Rally *route.RallyStage
}

// Title returns the stage's folder name: "Stage 6 · Ha'il > Riyadh" from
// a rally manifest entry with a start and a finish, else the manifest's
// name, else the stage's own name, else "Stage".
func (s StageFolder) Title() string {
	if s.Rally != nil {
		switch {
		case s.Rally.Start != "" && s.Rally.Finish != "":
			return fmt.Sprintf("%s · %s > %s", s.Rally.Name, s.Rally.Start, s.Rally.Finish)
		case s.Rally.Name != "":
			return s.Rally.Name
		}
	}
	if s.Stage != nil && s.Stage.Name != "" {
		return s.Stage.Name
	}
	return "Stage"
}

// Ride is a recorded track drawn over the stages.
type Ride struct {
	// Name labels the ride ("Stage 7 · car 201").
	Name string
	// Segments are the recorded segments in order. Points with a time
	// become a gx:Track (a point without a time inside a timed segment is
	// left out); a segment without any time becomes a LineString.
	Segments []route.Segment
	// Check, when not nil, is drawn over the ride: its excursions as red
	// lines and its missed waypoints marked.
	Check *Check
}

// RideFromFile returns a ride of every track segment in f, then every route
// (<rte>) in f when it has no tracks.
func RideFromFile(name string, f *route.File) Ride {
	r := Ride{Name: name}
	if f == nil {
		return r
	}
	for _, t := range f.Tracks {
		r.Segments = append(r.Segments, t.Segments...)
	}
	if len(r.Segments) == 0 {
		for i := range f.Routes {
			r.Segments = append(r.Segments, *f.Routes[i].Road())
		}
	}
	return r
}

// Check is what a ride check found that the document draws: the hook for the
// wrong-turn checker, which fills it from its own report.
type Check struct {
	// Excursions are the wrong turns, in ride order.
	Excursions []Excursion
	// WrongWay are the stretches driven along the route against its
	// direction, in ride order.
	WrongWay []WrongWay
	// Missed are the waypoints the ride did not validate.
	Missed []Missed
	// Stage, when not nil, gives the roadbook odometer of the distances
	// above ("special km 163.10", route.Stage.Odometer) beside the route
	// km; nil prints route km only.
	Stage *route.Stage
}

// Excursion is one stretch driven off the route.
type Excursion struct {
	// Line is the driven track off the route, from where it left to where
	// it rejoined (at least two points to be drawn).
	Line orb.LineString
	// Left and Rejoined are the route distances in metres where the ride
	// left and rejoined the route.
	Left, Rejoined float64
	// At names the roadbook box at which the ride left the route
	// (route.Excursion.Waypoint): its label, else its notes (in the
	// notation of package lexicon); empty for none.
	At string
	// MaxOffset is the farthest distance from the route in metres.
	MaxOffset float64
	// Driven is the distance driven off the route in metres.
	Driven float64
	// Duration is the time spent off the route; 0 when the ride has no
	// times.
	Duration time.Duration
}

// WrongWay is one stretch driven along the route against its direction.
type WrongWay struct {
	// Line is the driven track, from where the ride turned to the farthest
	// back it went (at least two points to be drawn).
	Line orb.LineString
	// From and To are the route distances in metres where it turned and
	// the farthest back it went (To < From).
	From, To float64
	// Duration is the time it took; 0 when the ride has no times.
	Duration time.Duration
}

// Missed is a waypoint a ride did not validate.
type Missed struct {
	// Point is the waypoint's position.
	Point orb.Point
	// Label names it as the roadbook does ("WPM 12").
	Label string
	// Kind is its control kind (it picks the radius shown); 0 when unknown.
	Kind route.Kind
	// Along is its distance along the route in metres.
	Along float64
	// Closest is how close in metres the ride came; negative when unknown.
	Closest float64
}

// Options configures Encode and EncodeKMZ. The zero value is the defaults.
type Options struct {
	// KmMarkers is the distance in km between kilometre markers (hidden by
	// default in the document); 0 means 10, a negative value draws none.
	KmMarkers float64
	// Simplify is the display tolerance in metres for long lines (sections,
	// speed zones, rides); 0 means 2, a negative value keeps every point.
	Simplify float64
	// Rules gives the radii drawn around waypoints; nil means the defaults.
	Rules *route.Rules
	// Tracks are the other tracks around the routes (roads, pistes), drawn
	// in the balloons' tulips as the printed roadbook draws them
	// (roadbook.Options.Tracks): for the stages whose folder gives no
	// Book. nil draws the route alone.
	Tracks *roadbook.Tracks
	// Indent indents the XML (two spaces a level): easier to read and
	// diff, slightly larger.
	Indent bool
}

func (o Options) kmMarkers() float64 {
	if o.KmMarkers == 0 {
		return 10
	}
	return o.KmMarkers
}

func (o Options) tolerance() float64 {
	if o.Simplify == 0 {
		return 2
	}
	return o.Simplify
}

// Stats counts the points an encoding read and wrote.
type Stats struct {
	// RoutePoints and RouteKept are the route points of the stages'
	// sections before and after simplification (a point shared by two
	// sections counts twice).
	RoutePoints, RouteKept int
	// RidePoints and RideKept are the same for the rides.
	RidePoints, RideKept int
}

// Encode writes doc to w as a plain KML document. Waypoint icons refer to
// Google's standard icons (http://maps.google.com/mapfiles/kml/…), since a
// plain KML file cannot carry its own.
func Encode(w io.Writer, doc *Document, opts Options) (Stats, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	e, err := encode(bw, doc, opts, false)
	if err != nil {
		return e.stats, err
	}
	return e.stats, bw.Flush()
}

// zipTime is the modification time of every file in a KMZ: fixed, so the
// same document gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// EncodeKMZ writes doc to w as a KMZ: a zip holding doc.kml (first, as
// Google Earth expects), the icons it uses as files/NAME.png, drawn by
// Icon, and the pictures of the lexicon symbols its notes use as
// files/sym-CODE.png. Every entry has the same fixed timestamp.
func EncodeKMZ(w io.Writer, doc *Document, opts Options) (Stats, error) {
	zw := zip.NewWriter(w)
	// Fastest deflate: a million-point route's doc.kml compresses 4× faster
	// than at the default level, for a file 19 % larger (docs/kml.md).
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	}
	fw, err := create("doc.kml")
	if err != nil {
		return Stats{}, err
	}
	bw := bufio.NewWriterSize(fw, 1<<16)
	e, err := encode(bw, doc, opts, true)
	st := e.stats
	if err != nil {
		return st, err
	}
	if err := bw.Flush(); err != nil {
		return st, err
	}
	for _, ic := range allIcons() {
		fw, err := create("files/" + ic.name + ".png")
		if err != nil {
			return st, err
		}
		if _, err := fw.Write(Icon(ic.name)); err != nil {
			return st, err
		}
	}
	for _, sym := range e.usedSymbols() {
		fw, err := create("files/" + symbolFile(sym.Code))
		if err != nil {
			return st, err
		}
		if err := raster.PNG(fw, sym, symbolPixels); err != nil {
			return st, err
		}
	}
	return st, zw.Close()
}

// encode writes the document a stage at a time: each stage's folder is built
// as a go-kml element tree and marshalled, then dropped.
func encode(w io.Writer, doc *Document, opts Options, kmz bool) (*encoder, error) {
	if doc == nil {
		doc = &Document{}
	}
	e := &encoder{opts: opts, kmz: kmz}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return e, err
	}
	enc := xml.NewEncoder(w)
	if opts.Indent {
		enc.Indent("", "  ")
	}
	root := xml.StartElement{
		Name: xml.Name{Local: "kml"},
		Attr: []xml.Attr{
			{Name: xml.Name{Local: "xmlns"}, Value: gokml.Namespace},
			{Name: xml.Name{Local: "xmlns:gx"}, Value: gokml.GxNamespace},
		},
	}
	docStart := xml.StartElement{Name: xml.Name{Local: "Document"}}
	if err := enc.EncodeToken(root); err != nil {
		return e, err
	}
	if err := enc.EncodeToken(docStart); err != nil {
		return e, err
	}
	name := doc.Name
	if name == "" && len(doc.Stages) > 0 {
		name = doc.Stages[0].Title()
	}
	head := []gokml.Element{
		gokml.Name(name),
		gokml.Open(true),
		descElement(legend(e.kmz)),
	}
	head = append(head, e.styles(len(doc.Rides))...)
	for _, el := range head {
		if err := el.MarshalXML(enc, xml.StartElement{}); err != nil {
			return e, err
		}
	}
	for i := range doc.Stages {
		if err := e.stageFolder(&doc.Stages[i]).MarshalXML(enc, xml.StartElement{}); err != nil {
			return e, err
		}
	}
	if len(doc.Rides) > 0 {
		if err := e.ridesFolder(doc.Rides).MarshalXML(enc, xml.StartElement{}); err != nil {
			return e, err
		}
	}
	if err := enc.EncodeToken(docStart.End()); err != nil {
		return e, err
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return e, err
	}
	if err := enc.Flush(); err != nil {
		return e, err
	}
	if opts.Indent {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return e, err
		}
	}
	return e, nil
}

// encoder holds what the parts of one encoding share.
type encoder struct {
	opts  Options
	kmz   bool
	stats Stats
	// The symbols of the notes: those a KMZ's balloons use (notes.go),
	// and the data URLs plain KML's balloons use, by code.
	symbols    map[string]*lexicon.Symbol
	symbolURLs map[string]string
}

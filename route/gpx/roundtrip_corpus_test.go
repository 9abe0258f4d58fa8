package gpx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/route"
)

// projectGPX returns every GPX file of the project: the corpus of real
// files, this package's test data (the encoder's golden file among them),
// the command's test data and the Dakar example.
func projectGPX(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, root := range []string{corpusDir, "testdata", "../../cmd/roadbook/testdata", "../../examples/dakar2026"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".gpx") {
				out = append(out, path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("walking %s: %v", root, err)
		}
	}
	if len(out) < 60 {
		t.Fatalf("found %d GPX files; want the corpus, the golden files and the examples", len(out))
	}
	return out
}

// TestRoundTripFiles reads every GPX file of the project, writes it with
// Encode, reads that back and checks it is the same file (points to 1 cm,
// elevations to 1 mm, times, every waypoint field Encode writes, names,
// links and metadata), and that writing it again gives the same bytes
// (Encode is idempotent, as gofmt is). A file that Decode refuses (a test
// of errors) is read leniently, as the command's --lenient does.
func TestRoundTripFiles(t *testing.T) {
	for _, path := range projectGPX(t) {
		t.Run(path, func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(bytes.NewReader(b))
			if err != nil {
				if f, err = (&Decoder{Lenient: true}).Decode(bytes.NewReader(b)); err != nil {
					t.Skipf("not readable, even leniently (a test of errors): %v", err)
				}
			}
			var enc1 bytes.Buffer
			if err := Encode(&enc1, f); err != nil {
				t.Fatalf("Encode: %v", err)
			}
			back, err := Decode(bytes.NewReader(enc1.Bytes()))
			if err != nil {
				t.Fatalf("Decode(Encode(f)): %v\n%s", err, enc1.Bytes())
			}
			compareRoundTrip(t, f, back)
			sameFields(t, f, back)
			var enc2 bytes.Buffer
			if err := Encode(&enc2, back); err != nil {
				t.Fatalf("Encode(Decode(Encode(f))): %v", err)
			}
			if !bytes.Equal(enc1.Bytes(), enc2.Bytes()) {
				t.Errorf("Encode is not idempotent: the second encoding differs from the first")
			}
		})
	}
}

// sameFields compares what Encode writes besides the numbers
// compareRoundTrip checks: metadata, the names of tracks, routes and
// waypoints, their links, and the waypoints' rally fields.
func sameFields(t *testing.T, a, b *route.File) {
	t.Helper()
	ma, mb := a.Metadata, b.Metadata
	ma.Bounds, mb.Bounds = mb.Bounds, ma.Bounds // written to 7 decimals
	if ma.Name != mb.Name || ma.Desc != mb.Desc || ma.Author != mb.Author || ma.Copyright != mb.Copyright ||
		ma.Keywords != mb.Keywords || !ma.Time.Equal(mb.Time) || !reflect.DeepEqual(ma.Links, mb.Links) {
		t.Errorf("metadata read back as %+v; want %+v", mb, ma)
	}
	if a.Units != b.Units || a.HasTotal != b.HasTotal || a.TotalKm != b.TotalKm {
		t.Errorf("units, total read back as %q %v %v; want %q %v %v", b.Units, b.HasTotal, b.TotalKm, a.Units, a.HasTotal, a.TotalKm)
	}
	for i := range a.Tracks {
		x, y := &a.Tracks[i], &b.Tracks[i]
		if x.Name != y.Name || x.Desc != y.Desc || x.Cmt != y.Cmt || x.Src != y.Src || x.Type != y.Type || x.Number != y.Number || !reflect.DeepEqual(x.Links, y.Links) {
			t.Errorf("track %d read back as %q %q %v; want %q %q %v", i, y.Name, y.Desc, y.Links, x.Name, x.Desc, x.Links)
		}
	}
	for i := range a.Routes {
		x, y := &a.Routes[i], &b.Routes[i]
		if x.Name != y.Name || x.Desc != y.Desc || x.Cmt != y.Cmt || x.Src != y.Src || x.Type != y.Type || x.Number != y.Number || !reflect.DeepEqual(x.Links, y.Links) || !reflect.DeepEqual(x.Names, y.Names) {
			t.Errorf("route %d read back as %q %v; want %q %v", i, y.Name, y.Names, x.Name, x.Names)
		}
	}
	for i := range a.Waypoints {
		x, y := a.Waypoints[i], b.Waypoints[i]
		x.Controls, y.Controls = slices.Clone(x.Controls), slices.Clone(y.Controls)
		x.Extensions, y.Extensions = slices.Clone(x.Extensions), slices.Clone(y.Extensions)
		// What the encoder is not asked to keep: the line read from,
		// and the position to 1 cm (compareRoundTrip checks it).
		x.Line, y.Line = 0, 0
		x.Point, y.Point = orb.Point{}, orb.Point{}
		if x.HasEle && y.HasEle && closeTo(x.Ele, y.Ele, 0.6e-3) {
			y.Ele = x.Ele
		}
		// OpenRally's speed limits and radii are integers (its schema's
		// positiveInteger): a statute file's "DZ 50 km/h", 31.07 mph, is
		// written 31.
		if closeTo(x.Speed, y.Speed, 0.5) {
			y.Speed = x.Speed
		}
		for j := range min(len(x.Controls), len(y.Controls)) {
			rx, ry := &x.Controls[j].Radii, &y.Controls[j].Radii
			if closeTo(rx.Open, ry.Open, 0.5) && closeTo(rx.Clear, ry.Clear, 0.5) {
				y.Controls[j].Radii = *rx
			}
		}
		for _, es := range [][]route.Extension{x.Extensions, y.Extensions} {
			for j := range es {
				es[j].Line = 0 // where it was read
			}
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("waypoint %d read back as\n%+v\nwant\n%+v", i, y, x)
		}
	}
}

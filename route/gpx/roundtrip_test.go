package gpx

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
)

// validator is the schema validator of the project's test data.
const validator = "../../testdata/tools/validate-xml"

// openRallyFiles returns every OpenRally file of the project's test data
// and examples: the corpus, this package's testdata, the command's and the
// Dakar example's.
func openRallyFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, root := range []string{"../../testdata", "testdata", "../../cmd/roadbook/testdata", "../../examples/dakar2026"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".gpx") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte("http://www.openrally.org/xmlschemas/")) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("walking %s: %v", root, err)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d OpenRally files; want the corpus's ten at least", len(out))
	}
	return out
}

// TestOpenRallyRoundTrip exports every OpenRally file of the test data as
// the openrally command does (roadbook.Build, OpenRally, Encode), reads the
// export back, and checks that it has the same boxes, drawings, tags and
// distances; for a file that is already a roadbook, that every waypoint is
// its source's, field by field. The export is validated against the
// published schema that can hold it (see schemaFor).
func TestOpenRallyRoundTrip(t *testing.T) {
	lint := true
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint not found (apt-get install libxml2-utils): %v", err)
		}
		t.Logf("xmllint not found: exports not validated against the schemas")
		lint = false
	}
	for _, path := range openRallyFiles(t) {
		t.Run(path, func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src, err := Decode(bytes.NewReader(in))
			if err != nil {
				t.Skipf("not a valid file (a test of errors): %v", err)
			}
			st := route.NewStage(src, route.StageOptions{})
			rb := roadbook.Build(st, roadbook.Options{})
			var out bytes.Buffer
			if err := Encode(&out, OpenRally(rb, nil)); err != nil {
				t.Fatalf("Encode(OpenRally(%s)) = %v", path, err)
			}
			back, err := Decode(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("Decode(export) = %v\n%s", err, out.Bytes())
			}
			rb2 := roadbook.Build(route.NewStage(back, route.StageOptions{}), roadbook.Options{})
			sameBoxes(t, rb, rb2)
			if rb.Kept {
				if !rb2.Kept {
					t.Errorf("the export of a kept roadbook is not kept when read back")
				}
				// The boxes are in roadbook order, which is the file's
				// unless the file lists them out of order (OpenRally's own
				// example does): compare each with its source.
				order := make([]int, len(st.Waypoints))
				for i := range st.Waypoints {
					order[i] = st.Waypoints[i].Index
				}
				sameWaypoints(t, src, back, order)
			}
			if src.HasTotal && (!back.HasTotal || math.Abs(km(src, src.TotalKm)-back.TotalKm) > 1e-6) {
				t.Errorf("metadata distance %v %s read back as %v", src.TotalKm, src.Units, back.TotalKm)
			}
			if !reflect.DeepEqual(extNames(src.Extensions), extNames(back.Extensions)) {
				t.Errorf("metadata extensions %v read back as %v", extNames(src.Extensions), extNames(back.Extensions))
			}
			if !lint {
				return
			}
			kind := schemaFor(src)
			t.Logf("export validated as %s", kind)
			tmp := filepath.Join(t.TempDir(), "export.gpx")
			if err := os.WriteFile(tmp, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if msg, err := exec.Command(validator, kind, tmp).CombinedOutput(); err != nil {
				t.Errorf("validate-xml %s of the export: %v\n%s", kind, err, msg)
			}
		})
	}
}

// schemaFor returns the validate-xml kind an export of f must validate
// against. OpenRally v1.0.3 (strict) holds every tag of every version once
// its old names are mapped, except: the neutralisation and transfer-zone
// proposal's dn with a name, radii or time, dnz and dtz (validated against
// the proposal's own schema), the v0.x markers no later version kept, and
// elements of no known version, kept as written (no published schema holds
// them together: the export is then validated as GPX 1.1, whose extensions
// are lax).
func schemaFor(f *route.File) string {
	kind := "openrally"
	beyond := len(f.Extensions) > 0
	for i := range f.Waypoints {
		w := &f.Waypoints[i]
		if len(w.Markers) > 0 || len(w.Extensions) > 0 {
			beyond = true
		}
		for _, c := range w.Controls {
			if c.Zone || c.Time != 0 || c.Kind == route.DN && (c.Name != "" || c.Radii != route.Radii{}) {
				kind = "openrally-ntz"
			}
		}
	}
	if beyond {
		return "gpx"
	}
	return kind
}

// km converts a distance of f to km.
func km(f *route.File, v float64) float64 {
	if f.Units == "statute" {
		return v * route.MileKm
	}
	return v
}

func extNames(xs []route.Extension) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Name()+" "+x.XML)
	}
	return out
}

// sameBoxes compares the boxes of two roadbooks.
func sameBoxes(t *testing.T, a, b *roadbook.Book) {
	t.Helper()
	if len(a.Boxes) != len(b.Boxes) {
		t.Fatalf("%d boxes read back as %d", len(a.Boxes), len(b.Boxes))
	}
	for i := range a.Boxes {
		x, y := &a.Boxes[i], &b.Boxes[i]
		// Radii and limits are whole numbers in OpenRally: a statute
		// file's, converted to metres and km/h, come back rounded.
		got := fmt.Sprintf("total %.0f cap %v/%v controls %v speed %.0f danger %d reset %v stop %v tulip %q notes %q",
			y.Total, y.HasCap, y.Cap, rounded(y.Controls), y.Speed, y.Danger, y.Reset, y.Stop, y.TulipData, y.Notes)
		want := fmt.Sprintf("total %.0f cap %v/%v controls %v speed %.0f danger %d reset %v stop %v tulip %q notes %q",
			x.Total, x.HasCap, x.Cap, rounded(x.Controls), x.Speed, x.Danger, x.Reset, x.Stop, x.TulipData, x.Notes)
		if a.Kept {
			// A kept box without a tulip gets the one drawn from the
			// route, which the export writes as its drawing.
			if x.TulipData == "" && x.Tulip != nil && strings.HasPrefix(y.TulipData, "<svg") {
				got = strings.Replace(got, fmt.Sprintf("tulip %q", y.TulipData), `tulip ""`, 1)
			}
			if got != want {
				t.Errorf("box %d:\n got %.300s\nwant %.300s", i+1, got, want)
			}
			continue
		}
		// A built roadbook's export is a kept one: its notes become the
		// file's and its generated tulips the file's drawings.
		if x.Total != y.Total || x.HasCap != y.HasCap || x.Cap != y.Cap || x.Reset != y.Reset || x.Danger != y.Danger ||
			len(x.Controls) != len(y.Controls) || y.TulipData == "" && x.Tulip != nil {
			t.Errorf("box %d:\n got %.300s\nwant %.300s", i+1, got, want)
		}
	}
}

// rounded returns cs with their radii rounded to the metre.
func rounded(cs []route.Control) []route.Control {
	out := append([]route.Control(nil), cs...)
	for i := range out {
		out[i].Radii.Open, out[i].Radii.Clear = math.Round(out[i].Radii.Open), math.Round(out[i].Radii.Clear)
	}
	return out
}

// sameWaypoints compares the waypoints of a roadbook file and of its
// export, field by field, in metric units: the export's i-th waypoint with
// the source's order[i]-th.
func sameWaypoints(t *testing.T, src, back *route.File, order []int) {
	t.Helper()
	if len(order) != len(back.Waypoints) {
		t.Fatalf("%d waypoints read back as %d", len(order), len(back.Waypoints))
	}
	near := func(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
	for i, j := range order {
		w := src.Waypoints[j].Metric(src.Units)
		g := back.Waypoints[i]
		var bad []string
		check := func(what string, ok bool) {
			if !ok {
				bad = append(bad, what)
			}
		}
		check("position", w.HasPoint == g.HasPoint && (!w.HasPoint || near(w.Point[0], g.Point[0], 1e-7) && near(w.Point[1], g.Point[1], 1e-7)))
		check("ele", w.HasEle == g.HasEle && near(w.Ele, g.Ele, 5e-4))
		check("time", w.Time.Equal(g.Time))
		// Notes given as text are written as the drawing of that text, and
		// the text goes to an empty <desc> (keptWaypoint).
		wantDesc, wantNotes := w.Desc, w.Notes
		if text := strings.TrimSpace(w.Notes); text != "" && !route.IsDrawing(text) && (strings.TrimSpace(w.Desc) == "" || strings.TrimSpace(w.Desc) == text) {
			wantDesc, wantNotes = text, roadbook.NotesSVG(text)
		} else if roadbook.IsNotesSVG(w.Notes) && strings.TrimSpace(w.Desc) != "" {
			wantNotes = roadbook.NotesSVG(strings.TrimSpace(w.Desc))
		}
		check("names", w.Name == g.Name && wantDesc == g.Desc && w.Cmt == g.Cmt && w.Type == g.Type && w.Sym == g.Sym && w.Src == g.Src)
		check("links", reflect.DeepEqual(w.Links, g.Links))
		// Distances are written as read: exact in a metric file (a
		// statute file's are converted, and the conversion rounded).
		tol := 0.0
		if src.Units == "statute" {
			tol = 1e-12
		}
		check("distance", w.HasDistance == g.HasDistance && near(w.Distance, g.Distance, tol))
		check("cap", w.HasCap == g.HasCap && near(w.Cap, g.Cap, 0.5))
		check("danger", w.Danger == g.Danger)
		check("reset", w.Reset == g.Reset && near(w.ResetKm, g.ResetKm, 1e-6))
		check("speed", near(w.Speed, g.Speed, 0.5))
		check("durations", w.Neutralisation == g.Neutralisation && w.Allowed == g.Allowed && w.Stop == g.Stop)
		check("controls", len(w.Controls) == len(g.Controls))
		for k := range w.Controls {
			if k >= len(g.Controls) {
				break
			}
			a, b := w.Controls[k], g.Controls[k]
			check("control "+a.Kind.String(), a.Kind == b.Kind && a.Name == b.Name && a.Zone == b.Zone && a.Time == b.Time &&
				near(a.Radii.Open, b.Radii.Open, 0.5) && near(a.Radii.Clear, b.Radii.Clear, 0.5))
		}
		// Where the file has no tulip and there is a route, the export
		// has the tulip drawn from the route.
		check("tulip", w.Tulip == g.Tulip || w.Tulip == "" && strings.HasPrefix(g.Tulip, "<svg") && len(back.Tracks) > 0)
		check("notes", wantNotes == g.Notes)
		check("markers", w.ShowCoordinates == g.ShowCoordinates && reflect.DeepEqual(w.Safety, g.Safety) && reflect.DeepEqual(w.Markers, g.Markers))
		check("extensions", reflect.DeepEqual(extNames(w.Extensions), extNames(g.Extensions)))
		if len(bad) > 0 {
			t.Errorf("box %d (line %d): %s differ:\n src %.600v\nback %.600v", i+1, src.Waypoints[j].Line, strings.Join(bad, ", "), w, g)
		}
	}
}

package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// TestNoCap prints OpenRally's own example, a roadbook without a route
// whose boxes mostly give no CAP: only the boxes that give one print one
// (no "CAP 000" for the others).
func TestNoCap(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "openrally", "example.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gpx.Decode(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	rb := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	want := 0
	for _, x := range rb.Boxes {
		if x.HasCap {
			want++
		}
	}
	if want != 1 {
		t.Fatalf("%d boxes of the example have a CAP; want its one (cap 360)", want)
	}
	text := run(t, "pdftotext", encodeFile(t, []*roadbook.Book{rb}, Options{}), "-")
	if got := strings.Count(text, "CAP "); got != want {
		t.Errorf("pdftotext finds %d CAPs; want %d, the boxes that give one", got, want)
	}
}

package edit

import (
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/roadbook/roadbook/route/gpx"
)

// BenchmarkOpenStage7 measures opening the demo's Stage 7 (343 boxes, 27k
// points): decoding, the stage, the roadbook, validation, and the page's
// first state as JSON.
func BenchmarkOpenStage7(b *testing.B) {
	data, err := os.ReadFile(stage7)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		f, err := gpx.Decode(bytesReader(data))
		if err != nil {
			b.Fatal(err)
		}
		d, err := NewDoc(f, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := json.NewEncoder(io.Discard).Encode(d.State()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditStage7 measures one edit on Stage 7 as the page sees it:
// the edit applied, the state sent back as JSON, and the file saved
// (encoded; the disk write is the operating system's).
func BenchmarkEditStage7(b *testing.B) {
	data, err := os.ReadFile(stage7)
	if err != nil {
		b.Fatal(err)
	}
	f, err := gpx.Decode(bytesReader(data))
	if err != nil {
		b.Fatal(err)
	}
	d, err := NewDoc(f, Options{})
	if err != nil {
		b.Fatal(err)
	}
	id := d.State().Boxes[100].ID
	level := 0.0
	for b.Loop() {
		level = 3 - level
		if _, err := d.Apply(Edit{Op: "danger", Box: id, Value: &level}); err != nil {
			b.Fatal(err)
		}
		if err := json.NewEncoder(io.Discard).Encode(d.State()); err != nil {
			b.Fatal(err)
		}
		if err := d.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditParts splits an edit into its parts.
func BenchmarkEditParts(b *testing.B) {
	data, _ := os.ReadFile(stage7)
	f, _ := gpx.Decode(bytesReader(data))
	d, _ := NewDoc(f, Options{})
	b.Run("rebuild", func(b *testing.B) {
		for b.Loop() {
			d.rebuild()
		}
	})
	b.Run("state", func(b *testing.B) {
		for b.Loop() {
			d.State()
		}
	})
	b.Run("json", func(b *testing.B) {
		s := d.State()
		for b.Loop() {
			json.NewEncoder(io.Discard).Encode(s)
		}
	})
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			d.Encode(io.Discard)
		}
	})
}

func bytesReader(b []byte) io.Reader { return &sliceReader{b: b} }

type sliceReader struct{ b []byte }

func (r *sliceReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

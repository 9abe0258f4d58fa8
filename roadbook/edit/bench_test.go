package edit

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route/gpx"
)

// BenchmarkOpenStage7 measures opening the demo's Stage 7 (345 boxes, 27k
// points) as the author waits for it: the server reads, decodes, places,
// builds and validates the roadbook (NewServer), then the page asks for
// the state, the map and the notes palette.
func BenchmarkOpenStage7(b *testing.B) {
	data, err := os.ReadFile(stage7)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "stage7.gpx")
	os.WriteFile(path, data, 0o644)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{"127.0.0.1:1"}})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range []string{"/api/state", "/api/map", "/api/palette"} {
			req := httptest.NewRequest("GET", "http://127.0.0.1:1"+p, nil)
			req.Header.Set("X-Roadbook-Token", testToken)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("%s: %d", p, rec.Code)
			}
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
	start := cpuTime()
	defer reportCPU(b, start)
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

// BenchmarkEditSaveStage7 measures what the author waits for after an edit
// on Stage 7, through the server's handler as the page calls it: the edit
// (POST /api/edit, answered with the new state as JSON), then the save
// (POST /api/save: encoded, written through safefile, synced to the disk,
// renamed over the file), alternately.
func BenchmarkEditSaveStage7(b *testing.B) {
	srv, path := benchServer(b)
	_ = path
	id := srv.doc.State().Boxes[100].ID
	level := 0
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		level = 3 - level
		post(b, srv, "/api/edit", fmt.Sprintf(`{"base":%d,"edit":{"op":"danger","box":%d,"value":%d}}`, srv.doc.Version(), id, level))
		post(b, srv, "/api/save", fmt.Sprintf(`{"base":%d}`, srv.doc.Version()))
	}
}

// BenchmarkEditStage7Page measures the edit alone through the handler
// (POST /api/edit with the state as JSON), without the save.
func BenchmarkEditStage7Page(b *testing.B) {
	srv, _ := benchServer(b)
	id := srv.doc.State().Boxes[100].ID
	level := 0
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		level = 3 - level
		post(b, srv, "/api/edit", fmt.Sprintf(`{"base":%d,"edit":{"op":"danger","box":%d,"value":%d}}`, srv.doc.Version(), id, level))
	}
}

// benchServer serves a copy of Stage 7 in a temporary folder.
func benchServer(b *testing.B) (*Server, string) {
	data, err := os.ReadFile(stage7)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "stage7.gpx")
	os.WriteFile(path, data, 0o644)
	srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{"127.0.0.1:1"}})
	if err != nil {
		b.Fatal(err)
	}
	return srv, path
}

// post sends a change to the handler and fails on an answer other than 200.
func post(b *testing.B, srv *Server, path, body string) {
	req := httptest.NewRequest("POST", "http://127.0.0.1:1"+path, strings.NewReader(body))
	req.Header.Set("X-Roadbook-Token", testToken)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("%s: %d %.200s", path, rec.Code, rec.Body.String())
	}
}

// BenchmarkEditParts splits an edit into its parts.
func BenchmarkEditParts(b *testing.B) {
	data, _ := os.ReadFile(stage7)
	f, _ := gpx.Decode(bytesReader(data))
	d, _ := NewDoc(f, Options{})
	b.Run("rebuild", func(b *testing.B) {
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			d.rebuild()
		}
	})
	b.Run("state", func(b *testing.B) {
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			d.State()
		}
	})
	b.Run("json", func(b *testing.B) {
		s := d.State()
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			json.NewEncoder(io.Discard).Encode(s)
		}
	})
	b.Run("map", func(b *testing.B) {
		start := cpuTime()
		defer reportCPU(b, start)
		for b.Loop() {
			d.Map().MarshalJSON()
		}
	})
	b.Run("encode", func(b *testing.B) {
		start := cpuTime()
		defer reportCPU(b, start)
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

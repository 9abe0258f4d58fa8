package edit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/roadbook/roadbook/roadbook/tulip"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

const stage7 = "../../examples/dakar2026/07-stage7.gpx"

const testToken = "0123456789abcdef0123456789abcdef"

// testServer copies src into a temporary folder and serves it on a real
// loopback listener. It returns the server, its base URL and the copy's
// path.
func testServer(t testing.TB, src string) (*Server, string, string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{ln.Addr().String()}})
	if err != nil {
		t.Fatal(err)
	}
	hs := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv}}
	hs.Start()
	t.Cleanup(hs.Close)
	return srv, hs.URL, path
}

// call sends a request with the token in the header and decodes the reply.
func call(t testing.TB, method, url string, body any) (int, *Reply) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("X-Roadbook-Token", testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r Reply
	data, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s %s: %d: %v: %.300q", method, url, resp.StatusCode, err, data)
	}
	return resp.StatusCode, &r
}

// doEdit applies e at the current version and fails the test on an error.
func doEdit(t testing.TB, url string, base int, e Edit) *Reply {
	t.Helper()
	code, r := call(t, "POST", url+"/api/edit", map[string]any{"base": base, "edit": e})
	if code != 200 {
		t.Fatalf("edit %+v: %d %s", e, code, r.Error)
	}
	return r
}

func f64(v float64) *float64 { return &v }
func ptr[T any](v T) *T      { return &v }

func boxByID(r *Reply, id int) *Box {
	for i := range r.Boxes {
		if r.Boxes[i].ID == id {
			return &r.Boxes[i]
		}
	}
	return nil
}

func boxByLabel(r *Reply, label string) *Box {
	for i := range r.Boxes {
		if r.Boxes[i].Label == label {
			return &r.Boxes[i]
		}
	}
	return nil
}

func TestStateStage7(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	code, r := call(t, "GET", url+"/api/state", nil)
	if code != 200 {
		t.Fatalf("state: %d", code)
	}
	if len(r.Boxes) != 345 {
		t.Errorf("boxes = %d; want 345", len(r.Boxes))
	}
	b := boxByLabel(r, "WPM 16")
	if b == nil {
		t.Fatal("no box WPM 16")
	}
	if b.Cap != 261 || b.Km != "305.98" || b.Kind != "WPM" || b.CapSource != "file" {
		t.Errorf("WPM 16 = cap %v km %s kind %s capSource %s; want 261, 305.98, WPM, file", b.Cap, b.Km, b.Kind, b.CapSource)
	}
	if r.Dirty || r.CanUndo || r.Draft {
		t.Errorf("dirty %v canUndo %v draft %v on open", r.Dirty, r.CanUndo, r.Draft)
	}
}

// TestEveryEdit applies each kind of edit through the API and checks the
// state, then that the saved file says it.
func TestEveryEdit(t *testing.T) {
	_, url, path := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	v := r.Version
	wpm := boxByLabel(r, "WPM 16")
	// add between two boxes of the special
	along := wpm.Along + 1000
	r = doEdit(t, url, v, Edit{Op: "add", Along: &along})
	id := r.Box
	b := boxByID(r, id)
	if b == nil || b.DistSource != "computed" || b.CapSource != "computed" || b.TulipSource != "track" {
		t.Fatalf("added box = %+v", b)
	}
	if got := b.Along; got < along-1 || got > along+1 {
		t.Errorf("added box along = %v; want %v", got, along)
	}
	if b.Number != wpm.Number+1 && b.Number != wpm.Number+2 {
		t.Errorf("added box number = %d; want just after %d", b.Number, wpm.Number)
	}
	added := 0 // the track added to the tulip
	steps := []struct {
		e     Edit
		check func(b *Box) bool
	}{
		{Edit{Op: "notes", Text: ptr("{village} TL {well}")}, func(b *Box) bool { return b.Notes == "{village} TL {well}" && !b.NoteGenerated }},
		{Edit{Op: "danger", Value: f64(2)}, func(b *Box) bool { return b.Danger == 2 }},
		{Edit{Op: "cap", Value: f64(123)}, func(b *Box) bool { return b.Cap == 123 && b.CapSource == "file" }},
		{Edit{Op: "cap"}, func(b *Box) bool { return b.CapSource == "computed" }},
		{Edit{Op: "exit", Angle: f64(90), Surface: "tarmac"}, func(b *Box) bool {
			return b.TulipSource == "author" && *b.Legs.Exit == Leg{Angle: 90, Surface: tulip.Tarmac}
		}},
		{Edit{Op: "track", Angle: f64(-90), Surface: "off-piste"}, func(b *Box) bool {
			added = len(b.Legs.Tracks) - 1
			return added >= 0 && b.Legs.Tracks[added] == Leg{Angle: -90, Surface: tulip.OffPiste}
		}},
		{Edit{Op: "track", Track: &added, Angle: f64(-45)}, func(b *Box) bool { return b.Legs.Tracks[added].Angle == -45 }},
		{Edit{Op: "entry", Surface: "track"}, func(b *Box) bool { return b.Legs.Entry.Surface == tulip.SmallTrack }},
		{Edit{Op: "kind", Kind: "WPS"}, func(b *Box) bool { return b.Kind == "WPS" }},
		{Edit{Op: "name", Text: ptr("WPS 99")}, func(b *Box) bool { return b.Name == "WPS 99" }},
		{Edit{Op: "radii", Kind: "WPS", Open: f64(1500), Clear: f64(60)}, func(b *Box) bool {
			return len(b.Controls) == 1 && b.Controls[0].Open == 1500 && b.Controls[0].Clear == 60
		}},
		{Edit{Op: "control", Kind: "DZ", On: ptr(true)}, func(b *Box) bool { return len(b.Controls) == 2 }},
		{Edit{Op: "speed", Value: f64(60)}, func(b *Box) bool { return b.Speed == 60 }},
		{Edit{Op: "control", Kind: "CH", On: ptr(true)}, func(b *Box) bool { return len(b.Controls) == 3 }},
		{Edit{Op: "allowed", Value: f64(45)}, func(b *Box) bool { return b.Allowed == 45 }},
		{Edit{Op: "stop", Value: f64(30)}, func(b *Box) bool { return b.Stop == 30 }},
		{Edit{Op: "control", Kind: "DN", On: ptr(true)}, func(b *Box) bool { return len(b.Controls) == 4 }},
		{Edit{Op: "neutral", Value: f64(900)}, func(b *Box) bool { return b.Neutral == 900 }},
		{Edit{Op: "control", Kind: "DN", On: ptr(false)}, func(b *Box) bool { return len(b.Controls) == 3 && b.Neutral == 0 }},
		{Edit{Op: "reset", On: ptr(true)}, func(b *Box) bool { return b.Reset }},
		{Edit{Op: "reset", On: ptr(false)}, func(b *Box) bool { return !b.Reset }},
		{Edit{Op: "move", Along: f64(along + 200)}, func(b *Box) bool { return b.Along > along+199 && b.Along < along+201 }},
	}
	for _, s := range steps {
		s.e.Box = id
		r = doEdit(t, url, r.Version, s.e)
		if b := boxByID(r, id); b == nil || !s.check(b) {
			t.Errorf("after %s: box = %+v", s.e.Op, b)
		}
	}
	// the control removed, the untracked track
	r = doEdit(t, url, r.Version, Edit{Op: "control", Box: id, Kind: "CH", On: ptr(false)})
	r = doEdit(t, url, r.Version, Edit{Op: "untrack", Box: id, Track: &added})
	if b := boxByID(r, id); len(b.Controls) != 2 {
		t.Errorf("controls after removing CH = %+v", b.Controls)
	}
	code, r := call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	if code != 200 {
		t.Fatalf("save: %d %s", code, r.Error)
	}
	f := decodeFile(t, path)
	if len(f.Waypoints) != 346 {
		t.Fatalf("saved waypoints = %d; want 346", len(f.Waypoints))
	}
	var w *route.Waypoint
	for i := range f.Waypoints {
		if f.Waypoints[i].Name == "WPS 99" {
			w = &f.Waypoints[i]
		}
	}
	if w == nil {
		t.Fatal("the saved file has no WPS 99")
	}
	if w.Notes != "{village} TL {well}" || w.Danger != 2 || !w.HasCap || w.Speed != 60 || w.Stop.Seconds() != 30 || !w.Has(route.WPS) || !w.Has(route.DZ) || w.Has(route.CH) {
		t.Errorf("saved box = %+v", w)
	}
	if d, ok := parseTulip(w.Tulip); !ok {
		t.Errorf("saved tulip: no drawing the editor can read back in %.200q", w.Tulip)
	} else if l := legsOf(d); *l.Exit != (Leg{Angle: 90, Surface: tulip.Tarmac}) || l.Entry.Surface != tulip.SmallTrack {
		t.Errorf("saved tulip: legs %+v; want the exit at 90° on tarmac, the approach a small track", l)
	}
	if c, _ := w.Control(route.WPS); c.Radii.Open != 1500 || c.Radii.Clear != 60 {
		t.Errorf("saved WPS radii = %+v", c.Radii)
	}
	// delete it, and the file has the others again
	r = doEdit(t, url, r.Version, Edit{Op: "delete", Box: id})
	if boxByID(r, id) != nil || len(r.Boxes) != 345 {
		t.Errorf("after delete: %d boxes", len(r.Boxes))
	}
}

func decodeFile(t testing.TB, path string) *route.File {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := gpx.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestUndoRestoresFile: edits, save, undo them all, save: the file holds
// what it held (every waypoint field), and the original is kept beside it.
func TestUndoRestoresFile(t *testing.T) {
	_, url, path := testServer(t, stage7)
	orig, _ := os.ReadFile(path)
	before := decodeFile(t, path)
	_, r := call(t, "GET", url+"/api/state", nil)
	wpm := boxByLabel(r, "WPM 16")
	r = doEdit(t, url, r.Version, Edit{Op: "notes", Box: wpm.ID, Text: ptr("{dunes-many} changed")})
	r = doEdit(t, url, r.Version, Edit{Op: "delete", Box: r.Boxes[5].ID})
	r = doEdit(t, url, r.Version, Edit{Op: "add", Along: f64(1234)})
	_, r = call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	if r.Backup != filepath.Base(path)+".orig" {
		t.Errorf("backup = %q; want %q", r.Backup, filepath.Base(path)+".orig")
	}
	if kept, _ := os.ReadFile(path + ".orig"); !bytes.Equal(kept, orig) {
		t.Error("the copy of the original differs from it")
	}
	for i := 0; i < 3; i++ {
		code, rr := call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version})
		if code != 200 {
			t.Fatalf("undo: %d %s", code, rr.Error)
		}
		r = rr
	}
	if code, rr := call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version}); code != 400 {
		t.Errorf("undo past the start: %d %s", code, rr.Error)
	}
	_, r = call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	after := decodeFile(t, path)
	if len(after.Waypoints) != len(before.Waypoints) {
		t.Fatalf("waypoints = %d; want %d", len(after.Waypoints), len(before.Waypoints))
	}
	for i := range before.Waypoints {
		a, b := after.Waypoints[i], before.Waypoints[i]
		a.Line, b.Line = 0, 0
		if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
			t.Errorf("waypoint %d = %+v; want %+v", i, a, b)
		}
	}
	if after.Metadata.Desc != before.Metadata.Desc || after.Counts() != before.Counts() {
		t.Errorf("metadata or counts changed: %+v / %+v", after.Counts(), before.Counts())
	}
	// A second save kept no second copy.
	if _, err := os.Stat(path + ".orig2"); err == nil {
		t.Error("a second copy of the original was written")
	}
	// redo works after undo
	code, rr := call(t, "POST", url+"/api/redo", map[string]any{"base": r.Version})
	if code != 200 || !rr.CanUndo {
		t.Errorf("redo: %d %s", code, rr.Error)
	}
}

func TestToken(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	for _, tc := range []struct {
		name   string
		method string
		path   string
		header string
		want   int
	}{
		{"no token", "GET", "/api/state", "", 401},
		{"no token, page", "GET", "/", "", 401},
		{"no token, asset", "GET", "/assets/editor.js", "", 401},
		{"wrong token", "GET", "/api/state?token=0123456789abcdef0123456789abcdeX", "", 403},
		{"token in query", "GET", "/api/state?token=" + testToken, "", 200},
		{"token in header", "GET", "/api/state", testToken, 200},
		{"change with the token in the query only", "POST", "/api/save?token=" + testToken, "", 403},
		{"change without token", "POST", "/api/save", "", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, url+tc.path, strings.NewReader(`{"base":0}`))
			if tc.header != "" {
				req.Header.Set("X-Roadbook-Token", tc.header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s = %d; want %d", tc.method, tc.path, resp.StatusCode, tc.want)
			}
		})
	}
	// The page names its scripts and style sheets with the token, and
	// sets no cookie (one would go to every port of 127.0.0.1).
	resp, err := http.Get(url + "/?token=" + testToken)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(resp.Cookies()) != 0 {
		t.Errorf("the page sets cookies %+v", resp.Cookies())
	}
	for _, ref := range []string{`src="assets/editor.js?token=` + testToken + `"`, `href="assets/editor.css?token=` + testToken + `"`, `src="assets/leaflet/leaflet.js?token=` + testToken + `"`} {
		if !bytes.Contains(page, []byte(ref)) {
			t.Errorf("the page has no %s", ref)
		}
	}
}

func TestHostHeader(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	for _, host := range []string{"evil.example.com", "evil.example.com:80", "127.0.0.1", "127.0.0.2" + url[strings.LastIndex(url, ":"):]} {
		req, _ := http.NewRequest("GET", url+"/api/state", nil)
		req.Host = host
		req.Header.Set("X-Roadbook-Token", testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("Host %q = %d; want 403", host, resp.StatusCode)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	_, url, path := testServer(t, stage7)
	before, _ := os.ReadFile(path)
	big := strings.Repeat("x", DefaultMaxBody+10)
	code, r := call(t, "POST", url+"/api/edit", map[string]any{"base": 0, "edit": Edit{Op: "notes", Box: 1, Text: &big}})
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit = %d %s; want 413", code, r.Error)
	}
	// A body under the limit with notes over theirs is refused too.
	long := strings.Repeat("x", maxNotes+1)
	code, _ = call(t, "POST", url+"/api/edit", map[string]any{"base": 0, "edit": Edit{Op: "notes", Box: 1, Text: &long}})
	if code != 400 {
		t.Errorf("notes over the limit = %d; want 400", code)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

func TestBadEdits(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	id := r.Boxes[3].ID
	for _, e := range []Edit{
		{Op: "frobnicate", Box: id},
		{Op: "danger", Box: id, Value: f64(4)},
		{Op: "danger", Box: 99999, Value: f64(1)},
		{Op: "cap", Box: id, Value: f64(-3)},
		{Op: "kind", Box: id, Kind: "DSS"},
		{Op: "control", Box: id, Kind: "WPM", On: ptr(true)},
		{Op: "add", Along: f64(-5)},
		{Op: "add"},
		{Op: "exit", Box: id, Surface: "lava"},
		{Op: "untrack", Box: id, Track: ptr(7)},
		{Op: "radii", Box: id, Kind: "WPM", Clear: f64(10)},
		{Op: "neutral", Box: id, Value: f64(60)},
	} {
		code, rr := call(t, "POST", url+"/api/edit", map[string]any{"base": r.Version, "edit": e})
		if code != 400 || rr.Error == "" {
			t.Errorf("edit %+v = %d %q; want 400 with a reason", e, code, rr.Error)
		}
		if rr.Version != r.Version {
			t.Errorf("edit %+v changed the version", e)
		}
	}
}

// TestSecondTab: a page showing an older version is refused (409) with the
// current state, so a second tab sees the first one's edits.
func TestSecondTab(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	old := r.Version
	r = doEdit(t, url, old, Edit{Op: "danger", Box: r.Boxes[2].ID, Value: f64(1)})
	code, rr := call(t, "POST", url+"/api/edit", map[string]any{"base": old, "edit": Edit{Op: "danger", Box: r.Boxes[2].ID, Value: f64(3)}})
	if code != 409 || rr.Version != r.Version || rr.Boxes[2].Danger != 1 || rr.Message == "" {
		t.Errorf("stale edit = %d version %d danger %d %q; want 409 with the current state", code, rr.Version, rr.Boxes[2].Danger, rr.Message)
	}
}

// TestDiskChanged: a file changed by someone else is not saved over.
func TestDiskChanged(t *testing.T) {
	_, url, path := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	r = doEdit(t, url, r.Version, Edit{Op: "danger", Box: r.Boxes[2].ID, Value: f64(1)})
	other := []byte("<gpx version=\"1.1\"></gpx>\n")
	if err := os.WriteFile(path, other, 0o644); err != nil {
		t.Fatal(err)
	}
	_, rr := call(t, "GET", url+"/api/state", nil)
	if !rr.DiskChanged {
		t.Error("diskChanged = false after the file changed")
	}
	code, rr := call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	if code != 409 {
		t.Errorf("save over a changed file = %d %s; want 409", code, rr.Error)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, other) {
		t.Error("the changed file was saved over")
	}
}

// TestConcurrentSaves: saves and edits from many clients at once leave a
// whole file that decodes, and no temporary file.
func TestConcurrentSaves(t *testing.T) {
	_, url, path := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	r = doEdit(t, url, r.Version, Edit{Op: "notes", Box: r.Boxes[1].ID, Text: ptr("concurrent")})
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes[i], _ = call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
		}(i)
	}
	wg.Wait()
	for i, c := range codes {
		if c != 200 {
			t.Errorf("save %d = %d", i, c)
		}
	}
	f := decodeFile(t, path)
	if len(f.Waypoints) != 345 || f.Waypoints[1].Notes != "concurrent" {
		t.Errorf("saved file: %d waypoints, notes %q", len(f.Waypoints), f.Waypoints[1].Notes)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 {
		t.Errorf("folder holds %v; want the file and its .orig", names)
	}
}

// TestViewingChangesNothing: opening and reading every view writes nothing.
func TestViewingChangesNothing(t *testing.T) {
	_, url, path := testServer(t, stage7)
	before, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	_, r := call(t, "GET", url+"/api/state", nil)
	for _, p := range []string{"/", "/api/state", "/api/map", "/api/poll", "/api/palette", "/assets/editor.js", "/assets/leaflet/leaflet.js",
		"/" + r.Boxes[0].Tulip, fmt.Sprintf("/api/preview?box=%d", r.Boxes[10].ID)} {
		req, _ := http.NewRequest("GET", url+p, nil)
		req.Header.Set("X-Roadbook-Token", testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
		}
	}
	after, _ := os.ReadFile(path)
	st2, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !st.ModTime().Equal(st2.ModTime()) {
		t.Error("the file changed")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files; want 1", len(entries))
	}
}

func TestPreviewAndPDF(t *testing.T) {
	_, url, path := testServer(t, stage7)
	req, _ := http.NewRequest("GET", url+"/api/preview?box=5", nil)
	req.Header.Set("X-Roadbook-Token", testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.HasPrefix(data, []byte("%PDF-")) || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("preview: %s %q", resp.Header.Get("Content-Type"), data[:min(20, len(data))])
	}
	code, r := call(t, "POST", url+"/api/pdf", map[string]any{"base": 0})
	if code != 200 {
		t.Fatalf("pdf: %d %s", code, r.Error)
	}
	pdfPath := strings.TrimSuffix(path, ".gpx") + ".pdf"
	data, err = os.ReadFile(pdfPath)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s: %v", pdfPath, err)
	}
}

func TestMapGeoJSON(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	req, _ := http.NewRequest("GET", url+"/api/map", nil)
	req.Header.Set("X-Roadbook-Token", testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&fc); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range fc.Features {
		kinds[fmt.Sprint(f.Properties["layer"], ":", f.Properties["kind"])]++
	}
	if fc.Type != "FeatureCollection" || kinds["section:liaison"] != 2 || kinds["section:special"] != 1 || kinds["radius:WPM"] == 0 {
		t.Errorf("map features: %v", kinds)
	}
}

// TestDraft: a plain track opens as a draft roadbook whose first save
// writes its boxes.
func TestDraft(t *testing.T) {
	srv, url, path := testServer(t, "../../cmd/roadbook/testdata/check/wrongturn.gpx")
	_ = srv
	_, r := call(t, "GET", url+"/api/state", nil)
	if !r.Draft || !r.Dirty || len(r.Boxes) < 2 {
		t.Fatalf("draft %v dirty %v boxes %d", r.Draft, r.Dirty, len(r.Boxes))
	}
	_, r = call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	f := decodeFile(t, path)
	if len(f.Waypoints) != len(r.Boxes) || !f.Waypoints[1].HasDistance || !f.Waypoints[1].HasCap || f.Waypoints[1].Tulip == "" {
		t.Errorf("saved draft: %d waypoints for %d boxes; %+v", len(f.Waypoints), len(r.Boxes), f.Waypoints[1])
	}
}

// TestNoOpEdit: an edit that leaves the roadbook as it was (the same notes
// twice, a danger set to its value) is no step to undo and keeps the
// version, so that one undo takes back the one real change.
func TestNoOpEdit(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	wpm := boxByLabel(r, "WPM 16")
	r = doEdit(t, url, r.Version, Edit{Op: "notes", Box: wpm.ID, Text: ptr("{well} twice")})
	v := r.Version
	r = doEdit(t, url, r.Version, Edit{Op: "notes", Box: wpm.ID, Text: ptr("{well} twice")})
	if r.Version != v {
		t.Errorf("the same notes again: version %d; want %d, unchanged", r.Version, v)
	}
	code, rr := call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version})
	if code != 200 || rr.CanUndo {
		t.Errorf("undo: %d, can undo %v; want 200 and nothing left to undo", code, rr.CanUndo)
	}
}

// TestRename: the waypoint's name is what the author types in the panel,
// and the badge the roadbook prints is its control's name: renaming
// "WPM 16" renames its control too (the demo, like OpenRally editors,
// writes the name in both), and a kind given to a box without a name
// writes no name (the badge prints the kind). The control kept "WPM 16"
// and the PDF printed it after the author had renamed the waypoint.
func TestRename(t *testing.T) {
	_, url, path := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	id := boxByLabel(r, "WPM 16").ID
	r = doEdit(t, url, r.Version, Edit{Op: "name", Box: id, Text: ptr("WPM 17")})
	if b := boxByID(r, id); b.Name != "WPM 17" || b.Label != "WPM 17" || b.Controls[0].Name != "WPM 17" {
		t.Errorf("renamed: name %q, label %q, controls %+v; want WPM 17 in all", b.Name, b.Label, b.Controls)
	}
	r = doEdit(t, url, r.Version, Edit{Op: "kind", Box: id, Kind: "WPS"})
	if b := boxByID(r, id); b.Name != "WPS 17" || b.Controls[0].Name != "WPS 17" {
		t.Errorf("WPS: name %q, controls %+v; want WPS 17", b.Name, b.Controls)
	}
	plain := r.Boxes[2].ID // a box without a name or a control
	r = doEdit(t, url, r.Version, Edit{Op: "kind", Box: plain, Kind: "WPC"})
	if b := boxByID(r, plain); b.Kind != "WPC" || b.Controls[0].Name != "" {
		t.Errorf("a kind given to a box without a name: %+v; want a WPC without a name", b.Controls)
	}
	if code, r := call(t, "POST", url+"/api/save", map[string]any{"base": r.Version}); code != 200 {
		t.Fatalf("save: %d %s", code, r.Error)
	}
	f := decodeFile(t, path)
	var found bool
	for _, w := range f.Waypoints {
		if c, ok := w.Control(route.WPS); ok && c.Name == "WPS 17" && w.Name == "WPS 17" {
			found = true
		}
		if c, ok := w.Control(route.WPC); ok && c.Name != "" && w.Name == "" {
			t.Errorf("the saved WPC has the name %q the author never gave", c.Name)
		}
	}
	if !found {
		t.Error("the saved file has no WPS 17 named so in its waypoint and its control")
	}
}

func TestRenameControls(t *testing.T) {
	for _, tt := range []struct {
		kind         route.Kind
		control, old string
		name, want   string
	}{
		{route.WPM, "WPM 16", "WPM 16", "WPM 17", "WPM 17"},
		{route.WPM, "16", "WPM 16", "WPM 17", "17"},
		{route.WPM, "16", "WPM16", "WPM 20", "20"},
		{route.WPM, "16", "WPM 16", "dune crest", "dune crest"},
		{route.WPM, "", "WPM 16", "WPM 17", ""},           // not named: the badge prints the kind
		{route.WPM, "well", "WPM 16", "WPM 17", "well"},   // named otherwise
		{route.DZ, "DZ 3", "DZ 3", "DZ 4", "DZ 4"},        // any control
		{route.WPV, "5", "5", "Camel farm", "Camel farm"}, // Tulip numbers its boxes
	} {
		cs := []route.Control{{Kind: tt.kind, Name: tt.control}}
		renameControls(cs, tt.old, tt.name)
		if cs[0].Name != tt.want {
			t.Errorf("%s named %q, waypoint %q renamed %q: %q; want %q", tt.kind, tt.control, tt.old, tt.name, cs[0].Name, tt.want)
		}
	}
}

// TestHosts: the first host is the address to open on this computer; for a
// server on every interface (--addr 0.0.0.0:PORT or [::]:PORT) it is
// 127.0.0.1, not the unspecified address, which a browser cannot open
// (the command printed http://[::]:PORT/ as the page's address).
func TestHosts(t *testing.T) {
	for _, tt := range []struct {
		addr   *net.TCPAddr
		first  string
		public bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8765}, "127.0.0.1:8765", false},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8765}, "[::1]:8765", false},
		{&net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 8765}, "192.0.2.7:8765", true},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8765}, "127.0.0.1:8765", true},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8765}, "127.0.0.1:8765", true},
	} {
		hosts, public := Hosts(tt.addr)
		if hosts[0] != tt.first || public != tt.public {
			t.Errorf("Hosts(%v) = %q, %v; want %s first, public %v", tt.addr, hosts, public, tt.first, tt.public)
		}
		if tt.addr.IP.IsUnspecified() && !slices.Contains(hosts, "localhost:8765") {
			t.Errorf("Hosts(%v) = %q; want localhost too", tt.addr, hosts)
		}
	}
}

// TestUndoToSaved: undoing every edit leaves the roadbook as the file has
// it: not dirty (the page said "unsaved edits" and warned on leaving it
// after every edit was undone); the state a save wrote is the clean one,
// whichever way undo and redo reach it.
func TestUndoToSaved(t *testing.T) {
	_, url, _ := testServer(t, stage7)
	_, r := call(t, "GET", url+"/api/state", nil)
	id := r.Boxes[3].ID
	dirty := func(what string, want bool) {
		t.Helper()
		if r.Dirty != want {
			t.Errorf("%s: dirty %v; want %v", what, r.Dirty, want)
		}
	}
	dirty("opened", false)
	r = doEdit(t, url, r.Version, Edit{Op: "danger", Box: id, Value: f64(2)})
	dirty("an edit", true)
	_, r = call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version})
	dirty("the edit undone", false)
	_, r = call(t, "POST", url+"/api/redo", map[string]any{"base": r.Version})
	dirty("redone", true)
	_, r = call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	dirty("saved", false)
	r = doEdit(t, url, r.Version, Edit{Op: "danger", Box: id, Value: f64(3)})
	dirty("an edit after the save", true)
	_, r = call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version})
	dirty("back to the saved state", false)
	_, r = call(t, "POST", url+"/api/undo", map[string]any{"base": r.Version})
	dirty("before the save", true)
}

func TestForBrowser(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<svg><text>a</text></svg>`, `<svg xmlns="http://www.w3.org/2000/svg"><text>a</text></svg>`},
		{`<?xml version="1.0"?><svg width="10"><image xlink:href="x.png"/></svg>`,
			`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10"><image xlink:href="x.png"/></svg>`},
		{`<svg xmlns="http://www.w3.org/2000/svg" a=">"><path/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" a=">"><path/></svg>`},
		{`<svgx/>`, `<svgx/>`},
	} {
		if got := string(forBrowser([]byte(tt.in))); got != tt.want {
			t.Errorf("forBrowser(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

package edit

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// serveFile serves the file at path (already in place) on a loopback
// listener and returns the server and its base URL.
func serveFile(t testing.TB, path string) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{ln.Addr().String()}})
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	hs := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv}}
	hs.Start()
	t.Cleanup(hs.Close)
	return srv, hs.URL
}

// names lists the names in dir, sorted.
func names(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

// editAndSave makes one edit (danger on the fourth box) and saves; it
// returns the save's reply.
func editAndSave(t testing.TB, url string) *Reply {
	t.Helper()
	_, r := call(t, "GET", url+"/api/state", nil)
	level := float64((r.Boxes[3].Danger + 1) % 4)
	r = doEdit(t, url, r.Version, Edit{Op: "danger", Box: r.Boxes[3].ID, Value: &level})
	code, r := call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	if code != 200 {
		t.Fatalf("save: %d %s", code, r.Error)
	}
	return r
}

// TestSaveKeepsOriginal: the first save keeps the original beside the
// file, byte for byte, and replaces the file by another (the copy is never
// written into); the file keeps its permissions; a copy from an earlier
// session is never replaced; later saves keep no other copy.
func TestSaveKeepsOriginal(t *testing.T) {
	_, url, path := testServer(t, stage7)
	orig, _ := os.ReadFile(path)
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	earlier := []byte("an earlier session's copy")
	if err := os.WriteFile(path+".orig", earlier, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	r := editAndSave(t, url)
	if want := filepath.Base(path) + ".orig2"; r.Backup != want {
		t.Errorf("backup = %q; want %q (.orig is taken)", r.Backup, want)
	}
	if got, _ := os.ReadFile(path + ".orig"); !bytes.Equal(got, earlier) {
		t.Error("the earlier copy was replaced")
	}
	if got, _ := os.ReadFile(path + ".orig2"); !bytes.Equal(got, orig) {
		t.Error("the copy differs from the original")
	}
	after, _ := os.Stat(path)
	if os.SameFile(before, after) {
		t.Error("the file was written in place; want it replaced whole")
	}
	if after.Mode().Perm() != 0o640 {
		t.Errorf("the saved file's mode = %v; want 0640 as it was", after.Mode().Perm())
	}
	if saved, _ := os.ReadFile(path); bytes.Equal(saved, orig) || !strings.Contains(string(saved), "openrally") {
		t.Error("the file was not saved as OpenRally")
	}
	editAndSave(t, url)
	if got := names(t, filepath.Dir(path)); len(got) != 3 {
		t.Errorf("after two saves the folder holds %q; want the file and two copies (.orig, .orig2)", got)
	}
}

// TestSaveThroughLink: a file opened through a symbolic link is saved into
// the file the link leads to; the link stays a link, the copy of the
// original is kept beside the link.
func TestSaveThroughLink(t *testing.T) {
	data, _ := os.ReadFile(stage7)
	real := filepath.Join(t.TempDir(), "real.gpx")
	os.WriteFile(real, data, 0o644)
	dir := t.TempDir()
	link := filepath.Join(dir, "stage.gpx")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, url := serveFile(t, link)
	editAndSave(t, url)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a link: %v", link, err)
	}
	if saved, _ := os.ReadFile(real); bytes.Equal(saved, data) {
		t.Error("the file behind the link was not saved")
	}
	if kept, _ := os.ReadFile(link + ".orig"); !bytes.Equal(kept, data) {
		t.Error("no copy of the original beside the link")
	}
}

// kmzOf writes the KML document at src into a KMZ (doc.kml) at dst.
func kmzOf(t testing.TB, src, dst string) []byte {
	t.Helper()
	doc, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("doc.kml")
	w.Write(doc)
	zw.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSaveKMZ: a KMZ is never written into: saves go to the GPX file beside
// it (an existing one kept first), the PDF beside that, and the editor
// then follows the GPX file (reload reads it).
func TestSaveKMZ(t *testing.T) {
	dir := t.TempDir()
	kmz := filepath.Join(dir, "stage.kmz")
	data := kmzOf(t, "../../route/kml/testdata/stage.kml", kmz)
	gpxPath := filepath.Join(dir, "stage.gpx")
	mine := []byte("the author's own stage.gpx")
	os.WriteFile(gpxPath, mine, 0o644)

	srv, url := serveFile(t, kmz)
	if fs := srv.Files(); fs.Format != "kmz" || fs.Save != gpxPath || fs.PDF != filepath.Join(dir, "stage.pdf") {
		t.Errorf("Files = %+v; want format kmz, saves to stage.gpx, PDF stage.pdf", fs)
	}
	_, r := call(t, "GET", url+"/api/state", nil)
	if r.File != "stage.kmz" || r.Save != "stage.gpx" || r.Format != "kmz" {
		t.Errorf("state names file %q save %q format %q", r.File, r.Save, r.Format)
	}
	r = editAndSave(t, url)
	if !strings.Contains(r.Message, "stage.kmz is not changed") || r.Backup != "stage.gpx.orig" {
		t.Errorf("save says %q, backup %q", r.Message, r.Backup)
	}
	if got, _ := os.ReadFile(kmz); !bytes.Equal(got, data) {
		t.Error("the KMZ changed")
	}
	if got, _ := os.ReadFile(gpxPath + ".orig"); !bytes.Equal(got, mine) {
		t.Error("the stage.gpx that was there is not kept")
	}
	f := decodeFile(t, gpxPath)
	if len(f.Waypoints) != len(r.Boxes) || len(f.Tracks) == 0 {
		t.Errorf("stage.gpx: %d waypoints, %d tracks; want %d boxes and the track", len(f.Waypoints), len(f.Tracks), len(r.Boxes))
	}
	// The editor now follows stage.gpx: a change there is seen, a reload
	// reads it.
	r = editAndSave(t, url)
	if r.DiskChanged {
		t.Error("diskChanged after a save")
	}
	code, rr := call(t, "POST", url+"/api/pdf", map[string]any{"base": r.Version})
	if code != 200 {
		t.Fatalf("pdf: %d %s", code, rr.Error)
	}
	code, rr = call(t, "POST", url+"/api/reload", map[string]any{"base": rr.Version})
	if code != 200 || !strings.Contains(rr.Message, "stage.gpx") {
		t.Errorf("reload: %d %q %q", code, rr.Message, rr.Error)
	}
	if got, want := names(t, dir), []string{"stage.gpx", "stage.gpx.orig", "stage.kmz", "stage.pdf"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %q; want %q", got, want)
	}
}

// TestSaveNeverIntoInput: a GPX name beside a KML that is a link to the
// KML itself is refused, and the KML is as it was.
func TestSaveNeverIntoInput(t *testing.T) {
	dir := t.TempDir()
	kml := filepath.Join(dir, "stage.kml")
	data, _ := os.ReadFile("../../route/kml/testdata/stage.kml")
	os.WriteFile(kml, data, 0o644)
	if err := os.Symlink("stage.kml", filepath.Join(dir, "stage.gpx")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, url := serveFile(t, kml)
	_, r := call(t, "GET", url+"/api/state", nil)
	r = doEdit(t, url, r.Version, Edit{Op: "danger", Box: r.Boxes[1].ID, Value: f64(1)})
	code, r := call(t, "POST", url+"/api/save", map[string]any{"base": r.Version})
	if code == 200 || !strings.Contains(r.Error, "is an input") {
		t.Errorf("save into a link to the input = %d %q; want refused", code, r.Error)
	}
	if got, _ := os.ReadFile(kml); !bytes.Equal(got, data) {
		t.Error("the KML changed")
	}
}

// TestMain runs the test binary as an editor serving one file when
// helperEnv names it, for TestKillMidSave.
func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{ln.Addr().String()}})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("http://" + ln.Addr().String())
		http.Serve(ln, srv)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const helperEnv = "ROADBOOK_EDIT_TEST_SERVE"

// TestKillMidSave kills an editor (SIGKILL: no chance to clean up) while it
// saves Stage 7 over and over, at a different moment each time: the file
// is always whole (it decodes, with every box), and nothing but the file
// and its copy is left in the folder.
func TestKillMidSave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts editors and kills them")
	}
	data, _ := os.ReadFile(stage7)
	dir := t.TempDir()
	path := filepath.Join(dir, "stage7.gpx")
	os.WriteFile(path, data, 0o644)
	for round, after := range []time.Duration{30, 90, 150, 250, 400} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+path)
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: the editor did not start: %v", round, err)
		}
		url := strings.TrimSpace(line)
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if !saveOnce(url) {
					return
				}
			}
		}()
		time.Sleep(after * time.Millisecond)
		cmd.Process.Kill() // SIGKILL on Unix: no chance to clean up
		cmd.Wait()
		close(stop)
		f := decodeFile(t, path)
		if len(f.Waypoints) != 345 {
			t.Errorf("round %d: killed after %v: the file has %d waypoints; want 345", round, after*time.Millisecond, len(f.Waypoints))
		}
		for _, n := range names(t, dir) {
			if n != "stage7.gpx" && !strings.HasPrefix(n, "stage7.gpx.orig") {
				t.Errorf("round %d: %s left in the folder", round, n)
			}
		}
	}
}

// saveOnce makes an edit and saves through the API at url; false when the
// editor does not answer.
func saveOnce(url string) bool {
	get := func(method, path string, body string) (*Reply, bool) {
		req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
		req.Header.Set("X-Roadbook-Token", testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, false
		}
		defer resp.Body.Close()
		var r Reply
		data, _ := io.ReadAll(resp.Body)
		if json.Unmarshal(data, &r) != nil {
			return nil, false
		}
		return &r, true
	}
	r, ok := get("GET", "/api/state", "")
	if !ok || len(r.Boxes) < 4 {
		return false
	}
	r, ok = get("POST", "/api/edit", fmt.Sprintf(`{"base":%d,"edit":{"op":"danger","box":%d,"value":%d}}`, r.Version, r.Boxes[3].ID, (r.Boxes[3].Danger+1)%4))
	if !ok || r.State == nil {
		return false
	}
	_, ok = get("POST", "/api/save", fmt.Sprintf(`{"base":%d}`, r.Version))
	return ok
}

// TestWritesOnlyItsFiles: no request can make the editor write another
// file: a path given in a request is refused (the requests have no field
// for one), a paper name that is a path is only a paper name; after
// saving, writing the PDF and reloading, the folder holds the file, its
// copy and its PDF, and the folder above holds nothing new.
func TestWritesOnlyItsFiles(t *testing.T) {
	_, url, path := testServer(t, stage7)
	dir := filepath.Dir(path)
	up := names(t, filepath.Dir(dir))
	_, r := call(t, "GET", url+"/api/state", nil)
	for _, body := range []string{
		fmt.Sprintf(`{"base":%d,"path":"../escaped.gpx"}`, r.Version),
		fmt.Sprintf(`{"base":%d,"file":"/tmp/escaped.gpx"}`, r.Version),
		fmt.Sprintf(`{"base":%d,"edit":{"op":"pdf","kind":"a4","path":"../escaped.pdf"}}`, r.Version),
	} {
		for _, p := range []string{"/api/save", "/api/pdf"} {
			req, _ := http.NewRequest("POST", url+p, strings.NewReader(body))
			req.Header.Set("X-Roadbook-Token", testToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 400 {
				t.Errorf("POST %s %s = %d; want 400", p, body, resp.StatusCode)
			}
		}
	}
	r = editAndSave(t, url)
	for _, kind := range []string{"../../escaped", "/tmp/escaped.pdf", "a4"} {
		code, rr := call(t, "POST", url+"/api/pdf", map[string]any{"base": r.Version, "edit": map[string]string{"op": "pdf", "kind": kind}})
		if code != 200 || rr.PDF != "07-stage7.pdf" {
			t.Errorf("pdf with paper %q: %d %s, wrote %q", kind, code, rr.Error, rr.PDF)
		}
	}
	code, rr := call(t, "POST", url+"/api/reload", map[string]any{"base": r.Version})
	if code != 200 {
		t.Errorf("reload: %d %s", code, rr.Error)
	}
	if got, want := names(t, dir), []string{"07-stage7.gpx", "07-stage7.gpx.orig", "07-stage7.pdf"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %q; want %q", got, want)
	}
	if got := names(t, filepath.Dir(dir)); !slices.Equal(got, up) {
		t.Errorf("the folder above holds %q; it held %q", got, up)
	}
	if _, err := os.Stat("/tmp/escaped.pdf"); err == nil {
		t.Error("/tmp/escaped.pdf was written")
	}
}

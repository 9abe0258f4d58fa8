package edit

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roadbook/roadbook/route"
)

// screenshots, when set, is the folder the browser tests write their
// screenshots to (docs/img for docs/edit.md):
//
//	go test ./roadbook/edit -run Browser -screenshots ../../docs/img
var screenshots = flag.String("screenshots", "", "write the browser tests' screenshots into `DIR`")

// chromium returns the path of a Chromium, or skips the test (fails it
// when CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium: CI must install it (.ci/run: apt-get install chromium)")
	}
	t.Skip("no Chromium on this machine (apt-get install chromium): the browser tests need it")
	return ""
}

// browser starts a headless Chromium with a fresh profile and returns its
// context; the browser ends with the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1500, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// do runs actions in the page, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%.60s: %v", expr, err)
	}
	return v
}

// poll waits until a JavaScript expression is true in the page.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// shot saves a screenshot of the page as name in the screenshots folder.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitVersion waits until the page shows a version other than old, and
// returns it.
func waitVersion(t *testing.T, ctx context.Context, old string) string {
	t.Helper()
	poll(t, ctx, "the edit to show", fmt.Sprintf(`document.body.dataset.version !== %q`, old))
	return eval[string](t, ctx, `document.body.dataset.version`)
}

// TestBrowserEditStage7 opens the demo's Stage 7 in headless Chromium,
// adds a box on the track by clicking the map, gives it notes with two
// lexicon symbols, danger 2 and a new tulip exit, saves, and reads the file
// back; then undoes it all, saves, and finds the file as it was.
func TestBrowserEditStage7(t *testing.T) {
	ctx := browser(t)
	srv, url, path := testServer(t, stage7)
	before := decodeFile(t, path)

	do(t, ctx, "opening the page", chromedp.Navigate(url+"/?token="+testToken))
	poll(t, ctx, "the page", `document.body.dataset.ready === "1"`)

	// The boxes are on the page: WPM 16 with its CAP.
	wpm := eval[string](t, ctx, `(() => {
		const li = [...document.querySelectorAll("#boxes .box")].find(b => b.textContent.includes("WPM 16"));
		return li ? li.innerText : "";
	})()`)
	if !strings.Contains(wpm, "WPM 16") || !strings.Contains(wpm, "CAP 261") || !strings.Contains(wpm, "305.98") {
		t.Errorf("the WPM 16 box reads %q; want WPM 16, 305.98 and CAP 261", wpm)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#boxes .box").length`); n != 343 {
		t.Errorf("the page shows %d boxes; want 343", n)
	}

	// The map shows the track: its sections drawn, spanning the map.
	poll(t, ctx, "the map", `document.querySelectorAll("#map path.track").length > 0`)
	track := eval[[]float64](t, ctx, `(() => {
		const ps = [...document.querySelectorAll("#map path.track")];
		let x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
		for (const p of ps) { const r = p.getBoundingClientRect(); x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom); }
		return [ps.length, x1 - x0, y1 - y0];
	})()`)
	if track[0] != 3 || track[2] < 300 {
		t.Errorf("the map's track: %v section paths spanning %.0f × %.0f px; want 3 sections (liaison, special, liaison) filling the map", track[0], track[1], track[2])
	}
	shot(t, ctx, "edit-stage7.png")

	// Add a box on the track 1.5 km after WPM 16: zoom there, click the
	// track.
	doc := srv.Doc()
	var wpmAlong float64
	for _, b := range doc.Book().Boxes {
		if b.Waypoint >= 0 && doc.Stage().Waypoints[b.Waypoint].Label() == "WPM 16" {
			wpmAlong = b.Along
		}
	}
	along := wpmAlong + 1500
	p := doc.Stage().Path.PointAt(along)
	v0 := eval[string](t, ctx, `document.body.dataset.version`)
	xy := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const m = window.roadbookEditor.map;
		m.setView([%f, %f], 16, { animate: false });
		const c = m.latLngToContainerPoint([%f, %f]);
		const r = document.getElementById("map").getBoundingClientRect();
		return [r.left + c.x, r.top + c.y];
	})()`, p[1], p[0], p[1], p[0]))
	do(t, ctx, "adding a box", chromedp.Click(chromedp.CSS("#add")), chromedp.MouseClickXY(xy[0], xy[1]))
	v1 := waitVersion(t, ctx, v0)
	poll(t, ctx, "the new box selected", `!document.getElementById("editor").hidden`)
	added := eval[float64](t, ctx, `(() => { const s = window.roadbookEditor.state(); const t = document.getElementById("title").textContent; return s.boxes.find(b => t.startsWith("Box " + b.number + " ")).along; })()`)
	if added < along-20 || added > along+20 {
		t.Errorf("the box was added at route km %.3f; want %.3f (the point clicked)", added/1000, along/1000)
	}

	// Notes with two lexicon symbols from the palette, danger 2.
	do(t, ctx, "first symbol", chromedp.Click(chromedp.CSS(`#palette button[data-code="village"]`)))
	v2 := waitVersion(t, ctx, v1)
	do(t, ctx, "second symbol", chromedp.Click(chromedp.CSS(`#palette button[data-code="well"]`)))
	v3 := waitVersion(t, ctx, v2)
	do(t, ctx, "danger 2", chromedp.Click(chromedp.CSS(`#danger button[data-v="2"]`)))
	v4 := waitVersion(t, ctx, v3)
	// The tulip's exit: a click in the sketch, right of the junction.
	sk := eval[[]float64](t, ctx, `(() => { const r = document.getElementById("sketch").getBoundingClientRect(); return [r.left, r.top, r.width]; })()`)
	do(t, ctx, "changing the exit", chromedp.MouseClickXY(sk[0]+sk[2]*0.9, sk[1]+sk[2]*0.5))
	v5 := waitVersion(t, ctx, v4)
	if sel := eval[string](t, ctx, `document.querySelector("#boxes .box.sel").innerText`); !strings.Contains(sel, "!!") {
		t.Errorf("the selected box reads %q; want danger !!", sel)
	}
	shot(t, ctx, "edit-box.png")

	do(t, ctx, "saving", chromedp.Click(chromedp.CSS("#save")))
	poll(t, ctx, "the save", `document.getElementById("dirty").textContent === "saved"`)

	after := decodeFile(t, path)
	if len(after.Waypoints) != len(before.Waypoints)+1 {
		t.Fatalf("saved %d waypoints; want %d", len(after.Waypoints), len(before.Waypoints)+1)
	}
	var w *route.Waypoint
	for i := range after.Waypoints {
		if strings.Contains(after.Waypoints[i].Notes, "{well}") { // the demo has {village} boxes of its own
			w = &after.Waypoints[i]
		}
	}
	if w == nil {
		t.Fatal("no saved box has the notes")
	}
	if w.Notes != "{village} {well}" || w.Danger != 2 || !w.HasDistance || !w.HasCap {
		t.Errorf("saved box: notes %q danger %d distance %v cap %v", w.Notes, w.Danger, w.HasDistance, w.HasCap)
	}
	if sk, ok := parseSketch(w.Tulip); !ok || sk.Exit.Angle < 80 || sk.Exit.Angle > 100 {
		t.Errorf("saved tulip: sketch %+v %v; want the exit at 90°", sk, ok)
	}

	// Undo the five edits with Ctrl+Z, save: the file has what it had.
	cur := v5
	for range 5 {
		do(t, ctx, "undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		cur = waitVersion(t, ctx, cur)
	}
	if eval[bool](t, ctx, `!document.getElementById("undo").disabled`) {
		t.Error("after five undos there is still something to undo")
	}
	do(t, ctx, "saving again", chromedp.Click(chromedp.CSS("#save")))
	poll(t, ctx, "the save", `document.getElementById("dirty").textContent === "saved"`)
	restored := decodeFile(t, path)
	if len(restored.Waypoints) != len(before.Waypoints) {
		t.Fatalf("after undo: %d waypoints; want %d", len(restored.Waypoints), len(before.Waypoints))
	}
	for i := range before.Waypoints {
		a, b := restored.Waypoints[i], before.Waypoints[i]
		a.Line, b.Line = 0, 0
		if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
			t.Errorf("after undo, waypoint %d = %+v; want %+v", i, a, b)
		}
	}
}

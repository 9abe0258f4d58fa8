package edit

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/roadbook/roadbook/roadbook/tulip"
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

// The browser tests' window: a laptop's screen.
const windowW, windowH = 1600, 1000

// browser starts a headless Chromium with a fresh profile and returns the
// context of its first tab; the browser ends with the test.
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
		chromedp.Flag("font-render-hinting", "none"),
		// Two tabs of the editor each poll the server: neither is put to
		// sleep for being in the background.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(windowW, windowH),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	pl := &pageLog{}
	ctx, cancel2 := chromedp.NewContext(context.WithValue(actx, pageLogKey{}, pl), chromedp.WithListener(pl.listen))
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 180*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// tab opens another tab of the browser of ctx.
func tab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	pl, _ := ctx.Value(pageLogKey{}).(*pageLog)
	c, cancel := chromedp.NewContext(ctx, chromedp.WithListener(pl.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(c); err != nil {
		t.Fatalf("a second tab: %v", err)
	}
	return c
}

// pageLog collects what the pages of a browser report as errors: uncaught
// exceptions, console.error, and the browser's own error messages (a
// resource that failed to load, a Content-Security-Policy violation).
type pageLog struct {
	mu     sync.Mutex
	errors []string
}

type pageLogKey struct{}

func (pl *pageLog) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg = "exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		msg = "console.error:"
		for _, a := range e.Args {
			msg += " " + string(a.Value) + a.Description
		}
	case *cdplog.EventEntryAdded:
		if e.Entry.Level != cdplog.EntryLevelError {
			return
		}
		msg = string(e.Entry.Source) + ": " + e.Entry.Text + " " + e.Entry.URL
	default:
		return
	}
	pl.mu.Lock()
	pl.errors = append(pl.errors, msg)
	pl.mu.Unlock()
}

// noPageErrors fails the test if a page of the browser of ctx reported an
// error, but those that contain one of the expected strings (a request the
// test makes fail on purpose: "409").
func noPageErrors(t *testing.T, ctx context.Context, expected ...string) {
	t.Helper()
	pl, _ := ctx.Value(pageLogKey{}).(*pageLog)
	pl.mu.Lock()
	defer pl.mu.Unlock()
	for _, m := range pl.errors {
		if !slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(m, x) }) {
			t.Errorf("the page reported: %s", m)
		}
	}
}

// open opens the editor at url in the tab ctx and waits for it to be ready.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, "opening the page", chromedp.EmulateViewport(windowW, windowH), chromedp.Navigate(url+"/?token="+testToken))
	poll(t, ctx, "the page", `document.body.dataset.ready === "1"`)
	// How long opening took, as the author waits for it (logged: speed is
	// measured, not asserted).
	t.Logf("the roadbook was on the page %s ms after the navigation started, the page ready (the palette too) after %s ms",
		eval[string](t, ctx, `document.body.dataset.shownMs`), eval[string](t, ctx, `document.body.dataset.readyMs`))
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
	// The list's tulips load as they come into view: the picture shows
	// them drawn.
	poll(t, ctx, "the images in view", `[...document.images].filter(i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.width > 0; }).every(i => i.complete)`)
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

// TestBrowserEditStage7 opens the demo's Stage 7 in headless Chromium:
// the boxes are on the page (WPM 16 with its CAP), the map shows the track
// coloured by section with the waypoints' radii, the palette shows the
// lexicon's symbols drawn. It adds a box on the track by clicking the map,
// gives it notes with two lexicon symbols from the palette and a third by
// its key, danger 2, a new tulip exit on tarmac and another track (added
// by Shift+click, turned by dragging its end), saves, and reads the file
// back with gpx.Decode; then undoes it all, saves, and finds the file as
// it was.
func TestBrowserEditStage7(t *testing.T) {
	ctx := browser(t)
	srv, url, path := testServer(t, stage7)
	before := decodeFile(t, path)
	open(t, ctx, url)

	// The boxes are on the page: WPM 16 with its CAP.
	wpm := eval[string](t, ctx, `(() => {
		const li = [...document.querySelectorAll("#boxes .box")].find(b => b.textContent.includes("WPM 16"));
		return li ? li.innerText : "";
	})()`)
	if !strings.Contains(wpm, "WPM 16") || !strings.Contains(wpm, "CAP 261") || !strings.Contains(wpm, "305.98") {
		t.Errorf("the WPM 16 box reads %q; want WPM 16, 305.98 and CAP 261", wpm)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#boxes .box").length`); n != 345 {
		t.Errorf("the page shows %d boxes; want 345", n)
	}
	// The header names the file, not the folder it is in.
	if h := eval[string](t, ctx, `document.getElementById("bar").innerText`); !strings.Contains(h, "07-stage7.gpx") || strings.Contains(h, filepath.Dir(path)) {
		t.Errorf("the header reads %q; want the file's name without its folder", h)
	}

	// The map shows the track by section, in roadbook kml's colours: two
	// liaisons and the special, spanning the map.
	poll(t, ctx, "the map", `document.querySelectorAll("#map path.track").length > 0`)
	track := eval[map[string]any](t, ctx, `(() => {
		const ps = [...document.querySelectorAll("#map path.track")];
		let x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
		for (const p of ps) { const r = p.getBoundingClientRect(); x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom); }
		const colour = (k) => [...document.querySelectorAll("#map path.track." + k)].map(p => p.getAttribute("stroke"));
		return {n: ps.length, h: y1 - y0, liaison: colour("liaison"), special: colour("special"),
			clear: document.querySelectorAll("#map path.radius.clear").length, open: document.querySelectorAll("#map path.radius.open").length};
	})()`)
	if track["n"].(float64) != 3 || track["h"].(float64) < 400 || fmt.Sprint(track["liaison"]) != "[#2f6fdf #2f6fdf]" || fmt.Sprint(track["special"]) != "[#e8380d]" {
		t.Errorf("the map's track: %v; want 3 sections (liaison blue, special red, liaison blue) filling the map", track)
	}
	if track["clear"].(float64) < 40 || track["open"].(float64) < 10 {
		t.Errorf("the map draws %v validation and %v open radii; want the waypoints'", track["clear"], track["open"])
	}
	// The palette: the lexicon's symbols drawn, by category, with search.
	do(t, ctx, "opening every category", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#catchips .chip").forEach(c => c.click())`))
	poll(t, ctx, "the symbols drawn", `[...document.querySelectorAll("#palette button.sym img")].every(i => i.complete)`)
	pal := eval[[]float64](t, ctx, `[document.querySelectorAll("#common button.sym img").length,
		[...document.querySelectorAll("#palette button.sym img")].filter(i => i.complete && i.naturalWidth > 0).length,
		document.querySelectorAll("#catchips .chip").length]`)
	if pal[0] < 12 || pal[1] < 222+pal[0] || pal[2] != 11 {
		t.Errorf("palette: %v common symbols, %v drawn, %v categories; want the common notes, every symbol drawn, 11 categories", pal[0], pal[1], pal[2])
	}
	do(t, ctx, "closing the last category", chromedp.Click(chromedp.CSS(`#catchips .chip.on`)))
	do(t, ctx, "searching the palette", chromedp.SendKeys(chromedp.CSS("#symsearch"), "oued"))
	if hits := eval[string](t, ctx, `[...document.querySelectorAll("#symresults button.sym")].map(b => b.dataset.code).join(" ")`); !strings.Contains(hits, "wadi") {
		t.Errorf("searching the palette for oued finds %q; want wadi", hits)
	}
	do(t, ctx, "clearing the search", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("symsearch"); s.value = ""; s.dispatchEvent(new Event("input")); s.blur(); })()`))

	// WPM 16 selected: highlighted in the list and ringed on the map, its
	// radii drawn.
	doc := srv.Doc()
	var wpmAlong float64
	var wpmID int
	for i, b := range doc.Book().Boxes {
		if b.Waypoint >= 0 && doc.Stage().Waypoints[b.Waypoint].Label() == "WPM 16" {
			wpmAlong, wpmID = b.Along, doc.entries[i].ID
		}
	}
	do(t, ctx, "selecting WPM 16", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.roadbookEditor.select(%d, true)`, wpmID)))
	poll(t, ctx, "WPM 16 selected on map and list", fmt.Sprintf(`document.querySelector("#boxes .box.sel") && document.querySelector("#boxes .box.sel").dataset.id === "%d" && document.querySelectorAll("#map path.selring").length === 1`, wpmID))
	shot(t, ctx, "edit-stage7.png")

	// Add a box on the track 1.5 km after WPM 16: zoom there, click the
	// track.
	along := wpmAlong + 1500
	p := doc.Stage().Path.PointAt(along)
	v0 := eval[string](t, ctx, `document.body.dataset.version`)
	xy := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const m = window.roadbookEditor.map;
		m.setView([%f, %f], 15, { animate: false });
		const c = m.latLngToContainerPoint([%f, %f]);
		const r = document.getElementById("map").getBoundingClientRect();
		return [r.left + c.x, r.top + c.y];
	})()`, p[1], p[0], p[1], p[0]))
	do(t, ctx, "adding a box", chromedp.Click(chromedp.CSS("#add")), chromedp.MouseClickXY(xy[0], xy[1]))
	v1 := waitVersion(t, ctx, v0)
	poll(t, ctx, "the new box selected", fmt.Sprintf(`window.roadbookEditor.selected() !== %d`, wpmID))
	added := eval[float64](t, ctx, `(() => { const s = window.roadbookEditor.state(); return s.boxes.find(b => b.id === window.roadbookEditor.selected()).along; })()`)
	if added < along-20 || added > along+20 {
		t.Errorf("the box was added at route km %.3f; want %.3f (the point clicked)", added/1000, along/1000)
	}

	// Notes with two lexicon symbols from the palette, a third by its key,
	// danger 2.
	do(t, ctx, "first symbol", chromedp.Click(chromedp.CSS(`#palette button.sym[data-code="village"]`)))
	v2 := waitVersion(t, ctx, v1)
	do(t, ctx, "second symbol", chromedp.Click(chromedp.CSS(`#palette button.sym[data-code="well"]`)))
	v3 := waitVersion(t, ctx, v2)
	do(t, ctx, "a symbol by its key", chromedp.KeyEvent("l"))
	v4 := waitVersion(t, ctx, v3)
	do(t, ctx, "danger 2", chromedp.Click(chromedp.CSS(`#danger button[data-v="2"]`)))
	v5 := waitVersion(t, ctx, v4)
	// The tulip's exit: a click in the tulip, right of the junction.
	sk := eval[[]float64](t, ctx, `(() => { const s = document.getElementById("sketch"); s.scrollIntoView({block: "center"}); const r = s.getBoundingClientRect(); return [r.left, r.top, r.width]; })()`)
	do(t, ctx, "changing the exit", chromedp.MouseClickXY(sk[0]+sk[2]*0.93, sk[1]+sk[2]*0.5))
	v6 := waitVersion(t, ctx, v5)
	// Another track: Shift+click left of the junction adds it; dragging
	// its end turns it; the table makes the exit tarmac.
	legs := func() string {
		return eval[string](t, ctx, `JSON.stringify((() => { const s = window.roadbookEditor.state(); return s.boxes.find(b => b.id === window.roadbookEditor.selected()).legs; })())`)
	}
	n0 := eval[int](t, ctx, `(() => { const s = window.roadbookEditor.state(); return s.boxes.find(b => b.id === window.roadbookEditor.selected()).legs.tracks.length; })()`)
	do(t, ctx, "adding a track", chromedp.MouseClickXY(sk[0]+sk[2]*0.1, sk[1]+sk[2]*0.5, chromedp.ButtonModifiers(chromedp.ModifierShift)))
	v7 := waitVersion(t, ctx, v6)
	hx := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const h = document.querySelector('#sketch .handle[data-track="%d"]').getBoundingClientRect(); return [h.left + h.width / 2, h.top + h.height / 2]; })()`, n0))
	do(t, ctx, "turning the track", chromedp.MouseEvent(chromedp.MousePressed, hx[0], hx[1], chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, (hx[0]+sk[0]+sk[2]*0.2)/2, (hx[1]+sk[1]+sk[2]*0.2)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, sk[0]+sk[2]*0.2, sk[1]+sk[2]*0.2, chromedp.ButtonLeft))
	v8 := waitVersion(t, ctx, v7)
	do(t, ctx, "a tarmac exit", chromedp.SetValue(chromedp.CSS(`#legs select[data-leg="exit"]`), "tarmac"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#legs select[data-leg="exit"]').dispatchEvent(new Event("change", {bubbles: true}))`))
	v9 := waitVersion(t, ctx, v8)
	if l := legs(); !strings.Contains(l, `"exit":{"angle":90,"surface":"tarmac"}`) || !strings.Contains(l, `{"angle":-45,"surface":"piste"}`) {
		t.Errorf("the tulip's legs: %s; want the exit at 90° on tarmac and a piste turned to -45°", l)
	}
	selected := eval[map[string]any](t, ctx, `(() => { const li = document.querySelector("#boxes .box.sel");
		return {text: li.innerText, symbols: [...li.querySelectorAll(".notes img.s")].map(i => i.alt + (i.complete && i.naturalWidth > 0 ? "" : " (not drawn)")).join(" ")}; })()`)
	if !strings.Contains(selected["text"].(string), "!!") || selected["symbols"] != "{village} {well} {left}" {
		t.Errorf("the selected box reads %q with symbols %q; want danger !! and {village} {well} {left} drawn", selected["text"], selected["symbols"])
	}
	// The palette's Water category open, the panel from its top.
	do(t, ctx, "opening a category", chromedp.Click(chromedp.CSS(`#catchips .chip[data-cat="water"]`)))
	if n := eval[int](t, ctx, `[...document.querySelectorAll("#cats .symgrid")].filter(g => !g.hidden).reduce((n, g) => n + g.children.length, 0)`); n != 16 {
		t.Errorf("the Water category shows %d symbols; want 16", n)
	}
	eval[int](t, ctx, `document.getElementById("panel").scrollTop = 0`)
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
	if w.Notes != "{village} {well} {left}" || w.Danger != 2 || !w.HasDistance || !w.HasCap {
		t.Errorf("saved box: notes %q danger %d distance %v cap %v", w.Notes, w.Danger, w.HasDistance, w.HasCap)
	}
	if d, ok := parseTulip(w.Tulip); !ok || legsOf(d).Exit == nil || *legsOf(d).Exit != (Leg{Angle: 90, Surface: tulip.Tarmac}) ||
		!slices.Contains(legsOf(d).Tracks, Leg{Angle: -45, Surface: tulip.Piste}) {
		t.Errorf("saved tulip: %v, drawing %+v; want the exit at 90° on tarmac, a piste at -45°", ok, d)
	}

	// Undo the nine edits with Ctrl+Z, save: the file has what it had.
	cur := v9
	for range 9 {
		do(t, ctx, "undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		cur = waitVersion(t, ctx, cur)
	}
	if eval[bool](t, ctx, `!document.getElementById("undo").disabled`) {
		t.Error("after nine undos there is still something to undo")
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
	noPageErrors(t, ctx)
}

// TestBrowserTwoTabs opens Stage 7 in two tabs of one browser: an edit in
// one shows in the other, which says so; an edit sent by a tab that has not
// seen the latest version is refused and the tab shows the latest; when
// the file changes on disk, both tabs say so, saving is refused, and
// reloading reads the file again.
func TestBrowserTwoTabs(t *testing.T) {
	a := browser(t)
	_, url, path := testServer(t, stage7)
	b := tab(t, a)
	open(t, a, url)
	open(t, b, url)
	id := eval[int](t, a, `window.roadbookEditor.state().boxes[4].id`)

	// An edit in tab A shows in tab B.
	va := eval[string](t, a, `document.body.dataset.version`)
	do(t, a, "danger 3 in tab A", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.roadbookEditor.select(%d, true)`, id)), chromedp.Click(chromedp.CSS(`#danger button[data-v="3"]`)))
	va = waitVersion(t, a, va)
	poll(t, b, "tab B to show tab A's edit", fmt.Sprintf(`document.body.dataset.version === %q`, va))
	if got := eval[string](t, b, fmt.Sprintf(`document.getElementById("box-%d").innerText`, id)); !strings.Contains(got, "!!!") {
		t.Errorf("tab B's box reads %q; want danger !!!", got)
	}
	if got := eval[string](t, b, `document.getElementById("banner").hidden ? "" : document.getElementById("bannertext").textContent`); !strings.Contains(got, "another tab") {
		t.Errorf("tab B says %q; want that another tab changed the roadbook", got)
	}

	// Tab B edits on top: tab A shows it.
	do(t, b, "danger 1 in tab B", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.roadbookEditor.select(%d, true)`, id)), chromedp.Click(chromedp.CSS(`#danger button[data-v="1"]`)))
	vb := waitVersion(t, b, va)
	poll(t, a, "tab A to show tab B's edit", fmt.Sprintf(`document.body.dataset.version === %q`, vb))

	// The file changes on disk: both tabs say so, saving is refused and
	// nothing is written over it.
	other, _ := os.ReadFile(stage7)
	other = []byte(strings.Replace(string(other), "WPM 16", "WPM 61", 1))
	if err := os.WriteFile(path, other, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]context.Context{"A": a, "B": b} {
		poll(t, c, "tab "+name+" to say the file changed", `document.getElementById("bannertext").textContent.startsWith("The file changed on disk") && !document.getElementById("reload").hidden`)
	}
	do(t, a, "saving over the changed file", chromedp.Click(chromedp.CSS("#save")))
	poll(t, a, "the refusal", `document.getElementById("status").textContent.includes("changed on disk")`)
	if got, _ := os.ReadFile(path); string(got) != string(other) {
		t.Error("the file changed on disk was saved over")
	}
	shot(t, a, "edit-changed.png")
	// Reload in tab A: it reads the file again; tab B follows.
	vr := eval[string](t, a, `document.body.dataset.version`)
	do(t, a, "reloading", chromedp.Click(chromedp.CSS("#reload")))
	vr = waitVersion(t, a, vr)
	if !eval[bool](t, a, `window.roadbookEditor.state().boxes.some(b => b.label === "WPM 61")`) {
		t.Error("after reloading, the page does not show the file's WPM 61")
	}
	poll(t, b, "tab B to show the reloaded file", fmt.Sprintf(`document.body.dataset.version === %q`, vr))
	// The save refused on purpose answers 409.
	noPageErrors(t, a, "status of 409")
}

// TestBrowserTiles: with --tiles the map draws the XYZ layer under the
// track, fetched from the tile server (which the page's
// Content-Security-Policy lets through), and the token never leaves with
// the requests.
func TestBrowserTiles(t *testing.T) {
	ctx := browser(t)
	var mu sync.Mutex
	var got []string
	var leaked bool
	tiles := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Path)
		leaked = leaked || strings.Contains(r.Header.Get("Referer")+r.URL.RawQuery+r.Header.Get("Cookie"), testToken)
		mu.Unlock()
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0xc8, 0xd8, 0xa8, 0xff}}, image.Point{}, draw.Src)
		w.Header().Set("Content-Type", "image/png")
		png.Encode(w, img)
	}))
	defer tiles.Close()
	data, _ := os.ReadFile(stage7)
	path := filepath.Join(t.TempDir(), "07-stage7.gpx")
	os.WriteFile(path, data, 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(Config{Path: path, Token: testToken, Hosts: []string{ln.Addr().String()}, Tiles: tiles.URL + "/{z}/{x}/{y}.png"})
	if err != nil {
		t.Fatal(err)
	}
	hs := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv}}
	hs.Start()
	defer hs.Close()
	open(t, ctx, hs.URL)
	poll(t, ctx, "the tiles", `[...document.querySelectorAll("#map img.leaflet-tile")].filter(i => i.complete && i.naturalWidth === 256).length >= 4`)
	// Under the track: the tile pane is below the overlay pane.
	if below := eval[bool](t, ctx, `(() => { const z = (c) => Number(getComputedStyle(document.querySelector(c)).zIndex); return z(".leaflet-tile-pane") < z(".leaflet-overlay-pane"); })()`); !below {
		t.Error("the tiles are drawn over the track")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) < 4 || !strings.HasSuffix(got[0], ".png") {
		t.Errorf("the tile server was asked for %q", got)
	}
	if leaked {
		t.Error("the token reached the tile server")
	}
	noPageErrors(t, ctx)
}

// TestBrowserNoTrack opens an OpenRally roadbook that has neither a track
// nor positions (the published v1.0.2 example: every box at lat 0, lon 0,
// placed by its distance only): the boxes are on the page, and a click on
// one in the list selects it and opens it in the panel for editing. The
// map had no view then, and selecting threw "Set map center and zoom
// first": only the first box could be edited.
func TestBrowserNoTrack(t *testing.T) {
	ctx := browser(t)
	_, url, path := testServer(t, "../../testdata/corpus/openrally/v1.0.2.gpx")
	open(t, ctx, url)
	n := eval[int](t, ctx, `document.querySelectorAll("#boxes .box").length`)
	if n < 9 {
		t.Fatalf("the page shows %d boxes; want the file's 10", n)
	}
	do(t, ctx, "selecting box 4", chromedp.Click(chromedp.CSS(`#boxes .box:nth-child(4)`)))
	poll(t, ctx, "box 4 in the panel", `document.getElementById("title").textContent.startsWith("Box 4 ")`)
	v := eval[string](t, ctx, `document.body.dataset.version`)
	do(t, ctx, "danger 2 by its key", chromedp.KeyEvent("2"))
	waitVersion(t, ctx, v)
	if got := eval[string](t, ctx, `document.querySelector("#boxes .box:nth-child(4)").innerText`); !strings.Contains(got, "!!") {
		t.Errorf("box 4 reads %q; want danger !!", got)
	}
	// Delete: the box after it is selected, to go on from there (nothing
	// was selected, and ↓ went back to the first box).
	next := eval[string](t, ctx, `document.querySelector("#boxes .box:nth-child(5)").dataset.id`)
	v = eval[string](t, ctx, `document.body.dataset.version`)
	do(t, ctx, "deleting box 4", chromedp.KeyEvent(kb.Delete))
	v = waitVersion(t, ctx, v)
	poll(t, ctx, "the next box selected", fmt.Sprintf(`String(window.roadbookEditor.selected()) === %q && document.getElementById("title").textContent.startsWith("Box 4 ")`, next))
	// Undo both edits, and once more with nothing left to undo (the page
	// asked the server anyway, which answered 400): the roadbook is the
	// file's again, "saved" (it said "unsaved edits").
	for range 2 {
		do(t, ctx, "undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		v = waitVersion(t, ctx, v)
	}
	do(t, ctx, "undo with nothing to undo", chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if got := eval[[]any](t, ctx, `[document.querySelectorAll("#boxes .box").length, document.getElementById("dirty").textContent, document.getElementById("status").className]`); got[0].(float64) != float64(n) || got[1] != "saved" || got[2] == "err" {
		t.Errorf("after undoing everything: %v; want %d boxes, saved, no error", got, n)
	}
	// Notes typed, then a click on Save: the notes are set (as the field
	// loses the focus), then saved (Save was dropped while they were on
	// their way). A speed typed, then Ctrl+S: the same.
	do(t, ctx, "typing notes", chromedp.Click(chromedp.CSS("#notes")), chromedp.SendKeys(chromedp.CSS("#notes"), "KL {wadi}"))
	do(t, ctx, "saving", chromedp.Click(chromedp.CSS("#save")))
	poll(t, ctx, "the notes saved", `window.roadbookEditor.state().boxes.find(b => b.id === window.roadbookEditor.selected()).notes.endsWith("KL {wadi}") && document.getElementById("dirty").textContent === "saved"`)
	do(t, ctx, "typing a speed", chromedp.Evaluate[chromedp.Void](`document.getElementById("speed").scrollIntoView({block: "center"})`),
		chromedp.Click(chromedp.CSS("#speed")), chromedp.SendKeys(chromedp.CSS("#speed"), "40"),
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	poll(t, ctx, "the speed saved", `window.roadbookEditor.state().boxes.find(b => b.id === window.roadbookEditor.selected()).speed === 40 && document.getElementById("dirty").textContent === "saved"`)
	f := decodeFile(t, path)
	var w *route.Waypoint
	for i := range f.Waypoints {
		if strings.HasSuffix(f.Waypoints[i].Notes, "KL {wadi}") {
			w = &f.Waypoints[i]
		}
	}
	if w == nil || w.Speed != 40 {
		t.Errorf("the file saved: %+v; want the box with the notes and the speed typed", w)
	}
	noPageErrors(t, ctx)
}

// TestBrowserLaptop opens Stage 7 on a 1280 × 800 screen: the map, the
// roadbook and the panel side by side, nothing wider than the window, the
// map wide enough to click on, and the keyboard's help whole on the screen
// (its common notes, one to a row, made it taller than the window: the top
// of it was cut off).
func TestBrowserLaptop(t *testing.T) {
	ctx := browser(t)
	_, url, _ := testServer(t, stage7)
	do(t, ctx, "a laptop's screen", chromedp.EmulateViewport(1280, 800))
	do(t, ctx, "opening the page", chromedp.Navigate(url+"/?token="+testToken))
	poll(t, ctx, "the page", `document.body.dataset.ready === "1" && document.body.dataset.mapVersion !== undefined`)
	got := eval[map[string]float64](t, ctx, `(() => {
		const r = (id) => document.getElementById(id).getBoundingClientRect();
		return {scroll: document.documentElement.scrollWidth, map: r("map").width, book: r("book").right, panel: r("panel").right,
			track: document.querySelectorAll("#map path.track").length};
	})()`)
	if got["scroll"] > 1280 || got["panel"] > 1280 || got["map"] < 300 || got["track"] == 0 {
		t.Errorf("at 1280 × 800: %v; want the page within 1280 px and a map at least 300 px wide with the track", got)
	}
	do(t, ctx, "the keyboard's help", chromedp.KeyEvent("?"))
	poll(t, ctx, "the help", `document.getElementById("keys").open`)
	box := eval[[]float64](t, ctx, `(() => { const k = document.getElementById("keys"), r = k.getBoundingClientRect(); return [r.top, r.bottom, k.scrollHeight, k.clientHeight]; })()`)
	if box[0] < 0 || box[1] > 800 || box[2] > box[3] {
		t.Errorf("the help: top %v, bottom %v, %v px of content in %v; want it whole in 800 px", box[0], box[1], box[2], box[3])
	}
	noPageErrors(t, ctx)
}

// TestBrowserFileDrawings opens an OpenRally roadbook whose boxes carry
// their author's drawings as SVG written without the SVG namespace (the
// cross-country draft's example, as OpenRally editors of the time wrote
// them): every tulip and notes drawing of the list is drawn (they were
// broken images, which the PDF printed), and a box with the author's notes
// drawing shows, as the PDF prints it, neither the notes roadbook wrote
// nor the danger and speed again (the drawing has them).
func TestBrowserFileDrawings(t *testing.T) {
	ctx := browser(t)
	_, url, _ := testServer(t, "../../testdata/corpus/openrally/cc-v1-draft.gpx")
	open(t, ctx, url)
	poll(t, ctx, "the drawings", `[...document.querySelectorAll("#boxes img")].every(i => i.complete)`)
	got := eval[map[string]any](t, ctx, `(() => {
		const imgs = [...document.querySelectorAll("#boxes img")];
		const box = document.querySelectorAll("#boxes .box")[1];
		return {broken: imgs.filter(i => i.naturalWidth === 0).map(i => i.alt).join(", "),
			drawing: box.querySelectorAll(".notes img.nd").length, extra: box.querySelectorAll(".notes .danger, .notes .speed, .notes .gen").length};
	})()`)
	if got["broken"] != "" || got["drawing"] != 1.0 || got["extra"] != 0.0 {
		t.Errorf("the list: broken images %q, %v notes drawing in box 2 with %v danger, speed or generated notes beside it; want every drawing drawn, box 2's alone", got["broken"], got["drawing"], got["extra"])
	}
	noPageErrors(t, ctx)
}

// roadbook edit: the page. It talks to the server's JSON API (api/…); the
// server holds the roadbook, so every tab of the same editor sees the same
// one. No framework, no network but the server (and the --tiles layer).
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token") || "";
  const $ = (id) => document.getElementById(id);
  let st = null;          // the state the page shows
  let sel = null;         // the selected box's id
  let mode = "";          // "", "add" or "move"
  let palette = [];
  let busy = false;
  const CONTROLS = ["DSS", "ASS", "DZ", "FZ", "DN", "FN", "DT", "FT", "CP", "CH", "fuel", "stop"];
  const SURFACES = ["tarmac", "piste", "track", "off-piste"];

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function status(msg, err) {
    const s = $("status");
    s.textContent = msg || "";
    s.className = err ? "err" : "";
  }
  function banner(msg, info) {
    const b = $("banner");
    b.hidden = !msg;
    b.textContent = msg || "";
    b.className = info ? "info" : "";
  }

  async function api(path, body) {
    const opt = { headers: { "X-Roadbook-Token": token } };
    if (body !== undefined) {
      opt.method = "POST";
      opt.headers["Content-Type"] = "application/json";
      opt.body = JSON.stringify(body);
    }
    const r = await fetch(path, opt);
    let j = null;
    try { j = await r.json(); } catch (e) { j = { error: r.status + " " + r.statusText }; }
    return { code: r.status, j };
  }

  // post sends a change and shows the answer; it returns the reply.
  async function post(path, extra) {
    if (busy) return null;
    busy = true;
    try {
      const t0 = performance.now();
      const { code, j } = await api(path, Object.assign({ base: st ? st.version : 0 }, extra || {}));
      if (j && j.boxes) show(j);
      if (code === 409 && !j.error) {
        banner(j.message, true);
      } else if (j && j.error) {
        status(j.error, true);
        if (code === 409) banner(j.error);
      } else {
        status((j.message || "") + " (" + Math.round(performance.now() - t0) + " ms)");
      }
      return j;
    } finally {
      busy = false;
    }
  }
  function edit(e) { return post("api/edit", { edit: e }); }

  // ---- the map ----
  const map = L.map("map", { preferCanvas: false, zoomControl: true, attributionControl: false });
  const layers = { track: L.layerGroup().addTo(map), zones: L.layerGroup().addTo(map), radii: L.layerGroup().addTo(map), boxes: L.layerGroup().addTo(map) };
  let markers = new Map();
  let fitted = false;
  let mapVersion = -1;
  const SECTION = { liaison: "#2a5db0", special: "#d0021b", neutralisation: "#8a8a8a" };

  async function loadMap() {
    if (!st || mapVersion === st.version) return;
    const v = st.version;
    const r = await fetch("api/map", { headers: { "X-Roadbook-Token": token } });
    if (!r.ok) return;
    const fc = await r.json();
    mapVersion = v;
    layers.track.clearLayers();
    layers.zones.clearLayers();
    layers.radii.clearLayers();
    for (const f of fc.features) {
      const p = f.properties;
      if (p.layer === "section" || p.layer === "zone") {
        const ll = f.geometry.coordinates.map((c) => [c[1], c[0]]);
        if (p.layer === "section") {
          L.polyline(ll, { color: SECTION[p.kind] || "#333", weight: 4, opacity: 0.9, className: "track" }).addTo(layers.track);
        } else {
          L.polyline(ll, { color: "#f89520", weight: 12, opacity: 0.35 }).bindTooltip("speed zone " + p.speed + " km/h").addTo(layers.zones);
        }
      } else if (p.layer === "radius") {
        const c = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        if (p.clear) L.circle(c, { radius: p.clear, color: "#06c", weight: 1, fillOpacity: 0.08 }).addTo(layers.radii);
        if (p.open) L.circle(c, { radius: p.open, color: "#06c", weight: 1, dashArray: "4 4", fill: false }).addTo(layers.radii);
      }
    }
    if (!fitted && layers.track.getLayers().length) {
      const b = L.featureGroup(layers.track.getLayers()).getBounds();
      if (b.isValid()) { map.fitBounds(b, { padding: [10, 10] }); fitted = true; }
    }
    document.body.dataset.mapVersion = String(v);
  }

  function drawMarkers() {
    layers.boxes.clearLayers();
    markers = new Map();
    for (const b of st.boxes) {
      if (!b.hasPoint) continue;
      const wp = b.kind || (b.controls[0] && b.controls[0].kind);
      const m = L.circleMarker([b.lat, b.lon], {
        radius: wp ? 6 : 4, weight: 1, color: "#000",
        fillColor: b.id === sel ? "#fa0" : (wp ? "#22c0fd" : "#fff"), fillOpacity: 1,
      });
      m.bindTooltip(b.number + " · " + b.km + (b.label ? " · " + b.label : ""));
      m.on("click", (ev) => { if (mode) return; L.DomEvent.stopPropagation(ev); select(b.id, true); });
      m.addTo(layers.boxes);
      markers.set(b.id, m);
    }
  }

  map.on("click", async (ev) => {
    if (!mode || !st) return;
    const where = { lat: ev.latlng.lat, lon: ev.latlng.lng };
    const m = mode;
    setMode("");
    let j;
    if (m === "add") {
      j = await edit(Object.assign({ op: "add" }, where));
    } else if (m === "move" && sel != null) {
      j = await edit(Object.assign({ op: "move", box: sel }, where));
    }
    if (j && j.box) select(j.box, true);
  });

  function setMode(m) {
    mode = m;
    $("map").classList.toggle("adding", m === "add");
    $("map").classList.toggle("moving", m === "move");
    $("add").classList.toggle("on", m === "add");
    $("move").classList.toggle("on", m === "move");
    if (m === "add") status("Click on the map: the box goes on the nearest point of the track.");
    if (m === "move") status("Click on the map: the box moves to the nearest point of the track.");
  }

  // ---- the box list ----
  function notesHTML(b) {
    if (!b.notes && !b.notesDrawing) return "";
    let t = esc(b.notes).replace(/\{([a-z0-9-]+)\}/g, (m, code) => {
      const s = palette.find((p) => p.code === code);
      return '<span class="sym" title="' + esc(s ? s.meaning : code) + '">' + esc(s && s.abbr ? s.abbr : code) + "</span>";
    });
    if (b.noteGenerated) t = '<span class="gen">' + t + "</span>";
    if (b.notesDrawing) t = '<img class="nd" alt="notes drawing" src="' + esc(b.notesDrawing) + '">' + t;
    return t;
  }
  function badge(b) {
    const c = b.controls.find((c) => /^WP/.test(c.kind)) || b.controls[0];
    if (!c) return "";
    const txt = c.name || b.label || c.kind;
    return '<span class="badge ' + esc(c.kind) + '">' + esc(txt) + "</span>";
  }
  function boxHTML(b, probs) {
    const cls = ["box"];
    if (b.id === sel) cls.push("sel");
    if (b.danger >= 2) cls.push("d" + b.danger);
    const prev = st.boxes[b.number - 2];
    if (b.close) cls.push("near");
    const cap = String(Math.round(b.cap)).padStart(3, "0");
    return '<li class="' + cls.join(" ") + '" data-id="' + b.id + '" id="box-' + b.id + '">' +
      '<div class="dist">' + (b.reset ? '<span class="reset">RESET</span>' : "") +
      '<div class="total' + (b.distSource === "computed" ? " computed" : "") + '">' + esc(b.km) + "</div>" +
      badge(b) + '<span class="partial">' + (b.partial / 1000).toFixed(2) + '</span><span class="num">' + b.number + "</span></div>" +
      '<div class="tulip"><img loading="lazy" alt="tulip of box ' + b.number + '" src="' + esc(b.tulip) + '"><span class="src">' + esc(b.tulipSource) + "</span></div>" +
      '<div class="notes">' + notesHTML(b) +
      (b.danger ? '<span class="danger">' + "!".repeat(b.danger) + "</span>" : "") +
      (b.speed ? '<span class="speed">' + Math.round(b.speed) + "</span>" : "") +
      (probs ? '<span class="warn" title="' + esc(probs) + '">⚠</span>' : "") +
      '<span class="cap' + (b.capSource === "computed" ? " computed" : "") + '">CAP ' + cap + "</span></div></li>";
  }

  function problemsOf(number) {
    return st.problems.filter((p) => p.box === number);
  }

  function show(s) {
    const first = !st;
    st = s;
    document.title = (s.dirty ? "* " : "") + s.name + " · roadbook edit";
    $("name").textContent = s.name || "roadbook";
    $("file").textContent = s.file + (s.backup ? " (original kept as " + s.backup + ")" : "");
    $("undo").disabled = !s.canUndo;
    $("redo").disabled = !s.canRedo;
    $("dirty").textContent = s.dirty ? (s.draft && !s.canUndo ? "draft, not saved" : "unsaved edits") : "saved";
    if (s.diskChanged) banner("The file changed on disk since the editor read it: saving is refused so as not to lose that. Reload it to see it (your edits here are then lost).");
    const errors = s.problems.filter((p) => p.severity === "error").length;
    $("summary").textContent = s.boxes.length + " boxes · " + (s.length / 1000).toFixed(2) + " km · " +
      (s.problems.length ? errors + " errors, " + (s.problems.length - errors) + " warnings" : "validate: no problem") +
      (s.draft ? " · a draft from a plain track" : "");
    let html = "";
    for (const b of s.boxes) {
      const ps = problemsOf(b.number);
      html += boxHTML(b, ps.map((p) => p.message).join("\n"));
    }
    $("boxes").innerHTML = html;
    if (sel != null && !s.boxes.some((b) => b.id === sel)) sel = null;
    drawMarkers();
    panel();
    document.body.dataset.version = String(s.version);
    loadMap();
    if (first && s.boxes.length && sel == null) { /* nothing selected at first */ }
  }

  $("boxes").addEventListener("click", (ev) => {
    const li = ev.target.closest(".box");
    if (li) select(Number(li.dataset.id), false);
  });

  function box() { return st && st.boxes.find((b) => b.id === sel); }

  function select(id, scroll) {
    const old = document.querySelector(".box.sel");
    if (old) old.classList.remove("sel");
    const oldM = markers.get(sel);
    sel = id;
    const li = $("box-" + id);
    if (li) {
      li.classList.add("sel");
      if (scroll) li.scrollIntoView({ block: "nearest" });
    }
    if (oldM) drawMarkers(); else { const m = markers.get(id); if (m) m.setStyle({ fillColor: "#fa0" }); }
    const b = box();
    if (b && b.hasPoint && scroll !== "nomap") {
      if (!map.getBounds().pad(-0.1).contains([b.lat, b.lon])) map.panTo([b.lat, b.lon]);
    }
    panel();
  }

  // ---- the box panel ----
  function panel() {
    const b = box();
    $("nobox").hidden = !!b;
    $("editor").hidden = !b;
    if (!b) return;
    $("title").textContent = "Box " + b.number + " · km " + b.km + (b.label ? " · " + b.label : "") + " (route km " + (b.along / 1000).toFixed(2) + ")";
    const ta = $("notes");
    if (document.activeElement !== ta) ta.value = b.noteGenerated ? "" : b.notes;
    ta.placeholder = b.noteGenerated ? b.notes + " (written by roadbook)" : "";
    for (const btn of $("danger").children) btn.classList.toggle("on", Number(btn.dataset.v) === (b.danger || 0));
    if (document.activeElement !== $("cap")) $("cap").value = Math.round(b.cap);
    $("capsrc").textContent = b.capSource === "computed" ? "computed from the track" : "the file's / yours";
    $("reset").checked = !!b.reset;
    $("kind").value = b.kind || "";
    if (document.activeElement !== $("wpname")) $("wpname").value = b.name || "";
    const has = new Set(b.controls.map((c) => c.kind));
    $("controls").innerHTML = CONTROLS.map((k) =>
      '<label class="' + (has.has(k) ? "on" : "") + '"><input type="checkbox" data-kind="' + k + '"' + (has.has(k) ? " checked" : "") + "> " + k + "</label>").join("");
    const num = (id, v) => { if (document.activeElement !== $(id)) $(id).value = v ? Math.round(v * 10) / 10 : ""; };
    num("speed", b.speed); num("neutral", b.neutral); num("allowed", b.allowed); num("stop", b.stop);
    $("radii").innerHTML = b.controls.map((c) =>
      "<tr><td>" + esc(c.kind) + '</td><td>open <input type="number" min="0" data-kind="' + esc(c.kind) + '" data-r="open" value="' + (c.open || "") + '"> m</td>' +
      '<td>clear <input type="number" min="0" data-kind="' + esc(c.kind) + '" data-r="clear" value="' + (c.clear || "") + '"> m</td><td>' + (c.default ? "default" : "") + "</td></tr>").join("");
    sketch(b);
    const ps = problemsOf(b.number);
    $("boxproblems").innerHTML = ps.length ? ps.map((p) => '<li class="' + esc(p.severity) + '">' + esc(p.severity + ": " + p.message) + "</li>").join("") : "<li>no problem</li>";
  }

  function sketch(b) {
    const s = b.sketch;
    const svg = $("sketch");
    const end = (a, l) => [100 + l * Math.sin(a * Math.PI / 180), 100 - l * Math.cos(a * Math.PI / 180)];
    const style = (sf, w) => {
      if (sf === "tarmac") return 'stroke="#000" stroke-width="' + (w * 1.6) + '"';
      if (sf === "track") return 'stroke="#000" stroke-width="' + (w * 0.5) + '"';
      if (sf === "off-piste") return 'stroke="#000" stroke-width="' + (w * 0.6) + '" stroke-dasharray="8 6"';
      return 'stroke="#000" stroke-width="' + w + '"';
    };
    const line = (a, b2, sf, w, extra) => {
      let h = '<line x1="' + a[0] + '" y1="' + a[1] + '" x2="' + b2[0] + '" y2="' + b2[1] + '" ' + style(sf, w) + ' stroke-linecap="round"' + (extra || "") + "/>";
      if (sf === "tarmac") h += '<line x1="' + a[0] + '" y1="' + a[1] + '" x2="' + b2[0] + '" y2="' + b2[1] + '" stroke="#fff" stroke-width="' + (w * 0.6) + '"/>';
      return h;
    };
    let h = '<image href="' + esc(b.tulip) + '" x="0" y="0" width="200" height="200" opacity="0.25"/>';
    h += '<circle cx="100" cy="100" r="80" fill="none" stroke="#ccc" stroke-dasharray="2 4"/>';
    s.tracks.forEach((t, i) => { h += line([100, 100], end(t.angle, 68), t.surface, 5, ' data-track="' + i + '"'); });
    h += line([100, 180], [100, 100], s.entry, 9);
    const e = end(s.exit.angle, 80);
    h += line([100, 100], end(s.exit.angle, 66), s.exit.surface, 9);
    const a = s.exit.angle * Math.PI / 180;
    const ux = Math.sin(a), uy = -Math.cos(a);
    const base = [e[0] - ux * 22, e[1] - uy * 22];
    h += '<polygon points="' + e[0] + "," + e[1] + " " + (base[0] - uy * 12) + "," + (base[1] + ux * 12) + " " + (base[0] + uy * 12) + "," + (base[1] - ux * 12) + '" fill="#000"/>';
    h += '<circle cx="100" cy="180" r="8" fill="#000"/>';
    svg.innerHTML = h;
    if (document.activeElement !== $("exit")) $("exit").value = Math.round(s.exit.angle);
    $("exitsurface").value = s.exit.surface;
    $("entrysurface").value = s.entry;
    $("tracks").innerHTML = s.tracks.map((t, i) =>
      '<li>track ' + (i + 1) + ' <input type="number" step="5" data-t="' + i + '" value="' + Math.round(t.angle) + '">° <select class="surface" data-t="' + i + '">' +
      SURFACES.map((x) => "<option" + (x === t.surface ? " selected" : "") + ">" + x + "</option>").join("") +
      '</select> <button data-del="' + i + '" title="Remove this track">✕</button></li>').join("");
    $("tulipsrc").textContent = { file: "The file's own drawing is shown; an edit replaces it with your sketch.", sketch: "Your sketch.", track: "Drawn from the track." }[b.tulipSource] || "";
  }

  for (const id of ["exitsurface", "entrysurface"]) {
    $(id).innerHTML = SURFACES.map((x) => "<option>" + x + "</option>").join("");
  }

  $("sketch").addEventListener("click", (ev) => {
    const b = box();
    if (!b) return;
    const r = $("sketch").getBoundingClientRect();
    const x = (ev.clientX - r.left) * 200 / r.width - 100, y = 100 - (ev.clientY - r.top) * 200 / r.height;
    if (Math.hypot(x, y) < 10) return;
    const angle = Math.round(Math.atan2(x, y) * 180 / Math.PI / 5) * 5;
    if (ev.shiftKey) edit({ op: "track", box: b.id, angle, surface: "piste" });
    else edit({ op: "exit", box: b.id, angle });
  });
  $("exit").addEventListener("change", () => { const b = box(); if (b) edit({ op: "exit", box: b.id, angle: Number($("exit").value) }); });
  $("exitsurface").addEventListener("change", () => { const b = box(); if (b) edit({ op: "exit", box: b.id, surface: $("exitsurface").value }); });
  $("entrysurface").addEventListener("change", () => { const b = box(); if (b) edit({ op: "entry", box: b.id, surface: $("entrysurface").value }); });
  $("addtrack").addEventListener("click", () => {
    const b = box();
    if (!b) return;
    const used = b.sketch.tracks.map((t) => t.angle).concat([b.sketch.exit.angle, 180]);
    let a = -90;
    for (const c of [-90, 90, 0, -45, 45, -135, 135]) { if (!used.some((u) => Math.abs(u - c) < 20)) { a = c; break; } }
    edit({ op: "track", box: b.id, angle: a, surface: "piste" });
  });
  $("tracks").addEventListener("change", (ev) => {
    const b = box();
    const t = ev.target.dataset.t;
    if (!b || t === undefined) return;
    if (ev.target.tagName === "SELECT") edit({ op: "track", box: b.id, track: Number(t), surface: ev.target.value });
    else edit({ op: "track", box: b.id, track: Number(t), angle: Number(ev.target.value) });
  });
  $("tracks").addEventListener("click", (ev) => {
    const b = box();
    const d = ev.target.dataset.del;
    if (b && d !== undefined) edit({ op: "untrack", box: b.id, track: Number(d) });
  });
  $("redraw").addEventListener("click", () => { const b = box(); if (b) edit({ op: "redraw", box: b.id }); });

  function setNotes() {
    const b = box();
    if (!b) return;
    const v = $("notes").value;
    if (v === (b.noteGenerated ? "" : b.notes)) return;
    return edit({ op: "notes", box: b.id, text: v });
  }
  $("notes").addEventListener("change", setNotes);
  $("notes").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); setNotes(); }
  });
  function insertSymbol(code) {
    const ta = $("notes");
    const b = box();
    if (!b) return;
    let v = ta.value;
    const at = document.activeElement === ta ? ta.selectionStart : v.length;
    const ins = (at > 0 && !/\s$/.test(v.slice(0, at)) ? " " : "") + "{" + code + "}";
    v = v.slice(0, at) + ins + v.slice(at);
    ta.value = v;
    return edit({ op: "notes", box: b.id, text: v });
  }
  $("palette").addEventListener("click", (ev) => {
    const c = ev.target.closest("button");
    if (c) insertSymbol(c.dataset.code);
  });
  $("danger").addEventListener("click", (ev) => {
    const b = box();
    const v = ev.target.dataset.v;
    if (b && v !== undefined) edit({ op: "danger", box: b.id, value: Number(v) });
  });
  $("cap").addEventListener("change", () => { const b = box(); if (b) edit({ op: "cap", box: b.id, value: Number($("cap").value) }); });
  $("capauto").addEventListener("click", () => { const b = box(); if (b) edit({ op: "cap", box: b.id }); });
  $("reset").addEventListener("change", () => { const b = box(); if (b) edit({ op: "reset", box: b.id, on: $("reset").checked }); });
  $("kind").addEventListener("change", () => { const b = box(); if (b) edit({ op: "kind", box: b.id, kind: $("kind").value }); });
  $("wpname").addEventListener("change", () => { const b = box(); if (b) edit({ op: "name", box: b.id, text: $("wpname").value }); });
  $("controls").addEventListener("change", (ev) => {
    const b = box();
    if (b && ev.target.dataset.kind) edit({ op: "control", box: b.id, kind: ev.target.dataset.kind, on: ev.target.checked });
  });
  for (const [id, op] of [["speed", "speed"], ["neutral", "neutral"], ["allowed", "allowed"], ["stop", "stop"]]) {
    $(id).addEventListener("change", () => { const b = box(); if (b) edit({ op, box: b.id, value: Number($(id).value || 0) }); });
  }
  $("radii").addEventListener("change", (ev) => {
    const b = box();
    const k = ev.target.dataset.kind;
    if (!b || !k) return;
    const e = { op: "radii", box: b.id, kind: k };
    e[ev.target.dataset.r] = Number(ev.target.value || 0);
    edit(e);
  });
  $("delete").addEventListener("click", () => { const b = box(); if (b) edit({ op: "delete", box: b.id }); });
  $("move").addEventListener("click", () => setMode(mode === "move" ? "" : "move"));
  $("add").addEventListener("click", () => setMode(mode === "add" ? "" : "add"));
  $("undo").addEventListener("click", () => post("api/undo"));
  $("redo").addEventListener("click", () => post("api/redo"));
  $("save").addEventListener("click", () => post("api/save"));
  $("pdf").addEventListener("click", () => post("api/pdf", { edit: { op: "pdf", kind: $("paper").value } }));
  $("preview").addEventListener("click", () => {
    const b = box() || (st && st.boxes[0]);
    window.open("api/preview?paper=" + encodeURIComponent($("paper").value) + "&box=" + (b ? b.id : 0), "_blank", "noopener");
  });

  // ---- keyboard ----
  document.addEventListener("keydown", (ev) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    const ctrl = ev.ctrlKey || ev.metaKey;
    if (ctrl && (ev.key === "z" || ev.key === "Z") && !ev.shiftKey) { ev.preventDefault(); post("api/undo"); return; }
    if (ctrl && (ev.key === "y" || ((ev.key === "z" || ev.key === "Z") && ev.shiftKey))) { ev.preventDefault(); post("api/redo"); return; }
    if (ctrl && ev.key === "s") { ev.preventDefault(); post("api/save"); return; }
    if (ev.altKey && /^[1-9]$/.test(ev.key)) {
      const s = palette.find((p) => p.key === ev.key);
      if (s) { ev.preventDefault(); insertSymbol(s.code); }
      return;
    }
    if (typing || ctrl || ev.altKey) return;
    const i = st ? st.boxes.findIndex((b) => b.id === sel) : -1;
    switch (ev.key) {
      case "ArrowDown": case "j":
        ev.preventDefault();
        if (st && st.boxes.length) select(st.boxes[Math.min(i + 1, st.boxes.length - 1)].id, true);
        break;
      case "ArrowUp": case "k":
        ev.preventDefault();
        if (st && st.boxes.length) select(st.boxes[Math.max(i - 1, 0)].id, true);
        break;
      case "0": case "1": case "2": case "3":
        if (sel != null) edit({ op: "danger", box: sel, value: Number(ev.key) });
        break;
      case "Delete":
        if (sel != null) edit({ op: "delete", box: sel });
        break;
      case "a": setMode(mode === "add" ? "" : "add"); break;
      case "m": if (sel != null) setMode(mode === "move" ? "" : "move"); break;
      case "n": if (sel != null) { ev.preventDefault(); $("notes").focus(); } break;
      case "p": $("preview").click(); break;
      case "Escape": setMode(""); break;
    }
  });

  window.addEventListener("beforeunload", (ev) => {
    if (st && st.dirty && !(st.draft && !st.canUndo)) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // ---- another tab, the file on disk ----
  async function poll() {
    if (!st || busy) return;
    try {
      const { code, j } = await api("api/poll");
      if (code !== 200) return;
      if (j.version !== st.version) {
        const r = await api("api/state");
        if (r.code === 200) { show(r.j); banner("This roadbook was changed in another tab or window: the page shows the latest version.", true); }
      }
      if (j.diskChanged && !$("banner").textContent.startsWith("The file changed")) {
        banner("The file changed on disk since the editor read it: saving is refused so as not to lose that. Reload it to see it (your edits here are then lost).");
      }
    } catch (e) { /* the server stopped */ status("the editor's server does not answer (was roadbook edit stopped?)", true); }
  }

  async function start() {
    if (!token) { banner("This page needs the address that roadbook edit printed, with its token."); return; }
    const p = await api("api/palette");
    if (p.code === 200) palette = p.j;
    $("palette").innerHTML = palette.map((s) =>
      '<button data-code="' + esc(s.code) + '" title="' + esc(s.meaning + (s.key ? " (Alt+" + s.key + ")" : "")) + '">' + esc(s.abbr || s.code) + "</button>").join("");
    const r = await api("api/state");
    if (r.code !== 200) { banner(r.j.error || "cannot load the roadbook"); return; }
    show(r.j);
    if (tilesURL()) L.tileLayer(tilesURL(), { maxZoom: 19 }).addTo(map).bringToBack();
    setInterval(poll, 2000);
    document.body.dataset.ready = "1";
  }
  function tilesURL() { return st && st.tiles; }
  // For the browser tests and the curious: the map and the state.
  window.roadbookEditor = { map, state: () => st, select };
  start();
})();

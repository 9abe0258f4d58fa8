// roadbook edit: the page. It talks to the server's JSON API (api/…); the
// server holds the roadbook, so every tab of the same editor shows the same
// one. No framework, no network but the server (and the --tiles layer).
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token") || "";
  const $ = (id) => document.getElementById(id);
  let st = null;          // the state the page shows
  let sel = null;         // the selected box's id
  let mode = "";          // "", "add" or "move"
  const symInfo = new Map(); // lexicon code → palette entry
  const CONTROLS = ["DSS", "ASS", "DZ", "FZ", "DN", "FN", "DT", "FT", "CP", "CH", "fuel", "stop"];
  const SURFACES = [["tarmac", "tarmac"], ["piste", "piste"], ["track", "small track"], ["off-piste", "off-piste"]];

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function status(msg, err) {
    const s = $("status");
    s.textContent = msg || "";
    s.className = err ? "err" : "";
  }
  function banner(msg, info, reload) {
    const b = $("banner");
    b.hidden = !msg;
    $("bannertext").textContent = msg || "";
    b.className = info ? "info" : "";
    $("reload").hidden = !reload;
  }
  $("bannerclose").addEventListener("click", () => banner(""));

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

  // post sends a change and shows the answer; it returns the reply. The
  // changes go one after the other, each on the version the one before
  // left: a click on Save while the notes are being typed sets the notes
  // (the field's change, as it loses the focus) and then saves them (Save
  // was dropped while the notes were on their way). The same edit asked
  // again before it is answered (a double click) is sent once.
  let pending = 0; // changes sent or waiting to be
  let chain = Promise.resolve();
  const waiting = new Map(); // an edit not answered yet → its reply
  function post(path, extra) {
    const key = path === "api/edit" ? JSON.stringify(extra) : null;
    if (key && waiting.has(key)) return waiting.get(key);
    pending++;
    const p = chain.then(() => send(path, extra)).finally(() => {
      pending--;
      if (key) waiting.delete(key);
    });
    if (key) waiting.set(key, p);
    chain = p.catch(() => {});
    return p;
  }
  async function send(path, extra) {
    const t0 = performance.now();
    const { code, j } = await api(path, Object.assign({ base: st ? st.version : 0 }, extra || {}));
    if (j && j.boxes) show(j);
    if (code === 409 && !j.error) {
      banner(j.message, true);
    } else if (j && j.error) {
      status(j.error, true);
      if (code === 409) banner(j.error, false, true);
    } else {
      status((j.message || "done") + " · " + Math.round(performance.now() - t0) + " ms");
    }
    return j;
  }
  function edit(e) { return post("api/edit", { edit: e }); }

  // ---- the notes palette: the lexicon's symbols, drawn ----
  let palette = { categories: [], common: [] };
  // withToken names the token in a URL the page loads itself (an image):
  // no cookie carries it.
  function withToken(u) { return u + (u.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token); }
  // symbolURL is where a lexicon symbol's drawing is: the server draws it
  // once, the browser keeps it.
  function symbolURL(code) { return withToken("api/symbol?code=" + encodeURIComponent(code)); }
  function symButton(s) {
    const label = s.meaning.replace(/[(/,;].*$/, "").trim();
    return '<button class="sym" data-code="' + esc(s.code) + '" title="' + esc(s.meaning + (s.french ? " (" + s.french + ")" : "") +
      (s.abbr ? " · " + s.abbr : "") + " · {" + s.code + "}" + (s.key ? " · key " + s.key : "")) + '">' +
      '<img alt="' + esc(s.code) + '" src="' + esc(symbolURL(s.code)) + '"><span>' + esc(label) + "</span>" +
      (s.key ? "<kbd>" + esc(s.key) + "</kbd>" : "") + "</button>";
  }
  // buildPalette shows the common notes and the categories; a category's
  // symbols are drawn when it is first opened (the page opens faster).
  function buildPalette(p) {
    palette = p;
    for (const c of p.categories) for (const s of c.symbols) symInfo.set(s.code, s);
    $("common").innerHTML = p.common.map((c) => symInfo.get(c)).filter(Boolean).map(symButton).join("");
    $("cats").innerHTML = '<div id="catchips">' + p.categories.map((c) =>
      '<button class="chip" data-cat="' + esc(c.name) + '">' + esc(c.title) + " <span>" + c.symbols.length + "</span></button>").join("") + "</div>" +
      p.categories.map((c) => '<div class="symgrid" data-grid="' + esc(c.name) + '" hidden></div>').join("");
    // Two to a row: the list of keys fits a laptop's screen.
    const cells = p.common.map((c) => symInfo.get(c)).filter(Boolean).map((s) =>
      "<td><kbd>" + esc(s.key) + '</kbd></td><td><img class="s" style="height:22px;vertical-align:middle" src="' + esc(symbolURL(s.code)) + '"> ' +
      esc(s.meaning.replace(/ \(.*$/, "")) + (s.abbr ? " (" + esc(s.abbr) + ")" : "") + "</td>");
    let rows = "";
    for (let i = 0; i < cells.length; i += 2) rows += "<tr>" + cells[i] + (cells[i + 1] || "") + "</tr>";
    $("keynotes").innerHTML = rows;
  }
  function openCategory(name, open) {
    for (const c of document.querySelectorAll("#catchips .chip")) c.classList.toggle("on", open && c.dataset.cat === name);
    for (const g of document.querySelectorAll("#cats .symgrid")) {
      const show = open && g.dataset.grid === name;
      if (show && !g.children.length) {
        const c = palette.categories.find((c) => c.name === name);
        g.innerHTML = c.symbols.map(symButton).join("");
      }
      g.hidden = !show;
    }
  }
  $("symsearch").addEventListener("input", () => {
    const q = $("symsearch").value.trim().toLowerCase();
    $("symresults").hidden = !q;
    $("cats").hidden = !!q;
    if (!q) return;
    const hits = [];
    for (const c of palette.categories) {
      for (const s of c.symbols) {
        const hay = (s.code + " " + s.abbr + " " + s.meaning + " " + (s.french || "")).toLowerCase();
        if (hay.includes(q)) hits.push(s);
      }
    }
    $("symresults").innerHTML = hits.length ? hits.slice(0, 80).map(symButton).join("") : '<span class="hint">no symbol for “' + esc(q) + "”</span>";
  });
  $("palette").addEventListener("click", (ev) => {
    const chip = ev.target.closest("button.chip");
    if (chip) {
      openCategory(chip.dataset.cat, !chip.classList.contains("on"));
      return;
    }
    const b = ev.target.closest("button.sym");
    if (b) insertSymbol(b.dataset.code);
  });
  function insertSymbol(code) {
    const b = box();
    if (!b) return;
    const s = symInfo.get(code);
    if (s && s.family) {
      const what = s.meaning.replace(/ N\b/, " (N)");
      const n = prompt(what + ": N =", code.startsWith("speed-limit") ? "50" : "");
      if (!n || !/^[1-9][0-9]{0,3}$/.test(n.trim())) return;
      code = code.replace(/-N$/, "-" + n.trim());
    }
    const ta = $("notes");
    let v = ta.value;
    const at = document.activeElement === ta ? ta.selectionStart : v.length;
    const ins = (at > 0 && !/\s$/.test(v.slice(0, at)) ? " " : "") + "{" + code + "}";
    v = v.slice(0, at) + ins + v.slice(at);
    ta.value = v;
    return edit({ op: "notes", box: b.id, text: v });
  }

  // notesHTML returns the notes as the PDF prints them: text, and the
  // lexicon's symbols drawn in the line.
  // With the author's notes drawing, as the PDF prints it: the text
  // typed (not one roadbook wrote: the drawing is the notes) above the
  // drawing.
  function notesHTML(b) {
    let inner = "";
    if (!(b.notesDrawing && b.noteGenerated)) {
      for (const sp of b.spans || []) {
        if (sp.symbol) inner += '<img class="s" alt="{' + esc(sp.symbol) + '}" title="' + esc(sp.meaning) + '" src="' + esc(symbolURL(sp.symbol)) + '">';
        else inner += esc(sp.text);
      }
      if (b.noteGenerated) inner = '<span class="gen">' + inner + "</span>";
    }
    if (b.notesDrawing) inner += '<img class="nd" alt="notes drawing" src="' + esc(withToken(b.notesDrawing)) + '">';
    return inner;
  }

  // ---- the map ----
  const map = L.map("map", { zoomControl: true, attributionControl: false });
  // A view from the start: a file with no track and no placed box (an
  // OpenRally roadbook of distances only) still has a map to select in.
  map.setView([20, 0], 2);
  L.control.scale({ imperial: false }).addTo(map);
  const layers = {
    zones: L.layerGroup().addTo(map), track: L.layerGroup().addTo(map),
    radii: L.layerGroup().addTo(map), boxes: L.layerGroup().addTo(map), sel: L.layerGroup().addTo(map),
  };
  let markers = new Map();
  let fitted = false;
  let mapVersion = -1;
  let trackSig = "";
  let colours = { liaison: "#2f6fdf", special: "#e8380d", neutralisation: "#b4b4b4", zone: "#ffd400", clear: "#ff8c00", open: "#2080ff" };
  const BADGE = { WPV: "#22fcfd", WPM: "#22fcfd", WPE: "#22fcfd", WPC: "#fcee23", WPS: "#ec2227", DSS: "#ec2227", ASS: "#ec2227", WPN: "#456db9", WPP: "#ffffff",
    DZ: "#f89520", FZ: "#3db54a", DN: "#a8aaad", FN: "#a8aaad", DT: "#a8aaad", FT: "#a8aaad", CP: "#ba6bab", CH: "#ffffff", fuel: "#ffffff", stop: "#ffffff" };

  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const d = L.DomUtil.create("div", "legend");
    d.id = "legend";
    return d;
  };
  legend.addTo(map);
  function drawLegend() {
    $("legend").innerHTML =
      '<div><i style="border-color:' + colours.liaison + ';border-top-width:3px"></i>liaison</div>' +
      '<div><i style="border-color:' + colours.special + ';border-top-width:5px"></i>special</div>' +
      '<div><i style="border-color:' + colours.neutralisation + ';border-top-width:4px"></i>neutralisation</div>' +
      '<div><i style="border-color:' + colours.zone + ';border-top-width:9px;opacity:.7"></i>speed zone</div>' +
      '<div><i class="circle" style="border-color:' + colours.clear + '"></i>validation radius</div>' +
      '<div><i class="circle" style="border-color:' + colours.open + ';border-style:dashed"></i>open radius</div>';
  }
  drawLegend();

  async function loadMap() {
    if (!st || mapVersion === st.version) return;
    const v = st.version;
    const r = await fetch("api/map", { headers: { "X-Roadbook-Token": token } });
    if (!r.ok) return;
    const fc = await r.json();
    if (v < mapVersion) return;
    mapVersion = v;
    const sections = fc.features.filter((f) => f.properties.layer === "section");
    const sig = sections.map((f) => f.properties.kind + f.properties.from + "-" + f.properties.to).join(",");
    if (sig !== trackSig) {
      trackSig = sig;
      layers.track.clearLayers();
      for (const f of sections) {
        const p = f.properties;
        const ll = f.geometry.coordinates.map((c) => [c[1], c[0]]);
        colours[p.kind] = p.color;
        L.polyline(ll, { color: "#fff", weight: p.width + 4, opacity: 0.85, interactive: false }).addTo(layers.track);
        L.polyline(ll, { color: p.color, weight: p.width, opacity: 1, className: "track " + p.kind, dashArray: p.kind === "neutralisation" ? "8 6" : null })
          .bindTooltip(p.kind + ", route km " + (p.from / 1000).toFixed(2) + " to " + (p.to / 1000).toFixed(2), { sticky: true })
          .addTo(layers.track);
      }
    }
    layers.zones.clearLayers();
    layers.radii.clearLayers();
    for (const f of fc.features) {
      const p = f.properties;
      if (p.layer === "zone") {
        const ll = f.geometry.coordinates.map((c) => [c[1], c[0]]);
        colours.zone = p.color;
        L.polyline(ll, { color: p.color, weight: 16, opacity: 0.6, className: "zone" })
          .bindTooltip("speed zone: " + Math.round(p.speed) + " km/h", { sticky: true }).addTo(layers.zones);
      } else if (p.layer === "radius") {
        const c = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        colours.clear = p.clearColor; colours.open = p.openColor;
        if (p.open) L.circle(c, { radius: p.open, color: p.openColor, weight: 1.5, dashArray: "5 5", fill: false, interactive: false, className: "radius open box-" + p.box }).addTo(layers.radii);
        if (p.clear) L.circle(c, { radius: p.clear, color: p.clearColor, weight: 2, fillColor: p.clearColor, fillOpacity: 0.15, interactive: false, className: "radius clear box-" + p.box }).addTo(layers.radii);
      }
    }
    drawLegend();
    if (!fitted) {
      // The track, else the boxes (a roadbook without a track).
      let b = layers.track.getLayers().length ? L.featureGroup(layers.track.getLayers()).getBounds() : null;
      if (!b || !b.isValid()) b = L.latLngBounds(st.boxes.filter((x) => x.hasPoint).map((x) => [x.lat, x.lon]));
      if (b.isValid()) { map.fitBounds(b, { padding: [20, 20], maxZoom: 15 }); fitted = true; }
    }
    document.body.dataset.mapVersion = String(v);
  }

  function wpKind(b) {
    const c = b.controls.find((c) => /^WP/.test(c.kind)) || b.controls[0];
    return c ? c.kind : "";
  }
  // drawMarkers puts the boxes on the map: the waypoints and controls as
  // discs of their badge's colour, labelled from zoom 11; the other boxes
  // as small dots from zoom 10 (below, they would hide the track).
  function drawMarkers() {
    layers.boxes.clearLayers();
    markers = new Map();
    const z = map.getZoom();
    const probs = new Set(st.problems.map((p) => p.boxId));
    for (const b of st.boxes) {
      if (!b.hasPoint) continue;
      const k = wpKind(b);
      if (!k && z < 10 && !probs.has(b.id)) continue;
      const m = L.circleMarker([b.lat, b.lon], {
        radius: k ? (z < 10 ? 4.5 : 6) : 3.5, weight: probs.has(b.id) ? 2.5 : 1, color: probs.has(b.id) ? "#c00" : "#222",
        fillColor: k ? (BADGE[k] || "#fff") : "#fff", fillOpacity: 1, className: "boxmark",
      });
      m.bindTooltip(b.number + " · km " + b.km + (b.label ? " · " + b.label : ""), k && z >= 11 ? { permanent: true, direction: "right", className: "wplabel", offset: [6, 0] } : {});
      m.on("click", (ev) => { if (mode) return; L.DomEvent.stopPropagation(ev); select(b.id, true); });
      m.addTo(layers.boxes);
      markers.set(b.id, m);
    }
    drawSelected();
  }
  map.on("zoomend", () => { if (st) drawMarkers(); });
  // drawSelected rings the selected box on the map and draws its radii
  // brighter.
  function drawSelected() {
    layers.sel.clearLayers();
    const b = box();
    document.querySelectorAll("path.radius.hl").forEach((p) => p.classList.remove("hl"));
    if (!b || !b.hasPoint) return;
    L.circleMarker([b.lat, b.lon], { radius: 13, weight: 4, color: "#ff9d00", fill: false, interactive: false, className: "selring" }).addTo(layers.sel);
    L.circleMarker([b.lat, b.lon], { radius: 5, weight: 2, color: "#000", fillColor: "#ff9d00", fillOpacity: 1, interactive: false }).addTo(layers.sel);
  }

  map.on("click", async (ev) => {
    if (!mode || !st) return;
    const where = { lat: ev.latlng.lat, lon: ev.latlng.lng };
    const m = mode;
    setMode("");
    let j;
    if (m === "add") j = await edit(Object.assign({ op: "add" }, where));
    else if (m === "move" && sel != null) j = await edit(Object.assign({ op: "move", box: sel }, where));
    if (j && j.box) select(j.box, true);
  });
  map.on("mousemove", (ev) => { $("where").textContent = ev.latlng.lat.toFixed(5) + ", " + ev.latlng.lng.toFixed(5); });

  function setMode(m) {
    mode = m;
    $("map").classList.toggle("adding", m === "add");
    $("map").classList.toggle("moving", m === "move");
    $("add").classList.toggle("on", m === "add");
    $("move").classList.toggle("on", m === "move");
    if (m === "add") status("Click on the map: the box goes on the nearest point of the track (Esc cancels).");
    if (m === "move") status("Click on the map: the box moves to the nearest point of the track (Esc cancels).");
  }

  // ---- the roadbook ----
  // badgeText is what the PDF prints in a control's badge: its name when
  // the name says the kind ("WPM 16"), else the kind and the name ("16"
  // gives "WPM 16"), the kind alone for a control without a name.
  function badgeText(c) {
    const name = (c.name || "").trim(), code = c.kind.toUpperCase();
    if (!name) return code;
    return name.toUpperCase().includes(code) ? name : code + " " + name;
  }
  function badge(b) {
    const c = b.controls.find((c) => /^WP/.test(c.kind)) || b.controls[0];
    if (!c) return "";
    return '<span class="badge ' + esc(c.kind) + '">' + esc(badgeText(c)) + "</span>";
  }
  function boxHTML(b, probs) {
    const cls = ["box"];
    if (b.danger >= 2) cls.push("d" + b.danger);
    if (b.close) cls.push("near");
    if (probs) cls.push("problem");
    const cap = String(Math.round(b.cap)).padStart(3, "0");
    return '<li class="' + cls.join(" ") + '" data-id="' + b.id + '" id="box-' + b.id + '">' +
      '<div class="dist">' + (b.reset ? '<span class="reset">RESET</span>' : "") +
      (probs ? '<span class="warn" title="' + esc(probs) + '">⚠</span>' : "") +
      '<div class="total' + (b.distSource === "computed" ? " computed" : "") + '">' + esc(b.km) + "</div>" +
      badge(b) + '<span class="partial">' + (b.partial / 1000).toFixed(2) + '</span><span class="num">' + b.number + "</span></div>" +
      '<div class="tulip"><img loading="lazy" alt="tulip of box ' + b.number + '" src="' + esc(withToken(b.tulip)) + '"><span class="src">' + esc(b.tulipSource === "track" ? "" : b.tulipSource) + "</span></div>" +
      // The author's notes drawing has the danger and the speed in it:
      // the PDF prints neither again.
      '<div class="notes">' + notesHTML(b) +
      (b.danger && !b.notesDrawing ? '<span class="danger">' + "!".repeat(b.danger) + "</span>" : "") +
      (b.speed && !b.notesDrawing ? '<span class="speed">' + Math.round(b.speed) + "</span>" : "") +
      '<span class="cap' + (b.capSource === "computed" ? " computed" : "") + '">CAP ' + cap + "</span></div></li>";
  }
  function problemsOf(id) { return st.problems.filter((p) => p.boxId === id); }

  // The list is updated box by box: only the boxes an edit changed are
  // drawn again.
  let drawn = new Map(); // id → html
  function drawList() {
    const ol = $("boxes");
    const byBox = new Map();
    for (const p of st.problems) if (p.boxId) byBox.set(p.boxId, (byBox.get(p.boxId) || []).concat(p.message));
    const next = new Map();
    const ids = st.boxes.map((b) => b.id);
    const same = ol.children.length === ids.length && ids.every((id, i) => Number(ol.children[i].dataset.id) === id);
    for (const b of st.boxes) next.set(b.id, boxHTML(b, (byBox.get(b.id) || []).join("\n")));
    if (!same) {
      ol.innerHTML = ids.map((id) => next.get(id)).join("");
    } else {
      ids.forEach((id, i) => {
        if (drawn.get(id) !== next.get(id)) ol.children[i].outerHTML = next.get(id);
      });
    }
    drawn = next;
    const li = $("box-" + sel);
    if (li) li.classList.add("sel");
  }

  function show(s) {
    const first = !st;
    st = s;
    document.title = (s.dirty ? "● " : "") + (s.name || s.file) + " · roadbook edit";
    $("name").textContent = s.name || s.file;
    $("file").innerHTML = "<b>" + esc(s.file) + "</b>" + (s.save !== s.file ? " → saves to <b>" + esc(s.save) + "</b> (" + esc(s.format.toUpperCase()) + " is not changed)" : "") +
      (s.backup ? " · original kept as " + esc(s.backup) : "");
    $("file").title = s.folder;
    $("undo").disabled = !s.canUndo;
    $("redo").disabled = !s.canRedo;
    const draftOnly = s.draft && !s.canUndo && s.dirty;
    $("dirty").textContent = s.dirty ? (draftOnly ? "draft, not saved" : "unsaved edits") : "saved";
    $("dirty").className = "pill " + (s.dirty ? "unsaved" : "saved");
    if (s.diskChanged) banner("The file changed on disk since the editor read it: saving is refused, so as not to lose that. Reload it to see it (your edits here are then lost).", false, true);
    const errors = s.problems.filter((p) => p.severity === "error").length;
    $("counts").textContent = s.boxes.length + " boxes · " + (s.length / 1000).toFixed(1) + " km" + (s.draft ? " · draft from a plain track" : "");
    $("problems").textContent = s.problems.length ? "⚠ " + errors + " errors, " + (s.problems.length - errors) + " warnings" : "✓ validate: no problem";
    $("problems").style.color = s.problems.length ? "" : "#2a7a3b";
    if (sel != null && !s.boxes.some((b) => b.id === sel)) sel = null;
    drawList();
    drawMarkers();
    panel();
    document.body.dataset.version = String(s.version);
    loadMap();
    if (first && sel == null && s.boxes.length) select(s.boxes[0].id, false, true);
  }

  $("boxes").addEventListener("click", (ev) => {
    const li = ev.target.closest(".box");
    if (li) select(Number(li.dataset.id), false);
  });

  function box() { return st && st.boxes.find((b) => b.id === sel); }

  function select(id, scroll, keepMap) {
    const old = document.querySelector(".box.sel");
    if (old) old.classList.remove("sel");
    sel = id;
    const li = $("box-" + id);
    if (li) {
      li.classList.add("sel");
      if (scroll) li.scrollIntoView({ block: "nearest" });
    }
    drawSelected();
    const b = box();
    if (b && b.hasPoint && !keepMap) {
      if (!map.getBounds().pad(-0.15).contains([b.lat, b.lon])) map.panTo([b.lat, b.lon]);
    }
    panel();
  }

  // ---- the box panel ----
  function panel() {
    const b = box();
    $("nobox").hidden = !!b;
    $("editor").hidden = !b;
    if (!b) return;
    $("title").innerHTML = "Box " + b.number + " · km " + esc(b.km) + " " + badge(b) +
      ' <span class="hint">route km ' + (b.along / 1000).toFixed(2) + "</span>";
    $("notesview").innerHTML = notesHTML(b);
    const ta = $("notes");
    if (document.activeElement !== ta) ta.value = b.noteGenerated ? "" : b.notes;
    ta.placeholder = b.noteGenerated && b.notes ? b.notes + " (written by roadbook: type to replace)" : "Notes: text and symbols, {village} L into {wadi}";
    for (const btn of $("danger").children) btn.classList.toggle("on", Number(btn.dataset.v) === (b.danger || 0));
    if (document.activeElement !== $("cap")) $("cap").value = Math.round(b.cap);
    $("capsrc").textContent = b.capSource === "computed" ? "computed from the track" : "the file's or yours";
    $("reset").checked = !!b.reset;
    $("kind").value = b.kind || "";
    if (document.activeElement !== $("wpname")) $("wpname").value = b.name || "";
    const has = new Set(b.controls.map((c) => c.kind));
    $("controls").innerHTML = CONTROLS.map((k) =>
      '<label class="' + (has.has(k) ? "on" : "") + '"><input type="checkbox" data-kind="' + k + '"' + (has.has(k) ? " checked" : "") + ">" + k + "</label>").join("");
    const num = (id, v) => { if (document.activeElement !== $(id)) $(id).value = v ? Math.round(v * 10) / 10 : ""; };
    num("speed", b.speed); num("neutral", b.neutral); num("allowed", b.allowed); num("stop", b.stop);
    $("radii").innerHTML = b.controls.length ? "<tr><td></td><td>validation</td><td>open</td><td></td></tr>" + b.controls.map((c) =>
      "<tr><td><b>" + esc(c.kind) + '</b></td><td><input type="number" min="0" data-kind="' + esc(c.kind) + '" data-r="clear" value="' + (c.clear || "") + '"> m</td>' +
      '<td><input type="number" min="0" data-kind="' + esc(c.kind) + '" data-r="open" value="' + (c.open || "") + '"> m</td><td class="hint">' + (c.default ? "the rules'" : "") + "</td></tr>").join("") : "";
    tulipPanel(b);
    const ps = problemsOf(b.id);
    $("boxproblems").innerHTML = ps.length ? ps.map((p) => '<li class="' + esc(p.severity) + '">' + esc(p.message) + "</li>").join("") : '<li class="none">✓ no problem</li>';
  }

  // ---- the tulip: the drawing the PDF prints, edited by its legs ----
  const C = 100, R = 80; // the sketch's centre and the drawing's radius (0.4 of 200)
  function xy(angle, r) { return [C + r * Math.sin(angle * Math.PI / 180), C - r * Math.cos(angle * Math.PI / 180)]; }
  function surfaceSelect(attrs, v) {
    return "<select " + attrs + ">" + (v === "unknown" ? '<option value="unknown" selected>not known</option>' : "") +
      SURFACES.map(([k, t]) => '<option value="' + k + '"' + (k === v ? " selected" : "") + ">" + t + "</option>").join("") + "</select>";
  }
  function tulipPanel(b) {
    $("tulipimg").src = withToken(b.tulip);
    const l = b.legs;
    let h = "";
    const handle = (a, r, cls, data) => { const p = xy(a, r); return '<circle class="handle ' + cls + '" cx="' + p[0] + '" cy="' + p[1] + '" r="7" ' + data + "/>"; };
    l.tracks.forEach((t, i) => { h += handle(t.angle, 68, "track", 'data-track="' + i + '"'); });
    if (l.exit) h += handle(l.exit.angle, R, "exit", 'data-exit="1"');
    h += '<line id="guide" x1="100" y1="100" x2="100" y2="100" stroke="#ff9d00" stroke-width="3" stroke-dasharray="6 4" visibility="hidden"/>';
    $("sketch").innerHTML = h;
    let rows = "";
    rows += '<tr><td>exit</td><td>' + (l.exit ? '<input type="number" step="5" min="-180" max="180" data-leg="exit" value="' + Math.round(l.exit.angle) + '">°' : "none") +
      "</td><td>" + (l.exit ? surfaceSelect('data-leg="exit"', l.exit.surface) : "") + "</td><td></td></tr>";
    rows += '<tr><td>approach</td><td class="hint">from below</td><td>' + surfaceSelect('data-leg="entry"', l.entry.surface) + "</td><td></td></tr>";
    l.tracks.forEach((t, i) => {
      rows += "<tr><td>track " + (i + 1) + '</td><td><input type="number" step="5" data-track="' + i + '" value="' + Math.round(t.angle) + '">°</td><td>' +
        surfaceSelect('data-track="' + i + '"', t.surface) + '</td><td><button data-del="' + i + '" title="Remove this track">✕</button></td></tr>';
    });
    $("legs").innerHTML = rows;
    $("tulipsrc").textContent = {
      file: "The file's own drawing is shown: an edit replaces it with the tulip drawn from the track, edited.",
      author: "Your tulip (drawn from the track, then edited): the PDF prints it.",
      track: "Drawn from the track, as the PDF prints it.",
    }[b.tulipSource] || "";
  }
  function angleAt(ev) {
    const r = $("sketch").getBoundingClientRect();
    const x = (ev.clientX - r.left) * 200 / r.width - C, y = C - (ev.clientY - r.top) * 200 / r.height;
    return { a: Math.round(Math.atan2(x, y) * 180 / Math.PI / 5) * 5, d: Math.hypot(x, y) };
  }
  let drag = null;
  $("sketch").addEventListener("mousedown", (ev) => {
    const h = ev.target.closest(".handle");
    if (!h) return;
    ev.preventDefault();
    drag = h.dataset.exit ? { exit: true } : { track: Number(h.dataset.track) };
  });
  $("sketch").addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const { a } = angleAt(ev);
    const g = $("guide"), p = xy(a, R);
    g.setAttribute("x2", p[0]); g.setAttribute("y2", p[1]); g.setAttribute("visibility", "visible");
  });
  window.addEventListener("mouseup", (ev) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    const b = box();
    if (!b) return;
    const { a, d: dist } = angleAt(ev);
    if (dist < 10) { panel(); return; }
    if (d.exit) edit({ op: "exit", box: b.id, angle: a });
    else edit({ op: "track", box: b.id, track: d.track, angle: a });
  });
  $("sketch").addEventListener("click", (ev) => {
    const b = box();
    if (!b || ev.target.closest(".handle")) return;
    const { a, d } = angleAt(ev);
    if (d < 10) return;
    if (ev.shiftKey) edit({ op: "track", box: b.id, angle: a, surface: "piste" });
    else edit({ op: "exit", box: b.id, angle: a });
  });
  $("legs").addEventListener("change", (ev) => {
    const b = box();
    const t = ev.target;
    if (!b) return;
    const sel = t.tagName === "SELECT";
    if (t.dataset.leg === "exit") edit(sel ? { op: "exit", box: b.id, surface: t.value } : { op: "exit", box: b.id, angle: Number(t.value) });
    else if (t.dataset.leg === "entry") edit({ op: "entry", box: b.id, surface: t.value });
    else if (t.dataset.track !== undefined) {
      const k = Number(t.dataset.track);
      edit(sel ? { op: "track", box: b.id, track: k, surface: t.value } : { op: "track", box: b.id, track: k, angle: Number(t.value) });
    }
  });
  $("legs").addEventListener("click", (ev) => {
    const b = box();
    const d = ev.target.dataset.del;
    if (b && d !== undefined) edit({ op: "untrack", box: b.id, track: Number(d) });
  });
  $("addtrack").addEventListener("click", () => {
    const b = box();
    if (!b) return;
    const used = b.legs.tracks.map((t) => t.angle).concat([b.legs.exit ? b.legs.exit.angle : 0, 180]);
    let a = -90;
    for (const c of [-90, 90, 0, -45, 45, -135, 135]) { if (!used.some((u) => Math.abs(u - c) < 20)) { a = c; break; } }
    edit({ op: "track", box: b.id, angle: a, surface: "piste" });
  });
  $("redraw").addEventListener("click", () => { const b = box(); if (b) edit({ op: "redraw", box: b.id }); });

  // ---- the other fields ----
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
    if (ev.key === "Escape") $("notes").blur();
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
  // deleteBox deletes the selected box and selects the one after it (the
  // last when it was the last), so that the author goes on from there.
  async function deleteBox() {
    const i = st ? st.boxes.findIndex((b) => b.id === sel) : -1;
    if (i < 0) return;
    const j = await edit({ op: "delete", box: sel });
    if (j && !j.error && st.boxes.length) select(st.boxes[Math.min(i, st.boxes.length - 1)].id, true);
  }
  $("delete").addEventListener("click", deleteBox);
  $("move").addEventListener("click", () => setMode(mode === "move" ? "" : "move"));
  $("add").addEventListener("click", () => setMode(mode === "add" ? "" : "add"));
  // Undo and redo ask the server only when there is a step to take.
  function undo() { if (st && st.canUndo) post("api/undo"); }
  function redo() { if (st && st.canRedo) post("api/redo"); }
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("save").addEventListener("click", () => post("api/save"));
  $("reload").addEventListener("click", async () => { const j = await post("api/reload"); if (j && !j.error) banner(""); });
  $("pdf").addEventListener("click", () => post("api/pdf", { edit: { op: "pdf", kind: $("paper").value } }));
  $("preview").addEventListener("click", () => {
    const b = box() || (st && st.boxes[0]);
    window.open(withToken("api/preview?paper=" + encodeURIComponent($("paper").value) + "&box=" + (b ? b.id : 0)), "_blank", "noopener");
  });
  function nextProblem() {
    if (!st || !st.problems.length) return;
    const ids = st.boxes.map((b) => b.id);
    const at = ids.indexOf(sel);
    const withP = new Set(st.problems.map((p) => p.boxId).filter(Boolean));
    for (let k = 1; k <= ids.length; k++) {
      const id = ids[(at + k) % ids.length];
      if (withP.has(id)) { select(id, true); return; }
    }
  }
  $("problems").addEventListener("click", nextProblem);
  $("help").addEventListener("click", () => $("keys").showModal());
  $("keysclose").addEventListener("click", () => $("keys").close());

  // ---- keyboard ----
  document.addEventListener("keydown", (ev) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    const ctrl = ev.ctrlKey || ev.metaKey;
    if (ctrl && (ev.key === "z" || ev.key === "Z") && !ev.shiftKey) { ev.preventDefault(); undo(); return; }
    if (ctrl && (ev.key === "y" || ((ev.key === "z" || ev.key === "Z") && ev.shiftKey))) { ev.preventDefault(); redo(); return; }
    if (ctrl && ev.key === "s") {
      ev.preventDefault();
      // The value being typed is set first (its field's change, as it
      // loses the focus), then saved; the field keeps the focus.
      const a = document.activeElement;
      if (typing) { a.blur(); a.focus(); }
      post("api/save");
      return;
    }
    if (typing || ctrl || ev.altKey) return;
    const i = st ? st.boxes.findIndex((b) => b.id === sel) : -1;
    const common = palette.common.map((c) => symInfo.get(c)).find((s) => s && s.key === ev.key);
    if (common && sel != null) { ev.preventDefault(); insertSymbol(common.code); return; }
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
        if (sel != null) deleteBox();
        break;
      case "a": setMode(mode === "add" ? "" : "add"); break;
      case "m": if (sel != null) setMode(mode === "move" ? "" : "move"); break;
      case "n": if (sel != null) { ev.preventDefault(); $("notes").focus(); } break;
      case "e": nextProblem(); break;
      case "p": $("preview").click(); break;
      case "?": $("keys").showModal(); break;
      case "Escape": setMode(""); break;
    }
  });

  window.addEventListener("beforeunload", (ev) => {
    if (st && st.dirty && !(st.draft && !st.canUndo)) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // ---- another tab, the file on disk ----
  async function poll() {
    if (!st || pending) return;
    try {
      const { code, j } = await api("api/poll");
      if (code !== 200) return;
      if (j.version !== st.version) {
        const r = await api("api/state");
        if (r.code === 200 && r.j.version !== st.version) {
          show(r.j);
          banner("This roadbook was changed in another tab or window: the page shows the latest version.", true);
        }
      }
      if (j.diskChanged && !$("bannertext").textContent.startsWith("The file changed")) {
        banner("The file changed on disk since the editor read it: saving is refused, so as not to lose that. Reload it to see it (your edits here are then lost).", false, true);
      }
    } catch (e) {
      status("the editor's server does not answer (was roadbook edit stopped?)", true);
    }
  }

  async function start() {
    if (!token) { banner("This page needs the address that roadbook edit printed, with its token."); return; }
    const palP = api("api/palette");
    const r = await api("api/state");
    if (r.code !== 200) { banner(r.j.error || "cannot load the roadbook"); return; }
    show(r.j);
    document.body.dataset.shownMs = String(Math.round(performance.now())); // the roadbook on the page
    if (st.tiles) L.tileLayer(st.tiles, { maxZoom: 19 }).addTo(map).bringToBack();
    const p = await palP;
    if (p.code === 200) buildPalette(p.j);
    setInterval(poll, 1500);
    // A tab in the background polls seldom (browsers slow its timers):
    // it asks at once when it is shown again.
    document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
    document.body.dataset.readyMs = String(Math.round(performance.now())); // since the navigation started
    document.body.dataset.ready = "1";
  }
  // For the browser tests and the curious: the map, the state, selection.
  window.roadbookEditor = { map, state: () => st, select, selected: () => sel };
  start();
})();

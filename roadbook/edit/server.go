package edit

import (
	"bytes"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/roadbook/roadbook/internal/safefile"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/pdf"
)

//go:embed assets
var assets embed.FS

// DefaultMaxBody is the largest request body, in bytes, when
// Config.MaxBody is 0.
const DefaultMaxBody = 1 << 20

// Config configures a Server.
type Config struct {
	// Path is the file edited (GPX, OpenRally, KML or KMZ, read by
	// route.Decode): it is read once, and saved as Files says.
	Path string
	// Token is the secret every request must carry (at least 16
	// characters).
	Token string
	// Hosts are the Host header values accepted ("127.0.0.1:8080"); any
	// other is refused (DNS rebinding). At least one.
	Hosts []string
	// Tiles is an XYZ tile URL template for the map's background
	// ("https://tile.example.org/{z}/{x}/{y}.png"), "" for none.
	Tiles string
	// MaxBody is the largest request body in bytes; 0 means
	// DefaultMaxBody.
	MaxBody int64
	// Doc configures the roadbook (rules, build options).
	Doc Options
}

// Server is the editor's http.Handler: the page, its assets and the JSON
// API over one Doc. It is safe for concurrent use: requests are served one
// at a time against the Doc.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	hosts  map[string]bool
	files  Files
	inputs safefile.Inputs // the file opened, which only a save over it may replace

	mu     sync.Mutex
	doc    *Doc
	cur    string    // the file the roadbook is in step with: Files.Open, then Files.Save once saved
	disk   diskState // cur's state when read or last saved
	backup string    // the copy of the file the first save replaced, "" until then
	saved  bool      // a save was made
	buf    bytes.Buffer
}

// NewServer reads the file cfg.Path and returns the server editing it.
func NewServer(cfg Config) (*Server, error) {
	if len(cfg.Token) < 16 {
		return nil, errors.New("edit: the token must have at least 16 characters")
	}
	if len(cfg.Hosts) == 0 {
		return nil, errors.New("edit: no host to serve")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	s := &Server{cfg: cfg, hosts: map[string]bool{}}
	for _, h := range cfg.Hosts {
		s.hosts[strings.ToLower(h)] = true
	}
	f, format, st, err := load(cfg.Path)
	if err != nil {
		return nil, err
	}
	doc, err := NewDoc(f, cfg.Doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Path, err)
	}
	s.doc, s.disk, s.cur = doc, st, cfg.Path
	s.files = filesFor(cfg.Path, format)
	s.inputs.Add(cfg.Path)
	s.routes()
	return s, nil
}

// Files returns the files the server reads and writes.
func (s *Server) Files() Files { return s.files }

// Doc returns the roadbook served. Use it only while the server serves no
// request (before or after serving).
func (s *Server) Doc() *Doc { return s.doc }

// Dirty reports whether there are edits not saved.
func (s *Server) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Dirty()
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.page)
	static, _ := fs.Sub(assets, "assets")
	m.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(static)))
	m.HandleFunc("GET /api/state", s.get(func(w http.ResponseWriter, r *http.Request) { s.reply(w, http.StatusOK, s.state("")) }))
	m.HandleFunc("GET /api/poll", s.get(s.poll))
	m.HandleFunc("GET /api/map", s.get(s.mapData))
	m.HandleFunc("GET /api/drawing", s.get(s.drawing))
	m.HandleFunc("GET /api/preview", s.get(s.preview))
	m.HandleFunc("GET /api/palette", s.palette)
	m.HandleFunc("GET /api/symbol", s.symbol)
	m.HandleFunc("POST /api/edit", s.post(s.edit))
	m.HandleFunc("POST /api/undo", s.post(s.undo))
	m.HandleFunc("POST /api/redo", s.post(s.redo))
	m.HandleFunc("POST /api/save", s.post(s.save))
	m.HandleFunc("POST /api/pdf", s.post(s.writePDF))
	m.HandleFunc("POST /api/reload", s.post(s.reload))
	s.mux = m
}

// ServeHTTP checks the Host header and the token, then serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer") // the token never leaves in a Referer
	h.Set("Cache-Control", "no-store")
	if !s.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "roadbook edit: this server answers only to its own address (Host "+strconv.Quote(r.Host)+" refused)", http.StatusForbidden)
		return
	}
	tok, fromHeader := "", false
	if v := r.Header.Get("X-Roadbook-Token"); v != "" {
		tok, fromHeader = v, true
	} else if v := r.URL.Query().Get("token"); v != "" {
		tok = v
	}
	if tok == "" {
		http.Error(w, "roadbook edit: this page needs the address printed by roadbook edit, with its token", http.StatusUnauthorized)
		return
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.Token)) != 1 {
		http.Error(w, "roadbook edit: wrong token", http.StatusForbidden)
		return
	}
	// Changes need the token in the header, which another site's page
	// cannot send.
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !fromHeader {
		http.Error(w, "roadbook edit: a change needs the X-Roadbook-Token header", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	s.mux.ServeHTTP(w, r)
}

// page serves the editor's page, its scripts and style sheets named with
// the token (no cookie carries it: a cookie for 127.0.0.1 goes to every
// port of this computer, a local tile server's too).
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("assets/index.html")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// The token is hex: nothing to escape.
	q := "?token=" + url.QueryEscape(s.cfg.Token)
	data = bytes.ReplaceAll(data, []byte(`.js"`), []byte(`.js`+q+`"`))
	data = bytes.ReplaceAll(data, []byte(`.css"`), []byte(`.css`+q+`"`))
	img := "'self' data:"
	if t := tileOrigin(s.cfg.Tiles); t != "" {
		img += " " + t
	}
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "+img+"; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(data)
}

// tileOrigin returns the scheme and host of a tile URL template, for the
// page's Content-Security-Policy; "" when there is none.
func tileOrigin(t string) string {
	scheme, rest, ok := strings.Cut(t, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	host = strings.NewReplacer("{s}", "*", "{z}", "*", "{x}", "*", "{y}", "*").Replace(host)
	if host == "" || strings.ContainsAny(host, " ;'\"") {
		return ""
	}
	return scheme + "://" + host
}

// get wraps a read-only handler: it holds the Doc while it runs.
func (s *Server) get(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r)
	}
}

// request is the body of every POST: the version the page shows, and for
// /api/edit the edit.
type request struct {
	Base *int `json:"base"`
	Edit Edit `json:"edit"`
}

// post wraps a handler that changes something: it reads the body, refuses
// a page that does not show the current version (another tab changed the
// roadbook: 409 with the current state), and holds the Doc.
func (s *Server) post(h func(w http.ResponseWriter, req *request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req request
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				s.fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is larger than %d bytes", mb.Limit))
				return
			}
			s.fail(w, http.StatusBadRequest, "the request is not the JSON expected: "+err.Error())
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if req.Base == nil {
			s.fail(w, http.StatusBadRequest, "the request does not say which version it changes (base)")
			return
		}
		if *req.Base != s.doc.Version() {
			s.reply(w, http.StatusConflict, s.state("The roadbook was changed in another tab or window: this page now shows the latest version. Make your change again."))
			return
		}
		h(w, &req)
	}
}

// Reply is the body of every API answer to a POST (and of GET
// /api/state): the state, and a message for the author.
type Reply struct {
	*State
	Message string `json:"message,omitempty"`
	// Error is set when the request failed.
	Error string `json:"error,omitempty"`
	// DiskChanged: the file changed on disk since it was read or saved.
	DiskChanged bool `json:"diskChanged"`
	// File is the name of the file opened (no folder), Folder its folder;
	// Save the name of the file saves go to, PDF of the PDF, Backup of the
	// copy the first save kept ("" until then).
	File   string `json:"file"`
	Folder string `json:"folder"`
	Format string `json:"format"`
	Save   string `json:"save"`
	PDF    string `json:"pdf"`
	Backup string `json:"backup,omitempty"`
	Tiles  string `json:"tiles,omitempty"`
	// Box is the id of the box an edit concerns (the new box for add).
	Box int `json:"box,omitempty"`
}

func (s *Server) state(msg string) *Reply {
	return &Reply{State: s.doc.State(), Message: msg, DiskChanged: s.disk.changed(s.cur),
		File: filepath.Base(s.files.Open), Folder: filepath.Dir(s.files.Open), Format: s.files.Format,
		Save: filepath.Base(s.files.Save), PDF: filepath.Base(s.files.PDF), Backup: base(s.backup), Tiles: s.cfg.Tiles}
}

func (s *Server) reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

func (s *Server) fail(w http.ResponseWriter, code int, msg string) {
	s.reply(w, code, map[string]string{"error": msg})
}

// failState answers an error with the current state.
func (s *Server) failState(w http.ResponseWriter, code int, msg string) {
	st := s.state("")
	st.Error = msg
	s.reply(w, code, st)
}

func (s *Server) edit(w http.ResponseWriter, req *request) {
	id, err := s.doc.Apply(req.Edit)
	if err != nil {
		s.failState(w, http.StatusBadRequest, strings.TrimPrefix(strings.TrimPrefix(err.Error(), "bad edit: "), "edit: "))
		return
	}
	st := s.state("")
	st.Box = id
	s.reply(w, http.StatusOK, st)
}

func (s *Server) undo(w http.ResponseWriter, req *request) {
	what, ok := s.doc.Undo()
	if !ok {
		s.failState(w, http.StatusBadRequest, "nothing to undo")
		return
	}
	s.reply(w, http.StatusOK, s.state("undone: "+what))
}

func (s *Server) redo(w http.ResponseWriter, req *request) {
	what, ok := s.doc.Redo()
	if !ok {
		s.failState(w, http.StatusBadRequest, "nothing to redo")
		return
	}
	s.reply(w, http.StatusOK, s.state("redone: "+what))
}

// base is filepath.Base, but "" for "".
func base(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}

// save writes the roadbook to Files.Save, keeping on the first save a copy
// of the file it replaces.
func (s *Server) save(w http.ResponseWriter, req *request) {
	msg, err := s.saveFile()
	if errors.Is(err, ErrChanged) {
		s.failState(w, http.StatusConflict, filepath.Base(s.cur)+" changed on disk since the editor read it: not saved, so as not to lose that change. Reload it from disk to see it (your edits here are then lost).")
		return
	}
	if err != nil {
		s.failState(w, http.StatusInternalServerError, "not saved: "+err.Error())
		return
	}
	s.reply(w, http.StatusOK, s.state(msg))
}

// saveFile saves the roadbook and returns what it did, for the author.
func (s *Server) saveFile() (string, error) {
	to := s.files.Save
	if s.disk.changed(s.cur) {
		return "", ErrChanged
	}
	if to != s.cur {
		// A KML or KMZ file saves beside it: never over it, even through
		// a link.
		if err := s.inputs.Check(to); err != nil {
			return "", err
		}
	}
	// One buffer for every save, as large as the largest file: no
	// copying as it grows, no clearing of a new one each time.
	buf := &s.buf
	buf.Reset()
	buf.Grow(int(s.disk.size + s.disk.size/8))
	if err := s.doc.Encode(buf); err != nil {
		return "", err
	}
	kept := ""
	if !s.saved {
		if _, err := os.Lstat(to); err == nil {
			name, err := keepCopy(to)
			if err != nil {
				return "", fmt.Errorf("cannot keep a copy of %s: %v", to, err)
			}
			s.backup = name
			kept = " (" + filepath.Base(to) + " as it was is kept as " + filepath.Base(name) + ")"
		}
	}
	st, err := save(to, buf.Bytes())
	if err != nil {
		return "", err
	}
	s.disk, s.cur, s.saved = st, to, true
	s.doc.savedAt = s.doc.content
	msg := fmt.Sprintf("saved %s: %d boxes%s", filepath.Base(to), len(s.doc.book.Boxes), kept)
	if to != s.files.Open {
		msg += "; " + filepath.Base(s.files.Open) + " is not changed: the editor saves OpenRally beside it"
	}
	return msg, nil
}

// writePDF writes the printed roadbook beside the file.
func (s *Server) writePDF(w http.ResponseWriter, req *request) {
	name := s.files.PDF
	err := s.inputs.Check(name)
	if err == nil {
		err = safefile.Write(name, func(w io.Writer) error {
			return pdf.Encode(w, []*roadbook.Book{s.doc.book}, pdf.Options{Paper: paperOf(req.Edit.Kind)})
		})
	}
	if err != nil {
		s.failState(w, http.StatusInternalServerError, "no PDF written: "+err.Error())
		return
	}
	s.reply(w, http.StatusOK, s.state("wrote "+filepath.Base(name)))
}

// reload reads the file again (the one saved to, once saved), dropping
// the edits.
func (s *Server) reload(w http.ResponseWriter, req *request) {
	f, _, st, err := load(s.cur)
	var doc *Doc
	if err == nil {
		doc, err = NewDoc(f, s.cfg.Doc)
	}
	if err != nil {
		s.failState(w, http.StatusInternalServerError, "not reloaded: "+err.Error())
		return
	}
	doc.version = s.doc.version + 1
	doc.content = doc.version
	if doc.savedAt >= 0 {
		doc.savedAt = doc.content
	}
	s.doc, s.disk = doc, st
	s.reply(w, http.StatusOK, s.state("reloaded "+filepath.Base(s.cur)+" from disk"))
}

// poll answers the page's periodic question: which version, and has the
// file changed on disk.
func (s *Server) poll(w http.ResponseWriter, r *http.Request) {
	s.reply(w, http.StatusOK, map[string]any{"version": s.doc.Version(), "diskChanged": s.disk.changed(s.cur), "dirty": s.doc.Dirty()})
}

func (s *Server) mapData(w http.ResponseWriter, r *http.Request) {
	data, err := s.doc.Map().MarshalJSON()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/geo+json")
	w.Write(data)
}

func (s *Server) drawing(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.URL.Query().Get("box"))
	if err != nil {
		http.Error(w, "which box?", http.StatusBadRequest)
		return
	}
	data, mime, err := s.doc.Drawing(id, r.URL.Query().Get("what"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	// A file's SVG is the file's: shown as an image, never run.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Cache-Control", "private, max-age=86400") // the URL names the content
	w.Write(data)
}

// preview writes the PDF of the page that holds box id: the stage's first
// page and that page, drawn by roadbook/pdf as roadbook print draws them.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	paper := paperOf(q.Get("paper"))
	i, err := s.doc.find(atoi(q.Get("box")))
	n := 0
	if err == nil {
		if b, ok := s.doc.boxFor(i); ok {
			n = b.Number - 1
		}
	}
	per := paper.BoxesPerPage()
	from := n / per * per
	book := *s.doc.book
	book.Boxes = book.Boxes[from:min(from+per, len(book.Boxes))]
	var buf bytes.Buffer
	if err := pdf.Encode(&buf, []*roadbook.Book{&book}, pdf.Options{Paper: paper}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "inline; filename=preview.pdf")
	w.Write(buf.Bytes())
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func paperOf(s string) pdf.Paper {
	p, err := pdf.ParsePaper(s)
	if err != nil {
		return pdf.A5
	}
	return p
}

func (s *Server) palette(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "private, max-age=86400") // the program's own symbols
	w.Write(paletteData())
}

// symbol serves a lexicon symbol's SVG: /api/symbol?code=village.
func (s *Server) symbol(w http.ResponseWriter, r *http.Request) {
	svg, ok := SymbolSVG(r.URL.Query().Get("code"))
	if !ok {
		http.Error(w, "no symbol "+strconv.Quote(r.URL.Query().Get("code")), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	io.WriteString(w, svg)
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
	"github.com/roadbook/roadbook/route/kml"
)

// manifestName is the rally manifest a rally folder holds.
const manifestName = "rally.json"

// loadOptions says how commands load the stages they are given. The zero
// value decodes strictly with the default rules.
type loadOptions struct {
	// lenient skips bad points instead of failing, and reports each on
	// stderr.
	lenient bool
	// rules are the event's radii for building stages; nil for the defaults.
	rules *route.Rules
	// rulesFile names an event's rules file (--rules) that readRules
	// reads into rules; "" for none.
	rulesFile string
}

// flags declares --lenient on fs, for the commands that load stages.
func (o *loadOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.lenient, "lenient", false, "skip bad points (reported on stderr) instead of failing")
}

// rulesFlag declares --rules on fs, for the commands whose output depends on
// the event's radii.
func (o *loadOptions) rulesFlag(fs *flag.FlagSet) {
	fs.StringVar(&o.rulesFile, "rules", "", "the event's rules `FILE` (JSON, docs/check.md): its radii replace the defaults")
}

// readRules reads the rules file named by --rules, if any, into o.rules.
func (o *loadOptions) readRules() error {
	if o.rulesFile == "" {
		return nil
	}
	r, err := loadRules(o.rulesFile)
	if err != nil {
		return err
	}
	o.rules = r
	return nil
}

// loadAll reads the rules file named by --rules, if any, then loads args
// (loadInputs). On failure it prints every error on stderr, one
// "roadbook: …" line each, and returns false: the command exits 1.
func (o *loadOptions) loadAll(e *env, args []string) ([]*input, bool) {
	if err := o.readRules(); err != nil {
		e.errorf("%v", err)
		return nil, false
	}
	inputs, err := loadInputs(e, args, *o)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			e.errorf("%s", line)
		}
		return nil, false
	}
	return inputs, true
}

// loadRules reads the rules file name.
func loadRules(name string) (*route.Rules, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a rules file", name)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, pathErrorText(err))
	}
	r, err := route.ParseRules(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, jsonError(data, err))
	}
	return r, nil
}

// stageFile is one stage file, decoded, with the stage built from it.
type stageFile struct {
	// path names the file in messages: the argument as given, "stdin" for
	// "-", or FOLDER/FILE for a rally's stage.
	path  string
	file  *route.File
	stage *route.Stage
}

// input is one argument of a command, loaded: a GPX file (one stage) or a
// rally folder (its manifest and its stages in manifest order).
type input struct {
	// path is the argument as given ("stdin" for "-").
	path string
	// rally is the manifest of a rally folder, nil for a single file.
	rally *route.Rally
	// stages holds one stage for a file, one per manifest stage (parallel
	// to rally.Stages) for a rally.
	stages []*stageFile
}

// routeStages returns the built stages of in, in order.
func (in *input) routeStages() []*route.Stage {
	out := make([]*route.Stage, len(in.stages))
	for i, s := range in.stages {
		out[i] = s.stage
	}
	return out
}

// loadInputs loads every argument: a GPX file, "-" for standard input (once),
// or a folder holding a rally.json manifest. It loads them all and returns
// every failure at once (joined), each naming its file:
// "stage.gpx: gpx: line 12: trkpt: latitude 91.2 out of range".
func loadInputs(e *env, args []string, opts loadOptions) ([]*input, error) {
	var out []*input
	var errs []error
	stdin := false
	for _, arg := range args {
		var in *input
		var err error
		switch fi, statErr := os.Stat(arg); {
		case arg == "-":
			if stdin {
				err = errors.New("-: standard input given twice")
				break
			}
			stdin = true
			var sf *stageFile
			sf, err = loadStage(e, e.stdin, "stdin", "", opts)
			in = &input{path: "stdin", stages: []*stageFile{sf}}
		case statErr != nil:
			err = pathError(statErr)
		case fi.IsDir():
			in, err = loadRally(e, os.DirFS(arg), ".", arg, opts)
		default:
			in, err = loadFile(e, arg, opts)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, in)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// loadFile loads one GPX file.
func loadFile(e *env, name string, opts loadOptions) (*input, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	sf, err := loadStage(e, f, name, "", opts)
	if err != nil {
		return nil, err
	}
	return &input{path: name, stages: []*stageFile{sf}}, nil
}

// loadStage decodes r, named name in messages, and builds its stage, called
// stageName when that is not empty.
func loadStage(e *env, r io.Reader, name, stageName string, opts loadOptions) (*stageFile, error) {
	cr := &countingReader{r: r}
	f, err := decodeAny(cr, opts.lenient)
	if err != nil {
		if cr.n == 0 && cr.err == io.EOF {
			return nil, fmt.Errorf("%s: empty file", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if e != nil {
		for _, s := range f.Skipped {
			fmt.Fprintf(e.stderr, "roadbook: %s: skipped: %v\n", name, s)
		}
	}
	st := route.NewStage(f, route.StageOptions{Name: stageName, Rules: opts.rules})
	return &stageFile{path: name, file: f, stage: st}, nil
}

// loadRallyFS loads the rally whose manifest is dir/rally.json in fsys, and
// its stages in manifest order, decoding strictly with the default rules.
// The demo loads the embedded example rally with it. Messages name files
// as dir/FILE.
func loadRallyFS(fsys fs.FS, dir string) (*input, error) {
	return loadRally(nil, fsys, dir, dir, loadOptions{})
}

// loadRally is loadRallyFS with options; display names dir in messages; e
// (for lenient reports) may be nil when opts.lenient is false.
func loadRally(e *env, fsys fs.FS, dir, display string, opts loadOptions) (*input, error) {
	show := func(file string) string {
		if display == "." || display == "" {
			return file
		}
		return strings.TrimSuffix(display, "/") + "/" + file
	}
	mf, err := fsys.Open(path.Join(dir, manifestName))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: a folder without %s (a rally folder needs its manifest)", display, manifestName)
		}
		return nil, fmt.Errorf("%s: %v", show(manifestName), pathErrorText(err))
	}
	data, err := io.ReadAll(mf)
	mf.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", show(manifestName), pathErrorText(err))
	}
	rally, err := route.ParseRally(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", show(manifestName), jsonError(data, err))
	}
	in := &input{path: display, rally: rally}
	var errs []error
	for _, rs := range rally.Stages {
		name := show(rs.File)
		if !fs.ValidPath(rs.File) || rs.File == "." {
			errs = append(errs, fmt.Errorf("%s: stage %q: a stage file must be inside the rally folder, named relative to it", name, rs.Name))
			continue
		}
		f, err := fsys.Open(path.Join(dir, rs.File))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: stage %q: %v", name, rs.Name, pathErrorText(err)))
			continue
		}
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			errs = append(errs, fmt.Errorf("%s: stage %q: is a folder, not a stage file", name, rs.Name))
			continue
		}
		sf, err := loadStage(e, f, name, rs.Name, opts)
		f.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		in.stages = append(in.stages, sf)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return in, nil
}

// jsonError returns err, from parsing the JSON data, with the line where it
// was found in front ("line 3: …"), and a wrong value's type said in the
// file's words ("stages.file: a number where a string is expected")
// rather than Go's.
func jsonError(data []byte, err error) error {
	line := jsonErrorLine(data, err)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" && te.Type != nil {
		want := "a " + te.Type.Kind().String()
		switch te.Type.Kind() {
		case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			want = "a number"
		case reflect.String:
			want = "a string"
		case reflect.Slice, reflect.Array:
			want = "a list"
		case reflect.Struct, reflect.Map:
			want = "an object"
		case reflect.Bool:
			want = "true or false"
		}
		got := map[string]string{"number": "a number", "string": "a string", "bool": "true or false",
			"array": "a list", "object": "an object"}[te.Value]
		if got == "" {
			got = te.Value
		}
		msg := fmt.Sprintf("%s: %s where %s is expected", te.Field, got, want)
		if line > 0 {
			return fmt.Errorf("line %d: %s", line, msg)
		}
		return errors.New(msg)
	}
	if line > 0 {
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// jsonErrorLine returns the line of data where the JSON error err (a syntax
// or type error, possibly wrapped) was found, 0 when err gives no offset.
func jsonErrorLine(data []byte, err error) int {
	var off int64
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	default:
		return 0
	}
	if off <= 0 || off > int64(len(data)) {
		return 0
	}
	return 1 + bytes.Count(data[:off-1], []byte("\n"))
}

// pathError rewrites "open x.gpx: no such file or directory" as
// "x.gpx: no such file or directory": messages start with the file.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// pathErrorText returns what went wrong without the path, for messages that
// name the file already.
func pathErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// loadTracks reads the other tracks of --tracks: every track segment and
// route of each file (GPX, KML or KMZ), indexed for the tulips. It says on
// stderr how many it read; nil when there are no files.
func loadTracks(e *env, paths []string, lenient bool) (*roadbook.Tracks, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	var lines []roadbook.TrackLine
	points := 0
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, pathError(err)
		}
		file, err := decodeAny(f, lenient)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, s := range file.Skipped {
			fmt.Fprintf(e.stderr, "roadbook: %s: skipped: %v\n", path, s)
		}
		ls := roadbook.TrackLines(file)
		for _, l := range ls {
			points += len(l.Points)
		}
		lines = append(lines, ls...)
		if len(ls) == 0 {
			return nil, fmt.Errorf("%s: no track or route: --tracks wants the lines of other tracks", path)
		}
	}
	fmt.Fprintf(e.stderr, "roadbook: other tracks: %s, %s\n", countOf(len(lines), "line", "lines"), countOf(points, "point", "points"))
	return roadbook.NewTracks(lines), nil
}

// decodeAny reads a GPX, KML or KMZ file from r. The format is told from
// the content (a zip, or XML whose root is <kml>), so names and extensions
// do not matter and standard input works too.
func decodeAny(r io.Reader, lenient bool) (*route.File, error) {
	// The head read ahead, then the rest straight from r: no buffer
	// between the GPX scanner and the file (a bufio.Reader costs a copy
	// of every byte).
	head := make([]byte, 4096)
	n, err := io.ReadFull(r, head)
	head = head[:n]
	var rest io.Reader = r
	if err != nil {
		rest = errReader{err}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			rest = eofReader{}
		}
	}
	in := io.MultiReader(bytes.NewReader(head), rest)
	if kml.IsKML(head) {
		return (&kml.Decoder{Lenient: lenient}).Decode(in)
	}
	return (&gpx.Decoder{Lenient: lenient}).Decode(in)
}

// errReader fails with err; eofReader is empty.
type (
	errReader struct{ err error }
	eofReader struct{}
)

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
func (eofReader) Read([]byte) (int, error)   { return 0, io.EOF }

// countingReader counts the bytes read through it and keeps the first
// error, so an empty input can be told from a bad one.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

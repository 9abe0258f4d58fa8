package route

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// ManifestName is the file that makes a folder a rally folder: its manifest
// (see Rally).
const ManifestName = "rally.json"

// ErrNoManifest is returned by LoadRally for a folder without rally.json.
var ErrNoManifest = errors.New("a folder without " + ManifestName + " (a rally folder needs its manifest)")

// A FileError is a failure to load one file of a rally folder: the manifest
// or a stage file, named by its path in the folder's fs.FS.
type FileError struct {
	Path string // "rally.json", "dakar/07-stage7.gpx"; the folder for ErrNoManifest
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

func (e *FileError) Unwrap() error { return e.Err }

// LoadOptions say how LoadRally reads and builds stages. The zero value
// decodes strictly and builds with the default rules.
type LoadOptions struct {
	Decode DecodeOptions
	// Stage are the options of NewStage for every stage; the name is the
	// manifest's.
	Stage StageOptions
}

// A LoadedStage is one stage of a rally manifest with its file, decoded and
// built.
type LoadedStage struct {
	// Entry is the manifest's entry for the stage: name, file, date,
	// towns. It points into the Rally's Stages.
	Entry *RallyStage
	// Path is the stage file's path in the folder's fs.FS (dir/Entry.File).
	Path string
	// Format is the file's format as Decode tells it: "gpx", "kml", "kmz".
	Format string
	// File is the file as decoded; with lenient decoding, File.Skipped
	// lists what was skipped.
	File *File
	// Stage is built from File by NewStage, named after Entry.
	Stage *Stage
}

// LoadRally reads the rally folder dir of fsys: its manifest (rally.json,
// read with ParseRally) and, in manifest order, each stage's file (read
// with Decode, so GPX, KML and KMZ alike, and built with NewStage). It
// returns the manifest and its stages, each paired with its file.
//
// A stage file must be named relative to the folder and lie inside it:
// "../b.gpx" and absolute names are refused. Give an fs.FS that keeps to
// its folder, such as os.Root's FS, to refuse stage files that are
// symbolic links out of it as well; LoadRally then says so.
//
// Every failure is reported, not the first: the error joins a *FileError
// for each file that cannot be read, naming it by its path in fsys
// ("dakar/07-stage7.gpx: gpx: line 12: trkpt: latitude 91.2 out of range").
// A folder without a manifest is ErrNoManifest.
func LoadRally(fsys fs.FS, dir string, opts LoadOptions) (*Rally, []LoadedStage, error) {
	name := path.Join(dir, ManifestName)
	mf, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !isLink(fsys, name) {
			return nil, nil, &FileError{Path: dir, Err: ErrNoManifest}
		}
		return nil, nil, &FileError{Path: name, Err: openError(fsys, name, err)}
	}
	rally, err := ParseRally(mf)
	mf.Close()
	if err != nil {
		return nil, nil, &FileError{Path: name, Err: err}
	}
	stages := make([]LoadedStage, 0, len(rally.Stages))
	var errs []error
	for i := range rally.Stages {
		st, err := loadStage(fsys, dir, &rally.Stages[i], opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		stages = append(stages, st)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return rally, stages, nil
}

// LoadRallyDir reads the rally folder dir on disk as LoadRally does,
// through os.Root: a manifest or stage file that is a symbolic link out of
// the folder is refused, one inside it is followed. Paths, in the stages
// and in errors, are the folder's name joined with the file's as given
// ("rallies/dakar/07-stage7.gpx"), so messages name the files as the user
// knows them; a folder that cannot be opened or holds no manifest is named
// alone.
func LoadRallyDir(dir string, opts LoadOptions) (*Rally, []LoadedStage, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, &FileError{Path: dir, Err: err}
	}
	defer root.Close()
	show := func(file string) string {
		if file == "." {
			return dir
		}
		return strings.TrimSuffix(dir, "/") + "/" + file
	}
	rally, stages, err := LoadRally(root.FS(), ".", opts)
	if err != nil {
		return nil, nil, renameFiles(err, show)
	}
	for i := range stages {
		stages[i].Path = show(stages[i].Path)
	}
	return rally, stages, nil
}

// renameFiles returns err with the path of each *FileError in it (err
// itself, or joined) renamed by show.
func renameFiles(err error, show func(string) string) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs := j.Unwrap()
		out := make([]error, len(errs))
		for i, err := range errs {
			out[i] = renameFiles(err, show)
		}
		return errors.Join(out...)
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return &FileError{Path: show(fe.Path), Err: fe.Err}
	}
	return err
}

// loadStage reads the file of the manifest entry rs.
func loadStage(fsys fs.FS, dir string, rs *RallyStage, opts LoadOptions) (LoadedStage, error) {
	name := path.Join(dir, rs.File)
	fail := func(format string, a ...any) (LoadedStage, error) {
		return LoadedStage{}, &FileError{Path: name, Err: fmt.Errorf("stage %q: "+format, append([]any{rs.Name}, a...)...)}
	}
	if !fs.ValidPath(rs.File) || rs.File == "." {
		// Named as the manifest gives it, not cleaned into another file.
		if name = rs.File; dir != "." {
			name = dir + "/" + rs.File
		}
		return fail("a stage file must be inside the rally folder, named relative to it")
	}
	f, err := fsys.Open(name)
	if err != nil {
		return fail("%w", openError(fsys, name, err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fail("is a folder, not a stage file")
	}
	file, format, err := Decode(f, opts.Decode)
	if err != nil {
		return LoadedStage{}, &FileError{Path: name, Err: err}
	}
	so := opts.Stage
	so.Name = rs.Name
	return LoadedStage{Entry: rs, Path: name, Format: format, File: file, Stage: NewStage(file, so)}, nil
}

// openError returns err, from opening name in fsys, said in the folder's
// terms: a symbolic link out of the folder (which os.Root's FS refuses) is
// named as such, and a *fs.PathError gives its cause alone, the caller
// naming the file.
func openError(fsys fs.FS, name string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) && linksOut(fsys, name) {
		return errors.New("a link out of the rally folder: its files must be inside it")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isLink reports whether name in fsys is a symbolic link.
func isLink(fsys fs.FS, name string) bool {
	fi, err := fs.Lstat(fsys, name)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// linksOut reports whether name in fsys is a symbolic link that leads,
// directly or through other links, out of fsys.
func linksOut(fsys fs.FS, name string) bool {
	for range 40 {
		if !isLink(fsys, name) {
			return false
		}
		target, err := fs.ReadLink(fsys, name)
		if err != nil {
			return false
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || (len(target) > 1 && target[1] == ':') {
			return true
		}
		name = path.Join(path.Dir(name), target)
		if name == ".." || strings.HasPrefix(name, "../") {
			return true
		}
	}
	return false
}

package edit

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadbook/roadbook/internal/safefile"
	"github.com/roadbook/roadbook/route"
	_ "github.com/roadbook/roadbook/route/gpx" // route.Decode reads GPX and OpenRally
	_ "github.com/roadbook/roadbook/route/kml" // and KML and KMZ
)

// ErrChanged is returned by a save when the file changed on disk since the
// editor read it (or last saved it).
var ErrChanged = errors.New("the file changed on disk since the editor read it")

// Files are the files an editor reads and writes, fixed when it opens: the
// page can name no other.
type Files struct {
	// Open is the file opened; Format its format as route.Decode names it
	// ("gpx", "kml", "kmz").
	Open, Format string
	// Save is where saves go: Open itself for a GPX file; for a KML or KMZ
	// file, the GPX file beside it with its name ("stage.kmz" saves to
	// "stage.gpx"), so that OpenRally never goes into a file named for
	// another format and the KML or KMZ is never changed.
	Save string
	// PDF is where "Write PDF" writes the printed roadbook: Save's name
	// with .pdf ("stage.gpx" gives "stage.pdf").
	PDF string
}

// filesFor returns the files of an editor that opened path, of format.
func filesFor(path, format string) Files {
	out := Files{Open: path, Format: format, Save: path}
	if format != "gpx" && !strings.EqualFold(filepath.Ext(path), ".gpx") {
		out.Save = strings.TrimSuffix(path, filepath.Ext(path)) + ".gpx"
	}
	out.PDF = pdfName(out.Save)
	return out
}

// pdfName returns the PDF beside path: its name with .pdf for its
// extension.
func pdfName(path string) string {
	ext := filepath.Ext(path)
	if strings.EqualFold(ext, ".pdf") {
		return path + ".pdf"
	}
	return strings.TrimSuffix(path, ext) + ".pdf"
}

// diskState identifies the content of a file on disk.
type diskState struct {
	size    int64
	modTime int64
	sum     [sha256.Size]byte
}

func stateOf(fi fs.FileInfo, data []byte) diskState {
	return diskState{size: fi.Size(), modTime: fi.ModTime().UnixNano(), sum: sha256.Sum256(data)}
}

// maxFile is the largest file the editor opens.
const maxFile = 512 << 20

// readFile reads the file at path whole and returns it with its state.
func readFile(path string) ([]byte, diskState, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, diskState{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, diskState{}, err
	}
	if !fi.Mode().IsRegular() {
		return nil, diskState{}, fmt.Errorf("edit: %s: not a regular file: the editor saves the file it opens", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, diskState{}, err
	}
	if int64(len(data)) > maxFile {
		return nil, diskState{}, fmt.Errorf("edit: %s: larger than %d MiB", path, maxFile>>20)
	}
	return data, stateOf(fi, data), nil
}

// load reads and decodes the file at path (any format route.Decode reads,
// strictly: the editor loses nothing of the file) and returns it with its
// format and its state on disk.
func load(path string) (*route.File, string, diskState, error) {
	data, st, err := readFile(path)
	if err != nil {
		return nil, "", st, err
	}
	f, format, err := route.Decode(bytes.NewReader(data), route.DecodeOptions{})
	if err != nil {
		return nil, "", st, fmt.Errorf("%s: %w", path, err)
	}
	return f, format, st, nil
}

// changed reports whether the file at path no longer holds what st says:
// its size and time first, then its content when those moved. A file that
// is gone has changed.
func (st diskState) changed(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return true
	}
	if fi.Size() == st.size && fi.ModTime().UnixNano() == st.modTime {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return true
	}
	return sha256.Sum256(data) != st.sum
}

// save writes data over path through safefile, synced to the disk before it
// replaces the file: a failure, a crash, a power cut or Ctrl-C leaves the
// old file or the new one whole, never half of one. It returns the new
// file's state.
func save(path string, data []byte) (diskState, error) {
	f, err := safefile.Create(path)
	if err != nil {
		return diskState{}, err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return diskState{}, err
	}
	if err := f.Sync(); err != nil {
		f.Abort()
		return diskState{}, err
	}
	if err := f.Commit(); err != nil {
		return diskState{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return diskState{}, err
	}
	return stateOf(fi, data), nil
}

// keepCopy keeps the file at path as it is now under the first free name
// of "path.orig", "path.orig2"…, and returns that name. It never replaces
// a file: the copy is a hard link to the file (which a save then replaces
// by another, leaving the copy whole), or, where the file system has no
// hard links, a copy of its bytes written through safefile.
func keepCopy(path string) (string, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	for n := 1; n < 1000; n++ {
		name := path + ".orig"
		if n > 1 {
			name += fmt.Sprint(n)
		}
		err := os.Link(target, name)
		switch {
		case err == nil:
			return name, nil
		case errors.Is(err, fs.ErrExist):
			continue
		}
		// No hard link here: a copy of the bytes, under a name free now.
		if _, err := os.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		err = safefile.Write(name, func(w io.Writer) error { _, err := w.Write(data); return err })
		return name, err
	}
	return "", fmt.Errorf("edit: %s: too many copies of the original beside it", path)
}

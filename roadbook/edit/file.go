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
)

// ErrChanged is returned by a save when the file changed on disk since the
// editor read it (or last saved it).
var ErrChanged = errors.New("the file changed on disk since the editor read it")

// diskState identifies the content of the file on disk.
type diskState struct {
	size    int64
	modTime int64
	sum     [sha256.Size]byte
}

// readFile reads the file at path whole and returns it with its state.
func readFile(path string, limit int64) ([]byte, diskState, error) {
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
		return nil, diskState{}, fmt.Errorf("%s: not a regular file: the editor saves over the file it opens", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, diskState{}, err
	}
	if int64(len(data)) > limit {
		return nil, diskState{}, fmt.Errorf("%s: larger than %d MiB", path, limit>>20)
	}
	return data, diskState{size: fi.Size(), modTime: fi.ModTime().UnixNano(), sum: sha256.Sum256(data)}, nil
}

// changed reports whether the file at path no longer holds what st says:
// its size and time first, then its content when those moved.
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

// writeAtomic writes a file through a temporary file in the same folder,
// synced, then renamed over path: a failure, a crash or an interrupt leaves
// either the old file or the new one, never half of one, and no temporary
// file on a failure. The file keeps the mode of the one it replaces.
//
// This is the editor's seam for internal/safefile: when that package lands
// it does this job for every command.
func writeAtomic(path string, write func(w io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

// backupName returns the name of the copy of the original kept on the first
// save: "stage.gpx.orig", else "stage.gpx.orig2", … for the first name not
// taken (an earlier session's copy is never replaced).
func backupName(path string) (string, error) {
	for n := 1; n < 1000; n++ {
		name := path + ".orig"
		if n > 1 {
			name += fmt.Sprint(n)
		}
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
	}
	return "", fmt.Errorf("%s: too many copies of the original beside it", path)
}

// keepOriginal writes data (the original file) to a new backup file beside
// path, never over an existing file, and returns its name.
func keepOriginal(path string, data []byte) (string, error) {
	name, err := backupName(path)
	if err != nil {
		return "", err
	}
	err = writeAtomicNew(name, data)
	return name, err
}

// writeAtomicNew writes data to a new file name through a temporary file,
// and fails when name exists by then.
func writeAtomicNew(name string, data []byte) error {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	tn := tmp.Name()
	if _, err := io.Copy(tmp, bytes.NewReader(data)); err != nil {
		tmp.Close()
		os.Remove(tn)
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tn)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tn)
		return err
	}
	// A hard link fails when name exists: no copy is ever replaced.
	if err := os.Link(tn, name); err != nil {
		os.Remove(tn)
		return err
	}
	return os.Remove(tn)
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

// Package safefile writes a program's output files so that no failure
// leaves a half-written file where the output goes, and no output replaces
// one of the program's inputs.
//
// A regular file is written whole or not at all: the bytes go to a
// temporary file in the output's folder, which is renamed over the output
// only once it is complete and closed. On Linux the temporary file has no
// name until then (O_TMPFILE, named with linkat), so even a SIGKILL or a
// power cut mid-write leaves nothing behind; elsewhere, or on a file
// system without O_TMPFILE, it is a hidden file (".NAME.tmpNNN") removed
// on failure and, when the program calls RemoveOnSignal, on SIGINT and
// SIGTERM. An existing output keeps its permissions; a symbolic link to a
// regular file keeps pointing to it (its target is replaced).
//
// A special file (a FIFO, a character or block device such as /dev/null,
// a socket) is written through: opened and written in place, never
// replaced. One of the program's own descriptors (/dev/stdout, /dev/fd/N,
// /proc/self/fd/N) is written through a duplicate of it, at its offset, so
// that "> out" and ">> log" in the shell mean what they say. A regular
// file is replaced wherever it is, /dev/shm and /proc/self/cwd included;
// symbolic links are followed as the kernel follows them. A folder is an
// error.
//
// Inputs lists the files a program reads; Inputs.Check refuses an output
// that is one of them by identity (the same file, whatever its name: a
// hard link, a symbolic link, "./x" and "x"), so that a program can check
// every output before it writes anything.
//
// Errors name the output, never the temporary file:
// "write out.pdf: no space left on device".
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// ErrFolder is returned for an output that is a folder.
var ErrFolder = errors.New("is a folder, not a file name")

// Write creates or replaces the file name with what write writes, as
// Create, Commit and Abort do: when write or the commit fails, an existing
// file is left as it was and no temporary file remains. write's error is
// returned as it is; errors of the file's own name the output (a
// *fs.PathError whose Path is name).
func Write(name string, write func(w io.Writer) error) error {
	f, err := Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// A File is an output being written. Write to it, then Commit to put it in
// place, or Abort to leave the output as it was. A File is not safe for use
// by several goroutines at once.
type File struct {
	name    string   // the output as the caller names it, for errors
	target  string   // the regular file replaced: name, or its link's target
	f       *os.File // the temporary file, or the special file written through
	through bool     // f is the special file itself
	tmpName string   // the temporary file's name, "" while it has none (O_TMPFILE)
	mode    fs.FileMode
	done    bool
	err     error // the first write error
}

// Create starts writing the file name: a regular file (new or to replace)
// through a temporary file in its folder, a special file in place. It
// fails for a folder, a missing folder or one that cannot be written.
func Create(name string) (*File, error) { return create(name, true) }

// create is Create, trying an unnamed temporary file first when unnamed is
// set (tests clear it to exercise the hidden one).
func create(name string, unnamed bool) (*File, error) {
	if name == "" {
		return nil, &fs.PathError{Op: "create", Path: name, Err: fs.ErrInvalid}
	}
	d, err := resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "create", Path: name, Err: err}
	}
	switch d.kind {
	case special:
		f, err := os.OpenFile(d.path, os.O_WRONLY, 0)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: cause(err)}
		}
		return &File{name: name, target: d.path, f: f, through: true}, nil
	case descriptor:
		f, err := dupDescriptor(d.fd, name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: cause(err)}
		}
		return &File{name: name, target: d.path, f: f, through: true}, nil
	}
	target := d.path
	out := &File{name: name, target: target, mode: 0o644}
	if fi, err := os.Stat(target); err == nil {
		out.mode = fi.Mode().Perm()
	}
	dir := filepath.Dir(target)
	var f *os.File
	err = errors.ErrUnsupported
	if unnamed {
		f, err = createUnnamed(dir, out.mode)
	}
	if err != nil {
		f, err = createHidden(dir, filepath.Base(target), out.mode)
		if err != nil {
			return nil, &fs.PathError{Op: "create", Path: name, Err: cause(err)}
		}
		out.tmpName = f.Name()
	}
	out.f = f
	return out, nil
}

// Name returns the output's name as given to Create.
func (f *File) Name() string { return f.name }

// Write writes p to the output. An error names the output.
func (f *File) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.done {
		return 0, &fs.PathError{Op: "write", Path: f.name, Err: fs.ErrClosed}
	}
	n, err := f.f.Write(p)
	if err != nil {
		f.err = &fs.PathError{Op: "write", Path: f.name, Err: cause(err)}
		return n, f.err
	}
	return n, nil
}

// Sync flushes what was written to the temporary file to the disk, so that
// the output Commit puts in place survives a power cut or a system crash,
// not only the program's death. Commit does not sync: call Sync before it
// when the output is a file the user cannot make again (a document saved
// over itself), not for one a program can write again. For a special file
// it does nothing.
func (f *File) Sync() error {
	if f.err != nil {
		return f.err
	}
	if f.done {
		return &fs.PathError{Op: "sync", Path: f.name, Err: fs.ErrClosed}
	}
	if f.through {
		return nil
	}
	if err := f.f.Sync(); err != nil {
		f.err = &fs.PathError{Op: "sync", Path: f.name, Err: cause(err)}
		return f.err
	}
	return nil
}

// Commit puts the output in place: it closes the temporary file, syncs
// nothing (a crash may lose the new file, never leave half of it), and
// renames it over the output. For a special file it closes it. After a
// failed Commit the output is as it was, and no temporary file remains.
func (f *File) Commit() error {
	if f.done {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	if f.err != nil {
		f.Abort()
		return f.err
	}
	f.done = true
	if f.through {
		if err := f.f.Close(); err != nil {
			return &fs.PathError{Op: "close", Path: f.name, Err: cause(err)}
		}
		return nil
	}
	if f.tmpName == "" {
		err := linkUnnamed(f.f, f.target)
		f.f.Close()
		if err != nil {
			return &fs.PathError{Op: "write", Path: f.name, Err: cause(err)}
		}
		return nil
	}
	if err := f.f.Chmod(f.mode); err != nil {
		f.abortHidden()
		return &fs.PathError{Op: "chmod", Path: f.name, Err: cause(err)}
	}
	if err := f.f.Close(); err != nil {
		f.abortHidden()
		return &fs.PathError{Op: "write", Path: f.name, Err: cause(err)}
	}
	if err := os.Rename(f.tmpName, f.target); err != nil {
		f.abortHidden()
		return &fs.PathError{Op: "rename", Path: f.name, Err: cause(err)}
	}
	forget(f.tmpName)
	return nil
}

// Abort gives up the output: an existing file is left as it was and the
// temporary file is removed. A special file written through keeps what was
// written. Abort after Commit does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if f.tmpName != "" {
		f.abortHidden()
		return
	}
	f.f.Close() // an unnamed temporary file vanishes with its descriptor
}

func (f *File) abortHidden() {
	f.f.Close()
	os.Remove(f.tmpName)
	forget(f.tmpName)
}

// How an output is written.
type destKind int

const (
	regular    destKind = iota // replaced through a temporary file
	special                    // opened and written in place
	descriptor                 // one of the program's open descriptors, written through a duplicate
)

// dest is where an output goes: path is the regular file to replace (the
// output, or the end of its symbolic links), the special file to open, or
// the descriptor's path; fd is the descriptor.
type dest struct {
	path string
	kind destKind
	fd   int
}

// resolve returns where the output name goes. It follows symbolic links
// as the kernel does (a relative link from the folder the link is really
// in), so that the file replaced is the one the name leads to. One of the
// program's own descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is
// written through a duplicate, at its offset and in its mode (appending
// when the shell opened it with >>): it is never reopened, which would
// write from its start. A FIFO, a device or a socket is written in place.
// A regular file is replaced, also under /dev or /proc (/dev/shm/x,
// /proc/self/cwd/x), except one reached through a link of /proc that does
// not name it (another process's descriptor, a deleted file): that is an
// error, as it can be neither replaced nor truncated safely.
func resolve(name string) (dest, error) {
	target := name
	for range 40 {
		if fd, ok := ownDescriptor(target); ok {
			return dest{path: target, kind: descriptor, fd: fd}, nil
		}
		fi, err := os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			dir := filepath.Dir(target)
			if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
				return dest{}, noFolder(dir)
			} else if err != nil {
				return dest{}, fmt.Errorf("folder %s: %w", dir, cause(err))
			}
			return dest{path: target}, nil
		case err != nil:
			return dest{}, cause(err)
		case fi.Mode()&fs.ModeSymlink != 0:
			next, err := follow(target)
			if err != nil {
				return dest{}, cause(err)
			}
			// A link of /proc may not name the file the kernel reaches
			// through it ("pipe:[123]", "/x (deleted)").
			if kfi, err := os.Stat(target); err == nil {
				if nfi, err := os.Stat(next); err != nil || !os.SameFile(kfi, nfi) {
					switch {
					case kfi.IsDir():
						return dest{}, ErrFolder
					case kfi.Mode().IsRegular():
						return dest{}, errUnnamed
					}
					return dest{path: target, kind: special}, nil
				}
			}
			target = next
			continue
		case fi.IsDir():
			return dest{}, ErrFolder
		case !fi.Mode().IsRegular():
			return dest{path: target, kind: special}, nil
		}
		return dest{path: target}, nil
	}
	return dest{}, errors.New("too many levels of symbolic links")
}

// errUnnamed refuses a regular file reached through a link that does not
// name it.
var errUnnamed = errors.New("a file reached through a link that does not name it: give the file's own name")

// follow returns where the symbolic link name leads: its text, made
// relative to the folder the link is really in when it is relative (not
// to name's folder as written, which may be a link itself: "d/../x" where
// d leads elsewhere).
func follow(name string) (string, error) {
	link, err := os.Readlink(name)
	if err != nil {
		return "", err
	}
	if filepath.IsAbs(link) {
		return link, nil
	}
	dir := filepath.Dir(name)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, link), nil
}

// ownDescriptor reports whether name is one of the program's open
// descriptors by its path (/dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N
// with the program's PID), and which.
func ownDescriptor(name string) (int, bool) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return 0, false
	}
	abs = filepath.ToSlash(abs)
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/" + strconv.Itoa(os.Getpid()) + "/fd/"} {
		if n, ok := strings.CutPrefix(abs, dir); ok {
			fd, err := strconv.Atoi(n)
			if err != nil || fd < 0 || strconv.Itoa(fd) != n {
				return 0, false
			}
			return fd, hasDescriptors
		}
	}
	return 0, false
}

// noFolder is the error for an output in a folder that does not exist.
type noFolder string

func (e noFolder) Error() string        { return "folder " + string(e) + " does not exist" }
func (e noFolder) Is(target error) bool { return target == fs.ErrNotExist }

// cause returns the cause of a *fs.PathError or *os.LinkError, whose names
// are those of temporary files or of the caller's own.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// The hidden temporary files of unfinished writes, for RemoveTemps.
var (
	tempsMu sync.Mutex
	temps   = map[string]bool{}
	dying   bool // RemoveTemps was called: no more temporary files
)

// errDying refuses new temporary files after RemoveTemps.
var errDying = errors.New("the program is stopping")

// createHidden creates a hidden temporary file for the output base in dir
// and records it for RemoveTemps.
func createHidden(dir, base string, mode fs.FileMode) (*os.File, error) {
	tempsMu.Lock()
	defer tempsMu.Unlock()
	if dying {
		return nil, errDying
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, err
	}
	temps[f.Name()] = true
	return f, nil
}

func forget(name string) {
	tempsMu.Lock()
	delete(temps, name)
	tempsMu.Unlock()
}

// RemoveTemps removes the hidden temporary files of the writes not yet
// committed or aborted, and makes later ones fail: call it when the
// program is about to die (RemoveOnSignal does). It returns how many it
// removed. Unnamed temporary files (O_TMPFILE) need no removal: they
// vanish with the process.
func RemoveTemps() int {
	tempsMu.Lock()
	defer tempsMu.Unlock()
	dying = true
	n := 0
	for name := range temps {
		if os.Remove(name) == nil {
			n++
		}
		delete(temps, name)
	}
	return n
}

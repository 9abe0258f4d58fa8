package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Inputs are the files a program reads, which no output may replace. The
// zero value is empty and ready to use.
type Inputs struct {
	files []input
}

type input struct {
	name string
	info fs.FileInfo
}

// Add adds the file name, as it is now (its identity: the file a symbolic
// link leads to, not the link). A name that does not exist is not added:
// it cannot be replaced. "-" (standard input) is not a file: use AddFile.
func (in *Inputs) Add(name string) {
	if name == "-" {
		return
	}
	if fi, err := os.Stat(name); err == nil {
		in.files = append(in.files, input{name, fi})
	}
}

// AddFile adds the open file f, named name in errors: standard input
// redirected from a file (prog < stage.gpx) is that file.
func (in *Inputs) AddFile(name string, f *os.File) {
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		in.files = append(in.files, input{name, fi})
	}
}

// ErrInput is wrapped by the error of Inputs.Check.
var ErrInput = errors.New("is an input")

// Check returns an error, wrapping ErrInput and naming the input
// ("out.gpx: is an input (stage.gpx)"), when writing the output name would
// replace or write into one of the inputs: when it leads to the same file,
// whatever its name (a hard or symbolic link, "./x", "d/../x",
// /proc/self/cwd/x), or to a descriptor of the program open on it
// (/dev/stdout when standard output is redirected to an input, /dev/stdin).
// A special file written through, such as /dev/null or a FIFO, is never
// refused: writing it replaces nothing.
func (in *Inputs) Check(name string) error {
	d, err := resolve(name)
	if err != nil {
		return nil // Create reports what is wrong with name
	}
	var fi fs.FileInfo
	if d.kind == descriptor {
		fi, err = statDescriptor(d.fd)
	} else {
		fi, err = os.Stat(d.path)
	}
	if err != nil {
		return nil
	}
	return in.check(name, fi)
}

// CheckFile is Check for an output already open, named name in errors:
// standard output, which the shell may have opened on an input
// (prog stage.gpx >> stage.gpx, prog 1<> stage.gpx). Call it after adding
// the inputs: it refuses f when it is a regular file that is one of them.
func (in *Inputs) CheckFile(name string, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	return in.check(name, fi)
}

// check refuses the output name, fi, when it is a regular file that is
// one of the inputs.
func (in *Inputs) check(name string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return nil
	}
	for _, f := range in.files {
		if os.SameFile(fi, f.info) {
			if f.name == name {
				return fmt.Errorf("%s: %w", name, ErrInput)
			}
			return fmt.Errorf("%s: %w (%s)", name, ErrInput, f.name)
		}
	}
	return nil
}

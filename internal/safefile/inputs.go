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
// ("out.gpx: is an input (stage.gpx)"), when
// writing the output name would replace one of the inputs: when it is the
// same file (or a link to it). A special file written through, such as
// /dev/stdout, is never refused: writing it does not replace it.
func (in *Inputs) Check(name string) error {
	target, special, err := resolve(name)
	if err != nil || special {
		return nil // Create reports what is wrong with name
	}
	fi, err := os.Stat(target)
	if err != nil {
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

//go:build !linux

package safefile

import (
	"errors"
	"io/fs"
	"os"
)

// createUnnamed is not available here: Create falls back to a hidden
// temporary file.
func createUnnamed(dir string, mode fs.FileMode) (*os.File, error) {
	return nil, errors.ErrUnsupported
}

func linkUnnamed(f *os.File, target string) error { return errors.ErrUnsupported }

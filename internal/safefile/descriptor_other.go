//go:build !unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
)

// hasDescriptors says that no path names the program's open descriptors
// here.
const hasDescriptors = false

func dupDescriptor(fd int, name string) (*os.File, error) { return nil, errors.ErrUnsupported }

func statDescriptor(fd int) (fs.FileInfo, error) { return nil, errors.ErrUnsupported }

//go:build unix

package safefile

import (
	"io/fs"
	"os"
	"syscall"
)

// hasDescriptors says that paths such as /dev/fd/N name the program's open
// descriptors here.
const hasDescriptors = true

// dupDescriptor returns a duplicate of the program's descriptor fd as a
// file named name: writing it writes the descriptor at its offset, and
// closing it leaves the descriptor open.
func dupDescriptor(fd int, name string) (*os.File, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd)
	if err == nil {
		syscall.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(nfd), name), nil
}

// statDescriptor returns what the program's descriptor fd is open on.
func statDescriptor(fd int) (fs.FileInfo, error) {
	f, err := dupDescriptor(fd, "")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

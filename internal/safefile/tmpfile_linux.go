package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed opens an unnamed temporary file in dir (O_TMPFILE): it has
// no name until linkUnnamed gives it the output's, and vanishes if the
// process dies first, even of SIGKILL.
func createUnnamed(dir string, mode fs.FileMode) (*os.File, error) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		return nil, err // linkUnnamed needs /proc
	}
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, uint32(mode.Perm()))
	if err != nil {
		return nil, err
	}
	// The mode is as given, not as the umask leaves it, like a replaced
	// file's.
	if err := unix.Fchmod(fd, uint32(mode.Perm())); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)")), nil
}

// linkUnnamed gives the unnamed file f the name target: directly when
// target does not exist, else under a hidden name renamed over target.
func linkUnnamed(f *os.File, target string) error {
	proc := "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
	link := func(name string) error {
		return unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	}
	err := link(target)
	if !errors.Is(err, unix.EEXIST) {
		return err
	}
	dir, base := filepath.Split(target)
	for i := 0; ; i++ {
		tmp := filepath.Join(dir, "."+base+".tmp"+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(i))
		tempsMu.Lock()
		if dying {
			tempsMu.Unlock()
			return errDying
		}
		err := link(tmp)
		if err == nil {
			temps[tmp] = true
		}
		tempsMu.Unlock()
		if errors.Is(err, unix.EEXIST) && i < 100 {
			continue
		}
		if err != nil {
			return err
		}
		err = os.Rename(tmp, target)
		if err != nil {
			os.Remove(tmp)
		}
		forget(tmp)
		return err
	}
}

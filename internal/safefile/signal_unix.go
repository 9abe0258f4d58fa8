//go:build unix

package safefile

import (
	"os"
	"syscall"
	"time"
)

var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM}

// reraise sends sig to the process again, its default action restored, so
// that it dies of it; it exits with 128 + the signal's number if it
// somehow survives.
func reraise(sig os.Signal) {
	s := sig.(syscall.Signal)
	syscall.Kill(os.Getpid(), s)
	time.Sleep(time.Second)
	os.Exit(128 + int(s))
}

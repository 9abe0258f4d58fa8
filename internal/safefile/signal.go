package safefile

import (
	"os"
	"os/signal"
)

// RemoveOnSignal makes the process remove the hidden temporary files of
// its unfinished writes (RemoveTemps) when it receives SIGINT or SIGTERM
// (os.Interrupt only where there is no SIGTERM), then die of the signal as
// it would have without the handler: the exit status says which. For a
// program's main; call it once. stop restores the signals' default
// handling.
func RemoveOnSignal() (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, stopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-c:
			RemoveTemps()
			signal.Reset(sig)
			reraise(sig)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(c)
		close(done)
	}
}

//go:build !unix

package safefile

import "os"

var stopSignals = []os.Signal{os.Interrupt}

// reraise ends the process as an interrupt would.
func reraise(os.Signal) { os.Exit(1) }

//go:build !unix

package main

import (
	"os"
	"syscall"
)

// exitSignals are the signals that end winload after it restores the
// terminal; on Windows, Go delivers only Ctrl-C, Ctrl-Break and the
// console's close, logoff and shutdown events, as os.Interrupt and SIGTERM.
func exitSignals() []os.Signal {
	return []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}
}

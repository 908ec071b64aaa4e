//go:build unix

package main

import (
	"os"
	"syscall"
)

// exitSignals are the signals that end winload after it restores the
// terminal. Without being notified of them, Go would end the process at
// once for SIGTERM and SIGHUP, and dump the goroutines and exit for
// SIGQUIT, SIGABRT, SIGILL, SIGTRAP, SIGSYS and (when sent from outside,
// not caused by a fault) SIGBUS, SIGFPE and SIGSEGV: in raw mode, on the
// alternate screen, with the cursor hidden. Real faults of the program
// still panic, and the screen's recover restores the terminal.
func exitSignals() []os.Signal {
	return []os.Signal{
		os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
		syscall.SIGABRT, syscall.SIGILL, syscall.SIGTRAP, syscall.SIGSYS,
		syscall.SIGBUS, syscall.SIGFPE, syscall.SIGSEGV,
	}
}

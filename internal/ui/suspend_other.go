//go:build !unix

package ui

// processStopper returns nil: processes are not stopped from the
// terminal here, and Ctrl-Z does nothing.
func processStopper() func() error { return nil }

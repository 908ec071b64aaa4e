//go:build unix

package ui

import "syscall"

// processStopper returns the function that stops winload's process group
// as the terminal's Ctrl-Z would (the screen reads keys raw, so the
// terminal sends no SIGTSTP itself); it returns when the group is
// continued.
func processStopper() func() error {
	return func() error { return syscall.Kill(0, syscall.SIGTSTP) }
}

//go:build unix

package ui

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopWait is how long stopProcess waits for the stop to happen: the
// kernel discards a SIGTSTP to an orphaned process group, which then runs
// on.
const stopWait = time.Second

// processStopper returns the function that stops winload's process group
// as the terminal's Ctrl-Z would (the screen reads keys raw, so the
// terminal sends no SIGTSTP itself); it returns when the group is
// continued.
func processStopper() func() error { return stopProcess }

// stopProcess sends SIGTSTP to the process group and waits for the
// SIGCONT that continues it. Returning as soon as kill does is too early:
// the stop reaches the process's threads a moment later, and a terminal
// set up again in that moment would be handed to the shell in raw mode
// (which the shell then resets before fg).
func stopProcess() error {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	if err := syscall.Kill(0, syscall.SIGTSTP); err != nil {
		return err
	}
	t := time.NewTimer(stopWait)
	defer t.Stop()
	select {
	case <-cont:
	case <-t.C:
	}
	return nil
}

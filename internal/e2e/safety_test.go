//go:build linux

package e2e

import (
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scrollback returns the pane's history and visible text: what the normal
// screen holds, the lines that scrolled off included.
func (p *pane) scrollback() string {
	return p.tmux("capture-pane", "-p", "-t", "main", "-S", "-", "-E", "-")
}

// winloadPID finds the winload process started by the pane's shell.
func winloadPID(p *pane) int {
	p.t.Helper()
	shell := strings.TrimSpace(p.tmux("list-panes", "-t", "main", "-F", "#{pane_pid}"))
	out, err := exec.Command("pgrep", "-P", shell, "-x", "winload").Output()
	if err != nil {
		p.t.Fatalf("finding winload under shell %s: %v", shell, err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(out))[0])
	if err != nil {
		p.t.Fatal(err)
	}
	return pid
}

// A panic in the event loop's drawing, in its sampling, or in the event
// reader goroutine ends winload with status 1 and a panic report printed
// on a restored terminal: cooked mode with echo, the alternate screen
// left, the report's first line at the start of a line and the stack under
// it not staircased (as raw mode would print it), nothing of the monitor's
// screen left on the normal one.
func TestPanicRestoresTerminal(t *testing.T) {
	for _, point := range []string{"draw", "sample", "reader"} {
		t.Run(point, func(t *testing.T) {
			p := newPane(t, 120, 40)
			// At 1 s per tick the third draw and sample come 2 s after
			// the start, and the reader panics after 1.5 s: the screen is
			// up by then.
			p.run("WINLOAD_INJECT_PANIC=" + point + " " + panicBinary + ` --no-config -d lo -t 1000; echo "EXIT=$?"`)
			p.waitText("Incoming", 5*time.Second)
			if alt := strings.TrimSpace(p.tmux("display-message", "-p", "-t", "main", "#{alternate_on}")); alt != "1" {
				t.Fatalf("winload is not on the alternate screen before the panic (alternate_on=%s)", alt)
			}
			terminalRestored(p, "1")

			history := p.scrollback()
			lines := strings.Split(history, "\n")
			head := "winload: ui: panic: injected " + point + " panic"
			found := -1
			for i, line := range lines {
				if strings.Contains(line, head) {
					if found >= 0 || line != head {
						t.Errorf("panic report line %q (want exactly %q, once, at the start of a line)", line, head)
					}
					found = i
				}
			}
			if found < 0 {
				t.Fatalf("no panic report %q on the terminal:\n%s", head, history)
			}
			next := ""
			for _, line := range lines[found+1:] {
				if strings.TrimSpace(line) != "" {
					next = line
					break
				}
			}
			if !strings.HasPrefix(next, "goroutine ") {
				t.Errorf("the line after the report should start the stack at column 0, got %q:\n%s", next, history)
			}
			for _, leftover := range []string{"Incoming", "Outgoing", "Curr:"} {
				if strings.Contains(history, leftover) {
					t.Errorf("%q of the monitor's screen is left on the normal screen:\n%s", leftover, history)
				}
			}
		})
	}
}

// Quitting restores the terminal from every state of the screen, not
// only the plain single view that TestQuitKeysRestoreTerminal and
// TestSignalsRestoreTerminal start from: the options window open, the
// multi view, a terminal too small to draw in.
func TestQuitFromEveryStateRestoresTerminal(t *testing.T) {
	tests := []struct {
		name  string
		setup func(p *pane)
		quit  func(p *pane)
	}{
		{"options window, Ctrl-C", openOptions, func(p *pane) { p.send("C-c") }},
		{"options window, q (as in nload)", openOptions, func(p *pane) { p.send("q") }},
		{"options window, SIGTERM", openOptions, func(p *pane) { syscall.Kill(winloadPID(p), syscall.SIGTERM) }},
		{"multi view, q", func(p *pane) {
			p.send("m")
			p.waitText("winload: ", 5*time.Second)
		}, func(p *pane) { p.send("q") }},
		{"multi view, Escape", func(p *pane) {
			p.send("m")
			p.waitText("winload: ", 5*time.Second)
		}, func(p *pane) { p.send("Escape") }},
		{"too small, SIGHUP", func(p *pane) {
			p.resize(20, 5)
			p.waitText("too small", 5*time.Second)
		}, func(p *pane) {
			syscall.Kill(winloadPID(p), syscall.SIGHUP)
			p.resize(100, 30)
		}},
		{"too small, q", func(p *pane) {
			p.resize(30, 8)
			p.waitText("too small", 5*time.Second)
		}, func(p *pane) {
			p.send("q")
			p.resize(100, 30)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPane(t, 100, 30)
			startWinload(p, "--no-config -d lo -t 200")
			tt.setup(p)
			tt.quit(p)
			terminalRestored(p, "0")
		})
	}
}

// openOptions opens the options window and waits for it.
func openOptions(p *pane) {
	p.t.Helper()
	p.send("F2")
	p.waitText("- Options -", 5*time.Second)
}

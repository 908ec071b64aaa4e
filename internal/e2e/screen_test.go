//go:build linux

package e2e

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startWinload runs winload in the pane's shell and waits for its screen.
func startWinload(p *pane, args string) {
	p.t.Helper()
	p.run(binary + " " + args + `; echo "EXIT=$?"`)
	p.waitText("Incoming", 10*time.Second)
}

// terminalRestored checks that the shell is back in cooked mode with echo
// and that the alternate screen is gone.
func terminalRestored(p *pane, wantExit string) {
	p.t.Helper()
	p.waitText("EXIT="+wantExit, 10*time.Second)
	// The marker is printed in two parts so that the echoed command line
	// cannot match it before the output is there.
	p.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo STTY-$((6*7))")
	s := p.waitText("STTY-42", 5*time.Second)
	if !strings.Contains(s, "echo icanon") {
		p.t.Errorf("terminal not restored (want echo and icanon):\n%s", s)
	}
	if alt := strings.TrimSpace(p.tmux("display-message", "-p", "-t", "main", "#{alternate_on}")); alt != "0" {
		p.t.Errorf("alternate screen still on (%s)", alt)
	}
}

func TestQuitKeysRestoreTerminal(t *testing.T) {
	for _, key := range []string{"q", "Q", "Escape", "C-c"} {
		t.Run(key, func(t *testing.T) {
			p := newPane(t, 120, 40)
			startWinload(p, "-d lo")
			p.send(key)
			terminalRestored(p, "0")
		})
	}
}

// Every signal that would end the process restores the terminal first:
// those Go ends it on (SIGTERM, SIGHUP, SIGINT) and those it would dump
// the goroutines for (SIGQUIT, SIGABRT, and the fault signals sent from
// outside).
func TestSignalsRestoreTerminal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT,
		syscall.SIGABRT, syscall.SIGILL, syscall.SIGTRAP, syscall.SIGSYS, syscall.SIGBUS, syscall.SIGFPE, syscall.SIGSEGV} {
		t.Run(sig.String(), func(t *testing.T) {
			p := newPane(t, 100, 30)
			startWinload(p, "-d lo")
			shell := strings.TrimSpace(p.tmux("list-panes", "-t", "main", "-F", "#{pane_pid}"))
			out, err := exec.Command("pgrep", "-P", shell, "-x", "winload").Output()
			if err != nil {
				t.Fatalf("finding winload under shell %s: %v", shell, err)
			}
			pid, _ := strconv.Atoi(strings.Fields(string(out))[0])
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatal(err)
			}
			terminalRestored(p, "0")
		})
	}
}

func TestSwitchDevicesWithKeys(t *testing.T) {
	p := newPane(t, 120, 40)
	startWinload(p, "-d lo")
	header := regexp.MustCompile(`Device (\S+) .*\((\d+)/(\d+)\)`)
	current := func() (string, int, int) {
		m := header.FindStringSubmatch(p.screen())
		if m == nil {
			t.Fatalf("no header on screen:\n%s", p.screen())
		}
		i, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		return m[1], i, n
	}
	name, start, n := current()
	if name != "lo" {
		t.Fatalf("-d lo started on %s", name)
	}
	if n < 2 {
		t.Skipf("only %d device here; nothing to switch to", n)
	}
	expect := func(key string, delta int) {
		t.Helper()
		_, before, _ := current()
		want := (before-1+delta+n)%n + 1
		p.send(key)
		p.waitText(fmt.Sprintf("(%d/%d)", want, n), 5*time.Second)
	}
	for _, key := range []string{"Right", "Down", "NPage", "Enter", "Tab"} {
		expect(key, 1)
	}
	for _, key := range []string{"Left", "Up", "PPage"} {
		expect(key, -1)
	}
	_ = start
	p.send("q")
	terminalRestored(p, "0")
}

func TestResizeAtAnyTime(t *testing.T) {
	p := newPane(t, 120, 40)
	startWinload(p, "-d lo")
	p.resize(40, 10)
	p.waitFor(func(s string) bool {
		return strings.Contains(s, "Incoming") && strings.Contains(s, "Outgoing") && !strings.Contains(s, "too small")
	}, 5*time.Second, "the 40x10 layout")
	p.resize(30, 8)
	p.waitText("too small", 5*time.Second)
	p.resize(200, 60)
	s := p.waitFor(func(s string) bool { return strings.Contains(s, "Incoming") }, 5*time.Second, "the 200x60 layout")
	if lines := strings.Split(strings.TrimRight(s, "\n"), "\n"); !strings.Contains(lines[1], strings.Repeat("=", 200)) {
		t.Errorf("separator does not span the new width:\n%s", s)
	}
	p.send("q")
	terminalRestored(p, "0")
}

func TestUnknownDeviceListsDevices(t *testing.T) {
	p := newPane(t, 120, 10)
	p.run(binary + ` -d no-such-nic; echo "EXIT=$?"`)
	s := p.waitText("EXIT=2", 10*time.Second)
	if !strings.Contains(s, "-d/--device") || !strings.Contains(s, "lo") {
		t.Errorf("unknown -d must name the flag and list devices:\n%s", s)
	}
}

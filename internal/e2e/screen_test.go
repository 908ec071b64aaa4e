//go:build linux

package e2e

import (
	"fmt"
	"io"
	"math"
	"net"
	"os"
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

// loRxBytes reads lo's received-bytes counter from /proc/net/dev.
func loRxBytes(t *testing.T) uint64 {
	t.Helper()
	data, err := os.ReadFile("/proc/net/dev")
	if err != nil {
		t.Skipf("no /proc/net/dev: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(name) == "lo" {
			v, err := strconv.ParseUint(strings.Fields(rest)[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	t.Skip("no lo in /proc/net/dev")
	return 0
}

// steadyTraffic sends bytesPerSecond over a TCP connection on 127.0.0.1,
// paced against the clock, until stop is closed.
func steadyTraffic(t *testing.T, bytesPerSecond int, stop <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		conn, err := ln.Accept()
		ln.Close()
		if err != nil {
			return
		}
		io.Copy(io.Discard, conn)
		conn.Close()
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer conn.Close()
		chunk := make([]byte, 16<<10)
		start := time.Now()
		sent := 0
		for {
			select {
			case <-stop:
				return
			default:
			}
			due := int(time.Since(start).Seconds() * float64(bytesPerSecond))
			for sent+len(chunk) <= due {
				if _, err := conn.Write(chunk); err != nil {
					return
				}
				sent += len(chunk)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
}

var incomingCurr = regexp.MustCompile(`Curr: ([0-9.]+) (B|KiB|MiB|GiB)/s`)

// shownIncomingCurr parses the first Curr on screen: the incoming panel's.
func shownIncomingCurr(t *testing.T, screen string) float64 {
	t.Helper()
	m := incomingCurr.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no Curr on screen:\n%s", screen)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v * map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[2]]
}

// The number people read must match the kernel's: incoming Curr on lo
// within 5 % of the /proc/net/dev delta over the same second.
func TestIncomingCurrMatchesProcNetDev(t *testing.T) {
	p := newPane(t, 120, 40)
	stop := make(chan struct{})
	defer close(stop)
	steadyTraffic(t, 8<<20, stop)
	startWinload(p, "-d lo -u byte -t 500")
	time.Sleep(2500 * time.Millisecond) // let the one-second window fill with steady traffic

	var lastErr string
	for attempt := 0; attempt < 5; attempt++ {
		r0, t0 := loRxBytes(t), time.Now()
		time.Sleep(time.Second)
		r1, t1 := loRxBytes(t), time.Now()
		shown := shownIncomingCurr(t, p.screen())
		kernel := float64(r1-r0) / t1.Sub(t0).Seconds()
		diff := math.Abs(shown-kernel) / kernel
		t.Logf("attempt %d: shown %.0f B/s, /proc/net/dev %.0f B/s, off by %.2f%%", attempt, shown, kernel, diff*100)
		if diff <= 0.05 {
			p.send("q")
			terminalRestored(p, "0")
			return
		}
		lastErr = fmt.Sprintf("shown %.0f B/s vs kernel %.0f B/s (%.1f%% off)", shown, kernel, diff*100)
	}
	t.Fatalf("incoming Curr never came within 5%% of /proc/net/dev: %s", lastErr)
}

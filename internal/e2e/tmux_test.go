//go:build linux

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binary is the winload executable built once for all tests; panicBinary
// is the same built with the winload_inject_panic tag, which panics where
// WINLOAD_INJECT_PANIC says (see internal/ui/inject_panic.go).
var binary, panicBinary string

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "traffic":
		os.Exit(trafficHelper()) // run by TestDeviceChurn inside its namespace
	case "burst":
		os.Exit(burstHelper()) // run by TestTalkersCountShortConnections
	case "sink":
		os.Exit(sinkHelper()) // run by TestCaptureTalkersAccuracy
	case "send":
		os.Exit(sendHelper()) // run by TestCaptureTalkersAccuracy
	}
	dir, err := os.MkdirTemp("", "winload-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// winload run by the tests keeps its totals here, not in the
	// user's state folder.
	os.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	binary = filepath.Join(dir, "winload")
	panicBinary = filepath.Join(dir, "winload-inject-panic")
	for _, b := range []struct{ out, tags string }{{binary, ""}, {panicBinary, "winload_inject_panic"}} {
		build := exec.Command("go", "build", "-tags", b.tags, "-o", b.out, "github.com/winload/winload/cmd/winload")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building %s: %v\n%s", b.out, err, out)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// pane is a tmux session with one shell, on a tmux server of its own.
type pane struct {
	t      *testing.T
	socket string
}

// newPane starts a bash in a detached tmux session of the given size.
func newPane(t *testing.T, width, height int) *pane {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make test installs it)")
	}
	p := &pane{t: t, socket: fmt.Sprintf("winload-e2e-%d-%s", os.Getpid(), strings.ReplaceAll(t.Name(), "/", "-"))}
	p.tmux("new-session", "-d", "-s", "main", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"env", "-i", "PATH="+os.Getenv("PATH"), "HOME="+t.TempDir(), "XDG_STATE_HOME="+os.Getenv("XDG_STATE_HOME"), "TERM=xterm-256color", "PS1=$ ", "HISTFILE=/dev/null", "bash", "--norc", "--noprofile")
	t.Cleanup(func() { exec.Command("tmux", "-L", p.socket, "kill-server").Run() })
	p.waitFor(func(s string) bool { return strings.Contains(s, "$") }, 5*time.Second, "shell prompt")
	return p
}

func (p *pane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// send types keys into the pane (tmux key names such as Enter, Right, C-c).
func (p *pane) send(keys ...string) { p.tmux(append([]string{"send-keys", "-t", "main"}, keys...)...) }

// run types a command line and presses Enter.
func (p *pane) run(line string) { p.send("-l", line); p.send("Enter") }

// screen returns the visible text of the pane.
func (p *pane) screen() string { return p.tmux("capture-pane", "-p", "-t", "main") }

// waitFor polls the screen until ok accepts it, or fails the test.
func (p *pane) waitFor(ok func(string) bool, timeout time.Duration, what string) string {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := p.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *pane) waitText(text string, timeout time.Duration) string {
	p.t.Helper()
	return p.waitFor(func(s string) bool { return strings.Contains(s, text) }, timeout, fmt.Sprintf("%q", text))
}

func (p *pane) resize(width, height int) {
	p.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height))
}

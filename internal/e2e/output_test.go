//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A full standard output ends the stream: exit 1 and one line on stderr.
func TestStdoutOnFullDevice(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	cmd := exec.Command(binary, "--no-config", "--json", "-t", "100", "lo")
	var errOut strings.Builder
	cmd.Stdout, cmd.Stderr = full, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1", err)
	}
	if strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "standard output") ||
		!strings.Contains(errOut.String(), "no space left") {
		t.Errorf("stderr: %q", errOut.String())
	}
}

// When a regular file stops growing in the middle of a write (here a file
// size limit: the disk-full case without filling a disk), the stream ends
// with status 1 and the file still ends with a whole JSON line.
func TestStdoutFileEndsWithWholeLine(t *testing.T) {
	for _, format := range []string{"--json", "--no-graph"} { // JSON lines; text lines (--no-graph changes nothing there)
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out")
			// ulimit -f counts 1024-byte blocks: a few samples fit, and the
			// write that crosses the limit is cut short by the kernel.
			cmd := exec.Command("bash", "-c", `ulimit -f 2; exec "$0" --no-config --no-history -t 100 "$1" > "$2"`, binary, format, path)
			var errOut strings.Builder
			cmd.Stderr = &errOut
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("exit: %v (%s), want status 1", err, errOut.String())
			}
			if strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "writing to standard output") {
				t.Errorf("stderr: %q", errOut.String())
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) == 0 || data[len(data)-1] != '\n' {
				t.Fatalf("the file does not end with a whole line: %q", data)
			}
			if format != "--json" {
				return
			}
			for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if !json.Valid([]byte(l)) {
					t.Errorf("not a JSON line: %q", l)
				}
			}
		})
	}
}

// A traffic log that fails while the screen runs ends the screen as it
// ends a stream: the terminal is restored, one line says why, exit 1.
func TestFailingLogEndsTheScreen(t *testing.T) {
	log := filepath.Join(t.TempDir(), "traffic.log")
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf(`(ulimit -f 1; exec %s --no-config --no-history -d lo -t 100 -f %s); echo "EXIT=$?"`, binary, log))
	terminalRestored(p, "1")
	s := p.screen()
	if !strings.Contains(s, "winload: writing traffic log "+log) {
		t.Errorf("no line naming the log after the screen:\n%s", s)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 || data[len(data)-1] != '\n' {
		t.Errorf("the log does not end with a whole line: %q", data)
	}
}

// An --include that matches nothing at start waits for the device, and
// lists it when it appears (in a namespace of its own).
func TestIncludeWaitsForDevice(t *testing.T) {
	ip, ns := netns(t)
	cmd := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--json", "-t", "100", "--include", "wl[!x]*")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errOut, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(errOut).ReadString('\n')
	if err != nil || line != "winload: waiting for a device matching --include \"wl[!x]*\"\n" {
		t.Fatalf("stderr: %q %v", line, err)
	}
	ipBatch(t, ip, ns, []string{"link add wlx0 type veth peer name wl0"})
	devices := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var r struct{ Device string }
			json.Unmarshal(sc.Bytes(), &r)
			devices <- r.Device
		}
		close(devices)
	}()
	select {
	case d, ok := <-devices:
		if !ok || d != "wl0" {
			t.Errorf("first device listed: %q (stream open: %v), want wl0 (wlx0 does not match)", d, ok)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the device that appeared was not listed")
	}
}

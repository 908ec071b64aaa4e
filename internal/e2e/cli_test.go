//go:build linux

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBinary runs winload with stdout and stderr captured (so stdout is
// not a terminal).
func runBinary(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running winload %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

func TestBadInputExitsTwoWithOneLine(t *testing.T) {
	tests := []struct {
		args    []string
		mention string
	}{
		{[]string{"-t", "fast"}, "-t/--interval"},
		{[]string{"-t", "0"}, "-t/--interval"},
		{[]string{"-t", "5"}, "too short"},
		{[]string{"-t", "100000000000000000000"}, "too long"},
		{[]string{"-a", "-1"}, "-a/--average"},
		{[]string{"-u", "nibbles"}, "-u/--unit"},
		{[]string{"-b", "zebra"}, "-b/--bar-style"},
		{[]string{"--in-color", "blue"}, "--in-color"},
		{[]string{"--out-color", "#12"}, "--out-color"},
		{[]string{"-m", "-100M"}, "-m/--max"},
		{[]string{"-m", "12XB"}, "-m/--max"},
		{[]string{"--interval"}, "--interval needs a value"},
		{[]string{"--frobnicate"}, "unknown flag"},
		{[]string{"--npcap"}, "Windows only"},
		{[]string{"--etw"}, "Windows only"},
		{[]string{"--npcap", "--etw"}, "exclude each other"},
		{[]string{"-d", "nosuchdevice", "--json"}, "-d/--device"},
		{[]string{"nosuchdevice", "--json"}, "nosuchdevice"},
		{[]string{"--include", "[a-", "--json"}, "--include"},
		{[]string{"--include", "zz*", "lo", "--json"}, "leave no device"}, // an --include alone waits instead
		{[]string{"--no-config", "--graph", "bogus"}, "--graph"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runBinary(t, tt.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", tt.args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: wrote to stdout: %q", tt.args, stdout)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "winload: ") {
			t.Errorf("%v: stderr must be one line starting 'winload: ', got %q", tt.args, stderr)
		}
		if !strings.Contains(stderr, tt.mention) {
			t.Errorf("%v: stderr %q does not mention %q", tt.args, stderr, tt.mention)
		}
		if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "\x1b[") {
			t.Errorf("%v: stack trace or escape codes in %q", tt.args, stderr)
		}
	}
}

func TestHelpVersionAndDebugInfo(t *testing.T) {
	stdout, _, code := runBinary(t, "--help")
	if code != 0 || !strings.Contains(stdout, "Usage: winload") || !strings.Contains(stdout, "--max") {
		t.Errorf("--help: exit %d, %q", code, stdout)
	}
	stdout, _, code = runBinary(t, "-V")
	if code != 0 || !strings.HasPrefix(stdout, "winload ") {
		t.Errorf("-V: exit %d, %q", code, stdout)
	}
	stdout, stderr, code := runBinary(t, "--debug-info")
	if code != 0 {
		t.Fatalf("--debug-info: exit %d, %s", code, stderr)
	}
	found := false
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[0] == "lo" && f[1] == "127.0.0.1" {
			found = true
		}
	}
	if !found {
		t.Errorf("--debug-info does not list lo with 127.0.0.1:\n%s", stdout)
	}
}

// When standard output is not a terminal, winload streams text lines, or
// JSON with --json, and --count ends the stream.
func TestStreamsWhenNotATerminal(t *testing.T) {
	stdout, stderr, code := runBinary(t, "--no-config", "-t", "100", "--count", "2", "lo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], " lo in: curr ") || !strings.Contains(lines[1], " | out: curr ") {
		t.Errorf("text stream:\n%s", stdout)
	}
	stdout, stderr, code = runBinary(t, "--no-config", "-t", "100", "--count", "3", "--json", "--include", "l*")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines = strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 JSON lines, got:\n%s", stdout)
	}
	for _, line := range lines {
		var r struct {
			Time   string `json:"time"`
			Device string `json:"device"`
			In     struct {
				Total *uint64  `json:"total"`
				Curr  *float64 `json:"curr"`
			} `json:"in"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Device != "lo" || r.Time == "" || r.In.Total == nil || r.In.Curr == nil {
			t.Errorf("JSON line %q: %+v %v", line, r, err)
		}
	}
}

func TestTrafficLogFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "traffic.log")
	_, stderr, code := runBinary(t, "--no-config", "-t", "100", "--count", "2", "-f", path, "lo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "Date Time DeviceName DataInTotal") || len(strings.Fields(lines[2])) != 15 {
		t.Errorf("log:\n%s", data)
	}
}

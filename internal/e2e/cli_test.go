package e2e

import (
	"bytes"
	"errors"
	"os/exec"
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
		{[]string{}, "not a terminal"},
		{[]string{"-d", "lo"}, "not a terminal"},
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

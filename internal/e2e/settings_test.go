//go:build linux

package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBounded runs winload like runBinary, but kills it after a while: a
// run that blocks (in open() on a FIFO, say) fails instead of hanging.
func runBounded(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("winload %q did not end within 20 s (blocked?)", args)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running winload %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mkfifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return path
}

// Settings problems end the program at once with one line and status 2.
func TestSettingsProblemsExitTwo(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.toml")
	section := writeFile(t, "s.toml", "interval = 250\n\n[display]\ngraph = 'braille'\n")
	long := writeFile(t, "l.toml", "unit = '"+strings.Repeat("y", 1<<16)+"'\n")
	fifo := mkfifo(t)
	tests := []struct {
		args    []string
		mention string
	}{
		{[]string{"--config", missing, "--json", "--count", "1"}, "does not exist"},
		{[]string{"--config", section, "--json", "--count", "1"}, "line 3: sections are not supported"},
		{[]string{"--config", long, "--json", "--count", "1"}, "…"},
		{[]string{"--config", fifo, "--json", "--count", "1"}, "not a regular file"},
		{[]string{"--no-config", "-f", fifo, "--json", "--count", "1"}, "-f/--file"},
		{[]string{"--no-config", "-m", "lo"}, "nload's -m (several devices) is -M"},
		{[]string{"--no-config", "-m"}, "nload's -m (several devices) is -M"},
		{[]string{"--no-config", "-U", "G"}, "nload's -U is --total-unit"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runBounded(t, tt.args...)
		if code != 2 || stdout != "" {
			t.Errorf("%.80q: exit %d, stdout %q, want 2 and nothing (stderr %q)", tt.args, code, stdout, stderr)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "winload: ") || len(stderr) > 400 {
			t.Errorf("%.80q: stderr must be one short line starting 'winload: ', got %.400q", tt.args, stderr)
		}
		if !strings.Contains(stderr, tt.mention) {
			t.Errorf("%.80q: stderr %q does not mention %q", tt.args, stderr, tt.mention)
		}
	}
}

// A flag beats the settings file even where they name one setting by
// different keys.
func TestFlagsBeatTheSettingsFile(t *testing.T) {
	path := writeFile(t, "c.toml", "unicode = true\nin-color = 0xff0000\n")
	_, stderr, code := runBounded(t, "--config", path, "--graph", "braille", "--json", "--count", "1")
	if code != 0 {
		t.Errorf("unicode = true in the file, --graph braille: exit %d, %q", code, stderr)
	}
}

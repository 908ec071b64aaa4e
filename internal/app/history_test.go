package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/history"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/stats"
)

func parseWithHistory(t *testing.T, path string, args ...string) cli.Config {
	t.Helper()
	cfg, err := cli.Parse(append([]string{"--no-config"}, args...), cli.Env{GOOS: "linux", HistoryPath: path})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestScreenKeepsHistoryAndReportsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "history.dat")
	screen := tcell.NewSimulationScreen("UTF-8")
	screen.SetSize(120, 30)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	var errOut bytes.Buffer
	io := IO{Stdout: &bytes.Buffer{}, Stderr: &errOut, Terminal: true, NewScreen: func() (tcell.Screen, error) { return screen, nil }}
	if code := Run(ctx, parseWithHistory(t, path, "-d", "lo", "-t", "100"), io, noReload); code != ExitOK || errOut.Len() != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no history file written on exit: %v", err)
	}
	var out bytes.Buffer
	code := Run(context.Background(), parseWithHistory(t, path, "--report", "daily", "lo"), IO{Stdout: &out, Stderr: &errOut}, noReload)
	if code != ExitOK || !strings.Contains(out.String(), "lo (daily)") || !strings.Contains(out.String(), "all time") {
		t.Fatalf("--report: exit %d, %q %q", code, out.String(), errOut.String())
	}
}

func TestUsageErrorComesBeforeHistoryProblems(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cfg := parseWithHistory(t, filepath.Join(blocker, "history.dat"), "-d", "nosuch", "--json")
	if code := Run(context.Background(), cfg, IO{Stdout: &bytes.Buffer{}, Stderr: &errOut}, noReload); code != ExitUsage || strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "-d/--device") {
		t.Fatalf("exit %d, stderr %q; want 2 and the device error alone", code, errOut.String())
	}
}

func TestNewerHistoryFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.dat")
	if err := os.WriteFile(path, []byte("WLHIST\x05\x00later"), 0o600); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	code := Run(context.Background(), parseWithHistory(t, path, "--json", "--count", "1", "lo"), IO{Stdout: &bytes.Buffer{}, Stderr: &errOut}, noReload)
	if code != ExitError || strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "newer winload (format 5") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestUsageModelShowsTheNoteOnTheWarningLine(t *testing.T) {
	mon := newTestMonitor(t, parse(t))
	if err := mon.Sample(time.Now()); err != nil {
		t.Fatal(err)
	}
	m := usageModel{Monitor: mon, k: &keeper{note: "history off: reasons"}}
	var f frame.Frame
	m.Frame(&f)
	if !strings.Contains(f.Warning, "history off: reasons") || f.Usage.Known {
		t.Fatalf("warning %q, usage known %v", f.Warning, f.Usage.Known)
	}
}

// Another host that is unreachable for a while adds nothing to the
// history, and its return adds only what its counter moved meanwhile, not
// the whole counter again.
func TestHistorySkipsUnreadableDevices(t *testing.T) {
	rec, err := history.Open(history.Options{Path: filepath.Join(t.TempDir(), "history.dat"), Calendar: history.Calendar{Loc: time.UTC}, Boot: "b"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	k := &keeper{rec: rec}
	now := time.Now()
	reading := func(total uint64, problem string) []monitor.Reading {
		return []monitor.Reading{{Device: "lo", In: stats.Stat{Total: 500}}, {Device: "web1/eth0", In: stats.Stat{Total: total}, Out: stats.Stat{Total: total}, Error: problem}}
	}
	for _, r := range [][]monitor.Reading{reading(1000, ""), reading(0, "unreachable: connection refused"), reading(1100, "")} {
		if err := k.Write(now, r); err != nil {
			t.Fatal(err)
		}
	}
	var u frame.Usage
	rec.Usage("web1/eth0", now, &u)
	if u.Today.In != 100 || u.Today.Out != 100 {
		t.Errorf("today %+v, want 100 bytes each way", u.Today)
	}
}

package app

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/capture"
	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/source"
)

func parse(t *testing.T, args ...string) cli.Config {
	t.Helper()
	cfg, err := cli.Parse(append([]string{"--no-config"}, args...), cli.Env{GOOS: "linux"})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func noReload() (cli.Config, error) { return cli.Config{}, errors.New("no reload in this test") }

func TestStreamModeWritesCountSamples(t *testing.T) {
	var out, errOut bytes.Buffer
	cfg := parse(t, "-t", "100", "--count", "2", "lo")
	code := Run(context.Background(), cfg, IO{Stdout: &out, Stderr: &errOut}, noReload)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.Contains(out.String(), " lo in: ") {
		t.Errorf("stream:\n%s", out.String())
	}
}

func TestUsageProblemsFoundAtStart(t *testing.T) {
	tests := []struct {
		args    []string
		mention string
	}{
		{[]string{"-d", "nosuch"}, "-d/--device"},
		{[]string{"nosuch"}, "nosuch"},
		{[]string{"--include", "nosuch*", "lo"}, "leave no device"},
		{[]string{"--include", "nosuch*", "-d", "lo"}, "-d/--device"},
		{[]string{"--exclude", "*"}, "leave no device"},
		{[]string{"-f", filepath.Join("/nonexistent-dir", "x.log")}, "-f/--file"},
	}
	for _, tt := range tests {
		var errOut bytes.Buffer
		code := Run(context.Background(), parse(t, append(tt.args, "--json")...), IO{Stdout: &bytes.Buffer{}, Stderr: &errOut}, noReload)
		if code != ExitUsage || !strings.Contains(errOut.String(), tt.mention) || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, %q", tt.args, code, errOut.String())
		}
	}
}

func TestCountNeedsAStream(t *testing.T) {
	var errOut bytes.Buffer
	code := Run(context.Background(), parse(t, "--count", "1"), IO{Stdout: &bytes.Buffer{}, Stderr: &errOut, Terminal: true}, noReload)
	if code != ExitUsage || !strings.Contains(errOut.String(), "--count") {
		t.Errorf("exit %d: %q", code, errOut.String())
	}
}

func TestScreenModeDrawsAndStopsWithContext(t *testing.T) {
	screen := tcell.NewSimulationScreen("UTF-8")
	screen.SetSize(100, 30)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	var errOut bytes.Buffer
	io := IO{Stdout: &bytes.Buffer{}, Stderr: &errOut, Terminal: true, NewScreen: func() (tcell.Screen, error) { return screen, nil }}
	if code := Run(ctx, parse(t, "-d", "lo", "-t", "100"), io, noReload); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

func TestOpenFailureCodes(t *testing.T) {
	for _, err := range []error{capture.ErrNpcapMissing, capture.ErrNoLoopbackAdapter, capture.ErrAccessDenied, capture.ErrNpcapFailed, source.ErrLoopbackNative} {
		if got := openFailureCode(errors.Join(errors.New("x"), err)); got != ExitUsage {
			t.Errorf("%v: code %d, want 2", err, got)
		}
	}
	if got := openFailureCode(errors.New("disk on fire")); got != ExitError {
		t.Errorf("other error: code %d", got)
	}
}

func TestControllerSavesAndReloads(t *testing.T) {
	path := filepath.Join(t.TempDir(), config.FileName)
	env := cli.Env{GOOS: "linux", ConfigPath: path}
	cfg, err := cli.Parse(nil, env)
	if err != nil {
		t.Fatal(err)
	}
	mon := newTestMonitor(t, cfg)
	ctl := &controller{mon: mon, file: cfg.File, reload: func() (cli.Config, error) { return cli.Parse(nil, env) }}
	if ctl.Path() != path {
		t.Errorf("Path = %q", ctl.Path())
	}
	s := cfg.Settings
	s.Interval = 2 * time.Second
	s.Graph = settings.GraphBraille
	if err := ctl.Apply(s); err != nil {
		t.Fatal(err)
	}
	if err := ctl.Save(s); err != nil {
		t.Fatal(err)
	}
	got, err := ctl.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got != s {
		t.Errorf("reloaded %+v, want %+v", got, s)
	}
	none := &controller{mon: mon}
	if none.Save(s) == nil || none.Path() != "" {
		t.Error("--no-config: Save must fail and Path be empty")
	}
	if _, err := none.Load(); err == nil {
		t.Error("--no-config: Load must fail")
	}
}

// A change of units, scales or graph style keeps the history; only a new
// interval or average window restarts the statistics.
func TestControllerRestartsStatsOnlyForNewWindows(t *testing.T) {
	cfg := parse(t, "-d", "lo")
	mon := newTestMonitor(t, cfg)
	ctl := &controller{mon: mon, stats: cfg.Stats()}
	start := time.Now()
	for i := range 3 {
		if err := mon.Sample(start.Add(time.Duration(i) * cfg.Settings.Interval)); err != nil {
			t.Fatal(err)
		}
	}
	valid := func() bool {
		var f frame.Frame
		mon.Frame(&f)
		return f.In.Valid
	}
	if !valid() {
		t.Fatal("no statistics after three samples")
	}
	s := cfg.Settings
	s.Graph = settings.GraphBlock
	s.Multi = true
	s.Rate.Bits = !s.Rate.Bits
	if err := ctl.Apply(s); err != nil {
		t.Fatal(err)
	}
	if !valid() {
		t.Error("changing how things are drawn cleared the statistics")
	}
	s.Average = 2 * s.Average
	if err := ctl.Apply(s); err != nil {
		t.Fatal(err)
	}
	if valid() {
		t.Error("a new average window must restart the statistics")
	}
}

package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/ui"
)

// grownSource lists lo and, from its third read on, wlan0: a device that
// appears after start.
type grownSource struct{ reads int }

func (s *grownSource) Read(dst []source.Device) ([]source.Device, error) {
	s.reads++
	n := uint64(s.reads) * 1000
	dst = append(dst[:0], source.Device{Name: "lo", Rx: n, Tx: n})
	if s.reads >= 3 {
		dst = append(dst, source.Device{Name: "wlan0", Rx: n, Tx: n})
	}
	return dst, nil
}

func (s *grownSource) Status() source.Status { return source.Status{} }

// failingSink fails from its second write on, as a log on a full disk.
type failingSink struct{ writes int }

func (f *failingSink) Write(time.Time, []monitor.Reading) error {
	f.writes++
	if f.writes >= 2 {
		return errors.New("writing traffic log x.log: no space left on device")
	}
	return nil
}

// A failing sink (the -f log) ends the screen as it ends a stream: the
// screen is finalized and the sink's error returned, for one line on
// stderr and exit status 1.
func TestSinkFailureEndsTheScreen(t *testing.T) {
	sink := &failingSink{}
	mon, err := monitor.New(&grownSource{}, monitor.Options{Stats: parse(t).Stats(), Sinks: []monitor.Sink{sink}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := start(mon, parse(t)); err != nil {
		t.Fatal(err)
	}
	screen := tcell.NewSimulationScreen("UTF-8")
	screen.SetSize(80, 24)
	set := parse(t, "-t", "100").Settings
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = runScreen(ctx, screen, usageModel{Monitor: mon, k: &keeper{}}, "", set, nil)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("runScreen = %v, want the sink's error", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the screen ran until the test's timeout")
	}
	if sink.writes != 2 {
		t.Errorf("%d writes, want the screen to stop at the first failure (2)", sink.writes)
	}
	// A finalized simulation screen has no size left.
	if w, h := screen.Size(); w != 0 || h != 0 {
		t.Errorf("the screen was not finalized (%dx%d)", w, h)
	}
}

// The stream and the screen end the same way: exit status 1 and one line.
func TestSinkFailureEndsTheStream(t *testing.T) {
	var errOut bytes.Buffer
	code := Run(context.Background(), parse(t, "-t", "100", "--json", "lo"), IO{Stdout: &fullWriter{}, Stderr: &errOut}, noReload)
	if code != ExitError || strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "standard output") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// An --include that matches nothing at start waits: the screen says for
// what, and the device is listed when it appears.
func TestIncludeWaitsForTheDevice(t *testing.T) {
	cfg := parse(t, "--include", "wl*")
	src := &grownSource{}
	mon, err := monitor.New(src, monitor.Options{Stats: cfg.Stats(), Filter: cfg.Filter})
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := start(mon, cfg)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if waiting != `waiting for a device matching --include "wl*"` {
		t.Errorf("waiting = %q", waiting)
	}
	m := &screenModel{usageModel: usageModel{Monitor: mon, k: &keeper{}}, waiting: waiting}
	var f frame.Frame
	m.Frame(&f)
	if f.Warning != waiting || f.Count != 0 {
		t.Errorf("frame before the device: %+v", f)
	}
	for i := range 2 {
		if err := m.Sample(time.Unix(int64(i+1), 0)); err != nil {
			t.Fatal(err)
		}
	}
	m.Frame(&f)
	if f.Device != "wlan0" || f.Warning != "" || f.Count != 1 {
		t.Errorf("frame after the device appeared: %+v", f)
	}
}

func TestWaitingFor(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--include", "wl*"}, `waiting for a device matching --include "wl*"`},
		{[]string{"--include", "wl*", "--include", "\x1b*"}, `waiting for a device matching --include "wl*" or --include "\x1b*"`},
		{[]string{"--include", "e*", "--exclude", "eth1"}, `waiting for a device matching --include "e*" (excluding "eth1")`},
	}
	for _, tt := range tests {
		if got := waitingFor(parse(t, tt.args...).Filter); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.args, got, tt.want)
		}
	}
}

// firstShow is a simulation screen that keeps the text of the first frame
// shown and then ends the run.
type firstShow struct {
	tcell.SimulationScreen
	cancel context.CancelFunc
	text   string
}

func (s *firstShow) Show() {
	s.SimulationScreen.Show()
	if s.text == "" {
		s.text = screenText(s.SimulationScreen)
		s.cancel()
	}
}

// The waiting note shows on the screen.
func TestIncludeWaitingShowsOnScreen(t *testing.T) {
	cfg := parse(t, "--include", "wl*", "-t", "100")
	mon, err := monitor.New(&grownSource{}, monitor.Options{Stats: cfg.Stats(), Filter: cfg.Filter})
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := start(mon, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	screen := &firstShow{SimulationScreen: tcell.NewSimulationScreen("UTF-8"), cancel: cancel}
	screen.SetSize(100, 30)
	if err := runScreen(ctx, screen, usageModel{Monitor: mon, k: &keeper{}}, waiting, cfg.Settings, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(screen.text, `waiting for a device matching --include "wl*"`) {
		t.Errorf("no waiting note on screen:\n%s", screen.text)
	}
}

var _ ui.Model = (*screenModel)(nil)

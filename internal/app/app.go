// Package app runs winload once its configuration is known: it opens the
// counter source and drives either the full-screen monitor or a text or
// JSON stream.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/export"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/printable"
	"github.com/winload/winload/internal/report"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/ui"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// IO is where the program writes and what it draws on.
type IO struct {
	Stdout, Stderr io.Writer
	// Terminal reports whether Stdout is a terminal.
	Terminal bool
	// NewScreen opens the terminal for drawing.
	NewScreen func() (tcell.Screen, error)
	// Version is the build's version, which --listen exports.
	Version string
}

// Run runs winload with cfg until ctx is done or the user quits, and
// returns the exit status. reload re-reads the configuration (F6).
func Run(ctx context.Context, cfg cli.Config, out IO, reload func() (cli.Config, error)) int {
	fail := func(code int, err error) int {
		fmt.Fprintf(out.Stderr, "winload: %v\n", err)
		return code
	}
	stream := !cfg.Quiet && (cfg.JSON || !out.Terminal)
	if !stream && !cfg.Quiet && cfg.Count > 0 {
		return fail(ExitUsage, errors.New("--count: applies to text or JSON output; add --json or redirect the output"))
	}
	if cfg.History.Report != "" || cfg.History.CheckQuota {
		return runHistory(cfg, out)
	}
	local, err := source.Open(cfg.Source)
	if err != nil {
		return fail(openFailureCode(err), err)
	}
	src, isLoop, preload, err := withRemotes(ctx, local, cfg)
	if err != nil {
		local.Close()
		return fail(ExitUsage, err)
	}
	defer src.Close()

	if cfg.DebugInfo {
		devs, err := src.Read(nil)
		if err == nil {
			err = report.DebugInfo(out.Stdout, devs, src.Status())
		}
		if err != nil {
			return fail(ExitError, err)
		}
		return ExitOK
	}

	keep := &keeper{}
	var sinks []monitor.Sink
	if cfg.History.Path != "" {
		sinks = append(sinks, keep)
	}
	if cfg.LogFile != "" {
		log, err := report.OpenLog(cfg.LogFile)
		if err != nil {
			return fail(ExitUsage, fmt.Errorf("-f/--file: %w", err))
		}
		defer log.Close()
		sinks = append(sinks, log)
	}
	if stream {
		st := report.NewText(out.Stdout, cfg.Settings.Rate, cfg.Settings.Total)
		if cfg.JSON {
			st = report.NewJSON(out.Stdout)
		}
		if cfg.Settings.Talkers {
			stop, err := streamTalkers(ctx, st, cfg.Settings.Interval, talkersSource(cfg.Settings))
			if err != nil {
				return fail(ExitUsage, err)
			}
			defer stop()
		}
		sinks = append(sinks, st)
	}
	mon, err := monitor.New(src, monitor.Options{Stats: cfg.Stats(), Filter: cfg.Filter, IsLoopback: isLoop, Sinks: sinks, Snapshots: cfg.Listen != ""})
	if err != nil {
		return fail(ExitUsage, err)
	}
	preload(mon)
	waiting, err := start(mon, cfg)
	if err != nil {
		var usage *cli.UsageError
		if errors.As(err, &usage) {
			return fail(ExitUsage, err)
		}
		return fail(ExitError, err)
	}
	if err := keep.open(ctx, cfg, out.Stderr); err != nil {
		return fail(ExitError, err)
	}
	defer func() {
		if err := keep.stop(); err != nil {
			fmt.Fprintf(out.Stderr, "winload: %v\n", err)
		}
	}()
	keep.prime(mon)

	ctx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	stopServer := func() error { return nil }
	if cfg.Listen != "" {
		stopServer, err = serveMetrics(ctx, stopRun, cfg, mon, out)
		if err != nil {
			return fail(ExitUsage, err)
		}
		defer stopServer()
	} else if cfg.Quiet {
		fmt.Fprintf(out.Stderr, "winload: logging to %s\n", cfg.LogFile)
	}

	if stream || cfg.Quiet {
		if waiting != "" {
			fmt.Fprintf(out.Stderr, "winload: %s\n", waiting)
		}
		if problem := src.Status().Error; problem != "" && cfg.Remote.Enabled() {
			fmt.Fprintf(out.Stderr, "winload: %s\n", problem)
		}
		err := report.SampleLoop(ctx, mon, cfg.Settings.Interval, cfg.Count, func(err error) {
			fmt.Fprintf(out.Stderr, "winload: %v\n", err)
		})
		if err == nil {
			err = stopServer()
		}
		if err != nil {
			return fail(ExitError, err)
		}
		return ExitOK
	}

	screen, err := out.NewScreen()
	if err != nil {
		return fail(ExitError, fmt.Errorf("cannot use this terminal: %w", err))
	}
	ctl := &controller{mon: mon, file: cfg.File, reload: reload, stats: cfg.Stats()}
	err = runScreen(ctx, screen, usageModel{Monitor: mon, k: keep}, waiting, cfg.Settings, ctl)
	if err == nil {
		err = stopServer()
	}
	if err != nil {
		return fail(ExitError, err)
	}
	return ExitOK
}

// serveMetrics starts the --listen server over mon's snapshots. Should
// the server fail, it calls fail (which ends the run) and the returned
// stop, which shuts the server down and may be called more than once,
// gives its error.
func serveMetrics(ctx context.Context, fail context.CancelFunc, cfg cli.Config, mon *monitor.Monitor, out IO) (stop func() error, err error) {
	ln, err := export.Listen(cfg.Listen)
	if err != nil {
		return nil, err
	}
	info := export.Info{Version: out.Version, GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Loopback: loopbackMode(cfg.Source.Mode)}
	sctx, cancel := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() {
		err := export.Serve(sctx, ln, mon, info)
		if err != nil {
			fail()
		}
		served <- err
	}()
	if cfg.Quiet {
		fmt.Fprintf(out.Stderr, "winload: serving metrics on http://%s/metrics\n", ln.Addr())
	}
	var once sync.Once
	return func() error {
		once.Do(func() {
			cancel()
			err = <-served
		})
		return err
	}, nil
}

// runScreen runs the screen on mon until the user quits, ctx is done or
// a sink fails. A failed sink (the -f log) ends the screen as it ends a
// stream: the terminal is restored and its error returned. waiting is
// shown while no device is listed.
func runScreen(ctx context.Context, screen tcell.Screen, mon usageModel, waiting string, set settings.Settings, ctl ui.Controller) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m := &screenModel{usageModel: mon, waiting: waiting, stop: cancel,
		screenTalkers: screenTalkers{ctx: ctx, src: talkersSource(set)}}
	defer m.wait()
	defer cancel()
	if err := ui.Run(ctx, screen, m, set, ctl); err != nil {
		return err
	}
	return m.failed
}

// screenModel is the monitor as the screen sees it: a fatal sampling
// error (a failed sink) stops the screen, and while no device is listed
// the frame says what winload waits for.
type screenModel struct {
	usageModel
	screenTalkers
	waiting string
	stop    context.CancelFunc
	// failed is the fatal error that stopped the screen; it is read after
	// ui.Run, which calls Sample, has returned.
	failed error
}

// Sample implements ui.Model.
func (m *screenModel) Sample(now time.Time) error {
	err := m.Monitor.Sample(now)
	if report.Fatal(err) && m.failed == nil {
		m.failed = err
		m.stop()
	}
	return err
}

// Frame implements ui.Model.
func (m *screenModel) Frame(f *frame.Frame) {
	m.usageModel.Frame(f)
	m.note(f)
}

// FrameAt implements ui.Model.
func (m *screenModel) FrameAt(i int, f *frame.Frame) {
	m.Monitor.FrameAt(i, f)
	m.note(f)
}

func (m *screenModel) note(f *frame.Frame) {
	if m.waiting != "" && m.Len() == 0 && f.Warning == "" {
		f.Warning = m.waiting
	}
}

// start takes the first sample, checks the device filters against what
// exists and selects the -d device. Devices named as arguments and -d
// must exist; when --include matches no device yet, start returns what
// winload is waiting for instead ("waiting for a device matching ..."):
// the device is picked up when it appears.
func start(mon *monitor.Monitor, cfg cli.Config) (waiting string, err error) {
	if err := mon.Sample(time.Now()); err != nil {
		return "", err
	}
	if err := cfg.Filter.Check(mon.Present()); err != nil {
		return "", usageError(err)
	}
	if mon.Len() == 0 {
		if len(cfg.Filter.Include) == 0 || len(cfg.Filter.Names) > 0 {
			return "", usageError(fmt.Errorf("--include/--exclude leave no device; devices: %s", printable.Join(mon.Present(), ", ")))
		}
		waiting = waitingFor(cfg.Filter)
	}
	if cfg.Device != "" {
		if err := mon.Select(cfg.Device); err != nil {
			return "", usageError(fmt.Errorf("-d/--device: %w", err))
		}
	}
	return waiting, nil
}

// waitingFor says which device winload waits for, such as
// "waiting for a device matching --include 'wl*'".
func waitingFor(f monitor.Filter) string {
	b := []byte("waiting for a device matching")
	for i, p := range f.Include {
		if i > 0 {
			b = append(b, " or"...)
		}
		b = append(b, " --include "...)
		b = strconv.AppendQuote(b, p)
	}
	if len(f.Exclude) > 0 {
		b = append(b, " (excluding"...)
		for _, p := range f.Exclude {
			b = append(b, ' ')
			b = strconv.AppendQuote(b, p)
		}
		b = append(b, ')')
	}
	return string(b)
}

// loopbackMode names the way loopback traffic is counted as the
// exposition labels it.
func loopbackMode(m source.Mode) string {
	switch m {
	case source.ModeNpcap:
		return "npcap"
	case source.ModeETW:
		return "etw"
	}
	return "native"
}

func usageError(err error) error { return cli.NewUsageError(err) }

// setupProblem is implemented by the errors a person fixes by installing
// or configuring something, such as the Npcap failures of --npcap.
type setupProblem interface{ SetupProblem() bool }

// openFailureCode is 2 for the failures a person fixes by installing or
// running something differently (Npcap missing, broken, without a
// loopback adapter or refusing access; a Windows-only flag elsewhere),
// 1 for the rest.
func openFailureCode(err error) int {
	var setup setupProblem
	if errors.Is(err, source.ErrLoopbackNative) || (errors.As(err, &setup) && setup.SetupProblem()) {
		return ExitUsage
	}
	return ExitError
}

package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/history"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// historyOptions are the Recorder's options from the configuration.
func historyOptions(cfg cli.Config, readOnly bool) history.Options {
	return history.Options{
		Path:     cfg.History.Path,
		Calendar: history.Calendar{Loc: time.Local, MonthStart: cfg.History.MonthStart},
		Boot:     history.BootID(),
		Quotas:   cfg.History.Quotas,
		ReadOnly: readOnly,
	}
}

// keeper runs a Recorder for the screen or a stream. It is the
// monitor's sink from the start and forwards to the Recorder once open
// has opened it (after the command line and devices were checked, so
// that a usage error comes alone).
type keeper struct {
	rec *history.Recorder
	// note says why no history is kept, "" when one is.
	note   string
	cancel context.CancelFunc
	done   chan error
}

// Write implements monitor.Sink.
func (k *keeper) Write(now time.Time, readings []monitor.Reading) error {
	if k.rec == nil {
		return nil
	}
	return k.rec.Write(now, readable(readings))
}

// readable leaves out the readings of devices whose counters could not be
// read (another host that is unreachable): their totals are 0 then, and
// the history would take the counter's return for a reset and count the
// whole counter again.
func readable(readings []monitor.Reading) []monitor.Reading {
	for i := range readings {
		if readings[i].Error != "" {
			out := append([]monitor.Reading(nil), readings[:i]...)
			for _, r := range readings[i+1:] {
				if r.Error == "" {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return readings
}

// open opens the history file and starts writing it. A file of a newer
// winload is refused (an error); any other problem leaves the program
// running without history, with a note on standard error and the
// screen's warning line.
func (k *keeper) open(ctx context.Context, cfg cli.Config, stderr io.Writer) error {
	if cfg.History.Path == "" {
		return nil
	}
	rec, err := history.Open(historyOptions(cfg, false), time.Now())
	switch {
	case errors.Is(err, history.ErrNewer):
		return fmt.Errorf("%w: upgrade winload, or choose another file with --history-file, or none with --no-history", err)
	case err != nil:
		k.note = fmt.Sprintf("history off: %v", err)
		fmt.Fprintf(stderr, "winload: %s\n", k.note)
		return nil
	}
	if note := rec.Note(); note != "" {
		// Also on the screen's warning line; here for streams and for
		// after the screen is gone.
		fmt.Fprintf(stderr, "winload: %s\n", note)
	}
	hctx, cancel := context.WithCancel(ctx)
	k.rec, k.cancel, k.done = rec, cancel, make(chan error, 1)
	go func() { k.done <- rec.Run(hctx) }()
	return nil
}

// prime adds the first sample's counters, which the monitor does not
// hand to its sinks: the first screen then shows what the kernel counted
// while winload was not running.
func (k *keeper) prime(mon *monitor.Monitor) {
	if k.rec != nil {
		_ = k.rec.Write(time.Now(), readable(mon.Readings(nil)))
	}
}

// stop writes the file a last time and waits for that; the error is
// for standard error, after the screen is gone.
func (k *keeper) stop() error {
	if k.rec == nil {
		return nil
	}
	k.cancel()
	if err := <-k.done; err != nil {
		return fmt.Errorf("history not saved: %w", err)
	}
	return nil
}

// usageModel is the monitor with each frame's Usage filled from the
// history, and its problems on the warning line.
type usageModel struct {
	*monitor.Monitor
	k *keeper
}

// Frame implements the screen's Model.
func (m usageModel) Frame(f *frame.Frame) {
	m.Monitor.Frame(f)
	note := m.k.note
	if m.k.rec != nil {
		m.k.rec.Usage(f.Device, time.Now(), &f.Usage)
		note = m.k.rec.Note()
	}
	switch {
	case note == "":
	case f.Warning == "":
		f.Warning = note
	default:
		f.Warning += "  " + note
	}
}

// runHistory prints --report or --check-quota. The totals include what
// the kernel counted since the last flush of the file (for display: the
// file is not written).
func runHistory(cfg cli.Config, out IO) int {
	fail := func(err error) int {
		fmt.Fprintf(out.Stderr, "winload: %v\n", err)
		return ExitError
	}
	now := time.Now()
	opt := historyOptions(cfg, true)
	rec, err := history.Open(opt, now)
	if err != nil {
		return fail(err)
	}
	if src, err := source.Open(cfg.Source); err == nil {
		if devs, err := src.Read(nil); err == nil {
			readings := make([]monitor.Reading, len(devs))
			for i, d := range devs {
				readings[i] = monitor.Reading{Device: d.Name, In: stats.Stat{Total: d.Rx}, Out: stats.Stat{Total: d.Tx}}
			}
			_ = rec.Write(now, readings)
		}
		src.Close()
	}
	recs := rec.Records()
	if cfg.History.CheckQuota {
		over, err := history.CheckQuota(out.Stdout, recs, opt.Quotas, opt.Calendar, now, cfg.Settings.Total)
		switch {
		case err != nil:
			return fail(err)
		case over:
			return ExitError
		}
		return ExitOK
	}
	rp := history.Report{Kind: cfg.History.Report, Devices: cfg.History.ReportDevices, Calendar: opt.Calendar,
		Quotas: opt.Quotas, Format: cfg.Settings.Total, Now: now}
	if cfg.JSON {
		err = rp.WriteJSON(out.Stdout, recs)
	} else {
		err = rp.WriteText(out.Stdout, recs)
	}
	if err != nil {
		return fail(err)
	}
	return ExitOK
}

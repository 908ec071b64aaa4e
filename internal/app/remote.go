package app

import (
	"context"
	"time"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/remote"
	"github.com/winload/winload/internal/source"
)

// withRemotes joins local with the other hosts cfg names (--remote,
// --prometheus); without any it returns local. It also returns which
// devices are the local loopback, and a preload that fills a monitor's
// statistics with the Prometheus server's recent history. Its errors are
// the command line's.
func withRemotes(ctx context.Context, local source.Source, cfg cli.Config) (source.Source, func(string) bool, func(*monitor.Monitor), error) {
	isLoop := source.LoopbackMatcher(local)
	if !cfg.Remote.Enabled() {
		return local, isLoop, func(*monitor.Monitor) {}, nil
	}
	opts := cfg.Remote
	opts.Interval, opts.Average = cfg.Settings.Interval, cfg.Settings.Average
	src, err := remote.Open(ctx, local, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	preload := func(m *monitor.Monitor) { m.Preload(time.Now(), src.History()) }
	return src, isLoop, preload, nil
}

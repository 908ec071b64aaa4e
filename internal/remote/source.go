package remote

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/winload/winload/internal/source"
)

// Options say which other hosts to read.
type Options struct {
	// Targets are the --remote exporters.
	Targets []Target
	// Prometheus is the --prometheus server's URL, "" for none; Match
	// narrows its series (--match).
	Prometheus, Match string
	// Interval is how often each endpoint is read; Average is how far
	// back the Prometheus server's history fills the statistics.
	Interval, Average time.Duration
}

// Enabled reports whether any other host is to be read.
func (o Options) Enabled() bool { return len(o.Targets) > 0 || o.Prometheus != "" }

// Source is the local source joined by other hosts' devices.
type Source struct {
	local   source.Source
	pollers []*poller
	history []source.Device
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// minPeriod is the shortest time between two reads of one endpoint.
const minPeriod = 500 * time.Millisecond

// timeout is how long one scrape may take: twice the interval, within
// 1 to 5 seconds.
func timeout(interval time.Duration) time.Duration {
	return min(max(2*interval, time.Second), 5*time.Second)
}

// Open joins local with the hosts opts names. It reads every endpoint
// once, waiting at most one scrape timeout, so that the first Read knows
// their devices; an endpoint that cannot be read then is shown as
// unreachable, not an error. The errors returned are the options' own
// (a bad URL or --match, which the Prometheus server refuses): they are
// the command line's. The scrapes run until Close.
func Open(ctx context.Context, local source.Source, opts Options) (*Source, error) {
	to := timeout(opts.Interval)
	s := &Source{local: local}
	for _, t := range opts.Targets {
		s.pollers = append(s.pollers, &poller{f: &exporter{target: t, limit: maxExpositionBytes}, timeout: to})
	}
	var srv *server
	if opts.Prometheus != "" {
		var err error
		if srv, err = newServer(opts.Prometheus, opts.Match); err != nil {
			return nil, err
		}
		s.pollers = append(s.pollers, &poller{f: srv, timeout: to})
	}
	ctx, s.cancel = context.WithCancel(ctx)
	var first sync.WaitGroup
	for _, p := range s.pollers {
		first.Go(func() { p.once(ctx) })
	}
	var histErr error
	if srv != nil {
		first.Go(func() {
			hctx, cancel := context.WithTimeout(ctx, 2*to)
			defer cancel()
			s.history, histErr = srv.history(hctx, time.Now(), opts.Average, opts.Interval)
		})
	}
	first.Wait()
	if errors.Is(histErr, errRefused) {
		s.cancel()
		return nil, fmt.Errorf("--prometheus/--match: %w", histErr)
	}
	period := max(opts.Interval, minPeriod)
	for _, p := range s.pollers {
		s.wg.Go(func() { p.run(ctx, period) })
	}
	return s, nil
}

// History returns the readings of the Prometheus server's recent past,
// oldest first per device, for monitor.Preload; nil without one.
func (s *Source) History() []source.Device { return s.history }

// Read implements source.Source: the local devices, then the latest
// devices of every other host, all sorted by name. It never waits for
// the network.
func (s *Source) Read(dst []source.Device) ([]source.Device, error) {
	dst, err := s.local.Read(dst)
	if err != nil {
		return dst, err
	}
	for _, p := range s.pollers {
		dst = p.appendTo(dst)
	}
	sortDevices(dst)
	return dst, nil
}

// Status implements source.Source: the local source's, with the hosts
// never reached added to its Error.
func (s *Source) Status() source.Status {
	st := s.local.Status()
	var problems []string
	if st.Error != "" {
		problems = append(problems, st.Error)
	}
	for _, p := range s.pollers {
		if msg := p.problem(); msg != "" {
			problems = append(problems, msg)
		}
	}
	st.Error = strings.Join(problems, "; ")
	return st
}

// Close stops the scrapes and closes the local source.
func (s *Source) Close() error {
	s.cancel()
	s.wg.Wait()
	return s.local.Close()
}

// Validate reports a --prometheus URL or --match selector that cannot
// be used, naming the flag.
func (o Options) Validate() error {
	if o.Match != "" && o.Prometheus == "" {
		return errors.New("--match: narrows the series of --prometheus; give --prometheus URL too")
	}
	if o.Prometheus == "" {
		return nil
	}
	_, err := newServer(o.Prometheus, o.Match)
	return err
}

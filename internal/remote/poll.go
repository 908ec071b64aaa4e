package remote

import (
	"context"
	"sync"
	"time"

	"github.com/winload/winload/internal/source"
)

// fetcher reads one round of remote counters.
type fetcher interface {
	// fetch returns the devices read, named HOST/DEVICE, each with the
	// time its counters were taken.
	fetch(ctx context.Context) ([]source.Device, error)
	// name names the endpoint in messages.
	name() string
}

// poller keeps the latest result of a fetcher, which it calls in the
// background.
type poller struct {
	f       fetcher
	timeout time.Duration

	mu      sync.Mutex
	devs    []source.Device // from the last answer that could be read
	err     string          // "unreachable: ..." while the last fetch failed
	reached bool            // some fetch succeeded
}

// once fetches one round, waiting at most the timeout.
func (p *poller) once(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	devs, err := p.f.fetch(ctx)
	if ctx.Err() != nil && err != nil && context.Cause(ctx) == context.Canceled {
		return // stopping
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.err = "unreachable: " + reason(err, p.timeout)
		return
	}
	p.devs, p.err, p.reached = devs, "", true
}

// run fetches every period until ctx is done.
func (p *poller) run(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.once(ctx)
		}
	}
}

// appendTo appends the latest devices, marked with the error while the
// endpoint cannot be read.
func (p *poller) appendTo(dst []source.Device) []source.Device {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range p.devs {
		d.Err = p.err
		dst = append(dst, d)
	}
	return dst
}

// problem is the error of an endpoint never read, whose devices are not
// known yet; "" otherwise.
func (p *poller) problem() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reached || p.err == "" {
		return ""
	}
	return p.f.name() + ": " + p.err
}

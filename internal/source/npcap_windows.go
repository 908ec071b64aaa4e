package source

import (
	"context"
	"fmt"

	"github.com/winload/winload/internal/capture"
)

// npcapLoopback is --npcap: a capture on Npcap's loopback adapter, counted
// in a goroutine that the capture Session owns; the loopback row's
// counters are the bytes captured since winload started.
type npcapLoopback struct {
	handle  *capture.Npcap
	counter *capture.Counter
	session *capture.Session
	warning string
}

// openNpcapLoopback opens the capture and starts counting.
func openNpcapLoopback() (*npcapLoopback, error) {
	h, err := capture.OpenLoopback()
	if err != nil {
		return nil, fmt.Errorf("--npcap: %w", err)
	}
	c := capture.NewCounter(h.LinkType())
	s := capture.Start(context.Background(), h, c, h.Wake)
	return &npcapLoopback{handle: h, counter: c, session: s, warning: capture.DoubleCountWarning(h.Version())}, nil
}

// fill sets the loopback row's bytes from the capture; the interface's
// own packet counters do not describe what was captured, so they go.
func (n *npcapLoopback) fill(d *Device) {
	d.Rx, d.Tx = n.session.Snapshot()
	d.Extra = Extra{}
}

func (n *npcapLoopback) status() Status {
	return npcapStatus(npcapState{
		adapter:        n.handle.Adapter().Name,
		version:        n.handle.Version(),
		versionWarning: n.warning,
		packets:        n.counter.Packets(),
		skipped:        n.counter.Skipped(),
		err:            n.session.Err(),
	})
}

// close stops the capture goroutine, waits for it, then closes the handle.
func (n *npcapLoopback) close() error {
	n.session.Stop()
	return n.handle.Close()
}

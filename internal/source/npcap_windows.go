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
	session *capture.Session
}

// openNpcapLoopback opens the capture and starts counting.
func openNpcapLoopback() (*npcapLoopback, error) {
	h, err := capture.OpenLoopback()
	if err != nil {
		return nil, fmt.Errorf("--npcap: %w", err)
	}
	s := capture.Start(context.Background(), h, capture.NewCounter(h.LinkType()), h.Wake)
	return &npcapLoopback{handle: h, session: s}, nil
}

// fill sets the loopback row's bytes from the capture; the interface's
// own packet counters do not describe what was captured, so they go.
func (n *npcapLoopback) fill(d *Device) {
	d.Rx, d.Tx = n.session.Snapshot()
	d.Extra = Extra{}
}

func (n *npcapLoopback) status() Status {
	return npcapStatus(n.handle.Adapter().Name, n.session.Err())
}

// close stops the capture goroutine, waits for it, then closes the handle.
func (n *npcapLoopback) close() error {
	n.session.Stop()
	return n.handle.Close()
}

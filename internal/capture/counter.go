package capture

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ErrTimeout is what a live packet source returns when its read timeout
// passed without a packet. Run treats it as "nothing yet", not as the end
// of the capture. A source that returns it must first block for a while
// (its read timeout), or Run would spin.
var ErrTimeout = errors.New("no packet before the read timeout")

// Counter adds up the loopback bytes of captured frames. Its totals are
// atomics, so a sampler may read them while Run is counting.
//
// A loopback packet is both sent and received by this machine; Linux's lo
// counts it once in each direction, and so does Counter. The incoming and
// outgoing totals are therefore always equal and are kept as one number,
// which also keeps every snapshot consistent.
type Counter struct {
	link    layers.LinkType
	bytes   atomic.Uint64
	packets atomic.Uint64
	skipped atomic.Uint64
}

// NewCounter returns a Counter for frames of the given link type (see
// SupportsLinkType).
func NewCounter(link layers.LinkType) *Counter {
	return &Counter{link: link}
}

// Count accounts one captured frame and reports whether it counted.
func (c *Counter) Count(data []byte, ci gopacket.CaptureInfo) bool {
	n, ok := FrameBytes(data, ci, c.link)
	if !ok {
		c.skipped.Add(1)
		return false
	}
	c.bytes.Add(n)
	c.packets.Add(1)
	return true
}

// Snapshot returns the bytes counted so far as received and as sent.
func (c *Counter) Snapshot() (in, out uint64) {
	b := c.bytes.Load()
	return b, b
}

// Packets returns how many frames have been counted.
func (c *Counter) Packets() uint64 { return c.packets.Load() }

// Skipped returns how many frames were read but not counted (see
// FrameBytes).
func (c *Counter) Skipped() uint64 { return c.skipped.Load() }

// Run reads frames from src and counts them until ctx is done or src fails.
//
// It returns nil when ctx is done, including when src fails because the
// capture was being stopped. Otherwise it returns src's error (io.EOF at
// the end of a capture file), wrapped. ErrTimeout from src does not end
// the loop. Run cannot interrupt a read that blocks: src must return now
// and then (a read timeout) or be woken when ctx is cancelled. A panic in
// src or in the counting comes back as an error, so it cannot take the
// program and the terminal with it.
func (c *Counter) Run(ctx context.Context, src gopacket.PacketDataSource) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("packet capture failed unexpectedly: %v", r)
		}
	}()
	for ctx.Err() == nil {
		data, ci, rerr := src.ReadPacketData()
		switch {
		case rerr == nil:
			c.Count(data, ci)
		case errors.Is(rerr, ErrTimeout):
		case ctx.Err() != nil:
			return nil
		default:
			return fmt.Errorf("reading captured packets: %w", rerr)
		}
	}
	return nil
}

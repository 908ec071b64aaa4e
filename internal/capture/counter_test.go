package capture

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// fixtureFrames returns a mixed loopback capture and the IP bytes it
// carries: an IPv4 TCP packet, an IPv6 UDP packet with Windows' family 23
// and one with family 24, which Npcap writes, a 1500-byte IPv4 packet, and a 2-byte
// frame that holds no header and must not count.
func fixtureFrames(t *testing.T) ([]frame, uint64) {
	v4 := loopbackFrame(2, ipv4TCP(t, 100))   // 140 bytes of IP
	v6 := loopbackFrame(23, ipv6UDP(t, 50))   // 98
	v6bsd := loopbackFrame(24, ipv6UDP(t, 0)) // 48
	big := loopbackFrame(2, ipv4TCP(t, 1460)) // 1500
	frames := []frame{
		{v4, len(v4)},
		{v6, len(v6)},
		{v6bsd, len(v6bsd)},
		{big, len(big)},
		{[]byte{2, 0}, 2},
	}
	return frames, 140 + 98 + 48 + 1500
}

func TestCounterCountsPcapFixture(t *testing.T) {
	frames, want := fixtureFrames(t)
	for _, snap := range []int{65535, 96, 64} {
		r := openFixture(t, writeFixture(t, layers.LinkTypeNull, snap, frames))
		c := NewCounter(r.LinkType())
		err := c.Run(context.Background(), r)
		if !errors.Is(err, io.EOF) {
			t.Fatalf("snap %d: Run = %v, want the end of the file", snap, err)
		}
		in, out := c.Snapshot()
		if in != want || out != want {
			t.Errorf("snap %d: Snapshot = %d in, %d out; want %d both ways", snap, in, out, want)
		}
		if c.Packets() != 4 || c.Skipped() != 1 {
			t.Errorf("snap %d: %d packets counted, %d skipped; want 4 and 1", snap, c.Packets(), c.Skipped())
		}
	}
}

func TestCounterTruncatedCaptureCountsOriginalLength(t *testing.T) {
	// Ten 1500-byte packets captured with the original winload's 96-byte
	// snap length: 15000 bytes, not 10 × 92.
	big := loopbackFrame(2, ipv4TCP(t, 1460))
	frames := make([]frame, 10)
	for i := range frames {
		frames[i] = frame{big, len(big)}
	}
	r := openFixture(t, writeFixture(t, layers.LinkTypeNull, 96, frames))
	c := NewCounter(r.LinkType())
	if err := c.Run(context.Background(), r); !errors.Is(err, io.EOF) {
		t.Fatalf("Run = %v", err)
	}
	if in, out := c.Snapshot(); in != 15000 || out != 15000 {
		t.Errorf("Snapshot = %d, %d; want 15000 both ways", in, out)
	}
}

// scriptSource replays a list of reads, then reports timeouts.
type scriptSource struct {
	reads []func() ([]byte, gopacket.CaptureInfo, error)
	calls atomic.Int64
}

func (s *scriptSource) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	i := int(s.calls.Add(1)) - 1
	if i < len(s.reads) {
		return s.reads[i]()
	}
	time.Sleep(time.Millisecond)
	return nil, gopacket.CaptureInfo{}, ErrTimeout
}

func packet(data []byte) func() ([]byte, gopacket.CaptureInfo, error) {
	return func() ([]byte, gopacket.CaptureInfo, error) {
		return data, gopacket.CaptureInfo{CaptureLength: len(data), Length: len(data)}, nil
	}
}

func timeout() ([]byte, gopacket.CaptureInfo, error) {
	return nil, gopacket.CaptureInfo{}, ErrTimeout
}

func TestRunKeepsGoingOnTimeoutAndStopsOnCancel(t *testing.T) {
	v4 := loopbackFrame(2, ipv4TCP(t, 0)) // 40 bytes of IP
	src := &scriptSource{reads: []func() ([]byte, gopacket.CaptureInfo, error){
		timeout, packet(v4), timeout, timeout, packet(v4),
	}}
	c := NewCounter(layers.LinkTypeNull)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, src) }()

	deadline := time.Now().Add(2 * time.Second)
	for c.Packets() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if in, _ := c.Snapshot(); in != 80 {
		t.Fatalf("counted %d bytes across timeouts, want 80", in)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after cancel = %v, want nil", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
}

func TestRunStopsOnSourceError(t *testing.T) {
	broken := errors.New("adapter removed")
	src := &scriptSource{reads: []func() ([]byte, gopacket.CaptureInfo, error){
		packet(loopbackFrame(2, ipv4TCP(t, 0))),
		func() ([]byte, gopacket.CaptureInfo, error) { return nil, gopacket.CaptureInfo{}, broken },
		packet(loopbackFrame(2, ipv4TCP(t, 0))),
	}}
	c := NewCounter(layers.LinkTypeNull)
	err := c.Run(context.Background(), src)
	if !errors.Is(err, broken) {
		t.Fatalf("Run = %v, want it to wrap %v", err, broken)
	}
	if src.calls.Load() != 2 || c.Packets() != 1 {
		t.Errorf("read %d times and counted %d packets; want 2 and 1", src.calls.Load(), c.Packets())
	}
}

func TestRunErrorWhileStoppingIsNotReported(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := &scriptSource{reads: []func() ([]byte, gopacket.CaptureInfo, error){
		func() ([]byte, gopacket.CaptureInfo, error) {
			cancel()
			return nil, gopacket.CaptureInfo{}, io.EOF
		},
	}}
	if err := NewCounter(layers.LinkTypeNull).Run(ctx, src); err != nil {
		t.Errorf("Run = %v, want nil when the source fails because of the stop", err)
	}
}

type panicSource struct{}

func (panicSource) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	panic("driver gone mad")
}

func TestRunTurnsPanicIntoError(t *testing.T) {
	err := NewCounter(layers.LinkTypeNull).Run(context.Background(), panicSource{})
	if err == nil || !strings.Contains(err.Error(), "driver gone mad") {
		t.Fatalf("Run = %v, want an error carrying the panic", err)
	}
}

func TestRunReturnsAtOnceWhenAlreadyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewCounter(layers.LinkTypeNull).Run(ctx, panicSource{}); err != nil {
		t.Errorf("Run = %v, want nil without reading", err)
	}
}

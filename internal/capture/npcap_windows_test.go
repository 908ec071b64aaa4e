package capture

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// openOrSkip opens the Npcap loopback capture, skipping the test on a
// machine where Npcap or its loopback support is not usable.
func openOrSkip(t *testing.T) *Npcap {
	t.Helper()
	n, err := OpenLoopback()
	switch {
	case errors.Is(err, ErrNpcapMissing), errors.Is(err, ErrNoLoopbackAdapter), errors.Is(err, ErrAccessDenied):
		t.Skipf("no usable Npcap loopback capture here: %v", err)
	case err != nil:
		t.Fatalf("OpenLoopback: %v", err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func TestOpenLoopbackCountsLoopbackTraffic(t *testing.T) {
	n := openOrSkip(t)
	if !SupportsLinkType(n.LinkType()) {
		t.Fatalf("link type %v not supported", n.LinkType())
	}
	c := NewCounter(n.LinkType())
	s := Start(context.Background(), n, c, n.Wake)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		io.Copy(io.Discard, conn)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	const sent = 1 << 20
	if _, err := conn.Write(make([]byte, sent)); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if in, _ := c.Snapshot(); in >= sent {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	start := time.Now()
	s.Stop()
	if d := time.Since(start); d > time.Second {
		t.Errorf("Stop took %v; the wake-up should end the read at once", d)
	}
	if err := s.Err(); err != nil {
		t.Errorf("capture failed: %v", err)
	}
	in, out := c.Snapshot()
	if in < sent || out != in {
		t.Errorf("Snapshot = %d in, %d out after sending %d bytes over loopback", in, out, sent)
	}
}

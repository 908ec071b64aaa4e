package capture

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// blockingSource blocks in every read until woken, like a live capture
// with a long timeout.
type blockingSource struct {
	wake chan struct{}
}

func (b *blockingSource) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	<-b.wake
	return nil, gopacket.CaptureInfo{}, errors.New("woken")
}

func TestSessionStopWakesBlockedRead(t *testing.T) {
	src := &blockingSource{wake: make(chan struct{})}
	var woken atomic.Int32
	s := Start(context.Background(), src, NewCounter(layers.LinkTypeNull), func() {
		if woken.Add(1) == 1 {
			close(src.wake)
		}
	})
	if err := s.Err(); err != nil {
		t.Fatalf("Err while running = %v", err)
	}
	stopped := make(chan struct{})
	go func() { s.Stop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		t.Fatal("Stop did not return")
	}
	if woken.Load() != 1 {
		t.Errorf("wake called %d times, want 1", woken.Load())
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err after a clean stop = %v, want nil", err)
	}
	s.Stop() // a second Stop neither blocks nor wakes again
	if woken.Load() != 1 {
		t.Errorf("second Stop called wake again")
	}
}

func TestSessionReportsFailureAfterStart(t *testing.T) {
	broken := errors.New("adapter removed")
	src := &scriptSource{reads: []func() ([]byte, gopacket.CaptureInfo, error){
		packet(loopbackFrame(2, ipv4TCP(t, 10))),
		func() ([]byte, gopacket.CaptureInfo, error) { return nil, gopacket.CaptureInfo{}, broken },
	}}
	s := Start(context.Background(), src, NewCounter(layers.LinkTypeNull), nil)
	waitEnded(t, s, "session did not end on the source error")
	if err := s.Err(); !errors.Is(err, broken) {
		t.Errorf("Err = %v, want it to wrap %v", err, broken)
	}
	if in, out := s.Snapshot(); in != 50 || out != 50 {
		t.Errorf("Snapshot = %d, %d; want 50 both ways", in, out)
	}
	s.Stop()
	if err := s.Err(); !errors.Is(err, broken) {
		t.Errorf("Err after Stop = %v, want the failure kept", err)
	}
}

func TestSessionStopsWithParentContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := Start(ctx, &scriptSource{}, NewCounter(layers.LinkTypeNull), nil)
	cancel()
	waitEnded(t, s, "session outlived its parent context")
	if err := s.Err(); err != nil {
		t.Errorf("Err = %v, want nil", err)
	}
}

// waitEnded waits for the session's goroutine to return.
func waitEnded(t *testing.T, s *Session, msg string) {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(2 * time.Second):
		t.Fatal(msg)
	}
}

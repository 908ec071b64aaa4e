package capture

import (
	"context"

	"github.com/gopacket/gopacket"
)

// Session runs a Counter over a packet source in a goroutine that it owns:
// the goroutine lives until Stop, or until the source fails.
type Session struct {
	counter *Counter
	cancel  context.CancelFunc
	wake    func()
	done    chan struct{}
	err     error // written once before done is closed
}

// Start begins counting src's frames with c in a new goroutine. wake, if
// not nil, is called by Stop after cancelling, to return a read that
// blocks in src (for Npcap, pcap_breakloop).
func Start(ctx context.Context, src gopacket.PacketDataSource, c *Counter, wake func()) *Session {
	ctx, cancel := context.WithCancel(ctx)
	s := &Session{counter: c, cancel: cancel, wake: wake, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = c.Run(ctx, src)
	}()
	return s
}

// Snapshot returns the bytes counted so far as received and as sent.
func (s *Session) Snapshot() (in, out uint64) { return s.counter.Snapshot() }

// Err returns the error that ended the capture on its own, or nil while
// it runs and after a clean stop.
func (s *Session) Err() error {
	select {
	case <-s.done:
		return s.err
	default:
		return nil
	}
}

// Stop cancels the capture, wakes a blocked read and waits for the
// goroutine to return. It may be called more than once.
func (s *Session) Stop() {
	s.cancel()
	if s.wake != nil {
		select {
		case <-s.done:
		default:
			s.wake()
		}
	}
	<-s.done
}

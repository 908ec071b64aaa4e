package talkers

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

type fakeReader struct{ n uint64 }

func (r *fakeReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	r.n += 1000
	return append(dst[:0], sock(1, 1, "192.0.2.1:1", "1.1.1.1:2", r.n, 0)), nil
}
func (r *fakeReader) Close() error                     { return nil }
func (r *fakeReader) Closed(d []tcpSocket) []tcpSocket { return d[:0] }
func (r *fakeReader) Missed() string                   { return "" }

type fakeResolver struct{}

func (fakeResolver) Begin([]tcpSocket)              {}
func (fakeResolver) ownerOf(s *tcpSocket) procOwner { return owners(s) }
func (fakeResolver) Note() string                   { return "" }

func TestCollectorPublishesAndFollowsTheView(t *testing.T) {
	c := newCollector(time.Millisecond, func() (reader, resolver, error) { return &fakeReader{}, fakeResolver{}, nil })
	if c.Latest() == nil {
		t.Fatal("Latest is nil before Run")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	c.SetView(View{Group: ByHost, Sort: ByOut})
	for {
		tab := c.Latest()
		if tab.Valid && tab.View.Group == ByHost && len(tab.Rows) == 1 && tab.Rows[0].Out.Curr > 0 {
			if tab.Rows[0].PID != 0 || tab.Note == "" {
				t.Fatalf("host row %+v, note %q", tab.Rows[0], tab.Note)
			}
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func TestCollectorSaysWhyItCannotRun(t *testing.T) {
	c := newCollector(time.Millisecond, func() (reader, resolver, error) { return nil, nil, errors.New("not here") })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	for c.Latest().Problem == "" {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if got := c.Latest().Problem; got != "not here" {
		t.Errorf("Problem = %q", got)
	}
}

// countingReader counts its reads.
type countingReader struct {
	fakeReader
	reads atomic.Int64
}

func (r *countingReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	r.reads.Add(1)
	return r.fakeReader.Read(dst)
}

func TestCollectorFollowsTheInterval(t *testing.T) {
	rd := &countingReader{}
	c := newCollector(time.Hour, func() (reader, resolver, error) { return rd, fakeResolver{}, nil })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	c.SetInterval(time.Millisecond)
	for rd.reads.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
}

// captureLike is a reader that says what it counts, drops frames and
// fails after three reads, as a capture whose ring fails.
type captureLike struct {
	fakeReader
	reads atomic.Int64
}

func (r *captureLike) Read(dst []tcpSocket) ([]tcpSocket, error) {
	if r.reads.Add(1) > 3 {
		return dst[:0], errors.New("the packet capture stopped: packet poll failed")
	}
	return r.fakeReader.Read(dst)
}
func (r *captureLike) Counts() string  { return "wire bytes of every protocol (packet capture)" }
func (r *captureLike) Dropped() uint64 { return 42 }

// A capture that stops leaves a clear line instead of rows, and no crash.
func TestCollectorCaptureStops(t *testing.T) {
	rd := &captureLike{}
	c := newCollector(time.Millisecond, func() (reader, resolver, error) { return rd, fakeResolver{}, nil })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	sawRows := false
	for {
		tab := c.Latest()
		if tab.Note != "collecting…" && tab.Note != "wire bytes of every protocol (packet capture)" {
			t.Fatalf("note %q", tab.Note)
		}
		if len(tab.Rows) > 0 {
			sawRows = true
			if tab.Dropped != 42 {
				t.Fatalf("Dropped %d, want 42", tab.Dropped)
			}
		}
		if tab.Problem != "" {
			if tab.Problem != "the packet capture stopped: packet poll failed" || len(tab.Rows) != 0 || !sawRows {
				t.Fatalf("problem %q with %d rows (rows seen before: %v)", tab.Problem, len(tab.Rows), sawRows)
			}
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

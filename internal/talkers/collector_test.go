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
	return append(dst[:0], sock(1, 1, "10.0.0.1:1", "1.1.1.1:2", r.n, 0)), nil
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

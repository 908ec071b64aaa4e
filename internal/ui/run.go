package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/gdamore/tcell/v2"
)

// PanicError is a panic recovered in Run, returned after the screen was
// finalized so the caller can print it on a restored terminal.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the panicking goroutine's stack
}

// Error returns the panic value followed by the stack.
func (e *PanicError) Error() string {
	return fmt.Sprintf("ui: panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value when it is an error, else nil.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Run owns the screen: it calls s.Init, and s.Fini on every way out
// (return, ctx done, panic). It samples m once at start and then every
// interval, and redraws after the first sample, every tick, every key
// that moves the selection and every resize.
//
// Keys: Right, Down, PgDn, Enter and Tab select the next device; Left, Up,
// PgUp and Backtab the previous one; q, Q, Esc and Ctrl-C quit.
//
// Run returns nil when the user quits or ctx is done. A panic in Run's
// goroutines (the loop, the event reader, a Model call) is recovered and
// returned as a *PanicError after s.Fini. An error from m.Sample does not
// stop Run: it is shown on the warning line (unless the Frame carries its
// own Error) until a Sample succeeds.
func Run(ctx context.Context, s tcell.Screen, m Model, o Options, interval time.Duration) (err error) {
	if s == nil || m == nil {
		return errors.New("ui: Run needs a screen and a model")
	}
	if interval <= 0 {
		return fmt.Errorf("ui: refresh interval must be positive, got %v", interval)
	}
	if err := s.Init(); err != nil {
		return fmt.Errorf("ui: init screen: %w", err)
	}
	r := &runner{
		s:          s,
		m:          m,
		o:          o,
		events:     make(chan tcell.Event, 16),
		quit:       make(chan struct{}),
		readerDone: make(chan struct{}),
		readerErr:  make(chan error, 1),
	}
	defer r.finish(&err)
	go r.read()
	return r.loop(ctx, interval)
}

// runner is the state of one Run.
type runner struct {
	s       tcell.Screen
	m       Model
	o       Options
	f       Frame
	errText string // the last Sample error, "" after a success

	events     chan tcell.Event
	quit       chan struct{} // closed when Run ends, to stop the reader
	readerDone chan struct{} // closed when the reader has ended
	readerErr  chan error    // the reader's panic, if any
}

// finish recovers a panic of the loop, finalizes the screen, stops the
// reader and waits for it.
func (r *runner) finish(err *error) {
	p := recover()
	var stack []byte
	if p != nil {
		stack = debug.Stack()
	}
	r.s.Fini()
	close(r.quit)
	<-r.readerDone
	if p != nil {
		*err = &PanicError{Value: p, Stack: stack}
	}
}

// read forwards the screen's events to r.events until r.quit is closed or
// the screen is finalized.
func (r *runner) read() {
	defer close(r.readerDone)
	defer func() {
		if p := recover(); p != nil {
			r.readerErr <- &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	r.s.ChannelEvents(r.events, r.quit)
}

// readerEnded returns the reader's panic, or an error saying the event
// stream ended.
func (r *runner) readerEnded() error {
	<-r.readerDone
	select {
	case err := <-r.readerErr:
		return err
	default:
		return errors.New("ui: screen stopped delivering events")
	}
}

func (r *runner) loop(ctx context.Context, interval time.Duration) error {
	r.sample()
	r.draw(false)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			r.sample()
			r.draw(false)
		case <-r.readerDone:
			return r.readerEnded()
		case ev, ok := <-r.events:
			if !ok {
				return r.readerEnded()
			}
			if quit := r.handle(ev); quit {
				return nil
			}
		}
	}
}

// handle acts on one event and reports whether Run should return.
func (r *runner) handle(ev tcell.Event) bool {
	switch ev := ev.(type) {
	case *tcell.EventKey:
		switch keyAction(ev) {
		case actQuit:
			return true
		case actNext:
			r.m.Move(1)
			r.draw(false)
		case actPrev:
			r.m.Move(-1)
			r.draw(false)
		}
	case *tcell.EventResize:
		r.draw(true)
	}
	return false
}

func (r *runner) sample() {
	if err := r.m.Sample(time.Now()); err != nil {
		r.errText = err.Error()
	} else {
		r.errText = ""
	}
}

// draw paints the selected device; sync repaints the whole terminal, as
// a resize needs.
func (r *runner) draw(sync bool) {
	r.f.Error = ""
	r.m.Frame(&r.f)
	if r.f.Error == "" {
		r.f.Error = r.errText
	}
	Draw(r.s, &r.f, &r.o)
	if sync {
		r.s.Sync()
	} else {
		r.s.Show()
	}
}

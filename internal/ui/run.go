package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/settings"
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
// (return, ctx done, panic). The caller takes m's first sample (it only
// sets the baseline: rates need two); Run draws it at once, then samples
// every set.Interval, and redraws every tick, every key that changes
// something and every resize. set.Options says how the screen
// looks (set.Multi chooses the view). ctl applies, saves and reloads the
// settings; it may be nil, and then F5 and F6 say there is no config file
// and the options window's changes apply to the screen only.
//
// Keys on the main screen: Right, Down, PgDn, Enter and Tab select the
// next device (in the multi view: the first device of the next page);
// Left, Up, PgUp and Backtab the previous one (page); m and M toggle the
// single and multi views; F2 opens the options window; F5 saves the
// settings; F6 reloads them; q, Q, Esc and Ctrl-C quit. Home and End
// select the first and last device (page). Ctrl-Z, here and in the
// options window, restores the terminal and stops the process as a shell
// would (not on Windows); when it is continued the screen is set up and
// drawn again.
//
// Keys in the options window: Up/Down (Backtab/Tab) select a field;
// Left/Right, - and + change it; Enter, Esc and F2 close the window,
// calling ctl.Apply when something changed (on an error the old settings
// stay and the error is shown); F5 saves the edited settings; F6 reloads;
// q and Ctrl-C quit. Ticks still sample and redraw underneath.
// When the interval changes, the ticker follows.
//
// Run returns nil when the user quits or ctx is done. A panic in Run's
// goroutines (the loop, the event reader, a Model or Controller call) is
// recovered and returned as a *PanicError after s.Fini. An error from
// m.Sample does not stop Run: it is shown on the warning line (unless the
// frame.Frame carries its own Error) until a Sample succeeds.
func Run(ctx context.Context, s tcell.Screen, m Model, set settings.Settings, ctl Controller) (err error) {
	if s == nil || m == nil {
		return errors.New("ui: Run needs a screen and a model")
	}
	if set.Interval <= 0 {
		return fmt.Errorf("ui: refresh interval must be positive, got %v", set.Interval)
	}
	return run(ctx, s, m, set, ctl, processStopper())
}

// run is Run with the function that stops the process for Ctrl-Z (nil
// where there is none); it returns once stop returns, when the process
// was continued.
func run(ctx context.Context, s tcell.Screen, m Model, set settings.Settings, ctl Controller, stop func() error) (err error) {
	if err := s.Init(); err != nil {
		return fmt.Errorf("ui: init screen: %w", err)
	}
	r := &runner{
		s:          s,
		m:          m,
		ctl:        ctl,
		set:        set,
		stop:       stop,
		mem:        newReleaser(),
		events:     make(chan tcell.Event, 16),
		quit:       make(chan struct{}),
		readerDone: make(chan struct{}),
		readerErr:  make(chan error, 1),
	}
	defer r.finish(&err)
	go r.read()
	return r.loop(ctx)
}

// noteLife is how long a note such as "saved to PATH" stays on screen.
const noteLife = 5 * time.Second

// runner is the state of one Run.
type runner struct {
	s       tcell.Screen
	m       Model
	ctl     Controller        // nil without a config file
	set     settings.Settings // in use
	view    View
	f       frame.Frame // the selected device, as last painted or read
	errText string      // the last Sample error, "" after a success
	note    note        // the last message of the screen itself
	noteAt  time.Time   // when note was set
	win     optionsWindow
	winOpen bool
	talk    talkersPanel
	hist    histView // key h: live graphs, days or months
	ticker  *time.Ticker
	stop    func() error // stops the process for Ctrl-Z; nil where there is none
	fatal   error        // why Run ends, when a key handler ends it on an error
	mem     *releaser    // hands free heap pages back to the system
	// drawnW and drawnH are the screen size of the last frame drawn.
	drawnW, drawnH int

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
	injectPanic("reader")
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

func (r *runner) loop(ctx context.Context) error {
	r.draw(true, false)
	r.ticker = time.NewTicker(r.set.Interval)
	defer r.ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-r.ticker.C:
			r.sample()
			if r.note.text != "" && time.Since(r.noteAt) > noteLife {
				r.note = note{}
			}
			r.draw(false, false)
			r.mem.check()
		case <-r.readerDone:
			return r.readerEnded()
		case ev, ok := <-r.events:
			if !ok {
				return r.readerEnded()
			}
			if quit := r.handle(ev); quit {
				return r.fatal
			}
		}
	}
}

// handle acts on one event and reports whether Run should return.
func (r *runner) handle(ev tcell.Event) bool {
	switch ev := ev.(type) {
	case *tcell.EventKey:
		if r.winOpen {
			return r.windowKey(ev)
		}
		return r.mainKey(ev)
	case *tcell.EventResize:
		// tcell reports the size it starts with as a resize too; a frame
		// already drawn at that size needs no full repaint (which would
		// send every cell to the terminal again).
		w, h := ev.Size()
		r.draw(true, w != r.drawnW || h != r.drawnH)
	}
	return false
}

// mainKey acts on a key pressed on the main screen.
func (r *runner) mainKey(ev *tcell.EventKey) bool {
	switch keyAction(ev) {
	case keys.Quit:
		return true
	case keys.Next:
		r.move(1)
	case keys.Prev:
		r.move(-1)
	case keys.First:
		r.jump(false)
	case keys.Last:
		r.jump(true)
	case keys.Suspend:
		return r.suspend()
	case keys.Multi:
		r.set.Multi = !r.set.Multi
	case keys.History:
		if r.f.Usage.Known {
			r.hist = r.hist.next()
		}
	case keys.Options:
		r.win = newOptionsWindow(r.set)
		r.winOpen = true
	case keys.Save:
		r.save(r.set)
	case keys.Load:
		r.load()
	default:
		if !r.talkersKey(keyAction(ev)) {
			return false
		}
	}
	r.draw(true, false)
	return false
}

// windowKey acts on a key pressed while the options window is open.
func (r *runner) windowKey(ev *tcell.EventKey) bool {
	switch windowAction(ev) {
	case keys.Quit:
		return true
	case keys.Suspend:
		return r.suspend()
	case keys.Up:
		r.win.move(-1)
	case keys.Down:
		r.win.move(1)
	case keys.Less:
		r.win.step(-1)
	case keys.More:
		r.win.step(1)
	case keys.Close:
		r.winOpen = false
		if r.win.changed() {
			r.apply(r.win.edit)
		}
	case keys.Save:
		r.save(r.win.edit)
	case keys.Load:
		r.load()
	default:
		return false
	}
	r.draw(true, false)
	return false
}

// suspend gives the terminal back, stops the process until it is
// continued (fg), then takes the terminal again and repaints it. The
// ticker restarts, so that the first sample after the pause comes a whole
// interval after it: a tick left over from the pause would otherwise be
// followed by one a moment later, and a rate over those few milliseconds
// is noise that could set Max. The samples on either side of the pause
// are an interval plus the pause apart, and rates divide by the time
// that really passed. It reports whether Run must end: when the terminal
// cannot be taken back (r.fatal says why).
func (r *runner) suspend() bool {
	if r.stop == nil {
		return false
	}
	if err := r.s.Suspend(); err != nil {
		r.setNote("cannot suspend: "+err.Error(), true)
		r.draw(true, false)
		return false
	}
	stopErr := r.stop()
	if err := r.s.Resume(); err != nil {
		r.fatal = fmt.Errorf("ui: cannot take the terminal back after Ctrl-Z: %w", err)
		return true
	}
	if stopErr != nil {
		r.setNote("cannot suspend: "+stopErr.Error(), true)
	}
	r.ticker.Reset(r.set.Interval)
	r.draw(true, true)
	return false
}

func (r *runner) sample() {
	injectPanic("sample")
	if err := r.m.Sample(time.Now()); err != nil {
		r.errText = err.Error()
	} else {
		r.errText = ""
	}
}

// frame fills r.f with the selected device and the sampling error.
func (r *runner) frame() {
	r.view.errText = r.errText
	r.view.frame(r.m)
	r.f = r.view.f
}

// draw paints the current view and, when open, the options window. With
// force false (a tick) an unchanged frame is neither painted nor shown;
// force repaints in any case, and sync also repaints the whole terminal,
// as a resize needs.
func (r *runner) draw(force, sync bool) {
	injectPanic("draw")
	if force || sync {
		r.view.invalidate()
	}
	r.view.errText, r.view.note = r.errText, r.note
	o := &r.set.Options
	s := r.mainScreen()
	if r.set.Talkers {
		// The panel changes with every tick, whatever the graphs do.
		r.view.invalidate()
	}
	showHist := false
	if r.hist != viewLive && !o.Multi {
		r.frame()
		showHist = r.f.Usage.Known
	}
	if showHist {
		// The kept totals are drawn whole; the live view repaints in
		// full when it comes back.
		r.view.invalidate()
		drawHistory(s, &r.f, o, r.hist, r.note)
	} else {
		painted := r.view.Paint(s, r.m, o)
		r.f = r.view.f
		if !painted {
			return
		}
	}
	r.drawTalkers()
	if r.winOpen {
		drawOptionsWindow(r.s, &r.win, o, r.path(), r.note)
	}
	if sync {
		r.s.Sync()
	} else {
		r.s.Show()
	}
	r.drawnW, r.drawnH = r.s.Size()
}

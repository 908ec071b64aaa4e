package ui

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/settings"
)

// recScreen is a simulation screen that records, under its own lock, the
// text after every Show or Sync and whether Fini was called.
type recScreen struct {
	tcell.SimulationScreen
	w, h        int
	panicEvents bool // ChannelEvents panics

	mu     sync.Mutex
	shows  int
	text   string
	finied bool
}

func newRecScreen(w, h int) *recScreen {
	return &recScreen{SimulationScreen: tcell.NewSimulationScreen("UTF-8"), w: w, h: h}
}

func (r *recScreen) Init() error {
	if err := r.SimulationScreen.Init(); err != nil {
		return err
	}
	r.SimulationScreen.SetSize(r.w, r.h)
	return nil
}

func (r *recScreen) Show() {
	r.SimulationScreen.Show()
	r.record()
}

func (r *recScreen) Sync() {
	r.SimulationScreen.Sync()
	r.record()
}

func (r *recScreen) record() {
	cells, w, h := r.GetContents()
	text := contentsText(cells, w, h)
	r.mu.Lock()
	r.shows++
	r.text = text
	r.mu.Unlock()
}

func (r *recScreen) Fini() {
	r.SimulationScreen.Fini()
	r.mu.Lock()
	r.finied = true
	r.mu.Unlock()
}

func (r *recScreen) ChannelEvents(ch chan<- tcell.Event, quit <-chan struct{}) {
	if r.panicEvents {
		panic("reader exploded")
	}
	r.SimulationScreen.ChannelEvents(ch, quit)
}

func (r *recScreen) snapshot() (shows int, text string, finied bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.shows, r.text, r.finied
}

// fakeModel counts calls and shows the selected device's name.
type fakeModel struct {
	n          int // devices
	panicAfter int // Sample panics on this call (1-based); 0 never
	sampleErr  error

	mu      sync.Mutex
	sel     int
	samples int
	frames  int
}

func (m *fakeModel) Sample(time.Time) error {
	m.mu.Lock()
	m.samples++
	k := m.samples
	m.mu.Unlock()
	if k == m.panicAfter {
		panic("boom in Sample")
	}
	return m.sampleErr
}

func (m *fakeModel) Move(delta int) {
	m.mu.Lock()
	m.sel = ((m.sel+delta)%m.n + m.n) % m.n
	m.mu.Unlock()
}

func (m *fakeModel) Frame(f *frame.Frame) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.frames++
	*f = sampleFrame()
	f.Device = "dev" + string(rune('0'+m.sel))
	f.Index, f.Count = m.sel, m.n
}

func (m *fakeModel) Len() int { return m.n }

func (m *fakeModel) FrameAt(i int, f *frame.Frame) {
	*f = sampleFrame()
	f.Device = "dev" + string(rune('0'+i))
	f.Index, f.Count = i, m.n
}

func (m *fakeModel) state() (sel, samples, frames int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sel, m.samples, m.frames
}

// waitFor polls cond until it holds or two seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// settingsEvery returns the default options with the given interval.
func settingsEvery(interval time.Duration) settings.Settings {
	return settings.Settings{Options: settings.Defaults().Options, Interval: interval, Average: 300 * time.Second}
}

// startRun runs Run with the default options and no controller in a
// goroutine and waits for the first frame.
func startRun(t *testing.T, ctx context.Context, s *recScreen, m Model, interval time.Duration) <-chan error {
	t.Helper()
	return startRunWith(t, ctx, s, m, settingsEvery(interval), nil)
}

// startRunWith runs Run in a goroutine and waits for the first frame.
func startRunWith(t *testing.T, ctx context.Context, s *recScreen, m Model, set settings.Settings, ctl Controller) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, s, m, set, ctl) }()
	waitFor(t, "the first frame", func() bool {
		shows, _, finied := s.snapshot()
		return shows > 0 || finied
	})
	return done
}

func waitRun(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestRunKeysMoveSelection(t *testing.T) {
	keys := []struct {
		name  string
		key   tcell.Key
		delta int
	}{
		{"Right", tcell.KeyRight, 1},
		{"Down", tcell.KeyDown, 1},
		{"PgDn", tcell.KeyPgDn, 1},
		{"Enter", tcell.KeyEnter, 1},
		{"Tab", tcell.KeyTab, 1},
		{"Left", tcell.KeyLeft, -1},
		{"Up", tcell.KeyUp, -1},
		{"PgUp", tcell.KeyPgUp, -1},
		{"Backtab", tcell.KeyBacktab, -1},
	}
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			s := newRecScreen(80, 24)
			m := &fakeModel{n: 3}
			done := startRun(t, context.Background(), s, m, time.Hour)
			s.InjectKey(k.key, 0, tcell.ModNone)
			want := (3 + k.delta) % 3
			header := "Device dev" + string(rune('0'+want)) + " "
			waitFor(t, "the new device on screen", func() bool {
				_, text, _ := s.snapshot()
				return strings.HasPrefix(text, header)
			})
			if sel, _, _ := m.state(); sel != want {
				t.Errorf("selection %d, want %d", sel, want)
			}
			s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
			if err := waitRun(t, done); err != nil {
				t.Errorf("Run returned %v", err)
			}
		})
	}
}

func TestRunQuitKeys(t *testing.T) {
	quits := []struct {
		name string
		key  tcell.Key
		r    rune
		mod  tcell.ModMask
	}{
		{"q", tcell.KeyRune, 'q', tcell.ModNone},
		{"Q", tcell.KeyRune, 'Q', tcell.ModNone},
		{"Esc", tcell.KeyEscape, 0, tcell.ModNone},
		{"Ctrl-C", tcell.KeyCtrlC, 0, tcell.ModCtrl},
	}
	for _, q := range quits {
		t.Run(q.name, func(t *testing.T) {
			s := newRecScreen(80, 24)
			m := &fakeModel{n: 2}
			done := startRun(t, context.Background(), s, m, time.Hour)
			s.InjectKey(tcell.KeyRune, 'x', tcell.ModNone) // ignored
			s.InjectKey(q.key, q.r, q.mod)
			if err := waitRun(t, done); err != nil {
				t.Errorf("Run returned %v", err)
			}
			if _, _, finied := s.snapshot(); !finied {
				t.Error("screen not finalized")
			}
			if sel, _, _ := m.state(); sel != 0 {
				t.Errorf("an ignored key moved the selection to %d", sel)
			}
		})
	}
}

func TestKeyAction(t *testing.T) {
	tests := []struct {
		ev   *tcell.EventKey
		want keys.Action
	}{
		{tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl), keys.Quit},
		{tcell.NewEventKey(tcell.KeyRune, 'c', tcell.ModCtrl), keys.Quit},
		{tcell.NewEventKey(tcell.KeyRune, 'q', tcell.ModAlt), keys.None},
		{tcell.NewEventKey(tcell.KeyRune, 'c', tcell.ModNone), keys.None},
		{tcell.NewEventKey(tcell.KeyTab, 0, tcell.ModShift), keys.Prev},
		{tcell.NewEventKey(tcell.KeyF1, 0, tcell.ModNone), keys.None},
		{tcell.NewEventKey(tcell.KeyHome, 0, tcell.ModNone), keys.First},
		{tcell.NewEventKey(tcell.KeyEnd, 0, tcell.ModNone), keys.Last},
		{tcell.NewEventKey(tcell.KeyCtrlZ, 0, tcell.ModCtrl), keys.Suspend},
		{tcell.NewEventKey(tcell.KeyRune, 'z', tcell.ModCtrl), keys.Suspend},
		{tcell.NewEventKey(tcell.KeyRune, 'z', tcell.ModNone), keys.None},
	}
	for _, tt := range tests {
		if got := keyAction(tt.ev); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.ev.Name(), got, tt.want)
		}
	}
}

func TestRunContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := newRecScreen(80, 24)
	done := startRun(t, ctx, s, &fakeModel{n: 1}, time.Hour)
	cancel()
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
	if _, _, finied := s.snapshot(); !finied {
		t.Error("screen not finalized")
	}
}

func TestRunTicksSample(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1}
	done := startRun(t, context.Background(), s, m, 2*time.Millisecond)
	waitFor(t, "three samples and frames", func() bool {
		_, samples, frames := m.state()
		return samples >= 3 && frames >= 3
	})
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunRedrawsOnlyOnEvents(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 2}
	done := startRun(t, context.Background(), s, m, time.Hour)
	s.InjectKey(tcell.KeyRune, 'x', tcell.ModNone)
	s.InjectKey(tcell.KeyF3, 0, tcell.ModNone)
	s.InjectKey(tcell.KeyRight, 0, tcell.ModNone)
	waitFor(t, "the redraw after Right", func() bool {
		_, _, frames := m.state()
		return frames >= 2
	})
	time.Sleep(20 * time.Millisecond)
	if _, samples, frames := m.state(); samples != 0 || frames != 2 {
		t.Errorf("samples %d frames %d, want 0 and 2 (the caller takes the first sample; unbound keys draw nothing)", samples, frames)
	}
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunResizeRedraws(t *testing.T) {
	s := newRecScreen(80, 24)
	done := startRun(t, context.Background(), s, &fakeModel{n: 1}, time.Hour)
	s.SetSize(100, 30)
	if err := s.PostEvent(tcell.NewEventResize(100, 30)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a 100x30 frame", func() bool {
		_, text, _ := s.snapshot()
		lines := strings.Split(text, "\n")
		return len(lines) == 31 && lines[1] == strings.Repeat("=", 100) && strings.HasPrefix(lines[29], "<-/->")
	})
	s.SetSize(30, 8)
	if err := s.PostEvent(tcell.NewEventResize(30, 8)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the too-small message", func() bool {
		_, text, _ := s.snapshot()
		return strings.Contains(text, "Terminal too small!")
	})
	s.InjectKey(tcell.KeyEscape, 0, tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunShowsSampleError(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1, sampleErr: errors.New("no counters")}
	done := startRun(t, context.Background(), s, m, 5*time.Millisecond)
	waitFor(t, "the sample error on the warning line", func() bool {
		_, text, _ := s.snapshot()
		return strings.Contains(text, "\nError: no counters\n")
	})
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunRecoversModelPanic(t *testing.T) {
	for _, after := range []int{1, 3} {
		s := newRecScreen(80, 24)
		m := &fakeModel{n: 1, panicAfter: after}
		done := make(chan error, 1)
		go func() { done <- Run(context.Background(), s, m, settingsEvery(time.Millisecond), nil) }()
		err := waitRun(t, done)
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Fatalf("panic on Sample %d: got %v, want a *PanicError", after, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "boom in Sample") || !strings.Contains(msg, "fakeModel") {
			t.Errorf("error lacks the panic value or the stack:\n%s", msg)
		}
		if _, _, finied := s.snapshot(); !finied {
			t.Error("screen not finalized after a panic")
		}
	}
}

func TestRunRecoversReaderPanic(t *testing.T) {
	s := newRecScreen(80, 24)
	s.panicEvents = true
	done := make(chan error, 1)
	go func() { done <- Run(context.Background(), s, &fakeModel{n: 1}, settingsEvery(time.Hour), nil) }()
	err := waitRun(t, done)
	if err == nil || !strings.Contains(err.Error(), "reader exploded") {
		t.Fatalf("got %v, want the reader's panic", err)
	}
	if _, _, finied := s.snapshot(); !finied {
		t.Error("screen not finalized after a panic")
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	s := newRecScreen(80, 24)
	if err := Run(context.Background(), s, &fakeModel{n: 1}, settingsEvery(0), nil); err == nil {
		t.Error("interval 0 accepted")
	}
	if err := Run(context.Background(), s, nil, settingsEvery(time.Second), nil); err == nil {
		t.Error("nil model accepted")
	}
	if shows, _, _ := s.snapshot(); shows != 0 {
		t.Error("a rejected Run drew on the screen")
	}
}

func TestRunLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		s := newRecScreen(80, 24)
		done := startRun(t, ctx, s, &fakeModel{n: 2}, time.Millisecond)
		s.InjectKey(tcell.KeyRight, 0, tcell.ModNone)
		cancel()
		if err := waitRun(t, done); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "goroutines to end", func() bool { return runtime.NumGoroutine() <= before })
}

// TestEveryTableKeyCanBePressed checks that each key name in the key table
// is what keyName makes of some key press, so that no binding is dead.
func TestEveryTableKeyCanBePressed(t *testing.T) {
	presses := []*tcell.EventKey{
		tcell.NewEventKey(tcell.KeyRight, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyLeft, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyUp, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyDown, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyPgDn, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyPgUp, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyHome, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyEnd, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyEnter, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyTab, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyBacktab, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyEscape, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl), tcell.NewEventKey(tcell.KeyCtrlZ, 0, tcell.ModCtrl),
		tcell.NewEventKey(tcell.KeyF2, 0, tcell.ModNone), tcell.NewEventKey(tcell.KeyF5, 0, tcell.ModNone),
		tcell.NewEventKey(tcell.KeyF6, 0, tcell.ModNone),
	}
	for _, r := range "mMpPgGsShHqQ-+=" {
		presses = append(presses, tcell.NewEventKey(tcell.KeyRune, r, tcell.ModNone))
	}
	names := map[string]bool{}
	for _, ev := range presses {
		names[keyName(ev)] = true
	}
	for _, b := range append(keys.Main(), keys.Window()...) {
		for _, k := range b.Keys {
			if !names[k] {
				t.Errorf("no key press is named %q: keyName or this test lacks it (%s)", k, b.Help)
			}
		}
	}
}

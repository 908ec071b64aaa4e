package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/settings"
)

const fakePath = "/tmp/winload-test.toml"

// fakeController records the calls Run makes.
type fakeController struct {
	applyErr, saveErr, loadErr error
	loaded                     settings.Settings

	mu      sync.Mutex
	applied []settings.Settings
	saved   []settings.Settings
	loads   int
}

func (c *fakeController) Apply(s settings.Settings) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.applied = append(c.applied, s)
	return c.applyErr
}

func (c *fakeController) Save(s settings.Settings) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.saved = append(c.saved, s)
	return c.saveErr
}

func (c *fakeController) Load() (settings.Settings, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loads++
	return c.loaded, c.loadErr
}

func (c *fakeController) Path() string { return fakePath }

func (c *fakeController) calls() (applied, saved []settings.Settings, loads int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]settings.Settings(nil), c.applied...), append([]settings.Settings(nil), c.saved...), c.loads
}

// waitText waits until the screen shows want.
func waitText(t *testing.T, s *recScreen, want string) string {
	t.Helper()
	var text string
	waitFor(t, "the screen to show "+want, func() bool {
		_, text, _ = s.snapshot()
		return strings.Contains(text, want)
	})
	return text
}

// quitRun presses q and expects Run to return nil.
func quitRun(t *testing.T, s *recScreen, done <-chan error) {
	t.Helper()
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

// key injects a special key.
func key(s *recScreen, k tcell.Key) { s.InjectKey(k, 0, tcell.ModNone) }

// samplesIn returns how many samples m takes during d.
func samplesIn(m *fakeModel, d time.Duration) int {
	_, before, _ := m.state()
	time.Sleep(d)
	_, after, _ := m.state()
	return after - before
}

func TestRunOptionsWindowChangesInterval(t *testing.T) {
	s := newRecScreen(120, 40)
	m := &fakeModel{n: 2}
	ctl := &fakeController{}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(time.Millisecond), ctl)
	key(s, tcell.KeyF2)
	waitText(t, s, "< 1 ms >")
	key(s, tcell.KeyRight)
	waitText(t, s, "< 100 ms >")
	if applied, _, _ := ctl.calls(); len(applied) != 0 {
		t.Fatalf("Apply called while the window is open: %v", applied)
	}
	key(s, tcell.KeyEnter)
	waitFor(t, "Apply", func() bool {
		applied, _, _ := ctl.calls()
		return len(applied) == 1
	})
	applied, _, _ := ctl.calls()
	want := settingsEvery(time.Millisecond)
	want.Interval = 100 * time.Millisecond
	if applied[0] != want {
		t.Errorf("Apply(%+v), want %+v", applied[0], want)
	}
	waitFor(t, "the window to close", func() bool {
		_, text, _ := s.snapshot()
		return !strings.Contains(text, "Interval")
	})
	// At 1 ms there would be about 300 samples; at 100 ms about 3.
	if n := samplesIn(m, 300*time.Millisecond); n > 10 {
		t.Errorf("%d samples in 300 ms after the interval became 100 ms", n)
	}
	quitRun(t, s, done)
}

func TestRunOptionsWindowKeepsSampling(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(2*time.Millisecond), nil)
	key(s, tcell.KeyF2)
	waitText(t, s, "Config: none")
	if n := samplesIn(m, 100*time.Millisecond); n < 3 {
		t.Errorf("%d samples in 100 ms with the window open", n)
	}
	if _, text, _ := s.snapshot(); !strings.Contains(text, "Config: none") || !strings.Contains(text, "Device dev0") {
		t.Errorf("the window or the screen under it is missing:\n%s", text)
	}
	s.InjectKey(tcell.KeyCtrlC, 0, tcell.ModCtrl) // Ctrl-C quits in the window
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunQInWindowQuits(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 2}
	ctl := &fakeController{}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(time.Hour), ctl)
	key(s, tcell.KeyF2)
	waitText(t, s, "> Interval")
	key(s, tcell.KeyRight) // an edit that q drops
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
	if applied, saved, _ := ctl.calls(); len(applied) != 0 || len(saved) != 0 {
		t.Errorf("q in the window applied %v or saved %v", applied, saved)
	}
}

func TestRunSave(t *testing.T) {
	s := newRecScreen(120, 40)
	ctl := &fakeController{}
	set := settingsEvery(time.Hour)
	done := startRunWith(t, context.Background(), s, &fakeModel{n: 1}, set, ctl)
	key(s, tcell.KeyF5) // on the main screen
	waitText(t, s, "saved to "+fakePath)
	key(s, tcell.KeyF2)
	for range 7 {
		key(s, tcell.KeyDown)
	}
	waitText(t, s, "> Graph")
	key(s, tcell.KeyRight)
	waitText(t, s, "< unicode >")
	key(s, tcell.KeyF5) // in the window: the edited settings
	waitFor(t, "the second Save", func() bool {
		_, saved, _ := ctl.calls()
		return len(saved) == 2
	})
	applied, saved, _ := ctl.calls()
	if saved[0] != set {
		t.Errorf("F5 saved %+v, want %+v", saved[0], set)
	}
	edited := set
	edited.Graph = settings.GraphUnicode
	if saved[1] != edited {
		t.Errorf("F5 in the window saved %+v, want %+v", saved[1], edited)
	}
	if len(applied) != 0 {
		t.Errorf("saving applied %v", applied)
	}
	key(s, tcell.KeyEscape)
	quitRun(t, s, done)
}

func TestRunSaveErrorShown(t *testing.T) {
	s := newRecScreen(80, 24)
	ctl := &fakeController{saveErr: errors.New("disk full")}
	done := startRunWith(t, context.Background(), s, &fakeModel{n: 1}, settingsEvery(time.Hour), ctl)
	key(s, tcell.KeyF5)
	text := waitText(t, s, "cannot save settings: disk full")
	if !strings.Contains(strings.Split(text, "\n")[2], "disk full") {
		t.Errorf("the error is not on the warning line:\n%s", text)
	}
	key(s, tcell.KeyF2)
	text = waitText(t, s, "Config: "+fakePath)
	if strings.Count(text, "disk full") != 2 {
		t.Errorf("the window does not repeat the error:\n%s", text)
	}
	key(s, tcell.KeyEscape)
	quitRun(t, s, done)
}

func TestRunLoadApplies(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1}
	loaded := settingsEvery(2 * time.Millisecond)
	loaded.Graph = settings.GraphBlock
	loaded.Average = time.Minute
	ctl := &fakeController{loaded: loaded}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(time.Hour), ctl)
	key(s, tcell.KeyF6)
	text := waitText(t, s, "reloaded "+fakePath)
	if !strings.Contains(text, "←/→ Switch device") {
		t.Errorf("the loaded block graph style is not in use:\n%s", text)
	}
	applied, _, loads := ctl.calls()
	if loads != 1 || len(applied) != 1 || applied[0] != loaded {
		t.Errorf("loads %d, applied %+v; want 1 and the loaded settings", loads, applied)
	}
	if n := samplesIn(m, 100*time.Millisecond); n < 3 {
		t.Errorf("%d samples in 100 ms after loading a 2 ms interval", n)
	}
	// F6 in the window starts it over from the loaded settings.
	key(s, tcell.KeyF2)
	waitText(t, s, "< 2 ms >")
	key(s, tcell.KeyF6)
	key(s, tcell.KeyEnter) // nothing changed: no Apply
	waitFor(t, "the second Load", func() bool {
		_, _, loads := ctl.calls()
		return loads == 2
	})
	time.Sleep(20 * time.Millisecond)
	if applied, _, _ := ctl.calls(); len(applied) != 1 {
		t.Errorf("reloading unchanged settings applied them again: %d calls", len(applied))
	}
	quitRun(t, s, done)
}

func TestRunLoadErrorShown(t *testing.T) {
	s := newRecScreen(80, 24)
	ctl := &fakeController{loadErr: errors.New("line 3: bad value")}
	done := startRunWith(t, context.Background(), s, &fakeModel{n: 1}, settingsEvery(time.Hour), ctl)
	key(s, tcell.KeyF6)
	waitText(t, s, "cannot reload settings: line 3: bad value")
	if applied, _, _ := ctl.calls(); len(applied) != 0 {
		t.Errorf("a failed load applied %v", applied)
	}
	quitRun(t, s, done)
}

func TestRunApplyErrorKeepsOldSettings(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1}
	ctl := &fakeController{applyErr: errors.New("window too long")}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(time.Hour), ctl)
	key(s, tcell.KeyF2)
	key(s, tcell.KeyUp) // wraps to Multi view
	waitText(t, s, "> Multi view")
	key(s, tcell.KeyRight)
	key(s, tcell.KeyLeft)
	s.InjectKey(tcell.KeyRune, '+', tcell.ModNone)
	waitText(t, s, "< on >")
	key(s, tcell.KeyF2) // closes
	text := waitText(t, s, "cannot apply settings: window too long")
	if !strings.Contains(text, "Device dev0") || strings.Contains(text, "winload:") {
		t.Errorf("the multi view was applied despite the error:\n%s", text)
	}
	if applied, _, _ := ctl.calls(); len(applied) != 1 || !applied[0].Multi {
		t.Errorf("applied %+v, want one call with Multi on", applied)
	}
	key(s, tcell.KeyF2)
	waitText(t, s, "< 3600000 ms >")
	if _, text, _ := s.snapshot(); !strings.Contains(text, "Multi view     off") {
		t.Errorf("the window does not start from the old settings:\n%s", text)
	}
	key(s, tcell.KeyEscape)
	quitRun(t, s, done)
}

func TestRunNoController(t *testing.T) {
	s := newRecScreen(80, 24)
	done := startRunWith(t, context.Background(), s, &fakeModel{n: 1}, settingsEvery(time.Hour), nil)
	key(s, tcell.KeyF5)
	waitText(t, s, "no config file")
	key(s, tcell.KeyF2)
	waitText(t, s, "Config: none")
	s.InjectKey(tcell.KeyRune, '+', tcell.ModNone) // 1 h is the last interval
	key(s, tcell.KeyDown)
	key(s, tcell.KeyDown)
	s.InjectKey(tcell.KeyRune, '-', tcell.ModNone) // rate unit: GiB
	key(s, tcell.KeyEnter)
	waitText(t, s, "Curr: 0.00 GiB/s")
	quitRun(t, s, done)
}

func TestRunMultiToggle(t *testing.T) {
	s := newRecScreen(120, 40)
	m := &fakeModel{n: 3}
	done := startRun(t, context.Background(), s, m, time.Hour)
	waitText(t, s, "| m Multi |")
	s.InjectKey(tcell.KeyRune, 'm', tcell.ModNone)
	text := waitText(t, s, "winload: 3 devices (page 1/1)")
	for _, dev := range []string{"\ndev0 [", "\ndev1 [", "\ndev2 ["} {
		if !strings.Contains(text, dev) {
			t.Errorf("multi view lacks %q:\n%s", dev, text)
		}
	}
	if !strings.Contains(text, "| m Single |") {
		t.Errorf("help bar of the multi view:\n%s", text)
	}
	s.InjectKey(tcell.KeyRune, 'M', tcell.ModNone)
	waitText(t, s, "Device dev0 [")
	quitRun(t, s, done)
}

func TestRunMultiPaging(t *testing.T) {
	s := newRecScreen(80, 24) // three devices a page
	m := &fakeModel{n: 7}
	set := settingsEvery(time.Hour)
	set.Multi = true
	done := startRunWith(t, context.Background(), s, m, set, nil)
	waitText(t, s, "winload: 7 devices (page 1/3)")
	steps := []struct {
		k    tcell.Key
		sel  int
		page string
	}{
		{tcell.KeyRight, 3, "page 2/3"},
		{tcell.KeyPgDn, 6, "page 3/3"},
		{tcell.KeyDown, 0, "page 1/3"}, // wraps
		{tcell.KeyLeft, 6, "page 3/3"}, // wraps back
		{tcell.KeyPgUp, 3, "page 2/3"},
	}
	for _, st := range steps {
		key(s, st.k)
		text := waitText(t, s, st.page)
		if sel, _, _ := m.state(); sel != st.sel {
			t.Errorf("after %v: selection %d, want %d", st.k, sel, st.sel)
		}
		if first := "\ndev" + string(rune('0'+st.sel)) + " ["; !strings.Contains(text, first) {
			t.Errorf("after %v: page lacks %q:\n%s", st.k, first, text)
		}
	}
	s.InjectKey(tcell.KeyRune, 'm', tcell.ModNone)
	waitText(t, s, "Device dev3 [") // the single view shows the selection
	quitRun(t, s, done)
}

func TestWindowAction(t *testing.T) {
	tests := []struct {
		ev   *tcell.EventKey
		want keys.Action
	}{
		{tcell.NewEventKey(tcell.KeyRune, 'q', tcell.ModNone), keys.Quit},
		{tcell.NewEventKey(tcell.KeyRune, 'Q', tcell.ModNone), keys.Quit},
		{tcell.NewEventKey(tcell.KeyRune, 'm', tcell.ModNone), keys.None},
		{tcell.NewEventKey(tcell.KeyRune, '+', tcell.ModNone), keys.More},
		{tcell.NewEventKey(tcell.KeyRune, '=', tcell.ModNone), keys.More},
		{tcell.NewEventKey(tcell.KeyRune, '-', tcell.ModNone), keys.Less},
		{tcell.NewEventKey(tcell.KeyRune, '-', tcell.ModAlt), keys.None},
		{tcell.NewEventKey(tcell.KeyEscape, 0, tcell.ModNone), keys.Close},
		{tcell.NewEventKey(tcell.KeyEnter, 0, tcell.ModNone), keys.Close},
		{tcell.NewEventKey(tcell.KeyF2, 0, tcell.ModNone), keys.Close},
		{tcell.NewEventKey(tcell.KeyF5, 0, tcell.ModNone), keys.Save},
		{tcell.NewEventKey(tcell.KeyF6, 0, tcell.ModNone), keys.Load},
		{tcell.NewEventKey(tcell.KeyTab, 0, tcell.ModNone), keys.Down},
		{tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl), keys.Quit},
		{tcell.NewEventKey(tcell.KeyRune, 'c', tcell.ModCtrl), keys.Quit},
	}
	for _, tt := range tests {
		if got := windowAction(tt.ev); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.ev.Name(), got, tt.want)
		}
	}
}

package ui

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// listModel is a Model over a slice of frames, changed by the test
// between paints.
type listModel struct {
	frames frameList
	sel    int
}

func (m *listModel) Sample(time.Time) error { return nil }
func (m *listModel) Move(delta int) {
	n := len(m.frames)
	m.sel = ((m.sel+delta)%n + n) % n
}
func (m *listModel) Frame(f *frame.Frame) { m.FrameAt(m.sel, f) }
func (m *listModel) Len() int             { return len(m.frames) }
func (m *listModel) FrameAt(i int, f *frame.Frame) {
	m.frames.FrameAt(i, f)
	f.Index, f.Count = i, len(m.frames)
}

// idleFrames returns n idle devices: no traffic and a graph of zeros.
func idleFrames(n int, history int) frameList {
	l := make(frameList, n)
	for i := range l {
		zeros := make(sliceSeries, history)
		l[i] = frame.Frame{Device: "dev" + string(rune('0'+i)),
			In:  frame.Direction{Valid: true, Total: 100, History: zeros},
			Out: frame.Direction{Valid: true, Total: 200, History: append(sliceSeries(nil), zeros...)}}
	}
	return l
}

// A View paints a frame that differs from the last one painted in
// anything shown, and skips one that does not.
func TestViewSkipsUnchangedFrames(t *testing.T) {
	for _, multi := range []bool{false, true} {
		for _, graph := range []settings.GraphStyle{settings.GraphASCII, settings.GraphUnicode, settings.GraphBraille} {
			s := newSim(t, 120, 40)
			m := &listModel{frames: idleFrames(3, 300)}
			o := settings.Defaults().Options
			o.Multi, o.Graph = multi, graph
			var v View
			paint := func(what string, want bool) {
				t.Helper()
				if got := v.Paint(s, m, &o); got != want {
					t.Errorf("multi %v, graph %v: %s: painted %v, want %v", multi, graph, what, got, want)
				}
			}
			paint("first frame", true)
			paint("same frame", false)

			m.frames[0].In.Curr = 1
			paint("Curr changed", true)
			m.frames[0].In.History.(sliceSeries)[299] = 1e6
			paint("newest graph value changed", true)
			paint("same again", false)
			m.frames[0].In.History.(sliceSeries)[0] = 5e6
			paint("a value older than the graph shows changed", false)
			m.frames[2].Out.Total++
			paint("another device's total", multi)
			m.frames[0].Warning = "w"
			paint("warning", true)
			v.note = note{text: "saved"}
			paint("note", true)
			v.errText = "read failed"
			paint("sampling error", true)
			o.Rate.SI = true
			paint("options", true)
			s.SetSize(100, 30)
			paint("size", true)
			paint("same size", false)
			v.invalidate()
			paint("invalidated", true)
		}
	}
}

// On the graphs that draw a zero as nothing, an idle device's frame stays
// the same while its history fills with zeros; the Unicode graph draws
// zeros as a trace, so there it changes.
func TestViewIdleHistoryGrowth(t *testing.T) {
	for _, tt := range []struct {
		graph settings.GraphStyle
		want  bool
	}{{settings.GraphASCII, false}, {settings.GraphBlock, false}, {settings.GraphBraille, false}, {settings.GraphUnicode, true}} {
		s := newSim(t, 120, 40)
		m := &listModel{frames: idleFrames(1, 10)}
		o := settings.Defaults().Options
		o.Graph = tt.graph
		var v View
		v.Paint(s, m, &o)
		m.frames[0].In.History = append(m.frames[0].In.History.(sliceSeries), 0)
		if got := v.Paint(s, m, &o); got != tt.want {
			t.Errorf("graph %v: a zero added to a short history: painted %v, want %v", tt.graph, got, tt.want)
		}
	}
}

// An idle device is not shown again on every tick: the terminal gets a
// frame only when something on it changes.
func TestRunSkipsUnchangedTicks(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &fakeModel{n: 1}
	done := startRun(t, context.Background(), s, m, time.Millisecond)
	waitFor(t, "ten samples", func() bool {
		_, samples, _ := m.state()
		return samples >= 10
	})
	if shows, _, _ := s.snapshot(); shows != 1 {
		t.Errorf("%d frames shown for an unchanged screen, want 1", shows)
	}
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunHomeEnd(t *testing.T) {
	for _, multi := range []bool{false, true} {
		s := newRecScreen(80, 24)
		m := &fakeModel{n: 8, sel: 3}
		set := settingsEvery(time.Hour)
		set.Multi = multi
		done := startRunWith(t, context.Background(), s, m, set, nil)
		last := 7
		if multi {
			lay := newMultiLayout(80, 24, false, &set.Options, 8)
			if lay.perPage < 2 || lay.perPage >= 8 {
				t.Fatalf("the test needs pages of 2 to 7 devices, got %d", lay.perPage)
			}
			last = 7 / lay.perPage * lay.perPage
		}
		for _, k := range []struct {
			key  tcell.Key
			want int
		}{{tcell.KeyEnd, last}, {tcell.KeyHome, 0}, {tcell.KeyEnd, last}} {
			s.InjectKey(k.key, 0, tcell.ModNone)
			waitFor(t, tcell.KeyNames[k.key], func() bool {
				sel, _, _ := m.state()
				return sel == k.want
			})
		}
		s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
		if err := waitRun(t, done); err != nil {
			t.Errorf("Run returned %v", err)
		}
	}
}

// suspendScreen records Suspend and Resume.
type suspendScreen struct {
	*recScreen
	mu  sync.Mutex
	log []string
}

func (s *suspendScreen) Suspend() error { s.add("suspend"); return s.recScreen.Suspend() }
func (s *suspendScreen) Resume() error  { s.add("resume"); return s.recScreen.Resume() }
func (s *suspendScreen) Sync()          { s.add("sync"); s.recScreen.Sync() }
func (s *suspendScreen) add(e string) {
	s.mu.Lock()
	s.log = append(s.log, e)
	s.mu.Unlock()
}
func (s *suspendScreen) events() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// timedModel records when it is sampled.
type timedModel struct {
	fakeModel
	mu    sync.Mutex
	times []time.Time
}

func (m *timedModel) Sample(now time.Time) error {
	m.mu.Lock()
	m.times = append(m.times, now)
	m.mu.Unlock()
	return m.fakeModel.Sample(now)
}

func (m *timedModel) samplesAfter(t0 time.Time) []time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []time.Time
	for _, t := range m.times {
		if t.After(t0) {
			out = append(out, t)
		}
	}
	return out
}

// Ctrl-Z gives the terminal back, stops the process, and takes the
// terminal back and repaints it all when the process continues. The first
// sample after the pause comes a whole interval after it, not at once
// followed by one a moment later (a rate over a few milliseconds).
func TestRunCtrlZSuspends(t *testing.T) {
	for _, key := range []*tcell.EventKey{
		tcell.NewEventKey(tcell.KeyCtrlZ, 0, tcell.ModCtrl),
		tcell.NewEventKey(tcell.KeyRune, 'z', tcell.ModCtrl),
	} {
		t.Run(key.Name(), func(t *testing.T) {
			const interval = 20 * time.Millisecond
			s := &suspendScreen{recScreen: newRecScreen(80, 24)}
			m := &timedModel{fakeModel: fakeModel{n: 1}}
			var resumed time.Time
			stops := 0
			stop := func() error {
				stops++
				if ev := s.events(); len(ev) == 0 || ev[len(ev)-1] != "suspend" {
					t.Errorf("stopped with the screen not suspended: %v", ev)
				}
				time.Sleep(5 * interval) // stopped: ticks pile up
				resumed = time.Now()
				return nil
			}
			done := make(chan error, 1)
			go func() { done <- run(context.Background(), s, m, settingsEvery(interval), nil, stop) }()
			waitFor(t, "the first frame", func() bool { shows, _, _ := s.snapshot(); return shows > 0 })
			s.PostEvent(key)
			waitFor(t, "the repaint after the resume", func() bool {
				ev := s.events()
				return len(ev) >= 3 && ev[len(ev)-1] == "sync"
			})
			if ev := s.events(); len(ev) != 3 || ev[0] != "suspend" || ev[1] != "resume" {
				t.Errorf("screen calls %v, want suspend, resume, sync", ev)
			}
			waitFor(t, "two samples after the resume", func() bool { return len(m.samplesAfter(resumed)) >= 2 })
			after := m.samplesAfter(resumed)
			if gap := after[0].Sub(resumed); gap < interval {
				t.Errorf("first sample %v after the resume, want at least the interval %v", gap, interval)
			}
			s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
			if err := waitRun(t, done); err != nil {
				t.Errorf("Run returned %v", err)
			}
			if stops != 1 {
				t.Errorf("stopped %d times, want 1", stops)
			}
		})
	}
}

// Without a way to stop the process (Windows), Ctrl-Z does nothing.
func TestRunCtrlZWithoutStop(t *testing.T) {
	s := &suspendScreen{recScreen: newRecScreen(80, 24)}
	m := &fakeModel{n: 1}
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), s, m, settingsEvery(time.Hour), nil, nil) }()
	waitFor(t, "the first frame", func() bool { shows, _, _ := s.snapshot(); return shows > 0 })
	s.InjectKey(tcell.KeyCtrlZ, 0, tcell.ModCtrl)
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Errorf("Run returned %v", err)
	}
	if ev := s.events(); len(ev) != 0 {
		t.Errorf("screen calls %v, want none", ev)
	}
}

// The sum View.key makes of the values a graph shows gives the peak
// visiblePeak gives, and a hash that changes with any one of those values
// (but not with a 0 becoming "no value" where the graph shows both alike).
func TestTailSumPeakAndHash(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	special := []float64{math.Inf(1), math.NaN(), 0, 7e9}
	for range 500 {
		h := make(sliceSeries, r.IntN(40))
		for i := range h {
			h[i] = float64(r.IntN(1000))
			if r.IntN(8) == 0 {
				h[i] = special[r.IntN(len(special))]
			}
		}
		n := r.IntN(50)
		var s viewSum
		s.zeroIsNaN = r.IntN(2) == 0
		sum := func(h frame.Series) tailSum {
			return s.direction(&frame.Direction{History: h}, n)
		}
		got := sum(h)
		if want := visiblePeak(h, n); got.peak != want {
			t.Fatalf("%v, last %d: peak %v, visiblePeak %v", h, n, got.peak, want)
		}
		if len(h) == 0 || n == 0 {
			continue
		}
		i := len(h) - 1 - r.IntN(min(n, len(h)))
		h2 := slices.Clone(h)
		h2[i] = []float64{h[i] + 1, 0, math.NaN()}[r.IntN(3)]
		same := math.Float64bits(h2[i]) == math.Float64bits(h[i]) ||
			(s.zeroIsNaN && (h[i] == 0 || math.IsNaN(h[i])) && (h2[i] == 0 || math.IsNaN(h2[i])))
		if (sum(h2).hash == got.hash) != same {
			t.Fatalf("%v, last %d, value %d %v -> %v (zero is no value: %v): hash same %v, want %v",
				h, n, i, h[i], h2[i], s.zeroIsNaN, !same, same)
		}
	}
}

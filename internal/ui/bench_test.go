package ui

import (
	"fmt"
	"sync"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

func benchDraw(b *testing.B, o settings.Options, show bool) {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		b.Fatal(err)
	}
	defer s.Fini()
	s.SetSize(200, 60)
	f := sampleFrame() // 200-point histories in both directions
	draw(s, &f, &o, note{})
	s.Show()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		draw(s, &f, &o, note{})
		if show {
			s.Show()
		}
	}
}

// BenchmarkDraw measures one frame at 200x60, without Show.
func BenchmarkDraw(b *testing.B) { benchDraw(b, settings.Defaults().Options, false) }

// BenchmarkDrawUnicode is BenchmarkDraw with Unicode and emoji.
func BenchmarkDrawUnicode(b *testing.B) {
	o := settings.Defaults().Options
	o.Graph, o.Emoji = settings.GraphUnicode, true
	benchDraw(b, o, false)
}

// BenchmarkDrawShow adds the simulation screen's Show, for scale.
func BenchmarkDrawShow(b *testing.B) { benchDraw(b, settings.Defaults().Options, true) }

// BenchmarkDrawMulti measures one frame of the multi view of six devices
// at 200x60, without Show.
func BenchmarkDrawMulti(b *testing.B) {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		b.Fatal(err)
	}
	defer s.Fini()
	s.SetSize(200, 60)
	list := sampleDevices(6)
	var l Lister = list // converted once, as the runner's Model is
	sel := list[0]
	var buf frame.Frame
	o := settings.Defaults().Options
	drawMulti(s, l, &sel, &buf, &o, note{})
	s.Show()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		drawMulti(s, l, &sel, &buf, &o, note{})
	}
}

// BenchmarkDrawBraille is BenchmarkDraw with the Braille graph.
func BenchmarkDrawBraille(b *testing.B) {
	o := settings.Defaults().Options
	o.Graph = settings.GraphBraille
	benchDraw(b, o, false)
}

// BenchmarkPaintTick measures one tick of a busy device as Run paints it
// at 120x40: the graph moves on by one noisy value, Curr and Avg change,
// and View.Paint writes only the cells that change (then Show).
func BenchmarkPaintTick(b *testing.B) {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		b.Fatal(err)
	}
	defer s.Fini()
	s.SetSize(120, 40)
	benchPaintTick(b, s)
}

// BenchmarkPaintTickTerminal is BenchmarkPaintTick on tcell's terminal
// screen, the one winload draws on, whose Show sends only what changed.
func BenchmarkPaintTickTerminal(b *testing.B) {
	benchPaintTick(b, terminalScreen(b, 120, 40))
}

func benchPaintTick(b *testing.B, s tcell.Screen) {
	const n = 1024
	vals := make(sliceSeries, 4*n)
	for i := range vals {
		vals[i] = 1e7 * (1 + 0.05*float64((i*7919)%13)/13)
	}
	m := &listModel{frames: frameList{sampleFrame()}}
	o := settings.Defaults().Options
	var v View
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f := &m.frames[0]
		f.In.History = vals[i%(3*n) : i%(3*n)+n]
		f.In.Curr, f.In.Avg = vals[i%(3*n)+n-1], vals[i%(3*n)+n-2]
		v.Paint(s, m, &o)
		s.Show()
		i++
	}
}

// discardTty is a terminal of a fixed size for tcell's terminfo screen:
// it discards what is written and has no input.
type discardTty struct {
	w, h    int
	drained chan struct{}
	once    sync.Once
}

func newDiscardTty(w, h int) *discardTty {
	return &discardTty{w: w, h: h, drained: make(chan struct{})}
}

func (t *discardTty) Start() error                { return nil }
func (t *discardTty) Stop() error                 { return nil }
func (t *discardTty) Drain() error                { t.once.Do(func() { close(t.drained) }); return nil }
func (t *discardTty) NotifyResize(func())         {}
func (t *discardTty) Close() error                { return nil }
func (t *discardTty) Write(p []byte) (int, error) { return len(p), nil }
func (t *discardTty) Read([]byte) (int, error) {
	<-t.drained // no input until the screen stops
	return 0, nil
}
func (t *discardTty) WindowSize() (tcell.WindowSize, error) {
	return tcell.WindowSize{Width: t.w, Height: t.h}, nil
}

// terminalScreen returns tcell's terminal screen (the one winload draws
// on) for xterm-256color on a discarding w x h terminal.
func terminalScreen(b *testing.B, w, h int) tcell.Screen {
	b.Helper()
	ti, err := tcell.LookupTerminfo("xterm-256color")
	if err != nil {
		b.Fatal(err)
	}
	s, err := tcell.NewTerminfoScreenFromTtyTerminfo(newDiscardTty(w, h), ti)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Init(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Fini)
	return s
}

// tickSeries is a window of n values of vals that starts at *at: moving
// *at moves every series that shares it, without an allocation.
type tickSeries struct {
	vals []float64
	at   *int
	n    int
}

func (s tickSeries) Len() int         { return s.n }
func (s tickSeries) At(i int) float64 { return s.vals[*s.at+i] }

// BenchmarkMultiTick1000 measures one tick of the multi view of 1,000
// idle devices as Run paints it at 160x50 on tcell's terminal screen,
// as in make bench-scale: every device's graph moves on by one value and
// its Avg changes, View.Paint writes the cells that change and Show sends
// them (to a terminal that discards them). Sampling is not included.
func BenchmarkMultiTick1000(b *testing.B) { benchMultiTick1000(b, 97) }

// BenchmarkMultiTick1000Idle is BenchmarkMultiTick1000 as make
// bench-scale runs it once the first seconds are over: the graphs hold
// zeros only and the Avg of every device falls a little each tick.
func BenchmarkMultiTick1000Idle(b *testing.B) { benchMultiTick1000(b, 0) }

// benchMultiTick1000 has a spike in the graphs every spikes values (none
// for 0).
func benchMultiTick1000(b *testing.B, spikes int) {
	s := terminalScreen(b, 160, 50)
	const n, hist = 1000, 512
	vals := make([]float64, 4*hist)
	for i := range vals {
		if spikes > 0 && i%spikes == 0 {
			vals[i] = 4000 // a spike now and then, as in the real run
		}
	}
	at := 0
	var series frame.Series = tickSeries{vals: vals, at: &at, n: hist}
	m := &listModel{frames: make(frameList, n)}
	for i := range m.frames {
		m.frames[i] = frame.Frame{Device: fmt.Sprintf("ifb%d", i), Addr: "10.0.0.1",
			In:  frame.Direction{Valid: true, Total: 210, Max: 4000, History: series},
			Out: frame.Direction{Valid: true, History: series}}
	}
	o := settings.Defaults().Options
	o.Multi = true
	var v View
	b.ReportAllocs()
	tick := 0
	for b.Loop() {
		at = tick % (3 * hist)
		for i := range m.frames {
			m.frames[i].In.Avg = 4000 / float64(tick+1)
		}
		v.Paint(s, m, &o)
		s.Show()
		tick++
	}
}

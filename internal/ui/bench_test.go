package ui

import (
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

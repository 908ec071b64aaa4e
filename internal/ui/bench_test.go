package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
)

func benchDraw(b *testing.B, o Options, show bool) {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		b.Fatal(err)
	}
	defer s.Fini()
	s.SetSize(200, 60)
	f := sampleFrame() // 200-point histories in both directions
	Draw(s, &f, &o)
	s.Show()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Draw(s, &f, &o)
		if show {
			s.Show()
		}
	}
}

// BenchmarkDraw measures one frame at 200x60, without Show.
func BenchmarkDraw(b *testing.B) { benchDraw(b, DefaultOptions(), false) }

// BenchmarkDrawUnicode is BenchmarkDraw with Unicode and emoji.
func BenchmarkDrawUnicode(b *testing.B) {
	o := DefaultOptions()
	o.Unicode, o.Emoji = true, true
	benchDraw(b, o, false)
}

// BenchmarkDrawShow adds the simulation screen's Show, for scale.
func BenchmarkDrawShow(b *testing.B) { benchDraw(b, DefaultOptions(), true) }

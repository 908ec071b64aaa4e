package ui

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// randomFrames returns n devices with random traffic, graphs, names,
// warnings and errors.
func randomFrames(r *rand.Rand, n int) frameList {
	l := make(frameList, n)
	for i := range l {
		hist := func() sliceSeries {
			s := make(sliceSeries, r.IntN(300))
			peak := []float64{0, 10, 1e6, 1e9}[r.IntN(4)]
			for k := range s {
				s[k] = peak * r.Float64()
				if r.IntN(5) == 0 {
					s[k] = 0
				}
			}
			return s
		}
		f := frame.Frame{Device: []string{"eth0", "lo", "wlan0", "veth1234567"}[r.IntN(4)], Addr: []string{"", "10.0.0.1"}[r.IntN(2)]}
		f.Gone = r.IntN(8) == 0
		if r.IntN(4) == 0 {
			f.Warning = "counters reset"
		}
		if r.IntN(6) == 0 {
			f.Error = "read failed"
		}
		f.In = frame.Direction{Curr: r.Float64() * 1e6, Avg: r.Float64() * 1e6, Max: 2e6, Total: r.Uint64N(1 << 40), Valid: r.IntN(5) > 0, History: hist()}
		f.Out = frame.Direction{Curr: r.Float64() * 1e3, Valid: true, History: hist()}
		l[i] = f
	}
	return l
}

// cellsOf returns every cell of s as shown.
func cellsOf(s tcell.SimulationScreen) []tcell.SimCell {
	s.Show()
	cells, _, _ := s.GetContents()
	return slices.Clone(cells)
}

// A View that leaves alone the cells its shadow says are already right
// shows, frame after frame, exactly what painting every cell shows: the
// same characters in the same styles, whatever changed between frames
// (the graphs, the layout, the size, the options).
func TestShadowPaintsLikeFullPaint(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, graph := range []settings.GraphStyle{settings.GraphASCII, settings.GraphUnicode, settings.GraphBlock, settings.GraphBraille} {
		for _, multi := range []bool{false, true} {
			s := newSim(t, 100, 30)
			var v View
			o := settings.Defaults().Options
			o.Graph, o.Multi = graph, multi
			for step := 0; step < 60; step++ {
				m := &listModel{frames: randomFrames(r, 1+r.IntN(5))}
				m.sel = r.IntN(len(m.frames))
				switch r.IntN(12) {
				case 0:
					s.SetSize(60+r.IntN(80), 12+r.IntN(30))
				case 1:
					o.Bar = []settings.BarStyle{settings.BarFill, settings.BarColor, settings.BarPlain}[r.IntN(3)]
				case 2:
					v.note = note{text: "saved", err: r.IntN(2) == 0}
				case 3:
					v.note = note{}
				}
				if r.IntN(3) == 0 {
					// Keep the same devices but move the graphs on, as ticks do.
					for i := range m.frames {
						m.frames[i].In.History = append(m.frames[i].In.History.(sliceSeries)[1:], 5e5)
					}
				}
				v.Paint(s, m, &o)
				got := cellsOf(s)

				w, h := s.Size()
				fresh := newSim(t, w, h)
				var fv View
				fv.note = v.note
				fv.Paint(fresh, m, &o)
				if want := cellsOf(fresh); !slices.EqualFunc(got, want, func(a, b tcell.SimCell) bool {
					return slices.Equal(a.Runes, b.Runes) && a.Style == b.Style
				}) {
					t.Fatalf("graph %v, multi %v, step %d: the shadowed screen differs from a full paint:\n%s\nwant:\n%s",
						graph, multi, step, screenText(s), screenText(fresh))
				}
			}
		}
	}
}

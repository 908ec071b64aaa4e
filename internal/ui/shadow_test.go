package ui

import (
	"fmt"
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
				checkLikeFullPaint(t, s, m, &o, v.note, fmt.Sprintf("graph %v, multi %v, step %d", graph, multi, step))
			}
		}
	}
}

// step changes a few things of m as ticks and the user do, mostly one
// value at a time, so that most device blocks stay as they were.
func step(r *rand.Rand, m *listModel, base frameList) {
	for range 1 + r.IntN(3) {
		i := r.IntN(len(m.frames))
		f := &m.frames[i]
		switch r.IntN(16) {
		case 0:
			f.In.Avg = []float64{0, 1e3, 5e5}[r.IntN(3)]
		case 1:
			f.Out.Total += uint64(r.IntN(3))
		case 2:
			h := f.In.History.(sliceSeries)
			f.In.History = append(slices.Clone(h[1:]), []float64{0, 0, 5e5, 2e6}[r.IntN(4)])
		case 3:
			h := f.Out.History.(sliceSeries)
			if len(h) > 0 {
				h = slices.Clone(h)
				h[r.IntN(len(h))] = 1e3 * float64(r.IntN(3))
				f.Out.History = h
			}
		case 4:
			f.Gone = !f.Gone
		case 5:
			f.Warning = []string{"", "counters reset"}[r.IntN(2)]
		case 6:
			f.Error = []string{"", "read failed"}[r.IntN(2)]
		case 7:
			m.sel = r.IntN(len(m.frames))
		case 8:
			m.frames = m.frames[:max(1, len(m.frames)-1-r.IntN(3))]
			m.sel = min(m.sel, len(m.frames)-1)
		case 9:
			if n := len(m.frames); n < len(base) {
				m.frames = append(m.frames, base[n])
			}
		case 10:
			f.Addr = []string{"", "10.0.0.1", "fe80::1"}[r.IntN(3)]
		case 11:
			f.In.Valid = !f.In.Valid
		case 12:
			f.Device, m.frames[(i+1)%len(m.frames)].Device = m.frames[(i+1)%len(m.frames)].Device, f.Device
		case 13:
			f.Tag = []string{"", "netlink", "proc"}[r.IntN(3)]
		case 14:
			f.Detail = []string{"", "counters from /proc/net/dev"}[r.IntN(2)]
		default:
			f.In.Max = float64(r.IntN(3)) * 1e6
		}
	}
}

// A View that leaves alone the parts it remembers drawing (name rows,
// labels, graph columns, statistics) shows, frame after frame, what a
// full paint shows, while devices change a value at a time, come and go,
// move between pages, and the layout and size change under them.
func TestShadowPartsPaintLikeFullPaint(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, graph := range []settings.GraphStyle{settings.GraphASCII, settings.GraphUnicode, settings.GraphBlock, settings.GraphBraille} {
		for _, multi := range []bool{false, true} {
			s := newSim(t, 100, 30)
			var v View
			o := settings.Defaults().Options
			o.Graph, o.Multi = graph, multi
			base := randomFrames(r, 12)
			for i := range base {
				base[i].Error = ""
			}
			m := &listModel{frames: slices.Clone(base)}
			for tick := 0; tick < 300; tick++ {
				step(r, m, base)
				switch r.IntN(40) {
				case 0:
					s.SetSize(60+r.IntN(80), 9+r.IntN(40))
				case 1:
					v.note = note{text: "saved"}
				case 2:
					v.note = note{}
				case 3:
					o.NoGraph = !o.NoGraph
				}
				v.Paint(s, m, &o)
				checkLikeFullPaint(t, s, m, &o, v.note, fmt.Sprintf("graph %v, multi %v, tick %d", graph, multi, tick))
			}
		}
	}
}

// checkLikeFullPaint fails the test when screen s, painted by a View
// that remembers earlier frames, differs from what a fresh View paints
// of m with the same options and note on a screen of the same size.
func checkLikeFullPaint(t *testing.T, s tcell.SimulationScreen, m Model, o *settings.Options, n note, what string) {
	t.Helper()
	got := cellsOf(s)
	w, h := s.Size()
	fresh := newSim(t, w, h)
	var fv View
	fv.note = n
	fv.Paint(fresh, m, o)
	if want := cellsOf(fresh); !slices.EqualFunc(got, want, func(a, b tcell.SimCell) bool {
		return slices.Equal(a.Runes, b.Runes) && a.Style == b.Style
	}) {
		t.Fatalf("%s: the shadowed screen differs from a full paint:\n%s\nwant:\n%s", what, screenText(s), screenText(fresh))
	}
}

package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"

	"github.com/winload/winload/internal/frame"
)

// sliceSeries is a frame.Series over a slice.
type sliceSeries []float64

func (s sliceSeries) Len() int         { return len(s) }
func (s sliceSeries) At(i int) float64 { return s[i] }

// frameList is a Lister over a slice of frames.
type frameList []frame.Frame

func (l frameList) Len() int                      { return len(l) }
func (l frameList) FrameAt(i int, f *frame.Frame) { *f = l[i] }

// newSim returns an initialized simulation screen of w x h.
func newSim(t testing.TB, w, h int) tcell.SimulationScreen {
	t.Helper()
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	s.SetSize(w, h)
	t.Cleanup(s.Fini)
	return s
}

// cellText returns the text of one simulated cell and its display width.
func cellText(c tcell.SimCell) (string, int) {
	if len(c.Runes) == 0 {
		return " ", 1
	}
	t := string(c.Runes)
	return t, max(1, uniseg.StringWidth(t))
}

// contentsText renders cells as lines, trailing spaces trimmed. The cell
// after a wide character is skipped: the wide character covers it.
func contentsText(cells []tcell.SimCell, w, h int) string {
	var b strings.Builder
	for y := 0; y < h; y++ {
		var line strings.Builder
		for x := 0; x < w; {
			t, cw := cellText(cells[y*w+x])
			line.WriteString(t)
			x += cw
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// screenText shows s and returns its text.
func screenText(s tcell.SimulationScreen) string {
	s.Show()
	cells, w, h := s.GetContents()
	return contentsText(cells, w, h)
}

// styleAt returns the style of the cell at x, y after Show.
func styleAt(s tcell.SimulationScreen, x, y int) tcell.Style {
	cells, w, _ := s.GetContents()
	return cells[y*w+x].Style
}

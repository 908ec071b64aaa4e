package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/settings"
)

// newCharsetSim returns an initialized simulation screen of w x h whose
// terminal uses charset.
func newCharsetSim(t *testing.T, charset string, w, h int) tcell.SimulationScreen {
	t.Helper()
	s := tcell.NewSimulationScreen(charset)
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	s.SetSize(w, h)
	t.Cleanup(s.Fini)
	return s
}

// On a terminal whose charset lacks the chosen graph's characters or the
// emoji (LANG=C), the graph is drawn in ASCII, the emoji are left out,
// and the header says so; nothing on the screen is a '?'. A UTF-8
// terminal gets what was chosen.
func TestPaintFallsBackToASCII(t *testing.T) {
	for _, multi := range []bool{false, true} {
		for _, tt := range []struct {
			graph settings.GraphStyle
			emoji bool
		}{{settings.GraphUnicode, false}, {settings.GraphBlock, false}, {settings.GraphBraille, false}, {settings.GraphASCII, true}, {settings.GraphBraille, true}} {
			o := settings.Defaults().Options
			o.Graph, o.Emoji, o.Multi = tt.graph, tt.emoji, multi
			m := &listModel{frames: frameList{sampleFrame(), sampleFrame()}}

			s := newCharsetSim(t, "US-ASCII", 120, 40)
			var v View
			v.Paint(s, m, &o)
			text := screenText(s)
			lines := strings.SplitN(text, "\n", 2)
			if !strings.Contains(lines[0], "[ASCII: the terminal's charset lacks the glyphs]") {
				t.Errorf("multi %v, %+v: no fallback note in the header %q", multi, tt, lines[0])
			}
			if strings.ContainsAny(text, "?") || strings.ContainsFunc(text, func(r rune) bool { return r > 0x7e }) {
				t.Errorf("multi %v, %+v: characters the terminal cannot show:\n%s", multi, tt, text)
			}
			if !strings.Contains(text, "#") {
				t.Errorf("multi %v, %+v: no ASCII graph:\n%s", multi, tt, text)
			}
			if o.Graph != tt.graph || o.Emoji != tt.emoji {
				t.Errorf("Paint changed the caller's options to %v, %v", o.Graph, o.Emoji)
			}

			u := newCharsetSim(t, "UTF-8", 120, 40)
			var vu View
			vu.Paint(u, m, &o)
			if text := screenText(u); strings.Contains(text, "ASCII:") {
				t.Errorf("multi %v, %+v: a fallback note on a UTF-8 terminal:\n%s", multi, tt, text)
			}
		}
	}
}

// A screen opened with a basic terminal definition says so in the header
// of both views.
func TestPaintShowsScreenHint(t *testing.T) {
	for _, multi := range []bool{false, true} {
		s := newSim(t, 100, 30)
		hs := &hintScreen{Screen: s, hint: "[TERM=foo unknown: as xterm]"}
		o := settings.Defaults().Options
		o.Multi = multi
		var v View
		v.Paint(hs, &listModel{frames: frameList{sampleFrame()}}, &o)
		line := strings.SplitN(screenText(s), "\n", 2)[0]
		if !strings.HasSuffix(line, "  [TERM=foo unknown: as xterm]") {
			t.Errorf("multi %v: header %q lacks the hint", multi, line)
		}
	}
}

func TestCanDraw(t *testing.T) {
	for term, want := range map[string]bool{"dumb": false, "": true, "xterm-256color": true, "vt100": true} {
		if got := CanDraw(term); got != want {
			t.Errorf("CanDraw(%q) = %v, want %v", term, got, want)
		}
	}
}

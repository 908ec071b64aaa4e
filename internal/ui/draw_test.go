package ui

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

func TestWideRunesAdvanceByWidth(t *testing.T) {
	s := newSim(t, 80, 24)
	f := sampleFrame()
	o := settings.Defaults().Options
	o.Emoji = true
	draw(s, &f, &o, note{})
	s.Show()
	cells, w, _ := s.GetContents()
	want := map[int]string{0: "🌐", 2: " ", 3: "D", 4: "e"}
	for x, r := range want {
		if got := string(cells[x].Runes); got != r {
			t.Errorf("row 0 col %d = %q, want %q", x, got, r)
		}
	}
	lay := newLayout(80, 24, false, false, 21)
	row := lay.panelTop[1] * w
	if got := string(cells[row].Runes) + string(cells[row+3].Runes); got != "📤O" {
		t.Errorf("outgoing label starts %q, want 📤 then O at column 3", got)
	}
}

func TestRowsNeverExceedWidth(t *testing.T) {
	for _, c := range goldenCases() {
		text := renderCase(t, c)
		for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			if lw := uniseg.StringWidth(line); lw > c.w {
				t.Errorf("%s row %d is %d wide, more than %d: %q", c.name, i, lw, c.w, line)
			}
		}
	}
}

func TestRedrawLeavesNothingBehind(t *testing.T) {
	s := newSim(t, 100, 30)
	f := sampleFrame()
	f.Warning = "a warning that goes away"
	f.Device = "a-very-long-device-name"
	o := settings.Defaults().Options
	o.Emoji = true
	draw(s, &f, &o, note{})
	s.Show()

	g := sampleFrame()
	g.In.History = sliceSeries{}
	g.Out.History = nil
	o2 := settings.Defaults().Options
	o2.NoGraph = true
	draw(s, &g, &o2, note{})
	got := screenText(s)

	fresh := newSim(t, 100, 30)
	draw(fresh, &g, &o2, note{})
	if want := screenText(fresh); got != want {
		t.Errorf("redraw differs from a fresh draw:\n%s", lineDiff(want, got))
	}
}

func TestDrawSurvivesTinyScreens(t *testing.T) {
	f := sampleFrame()
	o := settings.Defaults().Options
	for _, size := range [][2]int{{0, 0}, {1, 1}, {5, 1}, {1, 5}, {39, 10}, {40, 9}} {
		s := newSim(t, size[0], size[1])
		draw(s, &f, &o, note{})
		if size[0] > 20 && size[1] > 2 && !strings.Contains(screenText(s), "Terminal too small!") {
			t.Errorf("%dx%d does not say it is too small", size[0], size[1])
		}
	}
}

func TestStatsFitInShortPanels(t *testing.T) {
	s := newSim(t, 70, 12)
	f := sampleFrame()
	o := settings.Defaults().Options
	draw(s, &f, &o, note{})
	text := screenText(s)
	for _, want := range []string{"Curr: 12.00 Mibit/s", "Avg: 6.35 Mibit/s", "Min: 0.00 bit/s"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "Max:") || strings.Contains(text, "Ttl:") {
		t.Errorf("three graph rows show more than three statistics:\n%s", text)
	}
}

func TestDrawDoesNotAllocate(t *testing.T) {
	s := newSim(t, 200, 60)
	f := sampleFrame()
	f.Tag, f.Detail, f.Warning, f.Error = "npcap", `\Device\NPF_Loopback`, "warning", "error"
	all := []settings.Options{
		settings.Defaults().Options,
		{Graph: settings.GraphUnicode, Emoji: true, Color: true},
		{Graph: settings.GraphBlock, Color: true},
		{Graph: settings.GraphBraille, Color: true, Bar: settings.BarColor},
		{NoGraph: true},
	}
	n := note{text: "saved to /somewhere"}
	for _, o := range all {
		draw(s, &f, &o, note{})
		if a := testing.AllocsPerRun(5, func() { draw(s, &f, &o, n) }); a != 0 {
			t.Errorf("draw allocates %v times per frame with %+v", a, o)
		}
	}
	list := sampleDevices(6)
	var l Lister = list // converted once, as the runner's Model is
	var buf frame.Frame
	for _, o := range all {
		sel := list[2]
		sel.Error = "error"
		if a := testing.AllocsPerRun(5, func() { drawMulti(s, l, &sel, &buf, &o, n) }); a != 0 {
			t.Errorf("drawMulti allocates %v times per frame with %+v", a, o)
		}
	}
	w := newOptionsWindow(testSettings(settings.Defaults().Options))
	w.sel = rowIndex("in-max")
	w.step(1)
	for _, o := range all {
		if a := testing.AllocsPerRun(5, func() { drawOptionsWindow(s, &w, &o, "/path", n) }); a != 0 {
			t.Errorf("the options window allocates %v times per frame with %+v", a, o)
		}
	}
	small := newSim(t, 30, 5)
	o := settings.Defaults().Options
	if a := testing.AllocsPerRun(5, func() { draw(small, &f, &o, note{}) }); a != 0 {
		t.Errorf("draw allocates %v times per too-small frame", a)
	}
	if a := testing.AllocsPerRun(5, func() { drawMulti(small, l, &f, &buf, &o, note{}) }); a != 0 {
		t.Errorf("drawMulti allocates %v times per too-small frame", a)
	}
}

package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// drawMultiSample draws the multi view of n sample devices with sel
// selected and returns the screen.
func drawMultiSample(t *testing.T, w, h, n, sel int, o settings.Options) tcell.SimulationScreen {
	t.Helper()
	s := newSim(t, w, h)
	list := sampleDevices(n)
	f := list[sel]
	var buf frame.Frame
	drawMulti(s, list, &f, &buf, &o, note{})
	s.Show()
	return s
}

// rowOf returns the first row whose text starts with prefix, or -1.
func rowOf(text, prefix string) int {
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return i
		}
	}
	return -1
}

func TestMultiHighlightsSelectedDevice(t *testing.T) {
	s := drawMultiSample(t, 120, 40, 4, 2, settings.Defaults().Options)
	text := screenText(s)
	for _, dev := range []struct {
		prefix   string
		selected bool
	}{{"eth0 [", false}, {"lo [", false}, {"wlan0 [", true}, {"docker0 [", false}} {
		y := rowOf(text, dev.prefix)
		if y < 0 {
			t.Fatalf("no row for %s in\n%s", dev.prefix, text)
		}
		_, _, attrs := styleAt(s, 0, y).Decompose()
		if got := attrs&tcell.AttrReverse != 0; got != dev.selected {
			t.Errorf("%s reversed = %v, want %v", dev.prefix, got, dev.selected)
		}
		if attrs&tcell.AttrBold == 0 {
			t.Errorf("%s name not bold", dev.prefix)
		}
	}
}

func TestMultiShowsDeviceWarningOnItsNameRow(t *testing.T) {
	s := drawMultiSample(t, 120, 40, 3, 0, settings.Defaults().Options)
	text := screenText(s)
	y := rowOf(text, "lo [127.0.0.1]  Loopback traffic")
	if y < 0 {
		t.Fatalf("no warning on lo's row:\n%s", text)
	}
	if fg, _, _ := styleAt(s, len("lo [127.0.0.1]  "), y).Decompose(); fg != tcell.ColorYellow {
		t.Errorf("warning fg %v, want yellow", fg)
	}
	if strings.Contains(strings.Split(text, "\n")[2], "Loopback") {
		t.Error("a device's warning is on the screen's warning line")
	}
}

func TestMultiNoDevices(t *testing.T) {
	s := newSim(t, 80, 24)
	var f, buf frame.Frame
	o := settings.Defaults().Options
	drawMulti(s, frameList{}, &f, &buf, &o, note{})
	text := screenText(s)
	if !strings.HasPrefix(text, "winload: 0 devices\n") || !strings.Contains(text, "m Single") {
		t.Errorf("empty multi view:\n%s", text)
	}
}

func TestMultiOneDevice(t *testing.T) {
	text := screenText(drawMultiSample(t, 80, 24, 1, 0, settings.Defaults().Options))
	if !strings.HasPrefix(text, "winload: 1 device (page 1/1)\n") {
		t.Errorf("header %q", strings.SplitN(text, "\n", 2)[0])
	}
}

func TestMultiRedrawLeavesNothingBehind(t *testing.T) {
	s := newSim(t, 100, 30)
	f := sampleFrame()
	f.Warning, f.Error = "a warning", "an error"
	o := settings.Defaults().Options
	o.Emoji = true
	draw(s, &f, &o, note{})
	s.Show()

	list := sampleDevices(5)
	sel := list[4] // the last page, partly empty
	var buf frame.Frame
	o2 := settings.Defaults().Options
	o2.Graph = settings.GraphBraille
	drawMulti(s, list, &sel, &buf, &o2, note{})
	got := screenText(s)

	fresh := newSim(t, 100, 30)
	drawMulti(fresh, list, &sel, &buf, &o2, note{})
	if want := screenText(fresh); got != want {
		t.Errorf("redraw differs from a fresh draw:\n%s", lineDiff(want, got))
	}
}

func TestMultiTooSmall(t *testing.T) {
	s := newSim(t, 39, 20)
	list := sampleDevices(2)
	var buf frame.Frame
	o := settings.Defaults().Options
	drawMulti(s, list, &list[0], &buf, &o, note{})
	if !strings.Contains(screenText(s), "Terminal too small!") {
		t.Error("39 columns do not say the terminal is too small")
	}
}

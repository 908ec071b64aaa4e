package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/settings"
)

// rowIndex returns the options window's row of the setting name, -1
// when it has none.
func rowIndex(name string) int {
	w := newOptionsWindow(testSettings(settings.Defaults().Options))
	for i, r := range w.rows {
		if r.Name == name {
			return i
		}
	}
	return -1
}

func TestWindowRows(t *testing.T) {
	w := newOptionsWindow(testSettings(settings.Defaults().Options))
	var labels []string
	for _, r := range w.rows {
		labels = append(labels, r.Label)
	}
	want := "Interval,Average,Rate unit,Total unit,SI prefixes,In scale,Out scale,Graph,Bar style,Talkers,Multi view"
	if got := strings.Join(labels, ","); got != want {
		t.Errorf("rows %s, want %s", got, want)
	}
}

func TestStepBackToTheValueAtOpening(t *testing.T) {
	s := testSettings(settings.Defaults().Options)
	s.Interval = 300 * time.Millisecond
	w := newOptionsWindow(s)
	w.step(1)
	w.step(-1)
	if w.edit.Interval != 300*time.Millisecond || w.changed() {
		t.Errorf("after Right, Left: %v (changed %v), want the value at opening", w.edit.Interval, w.changed())
	}
}

// With -t 20000 -a 30, Left on Average must not reach 10 s, which the
// command line (and so the next start, after F5) refuses.
func TestWindowAverageStaysAtLeastOneInterval(t *testing.T) {
	s := testSettings(settings.Defaults().Options)
	s.Interval, s.Average = 20*time.Second, 30*time.Second
	w := newOptionsWindow(s)
	w.sel = rowIndex("average")
	w.step(-1)
	if w.edit.Average < w.edit.Interval {
		t.Errorf("Avg stepped to %v below the interval %v", w.edit.Average, w.edit.Interval)
	}
}

func TestWindowMoveWraps(t *testing.T) {
	w := newOptionsWindow(testSettings(settings.Defaults().Options))
	w.move(-1)
	if w.sel != len(w.rows)-1 {
		t.Errorf("Up from the first field selects %d", w.sel)
	}
	w.move(1)
	if w.sel != 0 {
		t.Errorf("Down from the last field selects %d", w.sel)
	}
}

func TestNextLine(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"cannot save settings: permission denied", 20, []string{"cannot save", "settings: permission", "denied"}},
		{"not saving over /a/very/long/path/config.toml", 12, []string{"not saving", "over", "/a/very/long", "/path/config", ".toml"}},
		{"以太网适配器", 5, []string{"以太", "网适", "配器"}},
		{"", 5, nil},
	}
	for _, tt := range tests {
		var got []string
		for rest := tt.text; rest != ""; {
			var line string
			line, rest = nextLine(rest, tt.width)
			got = append(got, line)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q at %d: %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestMiddleCut(t *testing.T) {
	head, tail := middleCut("/home/ana/.config/winload/config.toml", 20)
	if head+"…"+tail != "/home/ana/…nfig.toml" && len([]rune(head+"…"+tail)) != 20 {
		t.Errorf("cut to %q…%q", head, tail)
	}
	if !strings.HasPrefix("/home/ana/.config/winload/config.toml", head) || !strings.HasSuffix("/home/ana/.config/winload/config.toml", tail) {
		t.Errorf("cut to %q…%q", head, tail)
	}
	if len([]rune(head))+1+len([]rune(tail)) != 20 {
		t.Errorf("cut to %q…%q: not 20 columns", head, tail)
	}
	if head, tail := middleCut("/short", 20); head != "/short" || tail != "" {
		t.Errorf("a path that fits is cut: %q %q", head, tail)
	}
}

// A long note and a long config path show whole: the note wraps, the
// path is shortened in the middle.
func TestWindowShowsLongNoteAndPath(t *testing.T) {
	path := "/home/someone-with-a-long-name/.config/winload/profiles/a-rather-long-file-name.toml"
	msg := "cannot save settings: not saving over " + path + ": the config file was not read as it is now (it changed since; reload it with F6 first)"
	for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 10}} {
		s := newSim(t, size[0], size[1])
		o := settings.Defaults().Options
		w := newOptionsWindow(testSettings(o))
		drawOptionsWindow(s, &w, &o, path, note{text: msg, err: true})
		s.Show()
		text := screenText(s)
		joined := ""
		for _, line := range strings.Split(text, "\n") {
			if i := strings.Index(line, "| "); i >= 0 {
				inner := strings.TrimRight(line[i+2:], " |")
				joined += " " + strings.TrimSpace(inner)
			}
		}
		words := strings.Fields(msg)
		for _, word := range words {
			if !strings.Contains(strings.ReplaceAll(joined, " ", ""), word) {
				t.Errorf("%dx%d: the note loses %q:\n%s", size[0], size[1], word, text)
				break
			}
		}
		if size[0] >= 120 {
			if !strings.Contains(text, "Config: "+path) {
				t.Errorf("%dx%d: the path is not shown whole:\n%s", size[0], size[1], text)
			}
			continue
		}
		if size[1] < 24 {
			continue // no room for the path beside the note
		}
		if !strings.Contains(text, "…") || !strings.Contains(text, "Config: /home/") || !strings.Contains(text, ".toml") {
			t.Errorf("%dx%d: the path is not shortened in the middle:\n%s", size[0], size[1], text)
		}
	}
}

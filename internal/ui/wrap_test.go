package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winload/winload/internal/settings"
)

// On a screen too small to draw, the message and the needed size show
// whole, wrapped when the screen is narrow (at 20x5 "Need 40x10, have
// 20x5" was cut to "Need 40x10, have 20x").
func TestTooSmallMessageShowsWhole(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {12, 5}, {39, 9}, {30, 3}} {
		s := newSim(t, size[0], size[1])
		f := sampleFrame()
		o := settings.Defaults().Options
		draw(s, &f, &o, note{})
		text := screenText(s)
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"Terminal too small!", "Need 40x10,", fmt.Sprintf("have %dx%d", size[0], size[1])} {
			if !strings.Contains(flat, want) {
				t.Errorf("%dx%d: %q missing:\n%s", size[0], size[1], want, text)
			}
		}
	}
}

func TestSplitFit(t *testing.T) {
	tests := []struct {
		text        string
		width       int
		first, rest string
	}{
		{"Need 40x10, have 20x5", 30, "Need 40x10, have 20x5", ""},
		{"Need 40x10, have 20x5", 20, "Need 40x10, have", "20x5"},
		{"Need 40x10, have 20x5", 12, "Need 40x10,", "have 20x5"},
		{"abcdef", 4, "abcd", "ef"},
	}
	for _, tt := range tests {
		first, rest := splitFit([]byte(tt.text), tt.width)
		if string(first) != tt.first || string(rest) != tt.rest {
			t.Errorf("%q at %d: %q %q", tt.text, tt.width, first, rest)
		}
	}
}

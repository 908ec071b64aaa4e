package ui

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

func TestBrailleGlyphTable(t *testing.T) {
	if len(brailleGlyphs) != 256*3 {
		t.Fatalf("table is %d bytes, want %d", len(brailleGlyphs), 256*3)
	}
	for b := 1; b < 256; b++ {
		g := brailleGlyph(uint8(b))
		if r, n := utf8.DecodeRuneInString(g); r != rune(0x2800+b) || n != len(g) {
			t.Fatalf("pattern %#x: got %q, want U+%04X", b, g, 0x2800+b)
		}
	}
	if g := brailleGlyph(0); g != " " {
		t.Errorf("empty pattern is %q, want a space", g)
	}
}

func TestBrailleCell(t *testing.T) {
	// A graph of h=2 rows has 8 dot rows of 256 against a scale of 2048.
	const (
		leftCol  = 0x01 | 0x02 | 0x04 | 0x40
		rightCol = 0x08 | 0x10 | 0x20 | 0x80
	)
	tests := []struct {
		name        string
		left, right float64
		l           int
		want        uint8
	}{
		{"nothing", 0, 0, 1, 0},
		{"NaN and negative", math.NaN(), -1, 1, 0},
		{"any traffic lights the bottom dot", 1, 0, 1, 0x40},
		{"right column bottom dot", 0, 256, 1, 0x80},
		{"two dots left", 257, 0, 1, 0x40 | 0x04},
		{"three dots right", 0, 700, 1, 0x80 | 0x20 | 0x10},
		{"bottom row full", 1024, 1024, 1, leftCol | rightCol},
		{"top row empty at half scale", 1024, 1024, 0, 0},
		{"top row, left one dot, right full", 1025, 2048, 0, 0x40 | rightCol},
		{"saturated", 1e12, math.Inf(1), 0, 0xff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := brailleCell(tt.left, tt.right, 2048, 2, tt.l); got != tt.want {
				t.Errorf("brailleCell(%v, %v, 2048, 2, %d) = %#08b, want %#08b", tt.left, tt.right, tt.l, got, tt.want)
			}
		})
	}
}

func TestBrailleLevel(t *testing.T) {
	for _, tt := range []struct {
		bits uint8
		want level
	}{{0, levelEmpty}, {0x40, levelMid}, {0x7f, levelMid}, {0xff, levelFull}} {
		if got := brailleLevel(tt.bits); got != tt.want {
			t.Errorf("brailleLevel(%#x) = %d, want %d", tt.bits, got, tt.want)
		}
	}
}

func TestBrailleColumnFillsFromTheBottom(t *testing.T) {
	// With h rows there are 4h levels: value k*max/(4h) lights k dots.
	const h = 3
	for k := 0; k <= 4*h; k++ {
		v := 2048 * float64(k) / (4 * h)
		lit := 0
		for l := 0; l < h; l++ {
			bits := brailleCell(v, 0, 2048, h, l)
			for b := bits; b != 0; b &= b - 1 {
				lit++
			}
		}
		if lit != k {
			t.Errorf("value %v lights %d dots, want %d", v, lit, k)
		}
	}
}

// plotCells draws hist into a one-row graph w cells wide and returns its
// characters left to right.
func plotCells(t *testing.T, g settings.GraphStyle, w int, hist frame.Series) []string {
	t.Helper()
	s := newSim(t, 40, 10)
	o := settings.Defaults().Options
	o.Graph = g
	d := newDrawer(s, &frame.Frame{}, &o, note{})
	d.plot(strip{top: 0, rows: 1, graphW: w}, 0, hist, 2048, nil, false)
	s.Show()
	cells, _, _ := s.GetContents()
	out := make([]string, w)
	for x := range out {
		out[x], _ = cellText(cells[x])
	}
	return out
}

func TestBraillePlotsTwoValuesPerCellNewestRight(t *testing.T) {
	// Five values in two cells: the oldest is off screen, the newest fills
	// the right dot column of the last cell.
	got := plotCells(t, settings.GraphBraille, 2, sliceSeries{2048, 512, 600, 0, 2048})
	want := []string{brailleGlyph(0x40 | 0x80 | 0x20), brailleGlyph(0x08 | 0x10 | 0x20 | 0x80)}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestBrailleShortHistoryIsRightAligned(t *testing.T) {
	got := plotCells(t, settings.GraphBraille, 3, sliceSeries{2048})
	want := []string{" ", " ", brailleGlyph(0x08 | 0x10 | 0x20 | 0x80)}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestBlockPlotsOneValuePerCell(t *testing.T) {
	got := plotCells(t, settings.GraphBlock, 3, sliceSeries{2048, 0, 1, 2048})
	want := []string{" ", "▄", "█"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestBrailleAutoScaleUsesTwiceTheColumns(t *testing.T) {
	// 120 columns: the braille graph (80 cells) shows 160 values, so a
	// peak 150 values back sets the scale; in ASCII it is off screen.
	h := make(sliceSeries, 200)
	h[200-150] = 1e6
	for _, tt := range []struct {
		g    settings.GraphStyle
		want string
	}{{settings.GraphBraille, "Incoming (100% @ 8.00 Mibit/s):"}, {settings.GraphASCII, "Incoming (100% @ 16.00 Kibit/s):"}} {
		s := newSim(t, 120, 40)
		f := sampleFrame()
		f.In.History = h
		o := settings.Defaults().Options
		o.Graph = tt.g
		draw(s, &f, &o, note{})
		s.Show()
		cells, w, _ := s.GetContents()
		if got := contentsText(cells[2*w:3*w], w, 1); got != tt.want+"\n" {
			t.Errorf("%v: label %q, want %q", tt.g, got, tt.want)
		}
	}
}

func TestBlockAndBrailleColours(t *testing.T) {
	for _, g := range []settings.GraphStyle{settings.GraphBlock, settings.GraphBraille} {
		o := settings.Defaults().Options
		o.Graph = g
		s := drawSample(t, 120, 40, o)
		cells, w, h := s.GetContents()
		lay := newLayout(w, h, false, false, 21)
		full, part := 0, 0
		for y := lay.panelTop[0] + 1; y <= lay.panelTop[0]+lay.graphRows; y++ {
			for x := 0; x < lay.graphW; x++ {
				c := cells[y*w+x]
				fg, bg, _ := c.Style.Decompose()
				switch r := string(c.Runes); {
				case r == " ":
					if c.Style != tcell.StyleDefault {
						t.Fatalf("%v empty cell has style %v", g, c.Style)
					}
				case r == "█" || r == brailleGlyph(0xff):
					full++
					if fg != defaultIn || bg != defaultIn {
						t.Fatalf("%v full cell %q: fg %v bg %v", g, r, fg, bg)
					}
				default:
					part++
					if fg != defaultIn || bg != tcell.ColorDefault {
						t.Fatalf("%v partial cell %q: fg %v bg %v", g, r, fg, bg)
					}
				}
			}
		}
		if full == 0 || part == 0 {
			t.Errorf("%v: %d full and %d partial cells", g, full, part)
		}
	}
}

package ui

import (
	"math"
	"testing"
)

func TestBlockCell(t *testing.T) {
	// A graph of h=2 rows has 4 sub-rows of 512 against a scale of 2048.
	tests := []struct {
		name  string
		v     float64
		l     int
		glyph string
		lv    level
	}{
		{"zero is empty", 0, 1, " ", levelEmpty},
		{"negative is empty", -5, 1, " ", levelEmpty},
		{"NaN is empty", math.NaN(), 1, " ", levelEmpty},
		{"any traffic lights the bottom half", 1, 1, "▄", levelMid},
		{"exactly one sub-row", 512, 1, "▄", levelMid},
		{"into the second sub-row", 513, 1, "█", levelFull},
		{"bottom row full", 1024, 1, "█", levelFull},
		{"top row empty at half scale", 1024, 0, " ", levelEmpty},
		{"top row lower half", 1500, 0, "▄", levelMid},
		{"top row full", 2048, 0, "█", levelFull},
		{"above the scale saturates", 1e12, 0, "█", levelFull},
		{"infinity saturates", math.Inf(1), 0, "█", levelFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, lv := blockCell(tt.v, 2048, 2, tt.l)
			if g != tt.glyph || lv != tt.lv {
				t.Errorf("blockCell(%v, 2048, 2, %d) = %q, %d; want %q, %d", tt.v, tt.l, g, lv, tt.glyph, tt.lv)
			}
		})
	}
}

func TestBlockGlyph(t *testing.T) {
	tests := []struct {
		upper, lower bool
		glyph        string
		lv           level
	}{
		{false, false, " ", levelEmpty},
		{false, true, "▄", levelMid},
		{true, false, "▀", levelMid},
		{true, true, "█", levelFull},
	}
	for _, tt := range tests {
		if g, lv := blockGlyph(tt.upper, tt.lower); g != tt.glyph || lv != tt.lv {
			t.Errorf("blockGlyph(%v, %v) = %q, %d; want %q, %d", tt.upper, tt.lower, g, lv, tt.glyph, tt.lv)
		}
	}
}

func TestBlockColumnFillsFromTheBottom(t *testing.T) {
	// With h rows there are 2h levels: value k*max/(2h) lights k halves.
	const h = 3
	for k := 0; k <= 2*h; k++ {
		v := 2048 * float64(k) / (2 * h)
		lit := 0
		for l := 0; l < h; l++ {
			switch g, _ := blockCell(v, 2048, h, l); g {
			case "█":
				lit += 2
			case "▄":
				lit++
			case " ":
			default:
				t.Fatalf("value %v row %d: unexpected %q", v, l, g)
			}
		}
		if lit != k {
			t.Errorf("value %v lights %d halves, want %d", v, lit, k)
		}
	}
}

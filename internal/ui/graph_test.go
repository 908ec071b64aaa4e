package ui

import (
	"math"
	"testing"

	"github.com/winload/winload/internal/units"
)

func TestCellLevelSpecVector(t *testing.T) {
	// SPEC §3: v=1500, max=2048, h=4 gives ' ', '|', '#', '#' top to bottom.
	want := []string{" ", "|", "#", "#"}
	for l, w := range want {
		if got := glyph(cellLevel(1500, 2048, 4, l), false); got != w {
			t.Errorf("row %d: got %q, want %q", l, got, w)
		}
	}
}

func TestCellLevel(t *testing.T) {
	tests := []struct {
		name   string
		v, max float64
		h, l   int
		want   level
	}{
		{"below low", 1500, 2048, 4, 0, levelEmpty},
		{"mid", 1500, 2048, 4, 1, levelMid},
		{"full", 1500, 2048, 4, 2, levelFull},
		{"full bottom", 1500, 2048, 4, 3, levelFull},
		{"exactly per is full", 512, 2048, 4, 3, levelFull},
		{"0.7 per is mid", 0.7 * 512, 2048, 4, 3, levelMid},
		{"just under 0.7 per is low", 0.69 * 512, 2048, 4, 3, levelLow},
		{"0.3 per is low", 0.3 * 512, 2048, 4, 3, levelLow},
		{"under 0.3 per is trace", 0.29 * 512, 2048, 4, 3, levelTrace},
		{"zero on bottom row is trace", 0, 2048, 4, 3, levelTrace},
		{"zero above bottom is empty", 0, 2048, 4, 2, levelEmpty},
		{"exactly low is trace", 1024, 2048, 4, 1, levelTrace},
		{"above max saturates top", 1e9, 2048, 4, 0, levelFull},
		{"negative is empty", -1, 2048, 4, 3, levelEmpty},
		{"NaN is empty", math.NaN(), 2048, 4, 3, levelEmpty},
		{"one row", 1024, 2048, 1, 0, levelLow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cellLevel(tt.v, tt.max, tt.h, tt.l); got != tt.want {
				t.Errorf("cellLevel(%v, %v, %d, %d) = %d, want %d", tt.v, tt.max, tt.h, tt.l, got, tt.want)
			}
		})
	}
}

func TestGlyphs(t *testing.T) {
	ascii := []string{" ", " ", ".", "|", "#"}
	uni := []string{" ", "·", "░", "▓", "█"}
	for l := levelEmpty; l < levelCount; l++ {
		if got := glyph(l, false); got != ascii[l] {
			t.Errorf("ascii level %d: got %q, want %q", l, got, ascii[l])
		}
		if got := glyph(l, true); got != uni[l] {
			t.Errorf("unicode level %d: got %q, want %q", l, got, uni[l])
		}
	}
}

// The automatic scale follows the rate's units: nload's doubling in
// binary mode, 1-2-5 steps in SI mode (units.Format.AutoScale has the
// full table).
func TestGraphScaleFollowsUnits(t *testing.T) {
	h := sliceSeries{1 << 30}
	if got := graphScale(0, units.Format{}, h, 1); got != 1<<30 {
		t.Errorf("binary scale = %v, want 1 GiB/s", got)
	}
	if got := graphScale(0, units.Format{SI: true}, h, 1); got != 2e9 {
		t.Errorf("SI scale = %v, want 2 GB/s", got)
	}
}

func TestGraphScaleUsesVisibleValuesOnly(t *testing.T) {
	h := sliceSeries{1e9, 100, 3000, 50}
	if got := graphScale(0, units.Format{}, h, 3); got != 4096 {
		t.Errorf("scale over last 3 = %v, want 4096 (the old peak is off screen)", got)
	}
	if got := graphScale(0, units.Format{}, h, 4); got != 1<<30 {
		t.Errorf("scale over all 4 = %v, want %v", got, 1<<30)
	}
	if got := graphScale(12345, units.Format{}, h, 4); got != 12345 {
		t.Errorf("fixed scale = %v, want 12345", got)
	}
	if got := graphScale(0, units.Format{}, nil, 10); got != 2048 {
		t.Errorf("scale of no history = %v, want 2048", got)
	}
	if got := graphScale(0, units.Format{}, sliceSeries{math.Inf(1), math.NaN(), 3000}, 3); got != 4096 {
		t.Errorf("scale ignoring non-finite values = %v, want 4096", got)
	}
}

func TestPrintableTable(t *testing.T) {
	if len(printable) != '~'-' '+1 {
		t.Fatalf("printable has %d characters", len(printable))
	}
	for i := 0; i < len(printable); i++ {
		if printable[i] != byte(' '+i) {
			t.Fatalf("printable[%d] = %q", i, printable[i])
		}
	}
}

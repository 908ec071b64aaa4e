package ui

import (
	"math"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/units"
)

// level is what one graph cell shows.
type level uint8

// The levels of a graph cell, from nothing to a full cell. levelTrace is a
// value that reaches into the cell by less than 30% of it: blank in ASCII,
// '·' in Unicode.
const (
	levelEmpty level = iota
	levelTrace
	levelLow
	levelMid
	levelFull
	levelCount
)

// glyph returns the character that shows level l.
func glyph(l level, unicode bool) string {
	switch {
	case l == levelFull && unicode:
		return "█"
	case l == levelFull:
		return "#"
	case l == levelMid && unicode:
		return "▓"
	case l == levelMid:
		return "|"
	case l == levelLow && unicode:
		return "░"
	case l == levelLow:
		return "."
	case l == levelTrace && unicode:
		return "·"
	default:
		return " "
	}
}

// cellLevel returns the level of row l (0 = top) of a graph h rows high
// showing value v against the scale max (nload's rule).
func cellLevel(v, max float64, h, l int) level {
	if math.IsNaN(v) || h <= 0 {
		return levelEmpty
	}
	low := max * float64(h-l-1) / float64(h)
	per := max / float64(h)
	if v < low {
		return levelEmpty
	}
	r := v - low
	switch {
	case r >= per:
		return levelFull
	case r >= 0.7*per:
		return levelMid
	case r >= 0.3*per:
		return levelLow
	default:
		return levelTrace
	}
}

// reaches reports whether v reaches into sub-row k (0 = bottom) of a graph
// of n sub-rows against the scale max: whether it is above the sub-row's
// lower edge. Zero, negative and NaN values reach no sub-row.
func reaches(v, max float64, k, n int) bool {
	return v > max*float64(k)/float64(n)
}

// valueAt returns value i of h, or NaN when there is none.
func valueAt(h frame.Series, i int) float64 {
	if h == nil || i < 0 || i >= h.Len() {
		return math.NaN()
	}
	return h.At(i)
}

// valuesPerCell returns how many values one graph column of style g shows.
func valuesPerCell(g settings.GraphStyle) int {
	if g == settings.GraphBraille {
		return 2
	}
	return 1
}

// visiblePeak returns the largest finite value among the last n of h.
func visiblePeak(h frame.Series, n int) float64 {
	if h == nil {
		return 0
	}
	peak := 0.0
	for i := max(0, h.Len()-n); i < h.Len(); i++ {
		v := h.At(i)
		if v > peak && !math.IsInf(v, 1) {
			peak = v
		}
	}
	return peak
}

// graphScale returns the fixed scale when it is set, else the automatic
// scale for the last n values, those a graph shows, in steps that read
// well in the rate's units (see units.Format.AutoScale).
func graphScale(fixed float64, rate units.Format, h frame.Series, n int) float64 {
	if fixed > 0 {
		return fixed
	}
	return rate.AutoScale(visiblePeak(h, n))
}

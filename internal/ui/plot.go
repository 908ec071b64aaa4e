package ui

import (
	"math"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// plot draws hist into the graph area of st, the newest value in the
// rightmost column (for Braille, in the right dot column of the last cell).
// With same, a column whose values are those m remembers is left alone;
// m (when not nil) remembers the values drawn.
func (d *drawer) plot(st strip, dir int, hist frame.Series, scale float64, m *stripMemo, same bool) {
	styles := &d.pal.bar[dir]
	n := 0
	if hist != nil {
		n = hist.Len()
	}
	per := valuesPerCell(d.o.Graph)
	first := n - st.graphW*per // the value shown in the leftmost column
	for c := 0; c < st.graphW; c++ {
		i := first + c*per
		v, v2 := valueAt(hist, i), 0.0
		if per == 2 {
			v2 = valueAt(hist, i+1)
		}
		if m != nil {
			a, b := math.Float64bits(v), math.Float64bits(v2)
			if same && m.cols[2*c] == a && m.cols[2*c+1] == b {
				continue
			}
			m.cols[2*c], m.cols[2*c+1] = a, b
		}
		for l := 0; l < st.rows; l++ {
			g, lv, key := d.cell(v, v2, scale, st.rows, l)
			if !d.sh.same(st.x+c, st.top+l, graphCode(dir, key)) {
				d.c.Put(st.x+c, st.top+l, g, styles[lv])
			}
		}
	}
}

// cell returns the character and colouring level of row l of a graph h
// rows high in the options' graph style, and a key that tells the cells
// of that style apart (the same key, the same character and level); v is
// the column's value, v2 the one after it (used by Braille only).
func (d *drawer) cell(v, v2, scale float64, h, l int) (string, level, uint8) {
	switch d.o.Graph {
	case settings.GraphBlock:
		g, lv := blockCell(v, scale, h, l)
		key := uint8(lv)
		if g == "▀" {
			key |= 0x80 // the same level as '▄'
		}
		return g, lv, key
	case settings.GraphBraille:
		bits := brailleCell(v, v2, scale, h, l)
		return brailleGlyph(bits), brailleLevel(bits), bits
	case settings.GraphUnicode:
		lv := cellLevel(v, scale, h, l)
		return glyph(lv, true), lv, uint8(lv)
	default:
		lv := cellLevel(v, scale, h, l)
		if lv == levelTrace {
			lv = levelEmpty // blank in ASCII: no colour either
		}
		return glyph(lv, false), lv, uint8(lv)
	}
}

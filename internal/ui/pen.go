package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"
)

// printable holds the printable ASCII characters from ' ' to '~'; a one-byte
// slice of it is a string tcell can keep without an allocation.
const printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

// pen writes text on one screen row from x, never past end. Each grapheme
// advances by its display width; one that does not fit ends the row, which
// is then blanked to end.
type pen struct {
	s      tcell.Screen
	x, y   int
	end    int
	blank  tcell.Style // style of the blanks written by pad
	filled bool        // a grapheme did not fit: the row is done
}

// text writes t grapheme by grapheme. Graphemes of width 0 (control
// characters) are shown as '?'.
func (p *pen) text(t string, st tcell.Style) {
	state := -1
	for t != "" && !p.filled {
		var g string
		var w int
		g, t, w, state = uniseg.FirstGraphemeClusterInString(t, state)
		if w == 0 {
			g, w = "?", 1
		}
		if !p.put(g, w, st) {
			return
		}
	}
}

// bytes writes ASCII text such as a formatted number; any other byte is
// shown as '?'.
func (p *pen) bytes(b []byte, st tcell.Style) {
	for _, c := range b {
		g := "?"
		if c >= ' ' && c <= '~' {
			g = printable[c-' ' : c-' '+1]
		}
		if !p.put(g, 1, st) {
			return
		}
	}
}

// put writes one grapheme of width w, or blanks the rest of the row and
// reports false when it does not fit.
func (p *pen) put(g string, w int, st tcell.Style) bool {
	if p.filled || p.x+w > p.end {
		p.pad(p.end)
		p.filled = true
		return false
	}
	p.s.Put(p.x, p.y, g, st)
	p.x += w
	return true
}

// pad writes blanks up to column to (at most end).
func (p *pen) pad(to int) {
	for ; p.x < to && p.x < p.end; p.x++ {
		p.s.Put(p.x, p.y, " ", p.blank)
	}
}

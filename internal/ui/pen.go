package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"
)

// printable holds the printable ASCII characters from ' ' to '~'; a one-byte
// slice of it is a string tcell can keep without an allocation.
const printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

// cellPutter writes one grapheme into a cell: a tcell.Screen, which
// locks itself for every cell, or the cell buffer behind it while the
// screen is locked for a whole frame (lockCells).
type cellPutter interface {
	Put(x, y int, str string, style tcell.Style) (remain string, width int)
}

// lockedCells is what tcell's screens (terminal, Windows console and
// simulation alike) offer besides tcell.Screen: their cell buffer and
// the lock that guards it.
type lockedCells interface {
	GetCells() *tcell.CellBuffer
	Lock()
	Unlock()
}

// lockCells locks s once for a whole frame when s offers its cell buffer
// and returns it; the caller writes to GetCells() and calls Unlock.
// Screen.Put locks and unlocks for every cell: that was a third of
// winload's CPU (measured with perf). Nothing may call s while it is
// locked. It returns nil for a screen that does not offer its buffer,
// which is then written to cell by cell.
func lockCells(s tcell.Screen) lockedCells {
	l, ok := s.(lockedCells)
	if !ok {
		return nil
	}
	l.Lock()
	return l
}

// pen writes text on one screen row from x, never past end. Each grapheme
// advances by its display width; one that does not fit ends the row, which
// is then blanked to end.
type pen struct {
	s      cellPutter
	x, y   int
	end    int
	blank  tcell.Style // style of the blanks written by pad
	code   cellCode    // the shadow's code for those blanks
	sh     *shadow     // what the cells hold already; nil writes them all
	filled bool        // a grapheme did not fit: the row is done
}

// text writes t grapheme by grapheme. Graphemes of width 0 (control
// characters) are shown as '?'.
func (p *pen) text(t string, st tcell.Style) {
	id := p.styleID(st)
	state := -1
	for t != "" && !p.filled {
		var g string
		var w int
		g, t, w, state = uniseg.FirstGraphemeClusterInString(t, state)
		if w == 0 {
			g, w = "?", 1
		}
		code := codeOther
		if len(g) == 1 {
			code = textCode(id, g[0])
		}
		if !p.putCode(g, w, st, code) {
			return
		}
	}
}

// bytes writes ASCII text such as a formatted number; any other byte is
// shown as '?'.
func (p *pen) bytes(b []byte, st tcell.Style) {
	id := p.styleID(st)
	for _, c := range b {
		g := "?"
		if c >= ' ' && c <= '~' {
			g = printable[c-' ' : c-' '+1]
		}
		if !p.putCode(g, 1, st, textCode(id, g[0])) {
			return
		}
	}
}

// styleID returns the palette's id of st when the pen keeps a shadow,
// else 0.
func (p *pen) styleID(st tcell.Style) uint8 {
	if p.sh == nil {
		return 0
	}
	return p.sh.pal.styleID(st)
}

// put writes one grapheme of width w, or blanks the rest of the row and
// reports false when it does not fit.
func (p *pen) put(g string, w int, st tcell.Style) bool {
	code := codeOther
	if len(g) == 1 {
		code = textCode(p.styleID(st), g[0])
	}
	return p.putCode(g, w, st, code)
}

// putCode is put of a grapheme whose shadow code is code: a cell that
// holds it already is left alone.
func (p *pen) putCode(g string, w int, st tcell.Style, code cellCode) bool {
	if p.filled || p.x+w > p.end {
		p.pad(p.end)
		p.filled = true
		return false
	}
	if w == 1 && code != codeOther && p.sh.same(p.x, p.y, code) {
		p.x++
		return true
	}
	for i := 0; i < w; i++ {
		p.sh.same(p.x+i, p.y, codeOther)
	}
	if w == 1 {
		p.sh.same(p.x, p.y, code)
	}
	p.s.Put(p.x, p.y, g, st)
	p.x += w
	return true
}

// pad writes blanks up to column to (at most end).
func (p *pen) pad(to int) {
	for ; p.x < to && p.x < p.end; p.x++ {
		if !p.sh.same(p.x, p.y, p.code) {
			p.s.Put(p.x, p.y, " ", p.blank)
		}
	}
}

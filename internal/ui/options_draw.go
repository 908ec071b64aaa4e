package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"

	"github.com/winload/winload/internal/settings"
)

// The options window's width when the screen has room for it (it widens
// for a long config path), the width of its label column, and the label
// of the path.
const (
	windowWidth = 56
	nameWidth   = 13
	pathLabel   = "Config: "
)

// The tail rows of the options window under the fields, top to bottom.
// The note takes as many rows as it wraps into.
const (
	tailBlank = iota
	tailPath
	tailNote
	tailKeys1
	tailKeys2
	tailCount
)

// boxChars are the frame characters: corners, horizontal, vertical.
type boxChars struct{ tl, tr, bl, br, hz, vt string }

var (
	asciiBox   = boxChars{"+", "+", "+", "+", "-", "|"}
	unicodeBox = boxChars{"┌", "┐", "└", "┘", "─", "│"}
)

// drawOptionsWindow draws w as a box centred over what s shows: the
// fields with their values (the selected one reversed), the config file
// path ("none" when path is ""; shortened in the middle when long), the
// note (wrapped, whole) and the keys. On a short screen the fields scroll
// to keep the selected one visible, and the tail rows give way in the
// order keys, path, second keys line, blank line; the note stays.
func drawOptionsWindow(s tcell.Screen, w *optionsWindow, o *settings.Options, path string, n note) {
	d := newDrawer(s, nil, o, n)
	if d.w < MinWidth || d.h < MinHeight {
		return
	}
	fields := len(w.rows)
	// The window widens, as far as the screen allows, to show the path
	// whole.
	shownPath := path
	if shownPath == "" {
		shownPath = "none"
	}
	bw := min(d.w, max(windowWidth, 4+len(pathLabel)+uniseg.StringWidth(shownPath)))
	textW := bw - 4
	noteLines := max(1, countLines(n.text, textW))
	bh := min(d.h, 2+fields+tailCount-1+noteLines)
	x0, y0 := (d.w-bw)/2, (d.h-bh)/2
	box := asciiBox
	if arrows(o) {
		box = unicodeBox
	}
	inner := bh - 2
	tail := max(min(tailCount-1+noteLines, inner-fields), min(noteLines+1, inner-1), 2)
	fieldRows := inner - tail
	first := max(0, w.sel-fieldRows+1)
	shownNote := min(noteLines, tail)
	left := tail - shownNote // rows for the other tail rows
	show := [tailCount]bool{
		tailKeys1: left > 0,
		tailPath:  left > 1,
		tailKeys2: left > 2,
		tailBlank: left > 3,
	}

	d.border(x0, y0, bw, box.tl, box.tr, box.hz, " Options ")
	y := y0 + 1
	for i := 0; i < fieldRows; i++ {
		p := d.boxRow(x0, y, bw, box.vt)
		if fl := first + i; fl < fields {
			d.fieldRow(&p, w, fl)
		}
		d.endBoxRow(&p, box.vt)
		y++
	}
	rest := n.text
	for t := range tailCount {
		rows := 1
		switch {
		case t == tailNote:
			rows = shownNote
		case !show[t]:
			continue
		}
		for range rows {
			p := d.boxRow(x0, y, bw, box.vt)
			if t == tailNote {
				var line string
				line, rest = nextLine(rest, textW)
				d.noteRow(&p, line)
			} else {
				d.tailRow(&p, t, path, textW)
			}
			d.endBoxRow(&p, box.vt)
			y++
		}
	}
	d.border(x0, y0+bh-1, bw, box.bl, box.br, box.hz, "")
}

// noteRow writes one line of the note.
func (d *drawer) noteRow(p *pen, line string) {
	st := d.pal.header
	if d.note.err {
		st = d.pal.err
	}
	p.text(line, st)
}

// tailRow writes tail row t: the config path (shortened in the middle to
// fit width columns) or a keys line.
func (d *drawer) tailRow(p *pen, t int, path string, width int) {
	st := d.pal.plain
	switch t {
	case tailPath:
		p.text(pathLabel, st)
		if path == "" {
			path = "none"
		}
		head, tail := middleCut(path, width-len(pathLabel))
		p.text(head, st)
		if tail != "" {
			p.text("…", st)
			p.text(tail, st)
		}
	case tailKeys1:
		if arrows(d.o) {
			p.text("↑/↓ Select  ←/→ Change  F2/Enter/Esc Close", st)
		} else {
			p.text("Up/Down Select  Left/Right Change  F2/Esc Close", st)
		}
	case tailKeys2:
		p.text("F5 Save  F6 Reload  q Quit", st)
	}
}

// border writes a horizontal border row of the box with a title.
func (d *drawer) border(x0, y, bw int, left, right, hz, title string) {
	p := pen{s: d.s, x: x0, y: y, end: x0 + bw, blank: d.pal.plain}
	p.text(left, d.pal.plain)
	if title != "" {
		p.text(hz, d.pal.plain)
		p.text(title, d.pal.header)
	}
	for p.x < x0+bw-1 && !p.filled {
		p.put(hz, 1, d.pal.plain)
	}
	p.text(right, d.pal.plain)
}

// boxRow starts an inner row of the box: the left border and a margin;
// the returned pen ends before the right margin.
func (d *drawer) boxRow(x0, y, bw int, vt string) pen {
	p := pen{s: d.s, x: x0, y: y, end: x0 + bw, blank: d.pal.plain}
	p.text(vt, d.pal.plain)
	p.pad(x0 + 2)
	p.end = x0 + bw - 2
	return p
}

// endBoxRow pads the row, then writes the right margin and border.
func (d *drawer) endBoxRow(p *pen, vt string) {
	p.pad(p.end)
	p.end += 2
	p.filled = false
	p.blank = d.pal.plain
	p.pad(p.end - 1)
	p.text(vt, d.pal.plain)
}

// fieldRow writes "> Name        < value >" for the selected field (in
// reverse video) and "  Name          value" for the others.
func (d *drawer) fieldRow(p *pen, w *optionsWindow, fl int) {
	st := d.pal.plain
	selected := fl == w.sel
	if selected {
		st = st.Reverse(true)
		p.blank = st
		p.text("> ", st)
	} else {
		p.text("  ", st)
	}
	x := p.x
	p.text(w.rows[fl].Label, st)
	p.pad(x + nameWidth)
	if selected {
		p.text("< ", st)
	} else {
		p.text("  ", st)
	}
	p.bytes(w.appendValue(w.buf[:0], fl), st)
	if selected {
		p.text(" >", st)
	}
}

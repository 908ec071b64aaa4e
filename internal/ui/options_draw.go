package ui

import "github.com/gdamore/tcell/v2"

// The options window's size when the screen has room for it.
const (
	windowWidth  = 56
	windowHeight = 2 + int(fieldCount) + 5 // borders, fields, tail rows
	nameWidth    = 13                      // field label column
)

// The tail rows of the options window under the fields, top to bottom.
const (
	tailBlank = iota
	tailPath
	tailNote
	tailKeys1
	tailKeys2
	tailCount
)

// tailRank orders the tail rows by how long they stay on a short screen:
// a row shows when its rank is below the number of tail rows there is
// room for.
var tailRank = [tailCount]int{tailBlank: 4, tailPath: 2, tailNote: 0, tailKeys1: 1, tailKeys2: 3}

// boxChars are the frame characters: corners, horizontal, vertical.
type boxChars struct{ tl, tr, bl, br, hz, vt string }

var (
	asciiBox   = boxChars{"+", "+", "+", "+", "-", "|"}
	unicodeBox = boxChars{"┌", "┐", "└", "┘", "─", "│"}
)

// drawOptionsWindow draws w as a box centred over what s shows: the
// fields with their values (the selected one reversed), the config file
// path ("none" when path is ""), the note and the keys. On a short screen
// the fields scroll to keep the selected one visible.
func drawOptionsWindow(s tcell.Screen, w *optionsWindow, o *Options, path string, n note) {
	d := newDrawer(s, nil, o, n)
	if d.w < MinWidth || d.h < MinHeight {
		return
	}
	bw, bh := min(d.w, windowWidth), min(d.h, windowHeight)
	x0, y0 := (d.w-bw)/2, (d.h-bh)/2
	box := asciiBox
	if o.arrows() {
		box = unicodeBox
	}
	inner := bh - 2
	tail := max(2, min(tailCount, inner-int(fieldCount)))
	fieldRows := inner - tail
	first := max(0, int(w.sel)-fieldRows+1)

	d.border(x0, y0, bw, box.tl, box.tr, box.hz, " Options ")
	y := y0 + 1
	for i := 0; i < fieldRows; i++ {
		p := d.boxRow(x0, y, bw, box.vt)
		if fl := field(first + i); fl < fieldCount {
			d.fieldRow(&p, w, fl)
		}
		d.endBoxRow(&p, box.vt)
		y++
	}
	for t := range tailCount {
		if tailRank[t] >= tail {
			continue
		}
		p := d.boxRow(x0, y, bw, box.vt)
		d.tailRow(&p, t, path)
		d.endBoxRow(&p, box.vt)
		y++
	}
	d.border(x0, y0+bh-1, bw, box.bl, box.br, box.hz, "")
}

// tailRow writes tail row t: the config path, the note or a keys line.
func (d *drawer) tailRow(p *pen, t int, path string) {
	st := d.pal.plain
	switch t {
	case tailPath:
		p.text("Config: ", st)
		if path == "" {
			path = "none"
		}
		p.text(path, st)
	case tailNote:
		if d.note.err {
			st = d.pal.err
		} else {
			st = d.pal.header
		}
		p.text(d.note.text, st)
	case tailKeys1:
		if d.o.arrows() {
			p.text("↑/↓ Select  ←/→ Change  Enter/Esc Close", st)
		} else {
			p.text("Up/Down Select  Left/Right Change  Enter/Esc Close", st)
		}
	case tailKeys2:
		p.text("F5 Save  F6 Reload", st)
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
func (d *drawer) fieldRow(p *pen, w *optionsWindow, fl field) {
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
	p.text(fieldNames[fl], st)
	p.pad(x + nameWidth)
	if selected {
		p.text("< ", st)
	} else {
		p.text("  ", st)
	}
	p.bytes(w.appendValue(d.buf[:0], fl), st)
	if selected {
		p.text(" >", st)
	}
}

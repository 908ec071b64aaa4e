package ui

import (
	"strconv"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// scratchSize is the room for one formatted number with its unit.
const scratchSize = 64

// note is a message of the screen itself, such as "saved to PATH", shown
// on the warning line after the frame's error and warning.
type note struct {
	text string
	err  bool   // shown as an error
	hint string // shown at the end of the header: how the screen falls back
}

// draw paints one full frame of f on s with the options o (neither may be
// nil) in the single view, with the note n on the warning line. Every
// cell of the screen is written, so nothing of an earlier frame remains.
// draw does not call Show; the caller does. It allocates nothing. o.Multi
// is ignored; drawMulti draws that view.
//
// Below MinWidth x MinHeight it shows only "Terminal too small!" and the
// size needed. Otherwise: the header, a rule of '=', the warning line when
// f has a Warning or an Error or there is a note, the incoming and
// outgoing panels, and the help bar on the last row.
func draw(s tcell.Screen, f *frame.Frame, o *settings.Options, n note) {
	drawShadowed(s, f, o, n, nil)
}

// drawShadowed is draw leaving alone the cells that sh says hold what
// the frame would write.
func drawShadowed(s tcell.Screen, f *frame.Frame, o *settings.Options, n note, sh *shadow) {
	d := newDrawer(s, f, o, n)
	d.sh = sh.with(&d.pal)
	if l := lockCells(s); l != nil {
		defer l.Unlock()
		d.c = l.GetCells()
	}
	lay := newLayout(d.w, d.h, f.Warning != "" || f.Error != "" || n.text != "", o.NoGraph, statsWidth(o))
	d.sh.shape(frameShape{sl: lay})
	if lay.small {
		d.tooSmall()
		return
	}
	fixed := d.sh.fixedRows()
	d.header(0)
	if !fixed {
		d.rule(1)
	}
	if lay.warnRow >= 0 {
		d.warning(lay.warnRow, true)
	}
	d.panel(0, 0, &f.In, lay.strip(0))
	d.panel(0, 1, &f.Out, lay.strip(1))
	if lay.spareRow >= 0 {
		d.blankRow(lay.spareRow)
	}
	if !fixed {
		d.help(lay.helpRow, false)
	}
}

// drawer carries what the parts of one frame need.
type drawer struct {
	s    tcell.Screen
	c    cellPutter   // where the frame's cells go: s, or its locked cell buffer
	sh   *shadow      // what the cells hold from the last frame; nil when unknown
	f    *frame.Frame // the device being drawn
	o    *settings.Options
	pal  palette
	w, h int
	note note
	buf  [scratchSize]byte // scratch for formatted numbers
}

func newDrawer(s tcell.Screen, f *frame.Frame, o *settings.Options, n note) drawer {
	w, h := s.Size()
	return drawer{s: s, c: s, f: f, o: o, pal: newPalette(o), w: w, h: h, note: n}
}

func (d *drawer) pen(y int) pen {
	return pen{s: d.c, y: y, end: d.w, blank: d.pal.plain, code: codeBlank, sh: d.sh}
}

func (d *drawer) blankRow(y int) {
	p := d.pen(y)
	p.pad(d.w)
}

func (d *drawer) number(p *pen, n int, st tcell.Style) {
	p.bytes(strconv.AppendInt(d.buf[:0], int64(n), 10), st)
}

// header writes "Device NAME [ADDR] (I/N) [TAG] DETAIL:".
func (d *drawer) header(y int) {
	p := d.pen(y)
	st := d.pal.header
	f := d.f
	if d.o.Emoji {
		p.text("🌐 ", st)
	}
	p.text("Device ", st)
	d.name(&p, st)
	p.text(" (", st)
	d.number(&p, f.Index+1, st)
	p.text("/", st)
	d.number(&p, f.Count, st)
	p.text(")", st)
	d.source(&p, st)
	p.text(":", st)
	d.hint(&p)
	d.usage(&p)
	p.pad(d.w)
}

// hint writes the note on how the screen falls back, two spaces after
// the header.
func (d *drawer) hint(p *pen) {
	if d.note.hint != "" {
		p.text("  ", d.pal.plain)
		p.text(d.note.hint, d.pal.warn)
	}
}

// name writes "NAME [ADDR]" or "NAME (gone)".
func (d *drawer) name(p *pen, st tcell.Style) {
	f := d.f
	p.text(f.Device, st)
	switch {
	case f.Gone:
		p.text(" (gone)", st)
	case f.Addr != "":
		p.text(" [", st)
		p.text(f.Addr, st)
		p.text("]", st)
	}
}

// source writes " [TAG] DETAIL", each part only when set.
func (d *drawer) source(p *pen, st tcell.Style) {
	if d.f.Tag != "" {
		p.text(" [", st)
		p.text(d.f.Tag, st)
		p.text("]", st)
	}
	if d.f.Detail != "" {
		p.text(" ", st)
		p.text(d.f.Detail, st)
	}
}

func (d *drawer) rule(y int) {
	p := d.pen(y)
	for !p.filled && p.x < p.end {
		p.put("=", 1, d.pal.plain)
	}
}

// warning writes the error (red), the frame's warning (yellow) when
// withWarning, and the note, two spaces apart.
func (d *drawer) warning(y int, withWarning bool) {
	p := d.pen(y)
	parts := 0
	if d.f.Error != "" {
		p.text("Error: ", d.pal.err)
		p.text(d.f.Error, d.pal.err)
		parts++
	}
	if withWarning && d.f.Warning != "" {
		d.gap(&p, parts)
		p.text(d.f.Warning, d.pal.warn)
		parts++
	}
	if d.note.text != "" {
		d.gap(&p, parts)
		st := d.pal.header
		if d.note.err {
			st = d.pal.err
		}
		p.text(d.note.text, st)
	}
	p.pad(d.w)
}

// gap writes two spaces when parts were written before.
func (d *drawer) gap(p *pen, parts int) {
	if parts > 0 {
		p.text("  ", d.pal.plain)
	}
}

// help writes the key help on the last row, shortened when the long form
// does not fit.
func (d *drawer) help(y int, multi bool) {
	p := d.pen(y)
	p.blank, p.code = d.pal.help, codeHelpBlank
	arrow, aw := "<-/->", 5
	if arrows(d.o) {
		arrow, aw = "←/→", 3
	}
	long, short := " Switch device | m Multi | F2 Options | q Quit", " Dev | m Multi | F2 Opts | q Quit"
	if multi {
		long, short = " Switch page | m Single | F2 Options | q Quit", " Page | m Single | F2 Opts | q Quit"
	}
	rest := long
	if aw+len(long) > d.w {
		rest = short
	}
	p.text(arrow, d.pal.help)
	p.text(rest, d.pal.help)
	p.pad(d.w)
}

// tooSmall blanks the screen and centres the message and the needed size,
// each wrapped at a space when the screen is narrower than it.
func (d *drawer) tooSmall() {
	w, h := d.w, d.h
	const msg = "Terminal too small!"
	b := append(d.buf[:0], "Need "...)
	b = strconv.AppendInt(b, MinWidth, 10)
	b = append(b, 'x')
	b = strconv.AppendInt(b, MinHeight, 10)
	b = append(b, ", have "...)
	b = strconv.AppendInt(b, int64(w), 10)
	b = append(b, 'x')
	b = strconv.AppendInt(b, int64(h), 10)
	lines := countLines(msg, w)
	for rest := b; len(rest) > 0; lines++ {
		_, rest = splitFit(rest, w)
	}
	top := (h - lines) / 2
	rest, need := msg, b
	for y := 0; y < h; y++ {
		p := d.pen(y)
		switch {
		case y >= top && rest != "":
			var line string
			line, rest = nextLine(rest, w)
			p.pad((w - len(line)) / 2)
			p.text(line, d.pal.header)
		case y >= top && len(need) > 0:
			var line []byte
			line, need = splitFit(need, w)
			p.pad((w - len(line)) / 2)
			p.bytes(line, d.pal.plain)
		}
		p.pad(w)
	}
}

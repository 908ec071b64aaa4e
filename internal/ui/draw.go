package ui

import (
	"strconv"

	"github.com/gdamore/tcell/v2"
)

// scratchSize is the room for one formatted number with its unit.
const scratchSize = 64

// Draw paints one full frame of f on s with the options o (neither may be
// nil). Every cell of the screen is written, so nothing of an earlier frame
// remains. Draw does not call Show; the caller does. It allocates nothing.
//
// Below MinWidth x MinHeight it shows only "Terminal too small!" and the
// size needed. Otherwise: the header, a rule of '=', the warning line when
// f has a Warning or an Error, the incoming and outgoing panels, and the
// help bar on the last row.
func Draw(s tcell.Screen, f *Frame, o *Options) {
	w, h := s.Size()
	d := drawer{
		s:   s,
		f:   f,
		o:   o,
		pal: newPalette(o),
		lay: newLayout(w, h, f.Warning != "" || f.Error != "", o.NoGraph),
	}
	if d.lay.small {
		d.tooSmall()
		return
	}
	d.header(0)
	d.rule(1)
	if d.lay.warnRow >= 0 {
		d.warning(d.lay.warnRow)
	}
	d.panel(0, &f.In)
	d.panel(1, &f.Out)
	if d.lay.spareRow >= 0 {
		d.blankRow(d.lay.spareRow)
	}
	d.help(d.lay.helpRow)
}

// drawer carries what the parts of one frame need.
type drawer struct {
	s   tcell.Screen
	f   *Frame
	o   *Options
	pal palette
	lay layout
	buf [scratchSize]byte // scratch for formatted numbers
}

func (d *drawer) pen(y int) pen {
	return pen{s: d.s, y: y, end: d.lay.w, blank: d.pal.plain}
}

func (d *drawer) blankRow(y int) {
	p := d.pen(y)
	p.pad(d.lay.w)
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
	p.text(f.Device, st)
	switch {
	case f.Gone:
		p.text(" (gone)", st)
	case f.Addr != "":
		p.text(" [", st)
		p.text(f.Addr, st)
		p.text("]", st)
	}
	p.text(" (", st)
	d.number(&p, f.Index+1, st)
	p.text("/", st)
	d.number(&p, f.Count, st)
	p.text(")", st)
	if f.Tag != "" {
		p.text(" [", st)
		p.text(f.Tag, st)
		p.text("]", st)
	}
	if f.Detail != "" {
		p.text(" ", st)
		p.text(f.Detail, st)
	}
	p.text(":", st)
	p.pad(d.lay.w)
}

func (d *drawer) rule(y int) {
	p := d.pen(y)
	for !p.filled && p.x < p.end {
		p.put("=", 1, d.pal.plain)
	}
}

// warning writes the sampling error (red) and then the source's warning
// (yellow), two spaces apart when there are both.
func (d *drawer) warning(y int) {
	p := d.pen(y)
	if d.f.Error != "" {
		p.text("Error: ", d.pal.err)
		p.text(d.f.Error, d.pal.err)
		if d.f.Warning != "" {
			p.text("  ", d.pal.plain)
		}
	}
	p.text(d.f.Warning, d.pal.warn)
	p.pad(d.lay.w)
}

func (d *drawer) help(y int) {
	p := d.pen(y)
	p.blank = d.pal.help
	if d.o.Unicode || d.o.Emoji {
		p.text("←/→ Switch device | q Quit", d.pal.help)
	} else {
		p.text("<-/-> Switch device | q Quit", d.pal.help)
	}
	p.pad(d.lay.w)
}

// tooSmall blanks the screen and centres the message and the needed size.
func (d *drawer) tooSmall() {
	w, h := d.lay.w, d.lay.h
	top := (h - 2) / 2
	for y := 0; y < h; y++ {
		p := d.pen(y)
		switch y {
		case top:
			const msg = "Terminal too small!"
			p.pad((w - len(msg)) / 2)
			p.text(msg, d.pal.header)
		case top + 1:
			b := append(d.buf[:0], "Need "...)
			b = strconv.AppendInt(b, MinWidth, 10)
			b = append(b, 'x')
			b = strconv.AppendInt(b, MinHeight, 10)
			b = append(b, ", have "...)
			b = strconv.AppendInt(b, int64(w), 10)
			b = append(b, 'x')
			b = strconv.AppendInt(b, int64(h), 10)
			p.pad((w - len(b)) / 2)
			p.bytes(b, d.pal.plain)
		}
		p.pad(w)
	}
}

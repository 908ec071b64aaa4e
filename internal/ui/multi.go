package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// drawMulti paints one full frame of the multi view on s with the options
// o: the page of devices that holds the selected one, each in a block of
// its name, its incoming and outgoing graphs and its statistics. sel is
// the selected device's frame: its Index chooses the page and the block
// shown highlighted, its Tag and Detail go in the header and its Error on
// the error line. buf is scratch that drawMulti fills with l.FrameAt for
// each device on the page; it must not be sel. Each device's Warning is
// shown on its name row, the note n on the error line.
//
// Like draw, drawMulti writes every cell, does not call Show, allocates
// nothing, and below MinWidth x MinHeight shows "Terminal too small!".
func drawMulti(s tcell.Screen, l Lister, sel, buf *frame.Frame, o *settings.Options, n note) {
	drawMultiShadowed(s, l, sel, buf, o, n, nil)
}

// drawMultiShadowed is drawMulti leaving alone the cells that sh says
// hold what the frame would write.
func drawMultiShadowed(s tcell.Screen, l Lister, sel, buf *frame.Frame, o *settings.Options, n note, sh *shadow) {
	d := newDrawer(s, sel, o, n)
	d.sh = sh.with(&d.pal)
	if l := lockCells(s); l != nil {
		defer l.Unlock()
		d.c = l.GetCells()
	}
	count := l.Len()
	lay := newMultiLayout(d.w, d.h, sel.Error != "" || n.text != "", o, count)
	d.sh.shape(frameShape{multi: true, ml: lay})
	if lay.small {
		d.tooSmall()
		return
	}
	page := lay.pageOf(sel.Index, count)
	fixed := d.sh.fixedRows()
	d.multiHeader(0, count, page, lay.pages(count))
	if !fixed {
		d.rule(1)
	}
	if lay.errRow >= 0 {
		d.warning(lay.errRow, false)
	}
	first := page * lay.perPage
	for k := 0; k < lay.perPage; k++ {
		y := lay.top + k*lay.block
		i := first + k
		if i >= count {
			d.sh.forgetSlot(k)
			d.blankRows(y, y+lay.block)
			continue
		}
		l.FrameAt(i, buf)
		d.f = buf
		d.device(k, y, &lay, i == sel.Index)
	}
	d.f = sel
	d.blankRows(lay.top+lay.perPage*lay.block, lay.helpRow)
	if !fixed {
		d.help(lay.helpRow, true)
	}
}

// blankRows blanks the rows from y0 up to y1.
func (d *drawer) blankRows(y0, y1 int) {
	for y := y0; y < y1; y++ {
		d.blankRow(y)
	}
}

// multiHeader writes "winload: N devices (page P/PAGES) [TAG] DETAIL",
// unless the shadow remembers drawing it from the same values.
func (d *drawer) multiHeader(y, count, page, pages int) {
	if d.sh != nil {
		now := headerMemo{drawn: true, count: count, page: page, pages: pages, tag: d.f.Tag, detail: d.f.Detail, hint: d.note.hint}
		if d.sh.header == now {
			return
		}
		d.sh.header = now
	}
	p := d.pen(y)
	st := d.pal.header
	if d.o.Emoji {
		p.text("🌐 ", st)
	}
	p.text("winload: ", st)
	d.number(&p, count, st)
	if count == 1 {
		p.text(" device", st)
	} else {
		p.text(" devices", st)
	}
	if count > 0 {
		p.text(" (page ", st)
		d.number(&p, page+1, st)
		p.text("/", st)
		d.number(&p, pages, st)
		p.text(")", st)
	}
	d.source(&p, st)
	d.hint(&p)
	p.pad(d.w)
}

// device draws the block of d.f in slot k from row y: the name row
// (reversed when selected, with the device's warning), then both
// directions.
func (d *drawer) device(k, y int, lay *multiLayout, selected bool) {
	d.nameRow(k, y, selected)
	for dir, dn := range [2]*frame.Direction{&d.f.In, &d.f.Out} {
		s := lay.strips[dir]
		s.label += y
		s.top += y
		d.panel(k, dir, dn, s)
	}
	d.blankRows(y+lay.used, y+lay.block)
}

// nameRow writes the name row of the device in slot k on row y, unless
// the shadow remembers drawing it from the same name, address, warning
// and selection.
func (d *drawer) nameRow(k, y int, selected bool) {
	f := d.f
	now := nameMemo{drawn: true, device: f.Device, addr: f.Addr, warning: f.Warning, gone: f.Gone, selected: selected}
	if m := d.sh.name(k); m != nil {
		if *m == now {
			return
		}
		*m = now
	}
	p := d.pen(y)
	st := d.pal.header
	if selected {
		st = st.Reverse(true)
	}
	d.name(&p, st)
	if f.Warning != "" {
		p.text("  ", d.pal.plain)
		p.text(f.Warning, d.pal.warn)
	}
	p.pad(d.w)
}

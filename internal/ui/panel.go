package ui

import "github.com/winload/winload/internal/frame"

// statCount is the number of statistics in a panel.
const statCount = 5

// panel draws the incoming (dir 0) or outgoing (dir 1) panel into st: its
// label, its graph and its statistics.
func (d *drawer) panel(dir int, dn *frame.Direction, st strip) {
	var hist frame.Series
	if !d.f.Gone {
		hist = dn.History
	}
	fixed := d.o.InMax
	if dir == 1 {
		fixed = d.o.OutMax
	}
	scale := graphScale(fixed, d.o.Rate, hist, st.graphW*valuesPerCell(d.o.Graph))
	d.label(st, dir, scale)
	if st.graphW > 0 {
		d.plot(st, dir, hist, scale)
	}
	d.stats(st, dn)
}

// label writes "Incoming (100% @ SCALE):", or "Incoming:" without a graph.
func (d *drawer) label(st strip, dir int, scale float64) {
	p := pen{s: d.c, x: st.x, y: st.label, end: st.end, blank: d.pal.plain, code: codeBlank, sh: d.sh}
	sty := d.pal.label[dir]
	switch {
	case dir == 0 && d.o.Emoji:
		p.text("📥 Incoming", sty)
	case dir == 0:
		p.text("Incoming", sty)
	case d.o.Emoji:
		p.text("📤 Outgoing", sty)
	default:
		p.text("Outgoing", sty)
	}
	if st.graphW > 0 {
		p.text(" (100% @ ", sty)
		p.bytes(d.o.Rate.AppendRate(d.buf[:0], scale), sty)
		p.text(")", sty)
	}
	p.text(":", sty)
	p.pad(st.end)
}

// stats writes the statistics column, bottom-aligned beside a graph or
// directly under the label without one. When fewer rows than statistics
// remain, the first ones (Curr first) are shown.
func (d *drawer) stats(st strip, dn *frame.Direction) {
	shown := min(statCount, st.rows)
	first := 0
	if st.graphW > 0 {
		first = st.rows - shown
	}
	var vals [statCount]float64
	if dn.Valid && !d.f.Gone {
		vals = [statCount]float64{dn.Curr, dn.Avg, dn.Min, dn.Max}
	}
	if !d.f.Gone {
		vals[4] = float64(dn.Total)
	}
	for r := 0; r < st.rows; r++ {
		p := pen{s: d.c, x: st.x + st.graphW, y: st.top + r, end: st.end, blank: d.pal.plain, code: codeBlank, sh: d.sh}
		p.pad(st.statX)
		if k := r - first; k >= 0 && k < shown {
			d.stat(&p, k, vals[k])
		}
		p.pad(st.end)
	}
}

func (d *drawer) stat(p *pen, k int, v float64) {
	sty := d.pal.plain
	switch k {
	case 0:
		p.text("Curr: ", sty)
	case 1:
		p.text("Avg: ", sty)
	case 2:
		p.text("Min: ", sty)
	case 3:
		p.text("Max: ", sty)
	default:
		p.text("Ttl: ", sty)
		p.bytes(d.o.Total.AppendAmount(d.buf[:0], v), sty)
		return
	}
	p.bytes(d.o.Rate.AppendRate(d.buf[:0], v), sty)
}

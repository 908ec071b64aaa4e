package ui

import (
	"math"

	"github.com/winload/winload/internal/frame"
)

// statCount is the number of statistics in a panel.
const statCount = 5

// panel draws the incoming (dir 0) or outgoing (dir 1) panel of the
// device in slot k into st: its label, its graph and its statistics,
// leaving alone those parts the shadow remembers drawing from the same
// values at the same place.
func (d *drawer) panel(k, dir int, dn *frame.Direction, st strip) {
	var hist frame.Series
	var tail *tailSum // what View.key found in the values the graph shows
	n := st.graphW * valuesPerCell(d.o.Graph)
	if !d.f.Gone {
		hist = dn.History
		tail = d.sh.tail(k, dir, n)
	}
	fixed := d.o.InMax
	if dir == 1 {
		fixed = d.o.OutMax
	}
	var scale float64
	if tail != nil && fixed <= 0 {
		scale = d.o.Rate.AutoScale(tail.peak)
	} else {
		scale = graphScale(fixed, d.o.Rate, hist, n)
	}
	m := d.sh.strip(k, dir, st.graphW)
	placed := m != nil && m.drawn && m.at == st // the statistics' rows hold what they showed
	scaled := placed && m.scale == math.Float64bits(scale)
	if !scaled {
		d.label(st, dir, scale)
	}
	// A graph whose values hash as the ones it was drawn from shows them
	// already (the hash tells apart any two tails that differ in one value).
	if st.graphW > 0 && !(scaled && tail != nil && m.tailOK && m.tail == tail.hash) {
		d.plot(st, dir, hist, scale, m, scaled)
	}
	d.stats(st, dn, m, placed)
	if m != nil {
		m.drawn, m.at, m.scale = true, st, math.Float64bits(scale)
		m.tailOK = tail != nil
		if tail != nil {
			m.tail = tail.hash
		}
	}
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
// remain, the first ones (Curr first) are shown. With m placed, a row
// whose statistic has the value m remembers, or that holds none, is left
// alone; m (when not nil) remembers the values drawn.
func (d *drawer) stats(st strip, dn *frame.Direction, m *stripMemo, placed bool) {
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
		k := r - first
		if m != nil {
			if k < 0 || k >= shown {
				if placed {
					continue
				}
			} else {
				bits := math.Float64bits(vals[k])
				if placed && m.stats[k] == bits {
					continue
				}
				m.stats[k] = bits
			}
		}
		p := pen{s: d.c, x: st.x + st.graphW, y: st.top + r, end: st.end, blank: d.pal.plain, code: codeBlank, sh: d.sh}
		p.pad(st.statX)
		if k >= 0 && k < shown {
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

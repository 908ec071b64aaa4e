package ui

// statCount is the number of statistics in a panel.
const statCount = 5

// panel draws the incoming (dir 0) or outgoing (dir 1) panel: its label,
// its graph and its statistics.
func (d *drawer) panel(dir int, dn *Direction) {
	top := d.lay.panelTop[dir]
	gw := d.lay.graphW
	var hist Series
	if !d.f.Gone {
		hist = dn.History
	}
	fixed := d.o.InMax
	if dir == 1 {
		fixed = d.o.OutMax
	}
	scale := graphScale(fixed, hist, gw)
	d.label(top, dir, scale)
	if gw > 0 {
		d.graph(dir, top+1, hist, scale)
	}
	d.stats(top+1, dn)
}

// label writes "Incoming (100% @ SCALE):", or "Incoming:" without a graph.
func (d *drawer) label(y, dir int, scale float64) {
	p := d.pen(y)
	st := d.pal.label[dir]
	switch {
	case dir == 0 && d.o.Emoji:
		p.text("📥 Incoming", st)
	case dir == 0:
		p.text("Incoming", st)
	case d.o.Emoji:
		p.text("📤 Outgoing", st)
	default:
		p.text("Outgoing", st)
	}
	if d.lay.graphW > 0 {
		p.text(" (100% @ ", st)
		p.bytes(d.o.Rate.AppendRate(d.buf[:0], scale), st)
		p.text(")", st)
	}
	p.text(":", st)
	p.pad(d.lay.w)
}

// graph draws hist into the first graphW columns of the panel's rows, the
// newest value in the rightmost column.
func (d *drawer) graph(dir, y0 int, hist Series, scale float64) {
	w, h := d.lay.graphW, d.lay.graphRows
	styles := &d.pal.bar[dir]
	n := 0
	if hist != nil {
		n = hist.Len()
	}
	for x := 0; x < w; x++ {
		i := n - w + x
		for l := 0; l < h; l++ {
			lv := levelEmpty
			if i >= 0 {
				lv = cellLevel(hist.At(i), scale, h, l)
			}
			if lv == levelTrace && !d.o.Unicode {
				lv = levelEmpty // blank in ASCII: no colour either
			}
			d.s.Put(x, y0+l, glyph(lv, d.o.Unicode), styles[lv])
		}
	}
}

// stats writes the statistics column, bottom-aligned beside a graph or
// directly under the label without one. When fewer rows than statistics
// remain, the first ones (Curr first) are shown.
func (d *drawer) stats(y0 int, dn *Direction) {
	rows := d.lay.graphRows
	shown := min(statCount, rows)
	first := 0
	if d.lay.graphW > 0 {
		first = rows - shown
	}
	var vals [statCount]float64
	if dn.Valid && !d.f.Gone {
		vals = [statCount]float64{dn.Curr, dn.Avg, dn.Min, dn.Max}
	}
	if !d.f.Gone {
		vals[4] = float64(dn.Total)
	}
	for r := 0; r < rows; r++ {
		p := d.pen(y0 + r)
		p.x = d.lay.graphW
		p.pad(d.lay.statX)
		if k := r - first; k >= 0 && k < shown {
			d.stat(&p, k, vals[k])
		}
		p.pad(d.lay.w)
	}
}

func (d *drawer) stat(p *pen, k int, v float64) {
	st := d.pal.plain
	switch k {
	case 0:
		p.text("Curr: ", st)
	case 1:
		p.text("Avg: ", st)
	case 2:
		p.text("Min: ", st)
	case 3:
		p.text("Max: ", st)
	default:
		p.text("Ttl: ", st)
		p.bytes(d.o.Total.AppendAmount(d.buf[:0], v), st)
		return
	}
	p.bytes(d.o.Rate.AppendRate(d.buf[:0], v), st)
}

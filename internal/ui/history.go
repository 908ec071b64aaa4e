package ui

import (
	"math"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// histView is what key h shows: the live graphs, the last 30 days or the
// last 12 billing months.
type histView int

const (
	viewLive histView = iota
	viewDays
	viewMonths
	histViews
)

// next returns the view key h moves to.
func (v histView) next() histView { return (v + 1) % histViews }

// quotaWarn is the share of a quota from which the header warns.
const quotaWarn = 0.9

// usage writes the selected device's kept totals after the header:
// "  Today ↓IN ↑OUT  Month ↓IN ↑OUT  Quota N%". From 90 % of the quota
// it comes first, in the warning style, as "  Quota N% of SIZE!", so that
// a narrow screen still shows it. Nothing without a history.
func (d *drawer) usage(p *pen) {
	u := &d.f.Usage
	if !u.Known {
		return
	}
	st := d.pal.plain
	share := 0.0
	if u.Quota > 0 {
		share = (float64(u.Month.In) + float64(u.Month.Out)) / float64(u.Quota)
	}
	warn := u.Quota > 0 && share >= quotaWarn
	if warn {
		p.text("  Quota ", d.pal.warn)
		p.bytes(appendPercent(d.buf[:0], share), d.pal.warn)
		p.text(" of ", d.pal.warn)
		p.bytes(d.o.Total.AppendAmount(d.buf[:0], float64(u.Quota)), d.pal.warn)
		p.text("!", d.pal.warn)
	}
	d.amounts(p, "  Today ", u.Today, st)
	d.amounts(p, "  Month ", u.Month, st)
	if u.Quota > 0 && !warn {
		p.text("  Quota ", st)
		p.bytes(appendPercent(d.buf[:0], share), st)
	}
}

// amounts writes "LABEL↓IN ↑OUT", with "in"/"out" instead of arrows on
// an ASCII screen.
func (d *drawer) amounts(p *pen, label string, a frame.Amount, st tcell.Style) {
	in, out := "in ", " out "
	if arrows(d.o) {
		in, out = "↓", " ↑"
	}
	p.text(label, st)
	p.text(in, st)
	p.bytes(d.o.Total.AppendAmount(d.buf[:0], float64(a.In)), st)
	p.text(out, st)
	p.bytes(d.o.Total.AppendAmount(d.buf[:0], float64(a.Out)), st)
}

// appendPercent appends share as a whole percentage, "93%".
func appendPercent(dst []byte, share float64) []byte {
	pct := math.Floor(share * 100)
	if math.IsNaN(pct) || pct < 0 {
		pct = 0
	}
	if pct > 99999 {
		pct = 99999
	}
	n := int(pct)
	var digits [5]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	dst = append(dst, digits[i:]...)
	return append(dst, '%')
}

// drawHistory paints the history view of f: the header, then the
// incoming and outgoing panels with one bar per day (or billing month)
// in the graph style of the live view, and beside each its latest,
// average, largest and summed amounts.
func drawHistory(s tcell.Screen, f *frame.Frame, o *settings.Options, v histView, n note) {
	d := newDrawer(s, f, o, n)
	lay := newLayout(d.w, d.h, f.Warning != "" || f.Error != "" || n.text != "", false, statsWidth(o))
	if lay.small {
		d.tooSmall()
		return
	}
	bars := f.Usage.Days[:]
	if v == viewMonths {
		bars = f.Usage.Months[:]
	}
	d.header(0)
	d.rule(1)
	if lay.warnRow >= 0 {
		d.warning(lay.warnRow, true)
	}
	for dir := range 2 {
		d.barPanel(dir, bars, v, lay.strip(dir))
	}
	if lay.spareRow >= 0 {
		d.blankRow(lay.spareRow)
	}
	d.histHelp(lay.helpRow, v)
}

// barValue returns the value of column i of bars drawn width columns
// each in direction dir, the last column of a bar 0 as a gap when width
// is 3 or more, and NaN outside the bars.
func barValue(bars []frame.Bar, dir, width, i int) float64 {
	if i < 0 || i >= len(bars)*width {
		return math.NaN()
	}
	if width >= 3 && i%width == width-1 {
		return 0
	}
	if dir == 0 {
		return float64(bars[i/width].In)
	}
	return float64(bars[i/width].Out)
}

// barPanel draws one direction of the history view.
func (d *drawer) barPanel(dir int, bars []frame.Bar, v histView, st strip) {
	per := valuesPerCell(d.o.Graph)
	width := max(1, st.graphW*per/len(bars))
	var sum, peak float64
	for i := range bars {
		x := barValue(bars, dir, 1, i)
		sum += x
		peak = max(peak, x)
	}
	scale := max(peak, 1)
	p := pen{s: d.s, x: st.x, y: st.label, end: st.end, blank: d.pal.plain}
	sty := d.pal.label[dir]
	label := "Incoming"
	if dir == 1 {
		label = "Outgoing"
	}
	p.text(label, sty)
	if v == viewMonths {
		p.text(" per month", sty)
	} else {
		p.text(" per day", sty)
	}
	p.text(" (100% @ ", sty)
	p.bytes(d.o.Total.AppendAmount(d.buf[:0], scale), sty)
	p.text("):", sty)
	p.pad(st.end)
	styles := &d.pal.bar[dir]
	first := len(bars)*width - st.graphW*per
	for c := 0; c < st.graphW; c++ {
		i := first + c*per
		v1, v2 := barValue(bars, dir, width, i), barValue(bars, dir, width, i+1)
		for l := 0; l < st.rows; l++ {
			g, lv, _ := d.cell(v1, v2, scale, st.rows, l)
			d.s.Put(st.x+c, st.top+l, g, styles[lv])
		}
	}
	d.barStats(st, bars, barValue(bars, dir, 1, len(bars)-1), v, sum, peak)
}

// barStats writes the history view's statistics column: the current
// bar, the average and largest bar, the sum, and the span's first and
// last dates.
func (d *drawer) barStats(st strip, bars []frame.Bar, last float64, v histView, sum, peak float64) {
	const rows = 5
	shown := min(rows, st.rows)
	first := st.rows - shown
	for r := 0; r < st.rows; r++ {
		p := pen{s: d.s, x: st.x + st.graphW, y: st.top + r, end: st.end, blank: d.pal.plain}
		p.pad(st.statX)
		sty := d.pal.plain
		switch r - first {
		case 0:
			if v == viewMonths {
				p.text("Month: ", sty)
			} else {
				p.text("Today: ", sty)
			}
			p.bytes(d.o.Total.AppendAmount(d.buf[:0], last), sty)
		case 1:
			p.text("Avg: ", sty)
			p.bytes(d.o.Total.AppendAmount(d.buf[:0], sum/float64(len(bars))), sty)
		case 2:
			p.text("Max: ", sty)
			p.bytes(d.o.Total.AppendAmount(d.buf[:0], peak), sty)
		case 3:
			p.text("Ttl: ", sty)
			p.bytes(d.o.Total.AppendAmount(d.buf[:0], sum), sty)
		case 4:
			p.bytes(bars[0].Start.AppendFormat(d.buf[:0], "2006-01-02"), sty)
			p.text("..", sty)
			p.bytes(bars[len(bars)-1].Start.AppendFormat(d.buf[:0], "01-02"), sty)
		}
		p.pad(st.end)
	}
}

// histHelp writes the history view's help bar.
func (d *drawer) histHelp(y int, v histView) {
	p := d.pen(y)
	p.blank = d.pal.help
	if v == viewDays {
		p.text("h Months | q Quit", d.pal.help)
	} else {
		p.text("h Live | q Quit", d.pal.help)
	}
	p.pad(d.w)
}

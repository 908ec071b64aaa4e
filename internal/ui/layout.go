package ui

import (
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/units"
)

// MinWidth and MinHeight are the smallest terminal that shows the normal
// screen; below either, draw shows "Terminal too small!".
const (
	MinWidth  = 40
	MinHeight = 10
)

// statGap is the number of blank columns between the graph and the
// statistics.
const statGap = 2

// layout places the parts of the single view on a w x h terminal.
//
// Row 0 is the header, row 1 the rule, then an optional warning row; the
// last row is the help bar. The rows between are split into two panels of
// equal height (a label row, then graph rows). When they do not split
// evenly, the spare row stays blank directly above the help bar, so both
// graphs always have the same height.
type layout struct {
	w, h      int
	small     bool
	warnRow   int    // -1 when there is no warning line
	panelTop  [2]int // label rows of the incoming and outgoing panels
	graphRows int    // rows under each label
	graphW    int    // graph columns; 0 without a graph
	statX     int    // first column of the statistics
	spareRow  int    // -1 when the panels fill every row
	helpRow   int
}

// newLayout lays out a w x h screen whose statistics lines are up to
// statsW columns wide.
func newLayout(w, h int, warning, noGraph bool, statsW int) layout {
	l := layout{w: w, h: h, warnRow: -1, spareRow: -1}
	if w < MinWidth || h < MinHeight {
		l.small = true
		return l
	}
	top := 2
	if warning {
		l.warnRow = top
		top++
	}
	l.helpRow = h - 1
	rows := l.helpRow - top
	panel := rows / 2
	l.panelTop = [2]int{top, top + panel}
	l.graphRows = panel - 1
	if rows%2 == 1 {
		l.spareRow = l.helpRow - 1
	}
	if !noGraph {
		l.graphW = graphWidth(w, statsW)
		l.statX = l.graphW + statGap
	}
	return l
}

// strip returns where the incoming (dir 0) or outgoing (dir 1) panel goes.
func (l *layout) strip(dir int) strip {
	top := l.panelTop[dir]
	return strip{label: top, top: top + 1, rows: l.graphRows, graphW: l.graphW, statX: l.statX, end: l.w}
}

// strip is where one direction's label, graph and statistics go.
type strip struct {
	label  int // label row
	top    int // first graph row
	rows   int // graph rows
	x      int // first column
	graphW int // graph columns from x; 0 without a graph
	statX  int // first column of the statistics
	end    int // one past the last column the strip writes
}

// graphWidth returns the graph columns of a panel w columns wide: two
// thirds of it, less when the statistics would not fit beside it, and at
// least 1.
func graphWidth(w, statsW int) int {
	return max(1, min(w*2/3, w-statGap-statsW))
}

// numberWidth is the widest number an automatically scaled value shows,
// as in "1023.99".
const numberWidth = 7

// statsWidth returns the width of the widest statistic line at o's
// formats, such as "Curr: 1023.99 Mibit/s". With a fixed prefix a value
// can have more digits than an automatic one; the column allows for the
// automatic width only.
func statsWidth(o *settings.Options) int {
	rate := len("Curr: ") + numberWidth + 1 + unitWidth(o.Rate) + len("/s")
	total := len("Ttl: ") + numberWidth + 1 + unitWidth(o.Total)
	return max(rate, total)
}

// unitWidth returns the width of the longest unit label f can show.
func unitWidth(f units.Format) int {
	if f.Prefix > units.Auto && f.Prefix <= units.Peta {
		return len(f.Unit(int(f.Prefix - units.None)))
	}
	w := 0
	for i := range int(units.Peta - units.Auto) {
		w = max(w, len(f.Unit(i)))
	}
	return w
}

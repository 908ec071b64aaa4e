package ui

// MinWidth and MinHeight are the smallest terminal that shows the normal
// screen; below either, Draw shows "Terminal too small!".
const (
	MinWidth  = 40
	MinHeight = 10
)

// statGap is the number of blank columns between the graph and the
// statistics.
const statGap = 2

// layout places the parts of the screen on a w x h terminal.
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

func newLayout(w, h int, warning, noGraph bool) layout {
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
		l.graphW = w * 2 / 3
		l.statX = l.graphW + statGap
	}
	return l
}

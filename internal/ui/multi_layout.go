package ui

import "github.com/winload/winload/internal/settings"

// The shape of the multi view's device blocks.
const (
	// multiGap is the number of blank columns between the incoming and
	// outgoing halves of a block.
	multiGap = 2
	// minStripRows is the number of graph rows each direction gets at
	// least (when the screen has room for one block that high), enough for
	// the five statistics.
	minStripRows = 5
	// minSideGraph is the narrowest graph for which the two directions
	// go side by side; on narrower screens they are stacked.
	minSideGraph = 10
)

// multiLayout places the parts of the multi view on a w x h terminal.
//
// Row 0 is the header, row 1 the rule, then an optional error row; the
// last row is the help bar. The rows between hold perPage device blocks
// of block rows each: a name row, then the incoming and outgoing strips
// (a label row and graph rows each), side by side when the screen is wide
// enough, else one above the other. Blocks get the rows left over when
// fewer than the rows allow are listed.
type multiLayout struct {
	w, h    int
	small   bool
	errRow  int // -1 when there is no error line
	top     int // first row of the first block
	block   int // rows of one device block
	used    int // rows of a block the name and strips fill
	perPage int
	strips  [2]strip // label and top rows relative to the block's name row
	helpRow int
}

// newMultiLayout lays out the multi view of n devices with options o.
func newMultiLayout(w, h int, errLine bool, o *settings.Options, n int) multiLayout {
	l := multiLayout{w: w, h: h, errRow: -1}
	if w < MinWidth || h < MinHeight {
		l.small = true
		return l
	}
	l.top = 2
	if errLine {
		l.errRow = l.top
		l.top++
	}
	l.helpRow = h - 1
	avail := l.helpRow - l.top
	statsW := statsWidth(o)
	half := (w - multiGap) / 2
	need := statsW
	if !o.NoGraph {
		need += statGap + minSideGraph
	}
	side := half >= need
	minBlock := 2 + minStripRows
	if !side {
		minBlock = 1 + 2*(1+minStripRows)
	}
	l.perPage = max(1, min(max(n, 1), avail/minBlock))
	l.block = avail / l.perPage
	var widths [2]int
	if side {
		rows := l.block - 2
		x1 := half + multiGap
		l.strips[0] = strip{label: 1, top: 2, rows: rows, x: 0, end: x1}
		l.strips[1] = strip{label: 1, top: 2, rows: rows, x: x1, end: w}
		widths = [2]int{half, w - x1}
		l.used = l.block
	} else {
		rows := (l.block-1)/2 - 1
		l.strips[0] = strip{label: 1, top: 2, rows: rows, end: w}
		l.strips[1] = strip{label: 2 + rows, top: 3 + rows, rows: rows, end: w}
		widths = [2]int{w, w}
		l.used = 3 + 2*rows
	}
	for dir := range l.strips {
		st := &l.strips[dir]
		st.statX = st.x
		if !o.NoGraph {
			st.graphW = graphWidth(widths[dir], statsW)
			st.statX = st.x + st.graphW + statGap
		}
	}
	return l
}

// pages returns the number of pages n devices take, at least 1.
func (l *multiLayout) pages(n int) int {
	if l.perPage <= 0 || n <= 0 {
		return 1
	}
	return (n + l.perPage - 1) / l.perPage
}

// pageOf returns the page (0-based) that shows device i of n.
func (l *multiLayout) pageOf(i, n int) int {
	if l.perPage <= 0 {
		return 0
	}
	return max(0, min(i/l.perPage, l.pages(n)-1))
}

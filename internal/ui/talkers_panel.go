package ui

import (
	"strconv"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/talkers"
)

// TalkersModel is implemented by a Model that can tell who uses the
// bandwidth; Run shows its table in the talkers panel (key p).
type TalkersModel interface {
	// Talkers returns the latest table in view v without blocking; the
	// first call may start collecting. every is the screen's refresh
	// interval, which collecting follows.
	Talkers(v talkers.View, every time.Duration) *talkers.Table
}

// talkersPanel is the talkers panel's state in Run.
type talkersPanel struct {
	view talkers.View
	clip clipScreen
}

// clipScreen is a screen whose lower rows are hidden from the main view,
// so that the talkers panel can take them.
type clipScreen struct {
	tcell.Screen
	h int
}

// Size implements tcell.Screen with the clipped height.
func (c *clipScreen) Size() (int, int) {
	w, _ := c.Screen.Size()
	return w, c.h
}

// panelRows returns how many rows the talkers panel takes on a screen h
// rows high: two fifths, 6 to 16; 0 when the graphs would not fit then.
func panelRows(h int) int {
	ph := min(max(h*2/5, 6), 16)
	if h-ph < MinHeight {
		return 0
	}
	return ph
}

// talkersKey acts on the panel's keys and reports whether it used ev's
// action.
func (r *runner) talkersKey(a keys.Action) bool {
	switch a {
	case keys.Talkers:
		r.set.Talkers = !r.set.Talkers
	case keys.Group:
		if !r.set.Talkers {
			return false
		}
		r.talk.view.Group = r.talk.view.Group.Next()
	case keys.Sort:
		if !r.set.Talkers {
			return false
		}
		r.talk.view.Sort = r.talk.view.Sort.Next()
	default:
		return false
	}
	return true
}

// mainScreen returns the screen the main view draws on: all of it, or
// the rows above the talkers panel when the panel is shown.
func (r *runner) mainScreen() tcell.Screen {
	_, h := r.s.Size()
	ph := panelRows(h)
	if !r.set.Talkers || ph == 0 {
		return r.s
	}
	r.talk.clip = clipScreen{Screen: r.s, h: h - ph}
	return &r.talk.clip
}

// drawTalkers draws the panel under the main view when it is shown.
func (r *runner) drawTalkers() {
	_, h := r.s.Size()
	ph := panelRows(h)
	if !r.set.Talkers || ph == 0 {
		return
	}
	t := &talkers.Table{View: r.talk.view, Problem: "this screen has no source of talkers"}
	if tm, ok := r.m.(TalkersModel); ok {
		t = tm.Talkers(r.talk.view, r.set.Interval)
	}
	drawTalkersPanel(r.s, h-ph, ph, t, r.f.Device, &r.set.Options)
}

// Column widths of the panel.
const (
	numWidth   = 13 // one rate or amount, right-aligned
	sparkWidth = talkers.SparkLen + 1
	nameMin    = 18
	// connNameMin leaves a connection's addresses room at 80 columns.
	connNameMin = 34
)

// talkerCol is one numeric column.
type talkerCol int

const (
	colInCurr talkerCol = iota
	colOutCurr
	colInTtl
	colOutTtl
	colInAvg
	colOutAvg
	colCount
)

// colOrder is the order columns are shown in, left to right.
var colOrder = [colCount]talkerCol{colInCurr, colInAvg, colInTtl, colOutCurr, colOutAvg, colOutTtl}

var colTitles = [colCount]string{"In Curr/s", "Out Curr/s", "In Ttl", "Out Ttl", "In Avg/s", "Out Avg/s"}

// drawTalkersPanel draws the talkers of device dev in t on rows y0 to
// y0+rows-1 of s: a title, the column heads, the busiest rows and, on
// the last row, what the numbers are (the table's note) and the frames
// the kernel dropped, if any. Rates are written without "/s", which the
// column heads carry. The narrowest screens show the current rates and
// totals; wider ones the averages too.
func drawTalkersPanel(s tcell.Screen, y0, rows int, t *talkers.Table, dev string, o *settings.Options) {
	list := t.Of(dev)
	w, _ := s.Size()
	pal := newPalette(o)
	var buf [scratchSize]byte
	minName := nameMin
	if t.View.Group == talkers.ByConnection {
		minName = connNameMin
	}
	ncols := min(int(colCount), max(0, (w-minName-sparkWidth)/numWidth))
	shown := func(c talkerCol) bool { return int(c) < ncols }
	nameW := w - ncols*numWidth - sparkWidth

	rowPen := func(y int) pen { return pen{s: s, y: y, end: w, blank: pal.plain} }
	// Title.
	p := rowPen(y0)
	p.blank = pal.help
	p.text(" Talkers", pal.help)
	if _, ok := t.Devices[dev]; ok {
		p.text(" on ", pal.help)
		p.text(dev, pal.help)
	}
	p.text(" by ", pal.help)
	p.text(t.View.Group.String(), pal.help)
	p.text(", sorted by ", pal.help)
	p.text(t.View.Sort.String(), pal.help)
	const keysHelp = "g group  s sort  p hide "
	if p.x+len(keysHelp)+2 <= w {
		p.pad(w - len(keysHelp))
		p.text(keysHelp, pal.help)
	}
	p.pad(w)
	// Column heads.
	p = rowPen(y0 + 1)
	p.text(groupTitle(t.View.Group), pal.header)
	p.pad(nameW)
	for _, c := range colOrder {
		if !shown(c) {
			continue
		}
		title := colTitles[c]
		p.pad(p.x + numWidth - len(title))
		p.text(title, pal.label[dirOf(c)])
	}
	p.pad(w - talkers.SparkLen)
	p.text("Trend", pal.header)
	p.pad(w)

	body := rows - 3
	noteY := y0 + rows - 1
	for i := range body {
		y := y0 + 2 + i
		p = rowPen(y)
		switch {
		case t.Problem != "" && i == 0:
			p.text(t.Problem, pal.warn)
		case t.Problem == "" && !t.Valid && i == 0:
			p.text("collecting…", pal.plain)
		case t.Problem == "" && t.Valid && len(list) == 0 && i == 0:
			p.text("no traffic", pal.plain)
		case t.Problem == "" && i < len(list):
			drawTalkerRow(&p, &list[i], t.View.Group, nameW, shown, o, &pal, buf[:0])
		}
		p.pad(w)
	}
	p = rowPen(noteY)
	if t.Dropped > 0 {
		b := strconv.AppendUint(buf[:0], t.Dropped, 10)
		b = append(b, " frames dropped by the kernel; "...)
		p.bytes(b, pal.warn)
	}
	p.text(t.Note, pal.plain)
	p.pad(w)
}

// dirOf is 0 for an incoming column, 1 for an outgoing one.
func dirOf(c talkerCol) int {
	switch c {
	case colOutCurr, colOutTtl, colOutAvg:
		return 1
	}
	return 0
}

// groupTitle is the head of the name column.
func groupTitle(g talkers.Grouping) string {
	switch g {
	case talkers.ByConnection:
		return "Remote :port process"
	case talkers.ByHost:
		return "Remote host"
	case talkers.ByPort:
		return "Local port"
	case talkers.ByCgroup:
		return "Cgroup"
	default:
		return "PID Process (user)"
	}
}

// drawTalkerRow writes one row: its name, the shown numbers and the
// sparkline.
func drawTalkerRow(p *pen, r *talkers.Row, g talkers.Grouping, nameW int, shown func(talkerCol) bool, o *settings.Options, pal *palette, buf []byte) {
	const ended = " (ended)"
	name := appendTalkerName(buf, r, g)
	room := nameW - 1
	if r.Ended {
		room -= len(ended)
	}
	if len(name) > room {
		name = name[:max(0, room)]
	}
	if r.Ended {
		name = append(name, ended...)
	}
	p.bytes(name, pal.plain)
	p.pad(nameW)
	for _, c := range colOrder {
		if !shown(c) {
			continue
		}
		b := buf[:0]
		switch c {
		case colInCurr:
			b = o.Rate.AppendAmount(b, r.In.Curr)
		case colOutCurr:
			b = o.Rate.AppendAmount(b, r.Out.Curr)
		case colInAvg:
			b = o.Rate.AppendAmount(b, r.In.Avg)
		case colOutAvg:
			b = o.Rate.AppendAmount(b, r.Out.Avg)
		case colInTtl:
			b = o.Total.AppendAmount(b, float64(r.In.Total))
		case colOutTtl:
			b = o.Total.AppendAmount(b, float64(r.Out.Total))
		}
		p.pad(p.x + max(1, numWidth-len(b)))
		p.bytes(b, pal.plain)
	}
	p.pad(p.end - talkers.SparkLen)
	drawSpark(p, &r.Spark, o, pal)
}

// appendTalkerName appends what a row stands for in grouping g.
func appendTalkerName(b []byte, r *talkers.Row, g talkers.Grouping) []byte {
	switch g {
	case talkers.ByConnection:
		b = r.Remote.AppendTo(b)
		b = strconv.AppendUint(append(b, " :"...), uint64(r.Local.Port()), 10)
		b = append(b, ' ')
		return appendProcess(b, r)
	case talkers.ByHost:
		return r.Remote.Addr().AppendTo(b)
	case talkers.ByPort:
		return strconv.AppendUint(append(b, ':'), uint64(r.Local.Port()), 10)
	case talkers.ByCgroup:
		if r.Cgroup != "" {
			return append(b, r.Cgroup...)
		}
		if r.User == "" {
			return append(b, '?') // flows no socket holds
		}
		return append(append(append(b, "? ("...), r.User...), ')')
	default:
		return appendProcess(b, r)
	}
}

// appendProcess appends "PID name (user)", or "? (user)" for sockets of
// an unknown process.
func appendProcess(b []byte, r *talkers.Row) []byte {
	if r.PID == 0 {
		b = append(b, '?')
	} else {
		b = strconv.AppendInt(b, int64(r.PID), 10)
		b = append(b, ' ')
		b = append(b, r.Process...)
	}
	if r.User != "" {
		b = append(b, " ("...)
		b = append(b, r.User...)
		b = append(b, ')')
	}
	return b
}

// The sparkline levels, lowest first.
var (
	sparkUnicode = [...]string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}
	sparkASCII   = [...]string{" ", ".", ".", ":", ":", "|", "|", "#", "#"}
)

// drawSpark writes the recent rates as one character each, scaled to
// their own peak.
func drawSpark(p *pen, spark *[talkers.SparkLen]float64, o *settings.Options, pal *palette) {
	levels := &sparkASCII
	if arrows(o) {
		levels = &sparkUnicode
	}
	peak := 0.0
	for _, v := range spark {
		peak = max(peak, v)
	}
	for _, v := range spark {
		i := 0
		if peak > 0 && v > 0 {
			i = max(1, int(v/peak*float64(len(levels)-1)+0.5))
		}
		p.put(levels[i], 1, pal.label[0])
	}
}

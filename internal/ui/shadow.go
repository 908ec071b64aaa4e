package ui

// cellCode says what a cell of the screen holds when it is one of the
// few things a frame writes over and over: a blank in a known style or a
// graph character. 0 is anything else, which is always written again.
type cellCode uint16

const (
	codeOther      cellCode = iota
	codeBlank               // ' ' in the palette's plain style
	codeHelpBlank           // ' ' in the help bar's style
	codeGraphFirst cellCode = 16
)

// graphCode returns the code of a graph cell of direction dir whose
// character and style follow from key (a level, block halves or Braille
// dots, below 256) under the options the shadow was made for.
func graphCode(dir int, key uint8) cellCode {
	return codeGraphFirst + cellCode(dir)<<8 + cellCode(key)
}

// textCodeFirst is the first code of a printable ASCII character in one
// of the palette's text styles (palette.styleID).
const textCodeFirst cellCode = 0x4000

// textCode returns the code of the printable ASCII character c in the
// style with the palette's id, or codeOther when there is none to give.
func textCode(id uint8, c byte) cellCode {
	if id == 0 || c < ' ' || c > '~' {
		return codeOther
	}
	return textCodeFirst + cellCode(id)<<7 + cellCode(c-' ')
}

// shadow remembers the code of every cell as the last frame wrote it, so
// that a frame leaves a cell alone that already shows what it would
// write: under steady traffic most of the screen. tcell compares each
// written cell with what the terminal shows anyway; skipping the write
// saves the work of the write itself (a grapheme segmentation and a
// style comparison per cell). It also remembers what whole parts of the
// frame were drawn from (see frameShape). It is valid only while nothing
// else writes to the screen and the options stay the same: View resets
// it whenever it paints with force, on a resize, or after the options
// window drew.
type shadow struct {
	w, h  int
	codes []cellCode
	pal   palette // the styles of the frame being drawn, for their ids

	tails     []tailSum // the graphs of the frame being drawn, per slot and direction, from View.key
	lastShape frameShape
	fixed     bool        // the rule and the help bar show what they showed
	header    headerMemo  // the multi view's header
	names     []nameMemo  // per slot
	strips    []stripMemo // per slot and direction: 2*slot + dir
}

// with returns s holding a copy of the frame's palette; nil stays nil.
func (s *shadow) with(pal *palette) *shadow {
	if s != nil {
		s.pal = *pal
	}
	return s
}

// reset forgets every cell and sizes the shadow for a w x h screen.
func (s *shadow) reset(w, h int) {
	if s.w != w || s.h != h || len(s.codes) != w*h {
		s.w, s.h = w, h
		s.codes = make([]cellCode, w*h)
	} else {
		clear(s.codes)
	}
	s.forgetParts()
}

// same reports whether cell x, y already holds code (never for
// codeOther), and records code as what the cell holds from now on. A nil
// shadow knows nothing.
func (s *shadow) same(x, y int, code cellCode) bool {
	if s == nil || x < 0 || y < 0 || x >= s.w || y >= s.h {
		return false
	}
	i := y*s.w + x
	if code != codeOther && s.codes[i] == code {
		return true
	}
	s.codes[i] = code
	return false
}

// The parts of a frame that a shadow remembers whole, beside its cells:
// the rule and the help bar, the multi view's header, a device's name
// row (multi view) and each strip's label, graph (as a hash of its values,
// and per column) and statistics. A part whose inputs are the ones it was last drawn
// from, at the same place, still shows what it would draw, and the frame
// leaves it alone without working out its cells: on a tick of 1,000
// idle devices, most of the multi view. Parts are remembered per slot,
// the place of a device block on the page (0 in the single view).

// frameShape is the layout a frame was drawn in; the parts remembered
// hold only while it stays the same.
type frameShape struct {
	multi bool
	ml    multiLayout
	sl    layout
}

// headerMemo is what the multi view's header was drawn from.
type headerMemo struct {
	drawn              bool
	count, page, pages int
	tag, detail, hint  string
}

// nameMemo is what a device's name row was drawn from.
type nameMemo struct {
	drawn                 bool
	device, addr, warning string
	gone, selected        bool
}

// stripMemo is what a strip was drawn from: its place, its graph's
// scale, the bits of the values each graph column shows (two per
// column) and of each statistic.
type stripMemo struct {
	drawn  bool
	at     strip
	scale  uint64
	cols   []uint64
	stats  [statCount]uint64
	tail   uint64 // the hash of the graph's values (tailSum) ...
	tailOK bool   // ... when the graph was drawn from a known one
}

// shape forgets every part remembered unless the frame is drawn in the
// layout of the last one. A nil shadow knows nothing.
func (s *shadow) shape(fs frameShape) {
	if s == nil || s.lastShape == fs {
		return
	}
	s.lastShape = fs
	s.forgetParts()
}

// forgetParts forgets every part remembered, as when something else
// wrote the screen.
func (s *shadow) forgetParts() {
	s.fixed = false
	s.header = headerMemo{}
	clear(s.names)
	for i := range s.strips {
		s.strips[i].drawn = false
	}
}

// forgetSlot forgets the parts of slot k, whose rows the frame blanks.
func (s *shadow) forgetSlot(k int) {
	if s == nil {
		return
	}
	if k < len(s.names) {
		s.names[k] = nameMemo{}
	}
	for dir := range 2 {
		if i := 2*k + dir; i < len(s.strips) {
			s.strips[i].drawn = false
		}
	}
}

// fixedRows reports whether the rule and the help bar still show what
// they showed, which they will once the frame drew them: they change
// only with the size and the options, which reset the shadow, and the
// layout, which forgets its parts.
func (s *shadow) fixedRows() bool {
	if s == nil {
		return false
	}
	same := s.fixed
	s.fixed = true
	return same
}

// tail returns the sum View.key made of the n values direction dir's
// graph in slot k shows, or nil.
func (s *shadow) tail(k, dir, n int) *tailSum {
	if s == nil {
		return nil
	}
	if i := 2*k + dir; i < len(s.tails) && s.tails[i].n == n {
		return &s.tails[i]
	}
	return nil
}

// name returns the memo of slot k's name row, nil without a shadow.
func (s *shadow) name(k int) *nameMemo {
	if s == nil {
		return nil
	}
	if k >= len(s.names) {
		s.names = append(s.names, make([]nameMemo, k+1-len(s.names))...)
	}
	return &s.names[k]
}

// strip returns the memo of direction dir's strip in slot k with room
// for graphW columns, nil without a shadow.
func (s *shadow) strip(k, dir, graphW int) *stripMemo {
	if s == nil {
		return nil
	}
	i := 2*k + dir
	if i >= len(s.strips) {
		s.strips = append(s.strips, make([]stripMemo, i+1-len(s.strips))...)
	}
	m := &s.strips[i]
	if len(m.cols) < 2*graphW {
		m.cols = make([]uint64, 2*graphW)
		m.drawn = false
	}
	return m
}

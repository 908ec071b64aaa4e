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
// style comparison per cell). It is valid only while nothing else writes
// to the screen and the options stay the same: View resets it whenever
// it paints with force, on a resize, or after the options window drew.
type shadow struct {
	w, h  int
	codes []cellCode
	pal   palette // the styles of the frame being drawn, for their ids
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
		return
	}
	clear(s.codes)
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

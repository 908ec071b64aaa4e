// Copyright 2025 The TCell Authors
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use file except in compliance with the License.
// You may obtain a copy of the license at
//
//    http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package tcell

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// cell is one character cell. (winload's patch, see PATCHES.md: a cell
// holds ids into its CellBuffer's tables of graphemes and styles instead
// of two strings and two Style values, 20 bytes instead of 192, and no
// pointers, so the garbage collector need not scan the buffer.)
type cell struct {
	curr      uint32 // grapheme id of the content; 0 is ""
	last      uint32 // grapheme id of what was drawn last; 0 is "" (dirty)
	currStyle uint32 // style id of the content; 0 is StyleDefault
	lastStyle uint32 // style id of what was drawn last
	width     uint8
	lock      bool
}

func (c *cell) setDirty(dirty bool) {
	if dirty {
		c.last = 0
	} else {
		if c.curr == 0 {
			c.curr = graphemeSpace
		}
		c.last = c.curr
		c.lastStyle = c.currStyle
	}
}

// printableASCII holds the graphemes of ids 1 to asciiGraphemes-1: the
// printable ASCII characters, one byte each. Id 0 is "".
const printableASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

const (
	graphemeSpace  = 1                               // the id of " "
	asciiGraphemes = uint32(len(printableASCII)) + 1 // ids below this are "" and printableASCII
	minTable       = 256                             // a table is never compacted below this many entries
)

// asciiID returns the grapheme id of the one-byte string of c, or 0 when
// c is not printable ASCII.
func asciiID(c byte) uint32 {
	if c < ' ' || c > '~' {
		return 0
	}
	return uint32(c-' ') + 1
}

// CellBuffer represents a two-dimensional array of character cells.
// This is primarily intended for use by Screen implementors; it
// contains much of the common code they need.  To create one, just
// declare a variable of its type; no explicit initialization is necessary.
//
// CellBuffer is not thread safe.
type CellBuffer struct {
	w     int
	h     int
	cells []cell

	// The tables behind the cells' ids (winload's patch, PATCHES.md).
	// Every distinct string or Style has exactly one id, so cells
	// compare by id. The ids nothing uses any more are dropped when a
	// table grows past its limit (compact).
	graphemes   []string          // by id - asciiGraphemes
	graphemeIDs map[string]uint32 // the ids of graphemes
	graphemeMax int               // compact graphemes past this many
	styles      []Style           // by id; styles[0] is StyleDefault
	styleIDs    map[Style]uint32  // the ids of styles but StyleDefault
	styleMax    int               // compact styles past this many
	cacheStyle  Style             // the style looked up last ...
	cacheID     uint32            // ... and its id (0: none)

	// Where the dirty cells of each row may be (winload's patch): the
	// terminal screen's draw walks only there.
	rows []rowDirt
}

// rowDirt says where the dirty cells of one row may be (winload's patch).
type rowDirt struct {
	lo, hi int32 // the columns that may hold a dirty cell; none when hi < lo
	wide   bool  // a cell may be wider than one column: draw walks the row whole
}

// grapheme returns the string of grapheme id.
func (cb *CellBuffer) grapheme(id uint32) string {
	if id < asciiGraphemes {
		if id == 0 {
			return ""
		}
		return printableASCII[id-1 : id]
	}
	return cb.graphemes[id-asciiGraphemes]
}

// graphemeID returns the id of grapheme g, adding it to the table when
// it is new.
func (cb *CellBuffer) graphemeID(g string) uint32 {
	switch {
	case g == "":
		return 0
	case len(g) == 1 && asciiID(g[0]) != 0:
		return asciiID(g[0])
	}
	if id, ok := cb.graphemeIDs[g]; ok {
		return id
	}
	if cb.graphemeIDs == nil {
		cb.graphemeIDs = make(map[string]uint32)
	}
	g = strings.Clone(g) // not the caller's string, which may be long
	id := asciiGraphemes + uint32(len(cb.graphemes))
	cb.graphemes = append(cb.graphemes, g)
	cb.graphemeIDs[g] = id
	return id
}

// style returns the style of id.
func (cb *CellBuffer) style(id uint32) Style {
	if id == 0 {
		return StyleDefault
	}
	return cb.styles[id]
}

// styleID returns the id of style, adding it to the table when it is
// new.
func (cb *CellBuffer) styleID(style Style) uint32 {
	if style == StyleDefault {
		return 0
	}
	if cb.cacheID != 0 && style == cb.cacheStyle {
		return cb.cacheID
	}
	id, ok := cb.styleIDs[style]
	if !ok {
		if cb.styleIDs == nil {
			cb.styleIDs = make(map[Style]uint32)
			cb.styles = append(cb.styles[:0], StyleDefault)
		}
		id = uint32(len(cb.styles))
		cb.styles = append(cb.styles, style)
		cb.styleIDs[style] = id
	}
	cb.cacheStyle, cb.cacheID = style, id
	return id
}

// compact drops the graphemes and styles that no cell uses when a table
// has grown past its limit, and renumbers the rest. No caller may hold
// an id across it: Put and Fill call it before they look any up.
func (cb *CellBuffer) compact() {
	if len(cb.graphemes) > max(cb.graphemeMax, minTable) {
		cb.compactGraphemes()
	}
	if len(cb.styles) > max(cb.styleMax, minTable) {
		cb.compactStyles()
	}
}

func (cb *CellBuffer) compactGraphemes() {
	remap := make([]uint32, len(cb.graphemes))
	for i := range cb.cells {
		c := &cb.cells[i]
		for _, id := range [2]uint32{c.curr, c.last} {
			if id >= asciiGraphemes {
				remap[id-asciiGraphemes] = 1
			}
		}
	}
	kept := cb.graphemes[:0]
	for i, g := range cb.graphemes {
		if remap[i] == 0 {
			delete(cb.graphemeIDs, g)
			continue
		}
		remap[i] = asciiGraphemes + uint32(len(kept))
		cb.graphemeIDs[g] = remap[i]
		kept = append(kept, g)
	}
	clear(cb.graphemes[len(kept):])
	cb.graphemes = kept
	for i := range cb.cells {
		c := &cb.cells[i]
		if c.curr >= asciiGraphemes {
			c.curr = remap[c.curr-asciiGraphemes]
		}
		if c.last >= asciiGraphemes {
			c.last = remap[c.last-asciiGraphemes]
		}
	}
	cb.graphemeMax = 2 * len(kept)
}

func (cb *CellBuffer) compactStyles() {
	remap := make([]uint32, len(cb.styles))
	for i := range cb.cells {
		c := &cb.cells[i]
		remap[c.currStyle] = 1
		remap[c.lastStyle] = 1
	}
	kept := cb.styles[:1] // StyleDefault keeps id 0
	for i, st := range cb.styles {
		if i == 0 {
			continue
		}
		if remap[i] == 0 {
			delete(cb.styleIDs, st)
			continue
		}
		remap[i] = uint32(len(kept))
		cb.styleIDs[st] = remap[i]
		kept = append(kept, st)
	}
	clear(cb.styles[len(kept):])
	cb.styles = kept
	for i := range cb.cells {
		c := &cb.cells[i]
		c.currStyle = remap[c.currStyle]
		c.lastStyle = remap[c.lastStyle]
	}
	cb.cacheID = 0
	cb.styleMax = 2 * len(kept)
}

// SetContent sets the contents (primary rune, combining runes,
// and style) for a cell at a given location.  If the background or
// foreground of the style is set to ColorNone, then the respective
// color is left un changed.
//
// Deprecated: Use Put instead, which this is implemented in terms of.
func (cb *CellBuffer) SetContent(x int, y int, mainc rune, combc []rune, style Style) {
	cb.Put(x, y, string(append([]rune{mainc}, combc...)), style)
}

// Put a single styled grapheme using the given string and style
// at the same location.  Note that only the first grapheme in the string
// will bre displayed, using only the 1 or 2 (depending on width) cells
// located at x, y. It returns the rest of the string, and the width used.
func (cb *CellBuffer) Put(x int, y int, str string, style Style) (string, int) {
	var width int = 0
	if x >= 0 && y >= 0 && x < cb.w && y < cb.h {
		cb.compact()
		var id uint32
		c := &cb.cells[(y*cb.w)+x]
		if len(str) > 0 && asciiID(str[0]) != 0 && (len(str) == 1 || str[1] < utf8.RuneSelf) {
			// A printable ASCII character followed by ASCII or
			// nothing is a grapheme of its own, of width 1 (winload's
			// patch: the segmentation below costs more).
			id, str, width = asciiID(str[0]), str[1:], 1
		} else {
			var cl string
			state := -1
			for width == 0 && str != "" {
				var g string
				g, str, width, state = uniseg.FirstGraphemeClusterInString(str, state)
				cl += g
				if g == "" {
					break
				}
			}
			id = cb.graphemeID(cl)
		}

		// Wide characters: we want to mark the "wide" cells
		// dirty as well as the base cell, to make sure we consider
		// both cells as dirty together.  We only need to do this
		// if we're changing content
		if width > 0 && id != c.curr {
			// Prevent unnecessary boundchecks for first cell, since we already
			// received that one.
			c.setDirty(true)
			for i := 1; i < width; i++ {
				cb.SetDirty(x+i, y, true)
			}
		}

		c.curr = id
		c.width = uint8(width)

		if style.fg == ColorNone || style.bg == ColorNone {
			old := cb.style(c.currStyle)
			if style.fg == ColorNone {
				style.fg = old.fg
			}
			if style.bg == ColorNone {
				style.bg = old.bg
			}
		}
		c.currStyle = cb.styleID(style)
		if c.last != c.curr || c.lastStyle != c.currStyle {
			cb.markCell(x, y)
		}
		if width > 1 {
			cb.rows[y].wide = true
		}
	}
	return str, width
}

// Get the contents of a character cell (or two adjacent cells), including the
// the style and the display width in cells.  (The width can be either 1, normally,
// or 2 for East Asian full-width characters.  If the width is 0, then the cell is
// is empty.)
func (cb *CellBuffer) Get(x, y int) (string, Style, int) {
	var style Style
	var width int
	var str string
	if x >= 0 && y >= 0 && x < cb.w && y < cb.h {
		c := &cb.cells[(y*cb.w)+x]
		str, style = cb.grapheme(c.curr), cb.style(c.currStyle)
		if width = int(c.width); width == 0 || str == "" {
			width = 1
			str = " "
		}
	}
	return str, style, width
}

// GetContent returns the contents of a character cell, including the
// primary rune, any combining character runes (which will usually be
// nil), the style, and the display width in cells.  (The width can be
// either 1, normally, or 2 for East Asian full-width characters.)
//
// Deprecated: Use Get, which this implemented in terms of.
func (cb *CellBuffer) GetContent(x, y int) (rune, []rune, Style, int) {
	var style Style
	var width int
	var mainc rune
	var combc []rune
	str, style, width := cb.Get(x, y)
	for i, r := range str {
		if i == 0 {
			mainc = r
		} else {
			combc = append(combc, r)
		}
	}
	return mainc, combc, style, width
}

// cleanWidth reports whether the cell at x, y needs no drawing, as Dirty
// does, and when so the width that Get would give: the terminal screen's
// draw asks for every cell, and most are clean (winload's patch).
func (cb *CellBuffer) cleanWidth(x, y int) (width int, clean bool) {
	if x < 0 || y < 0 || x >= cb.w || y >= cb.h {
		return 1, true
	}
	c := &cb.cells[(y*cb.w)+x]
	if !c.lock && (c.lastStyle != c.currStyle || c.last != c.curr) {
		return 0, false
	}
	if width = int(c.width); width == 0 || c.curr == 0 {
		width = 1
	}
	return width, true
}

// Size returns the (width, height) in cells of the buffer.
func (cb *CellBuffer) Size() (int, int) {
	return cb.w, cb.h
}

// Invalidate marks all characters within the buffer as dirty.
func (cb *CellBuffer) Invalidate() {
	for i := range cb.cells {
		cb.cells[i].last = 0
	}
	cb.markRows()
}

// markCell notes that the cell at x, y (inside the buffer) may be dirty.
func (cb *CellBuffer) markCell(x, y int) {
	r := &cb.rows[y]
	if r.hi < r.lo {
		r.lo, r.hi = int32(x), int32(x)
		return
	}
	r.lo, r.hi = min(r.lo, int32(x)), max(r.hi, int32(x))
}

// markRows notes that every cell may be dirty.
func (cb *CellBuffer) markRows() {
	for y := range cb.rows {
		cb.rows[y].lo, cb.rows[y].hi = 0, int32(cb.w-1)
	}
}

// takeRow returns the columns of row y from which and up to which draw
// walks to find every dirty cell, and notes that the row holds none: the
// caller draws every dirty cell in that span that no wide character
// covers, and a wide character's drawing marks the cell it covers dirty
// again through SetDirty. A row that holds no dirty cell gives ok false.
// The span is the whole row when a cell may be wide, since where the
// walk starts decides which cells a wide character covers; otherwise
// every cell is its own, and the span is the cells marked (winload's
// patch).
func (cb *CellBuffer) takeRow(y int) (from, to int, ok bool) {
	if y < 0 || y >= len(cb.rows) {
		return 0, cb.w - 1, true
	}
	r := &cb.rows[y]
	if r.hi < r.lo {
		return 0, 0, false
	}
	from, to = int(r.lo), int(r.hi)
	if r.wide {
		from, to = 0, cb.w-1
	}
	r.lo, r.hi = 1, 0
	return from, to, true
}

// walkedRow tells, after draw walked row y whole, whether a cell it
// passed was wider than one column (winload's patch).
func (cb *CellBuffer) walkedRow(y int, wide bool) {
	if y >= 0 && y < len(cb.rows) {
		cb.rows[y].wide = wide
	}
}

// Dirty checks if a character at the given location needs to be
// refreshed on the physical display.  This returns true if the cell
// content is different since the last time it was marked clean.
func (cb *CellBuffer) Dirty(x, y int) bool {
	if x >= 0 && y >= 0 && x < cb.w && y < cb.h {
		c := &cb.cells[(y*cb.w)+x]
		if c.lock {
			return false
		}
		if c.lastStyle != c.currStyle {
			return true
		}
		if c.last != c.curr {
			return true
		}
	}
	return false
}

// SetDirty is normally used to indicate that a cell has
// been displayed (in which case dirty is false), or to manually
// force a cell to be marked dirty.
func (cb *CellBuffer) SetDirty(x, y int, dirty bool) {
	if x >= 0 && y >= 0 && x < cb.w && y < cb.h {
		c := &cb.cells[(y*cb.w)+x]
		c.setDirty(dirty)
		if dirty {
			cb.markCell(x, y)
		}
	}
}

// LockCell locks a cell from being drawn, effectively marking it "clean" until
// the lock is removed. This can be used to prevent tcell from drawing a given
// cell, even if the underlying content has changed. For example, when drawing a
// sixel graphic directly to a TTY screen an implementer must lock the region
// underneath the graphic to prevent tcell from drawing on top of the graphic.
func (cb *CellBuffer) LockCell(x, y int) {
	if x < 0 || y < 0 {
		return
	}
	if x >= cb.w || y >= cb.h {
		return
	}
	c := &cb.cells[(y*cb.w)+x]
	c.lock = true
}

// UnlockCell removes a lock from the cell and marks it as dirty
func (cb *CellBuffer) UnlockCell(x, y int) {
	if x < 0 || y < 0 {
		return
	}
	if x >= cb.w || y >= cb.h {
		return
	}
	c := &cb.cells[(y*cb.w)+x]
	c.lock = false
	cb.SetDirty(x, y, true)
}

// Resize is used to resize the cells array, with different dimensions,
// while preserving the original contents.  The cells will be invalidated
// so that they can be redrawn.
func (cb *CellBuffer) Resize(w, h int) {
	if cb.h == h && cb.w == w {
		return
	}

	newc := make([]cell, w*h)
	for y := 0; y < h && y < cb.h; y++ {
		for x := 0; x < w && x < cb.w; x++ {
			oc := &cb.cells[(y*cb.w)+x]
			nc := &newc[(y*w)+x]
			nc.curr = oc.curr
			nc.currStyle = oc.currStyle
			nc.width = oc.width
			nc.last = 0
		}
	}
	cb.cells = newc
	cb.h = h
	cb.w = w
	cb.rows = make([]rowDirt, h)
	for y := range cb.rows {
		cb.rows[y].wide = true // until a walk of the row shows otherwise
	}
	cb.markRows()
}

// Fill fills the entire cell buffer array with the specified character
// and style.  Normally choose ' ' to clear the screen.  This API doesn't
// support combining characters, or characters with a width larger than one.
// If either the foreground or background are ColorNone, then the respective
// color is unchanged.
func (cb *CellBuffer) Fill(r rune, style Style) {
	cb.compact()
	id := cb.graphemeID(string(r))
	resolve := style.fg == ColorNone || style.bg == ColorNone
	styleID := cb.styleID(style)
	for i := range cb.cells {
		c := &cb.cells[i]
		c.curr = id
		if resolve {
			cs := style
			old := cb.style(c.currStyle)
			if cs.fg == ColorNone {
				cs.fg = old.fg
			}
			if cs.bg == ColorNone {
				cs.bg = old.bg
			}
			styleID = cb.styleID(cs)
		}
		c.currStyle = styleID
		c.width = 1
	}
	cb.markRows()
}

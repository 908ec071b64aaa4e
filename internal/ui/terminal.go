package ui

import (
	"fmt"
	"os"
	"runtime"

	"github.com/gdamore/tcell/v2"
	// The terminals tcell knows beyond its basic six, which the
	// tcell_minimal build tag (make build) would leave out with the
	// lookup through infocmp: that lookup runs a program and links
	// os/exec and more for the few terminals it would add, 0.2 MiB of
	// resident memory (measured); they get NewScreen's xterm fallback.
	_ "github.com/gdamore/tcell/v2/terminfo/extended"
)

// basicTerm is the terminal definition used when TERM names none that
// tcell or the system's terminfo knows: nearly every terminal in use
// understands xterm's basic sequences.
const basicTerm = "xterm"

// NewScreen opens the terminal for drawing, as tcell.NewScreen does. When
// TERM is empty or names a terminal that neither tcell nor the system's
// terminfo database knows, it draws with a basic xterm definition
// instead, and the screen's header says so.
func NewScreen() (tcell.Screen, error) {
	s, err := tcell.NewScreen()
	if err == nil || runtime.GOOS == "windows" {
		return s, err
	}
	name := os.Getenv("TERM")
	if name == "dumb" {
		return nil, err // it cannot place the cursor: no definition helps
	}
	ti, lerr := tcell.LookupTerminfo(basicTerm)
	if lerr != nil {
		return nil, err
	}
	fs, ferr := tcell.NewTerminfoScreenFromTtyTerminfo(nil, ti)
	if ferr != nil {
		return nil, err
	}
	hint := fmt.Sprintf("[TERM=%s unknown: as %s]", name, basicTerm)
	if name == "" {
		hint = "[TERM unset: as " + basicTerm + "]"
	}
	return &hintScreen{Screen: fs, hint: hint}, nil
}

// CanDraw reports whether a terminal of type term (the TERM variable) can
// show the screen at all: a "dumb" one cannot place the cursor. Windows'
// console needs no TERM.
func CanDraw(term string) bool { return term != "dumb" || runtime.GOOS == "windows" }

// hintScreen is a screen opened with a fallback that the header mentions.
type hintScreen struct {
	tcell.Screen
	hint string
}

// screenHint returns the header's note on how s was opened, "" when
// nothing was unusual.
func screenHint(s tcell.Screen) string {
	if h, ok := s.(*hintScreen); ok {
		return h.hint
	}
	return ""
}

// glyphSet is a group of characters that the options can ask for.
type glyphSet int

const (
	glyphsUnicode glyphSet = iota // the Unicode graph
	glyphsBlock                   // the half-block graph
	glyphsBraille                 // the Braille graph
	glyphsEmoji                   // the emoji of the header and labels
	glyphSets
)

// glyphRunes returns the characters of set g that must show; each set
// brings the help line's arrows with it.
func glyphRunes(g glyphSet) string {
	switch g {
	case glyphsUnicode:
		return "█▓░·←→"
	case glyphsBlock:
		return "█▄▀←→"
	case glyphsBraille:
		return "⠁⡀⢸⣿←→"
	default:
		return "🌐📥📤←→"
	}
}

// glyphCheck remembers which glyph sets a screen can show.
type glyphCheck struct {
	s     tcell.Screen
	known [glyphSets]int8 // 0 not checked yet, 1 shows, -1 does not
}

// shows reports whether s shows every character of set g, by itself or
// through the terminal's line-drawing set (tcell's fallbacks to other
// characters do not count).
func (c *glyphCheck) shows(s tcell.Screen, g glyphSet) bool {
	if c.s != s {
		*c = glyphCheck{s: s}
	}
	if c.known[g] == 0 {
		c.known[g] = 1
		for _, r := range glyphRunes(g) {
			if !s.CanDisplay(r, false) {
				c.known[g] = -1
				break
			}
		}
	}
	return c.known[g] > 0
}

// fallback turns off in o what s cannot show: a graph other than ASCII
// becomes ASCII, emoji go. It returns the header's note saying so, "" when
// nothing changed.
func (c *glyphCheck) fallback(s tcell.Screen, o *Options) string {
	changed := false
	if o.Emoji && !c.shows(s, glyphsEmoji) {
		o.Emoji, changed = false, true
	}
	set := glyphSets
	switch o.Graph {
	case GraphUnicode:
		set = glyphsUnicode
	case GraphBlock:
		set = glyphsBlock
	case GraphBraille:
		set = glyphsBraille
	}
	if set != glyphSets && !c.shows(s, set) {
		o.Graph, changed = GraphASCII, true
	}
	if !changed {
		return ""
	}
	return "[ASCII: the terminal's charset lacks the glyphs]"
}

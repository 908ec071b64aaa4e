package ui

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/settings"
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

// glyphCheck remembers whether a screen's character set has the
// characters beyond ASCII that the graphs, the emoji and the help line's
// arrows use.
type glyphCheck struct {
	s       tcell.Screen
	known   bool
	unicode bool
}

// shows reports whether s can show characters beyond ASCII: whether its
// character set (from the locale: LC_ALL, LC_CTYPE, LANG) is a Unicode
// one. Under LANG=C it is US-ASCII, and tcell would print '?' for the
// Braille and most of the Unicode graph.
func (c *glyphCheck) shows(s tcell.Screen) bool {
	if c.s != s || !c.known {
		cs := strings.ToUpper(strings.ReplaceAll(s.CharacterSet(), "-", ""))
		*c = glyphCheck{s: s, known: true, unicode: cs == "UTF8" || cs == "UTF16"}
	}
	return c.unicode
}

// fallback turns off in o what s cannot show: a graph other than ASCII
// becomes ASCII, emoji go. It returns the header's note saying so, "" when
// nothing changed.
func (c *glyphCheck) fallback(s tcell.Screen, o *settings.Options) string {
	if (!o.Emoji && o.Graph == settings.GraphASCII) || c.shows(s) {
		return ""
	}
	o.Emoji, o.Graph = false, settings.GraphASCII
	return "[ASCII: the terminal's charset lacks the glyphs]"
}

package ui

import "github.com/gdamore/tcell/v2"

// action is what a key asks for.
type action int

const (
	actNone action = iota
	actNext
	actPrev
	actQuit
)

// keyAction maps a key press to an action.
func keyAction(ev *tcell.EventKey) action {
	switch ev.Key() {
	case tcell.KeyRight, tcell.KeyDown, tcell.KeyPgDn, tcell.KeyEnter, tcell.KeyTab:
		return actNext
	case tcell.KeyLeft, tcell.KeyUp, tcell.KeyPgUp, tcell.KeyBacktab:
		return actPrev
	case tcell.KeyEscape, tcell.KeyCtrlC, tcell.KeyETX:
		return actQuit
	case tcell.KeyRune:
		switch r := ev.Rune(); {
		case ev.Modifiers()&tcell.ModCtrl != 0 && (r == 'c' || r == 'C'):
			return actQuit
		case ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0:
			return actNone
		case r == 'q' || r == 'Q':
			return actQuit
		}
	}
	return actNone
}

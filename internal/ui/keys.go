package ui

import "github.com/gdamore/tcell/v2"

// action is what a key asks for.
type action int

const (
	actNone action = iota
	actNext
	actPrev
	actQuit
	actMulti   // toggle the single and multi views
	actOptions // open the options window
	actSave    // save the settings
	actLoad    // reload the settings
	actUp      // options window: previous field
	actDown    // options window: next field
	actLess    // options window: previous value
	actMore    // options window: next value
	actClose   // options window: close it
	actHistory // switch between the live graphs and the kept totals
)

// keyAction maps a key press on the main screen to an action.
func keyAction(ev *tcell.EventKey) action {
	switch ev.Key() {
	case tcell.KeyRight, tcell.KeyDown, tcell.KeyPgDn, tcell.KeyEnter, tcell.KeyTab:
		return actNext
	case tcell.KeyLeft, tcell.KeyUp, tcell.KeyPgUp, tcell.KeyBacktab:
		return actPrev
	case tcell.KeyEscape, tcell.KeyCtrlC, tcell.KeyETX:
		return actQuit
	case tcell.KeyF2:
		return actOptions
	case tcell.KeyF5:
		return actSave
	case tcell.KeyF6:
		return actLoad
	case tcell.KeyRune:
		switch r := ev.Rune(); {
		case isCtrlC(ev):
			return actQuit
		case ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0:
			return actNone
		case r == 'q' || r == 'Q':
			return actQuit
		case r == 'm' || r == 'M':
			return actMulti
		case r == 'h' || r == 'H':
			return actHistory
		}
	}
	return actNone
}

// windowAction maps a key press in the options window to an action. As in
// nload, q quits there too (dropping the edits); F2, Enter and Esc close
// the window.
func windowAction(ev *tcell.EventKey) action {
	switch ev.Key() {
	case tcell.KeyUp, tcell.KeyBacktab:
		return actUp
	case tcell.KeyDown, tcell.KeyTab:
		return actDown
	case tcell.KeyLeft:
		return actLess
	case tcell.KeyRight:
		return actMore
	case tcell.KeyEnter, tcell.KeyEscape, tcell.KeyF2:
		return actClose
	case tcell.KeyCtrlC, tcell.KeyETX:
		return actQuit
	case tcell.KeyF5:
		return actSave
	case tcell.KeyF6:
		return actLoad
	case tcell.KeyRune:
		switch r := ev.Rune(); {
		case isCtrlC(ev):
			return actQuit
		case ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0:
			return actNone
		case r == 'q' || r == 'Q':
			return actQuit
		case r == '-':
			return actLess
		case r == '+' || r == '=':
			return actMore
		}
	}
	return actNone
}

// isCtrlC reports whether a rune key is Ctrl-C.
func isCtrlC(ev *tcell.EventKey) bool {
	r := ev.Rune()
	return ev.Modifiers()&tcell.ModCtrl != 0 && (r == 'c' || r == 'C')
}

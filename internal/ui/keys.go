package ui

import "github.com/gdamore/tcell/v2"

// action is what a key asks for.
type action int

const (
	actNone action = iota
	actNext
	actPrev
	actFirst // the first device, or the first page in the multi view
	actLast  // the last device, or the last page in the multi view
	actQuit
	actSuspend // stop the process, as Ctrl-Z does in a shell
	actMulti   // toggle the single and multi views
	actOptions // open the options window
	actSave    // save the settings
	actLoad    // reload the settings
	actUp      // options window: previous field
	actDown    // options window: next field
	actLess    // options window: previous value
	actMore    // options window: next value
	actClose   // options window: close it
	actTalkers // show or hide the talkers panel
	actGroup   // talkers panel: next grouping
	actSort    // talkers panel: next sort order
	actHistory // switch between the live graphs and the kept totals
)

// keyAction maps a key press on the main screen to an action.
func keyAction(ev *tcell.EventKey) action {
	switch ev.Key() {
	case tcell.KeyRight, tcell.KeyDown, tcell.KeyPgDn, tcell.KeyEnter, tcell.KeyTab:
		return actNext
	case tcell.KeyLeft, tcell.KeyUp, tcell.KeyPgUp, tcell.KeyBacktab:
		return actPrev
	case tcell.KeyHome:
		return actFirst
	case tcell.KeyEnd:
		return actLast
	case tcell.KeyEscape, tcell.KeyCtrlC, tcell.KeyETX:
		return actQuit
	case tcell.KeyCtrlZ:
		return actSuspend
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
		case isCtrl(ev, tcell.KeyCtrlZ):
			return actSuspend
		case ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0:
			return actNone
		case r == 'q' || r == 'Q':
			return actQuit
		case r == 'm' || r == 'M':
			return actMulti
		case r == 'p' || r == 'P':
			return actTalkers
		case r == 'g' || r == 'G':
			return actGroup
		case r == 's' || r == 'S':
			return actSort
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
	case tcell.KeyCtrlZ:
		return actSuspend
	case tcell.KeyF5:
		return actSave
	case tcell.KeyF6:
		return actLoad
	case tcell.KeyRune:
		switch r := ev.Rune(); {
		case isCtrlC(ev):
			return actQuit
		case isCtrl(ev, tcell.KeyCtrlZ):
			return actSuspend
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
func isCtrlC(ev *tcell.EventKey) bool { return isCtrl(ev, tcell.KeyCtrlC) }

// isCtrl reports whether a rune key is the control key k (KeyCtrlA to
// KeyCtrlZ) sent as Ctrl with its letter, as terminals that report
// modifiers (CSI u) send it.
func isCtrl(ev *tcell.EventKey, k tcell.Key) bool {
	r, lower := ev.Rune(), rune('a'+k-tcell.KeyCtrlA)
	return ev.Modifiers()&tcell.ModCtrl != 0 && (r == lower || r == lower-'a'+'A')
}

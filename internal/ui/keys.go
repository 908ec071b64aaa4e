package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/keys"
)

// keyAction is what a key press on the main screen asks for, by the key
// table in internal/keys.
func keyAction(ev *tcell.EventKey) keys.Action {
	return keys.Lookup(keys.Main(), keyName(ev))
}

// windowAction is what a key press in the options window asks for. As in
// nload, q quits there too (dropping the edits); F2, Enter and Esc close
// the window.
func windowAction(ev *tcell.EventKey) keys.Action {
	return keys.Lookup(keys.Window(), keyName(ev))
}

// keyName spells ev as the key table does, or returns "" for a key the
// table cannot name (a character typed with Ctrl or Alt, say).
func keyName(ev *tcell.EventKey) string {
	switch ev.Key() {
	case tcell.KeyRight:
		return "Right"
	case tcell.KeyLeft:
		return "Left"
	case tcell.KeyUp:
		return "Up"
	case tcell.KeyDown:
		return "Down"
	case tcell.KeyPgDn:
		return "PgDn"
	case tcell.KeyPgUp:
		return "PgUp"
	case tcell.KeyHome:
		return "Home"
	case tcell.KeyEnd:
		return "End"
	case tcell.KeyEnter:
		return "Enter"
	case tcell.KeyTab:
		return "Tab"
	case tcell.KeyBacktab:
		return "Shift-Tab"
	case tcell.KeyEscape:
		return "Esc"
	case tcell.KeyCtrlC, tcell.KeyETX:
		return "Ctrl-C"
	case tcell.KeyCtrlZ:
		return "Ctrl-Z"
	case tcell.KeyF2:
		return "F2"
	case tcell.KeyF5:
		return "F5"
	case tcell.KeyF6:
		return "F6"
	case tcell.KeyRune:
		switch {
		case isCtrl(ev, tcell.KeyCtrlC):
			return "Ctrl-C"
		case isCtrl(ev, tcell.KeyCtrlZ):
			return "Ctrl-Z"
		case ev.Modifiers()&(tcell.ModCtrl|tcell.ModAlt) != 0:
			return ""
		}
		return string(ev.Rune())
	}
	return ""
}

// isCtrl reports whether a rune key is the control key k (KeyCtrlA to
// KeyCtrlZ) sent as Ctrl with its letter, as terminals that report
// modifiers (CSI u) send it.
func isCtrl(ev *tcell.EventKey, k tcell.Key) bool {
	r, lower := ev.Rune(), rune('a'+k-tcell.KeyCtrlA)
	return ev.Modifiers()&tcell.ModCtrl != 0 && (r == lower || r == lower-'a'+'A')
}

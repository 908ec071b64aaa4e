package ui

import (
	"github.com/winload/winload/internal/settings"
)

// optionsWindow is the state of the options window: its rows are the
// settings table's rows (settings.Rows), so that the window shows what the
// command line and the settings file know, under the same rules.
type optionsWindow struct {
	rows []settings.Flag
	orig settings.Settings // the settings in use when the window opened
	edit settings.Settings // as edited
	sel  int               // the selected row
	// buf holds a value as it is drawn; it lives here, not on the
	// drawer, because the table's formatters would make the drawer
	// escape to the heap.
	buf [64]byte
}

func newOptionsWindow(s settings.Settings) optionsWindow {
	return optionsWindow{rows: settings.Rows(), orig: s, edit: s}
}

// changed reports whether the edited settings differ from the original.
func (w *optionsWindow) changed() bool {
	return w.edit != w.orig
}

// move selects the row delta lines away, wrapping around.
func (w *optionsWindow) move(delta int) {
	w.sel = stepWrap(w.sel, len(w.rows), delta)
}

// stepWrap returns the value delta places from cur among n values 0 to
// n-1, wrapping around.
func stepWrap(cur, n, delta int) int {
	return ((cur+delta)%n + n) % n
}

// step changes the selected setting to the value delta places away: among
// the presets and the value at opening for numbers (stopping at the
// ends), around the choices for the others; never to a value that the
// command line would refuse.
func (w *optionsWindow) step(delta int) {
	w.rows[w.sel].Step(&w.edit, &w.orig, delta)
}

// appendValue appends the edited value of row i as the window shows it.
func (w *optionsWindow) appendValue(dst []byte, i int) []byte {
	return w.rows[i].AppendShown(dst, &w.edit)
}

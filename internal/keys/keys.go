// Package keys is winload's one table of keys: what each key does on the
// main screen and in the options window. The screen looks its key presses
// up here, --help prints these lines, and the manual page is checked
// against them, so a key exists in one place only.
package keys

import "strings"

// Action is what a key asks for.
type Action int

// The actions, on the main screen and in the options window.
const (
	None    Action = iota
	Next           // the next device, or the next page in the multi view
	Prev           // the previous device, or the previous page
	First          // the first device, or the first page
	Last           // the last device, or the last page
	Quit           // leave winload
	Suspend        // stop the process, as Ctrl-Z does in a shell
	Multi          // switch between one device and several
	History        // switch between the live graphs and the kept totals
	Talkers        // show or hide the talkers panel
	Group          // talkers panel: the next grouping
	Sort           // talkers panel: the next sort order
	Options        // open the options window
	Save           // save the settings to the settings file
	Load           // reload the settings file
	Up             // options window: the previous field
	Down           // options window: the next field
	Less           // options window: the previous value
	More           // options window: the next value
	Close          // options window: close it and apply the edits
)

// Binding is a set of keys that ask for one action, with the words --help
// shows for them. Keys are spelled as --help and the manual page spell
// them: "Right", "PgDn", "Shift-Tab", "Ctrl-C", "F2", or the character
// itself for a printable key ("q", "+").
type Binding struct {
	Keys   []string
	Action Action
	Help   string
}

// Main returns the main screen's keys, in the order --help lists them.
func Main() []Binding {
	return []Binding{
		{[]string{"Right", "Down", "PgDn", "Enter", "Tab"}, Next, "next device (next page in the multi view)"},
		{[]string{"Left", "Up", "PgUp", "Shift-Tab"}, Prev, "previous device (previous page)"},
		{[]string{"Home"}, First, "first device (first page)"},
		{[]string{"End"}, Last, "last device (last page)"},
		{[]string{"m", "M"}, Multi, "switch between one device and several"},
		{[]string{"p", "P"}, Talkers, "show or hide the talkers panel"},
		{[]string{"g", "G"}, Group, "talkers: group by process, connection, host, port, cgroup"},
		{[]string{"s", "S"}, Sort, "talkers: sort by total, incoming or outgoing rate"},
		{[]string{"h", "H"}, History, "kept totals per day, per month, back to live"},
		{[]string{"F2"}, Options, "options window (its keys below)"},
		{[]string{"F5"}, Save, "save the settings to the settings file"},
		{[]string{"F6"}, Load, "reload the settings file"},
		{[]string{"q", "Q", "Esc", "Ctrl-C"}, Quit, "quit"},
		{[]string{"Ctrl-Z"}, Suspend, "suspend, as in a shell (not on Windows)"},
	}
}

// Window returns the options window's keys, in the order --help lists
// them.
func Window() []Binding {
	return []Binding{
		{[]string{"Up", "Shift-Tab"}, Up, "previous field"},
		{[]string{"Down", "Tab"}, Down, "next field"},
		{[]string{"Left", "-"}, Less, "previous value"},
		{[]string{"Right", "+", "="}, More, "next value"},
		{[]string{"Enter", "Esc", "F2"}, Close, "close the window and apply the edits"},
		{[]string{"F5"}, Save, "save the settings as edited"},
		{[]string{"F6"}, Load, "reload the settings file"},
		{[]string{"q", "Q", "Ctrl-C"}, Quit, "quit without applying the edits"},
		{[]string{"Ctrl-Z"}, Suspend, "suspend, as on the main screen"},
	}
}

// Lookup returns the action that bindings give the key named name, or
// None.
func Lookup(bindings []Binding, name string) Action {
	for _, b := range bindings {
		for _, k := range b.Keys {
			if k == name {
				return b.Action
			}
		}
	}
	return None
}

// Help renders bindings as --help lists them: the keys, then what they do,
// in two columns.
func Help(bindings []Binding) string {
	width := 0
	for _, b := range bindings {
		width = max(width, len(strings.Join(b.Keys, ", ")))
	}
	var s strings.Builder
	for _, b := range bindings {
		left := strings.Join(b.Keys, ", ")
		s.WriteString("  " + left + strings.Repeat(" ", width-len(left)+3) + b.Help + "\n")
	}
	return s.String()
}

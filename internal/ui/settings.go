package ui

import model "github.com/winload/winload/internal/settings"

// The screen draws the model's settings; these aliases keep its code
// short. The types live in internal/settings, which knows no terminal.
type (
	// Settings are what the options window edits.
	Settings = model.Settings
	// Options say how the screen looks.
	Options = model.Options
	// GraphStyle selects the characters a graph is drawn with.
	GraphStyle = model.GraphStyle
)

// The graph and bar styles, as in internal/settings.
const (
	GraphASCII   = model.GraphASCII
	GraphUnicode = model.GraphUnicode
	GraphBlock   = model.GraphBlock
	GraphBraille = model.GraphBraille
	BarFill      = model.BarFill
	BarPlain     = model.BarPlain
)

// arrows reports whether the screen may use arrow characters: when the
// graph is not ASCII or emoji are on.
func arrows(o *Options) bool {
	return o.Graph != GraphASCII || o.Emoji
}

// Controller applies, saves and reloads settings; the caller implements
// it. Run calls it from its own goroutine only.
type Controller interface {
	// Apply is called when the options window closes with changes, and
	// after Load returned settings that differ from the ones in use. The
	// caller resizes its statistics windows when Interval or Average
	// changed. On an error the screen keeps the old settings and shows it.
	Apply(s Settings) error
	// Save writes s to the config file (F5).
	Save(s Settings) error
	// Load reads the settings from the config file again (F6).
	Load() (Settings, error)
	// Path is the config file's path, shown in the options window.
	Path() string
}

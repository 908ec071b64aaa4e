package ui

import "github.com/winload/winload/internal/settings"

// arrows reports whether the screen may use arrow characters: when the
// graph is not ASCII or emoji are on.
func arrows(o *settings.Options) bool {
	return o.Graph != settings.GraphASCII || o.Emoji
}

// Controller applies, saves and reloads settings; the caller implements
// it. Run calls it from its own goroutine only.
type Controller interface {
	// Apply is called when the options window closes with changes, and
	// after Load returned settings that differ from the ones in use. The
	// caller resizes its statistics windows when Interval or Average
	// changed. On an error the screen keeps the old settings and shows it.
	Apply(s settings.Settings) error
	// Save writes s to the config file (F5).
	Save(s settings.Settings) error
	// Load reads the settings from the config file again (F6).
	Load() (settings.Settings, error)
	// Path is the config file's path, shown in the options window.
	Path() string
}

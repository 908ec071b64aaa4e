package ui

import "time"

// Settings are what the options window edits.
type Settings struct {
	// Options are the display options.
	Options
	// Interval is the refresh interval; Average the averaging window.
	Interval, Average time.Duration
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

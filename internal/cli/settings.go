package cli

import (
	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/settings"
)

// Entries turns settings into the lines of a settings file: every setting
// of the table but the shorthands (max, unicode), keyed by flag name, so
// that Parse reads back the same settings.
func Entries(s settings.Settings) []config.Entry {
	var e []config.Entry
	for _, f := range settings.Table() {
		if v, ok := f.Get(&s); ok {
			e = append(e, config.Entry{Key: f.Name, Value: v})
		}
	}
	return e
}

package app

import (
	"errors"
	"fmt"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/stats"
)

// controller implements the screen's Controller (ui.Controller): it
// applies settings to the monitor and saves and reloads the settings file,
// under the same rules as the command line.
type controller struct {
	mon    *monitor.Monitor
	file   *config.File
	reload func() (cli.Config, error)
	// stats is the statistics configuration the monitor runs with.
	stats stats.Config
}

// errNoConfig is returned when winload runs with --no-config.
var errNoConfig = errors.New("no settings file (started with --no-config)")

// Apply implements the screen's Controller. Only a new interval or average window
// restarts the statistics; units, scales and graph style are drawing
// matters and keep the history.
func (c *controller) Apply(s settings.Settings) error {
	if err := settings.Check(&s); err != nil {
		return err
	}
	next := cli.StatsConfig(s)
	if next == c.stats {
		return nil
	}
	if err := c.mon.SetStats(next); err != nil {
		return err
	}
	c.stats = next
	return nil
}

// Save implements the screen's Controller.
func (c *controller) Save(s settings.Settings) error {
	if c.file == nil {
		return errNoConfig
	}
	if err := settings.Check(&s); err != nil {
		return fmt.Errorf("not saving settings the next start would refuse: %w", err)
	}
	return c.file.Save(cli.Entries(s))
}

// Load implements the screen's Controller: it reads the settings file again, with
// the command line's flags still taking precedence. The screen applies
// what it returns through Apply.
func (c *controller) Load() (settings.Settings, error) {
	if c.file == nil {
		return settings.Settings{}, errNoConfig
	}
	cfg, err := c.reload()
	if err != nil {
		return settings.Settings{}, err
	}
	c.file = cfg.File
	return cfg.Settings, nil
}

// Path implements the screen's Controller.
func (c *controller) Path() string {
	if c.file == nil {
		return ""
	}
	return c.file.Path
}

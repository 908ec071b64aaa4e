// Package cli turns winload's command line, and the settings file behind
// it, into a configuration, with one clear message for every value it
// cannot accept.
package cli

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/spf13/pflag"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
	"github.com/winload/winload/internal/ui"
	"github.com/winload/winload/internal/units"
)

// Limits on the sampling interval and the average window.
const (
	MinInterval = 100 * time.Millisecond
	MaxInterval = time.Minute
	MaxAverage  = 24 * time.Hour
	// HistoryLen is how many Curr values each device keeps for its graph:
	// enough for a braille graph on a 500-column terminal.
	HistoryLen = 1024
)

// Config is everything the command line and the settings file decide.
type Config struct {
	Settings ui.Settings
	Source   source.Options
	Filter   monitor.Filter
	// Device is the -d query for the device to start on.
	Device string
	// LogFile is the -f traffic log, "" for none.
	LogFile string
	// JSON streams JSON lines instead of drawing; Count ends a stream
	// after that many samples (0 = never).
	JSON  bool
	Count int
	// File is the settings file that was read (nil with --no-config).
	File      *config.File
	DebugInfo bool
	Help      bool
	Version   bool
}

// Stats returns the statistics windows the settings ask for.
func (c Config) Stats() stats.Config {
	return StatsConfig(c.Settings)
}

// StatsConfig derives the statistics windows from settings.
func StatsConfig(s ui.Settings) stats.Config {
	return stats.Config{Interval: s.Interval, Average: s.Average, History: HistoryLen}
}

// Env is what Parse needs to know about the world around it.
type Env struct {
	// GOOS decides whether --npcap and --etw are allowed.
	GOOS string
	// ConfigPath is the settings file read when --config is not given;
	// "" reads none.
	ConfigPath string
	// NoColor is true when the NO_COLOR variable is set and not empty.
	NoColor bool
}

// UsageError is a problem with the command line or the settings file:
// the message names the flag (and the file and line) and what it allows,
// and the program exits with status 2.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// settable lists the flags a settings file may set.
var settable = []string{
	"interval", "average", "unit", "total-unit", "si", "max", "in-max", "out-max", "graph", "unicode",
	"bar-style", "in-color", "out-color", "emoji", "no-graph", "multi",
}

// Parse reads args (without the program name), then the settings file for
// flags the command line leaves unset.
func Parse(args []string, env Env) (Config, error) {
	var v flagValues
	fs := newFlagSet(&v)
	if err := fs.Parse(args); err != nil {
		return Config{}, translate(err)
	}
	cfg := Config{DebugInfo: v.debugInfo, Help: v.help, Version: v.version}
	if cfg.Help || cfg.Version {
		return cfg, nil
	}
	p := &parser{fs: fs, v: &v, origin: map[string]config.Entry{}}
	if err := p.readSettingsFile(env.ConfigPath, &cfg); err != nil {
		return Config{}, err
	}
	if err := p.check(&cfg, fs.Args(), env); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// parser checks flag values and remembers which came from the settings
// file, so that its messages can point there.
type parser struct {
	fs     *pflag.FlagSet
	v      *flagValues
	origin map[string]config.Entry
	path   string
}

func (p *parser) readSettingsFile(defaultPath string, cfg *Config) error {
	path := defaultPath
	if p.fs.Changed("config") {
		path = p.v.configPath
		if strings.TrimSpace(path) == "" {
			return usagef("--config: give the path of a settings file")
		}
	}
	if p.v.noConfig || path == "" {
		return nil
	}
	file, err := config.Load(path)
	if err != nil {
		return usagef("%v", err)
	}
	p.path = path
	cfg.File = file
	for _, e := range file.Entries {
		f := p.fs.Lookup(e.Key)
		if f == nil || !slices.Contains(settable, e.Key) {
			return usagef("config file %s, line %d: %q is not a setting; settings are %s", path, e.Line, e.Key, strings.Join(settable, ", "))
		}
		if f.Changed {
			continue
		}
		if err := f.Value.Set(e.Value); err != nil {
			return usagef("config file %s, line %d: %s: %q is not true or false", path, e.Line, e.Key, e.Value)
		}
		p.origin[e.Key] = e
	}
	return nil
}

// where prefixes a message about a flag with the settings file's line
// when the value came from there.
func (p *parser) where(name string) string {
	if e, ok := p.origin[name]; ok {
		return fmt.Sprintf("config file %s, line %d: ", p.path, e.Line)
	}
	return ""
}

func (p *parser) fail(name, format string, args ...any) error {
	f := p.fs.Lookup(name)
	return usagef("%s%s: %s", p.where(name), flagName(f), fmt.Sprintf(format, args...))
}

func (p *parser) check(cfg *Config, args []string, env Env) error {
	v := p.v
	s := &cfg.Settings
	s.Options = ui.DefaultOptions()
	var err error
	if s.Interval, err = p.interval(v.interval); err != nil {
		return err
	}
	if s.Average, err = p.average(v.average, s.Interval); err != nil {
		return err
	}
	if p.fs.Changed("device") && strings.TrimSpace(v.device) == "" {
		return p.fail("device", "give a device name (or part of one)")
	}
	cfg.Device = v.device
	cfg.Filter = monitor.Filter{Names: args, Include: v.include, Exclude: v.exclude}
	if err := cfg.Filter.Validate(); err != nil {
		return usagef("%v", err)
	}
	if err := p.look(s); err != nil {
		return err
	}
	if env.NoColor {
		s.Color = false
	}
	if cfg.Source, err = p.mode(env.GOOS); err != nil {
		return err
	}
	if p.fs.Changed("file") && strings.TrimSpace(v.logFile) == "" {
		return p.fail("file", "give the path of the traffic log")
	}
	cfg.LogFile, cfg.JSON = v.logFile, v.json
	if cfg.Count, err = p.count(v.count); err != nil {
		return err
	}
	return nil
}

// translate rewords pflag's errors as one short line.
func translate(err error) error {
	var notExist *pflag.NotExistError
	var valueRequired *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if notExist.GetSpecifiedShortnames() != "" {
			name = "-" + notExist.GetSpecifiedName()
		}
		return usagef("unknown flag %s (see winload --help)", name)
	case errors.As(err, &valueRequired):
		return usagef("%s needs a value (see winload --help)", flagName(valueRequired.GetFlag()))
	case errors.As(err, &invalid):
		return usagef("%s takes no value, got %q (see winload --help)", flagName(invalid.GetFlag()), invalid.GetValue())
	}
	return usagef("%v (see winload --help)", err)
}

// flagName spells a flag as the messages do: "-t/--interval" or "--npcap".
func flagName(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand + "/--" + f.Name
	}
	return "--" + f.Name
}

// interval reads milliseconds ("500") or a duration with a unit ("2s").
func (p *parser) interval(text string) (time.Duration, error) {
	text = strings.TrimSpace(text)
	var d time.Duration
	if ms, err := strconv.ParseInt(text, 10, 64); err == nil {
		switch {
		case ms < 0:
			d = -1
		case ms > int64(MaxInterval/time.Millisecond):
			d = MaxInterval + 1
		default:
			d = time.Duration(ms) * time.Millisecond
		}
	} else if parsed, perr := time.ParseDuration(text); perr == nil {
		d = parsed
	} else if errors.Is(err, strconv.ErrRange) {
		d = MaxInterval + 1
		if strings.HasPrefix(text, "-") {
			d = -1
		}
	} else {
		return 0, p.fail("interval", "%q is not a number of milliseconds (100-60000, default 500)", text)
	}
	switch {
	case d <= 0:
		return 0, p.fail("interval", "must be above zero, from 100 to 60000 ms, got %s", text)
	case d < MinInterval:
		return 0, p.fail("interval", "%s is too short to measure honestly; use 100 ms or more", text)
	case d > MaxInterval:
		return 0, p.fail("interval", "%s is too long; use at most 60000 ms (one minute)", text)
	}
	return d, nil
}

func (p *parser) average(text string, interval time.Duration) (time.Duration, error) {
	secs, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || secs != secs {
		return 0, p.fail("average", "%q is not a number of seconds (default 300)", text)
	}
	switch {
	case secs <= 0:
		return 0, p.fail("average", "must be above zero seconds, got %s", text)
	case secs > MaxAverage.Seconds():
		return 0, p.fail("average", "at most %d seconds (24 hours), got %s", int(MaxAverage.Seconds()), text)
	}
	average := time.Duration(secs * float64(time.Second))
	if average < interval {
		return 0, p.fail("average", "the average window (%v) must be at least one interval (-t %v)", average, interval)
	}
	return average, nil
}

func (p *parser) count(text string) (int, error) {
	if !p.fs.Changed("count") {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n <= 0 {
		return 0, p.fail("count", "%q is not a positive whole number of samples", text)
	}
	return n, nil
}

func (p *parser) mode(goos string) (source.Options, error) {
	npcap, etw := p.v.npcap, p.v.etw
	switch {
	case npcap && etw:
		return source.Options{}, usagef("--npcap and --etw exclude each other: choose one way to count Windows loopback traffic")
	case (npcap || etw) && goos != "windows":
		flag := "--npcap"
		if etw {
			flag = "--etw"
		}
		return source.Options{}, usagef("%s is for Windows only: on %s the loopback interface counts its own traffic, so winload shows it without any option", flag, systemName(goos))
	case npcap:
		return source.Options{Mode: source.ModeNpcap}, nil
	case etw:
		return source.Options{Mode: source.ModeETW}, nil
	}
	return source.Options{}, nil
}

func systemName(goos string) string {
	switch goos {
	case "darwin":
		return "macOS"
	case "linux":
		return "Linux"
	}
	return goos
}

// colour reads a colour flag into a tcell colour.
func (p *parser) colour(name, text string) (tcell.Color, error) {
	c, err := ParseColor(text)
	if err != nil {
		return 0, p.fail(name, "%v", err)
	}
	return tcell.NewHexColor(int32(c)), nil
}

// rate reads a rate flag; "" means automatic (0).
func (p *parser) rate(name, text string) (float64, error) {
	if text == "" {
		return 0, nil
	}
	r, err := units.ParseRate(text)
	if err != nil {
		return 0, p.fail(name, "%v", err)
	}
	return r, nil
}

// NewUsageError makes err a UsageError, for problems found after parsing
// that are still the command line's (a device that does not exist).
func NewUsageError(err error) error { return &UsageError{msg: err.Error()} }

// Package cli turns winload's command line, and the settings file behind
// it, into a configuration, with one clear message for every value it
// cannot accept. The flags, the settings file's keys and what saving
// writes all come from the table in internal/settings.
package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/remote"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// HistoryLen is how many Curr values each device keeps for its graph:
// enough for a braille graph on a 500-column terminal.
const HistoryLen = 1024

// Config is everything the command line and the settings file decide.
type Config struct {
	Settings settings.Settings
	Source   source.Options
	Filter   monitor.Filter
	// Remote names the other hosts whose devices are shown too; its
	// Interval and Average are left to the caller.
	Remote remote.Options
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
func StatsConfig(s settings.Settings) stats.Config {
	return stats.Config{Interval: s.Interval, Average: s.Average, History: HistoryLen}
}

// Env is what Parse needs to know about the world around it.
type Env struct {
	// GOOS decides whether --npcap and --etw are allowed.
	GOOS string
	// ConfigPath is the settings file read when --config is not given;
	// "" reads none. It need not exist.
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

// NewUsageError makes err a UsageError, for problems found after parsing
// that are still the command line's (a device that does not exist).
func NewUsageError(err error) error { return &UsageError{msg: err.Error()} }

// The nload habits that mean something else here.
const (
	nloadM = "-m is --max here; nload's -m (several devices) is -M"
	nloadU = "-U is --unicode here; nload's -U is --total-unit"
)

// Parse reads args (without the program name), then the settings file.
// Settings come from the defaults, then the file, then the command line:
// a flag always wins over the file, also where two keys set one thing
// (--graph over unicode = true, --max over in-max).
func Parse(args []string, env Env) (Config, error) {
	if err := nloadHabits(args); err != nil {
		return Config{}, err
	}
	fs := newFlagSet()
	if err := fs.Parse(args); err != nil {
		return Config{}, translate(err)
	}
	p := &parser{fs: fs, origin: map[string]origin{}}
	cfg := Config{DebugInfo: p.bool("debug-info"), Help: p.bool("help"), Version: p.bool("version")}
	if cfg.Help || cfg.Version {
		return cfg, nil
	}
	if err := p.readSettingsFile(env.ConfigPath, &cfg); err != nil {
		return Config{}, err
	}
	if err := p.settings(&cfg.Settings); err != nil {
		return Config{}, err
	}
	if env.NoColor {
		cfg.Settings.Color = false
	}
	if err := p.check(&cfg, env); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// nloadHabits catches nload's -U UNIT, which here would be -U (unicode)
// followed by a device named after a unit letter.
func nloadHabits(args []string) error {
	for i, a := range args {
		if a == "--" {
			return nil
		}
		if a == "-U" && i+1 < len(args) && settings.IsUnitLetter(args[i+1]) {
			return usagef("-U %s: %s (--total-unit %s); -U takes no value", settings.Quote(args[i+1]), nloadU, args[i+1])
		}
	}
	return nil
}

// origin is where a setting's value came from: the settings file's line,
// or the command line (line 0).
type origin struct {
	file bool
	line int
}

// parser reads flag values and remembers where each setting came from,
// so that its messages can point there.
type parser struct {
	fs     *pflag.FlagSet
	path   string
	file   *config.File
	origin map[string]origin
}

func (p *parser) bool(name string) bool {
	b, _ := strconv.ParseBool(p.fs.Lookup(name).Value.String())
	return b
}

func (p *parser) text(name string) string { return p.fs.Lookup(name).Value.String() }

func (p *parser) list(name string) []string {
	l, _ := p.fs.GetStringArray(name)
	return l
}

func (p *parser) readSettingsFile(defaultPath string, cfg *Config) error {
	path := defaultPath
	explicit := p.fs.Changed("config")
	if explicit && p.bool("no-config") {
		return usagef("--config and --no-config exclude each other: name a settings file or none")
	}
	if explicit {
		path = p.text("config")
		if strings.TrimSpace(path) == "" {
			return usagef("--config: give the path of a settings file")
		}
	}
	if p.bool("no-config") || path == "" {
		return nil
	}
	file, err := config.Load(path)
	if err != nil {
		return usagef("%v", err)
	}
	if explicit && !file.Exists() {
		return usagef("--config: %s does not exist (leave --config out to use the default, or --no-config for none)", path)
	}
	p.path, p.file = path, file
	cfg.File = file
	return nil
}

// where prefixes a message about a setting with the settings file's line
// when its value came from there.
func (p *parser) where(name string) string {
	if o := p.origin[name]; o.file {
		return fmt.Sprintf("config file %s, line %d: ", p.path, o.line)
	}
	return ""
}

func (p *parser) fail(name, format string, args ...any) error {
	return usagef("%s%s: %s", p.where(name), flagName(p.fs.Lookup(name)), fmt.Sprintf(format, args...))
}

// settings applies the defaults, the settings file and the flags, in
// that order, then the rules that tie settings together.
func (p *parser) settings(s *settings.Settings) error {
	*s = settings.Defaults()
	table := settings.Table()
	if p.file != nil {
		values := map[string]string{}
		for _, e := range p.file.Entries {
			if !isSetting(table, e.Key) {
				return usagef("config file %s, line %d: %s is not a setting; settings are %s", p.path, e.Line, settings.Quote(e.Key), strings.Join(settings.Names(), ", "))
			}
			if p.fs.Changed(e.Key) {
				continue // the command line wins
			}
			values[e.Key] = e.Value
			p.origin[e.Key] = origin{file: true, line: e.Line}
		}
		if err := p.apply(s, table, values); err != nil {
			return err
		}
	}
	values := map[string]string{}
	p.fs.Visit(func(f *pflag.Flag) {
		if isSetting(table, f.Name) {
			values[f.Name] = f.Value.String()
			p.origin[f.Name] = origin{}
		}
	})
	if err := p.apply(s, table, values); err != nil {
		return err
	}
	if err := settings.Check(s); err != nil {
		var se *settings.Error
		if errors.As(err, &se) {
			return p.fail(se.Key, "%s", se.Msg)
		}
		return usagef("%v", err)
	}
	return nil
}

// apply sets the settings one source gives, in table order, so that a
// key for one direction (in-max) refines one for both (max) given in the
// same place. --unicode and --graph from one source must agree.
func (p *parser) apply(s *settings.Settings, table []settings.Flag, values map[string]string) error {
	if u, ok := values["unicode"]; ok {
		on, _ := strconv.ParseBool(strings.TrimSpace(u))
		if g, ok := values["graph"]; ok && on && !strings.EqualFold(strings.TrimSpace(g), "unicode") {
			return p.fail("unicode", "conflicts with --graph %s; give one of them", settings.Quote(g))
		}
	}
	for i := range table {
		f := &table[i]
		text, ok := values[f.Name]
		if !ok {
			continue
		}
		if err := f.Set(s, text); err != nil {
			if f.Name == "max" && !p.origin[f.Name].file {
				return p.fail(f.Name, "%v; %s", err, nloadM)
			}
			return p.fail(f.Name, "%v", err)
		}
	}
	return nil
}

func isSetting(table []settings.Flag, name string) bool {
	for i := range table {
		if table[i].Name == name {
			return table[i].IsSetting()
		}
	}
	return false
}

// check reads the flags that are no settings.
func (p *parser) check(cfg *Config, env Env) error {
	if p.fs.Changed("device") && strings.TrimSpace(p.text("device")) == "" {
		return p.fail("device", "give a device name (or part of one)")
	}
	cfg.Device = p.text("device")
	cfg.Filter = monitor.Filter{Names: p.fs.Args(), Include: p.list("include"), Exclude: p.list("exclude")}
	if err := cfg.Filter.Validate(); err != nil {
		return usagef("%s", shortenPatterns(err.Error(), cfg.Filter))
	}
	var err error
	if cfg.Source, err = p.mode(env.GOOS); err != nil {
		return err
	}
	if cfg.Remote, err = p.remote(); err != nil {
		return err
	}
	if p.fs.Changed("file") && strings.TrimSpace(p.text("file")) == "" {
		return p.fail("file", "give the path of the traffic log")
	}
	cfg.LogFile, cfg.JSON = p.text("file"), p.bool("json")
	if cfg.Count, err = p.count(); err != nil {
		return err
	}
	return nil
}

// shortenPatterns quotes the long patterns in msg as excerpts.
func shortenPatterns(msg string, f monitor.Filter) string {
	for _, list := range [][]string{f.Include, f.Exclude, f.Names} {
		for _, p := range list {
			if len(p) > 40 {
				msg = strings.ReplaceAll(msg, strconv.Quote(p), settings.Quote(p))
			}
		}
	}
	return msg
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
		return usagef("unknown flag %s (see winload --help)", settings.Quote(name))
	case errors.As(err, &valueRequired):
		f := valueRequired.GetFlag()
		if f.Name == "max" {
			return usagef("%s needs a value such as 100M; %s", flagName(f), nloadM)
		}
		return usagef("%s needs a value (see winload --help)", flagName(f))
	case errors.As(err, &invalid):
		return usagef("%s takes no value, got %s (see winload --help)", flagName(invalid.GetFlag()), settings.Quote(invalid.GetValue()))
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

func (p *parser) count() (int, error) {
	if !p.fs.Changed("count") {
		return 0, nil
	}
	text := p.text("count")
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n <= 0 {
		return 0, p.fail("count", "%s is not a positive whole number of samples", settings.Quote(text))
	}
	return n, nil
}

func (p *parser) mode(goos string) (source.Options, error) {
	npcap, etw := p.bool("npcap"), p.bool("etw")
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

// remote reads --remote, --prometheus and --match.
func (p *parser) remote() (remote.Options, error) {
	var o remote.Options
	list := p.list("remote")
	if p.fs.Changed("remote") && len(list) == 0 {
		list = []string{""} // pflag keeps no empty value; say what is missing
	}
	for _, text := range list {
		t, err := remote.ParseTarget(text)
		if err != nil {
			return o, usagef("--remote: %v", err)
		}
		o.Targets = append(o.Targets, t)
	}
	if p.fs.Changed("prometheus") && strings.TrimSpace(p.text("prometheus")) == "" {
		return o, p.fail("prometheus", "give the Prometheus server's URL, such as http://localhost:9090")
	}
	o.Prometheus, o.Match = strings.TrimSpace(p.text("prometheus")), p.text("match")
	if err := o.Validate(); err != nil {
		return o, usagef("%v", err)
	}
	return o, nil
}

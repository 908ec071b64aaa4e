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
	"github.com/winload/winload/internal/history"
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
	// History is what the history flags decide.
	History History
	// Listen is the --listen address of the Prometheus endpoint, "" for none.
	Listen string
	// Quiet runs without screen or stream, for --listen and -f alone.
	Quiet bool
	// File is the settings file that was read (nil with --no-config).
	File      *config.File
	DebugInfo bool
	Help      bool
	Version   bool
}

// History is what --history-file, --no-history, --month-start, --quota,
// --report and --check-quota decide.
type History struct {
	// Path is the history file, "" to keep none.
	Path string
	// MonthStart is the day (1-28) a billing month begins.
	MonthStart int
	// Quotas are billing-month allowances in bytes by device name.
	Quotas map[string]uint64
	// Report is the table --report prints, "" without --report;
	// ReportDevices the devices it names (all when empty).
	Report        history.Kind
	ReportDevices []string
	// CheckQuota prints the quotas' use and exits.
	CheckQuota bool
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
	// HistoryPath is the history file used when --history-file is not
	// given; "" keeps no history then.
	HistoryPath string
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
	names := p.fs.Args()
	var err error
	if cfg.History, names, err = p.history(env, names); err != nil {
		return err
	}
	cfg.Filter = monitor.Filter{Names: names, Include: p.list("include"), Exclude: p.list("exclude")}
	if err := cfg.Filter.Validate(); err != nil {
		return usagef("%s", shortenPatterns(err.Error(), cfg.Filter))
	}
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
	return p.service(cfg)
}

// service reads --listen and --quiet.
func (p *parser) service(cfg *Config) error {
	if p.fs.Changed("listen") && strings.TrimSpace(p.text("listen")) == "" {
		return p.fail("listen", "give an address such as 127.0.0.1:9101, :9101 or [::1]:9101")
	}
	cfg.Listen, cfg.Quiet = strings.TrimSpace(p.text("listen")), p.bool("quiet")
	switch {
	case cfg.Quiet && cfg.JSON:
		return usagef("--quiet and --json exclude each other: --quiet writes nothing to standard output")
	case cfg.Quiet && cfg.Listen == "" && cfg.LogFile == "":
		return usagef("--quiet shows nothing, so it needs --listen ADDR or -f FILE to do something")
	}
	return nil
}

// history reads the history flags. With --report the arguments are the
// report's kind and devices, not a device list; it returns the
// arguments that remain device names.
func (p *parser) history(env Env, args []string) (History, []string, error) {
	h := History{Path: env.HistoryPath, MonthStart: 1}
	if p.fs.Changed("history-file") {
		if p.bool("no-history") {
			return h, nil, usagef("--history-file and --no-history exclude each other: name a history file or none")
		}
		h.Path = p.text("history-file")
		if strings.TrimSpace(h.Path) == "" {
			return h, nil, p.fail("history-file", "give the path of the history file")
		}
	}
	if p.bool("no-history") {
		h.Path = ""
	}
	text := p.text("month-start")
	day, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || day < 1 || day > 28 {
		return h, nil, p.fail("month-start", "%s is not a day from 1 to 28", settings.Quote(text))
	}
	h.MonthStart = day
	for _, q := range p.list("quota") {
		dev, size, err := history.ParseQuota(q)
		if err != nil {
			return h, nil, p.fail("quota", "%s: %v", settings.Quote(q), err)
		}
		if _, dup := h.Quotas[dev]; dup {
			return h, nil, p.fail("quota", "%s is given twice", settings.Quote(dev))
		}
		if h.Quotas == nil {
			h.Quotas = map[string]uint64{}
		}
		h.Quotas[dev] = size
	}
	h.CheckQuota = p.bool("check-quota")
	report := p.bool("report")
	switch {
	case report && h.CheckQuota:
		return h, nil, usagef("--report and --check-quota exclude each other: choose one")
	case h.CheckQuota && len(h.Quotas) == 0:
		return h, nil, usagef("--check-quota: give the quotas to check with --quota DEVICE=SIZE")
	case (report || h.CheckQuota) && h.Path == "":
		return h, nil, usagef("--report and --check-quota read the history file: leave --no-history out")
	}
	if !report {
		return h, args, nil
	}
	h.Report = history.Daily
	if len(args) > 0 {
		if k, ok := history.ParseKind(args[0]); ok {
			h.Report, args = k, args[1:]
		}
	}
	h.ReportDevices = args
	return h, nil, nil
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
		for _, other := range o.Targets {
			if other.Host == t.Host {
				return o, usagef("--remote: %q names two endpoints; give each its own NAME=", t.Host)
			}
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

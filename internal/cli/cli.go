// Package cli turns winload's command line into a configuration, with one
// clear message for every value it cannot accept.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/spf13/pflag"

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
	// enough for a graph on a very wide terminal.
	HistoryLen = 1024
)

// Config is everything the command line decides.
type Config struct {
	Stats     stats.Config
	UI        ui.Options
	Source    source.Options
	Device    string
	DebugInfo bool
	Help      bool
	Version   bool
}

// UsageError is a problem with the command line: the message names the
// flag and what it allows, and the program exits with status 2.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// flagValues holds the raw flag values before they are checked.
type flagValues struct {
	interval, average, device, unit, bar, inColor, outColor, max string
	emoji, unicode, noGraph, npcap, etw, debugInfo, help, version bool
}

func newFlagSet(v *flagValues) *pflag.FlagSet {
	fs := pflag.NewFlagSet("winload", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.StringVarP(&v.interval, "interval", "t", "500", "refresh interval in milliseconds (100-60000; a unit such as 2s also works)")
	fs.StringVarP(&v.average, "average", "a", "300", "window of the Avg statistic in seconds")
	fs.StringVarP(&v.device, "device", "d", "", "start on the device whose name matches NAME (case-insensitive, partial)")
	fs.BoolVarP(&v.emoji, "emoji", "e", false, "decorate the screen with emoji")
	fs.BoolVarP(&v.unicode, "unicode", "U", false, "draw the graph with Unicode blocks (█ ▓ ░ ·)")
	fs.StringVarP(&v.unit, "unit", "u", "bit", "unit of rates: bit or byte")
	fs.StringVarP(&v.bar, "bar-style", "b", "fill", "graph style: fill, color or plain")
	fs.StringVar(&v.inColor, "in-color", "0x00d7ff", "colour of incoming traffic, RRGGBB or 0xRRGGBB")
	fs.StringVar(&v.outColor, "out-color", "0xffaf00", "colour of outgoing traffic, RRGGBB or 0xRRGGBB")
	fs.StringVarP(&v.max, "max", "m", "", "fixed graph scale, e.g. 100M, 1Gbit, 12.5MiB (default: automatic)")
	fs.BoolVarP(&v.noGraph, "no-graph", "n", false, "show the statistics only")
	fs.BoolVar(&v.npcap, "npcap", false, "Windows: count loopback traffic by capturing it with Npcap")
	fs.BoolVar(&v.etw, "etw", false, "Windows (experimental): poll the loopback interface's own counters")
	fs.BoolVar(&v.debugInfo, "debug-info", false, "print every interface, its addresses and counters, and exit")
	fs.BoolVarP(&v.help, "help", "h", false, "show this help and exit")
	fs.BoolVarP(&v.version, "version", "V", false, "show the version and exit")
	return fs
}

// Parse reads args (without the program name). goos is the system the
// program runs on, which decides whether --npcap and --etw are allowed.
func Parse(args []string, goos string) (Config, error) {
	var v flagValues
	fs := newFlagSet(&v)
	if err := fs.Parse(args); err != nil {
		return Config{}, translate(err)
	}
	cfg := Config{DebugInfo: v.debugInfo, Help: v.help, Version: v.version, Device: v.device, UI: ui.DefaultOptions()}
	if cfg.Help || cfg.Version {
		return cfg, nil
	}
	if fs.NArg() > 0 {
		return Config{}, usagef("unexpected argument %q: choose a device with -d NAME", fs.Arg(0))
	}
	var err error
	if cfg.Stats, err = parseWindows(v.interval, v.average); err != nil {
		return Config{}, err
	}
	if fs.Changed("device") && strings.TrimSpace(v.device) == "" {
		return Config{}, usagef("-d/--device: give a device name (or part of one)")
	}
	if err := parseLook(&v, &cfg.UI); err != nil {
		return Config{}, err
	}
	if cfg.Source, err = parseMode(v.npcap, v.etw, goos); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// translate rewords pflag's errors as one short line.
func translate(err error) error {
	msg := err.Error()
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
	return usagef("%s (see winload --help)", msg)
}

// flagName spells a flag as the messages do: "-t/--interval" or "--npcap".
func flagName(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand + "/--" + f.Name
	}
	return "--" + f.Name
}

func parseWindows(intervalText, averageText string) (stats.Config, error) {
	interval, err := parseInterval(intervalText)
	if err != nil {
		return stats.Config{}, err
	}
	secs, err := strconv.ParseFloat(strings.TrimSpace(averageText), 64)
	if err != nil || secs != secs {
		return stats.Config{}, usagef("-a/--average: %q is not a number of seconds (default 300)", averageText)
	}
	average := time.Duration(secs * float64(time.Second))
	switch {
	case secs <= 0:
		return stats.Config{}, usagef("-a/--average: must be above zero seconds, got %s", averageText)
	case secs > MaxAverage.Seconds():
		return stats.Config{}, usagef("-a/--average: at most %d seconds (24 hours), got %s", int(MaxAverage.Seconds()), averageText)
	case average < interval:
		return stats.Config{}, usagef("-a/--average: the average window (%v) must be at least one interval (-t %v)", average, interval)
	}
	return stats.Config{Interval: interval, Average: average, History: HistoryLen}, nil
}

// parseInterval reads milliseconds ("500") or a duration with a unit ("2s").
func parseInterval(text string) (time.Duration, error) {
	text = strings.TrimSpace(text)
	var d time.Duration
	if ms, err := strconv.ParseInt(text, 10, 64); err == nil {
		if ms > int64(MaxInterval/time.Millisecond) || ms < 0 {
			d = MaxInterval + 1
			if ms < 0 {
				d = -1
			}
		} else {
			d = time.Duration(ms) * time.Millisecond
		}
	} else if parsed, perr := time.ParseDuration(text); perr == nil {
		d = parsed
	} else if errors.Is(err, strconv.ErrRange) {
		d = MaxInterval + 1
	} else {
		return 0, usagef("-t/--interval: %q is not a number of milliseconds (100-60000, default 500)", text)
	}
	switch {
	case d <= 0:
		return 0, usagef("-t/--interval: must be above zero, from 100 to 60000 ms, got %s", text)
	case d < MinInterval:
		return 0, usagef("-t/--interval: %s is too short to measure honestly; use 100 ms or more", text)
	case d > MaxInterval:
		return 0, usagef("-t/--interval: %s is too long; use at most 60000 ms (one minute)", text)
	}
	return d, nil
}

func parseLook(v *flagValues, o *ui.Options) error {
	o.Emoji, o.Unicode, o.NoGraph = v.emoji, v.unicode, v.noGraph
	switch strings.ToLower(strings.TrimSpace(v.unit)) {
	case "bit", "bits":
		o.Rate.Bits = true
	case "byte", "bytes":
		o.Rate.Bits = false
	default:
		return usagef("-u/--unit: %q is not a unit; use bit or byte", v.unit)
	}
	switch strings.ToLower(strings.TrimSpace(v.bar)) {
	case "fill":
		o.Bar = ui.BarFill
	case "color", "colour":
		o.Bar = ui.BarColor
	case "plain":
		o.Bar = ui.BarPlain
	default:
		return usagef("-b/--bar-style: %q is not a style; use fill, color or plain", v.bar)
	}
	in, err := ParseColor(v.inColor)
	if err != nil {
		return usagef("--in-color: %v", err)
	}
	out, err := ParseColor(v.outColor)
	if err != nil {
		return usagef("--out-color: %v", err)
	}
	o.InColor, o.OutColor = tcell.NewHexColor(int32(in)), tcell.NewHexColor(int32(out))
	if v.max != "" {
		m, err := units.ParseRate(v.max)
		if err != nil {
			return usagef("-m/--max: %v", err)
		}
		o.InMax, o.OutMax = m, m
	}
	return nil
}

func parseMode(npcap, etw bool, goos string) (source.Options, error) {
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

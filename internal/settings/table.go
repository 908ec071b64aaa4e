package settings

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind is the kind of value a flag takes.
type Kind int

// The kinds of flags: a switch (true or false, given without a value on
// the command line), a value, or a value that may be given several times.
const (
	Switch Kind = iota
	Value
	List
)

// Flag is one command-line flag. A flag that is a setting is also a key
// of the settings file, is written back on saving unless it is a
// shorthand for others, and may be a row of the options window.
type Flag struct {
	// Name is the long name, "--" + Name; for settings also the key in
	// the settings file. Short is the one-letter form, "" for none.
	Name, Short string
	Kind        Kind
	// Arg names the value in --help ("MS"); "" for switches.
	Arg string
	// OptArg names the value a switch may also take (--talkers=capture);
	// "" for a plain switch.
	OptArg string
	// Usage is the --help text; Default the default value as text.
	Usage, Default string
	// Label is the options window's name for the setting, "" when the
	// window does not show it.
	Label string

	set  func(s *Settings, text string) error
	get  func(s *Settings) string
	step func(e, orig *Settings, delta int)
	show func(dst []byte, s *Settings) []byte
}

// IsSetting reports whether the flag is a setting: one the settings file
// may set.
func (f *Flag) IsSetting() bool { return f.set != nil }

// Set applies text, as the flag takes it, to s. It fails for a flag that
// is no setting.
func (f *Flag) Set(s *Settings, text string) error {
	if f.set == nil {
		return errNotSetting
	}
	return f.set(s, text)
}

// Get returns the value of the setting in s as text that Set reads back;
// false for flags that are no setting and for the shorthands that stand
// for others (max for in-max and out-max, unicode for graph unicode), so
// that saving writes those instead.
func (f *Flag) Get(s *Settings) (string, bool) {
	if f.get == nil {
		return "", false
	}
	return f.get(s), true
}

// Step changes the setting in e to the value delta places away, among
// the window's choices and orig's value, keeping only values that Check
// accepts (so that the window never makes settings the command line
// refuses). It does nothing for flags without a Label.
func (f *Flag) Step(e, orig *Settings, delta int) {
	if f.step != nil {
		f.step(e, orig, delta)
	}
}

// AppendShown appends the setting's value in s as the options window
// shows it.
func (f *Flag) AppendShown(dst []byte, s *Settings) []byte {
	if f.show == nil {
		return dst
	}
	return f.show(dst, s)
}

// Table returns every flag, in the order --help lists them.
func Table() []Flag {
	return []Flag{
		{Name: "interval", Short: "t", Kind: Value, Arg: "MS", Default: "500", Label: "Interval",
			Usage: "refresh every MS milliseconds, 100-60000 (a unit such as 2s also works)",
			set: func(s *Settings, t string) (err error) {
				s.Interval, err = parseInterval(t)
				return err
			},
			get:  func(s *Settings) string { return formatInterval(s.Interval) },
			step: stepInterval,
			show: func(dst []byte, s *Settings) []byte { return appendDuration(dst, s.Interval, time.Millisecond, " ms") },
		},
		{Name: "average", Short: "a", Kind: Value, Arg: "SEC", Default: "300", Label: "Average",
			Usage: "Avg is the rate over the last SEC seconds",
			set: func(s *Settings, t string) (err error) {
				s.Average, err = parseAverage(t)
				return err
			},
			get:  func(s *Settings) string { return strconv.FormatFloat(s.Average.Seconds(), 'f', -1, 64) },
			step: stepAverage,
			show: func(dst []byte, s *Settings) []byte { return appendDuration(dst, s.Average, time.Second, " s") },
		},
		{Name: "device", Short: "d", Kind: Value, Arg: "NAME",
			Usage: "start on the device whose name matches NAME (case-insensitive, partial)"},
		{Name: "include", Kind: List, Arg: "GLOB", Usage: "list only devices matching GLOB (repeatable)"},
		{Name: "exclude", Kind: List, Arg: "GLOB", Usage: "hide devices matching GLOB, e.g. 'veth*' (repeatable)"},
		{Name: "unit", Short: "u", Kind: Value, Arg: "UNIT", Default: "bit", Label: "Rate unit",
			Usage: "UNIT of rates: bit, byte, or nload's letters h H b B k K m M g G t T p P",
			set: func(s *Settings, t string) error {
				f, err := parseUnit(t)
				f.SI = s.Rate.SI
				s.Rate = f
				return err
			},
			get:  func(s *Settings) string { return letterOf(s.Rate) },
			step: func(e, o *Settings, d int) { e.Rate = stepUnit(e.Rate, o.Rate, d) },
			show: func(dst []byte, s *Settings) []byte { return appendUnit(dst, s.Rate) },
		},
		{Name: "total-unit", Kind: Value, Arg: "UNIT", Default: "H", Label: "Total unit",
			Usage: "UNIT of Ttl, same choices as --unit",
			set: func(s *Settings, t string) error {
				f, err := parseUnit(t)
				f.SI = s.Total.SI
				s.Total = f
				return err
			},
			get:  func(s *Settings) string { return letterOf(s.Total) },
			step: func(e, o *Settings, d int) { e.Total = stepUnit(e.Total, o.Total, d) },
			show: func(dst []byte, s *Settings) []byte { return appendUnit(dst, s.Total) },
		},
		{Name: "si", Kind: Switch, Default: "false", Label: "SI prefixes",
			Usage: "powers of 1000 (kB, Mbit) instead of 1024 (KiB, Mibit)",
			set: func(s *Settings, t string) error {
				b, err := parseBool(t)
				s.Rate.SI, s.Total.SI = b, b
				return err
			},
			get:  func(s *Settings) string { return strconv.FormatBool(s.Rate.SI) },
			step: func(e, _ *Settings, _ int) { e.Rate.SI = !e.Rate.SI; e.Total.SI = e.Rate.SI },
			show: func(dst []byte, s *Settings) []byte { return appendOnOff(dst, s.Rate.SI) },
		},
		{Name: "max", Short: "m", Kind: Value, Arg: "VALUE",
			Usage: "fixed graph scale VALUE for both directions, e.g. 100M, 1Gbit, 12.5MiB; a bare number is kbit/s as in nload (default: auto)",
			set: func(s *Settings, t string) error {
				v, err := parseRate(t)
				s.InMax, s.OutMax = v, v
				return err
			},
		},
		{Name: "in-max", Short: "i", Kind: Value, Arg: "VALUE", Label: "In scale",
			Usage: "fixed scale VALUE of the incoming graph (syntax as --max; nload's -i)",
			set: func(s *Settings, t string) (err error) {
				s.InMax, err = parseRate(t)
				return err
			},
			get:  func(s *Settings) string { return formatRate(s.InMax) },
			step: func(e, o *Settings, d int) { e.InMax = stepScale(e.InMax, o.InMax, e.Rate.SI, d) },
			show: func(dst []byte, s *Settings) []byte { return appendScale(dst, s.Rate, s.InMax) },
		},
		{Name: "out-max", Short: "o", Kind: Value, Arg: "VALUE", Label: "Out scale",
			Usage: "fixed scale VALUE of the outgoing graph (syntax as --max; nload's -o)",
			set: func(s *Settings, t string) (err error) {
				s.OutMax, err = parseRate(t)
				return err
			},
			get:  func(s *Settings) string { return formatRate(s.OutMax) },
			step: func(e, o *Settings, d int) { e.OutMax = stepScale(e.OutMax, o.OutMax, e.Rate.SI, d) },
			show: func(dst []byte, s *Settings) []byte { return appendScale(dst, s.Rate, s.OutMax) },
		},
		{Name: "graph", Kind: Value, Arg: "STYLE", Default: "ascii", Label: "Graph",
			Usage: "graph STYLE: ascii, unicode, block or braille",
			set: func(s *Settings, t string) (err error) {
				s.Graph, err = parseGraph(t)
				return err
			},
			get:  func(s *Settings) string { return s.Graph.String() },
			step: func(e, _ *Settings, d int) { e.Graph = GraphStyle(stepWrap(int(e.Graph), int(graphStyles), d)) },
			show: func(dst []byte, s *Settings) []byte { return append(dst, s.Graph.String()...) },
		},
		{Name: "unicode", Short: "U", Kind: Switch, Default: "false",
			Usage: "short for --graph unicode (█ ▓ ░ ·)",
			set: func(s *Settings, t string) error {
				// false is no opinion: it leaves whatever --graph says.
				b, err := parseBool(t)
				if b {
					s.Graph = GraphUnicode
				}
				return err
			},
		},
		{Name: "bar-style", Short: "b", Kind: Value, Arg: "STYLE", Default: "fill", Label: "Bar style",
			Usage: "bar STYLE: fill (solid colour), color (coloured characters) or plain",
			set: func(s *Settings, t string) (err error) {
				s.Bar, err = parseBar(t)
				return err
			},
			get:  func(s *Settings) string { return s.Bar.String() },
			step: func(e, _ *Settings, d int) { e.Bar = BarStyle(stepWrap(int(e.Bar), int(barStyles), d)) },
			show: func(dst []byte, s *Settings) []byte { return append(dst, s.Bar.String()...) },
		},
		{Name: "in-color", Kind: Value, Arg: "HEX", Default: "0x00d7ff",
			Usage: "colour of incoming traffic, HEX RRGGBB or 0xRRGGBB",
			set: func(s *Settings, t string) (err error) {
				s.InColor, err = parseColour(t)
				return err
			},
			get: func(s *Settings) string { return colourText(s.InColor, DefaultInColor) },
		},
		{Name: "out-color", Kind: Value, Arg: "HEX", Default: "0xffaf00",
			Usage: "colour of outgoing traffic, HEX RRGGBB or 0xRRGGBB",
			set: func(s *Settings, t string) (err error) {
				s.OutColor, err = parseColour(t)
				return err
			},
			get: func(s *Settings) string { return colourText(s.OutColor, DefaultOutColor) },
		},
		{Name: "emoji", Short: "e", Kind: Switch, Default: "false", Usage: "decorate the screen with emoji",
			set: func(s *Settings, t string) (err error) {
				s.Emoji, err = parseBool(t)
				return err
			},
			get: func(s *Settings) string { return strconv.FormatBool(s.Emoji) },
		},
		{Name: "no-graph", Short: "n", Kind: Switch, Default: "false", Usage: "show the statistics only",
			set: func(s *Settings, t string) (err error) {
				s.NoGraph, err = parseBool(t)
				return err
			},
			get: func(s *Settings) string { return strconv.FormatBool(s.NoGraph) },
		},
		{Name: "talkers", Kind: Switch, OptArg: "MODE", Default: "false", Label: "Talkers",
			Usage: "show who uses the bandwidth: processes, connections, hosts, ports (key p toggles); " +
				"--talkers=capture counts wire bytes of every protocol by packet capture (Linux: root or CAP_NET_RAW; Windows: Npcap), " +
				"--talkers=sockets TCP payload from the socket statistics; plain --talkers takes the capture where allowed",
			set: func(s *Settings, t string) error {
				switch v := strings.ToLower(strings.TrimSpace(t)); v {
				case "capture", "sockets":
					s.Talkers, s.TalkersSource = true, v
					return nil
				}
				b, err := parseBool(t)
				if err != nil {
					return fmt.Errorf("%s is not true, false, capture or sockets", Quote(t))
				}
				s.Talkers, s.TalkersSource = b, ""
				return nil
			},
			get: func(s *Settings) string {
				if s.Talkers && s.TalkersSource != "" {
					return s.TalkersSource
				}
				return strconv.FormatBool(s.Talkers)
			},
			step: func(e, _ *Settings, _ int) { e.Talkers = !e.Talkers },
			show: func(dst []byte, s *Settings) []byte { return appendOnOff(dst, s.Talkers) },
		},
		{Name: "multi", Short: "M", Kind: Switch, Default: "false", Label: "Multi view",
			Usage: "show several devices at once (key m toggles; nload's -m)",
			set: func(s *Settings, t string) (err error) {
				s.Multi, err = parseBool(t)
				return err
			},
			get:  func(s *Settings) string { return strconv.FormatBool(s.Multi) },
			step: func(e, _ *Settings, _ int) { e.Multi = !e.Multi },
			show: func(dst []byte, s *Settings) []byte { return appendOnOff(dst, s.Multi) },
		},
		{Name: "file", Short: "f", Kind: Value, Arg: "FILE", Usage: "append nload's traffic log format to FILE"},
		{Name: "json", Kind: Switch, Default: "false",
			Usage: "write one JSON object per device per sample to standard output instead of drawing"},
		{Name: "count", Kind: Value, Arg: "N", Usage: "when writing text or JSON, exit after N samples"},
		{Name: "history-file", Kind: Value, Arg: "PATH",
			Usage: "keep the totals across restarts in PATH (default: winload/history.dat in the user's state folder)"},
		{Name: "no-history", Kind: Switch, Default: "false", Usage: "keep no totals across restarts"},
		{Name: "month-start", Kind: Value, Arg: "DAY", Default: "1",
			Usage: "the billing month begins on DAY, 1-28, for Month, quotas and monthly totals"},
		{Name: "quota", Kind: List, Arg: "DEVICE=SIZE",
			Usage: "billing-month allowance of DEVICE, in and out together, e.g. eth0=1TB or wlan0=500GiB (repeatable); the header warns past 90 %"},
		{Name: "report", Kind: Switch, Default: "false",
			Usage: "print the kept totals and exit: winload --report [hourly|daily|monthly] [DEVICE...] (JSON with --json)"},
		{Name: "check-quota", Kind: Switch, Default: "false",
			Usage: "print how much of each --quota is used and exit, with status 1 when one is exceeded"},
		{Name: "listen", Kind: Value, Arg: "ADDR",
			Usage: "serve the counters to Prometheus at http://ADDR/metrics, ADDR such as 127.0.0.1:9101, :9101 or [::1]:9101"},
		{Name: "quiet", Short: "q", Kind: Switch, Default: "false",
			Usage: "run as a service: no screen and no output, only --listen and/or -f; exits on SIGTERM or Ctrl-C"},
		{Name: "config", Kind: Value, Arg: "FILE",
			Usage: "settings FILE, which must exist (default: winload/config.toml in the user's config folder, if it exists)"},
		{Name: "no-config", Kind: Switch, Default: "false", Usage: "read no settings file"},
		{Name: "remote", Kind: List, Arg: "[NAME=]URL",
			Usage: "also show the devices of the exporter at URL (node_exporter, windows_exporter, winload) as NAME/DEVICE (repeatable)"},
		{Name: "prometheus", Kind: Value, Arg: "URL",
			Usage: "also show the devices of every host the Prometheus server at URL scrapes, as INSTANCE/DEVICE"},
		{Name: "match", Kind: Value, Arg: "SELECTOR",
			Usage: "with --prometheus, only the series matching SELECTOR, e.g. '{job=\"node\"}'"},
		{Name: "npcap", Kind: Switch, Default: "false", Usage: "Windows: count loopback traffic by capturing it with Npcap"},
		{Name: "etw", Kind: Switch, Default: "false", Usage: "Windows (experimental): poll the loopback interface's own counters"},
		{Name: "debug-info", Kind: Switch, Default: "false", Usage: "print every interface, its addresses and counters, and exit"},
		{Name: "help", Short: "h", Kind: Switch, Default: "false", Usage: "show this help and exit"},
		{Name: "version", Short: "V", Kind: Switch, Default: "false", Usage: "show the version and exit"},
	}
}

// lookup returns the flag with the long name name.
func lookup(name string) (Flag, bool) {
	for _, f := range Table() {
		if f.Name == name {
			return f, true
		}
	}
	return Flag{}, false
}

// Names returns the long names of the settings, the keys a settings file
// may hold, in table order.
func Names() []string {
	var names []string
	for _, f := range Table() {
		if f.IsSetting() {
			names = append(names, f.Name)
		}
	}
	return names
}

// Rows returns the settings the options window shows, top to bottom.
func Rows() []Flag {
	var rows []Flag
	for _, f := range Table() {
		if f.Label != "" {
			rows = append(rows, f)
		}
	}
	return rows
}

// formatInterval writes an interval as milliseconds, or as a duration
// when it is not a whole number of them.
func formatInterval(d time.Duration) string {
	if d%time.Millisecond == 0 {
		return strconv.FormatInt(d.Milliseconds(), 10)
	}
	return d.String()
}

// colourText writes a colour as 0x and six hex digits (a string, not a
// number, in the settings file); the zero Color is def.
func colourText(c, def Color) string {
	if _, ok := c.RGB(); !ok {
		c = def
	}
	return "0x" + c.String()
}

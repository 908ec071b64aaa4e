package cli

import (
	"io"

	"github.com/spf13/pflag"
)

// flagValues holds the raw flag values before they are checked.
type flagValues struct {
	interval, average, device, unit, totalUnit, graph, bar string
	inColor, outColor, max, inMax, outMax, logFile, count  string
	configPath                                             string
	include, exclude                                       []string
	emoji, unicode, si, noGraph, multi, json, noConfig     bool
	npcap, etw, debugInfo, help, version                   bool
}

func newFlagSet(v *flagValues) *pflag.FlagSet {
	fs := pflag.NewFlagSet("winload", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.StringVarP(&v.interval, "interval", "t", "500", "refresh every `MS` milliseconds, 100-60000 (a unit such as 2s also works)")
	fs.StringVarP(&v.average, "average", "a", "300", "Avg is the rate over the last `SEC` seconds")
	fs.StringVarP(&v.device, "device", "d", "", "start on the device whose name matches `NAME` (case-insensitive, partial)")
	fs.StringArrayVar(&v.include, "include", nil, "list only devices matching `GLOB` (repeatable)")
	fs.StringArrayVar(&v.exclude, "exclude", nil, "hide devices matching `GLOB`, e.g. 'veth*' (repeatable)")
	fs.BoolVarP(&v.multi, "multi", "M", false, "show several devices at once (key m toggles)")
	fs.StringVarP(&v.unit, "unit", "u", "bit", "`UNIT` of rates: bit, byte, or nload's letters h H b B k K m M g G t T p P")
	fs.StringVar(&v.totalUnit, "total-unit", "H", "`UNIT` of Ttl, same choices as --unit")
	fs.BoolVar(&v.si, "si", false, "powers of 1000 (kB, Mbit) instead of 1024 (KiB, Mibit)")
	fs.StringVarP(&v.max, "max", "m", "", "fixed graph scale `VALUE` for both directions, e.g. 100M, 1Gbit, 12.5MiB (default: automatic)")
	fs.StringVarP(&v.inMax, "in-max", "i", "", "fixed scale `VALUE` of the incoming graph (syntax as --max)")
	fs.StringVarP(&v.outMax, "out-max", "o", "", "fixed scale `VALUE` of the outgoing graph (syntax as --max)")
	fs.StringVar(&v.graph, "graph", "ascii", "graph `STYLE`: ascii, unicode, block or braille")
	fs.BoolVarP(&v.unicode, "unicode", "U", false, "short for --graph unicode (█ ▓ ░ ·)")
	fs.StringVarP(&v.bar, "bar-style", "b", "fill", "bar `STYLE`: fill (solid colour), color (coloured characters) or plain")
	fs.StringVar(&v.inColor, "in-color", "0x00d7ff", "colour of incoming traffic, `HEX` RRGGBB or 0xRRGGBB")
	fs.StringVar(&v.outColor, "out-color", "0xffaf00", "colour of outgoing traffic, `HEX` RRGGBB or 0xRRGGBB")
	fs.BoolVarP(&v.emoji, "emoji", "e", false, "decorate the screen with emoji")
	fs.BoolVarP(&v.noGraph, "no-graph", "n", false, "show the statistics only")
	fs.StringVarP(&v.logFile, "file", "f", "", "append nload's traffic log format to `FILE`")
	fs.BoolVar(&v.json, "json", false, "write one JSON object per device per sample to standard output instead of drawing")
	fs.StringVar(&v.count, "count", "", "when writing text or JSON, exit after `N` samples")
	fs.StringVar(&v.configPath, "config", "", "settings `FILE` (default: winload/config.toml in the user's config folder)")
	fs.BoolVar(&v.noConfig, "no-config", false, "read no settings file")
	fs.BoolVar(&v.npcap, "npcap", false, "Windows: count loopback traffic by capturing it with Npcap")
	fs.BoolVar(&v.etw, "etw", false, "Windows (experimental): poll the loopback interface's own counters")
	fs.BoolVar(&v.debugInfo, "debug-info", false, "print every interface, its addresses and counters, and exit")
	fs.BoolVarP(&v.help, "help", "h", false, "show this help and exit")
	fs.BoolVarP(&v.version, "version", "V", false, "show the version and exit")
	return fs
}

package cli

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/units"
)

var linux = Env{GOOS: "linux"}

func TestParseDefaults(t *testing.T) {
	cfg, err := Parse(nil, linux)
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Settings
	if s.Interval != 500*time.Millisecond || s.Average != 300*time.Second || cfg.Stats().AvgSamples() != 600 {
		t.Errorf("windows %v/%v, want 500ms/300s", s.Interval, s.Average)
	}
	if !s.Rate.Bits || s.Total.Bits || s.Rate.SI || s.Rate.Prefix != units.Auto {
		t.Errorf("rates must default to automatic bits and totals to bytes: %+v %+v", s.Rate, s.Total)
	}
	if s.InColor != settings.RGB(0x00d7ff) || s.OutColor != settings.RGB(0xffaf00) || !s.Color {
		t.Errorf("colours %v %v", s.InColor, s.OutColor)
	}
	if s.Bar != settings.BarFill || s.InMax != 0 || s.Graph != settings.GraphASCII || s.Multi || cfg.Source.Mode != source.ModeNative {
		t.Errorf("unexpected defaults %+v", cfg)
	}
}

func TestParseValues(t *testing.T) {
	cfg, err := Parse([]string{"-t", "250", "-a", "30", "-d", "ETH", "-e", "-U", "-u", "byte", "-b", "plain",
		"--in-color", "#112233", "--out-color", "AABBCC", "-m", "1Gbit", "-n"}, linux)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Settings.Interval != 250*time.Millisecond || cfg.Settings.Average != 30*time.Second {
		t.Errorf("windows %v/%v", cfg.Settings.Interval, cfg.Settings.Average)
	}
	o := cfg.Settings.Options
	if cfg.Device != "ETH" || !o.Emoji || o.Graph != settings.GraphUnicode || o.Rate.Bits || o.Bar != settings.BarPlain || !o.NoGraph {
		t.Errorf("flags not applied: %+v %+v", cfg, o)
	}
	if o.InColor != settings.RGB(0x112233) || o.OutColor != settings.RGB(0xaabbcc) {
		t.Errorf("colours %v %v", o.InColor, o.OutColor)
	}
	if o.InMax != 125e6 || o.OutMax != 125e6 {
		t.Errorf("max %v/%v, want 125e6 bytes/s", o.InMax, o.OutMax)
	}
	cfg, err = Parse([]string{"--interval=2s", "--npcap"}, Env{GOOS: "windows"})
	if err != nil || cfg.Settings.Interval != 2*time.Second || cfg.Source.Mode != source.ModeNpcap {
		t.Errorf("got %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"-q", "--listen", "[::1]:9101"}, linux)
	if err != nil || !cfg.Quiet || cfg.Listen != "[::1]:9101" {
		t.Errorf("--quiet --listen: got %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"--quiet", "-f", "x.log"}, linux)
	if err != nil || !cfg.Quiet || cfg.Listen != "" {
		t.Errorf("--quiet -f: got %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"--etw"}, Env{GOOS: "windows"})
	if err != nil || cfg.Source.Mode != source.ModeETW {
		t.Errorf("got %+v, %v", cfg, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		args    []string
		goos    string
		mention []string
	}{
		{[]string{"-t", "abc"}, "linux", []string{"-t/--interval", "milliseconds"}},
		{[]string{"-t", "0"}, "linux", []string{"-t/--interval", "above zero"}},
		{[]string{"-t", "-5"}, "linux", []string{"-t/--interval", "above zero"}},
		{[]string{"-t", "10"}, "linux", []string{"-t/--interval", "too short"}},
		{[]string{"-t", "99999999999999999999999"}, "linux", []string{"-t/--interval", "too long"}},
		{[]string{"-t", "3600000"}, "linux", []string{"-t/--interval", "too long"}},
		{[]string{"-t", "1h"}, "linux", []string{"-t/--interval", "too long"}},
		{[]string{"-a", "x"}, "linux", []string{"-a/--average", "not a number"}},
		{[]string{"-a", "0"}, "linux", []string{"-a/--average", "above zero"}},
		{[]string{"-a", "-3"}, "linux", []string{"-a/--average", "above zero"}},
		{[]string{"-a", "NaN"}, "linux", []string{"-a/--average"}},
		{[]string{"-a", "1e12"}, "linux", []string{"-a/--average", "at most"}},
		{[]string{"-t", "2000", "-a", "1"}, "linux", []string{"-a/--average", "at least one interval"}},
		{[]string{"-u", "nibble"}, "linux", []string{"-u/--unit", "bit, byte"}},
		{[]string{"-b", "stripes"}, "linux", []string{"-b/--bar-style", "fill, color or plain"}},
		{[]string{"--in-color", "red"}, "linux", []string{"--in-color", "six hex digits"}},
		{[]string{"--out-color", "0xGGGGGG"}, "linux", []string{"--out-color", "hex digit"}},
		{[]string{"-m", "fast"}, "linux", []string{"-m/--max"}},
		{[]string{"-m", "0"}, "linux", []string{"-m/--max", "zero"}},
		{[]string{"-m", "10Q"}, "linux", []string{"-m/--max", "unknown unit"}},
		{[]string{"-m"}, "linux", []string{"--max", "needs a value"}},
		{[]string{"-d"}, "linux", []string{"--device", "needs a value"}},
		{[]string{"-d", " "}, "linux", []string{"-d/--device"}},
		{[]string{"--bogus"}, "linux", []string{"unknown flag", "--bogus"}},
		{[]string{"-z"}, "linux", []string{"unknown", "z"}},
		{[]string{"-u", "x"}, "linux", []string{"-u/--unit", "h H b B"}},
		{[]string{"--total-unit", "q"}, "linux", []string{"--total-unit"}},
		{[]string{"-i", "fast"}, "linux", []string{"-i/--in-max"}},
		{[]string{"-o", "0"}, "linux", []string{"-o/--out-max", "zero"}},
		{[]string{"--graph", "sixel"}, "linux", []string{"--graph", "ascii, unicode, block or braille"}},
		{[]string{"--graph", "block", "-U"}, "linux", []string{"-U/--unicode", `conflicts with --graph "block"`}},
		{[]string{"--exclude", "[a-"}, "linux", []string{"--exclude", "not a valid pattern"}},
		{[]string{"--include", "\\"}, "linux", []string{"--include"}},
		{[]string{"--count", "0"}, "linux", []string{"--count", "positive"}},
		{[]string{"--count", "ten"}, "linux", []string{"--count"}},
		{[]string{"-f", ""}, "linux", []string{"-f/--file"}},
		{[]string{"--config", ""}, "linux", []string{"--config"}},
		{[]string{"--npcap"}, "linux", []string{"--npcap", "Windows only", "Linux"}},
		{[]string{"--etw"}, "darwin", []string{"--etw", "Windows only", "macOS"}},
		{[]string{"--npcap", "--etw"}, "windows", []string{"--npcap and --etw exclude each other"}},
		{[]string{"-n=maybe"}, "linux", []string{"maybe"}},
		{[]string{"--listen", " "}, "linux", []string{"--listen", "127.0.0.1:9101"}},
		{[]string{"--quiet"}, "linux", []string{"--quiet", "--listen", "-f"}},
		{[]string{"-q", "--listen", ":9101", "--json"}, "linux", []string{"--quiet and --json"}},
	}
	for _, tt := range tests {
		_, err := Parse(tt.args, Env{GOOS: tt.goos})
		var usage *UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%v: err = %v, want a UsageError", tt.args, err)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") {
			t.Errorf("%v: message spans lines: %q", tt.args, msg)
		}
		for _, m := range tt.mention {
			if !strings.Contains(msg, m) {
				t.Errorf("%v: %q does not mention %q", tt.args, msg, m)
			}
		}
	}
}

func TestHelpAndVersionSkipValidation(t *testing.T) {
	cfg, err := Parse([]string{"-t", "junk", "-h"}, linux)
	if err != nil || !cfg.Help {
		t.Errorf("-h: %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"-V"}, linux)
	if err != nil || !cfg.Version {
		t.Errorf("-V: %+v, %v", cfg, err)
	}
}

func TestUsageMentionsEveryFlag(t *testing.T) {
	text := Usage()
	for _, f := range settings.Table() {
		if !strings.Contains(text, "--"+f.Name) {
			t.Errorf("usage lacks --%s", f.Name)
		}
	}
	for _, want := range []string{"bare prefix means binary bytes", "Examples:", "Keys:", "NO_COLOR"} {
		if !strings.Contains(text, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}

// FuzzParse feeds whole command lines (words separated by spaces) to
// Parse: it must never panic, and every rejection is a one-line
// UsageError that names what was wrong.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"-t 250 -a 5 -u byte eth0",
		"-u K --total-unit M --si -i 10M -o 1Gbit",
		"--graph braille -M --include veth* --exclude docker*",
		"-m 12.5MiB -b color --in-color #00ff00",
		"--count 3 --json -f /tmp/x.log",
		"-t 5", "--npcap --etw", "-U --graph block", "-- -d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		_, err := Parse(append([]string{"--no-config"}, args...), Env{GOOS: "linux"})
		if err == nil {
			return
		}
		var usage *UsageError
		if !errors.As(err, &usage) {
			t.Fatalf("Parse(%q): %v is not a UsageError", args, err)
		}
		if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
			t.Fatalf("Parse(%q): message %q is empty or spans lines", args, msg)
		}
	})
}

package cli

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/spf13/pflag"

	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/ui"
)

func TestParseDefaults(t *testing.T) {
	cfg, err := Parse(nil, "linux")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Stats.Interval != 500*time.Millisecond || cfg.Stats.Average != 300*time.Second {
		t.Errorf("windows %v/%v, want 500ms/300s", cfg.Stats.Interval, cfg.Stats.Average)
	}
	if !cfg.UI.Rate.Bits || cfg.UI.Total.Bits {
		t.Errorf("rates must default to bits and totals to bytes: %+v %+v", cfg.UI.Rate, cfg.UI.Total)
	}
	if cfg.UI.InColor != tcell.NewHexColor(0x00d7ff) || cfg.UI.OutColor != tcell.NewHexColor(0xffaf00) {
		t.Errorf("colours %v %v", cfg.UI.InColor, cfg.UI.OutColor)
	}
	if cfg.UI.Bar != ui.BarFill || cfg.UI.InMax != 0 || cfg.Source.Mode != source.ModeNative {
		t.Errorf("unexpected defaults %+v", cfg)
	}
}

func TestParseValues(t *testing.T) {
	cfg, err := Parse([]string{"-t", "250", "-a", "30", "-d", "ETH", "-e", "-U", "-u", "byte", "-b", "plain",
		"--in-color", "#112233", "--out-color", "AABBCC", "-m", "1Gbit", "-n"}, "linux")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Stats.Interval != 250*time.Millisecond || cfg.Stats.Average != 30*time.Second {
		t.Errorf("windows %v/%v", cfg.Stats.Interval, cfg.Stats.Average)
	}
	o := cfg.UI
	if cfg.Device != "ETH" || !o.Emoji || !o.Unicode || o.Rate.Bits || o.Bar != ui.BarPlain || !o.NoGraph {
		t.Errorf("flags not applied: %+v %+v", cfg, o)
	}
	if o.InColor != tcell.NewHexColor(0x112233) || o.OutColor != tcell.NewHexColor(0xaabbcc) {
		t.Errorf("colours %v %v", o.InColor, o.OutColor)
	}
	if o.InMax != 125e6 || o.OutMax != 125e6 {
		t.Errorf("max %v/%v, want 125e6 bytes/s", o.InMax, o.OutMax)
	}
	cfg, err = Parse([]string{"--interval=2s", "--npcap"}, "windows")
	if err != nil || cfg.Stats.Interval != 2*time.Second || cfg.Source.Mode != source.ModeNpcap {
		t.Errorf("got %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"--etw"}, "windows")
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
		{[]string{"-u", "nibble"}, "linux", []string{"-u/--unit", "bit or byte"}},
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
		{[]string{"eth0"}, "linux", []string{"unexpected argument", "eth0"}},
		{[]string{"--npcap"}, "linux", []string{"--npcap", "Windows only", "Linux"}},
		{[]string{"--etw"}, "darwin", []string{"--etw", "Windows only", "macOS"}},
		{[]string{"--npcap", "--etw"}, "windows", []string{"--npcap and --etw exclude each other"}},
		{[]string{"-n=maybe"}, "linux", []string{"maybe"}},
	}
	for _, tt := range tests {
		_, err := Parse(tt.args, tt.goos)
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
	cfg, err := Parse([]string{"-t", "junk", "-h"}, "linux")
	if err != nil || !cfg.Help {
		t.Errorf("-h: %+v, %v", cfg, err)
	}
	cfg, err = Parse([]string{"-V"}, "linux")
	if err != nil || !cfg.Version {
		t.Errorf("-V: %+v, %v", cfg, err)
	}
}

func TestUsageMentionsEveryFlag(t *testing.T) {
	text := Usage()
	var v flagValues
	fs := newFlagSet(&v)
	fs.VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(text, "--"+f.Name) {
			t.Errorf("usage lacks --%s", f.Name)
		}
	})
	for _, want := range []string{"bare prefix means binary bytes", "Examples:", "Keys:", "NO_COLOR"} {
		if !strings.Contains(text, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}

func TestParseColor(t *testing.T) {
	good := map[string]uint32{"00d7ff": 0x00d7ff, "0x00D7FF": 0x00d7ff, "#ffaf00": 0xffaf00, "0XABCDEF": 0xabcdef, " 123456 ": 0x123456}
	for in, want := range good {
		if got, err := ParseColor(in); err != nil || got != want {
			t.Errorf("ParseColor(%q) = %x, %v; want %x", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0x", "#12345", "1234567", "zzzzzz", "0x-12345", "+12345", "12 456", "ｆｆｆｆｆｆ"} {
		if _, err := ParseColor(in); err == nil {
			t.Errorf("ParseColor(%q): want error", in)
		}
	}
}

func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"00d7ff", "0xffaf00", "#123456", "", "0x", "gggggg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseColor(s)
		if err != nil {
			return
		}
		if v > 0xffffff {
			t.Fatalf("ParseColor(%q) = %x, more than 24 bits", s, v)
		}
	})
}

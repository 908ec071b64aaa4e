package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/units"
)

func TestUnitLetters(t *testing.T) {
	tests := []struct {
		args        []string
		rate, total units.Format
	}{
		{[]string{"-u", "h"}, units.Format{Bits: true}, units.Format{}},
		{[]string{"-u", "H"}, units.Format{}, units.Format{}},
		{[]string{"-u", "k", "--total-unit", "M"}, units.Format{Bits: true, Prefix: units.Kilo}, units.Format{Prefix: units.Mega}},
		{[]string{"-u", "G", "--total-unit", "g"}, units.Format{Prefix: units.Giga}, units.Format{Bits: true, Prefix: units.Giga}},
		{[]string{"-u", "b", "--total-unit", "B"}, units.Format{Bits: true, Prefix: units.None}, units.Format{Prefix: units.None}},
		{[]string{"-u", "T", "--si"}, units.Format{Prefix: units.Tera, SI: true}, units.Format{SI: true}},
		{[]string{"-u", "p", "--total-unit", "P"}, units.Format{Bits: true, Prefix: units.Peta}, units.Format{Prefix: units.Peta}},
		{[]string{"-u", "byte", "--si"}, units.Format{SI: true}, units.Format{SI: true}},
	}
	for _, tt := range tests {
		cfg, err := Parse(tt.args, linux)
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if cfg.Settings.Rate != tt.rate || cfg.Settings.Total != tt.total {
			t.Errorf("%v: rate %+v total %+v, want %+v %+v", tt.args, cfg.Settings.Rate, cfg.Settings.Total, tt.rate, tt.total)
		}
	}
}

func TestDevicesFiltersAndScales(t *testing.T) {
	cfg, err := Parse([]string{"eth0", "wlan0", "--exclude", "veth*", "--exclude", "docker*", "--include", "e*",
		"-m", "100M", "-o", "1Gbit", "-M", "--graph", "braille", "-f", "x.log", "--json", "--count", "3"}, linux)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cfg.Filter.Names, ",") != "eth0,wlan0" || strings.Join(cfg.Filter.Exclude, ",") != "veth*,docker*" || cfg.Filter.Include[0] != "e*" {
		t.Errorf("filter %+v", cfg.Filter)
	}
	o := cfg.Settings.Options
	if o.InMax != 100*1024*1024 || o.OutMax != 125e6 || !o.Multi || o.Graph != settings.GraphBraille {
		t.Errorf("options %+v", o)
	}
	if cfg.LogFile != "x.log" || !cfg.JSON || cfg.Count != 3 {
		t.Errorf("output %+v", cfg)
	}
	cfg, _ = Parse(nil, Env{GOOS: "linux", NoColor: true})
	if cfg.Settings.Color {
		t.Error("NO_COLOR must turn colours off")
	}
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), config.FileName)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Precedence: flags, then the settings file, then defaults.
func TestSettingsFilePrecedence(t *testing.T) {
	path := writeConfig(t, "interval = 250\nunit = 'byte'\ngraph = 'block'\nmulti = true\n")
	cfg, err := Parse([]string{"-t", "1000"}, Env{GOOS: "linux", ConfigPath: path})
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Settings
	if s.Interval != time.Second || s.Rate.Bits || s.Graph != settings.GraphBlock || !s.Multi || s.Average != 300*time.Second {
		t.Errorf("settings %+v", s)
	}
	if cfg.File == nil || cfg.File.Path != path {
		t.Errorf("file %+v", cfg.File)
	}
	cfg, err = Parse([]string{"--no-config"}, Env{GOOS: "linux", ConfigPath: path})
	if err != nil || cfg.Settings.Interval != 500*time.Millisecond || cfg.File != nil {
		t.Errorf("--no-config: %+v %v", cfg.Settings, err)
	}
	other := writeConfig(t, "interval = 2000\n")
	cfg, err = Parse([]string{"--config", other}, Env{GOOS: "linux", ConfigPath: path})
	if err != nil || cfg.Settings.Interval != 2*time.Second {
		t.Errorf("--config: %+v %v", cfg.Settings, err)
	}
	cfg, err = Parse(nil, Env{GOOS: "linux", ConfigPath: filepath.Join(t.TempDir(), "none.toml")})
	if err != nil || cfg.File == nil {
		t.Errorf("a missing settings file is fine: %v", err)
	}
}

func TestSettingsFileErrorsNameFileAndLine(t *testing.T) {
	tests := []struct{ text, mention string }{
		{"# ok\ninterval = 5\n", `line 2: -t/--interval: "5" is too short`},
		{"unit = 'nibble'\n", "line 1: -u/--unit"},
		{"\n\nsi = 'yes'\n", "line 3: --si"},
		{"device = 'eth0'\n", "line 1: \"device\" is not a setting"},
		{"colour = 1\n", "not a setting"},
		{"interval = \n", "line 1"},
	}
	for _, tt := range tests {
		path := writeConfig(t, tt.text)
		_, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path})
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%q: %v, want it to name the file and %q", tt.text, err, tt.mention)
		}
	}
}

// What the options window saves reads back as the same settings.
func TestEntriesRoundTrip(t *testing.T) {
	cfg, err := Parse([]string{"-t", "250", "-a", "42.5", "-u", "K", "--total-unit", "g", "--si", "-i", "10M", "-o", "1Gbit",
		"--graph", "braille", "-b", "color", "--in-color", "123456", "-e", "-n", "-M"}, linux)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), config.FileName)
	file, _ := config.Load(path)
	if err := file.Save(Entries(cfg.Settings)); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path})
	if err != nil {
		t.Fatal(err)
	}
	if back.Settings != cfg.Settings {
		t.Errorf("round trip\n got %+v\nwant %+v", back.Settings, cfg.Settings)
	}
}

package cli

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/settings"
)

// Flags win over the file, also where two keys set one thing.
func TestFlagsWinOverFile(t *testing.T) {
	tests := []struct {
		file  string
		args  []string
		check func(s settings.Settings) bool
	}{
		{"unicode = true\n", []string{"--graph", "braille"}, func(s settings.Settings) bool { return s.Graph == settings.GraphBraille }},
		{"graph = 'block'\n", []string{"-U"}, func(s settings.Settings) bool { return s.Graph == settings.GraphUnicode }},
		{"unicode = true\ngraph = 'block'\n", []string{"--graph", "ascii"}, func(s settings.Settings) bool { return s.Graph == settings.GraphASCII }},
		{"unicode = false\ngraph = 'unicode'\n", nil, func(s settings.Settings) bool { return s.Graph == settings.GraphUnicode }},
		{"in-max = '10M'\n", []string{"-m", "1Gbit"}, func(s settings.Settings) bool { return s.InMax == 125e6 && s.OutMax == 125e6 }},
		{"max = '1Gbit'\n", []string{"-i", "10M"}, func(s settings.Settings) bool { return s.InMax == 10<<20 && s.OutMax == 125e6 }},
		{"interval = 5\n", []string{"-t", "250"}, func(s settings.Settings) bool { return s.Interval == 250*time.Millisecond }},
		{"si = true\n", []string{"-u", "byte"}, func(s settings.Settings) bool { return s.Rate.SI && !s.Rate.Bits }},
		{"average = 1\n", []string{"-t", "2000", "-a", "5"}, func(s settings.Settings) bool { return s.Average == 5*time.Second }},
	}
	for _, tt := range tests {
		path := writeConfig(t, tt.file)
		cfg, err := Parse(tt.args, Env{GOOS: "linux", ConfigPath: path})
		if err != nil || !tt.check(cfg.Settings) {
			t.Errorf("file %q, flags %q: %+v, %v", tt.file, tt.args, cfg.Settings, err)
		}
	}
	// The rules still hold within one source.
	path := writeConfig(t, "unicode = true\ngraph = 'block'\n")
	if _, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("conflict inside the file: %v", err)
	}
	path = writeConfig(t, "interval = 2000\n")
	if _, err := Parse([]string{"-a", "1"}, Env{GOOS: "linux", ConfigPath: path}); err == nil || !strings.Contains(err.Error(), "-a/--average") {
		t.Errorf("average below the file's interval: %v", err)
	}
}

func TestExplicitConfigMustExist(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.toml")
	_, err := Parse([]string{"--config", missing}, linux)
	var usage *UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("--config naming a missing file: %v", err)
	}
	if _, err := Parse(nil, Env{GOOS: "linux", ConfigPath: missing}); err != nil {
		t.Errorf("a missing default file: %v", err)
	}
	if _, err := Parse([]string{"--no-config", "--config", missing}, linux); !errors.As(err, &usage) || !strings.Contains(err.Error(), "exclude each other") {
		t.Errorf("--config with --no-config: %v", err)
	}
}

func TestConfigFileValues(t *testing.T) {
	path := writeConfig(t, "in-color = 0xff0000\nout-color = '#00ff00'\nin-max = 1000\n")
	cfg, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Settings.InColor != settings.RGB(0xff0000) || cfg.Settings.OutColor != settings.RGB(0x00ff00) {
		t.Errorf("colours %v %v", cfg.Settings.InColor, cfg.Settings.OutColor)
	}
	if cfg.Settings.InMax != 1000*1024/8 {
		t.Errorf("in-max = 1000 is %v bytes/s, want 1000 kbit/s", cfg.Settings.InMax)
	}
}

// A huge bad value is quoted as a short excerpt.
func TestBadValuesQuotedShort(t *testing.T) {
	huge := strings.Repeat("x", 100000)
	for _, args := range [][]string{
		{"-u", huge}, {"-t", huge}, {"-a", huge}, {"-m", huge}, {"-m", "1" + huge}, {"--in-color", huge},
		{"--graph", huge}, {"-b", huge}, {"--count", huge}, {"--" + huge}, {"-n=" + huge},
		{"--include", "[" + huge}, {"--exclude", "[" + huge},
	} {
		_, err := Parse(args, linux)
		if err == nil || len(err.Error()) > 300 {
			t.Errorf("%.20q: %d bytes: %.300v", args, len(err.Error()), err)
		}
	}
	path := writeConfig(t, "unit = '"+huge+"'\n")
	if _, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path}); err == nil || len(err.Error()) > 300+len(path) {
		t.Errorf("file: %.300v", err)
	}
	path = writeConfig(t, huge+" = 1\n")
	if _, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path}); err == nil || len(err.Error()) > 400+len(path) {
		t.Errorf("file key: %.400v", err)
	}
}

// nload's habits: a bare -i/-o number is kbit/s; -m and -U mean other
// things here and say so.
func TestNloadHabits(t *testing.T) {
	cfg, err := Parse([]string{"-i", "1000", "-o", "10240"}, linux)
	if err != nil || cfg.Settings.InMax != 128000 || cfg.Settings.OutMax != 10240*128 {
		t.Errorf("-i 1000 -o 10240: %v %v, %v", cfg.Settings.InMax, cfg.Settings.OutMax, err)
	}
	cfg, err = Parse([]string{"-i", "10M", "-o", "8Mbit"}, linux)
	if err != nil || cfg.Settings.InMax != 10<<20 || cfg.Settings.OutMax != 1e6 {
		t.Errorf("values with units: %v %v, %v", cfg.Settings.InMax, cfg.Settings.OutMax, err)
	}
	for _, args := range [][]string{{"-m"}, {"-m", "lo"}, {"-m", "eth0", "wlan0"}} {
		_, err := Parse(args, linux)
		if err == nil || !strings.Contains(err.Error(), "-m is --max here; nload's -m (several devices) is -M") {
			t.Errorf("%q: %v", args, err)
		}
	}
	for _, args := range [][]string{{"-U", "G"}, {"eth0", "-U", "M"}} {
		_, err := Parse(args, linux)
		if err == nil || !strings.Contains(err.Error(), "-U is --unicode here; nload's -U is --total-unit") {
			t.Errorf("%q: %v", args, err)
		}
	}
	if cfg, err := Parse([]string{"-U", "eth0"}, linux); err != nil || cfg.Settings.Graph != settings.GraphUnicode {
		t.Errorf("-U before a device: %v", err)
	}
}

// Saving writes every setting but the two shorthands, max and unicode
// (written as in-max, out-max and graph): a setting added to the table
// without a way to save it fails here.
func TestEntriesCoverTheTable(t *testing.T) {
	keys := map[string]bool{}
	for _, e := range Entries(settings.Defaults()) {
		keys[e.Key] = true
	}
	for _, f := range settings.Table() {
		shorthand := f.Name == "max" || f.Name == "unicode"
		switch {
		case !f.IsSetting() && keys[f.Name]:
			t.Errorf("Entries writes %s, which is no setting", f.Name)
		case f.IsSetting() && !shorthand && !keys[f.Name]:
			t.Errorf("Entries does not write %s", f.Name)
		case shorthand && keys[f.Name]:
			t.Errorf("Entries writes the shorthand %s", f.Name)
		}
	}
}

// Whatever the options window makes, F5 saves a file that the next start
// accepts and reads as the same settings (with -t 20000 -a 30, stepping
// Avg down once made a file the next start refused).
func TestWindowEditsSaveLoadable(t *testing.T) {
	starts := [][]string{
		{"-t", "20000", "-a", "30"}, {"-t", "100", "-a", "0.1"}, {"-t", "60000", "-a", "86400"},
		{"-a", "1"}, {"-u", "T", "--si", "-i", "3.3Gbit", "--in-color", "000123", "--out-color", "#000000"}, {"-U", "-m", "1", "-M"},
	}
	rows := settings.Rows()
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for i, args := range starts {
		cfg, err := Parse(args, linux)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		for trial := range 50 {
			orig, edit := cfg.Settings, cfg.Settings
			for range 12 {
				r := rows[rng.IntN(len(rows))]
				r.Step(&edit, &orig, []int{-1, 1}[rng.IntN(2)])
			}
			path := filepath.Join(dir, "c", strings.Repeat("x", i+1), string(rune('a'+trial%26))+".toml")
			os.Remove(path)
			file, _ := config.Load(path)
			if err := file.Save(Entries(edit)); err != nil {
				t.Fatal(err)
			}
			back, err := Parse(nil, Env{GOOS: "linux", ConfigPath: path})
			if err != nil {
				data, _ := os.ReadFile(path)
				t.Fatalf("from %q: the next start refuses the saved file: %v\n%s", args, err, data)
			}
			if back.Settings != edit {
				t.Fatalf("from %q: read back\n %+v\nsaved\n %+v", args, back.Settings, edit)
			}
		}
	}
}

// FuzzSettingsFile feeds a command line and a settings file to Parse:
// it must never panic, every rejection is a one-line UsageError, and
// what it accepts saves (F5) into a file that reads back as the same
// settings.
func FuzzSettingsFile(f *testing.F) {
	f.Add("-t 250", "unit = 'byte'\nunicode = true\n")
	f.Add("--graph braille", "unicode = true\nin-color = 0xff0000\n")
	f.Add("-m 1Gbit", "in-max = 1000\nout-max = '10M'\nsi = true\n")
	f.Add("-t 20000 -a 30", "average = 10\n")
	f.Add("", "[display]\ngraph = 'block'\n")
	f.Add("-i 3.3", "average = 0.3\ninterval = '100.5ms'\n")
	f.Fuzz(func(t *testing.T, line, text string) {
		dir := t.TempDir()
		path := filepath.Join(dir, "in.toml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Parse(strings.Fields(line), Env{GOOS: "linux", ConfigPath: path})
		if err != nil {
			var usage *UsageError
			if !errors.As(err, &usage) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q with %q: %v is not a one-line UsageError", line, text, err)
			}
			return
		}
		if cfg.Help || cfg.Version {
			return
		}
		out := filepath.Join(dir, "out.toml")
		file, _ := config.Load(out)
		if err := file.Save(Entries(cfg.Settings)); err != nil {
			t.Fatal(err)
		}
		back, err := Parse(nil, Env{GOOS: "linux", ConfigPath: out})
		if err != nil {
			data, _ := os.ReadFile(out)
			t.Fatalf("%q with %q: the saved file is refused: %v\n%s", line, text, err, data)
		}
		if back.Settings != cfg.Settings {
			t.Fatalf("%q with %q: read back\n %+v\nsaved\n %+v", line, text, back.Settings, cfg.Settings)
		}
	})
}

// --talkers takes no value, or capture or sockets; the file takes the same.
func TestTalkersSource(t *testing.T) {
	tests := []struct {
		file    string
		args    []string
		on      bool
		source  string
		wantErr string
	}{
		{"", nil, false, "", ""},
		{"", []string{"--talkers"}, true, "", ""},
		{"", []string{"--talkers", "eth0"}, true, "", ""},
		{"", []string{"--talkers=capture"}, true, "capture", ""},
		{"", []string{"--talkers=SOCKETS"}, true, "sockets", ""},
		{"", []string{"--talkers=false"}, false, "", ""},
		{"talkers = 'capture'\n", nil, true, "capture", ""},
		{"talkers = 'capture'\n", []string{"--talkers=false"}, false, "", ""},
		{"talkers = true\n", []string{"--talkers=sockets"}, true, "sockets", ""},
		{"", []string{"--talkers=pcap"}, false, "", `--talkers: "pcap" is not true, false, capture or sockets`},
		{"talkers = 'pcap'\n", nil, false, "", "line 1"},
	}
	for _, tt := range tests {
		env := linux
		if tt.file != "" {
			env = Env{GOOS: "linux", ConfigPath: writeConfig(t, tt.file)}
		}
		cfg, err := Parse(tt.args, env)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("file %q, flags %q: error %v, want one saying %q", tt.file, tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || cfg.Settings.Talkers != tt.on || cfg.Settings.TalkersSource != tt.source {
			t.Errorf("file %q, flags %q: talkers %v source %q (%v), want %v %q", tt.file, tt.args, cfg.Settings.Talkers, cfg.Settings.TalkersSource, err, tt.on, tt.source)
		}
	}
	// Saving writes the source back.
	var s settings.Settings
	for _, f := range settings.Table() {
		if f.Name != "talkers" {
			continue
		}
		if err := f.Set(&s, "capture"); err != nil {
			t.Fatal(err)
		}
		if v, _ := f.Get(&s); v != "capture" {
			t.Errorf("saved as %q, want capture", v)
		}
	}
}

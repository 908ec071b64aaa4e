package settings

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/units"
)

// stepN steps the setting name of a window opened on s n times by delta.
func stepN(t *testing.T, s Settings, name string, delta, n int) Settings {
	t.Helper()
	f, ok := lookup(name)
	if !ok || f.Label == "" {
		t.Fatalf("%s is no row of the options window", name)
	}
	e := s
	for range n {
		f.Step(&e, &s, delta)
	}
	return e
}

// shown is the value of setting name in s as the window shows it.
func shown(s Settings, name string) string {
	f, _ := lookup(name)
	return string(f.AppendShown(nil, &s))
}

func TestStepInterval(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		start        time.Duration
		delta, times int
		want         time.Duration
	}{
		{500 * ms, 1, 1, time.Second},
		{500 * ms, -1, 1, 250 * ms},
		{500 * ms, -1, 10, 100 * ms}, // stops at the first preset
		{500 * ms, 1, 10, 5 * time.Second},
		{7 * time.Second, -1, 1, 5 * time.Second}, // the value at opening is kept as a step
		{7 * time.Second, 1, 1, 7 * time.Second},  // and it is the last
		{300 * ms, -1, 1, 250 * ms},               // between presets
		{300 * ms, 1, 1, 500 * ms},                // ...
		{50 * ms, 1, 1, 100 * ms},                 // below all presets
		{time.Millisecond, 1, 2, 200 * ms},        // ...
		{50 * ms, -1, 1, 50 * ms},                 // the lowest
		{time.Hour, -1, 1, 5 * time.Second},       // an invalid value at opening is no step
		{time.Hour, 1, 1, time.Hour},
	}
	for _, tt := range tests {
		s := Defaults()
		s.Interval = tt.start
		if got := stepN(t, s, "interval", tt.delta, tt.times).Interval; got != tt.want {
			t.Errorf("from %v, %d x %+d: %v, want %v", tt.start, tt.times, tt.delta, got, tt.want)
		}
	}
}

func TestStepAverage(t *testing.T) {
	s := Defaults()
	if got := stepN(t, s, "average", 1, 1).Average; got != 10*time.Minute {
		t.Errorf("300 s + 1 = %v", got)
	}
	if got := stepN(t, s, "average", -1, 20).Average; got != 10*time.Second {
		t.Errorf("300 s - 20 = %v", got)
	}
	s.Average = 45 * time.Second
	if got := stepN(t, s, "average", 1, 1).Average; got != time.Minute {
		t.Errorf("45 s + 1 = %v", got)
	}
}

// The window applies the command line's rules: with -t 20000 -a 30 the
// average cannot go below one interval, and the interval cannot grow
// past the average window.
func TestStepKeepsTheRules(t *testing.T) {
	s := Defaults()
	s.Interval, s.Average = 20*time.Second, 30*time.Second
	if got := stepN(t, s, "average", -1, 3); got.Average != 30*time.Second || Check(&got) != nil {
		t.Errorf("-t 20000 -a 30, Avg down: %v (%v), want 30s", got.Average, Check(&got))
	}
	s.Interval, s.Average = 500*time.Millisecond, time.Second
	if got := stepN(t, s, "interval", 1, 5); got.Interval != time.Second || Check(&got) != nil {
		t.Errorf("-a 1, interval up: %v (%v), want 1s", got.Interval, Check(&got))
	}
}

func TestStepUnits(t *testing.T) {
	s := Defaults()
	var seen []string
	e := s
	f, _ := lookup("unit")
	for range len(unitChoices()) + 1 {
		seen = append(seen, shown(e, "unit"))
		f.Step(&e, &s, 1)
	}
	want := []string{"auto bits", "auto bytes", "bit", "Kibit", "Mibit", "Gibit", "B", "KiB", "MiB", "GiB", "auto bits"}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("Right through the units: %q, want %q", seen, want)
		}
	}
	if got := shown(stepN(t, s, "unit", -1, 1), "unit"); got != "GiB" {
		t.Errorf("Left from the first unit: %q, want GiB (wrapping)", got)
	}

	s.Total = units.Format{SI: true, Prefix: units.Tera}
	e = stepN(t, s, "total-unit", 1, 1)
	if e.Total != (units.Format{Bits: true, SI: true}) {
		t.Errorf("Right from TB (not a preset, so last) = %+v, want auto bits (wrapped)", e.Total)
	}
	g, _ := lookup("total-unit")
	g.Step(&e, &s, -1)
	if got := shown(e, "total-unit"); got != "TB" {
		t.Errorf("Left back = %q, want TB (the value at opening)", got)
	}
}

func TestStepSIToggles(t *testing.T) {
	s := Defaults()
	got := stepN(t, s, "si", 1, 1)
	if !got.Rate.SI || !got.Total.SI {
		t.Errorf("SI on: rate %v total %v", got.Rate.SI, got.Total.SI)
	}
	if got := stepN(t, s, "si", -1, 2); got.Rate.SI || got.Total.SI {
		t.Error("SI toggled twice is not off")
	}
}

func TestStepScale(t *testing.T) {
	s := Defaults()
	if got := stepN(t, s, "in-max", 1, 1).InMax; got != 1024*1024/8 {
		t.Errorf("auto + 1 = %v, want 1 Mibit/s in bytes", got)
	}
	if got := stepN(t, s, "out-max", 1, 100).OutMax; got != 10*1024*1024*1024/8 {
		t.Errorf("auto + 100 = %v, want 10 Gibit/s in bytes", got)
	}
	if got := stepN(t, s, "in-max", -1, 1).InMax; got != 0 {
		t.Errorf("auto - 1 = %v, want auto", got)
	}
	s.Rate.SI = true
	if got := stepN(t, s, "in-max", 1, 1).InMax; got != 125000 {
		t.Errorf("SI: auto + 1 = %v, want 1 Mbit/s in bytes", got)
	}
	s = Defaults()
	s.OutMax = 100 * 1024 * 1024 // 100 MiB/s = 800 Mibit/s, not a preset
	e := stepN(t, s, "out-max", 1, 1)
	if e.OutMax != 1024*1024*1024/8 {
		t.Errorf("800 Mibit/s + 1 = %v, want 1 Gibit/s", e.OutMax)
	}
	f, _ := lookup("out-max")
	f.Step(&e, &s, -1)
	if e.OutMax != s.OutMax {
		t.Errorf("and back = %v, want the value at opening", e.OutMax)
	}
	if got := shown(e, "out-max"); got != "800.00 Mibit/s" {
		t.Errorf("shown as %q", got)
	}
	if got := shown(e, "in-max"); got != "auto" {
		t.Errorf("automatic scale shown as %q", got)
	}
}

func TestStepChoicesWrap(t *testing.T) {
	s := Defaults()
	if got := stepN(t, s, "graph", 1, 3).Graph; got != GraphBraille {
		t.Errorf("graph + 3 = %v", got)
	}
	if got := stepN(t, s, "graph", 1, 4).Graph; got != GraphASCII {
		t.Errorf("graph + 4 = %v, want ascii (wrapped)", got)
	}
	if got := stepN(t, s, "bar-style", -1, 1).Bar; got != BarPlain {
		t.Errorf("bar - 1 = %v, want plain (wrapped)", got)
	}
	if got := stepN(t, s, "multi", 1, 1).Multi; !got {
		t.Error("multi + 1 is not on")
	}
}

func TestShownValues(t *testing.T) {
	s := Defaults()
	s.Interval = 1500 * time.Microsecond
	s.Average = 90 * time.Second
	s.Graph, s.Bar = GraphBlock, BarColor
	want := map[string]string{
		"interval": "1.5 ms", "average": "90 s", "unit": "auto bits", "total-unit": "auto bytes",
		"si": "off", "in-max": "auto", "graph": "block", "bar-style": "color", "multi": "off",
	}
	for name, v := range want {
		if got := shown(s, name); got != v {
			t.Errorf("%s shown as %q, want %q", name, got, v)
		}
	}
}

func TestStyleNames(t *testing.T) {
	for g, want := range []string{"ascii", "unicode", "block", "braille"} {
		if got := GraphStyle(g).String(); got != want {
			t.Errorf("GraphStyle(%d) = %q, want %q", g, got, want)
		}
	}
	for b, want := range []string{"fill", "color", "plain"} {
		if got := BarStyle(b).String(); got != want {
			t.Errorf("BarStyle(%d) = %q, want %q", b, got, want)
		}
	}
}

// Saved values read back exactly: an average is rounded to the
// nanosecond, not truncated (1.001 s was 1.000999999 s).
func TestSavedValuesReadBack(t *testing.T) {
	for _, text := range []string{"0.3", "1.000000001", "86400", "42.5", "0.1"} {
		f, _ := lookup("average")
		var s Settings
		if err := f.Set(&s, text); err != nil {
			t.Fatal(err)
		}
		saved, _ := f.Get(&s)
		var back Settings
		if err := f.Set(&back, saved); err != nil || back.Average != s.Average {
			t.Errorf("average %s: saved %q, read back %v, want %v (%v)", text, saved, back.Average, s.Average, err)
		}
	}
	var s Settings
	if f, _ := lookup("average"); f.Set(&s, "1.001") != nil || s.Average != 1001*time.Millisecond {
		t.Errorf("1.001 s = %v", s.Average)
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		text string
		want float64
	}{
		{"1000", 128000}, {"0.5", 64}, {".5", 64}, {"1e3", 128000}, {"10240", 10 << 20 / 8},
		{"auto", 0}, {"AUTO", 0}, {"", 0}, {"100M", 100 << 20}, {"1Gbit", 125e6}, {"8kbit", 1000},
	}
	for _, tt := range tests {
		if got, err := parseRate(tt.text); err != nil || got != tt.want {
			t.Errorf("parseRate(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
	for _, bad := range []string{"0", "-5", "lo", "1e400", "0x10", "Inf", "NaN", "1_000"} {
		if _, err := parseRate(bad); err == nil {
			t.Errorf("parseRate(%q): want an error", bad)
		}
	}
}

package ui

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/units"
)

// stepN steps field f of a window opened on s n times by delta.
func stepN(s Settings, f field, delta, n int) Settings {
	w := newOptionsWindow(s)
	w.sel = f
	for range n {
		w.step(delta)
	}
	return w.edit
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
		{time.Hour, -1, 1, 5 * time.Second}, // the value at opening is kept as a step
		{time.Hour, 1, 1, time.Hour},        // and it is the last
		{300 * ms, -1, 1, 250 * ms},         // between presets
		{300 * ms, 1, 1, 500 * ms},          // ...
		{50 * ms, 1, 1, 100 * ms},           // below all presets
		{time.Millisecond, 1, 2, 200 * ms},  // ...
		{50 * ms, -1, 1, 50 * ms},           // the lowest
		{7 * time.Second, -1, 1, 5 * time.Second},
	}
	for _, tt := range tests {
		s := testSettings(DefaultOptions())
		s.Interval = tt.start
		if got := stepN(s, fieldInterval, tt.delta, tt.times).Interval; got != tt.want {
			t.Errorf("from %v, %d x %+d: %v, want %v", tt.start, tt.times, tt.delta, got, tt.want)
		}
	}
}

func TestStepBackToTheValueAtOpening(t *testing.T) {
	s := testSettings(DefaultOptions())
	s.Interval = 300 * time.Millisecond
	w := newOptionsWindow(s)
	w.step(1)
	w.step(-1)
	if w.edit.Interval != 300*time.Millisecond || w.changed() {
		t.Errorf("after Right, Left: %v (changed %v), want the value at opening", w.edit.Interval, w.changed())
	}
}

func TestStepAverage(t *testing.T) {
	s := testSettings(DefaultOptions())
	if got := stepN(s, fieldAverage, 1, 1).Average; got != 10*time.Minute {
		t.Errorf("300 s + 1 = %v", got)
	}
	if got := stepN(s, fieldAverage, -1, 20).Average; got != 10*time.Second {
		t.Errorf("300 s - 20 = %v", got)
	}
	s.Average = 45 * time.Second
	if got := stepN(s, fieldAverage, 1, 1).Average; got != time.Minute {
		t.Errorf("45 s + 1 = %v", got)
	}
}

func TestStepUnits(t *testing.T) {
	s := testSettings(DefaultOptions())
	w := newOptionsWindow(s)
	w.sel = fieldRate
	var seen []string
	for range len(unitChoices) + 1 {
		seen = append(seen, string(w.appendValue(nil, fieldRate)))
		w.step(1)
	}
	want := []string{"auto bits", "auto bytes", "bit", "Kibit", "Mibit", "Gibit", "B", "KiB", "MiB", "GiB", "auto bits"}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("Right through the units: %q, want %q", seen, want)
		}
	}
	w = newOptionsWindow(s)
	w.sel = fieldRate
	w.step(-1)
	if got := string(w.appendValue(nil, fieldRate)); got != "GiB" {
		t.Errorf("Left from the first unit: %q, want GiB (wrapping)", got)
	}

	s.Total = units.Format{SI: true, Prefix: units.Tera}
	w = newOptionsWindow(s)
	w.sel = fieldTotal
	w.step(1)
	if w.edit.Total != (units.Format{Bits: true, SI: true}) {
		t.Errorf("Right from TB (not a preset, so last) = %+v, want auto bits (wrapped)", w.edit.Total)
	}
	w.step(-1)
	if got := string(w.appendValue(nil, fieldTotal)); got != "TB" {
		t.Errorf("Left back = %q, want TB (the value at opening)", got)
	}
}

func TestStepSIToggles(t *testing.T) {
	s := testSettings(DefaultOptions())
	got := stepN(s, fieldSI, 1, 1)
	if !got.Rate.SI || !got.Total.SI {
		t.Errorf("SI on: rate %v total %v", got.Rate.SI, got.Total.SI)
	}
	if got := stepN(s, fieldSI, -1, 2); got.Rate.SI || got.Total.SI {
		t.Error("SI toggled twice is not off")
	}
}

func TestStepScale(t *testing.T) {
	s := testSettings(DefaultOptions())
	if got := stepN(s, fieldInMax, 1, 1).InMax; got != 1024*1024/8 {
		t.Errorf("auto + 1 = %v, want 1 Mibit/s in bytes", got)
	}
	if got := stepN(s, fieldOutMax, 1, 100).OutMax; got != 10*1024*1024*1024/8 {
		t.Errorf("auto + 100 = %v, want 10 Gibit/s in bytes", got)
	}
	if got := stepN(s, fieldInMax, -1, 1).InMax; got != 0 {
		t.Errorf("auto - 1 = %v, want auto", got)
	}
	s.Rate.SI = true
	if got := stepN(s, fieldInMax, 1, 1).InMax; got != 125000 {
		t.Errorf("SI: auto + 1 = %v, want 1 Mbit/s in bytes", got)
	}
	s = testSettings(DefaultOptions())
	s.OutMax = 100 * 1024 * 1024 // 100 MiB/s = 800 Mibit/s, not a preset
	w := newOptionsWindow(s)
	w.sel = fieldOutMax
	w.step(1)
	if w.edit.OutMax != 1024*1024*1024/8 {
		t.Errorf("800 Mibit/s + 1 = %v, want 1 Gibit/s", w.edit.OutMax)
	}
	w.step(-1)
	if w.edit.OutMax != s.OutMax {
		t.Errorf("and back = %v, want the value at opening", w.edit.OutMax)
	}
	if got := string(w.appendValue(nil, fieldOutMax)); got != "800.00 Mibit/s" {
		t.Errorf("shown as %q", got)
	}
	if got := string(w.appendValue(nil, fieldInMax)); got != "auto" {
		t.Errorf("automatic scale shown as %q", got)
	}
}

func TestStepChoicesWrap(t *testing.T) {
	s := testSettings(DefaultOptions())
	if got := stepN(s, fieldGraph, 1, 3).Graph; got != GraphBraille {
		t.Errorf("graph + 3 = %v", got)
	}
	if got := stepN(s, fieldGraph, 1, 4).Graph; got != GraphASCII {
		t.Errorf("graph + 4 = %v, want ascii (wrapped)", got)
	}
	if got := stepN(s, fieldBar, -1, 1).Bar; got != BarPlain {
		t.Errorf("bar - 1 = %v, want plain (wrapped)", got)
	}
	if got := stepN(s, fieldMulti, 1, 1).Multi; !got {
		t.Error("multi + 1 is not on")
	}
}

func TestWindowMoveWraps(t *testing.T) {
	w := newOptionsWindow(testSettings(DefaultOptions()))
	w.move(-1)
	if w.sel != fieldMulti {
		t.Errorf("Up from the first field selects %d", w.sel)
	}
	w.move(1)
	if w.sel != fieldInterval {
		t.Errorf("Down from the last field selects %d", w.sel)
	}
}

func TestWindowValues(t *testing.T) {
	s := testSettings(DefaultOptions())
	s.Interval = 1500 * time.Microsecond
	s.Average = 90 * time.Second
	s.Graph, s.Bar = GraphBlock, BarColor
	w := newOptionsWindow(s)
	want := map[field]string{
		fieldInterval: "1.5 ms", fieldAverage: "90 s", fieldRate: "auto bits", fieldTotal: "auto bytes",
		fieldSI: "off", fieldInMax: "auto", fieldGraph: "block", fieldBar: "color", fieldMulti: "off",
	}
	for f, v := range want {
		if got := string(w.appendValue(nil, f)); got != v {
			t.Errorf("%s shown as %q, want %q", fieldNames[f], got, v)
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

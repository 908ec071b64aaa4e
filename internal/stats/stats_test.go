package stats

import (
	"math"
	"testing"
	"time"

	"github.com/winload/winload/internal/coldtick"
)

func cfg(interval, average time.Duration) Config {
	return Config{Interval: interval, Average: average, History: 16}
}

func TestWindowSizes(t *testing.T) {
	tests := []struct {
		interval, average time.Duration
		curr, avg         int
		gap               time.Duration
		marks             int
	}{
		{500 * time.Millisecond, 300 * time.Second, 2, 600, 1181102362, 256},
		{100 * time.Millisecond, 300 * time.Second, 10, 3000, 1181102362, 256},
		{100 * time.Millisecond, 24 * time.Hour, 10, 864000, 340157480314, 256},
		{100 * time.Millisecond, 10 * time.Second, 10, 100, 50 * time.Millisecond, 202},
		{1000 * time.Millisecond, 10 * time.Second, 1, 10, 500 * time.Millisecond, 22},
		{2000 * time.Millisecond, 10 * time.Second, 1, 5, time.Second, 12},
		{300 * time.Millisecond, 1 * time.Second, 3, 3, 150 * time.Millisecond, 8},
		{500 * time.Millisecond, 500 * time.Millisecond, 2, 1, 250 * time.Millisecond, 4},
		{time.Minute, 24 * time.Hour, 1, 1440, 340157480314, 256},
	}
	for _, tt := range tests {
		c := cfg(tt.interval, tt.average)
		if got := c.CurrSamples(); got != tt.curr {
			t.Errorf("%v/%v: CurrSamples = %d, want %d", tt.interval, tt.average, got, tt.curr)
		}
		if got := c.AvgSamples(); got != tt.avg {
			t.Errorf("%v/%v: AvgSamples = %d, want %d", tt.interval, tt.average, got, tt.avg)
		}
		tr := newTracker(c)
		if tr.gap != tt.gap || int(tr.marks.max) != tt.marks {
			t.Errorf("%v/%v: Avg samples %v apart, %d of them; want %v, %d", tt.interval, tt.average, tr.gap, tr.marks.max, tt.gap, tt.marks)
		}
	}
}

// The SPEC §2 vector: counters 0, 1000, 3000, 3000, 10000 at 0.5 s steps.
func TestSpecVector(t *testing.T) {
	tr := newTracker(cfg(500*time.Millisecond, 300*time.Second))
	counters := []uint64{0, 1000, 3000, 3000, 10000}
	want := [][4]float64{
		{},
		{2000, 2000, 2000, 2000},
		{3000, 3000, 2000, 3000},
		{2000, 2000, 2000, 3000},
		{7000, 5000, 2000, 7000},
	}
	for i, c := range counters {
		tr.Add(time.Duration(i)*500*time.Millisecond, c, c*2)
		if i == 0 {
			if tr.Valid() {
				t.Fatal("valid after one sample")
			}
			continue
		}
		in, out := tr.In(), tr.Out()
		got := [4]float64{in.Curr, in.Avg, in.Min, in.Max}
		if got != want[i] {
			t.Errorf("sample %d: in Curr/Avg/Min/Max = %v, want %v", i, got, want[i])
		}
		gotOut := [4]float64{out.Curr, out.Avg, out.Min, out.Max}
		wantOut := [4]float64{want[i][0] * 2, want[i][1] * 2, want[i][2] * 2, want[i][3] * 2}
		if gotOut != wantOut {
			t.Errorf("sample %d: out = %v, want %v", i, gotOut, wantOut)
		}
		if in.Total != c || out.Total != 2*c {
			t.Errorf("sample %d: totals %d/%d, want %d/%d", i, in.Total, out.Total, c, 2*c)
		}
	}
}

// Rates use the measured time between samples, not the nominal interval.
func TestJitteredTimestamps(t *testing.T) {
	tr := newTracker(cfg(500*time.Millisecond, 300*time.Second))
	steps := []struct {
		at    time.Duration
		bytes uint64
		curr  float64
	}{
		{0, 0, 0},
		{600 * time.Millisecond, 6000, 10000},
		{1000 * time.Millisecond, 10000, 10000},
		{1700 * time.Millisecond, 17000, 10000},
		{1700 * time.Millisecond, 99999, 10000}, // repeated timestamp: ignored
		{1600 * time.Millisecond, 99999, 10000}, // clock went back: ignored
		{2000 * time.Millisecond, 20000, 10000},
	}
	for i, s := range steps {
		tr.Add(s.at, s.bytes, 0)
		if i == 0 {
			continue
		}
		if got := tr.In().Curr; math.Abs(got-s.curr) > 1e-9 {
			t.Errorf("step %d: Curr = %v, want %v", i, got, s.curr)
		}
		if got := tr.In().Avg; math.Abs(got-10000) > 1e-9 {
			t.Errorf("step %d: Avg = %v, want 10000", i, got)
		}
	}
	if tr.In().Total != 20000 {
		t.Errorf("Total = %d, want 20000", tr.In().Total)
	}
}

// A 64-bit counter that goes backwards was reset: no spike, no negative
// rate, and the statistics continue from the new value.
func TestReset64(t *testing.T) {
	tr := newTracker(cfg(time.Second, 10*time.Second))
	seq := []uint64{1 << 40, 1<<40 + 1000, 500, 1500, 2500}
	for i, v := range seq {
		tr.Add(time.Duration(i)*time.Second, v, v)
	}
	in := tr.In()
	if in.Max != 1000 {
		t.Errorf("Max = %v, want 1000 (a reset must not spike)", in.Max)
	}
	if in.Min != 0 {
		t.Errorf("Min = %v, want 0 (the reset step counts nothing)", in.Min)
	}
	if in.Curr != 1000 {
		t.Errorf("Curr = %v, want 1000", in.Curr)
	}
	if in.Total != 2500 {
		t.Errorf("Total = %d, want the raw counter 2500", in.Total)
	}
	if tr.Resets() != 1 {
		t.Errorf("Resets = %d, want 1", tr.Resets())
	}
	if want := 3000.0 / 4; in.Avg != want {
		t.Errorf("Avg = %v, want %v", in.Avg, want)
	}
}

// The Avg window slides and spans exactly -a seconds: with -a 3 at 1 s
// steps the sample of 4 s ago is the left edge, not the one of 3 s ago
// (nload keeps 3 samples, which span only 2 s).
func TestAverageWindowSlides(t *testing.T) {
	tr := newTracker(cfg(time.Second, 3*time.Second))
	vals := []uint64{0, 100, 200, 1200, 2200}
	want := []float64{0, 100, 100, 400, 700}
	for i, v := range vals {
		tr.Add(time.Duration(i)*time.Second, v, 0)
		if i == 0 {
			continue
		}
		if got := tr.In().Avg; math.Abs(got-want[i]) > 1e-9 {
			t.Errorf("after %d s: Avg = %v, want %v", i, got, want[i])
		}
	}
}

func TestResetAndReturn(t *testing.T) {
	tr := newTracker(cfg(time.Second, 10*time.Second))
	tr.Add(0, 0, 0)
	tr.Add(time.Second, 5000, 5000)
	if tr.InHistory().Len() != 1 {
		t.Fatalf("history len = %d, want 1", tr.InHistory().Len())
	}
	tr.Reset()
	if tr.Valid() || tr.InHistory().Len() != 0 || tr.In() != (Stat{}) {
		t.Fatalf("after Reset: valid=%v hist=%d in=%+v", tr.Valid(), tr.InHistory().Len(), tr.In())
	}
	// The device returns with a much smaller counter: starts cleanly.
	tr.Add(10*time.Second, 100, 100)
	if tr.Valid() {
		t.Fatal("valid after one sample following Reset")
	}
	tr.Add(11*time.Second, 300, 300)
	if in := tr.In(); in.Curr != 200 || in.Max != 200 || in.Min != 200 {
		t.Errorf("after return: %+v, want Curr=Min=Max=200", in)
	}
	if tr.Resets() != 0 {
		t.Errorf("Resets = %d, a vanished device is not a counter reset", tr.Resets())
	}
}

func TestHistoryRing(t *testing.T) {
	c := Config{Interval: time.Second, Average: 10 * time.Second, History: 3}
	tr := newTracker(c)
	for i := 0; i <= 5; i++ {
		tr.Add(time.Duration(i)*time.Second, uint64(i*i*100), 0)
	}
	h := tr.InHistory()
	want := []float64{500, 700, 900}
	if h.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", h.Len(), len(want))
	}
	for i, w := range want {
		if h.At(i) != w {
			t.Errorf("At(%d) = %v, want %v", i, h.At(i), w)
		}
	}
	if (History{}).Len() != 0 {
		t.Error("zero History must be empty")
	}
}

func TestValidate(t *testing.T) {
	bad := []Config{
		{Interval: 0, Average: time.Second, History: 1},
		{Interval: time.Second, Average: 0, History: 1},
		{Interval: time.Second, Average: time.Second, History: 0},
	}
	for _, c := range bad {
		if c.Validate() == nil {
			t.Errorf("%+v: want error", c)
		}
	}
	if err := cfg(time.Second, time.Second).Validate(); err != nil {
		t.Error(err)
	}
}

func TestAddDoesNotAllocateInSteadyState(t *testing.T) {
	tr := newTracker(Config{Interval: 500 * time.Millisecond, Average: 10 * time.Second, History: 64})
	at := time.Duration(0)
	var v uint64
	step := func() {
		at += 500 * time.Millisecond
		v += 12345
		tr.Add(at, v, v)
	}
	for range 200 {
		step()
	}
	if n := testing.AllocsPerRun(100, step); n != 0 {
		t.Errorf("Add allocates %v times per call after warm-up", n)
	}
}

func BenchmarkAdd(b *testing.B) {
	tr := newTracker(Config{Interval: 500 * time.Millisecond, Average: 300 * time.Second, History: 1024})
	var v uint64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v += 1500
		tr.Add(time.Duration(i)*500*time.Millisecond, v, v/2)
	}
}

// The graph history keeps rates within 0.1 % below the true value, exact
// for powers of two (the auto scale's steps) and zero.
func TestRate16(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{0, 0},
		{-5, 0},
		{math.NaN(), 0},
		{1e-4, 0},
		{1.0 / 1024, 1.0 / 1024},
		{1, 1},
		{2048, 2048},
		{4096, 4096},
		{4097, 4096},
		{1 << 52, 1 << 52},
	}
	for _, tt := range tests {
		if got := toRate16(tt.in).float(); got != tt.want {
			t.Errorf("%v kept as %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := toRate16(math.Inf(1)).float(); got < 1<<52 {
		t.Errorf("+Inf kept as %v, want the largest value", got)
	}
	for v := 0.001; v < 1e15; v *= 1.0137 {
		got := toRate16(v).float()
		if got > v || got < v*(1-1.0/1024) {
			t.Fatalf("%v kept as %v: not within 0.1 %% below", v, got)
		}
	}
}

// BenchmarkAdd1000 is one tick of 1,000 devices at -t 100 with the default
// Avg window: the trackers' memory no longer fits a core's nearest cache.
func BenchmarkAdd1000(b *testing.B) {
	cfg := Config{Interval: 100 * time.Millisecond, Average: 300 * time.Second, History: 1024}
	trs := make([]*Tracker, 1000)
	for i := range trs {
		trs[i] = newTracker(cfg)
	}
	var v uint64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v += 1500
		at := time.Duration(i) * 100 * time.Millisecond
		for _, tr := range trs {
			tr.Add(at, v, v/2)
		}
	}
}

// BenchmarkAdd1000Cold is BenchmarkAdd1000 as a real tick meets it: the
// rest of a 100 ms tick (the kernel's dump, drawing) has pushed the
// trackers out of the nearer caches, which coldtick stands for.
func BenchmarkAdd1000Cold(b *testing.B) {
	cfg := Config{Interval: 100 * time.Millisecond, Average: 300 * time.Second, History: 1024}
	trs := make([]*Tracker, 1000)
	for i := range trs {
		trs[i] = newTracker(cfg)
	}
	var v uint64
	for i := range 3000 { // five minutes: every ring full
		v += 1500
		for _, tr := range trs {
			tr.Add(time.Duration(i)*100*time.Millisecond, v, v/2)
		}
	}
	cold := coldtick.New()
	b.ReportAllocs()
	i := 3000
	tick := func() {
		v += 1500
		at := time.Duration(i) * 100 * time.Millisecond
		for _, tr := range trs {
			tr.Add(at, v, v/2)
		}
		i++
	}
	for b.Loop() {
		cold.Begin(b, nil)
		cold.Run(tick)
	}
	cold.Report(b)
}

// newTracker is MakeTracker on the heap.
func newTracker(c Config) *Tracker {
	t := MakeTracker(c)
	return &t
}

package stats

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"testing"
	"time"
	"unsafe"
)

// exactCounts is every sample a tracker was given, to compute the exact
// Avg over a window: the counts at the window's left edge are interpolated
// between the two samples around it.
type exactCounts struct {
	at  []time.Duration
	sum []float64
}

func (e *exactCounts) add(at time.Duration, total float64) {
	e.at = append(e.at, at)
	e.sum = append(e.sum, total)
}

func (e *exactCounts) avg(window time.Duration) float64 {
	n := len(e.at) - 1
	edge := e.at[n] - window
	if edge <= e.at[0] {
		return (e.sum[n] - e.sum[0]) / (e.at[n] - e.at[0]).Seconds()
	}
	i := sort.Search(len(e.at), func(i int) bool { return e.at[i] > edge }) - 1
	frac := float64(edge-e.at[i]) / float64(e.at[i+1]-e.at[i])
	left := e.sum[i] + (e.sum[i+1]-e.sum[i])*frac
	return (e.sum[n] - left) / window.Seconds()
}

// Avg stays within 0.1 % of the exact rate over exactly -a seconds for
// every window and interval, with traffic whose rate varies from sample to
// sample and over the window, jittered sample times, and gaps.
func TestAverageWithinATenthOfAPercent(t *testing.T) {
	tests := []struct {
		name              string
		interval, average time.Duration
		jitter            bool
		gapEvery          int // a sample every gapEvery is late by 30 intervals
		windows           float64
	}{
		{"defaults", 500 * time.Millisecond, 300 * time.Second, false, 0, 3},
		{"defaults jittered", 500 * time.Millisecond, 300 * time.Second, true, 0, 3},
		{"fast short", 100 * time.Millisecond, 10 * time.Second, true, 0, 5},
		{"one interval", 500 * time.Millisecond, 500 * time.Millisecond, true, 0, 300},
		{"fast 5 min", 100 * time.Millisecond, 300 * time.Second, true, 0, 2},
		{"fast one hour", 100 * time.Millisecond, time.Hour, true, 0, 1.5},
		{"fast one day", 100 * time.Millisecond, 24 * time.Hour, false, 0, 1.2},
		{"slow one day", time.Minute, 24 * time.Hour, true, 0, 3},
		{"stalls", 500 * time.Millisecond, 300 * time.Second, true, 997, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tt.interval)))
			tr := newTracker(Config{Interval: tt.interval, Average: tt.average, History: 16})
			var exact exactCounts
			var at time.Duration
			var total float64
			end := time.Duration(float64(tt.average) * tt.windows)
			period := float64(tt.average) / 3
			checks, worst := 0, 0.0
			every := max(1, int(end/tt.interval)/300)
			for i := 0; at < end; i++ {
				step := tt.interval
				if tt.jitter {
					step = time.Duration(float64(step) * (0.8 + 0.4*rng.Float64()))
				}
				if tt.gapEvery > 0 && i%tt.gapEvery == tt.gapEvery-1 {
					step *= 30
				}
				at += step
				// 1 MB/s, swinging by half over a third of the window,
				// times a factor of 0.75 to 1.25 drawn per sample.
				rate := 1e6 * (1 + 0.5*math.Sin(2*math.Pi*float64(at)/period)) * (0.75 + 0.5*rng.Float64())
				total += math.Round(rate * step.Seconds())
				tr.Add(at, uint64(total), uint64(total)/2)
				exact.add(at, total)
				if i%every != 0 || i == 0 {
					continue
				}
				checks++
				want := exact.avg(tt.average)
				worst = max(worst, math.Abs(tr.In().Avg-want)/want)
				if got := tr.In().Avg; math.Abs(got-want) > 0.001*want {
					t.Fatalf("at %v: Avg = %.1f, exact %.1f (%.4f %% off)", at, got, want, 100*math.Abs(got-want)/want)
				}
			}
			if checks < 100 {
				t.Fatalf("only %d checks", checks)
			}
			t.Logf("%d checks, worst %.4f %% off", checks, 100*worst)
		})
	}
}

// footprint is the memory a tracker holds: the struct and its rings'
// backing arrays.
func footprint(tr *Tracker) int {
	return int(unsafe.Sizeof(*tr)) +
		cap(tr.recent.buf)*int(unsafe.Sizeof(sample{})) +
		cap(tr.marks.buf)*int(unsafe.Sizeof(sample{})) +
		cap(tr.points.buf)*int(unsafe.Sizeof(point{})) +
		cap(tr.hist.ring.buf)*int(unsafe.Sizeof(histPair{}))
}

// fill feeds a tracker until every ring is full: samples a mark gap apart
// fill the Avg window's, then samples an interval apart the history and
// the Curr window.
func fill(tr *Tracker, c Config) {
	var at time.Duration
	var v uint64
	for i := range int(tr.marks.max) + c.History + c.CurrSamples() {
		if i < int(tr.marks.max) {
			at += max(tr.gap, c.Interval)
		} else {
			at += c.Interval
		}
		v += 1500
		tr.Add(at, v, v/2)
	}
}

// A tracker holds at most 16 KiB whatever -a (up to 24 h) and -t (down to
// 100 ms), with the 1,024-value graph history the command line asks for.
func TestTrackerMemoryIsBounded(t *testing.T) {
	const limit = 16 << 10
	for _, c := range []Config{
		{Interval: 100 * time.Millisecond, Average: 24 * time.Hour, History: 1024},
		{Interval: 100 * time.Millisecond, Average: 300 * time.Second, History: 1024},
		{Interval: 500 * time.Millisecond, Average: 300 * time.Second, History: 1024},
		{Interval: 100 * time.Millisecond, Average: 100 * time.Millisecond, History: 1024},
		{Interval: time.Minute, Average: 24 * time.Hour, History: 1024},
	} {
		tr := newTracker(c)
		fill(tr, c)
		marks := tr.marks
		if tr.coarse {
			marks.buf, marks.max = make([]sample, tr.points.len()), tr.points.max
		}
		if marks.len() != int(marks.max) || tr.hist.len() != c.History {
			t.Fatalf("-t %v -a %v: rings not full", c.Interval, c.Average)
		}
		if n := footprint(tr); n > limit {
			t.Errorf("-t %v -a %v: a full tracker holds %d bytes, over %d", c.Interval, c.Average, n, limit)
		}
	}
}

// The same bound measured on the heap: 200 full trackers for -a 86400
// -t 100 take at most 16 KiB each.
func TestTrackerHeapPerDevice(t *testing.T) {
	c := Config{Interval: 100 * time.Millisecond, Average: 24 * time.Hour, History: 1024}
	const n = 200
	trackers := make([]*Tracker, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range trackers {
		trackers[i] = newTracker(c)
		fill(trackers[i], c)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	t.Logf("%d bytes of heap per full tracker", per)
	if per > 16<<10 {
		t.Errorf("%d bytes of heap per tracker, over 16 KiB", per)
	}
	runtime.KeepAlive(trackers)
}

// After a stall longer than the window (a suspended laptop), Avg covers
// the last -a seconds, spread evenly over the stall, in fine and coarse
// windows alike.
func TestAverageAfterLongStall(t *testing.T) {
	for _, c := range []Config{
		{Interval: 100 * time.Millisecond, Average: 60 * time.Second, History: 4},
		{Interval: time.Second, Average: 10 * time.Second, History: 4},
	} {
		tr := newTracker(c)
		var at time.Duration
		add := func(rate float64) {
			tr.Add(at, uint64(rate*at.Seconds()), 0)
		}
		for at = 0; at < 2*c.Average; at += c.Interval {
			add(1000)
		}
		at += 5 * c.Average // the stall: 1000 B/s all along
		add(1000)
		if got := tr.In().Avg; math.Abs(got-1000) > 0.01 {
			t.Errorf("-t %v -a %v: Avg after the stall = %v, want 1000", c.Interval, c.Average, got)
		}
		at += c.Interval
		add(1000)
		if got := tr.In().Avg; math.Abs(got-1000) > 0.01 {
			t.Errorf("-t %v -a %v: Avg a tick after the stall = %v, want 1000", c.Interval, c.Average, got)
		}
	}
}

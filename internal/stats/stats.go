// Package stats turns successive byte counters into the rates nload shows:
// Curr over the last second, Avg over the average window, Min and Max since
// start, and the total.
package stats

import (
	"fmt"
	"time"
)

// Config sets the windows of a Tracker.
type Config struct {
	// Interval is the nominal time between samples. It only sizes the
	// windows; rates use the measured time between samples.
	Interval time.Duration
	// Average is the length of the Avg window.
	Average time.Duration
	// History is how many Curr values are kept for the graph.
	History int
}

// CurrSamples is how many sample steps make "one second":
// max(1, int(1000/t)) for an interval of t milliseconds.
func (c Config) CurrSamples() int {
	n := int(time.Second / c.Interval)
	return max(1, n)
}

// AvgSamples is how many samples the Avg window keeps:
// int(1000/t * a) for t milliseconds and a seconds, and always enough to
// span the Curr window.
func (c Config) AvgSamples() int {
	n := int(float64(c.Average) / float64(c.Interval))
	return max(n, c.CurrSamples()+1)
}

// Validate reports a configuration that cannot be used.
func (c Config) Validate() error {
	switch {
	case c.Interval <= 0:
		return fmt.Errorf("interval must be positive, got %v", c.Interval)
	case c.Average <= 0:
		return fmt.Errorf("average window must be positive, got %v", c.Average)
	case c.History < 1:
		return fmt.Errorf("history must hold at least one value, got %d", c.History)
	}
	return nil
}

// Stat is one direction's numbers, in bytes per second and bytes.
type Stat struct {
	Curr, Avg, Min, Max float64
	// Total is the counter as the source reports it.
	Total uint64
}

// sample is one reading: when, and the running byte counts with resets
// already taken out.
type sample struct {
	at      time.Duration
	in, out uint64
}

// Tracker keeps the recent samples of one device and derives its rates.
// The zero value is not usable; call NewTracker.
type Tracker struct {
	cfg     Config
	currN   int
	samples ring[sample]
	histIn  ring[float64]
	histOut ring[float64]

	seen          bool
	lastAt        time.Duration
	rawIn, rawOut uint64
	accIn, accOut uint64
	in, out       Stat
	rates         int
	resets        int
}

// NewTracker returns an empty tracker for cfg; cfg must be valid.
func NewTracker(cfg Config) *Tracker {
	return &Tracker{
		cfg:     cfg,
		currN:   cfg.CurrSamples(),
		samples: newRing[sample](cfg.AvgSamples()),
		histIn:  newRing[float64](cfg.History),
		histOut: newRing[float64](cfg.History),
	}
}

// Add records the counters read at time at, measured on a monotonic clock
// from any fixed origin. A reading not later than the previous one is
// ignored: its bytes are counted by the next reading. A counter that went
// backwards was reset: it contributes nothing for that step, and the
// statistics carry on from its new value.
func (t *Tracker) Add(at time.Duration, rx, tx uint64) {
	if t.seen && at <= t.lastAt {
		return
	}
	if t.seen {
		if rx < t.rawIn || tx < t.rawOut {
			t.resets++
		}
		t.accIn += delta(t.rawIn, rx)
		t.accOut += delta(t.rawOut, tx)
	}
	t.seen = true
	t.lastAt = at
	t.rawIn, t.rawOut = rx, tx
	t.in.Total, t.out.Total = rx, tx
	t.samples.push(sample{at: at, in: t.accIn, out: t.accOut})
	if t.samples.len() < 2 {
		return
	}
	t.update()
}

// delta is how far a 64-bit counter moved; going backwards is a reset.
func delta(prev, cur uint64) uint64 {
	if cur < prev {
		return 0
	}
	return cur - prev
}

func (t *Tracker) update() {
	n := t.samples.len()
	newest := t.samples.at(n - 1)
	back := max(0, n-1-t.currN)
	curr := t.samples.at(back)
	oldest := t.samples.at(0)

	t.in.Curr, t.out.Curr = rates(curr, newest)
	t.in.Avg, t.out.Avg = rates(oldest, newest)
	if t.rates == 0 {
		t.in.Min, t.in.Max = t.in.Curr, t.in.Curr
		t.out.Min, t.out.Max = t.out.Curr, t.out.Curr
	} else {
		t.in.Min, t.in.Max = min(t.in.Min, t.in.Curr), max(t.in.Max, t.in.Curr)
		t.out.Min, t.out.Max = min(t.out.Min, t.out.Curr), max(t.out.Max, t.out.Curr)
	}
	t.rates++
	t.histIn.push(t.in.Curr)
	t.histOut.push(t.out.Curr)
}

func rates(from, to sample) (in, out float64) {
	secs := (to.at - from.at).Seconds()
	return float64(to.in-from.in) / secs, float64(to.out-from.out) / secs
}

// Reset forgets everything, as when the device vanishes.
func (t *Tracker) Reset() {
	t.samples.clear()
	t.histIn.clear()
	t.histOut.clear()
	t.seen = false
	t.lastAt = 0
	t.rawIn, t.rawOut, t.accIn, t.accOut = 0, 0, 0, 0
	t.in, t.out = Stat{}, Stat{}
	t.rates = 0
}

// Valid reports whether rates exist, which takes two samples.
func (t *Tracker) Valid() bool { return t.rates > 0 }

// In returns the incoming statistics.
func (t *Tracker) In() Stat { return t.in }

// Out returns the outgoing statistics.
func (t *Tracker) Out() Stat { return t.out }

// Resets counts the counter resets seen since the tracker was made.
func (t *Tracker) Resets() int { return t.resets }

// InHistory returns the incoming Curr values, oldest first.
func (t *Tracker) InHistory() History { return History{r: &t.histIn} }

// OutHistory returns the outgoing Curr values, oldest first.
func (t *Tracker) OutHistory() History { return History{r: &t.histOut} }

// History is a read-only view of Curr values, oldest first.
type History struct{ r *ring[float64] }

// Len is the number of values.
func (h History) Len() int {
	if h.r == nil {
		return 0
	}
	return h.r.len()
}

// At returns value i, 0 being the oldest.
func (h History) At(i int) float64 { return h.r.at(i) }

// Package stats turns successive byte counters into the rates nload shows:
// Curr over the last second, Avg over the average window, Min and Max since
// start, and the total.
package stats

import (
	"fmt"
	"math"
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

// AvgSamples is how many intervals the Avg window spans, int(1000/t * a)
// for t milliseconds and a seconds (nload's ac), at least one.
func (c Config) AvgSamples() int {
	return max(1, int(c.Average/c.Interval))
}

// coarseSteps bounds how much the Avg window keeps, whatever the window
// and interval. A window of up to coarseSteps/2 intervals keeps every
// sample (at most 256, 24 bytes each); a longer one keeps the counts at
// coarseSteps+2 checkpoints a 254th of the window apart (16 bytes each:
// their times follow from their places; 256 fill 4 KiB exactly).
const coarseSteps = 254

// coarse reports whether the Avg window uses checkpoints.
func (c Config) coarse() bool { return c.Average/coarseSteps > c.Interval/2 }

// markGap is the time between checkpoints of a coarse window, or the
// least time between two samples kept for a fine one: half an interval,
// so that every sample is kept, even when samples come early.
func (c Config) markGap() time.Duration {
	if c.coarse() {
		return c.Average / coarseSteps
	}
	return c.Interval / 2
}

// marks is how many samples or checkpoints the Avg window needs at most:
// those markGap apart over the window, and one before its left edge.
func (c Config) marks() int { return int(c.Average/c.markGap()) + 2 }

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

// point is the running byte counts at a checkpoint of a coarse Avg window.
type point struct{ in, out uint64 }

// Tracker keeps the recent samples of one device and derives its rates.
// Its memory is bounded whatever the windows: the samples of the last
// second for Curr, at most coarseSteps+2 samples or checkpoints spread
// over the Avg window, and the graph history.
// The zero value is not usable; call NewTracker.
type Tracker struct {
	cfg   Config
	currN int
	gap   time.Duration
	// recent holds the last currN+1 samples, enough for Curr.
	recent ring[sample]
	// For a fine window, marks holds samples at least gap apart reaching
	// back over the Avg window, to find the counts at its left edge; edge
	// is the place of the last one at or before that edge, which only
	// moves forward.
	marks ring[sample]
	edge  int
	// For a coarse window, points holds the counts at checkpoint times
	// first.at + k*gap for k = nextPoint-points.len() ... nextPoint-1,
	// interpolated between the samples either side.
	points    ring[point]
	nextPoint int64
	coarse    bool
	first     sample
	histIn    ring[rate16]
	histOut   ring[rate16]

	seen          bool
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
		gap:     cfg.markGap(),
		coarse:  cfg.coarse(),
		recent:  newRing[sample](cfg.CurrSamples() + 1),
		marks:   newRing[sample](cfg.marks()),
		points:  newRing[point](cfg.marks()),
		histIn:  newRing[rate16](cfg.History),
		histOut: newRing[rate16](cfg.History),
	}
}

// Add records the counters read at time at, measured on a monotonic clock
// from any fixed origin. A reading not later than the previous one is
// ignored: its bytes are counted by the next reading. A counter that went
// backwards was reset: it contributes nothing for that step, and the
// statistics carry on from its new value.
func (t *Tracker) Add(at time.Duration, rx, tx uint64) {
	if !t.seen {
		t.seen = true
		t.rawIn, t.rawOut = rx, tx
		t.in.Total, t.out.Total = rx, tx
		t.first = sample{at: at}
		t.recent.push(t.first)
		if t.coarse {
			t.points.push(point{})
			t.nextPoint = 1
		} else {
			t.marks.push(t.first)
		}
		return
	}
	prev := t.recent.at(t.recent.len() - 1)
	if at <= prev.at {
		return
	}
	if rx < t.rawIn || tx < t.rawOut {
		t.resets++
	}
	t.accIn += delta(t.rawIn, rx)
	t.accOut += delta(t.rawOut, tx)
	t.rawIn, t.rawOut = rx, tx
	t.in.Total, t.out.Total = rx, tx
	cur := sample{at: at, in: t.accIn, out: t.accOut}
	t.recent.push(cur)
	if t.coarse {
		t.checkpoint(prev, cur)
	} else if cur.at-t.marks.at(t.marks.len()-1).at >= t.gap {
		if t.marks.len() == t.marks.max {
			t.edge = max(0, t.edge-1)
		}
		t.marks.push(cur)
	}
	t.update(cur)
}

// delta is how far a 64-bit counter moved; going backwards is a reset.
func delta(prev, cur uint64) uint64 {
	if cur < prev {
		return 0
	}
	return cur - prev
}

// checkpoint records the checkpoints that fall in (prev.at, cur.at], each
// interpolated between the two samples. After a gap longer than the
// window only those the ring can hold are computed.
func (t *Tracker) checkpoint(prev, cur sample) {
	last := int64((cur.at - t.first.at) / t.gap)
	if last < t.nextPoint {
		return
	}
	if from := last - int64(t.points.max) + 1; from > t.nextPoint {
		t.points.clear()
		t.nextPoint = from
	}
	span := float64(cur.at - prev.at)
	for k := t.nextPoint; k <= last; k++ {
		frac := float64(t.first.at+time.Duration(k)*t.gap-prev.at) / span
		t.points.push(point{
			in:  prev.in + uint64(float64(cur.in-prev.in)*frac+0.5),
			out: prev.out + uint64(float64(cur.out-prev.out)*frac+0.5),
		})
	}
	t.nextPoint = last + 1
}

func (t *Tracker) update(newest sample) {
	n := t.recent.len()
	back := t.recent.at(max(0, n-1-t.currN))
	t.in.Curr, t.out.Curr = rates(back, newest)
	t.in.Avg, t.out.Avg = t.average(newest)
	if t.rates == 0 {
		t.in.Min, t.in.Max = t.in.Curr, t.in.Curr
		t.out.Min, t.out.Max = t.out.Curr, t.out.Curr
	} else {
		t.in.Min, t.in.Max = min(t.in.Min, t.in.Curr), max(t.in.Max, t.in.Curr)
		t.out.Min, t.out.Max = min(t.out.Min, t.out.Curr), max(t.out.Max, t.out.Curr)
	}
	t.rates++
	t.histIn.push(toRate16(t.in.Curr))
	t.histOut.push(toRate16(t.out.Curr))
}

// average is the rate over the Average window ending at newest, or over
// everything held while less than a window has passed. The counts at the
// window's left edge are interpolated between the kept samples around it.
func (t *Tracker) average(newest sample) (in, out float64) {
	edge := newest.at - t.cfg.Average
	if edge <= t.first.at {
		return rates(t.first, newest)
	}
	if t.coarse {
		return t.coarseAverage(newest, edge)
	}
	n := t.marks.len()
	i := min(t.edge, n-1)
	for i+1 < n && t.marks.at(i+1).at <= edge {
		i++
	}
	t.edge = i
	p0, p1 := t.marks.at(i), newest
	if i+1 < n {
		p1 = t.marks.at(i + 1)
	}
	frac := 0.0
	if p1.at > p0.at {
		frac = max(0, min(1, float64(edge-p0.at)/float64(p1.at-p0.at)))
	}
	secs := t.cfg.Average.Seconds()
	in = (float64(newest.in-p0.in) - float64(p1.in-p0.in)*frac) / secs
	out = (float64(newest.out-p0.out) - float64(p1.out-p0.out)*frac) / secs
	return in, out
}

// coarseAverage is average for a coarse window: the counts at its left
// edge are interpolated between the checkpoints around it.
func (t *Tracker) coarseAverage(newest sample, edge time.Duration) (in, out float64) {
	base := t.nextPoint - int64(t.points.len())
	k := max(int64((edge-t.first.at)/t.gap), base)
	p0 := t.points.at(int(k - base))
	t0 := t.first.at + time.Duration(k)*t.gap
	p1, t1 := point{in: newest.in, out: newest.out}, newest.at
	if k+1 < t.nextPoint {
		p1, t1 = t.points.at(int(k+1-base)), t0+t.gap
	}
	frac := 0.0
	if t1 > t0 {
		frac = max(0, min(1, float64(edge-t0)/float64(t1-t0)))
	}
	secs := t.cfg.Average.Seconds()
	in = (float64(newest.in-p0.in) - float64(p1.in-p0.in)*frac) / secs
	out = (float64(newest.out-p0.out) - float64(p1.out-p0.out)*frac) / secs
	return in, out
}

func rates(from, to sample) (in, out float64) {
	secs := (to.at - from.at).Seconds()
	return float64(to.in-from.in) / secs, float64(to.out-from.out) / secs
}

// Reset forgets everything, as when the device vanishes.
func (t *Tracker) Reset() {
	t.recent.clear()
	t.marks.clear()
	t.edge = 0
	t.points.clear()
	t.nextPoint = 0
	t.first = sample{}
	t.histIn.clear()
	t.histOut.clear()
	t.seen = false
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

// History is a read-only view of Curr values, oldest first, kept in 16
// bits each (see rate16): a graph needs no more.
type History struct{ r *ring[rate16] }

// Len is the number of values.
func (h History) Len() int {
	if h.r == nil {
		return 0
	}
	return h.r.len()
}

// At returns value i, 0 being the oldest.
func (h History) At(i int) float64 { return h.r.at(i).float() }

// rate16 is a rate of at least 0 in 16 bits: a 6-bit binary exponent and
// 10 bits of mantissa, for 2^-10 to 2^53 bytes/s within 0.1 %, rounded
// down (so a kept value never exceeds the rate; below 2^-10 it is 0). It
// quarters the graph history's memory, the largest part of a device's.
type rate16 uint16

// rate16Bias maps float32's exponent of 2^-10 to 1; 0 stands for zero.
const rate16Bias = 127 - 10 - 1

func toRate16(v float64) rate16 {
	bits := math.Float32bits(float32(v))
	if v <= 0 || math.IsNaN(v) {
		return 0
	}
	e := int(bits>>23) - rate16Bias
	switch {
	case e < 1:
		return 0
	case e > 63:
		return math.MaxUint16
	}
	return rate16(e<<10 | int(bits>>13)&0x3ff)
}

func (r rate16) float() float64 {
	if r == 0 {
		return 0
	}
	e := uint32(r>>10) + rate16Bias
	return float64(math.Float32frombits(e<<23 | uint32(r&0x3ff)<<13))
}

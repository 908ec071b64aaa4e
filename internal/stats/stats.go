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

// histPair is one step of the graph history: Curr in and out, kept side
// by side so that a step writes one place.
type histPair [2]rate16

// histBatch is how many graph steps a tracker holds in itself before it
// moves them to its history ring together. The ring is a page of its own
// per device: with many devices, writing it every sample costs a cache
// (and often a TLB) miss per device, where a batch costs one per
// histBatch samples.
const histBatch = 8

// history is the graph history: the ring, then the newest steps still
// in batch. Together they read as the last ring.max steps.
type history struct {
	batch [histBatch]histPair
	n     int // steps in batch
	ring  ring[histPair]
}

func (h *history) push(v histPair) {
	h.batch[h.n] = v
	h.n++
	if h.n == histBatch {
		h.flush()
	}
}

// flush moves the batch to the ring.
func (h *history) flush() {
	for _, p := range h.batch {
		h.ring.push(p)
	}
	h.n = 0
}

func (h *history) len() int { return min(int(h.ring.max), h.ring.len()+h.n) }

// at returns step i, 0 being the oldest.
func (h *history) at(i int) histPair {
	held := h.ring.len()
	j := i + held + h.n - h.len()
	if j < held {
		return h.ring.at(j)
	}
	return h.batch[j-held]
}

func (h *history) clear() {
	h.ring.clear()
	h.n = 0
}

// Tracker keeps the recent samples of one device and derives its rates.
// Its memory is bounded whatever the windows: the samples of the last
// second for Curr, at most coarseSteps+2 samples or checkpoints spread
// over the Avg window, and the graph history.
// The zero value is not usable; call MakeTracker.
//
// With many devices a tick meets each tracker out of the nearer caches,
// so what every Add reads or writes comes first and together.
type Tracker struct {
	// last is the newest sample.
	last          sample
	rawIn, rawOut uint64
	in, out       Stat
	// recent holds the last currN+1 samples, enough for Curr.
	recent  ring[sample]
	rates   int
	resets  int
	currN   int
	firstAt time.Duration // time of the first sample
	average time.Duration
	avgSecs float64 // average in seconds
	gap     time.Duration
	// nextAt is the time of checkpoint nextPoint (coarse window).
	nextAt time.Duration
	// edgeK is the last checkpoint at or before the Avg window's left
	// edge, and edgeNext the time of the one after it: the edge only
	// moves forward, so edgeK is counted up rather than divided out.
	edgeK    int64
	edgeNext time.Duration
	// edgeP0 and edgeP1 are the counts at the checkpoints either side of
	// the edge (edgeP1 only when edgeHasP1; else the newest sample stands
	// in), and edgeT0 the time of the first, kept so that a sample reads
	// points only when the edge passed a checkpoint or points changed
	// (edgeStale).
	edgeP0, edgeP1 point
	edgeT0         time.Duration
	edgeHasP1      bool
	edgeStale      bool
	seen           bool
	coarse         bool
	// hist is the graph history of both directions: its batch is touched
	// every sample, its ring (the last field here) every histBatch.
	hist history

	// Below here is what few samples touch.

	// For a coarse window, points holds the counts at checkpoint times
	// firstAt + k*gap for k = nextPoint-points.len() ... nextPoint-1,
	// interpolated between the samples either side.
	nextPoint int64
	points    ring[point]

	// For a fine window, marks holds samples at least gap apart reaching
	// back over the Avg window, to find the counts at its left edge; edge
	// is the place of the last one at or before that edge, which only
	// moves forward; lastMark is the time of the newest.
	marks    ring[sample]
	edge     int
	lastMark time.Duration

	// inView and outView are what InHistory and OutHistory point into.
	inView, outView histView
}

// MakeTracker returns an empty tracker for cfg; cfg must be valid. It is
// a value, to be kept inside whatever holds it (a device), so that a
// sample follows one pointer less; a tracker in use is not copied.
func MakeTracker(cfg Config) Tracker {
	return Tracker{
		currN:   cfg.CurrSamples(),
		gap:     cfg.markGap(),
		coarse:  cfg.coarse(),
		average: cfg.Average,
		avgSecs: cfg.Average.Seconds(),
		recent:  newRing[sample](cfg.CurrSamples() + 1),
		marks:   newRing[sample](cfg.marks()),
		points:  newRing[point](cfg.marks()),
		hist:    history{ring: newRing[histPair](cfg.History)},
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
		t.firstAt = at
		t.last = sample{at: at}
		t.recent.push(t.last)
		t.edgeK, t.edgeNext, t.edgeStale = 0, at+t.gap, true
		if t.coarse {
			t.points.push(point{})
			t.nextPoint, t.nextAt = 1, at+t.gap
		} else {
			t.marks.push(t.last)
			t.lastMark = at
		}
		return
	}
	prev := t.last
	if at <= prev.at {
		return
	}
	if rx < t.rawIn || tx < t.rawOut {
		t.resets++
	}
	cur := sample{at: at, in: prev.in + delta(t.rawIn, rx), out: prev.out + delta(t.rawOut, tx)}
	t.rawIn, t.rawOut = rx, tx
	t.in.Total, t.out.Total = rx, tx
	t.last = cur
	t.recent.push(cur)
	if t.coarse {
		if cur.at >= t.nextAt {
			t.checkpoint(prev, cur)
		}
	} else if cur.at-t.lastMark >= t.gap {
		if t.marks.len() == int(t.marks.max) {
			t.edge = max(0, t.edge-1)
		}
		t.marks.push(cur)
		t.lastMark = cur.at
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
// interpolated between the two samples; cur.at is at or past nextAt.
// After a gap longer than the window only those the ring can hold are
// computed.
func (t *Tracker) checkpoint(prev, cur sample) {
	last := int64((cur.at - t.firstAt) / t.gap)
	if from := last - int64(t.points.max) + 1; from > t.nextPoint {
		t.points.clear()
		t.nextPoint = from
	}
	span := float64(cur.at - prev.at)
	for k := t.nextPoint; k <= last; k++ {
		frac := float64(t.firstAt+time.Duration(k)*t.gap-prev.at) / span
		t.points.push(point{
			in:  prev.in + uint64(float64(cur.in-prev.in)*frac+0.5),
			out: prev.out + uint64(float64(cur.out-prev.out)*frac+0.5),
		})
	}
	t.nextPoint = last + 1
	t.nextAt = t.firstAt + time.Duration(t.nextPoint)*t.gap
	t.edgeStale = true
}

func (t *Tracker) update(newest sample) {
	n := t.recent.len()
	back := t.recent.at(max(0, n-1-t.currN))
	t.in.Curr, t.out.Curr = rates(back, newest)
	t.in.Avg, t.out.Avg = t.averages(newest)
	if t.rates == 0 {
		t.in.Min, t.in.Max = t.in.Curr, t.in.Curr
		t.out.Min, t.out.Max = t.out.Curr, t.out.Curr
	} else {
		t.in.Min, t.in.Max = min(t.in.Min, t.in.Curr), max(t.in.Max, t.in.Curr)
		t.out.Min, t.out.Max = min(t.out.Min, t.out.Curr), max(t.out.Max, t.out.Curr)
	}
	t.rates++
	t.hist.push(histPair{toRate16(t.in.Curr), toRate16(t.out.Curr)})
}

// averages is the rate over the Average window ending at newest, or over
// everything held while less than a window has passed. The counts at the
// window's left edge are interpolated between the kept samples around it.
func (t *Tracker) averages(newest sample) (in, out float64) {
	edge := newest.at - t.average
	if edge <= t.firstAt {
		return rates(sample{at: t.firstAt}, newest)
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
	in = (float64(newest.in-p0.in) - float64(p1.in-p0.in)*frac) / t.avgSecs
	out = (float64(newest.out-p0.out) - float64(p1.out-p0.out)*frac) / t.avgSecs
	return in, out
}

// coarseAverage is averages for a coarse window: the counts at its left
// edge, which is past the first sample, are interpolated between the
// checkpoints around it.
func (t *Tracker) coarseAverage(newest sample, edge time.Duration) (in, out float64) {
	if edge >= t.edgeNext {
		if edge-t.edgeNext >= t.gap {
			t.edgeK = int64((edge - t.firstAt) / t.gap)
			t.edgeNext = t.firstAt + time.Duration(t.edgeK+1)*t.gap
		} else {
			t.edgeK++
			t.edgeNext += t.gap
		}
		t.edgeStale = true
	}
	if t.edgeStale {
		base := t.nextPoint - int64(t.points.len())
		k := max(t.edgeK, base)
		t.edgeP0 = t.points.at(int(k - base))
		t.edgeT0 = t.firstAt + time.Duration(k)*t.gap
		t.edgeHasP1 = k+1 < t.nextPoint
		if t.edgeHasP1 {
			t.edgeP1 = t.points.at(int(k + 1 - base))
		}
		t.edgeStale = false
	}
	p0, t0 := t.edgeP0, t.edgeT0
	p1, t1 := point{in: newest.in, out: newest.out}, newest.at
	if t.edgeHasP1 {
		p1, t1 = t.edgeP1, t0+t.gap
	}
	frac := 0.0
	if t1 > t0 {
		frac = max(0, min(1, float64(edge-t0)/float64(t1-t0)))
	}
	in = (float64(newest.in-p0.in) - float64(p1.in-p0.in)*frac) / t.avgSecs
	out = (float64(newest.out-p0.out) - float64(p1.out-p0.out)*frac) / t.avgSecs
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
	t.lastMark = 0
	t.points.clear()
	t.nextPoint, t.nextAt = 0, 0
	t.edgeK, t.edgeNext = 0, 0
	t.edgeP0, t.edgeP1, t.edgeT0 = point{}, point{}, 0
	t.edgeHasP1, t.edgeStale = false, false
	t.firstAt = 0
	t.last = sample{}
	t.hist.clear()
	t.seen = false
	t.rawIn, t.rawOut = 0, 0
	t.in, t.out = Stat{}, Stat{}
	t.rates = 0
}

// Valid reports whether rates exist, which takes two samples.
func (t *Tracker) Valid() bool { return t.rates > 0 }

// In returns the incoming statistics.
func (t *Tracker) In() Stat { return t.in }

// Out returns the outgoing statistics.
func (t *Tracker) Out() Stat { return t.out }

// CopyStats sets *in and *out to In() and Out(). It copies field by
// field: right after Add has stored them one by one, that is what the
// processor can hand over from its store buffer, where a copy of the
// whole struct (in overlapping 16-byte moves) waits for every pending
// store to reach the cache first.
func (t *Tracker) CopyStats(in, out *Stat) {
	in.Curr, in.Avg, in.Min, in.Max, in.Total = t.in.Curr, t.in.Avg, t.in.Min, t.in.Max, t.in.Total
	out.Curr, out.Avg, out.Min, out.Max, out.Total = t.out.Curr, t.out.Avg, t.out.Min, t.out.Max, t.out.Total
}

// Resets counts the counter resets seen since the tracker was made.
func (t *Tracker) Resets() int { return t.resets }

// InHistory returns the incoming Curr values, oldest first.
func (t *Tracker) InHistory() History {
	t.inView = histView{r: &t.hist, dir: 0}
	return History{v: &t.inView}
}

// OutHistory returns the outgoing Curr values, oldest first.
func (t *Tracker) OutHistory() History {
	t.outView = histView{r: &t.hist, dir: 1}
	return History{v: &t.outView}
}

// histView is one direction of a tracker's graph history. A History
// points to one (the tracker keeps them) rather than holding it, so that
// it fits in an interface without an allocation.
type histView struct {
	r   *history
	dir int
}

// History is a read-only view of Curr values, oldest first, kept in 16
// bits each (see rate16): a graph needs no more.
type History struct{ v *histView }

// Len is the number of values.
func (h History) Len() int {
	if h.v == nil {
		return 0
	}
	return h.v.r.len()
}

// At returns value i, 0 being the oldest.
func (h History) At(i int) float64 { return h.v.r.at(i)[h.v.dir].float() }

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

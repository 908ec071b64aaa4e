// Package coldtick times benchmark ticks that each begin with the caches
// evicted, as a real tick of winload meets its data after 100 ms of other
// work (the kernel's dump, the drawing): the 1,000-device benchmarks of
// stats, monitor and history share it. It is used by benchmarks only.
package coldtick

import (
	"slices"
	"testing"
	"time"
)

// Ticks evicts the caches before each tick and keeps each tick's time.
// On a shared machine a tick's wall time includes other programs' turns;
// the lowest decile and the median of the ticks, which Report adds, are
// steadier than the mean.
type Ticks struct {
	junk []byte
	took []time.Duration
}

// New returns Ticks with a 16 MiB buffer to evict the caches with,
// several times a core's level-2 cache.
func New() *Ticks {
	return &Ticks{junk: make([]byte, 16<<20), took: make([]time.Duration, 0, 1<<16)}
}

// Begin writes the buffer with b's timer stopped, then runs warm (if any),
// which reads what the tick should find in cache, and restarts the timer.
func (c *Ticks) Begin(b *testing.B, warm func()) {
	b.StopTimer()
	for i := 0; i < len(c.junk); i += 64 {
		c.junk[i]++
	}
	if warm != nil {
		warm()
	}
	b.StartTimer()
}

// Run times tick. It is never inlined, so that tools which count one
// function's work (callgrind --toggle-collect) can count a tick's.
//
//go:noinline
func (c *Ticks) Run(tick func()) {
	start := time.Now()
	tick()
	if len(c.took) < cap(c.took) {
		c.took = append(c.took, time.Since(start))
	}
}

// Report adds the lowest decile and the median tick to b's results.
func (c *Ticks) Report(b *testing.B) {
	slices.Sort(c.took)
	if n := len(c.took); n > 0 {
		b.ReportMetric(float64(c.took[n/10].Nanoseconds()), "p10-ns/tick")
		b.ReportMetric(float64(c.took[n/2].Nanoseconds()), "p50-ns/tick")
	}
}

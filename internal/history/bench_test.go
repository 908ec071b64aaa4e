package history

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
)

// BenchmarkUsage is the cost the screen pays per frame for Today, Month
// and the bars.
func BenchmarkUsage(b *testing.B) {
	r, err := Open(Options{Path: b.TempDir() + "/h", Calendar: Calendar{Loc: time.Local, MonthStart: 1}, Boot: "b"}, t0)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	for i := range uint64(24 * 62) {
		_ = r.Write(now.Add(time.Duration(i)*time.Hour-62*24*time.Hour), reading("eth0", i*1000, i*100))
	}
	var u frame.Usage
	b.ReportAllocs()
	for b.Loop() {
		r.Usage("eth0", now, &u)
	}
}

// BenchmarkWrite is the cost per sample of adding one device's counters.
func BenchmarkWrite(b *testing.B) {
	r, err := Open(Options{Path: b.TempDir() + "/h", Calendar: Calendar{Loc: time.Local, MonthStart: 1}, Boot: "b"}, t0)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	rd := reading("eth0", 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(100 * time.Millisecond)
		rd[0].In.Total += 1000
		_ = r.Write(now, rd)
	}
}

// thousand is the readings of 1,000 devices, as the monitor hands them
// to its sinks every tick.
func thousand() []monitor.Reading {
	rds := make([]monitor.Reading, 1000)
	for i := range rds {
		rds[i] = monitor.Reading{Device: fmt.Sprintf("ifb%d", i), Valid: true}
	}
	return rds
}

// BenchmarkWrite1000Idle is a tick of 1,000 devices whose counters do not
// move (the bench-scale case): the cost per tick, not per device.
func BenchmarkWrite1000Idle(b *testing.B) {
	benchWrite1000(b, 0)
}

// BenchmarkWrite1000Busy is a tick of 1,000 devices that all moved.
func BenchmarkWrite1000Busy(b *testing.B) {
	benchWrite1000(b, 1000)
}

// BenchmarkWrite1000BusyCold is BenchmarkWrite1000Busy as a real tick
// meets it: the rest of a 100 ms tick has pushed the records out of the
// nearer caches, which coldTicks stands for.
func BenchmarkWrite1000BusyCold(b *testing.B) {
	benchWrite1000Cold(b, 1000)
}

// BenchmarkWrite1000IdleCold is BenchmarkWrite1000Idle likewise.
func BenchmarkWrite1000IdleCold(b *testing.B) {
	benchWrite1000Cold(b, 0)
}

func benchWrite1000Cold(b *testing.B, step uint64) {
	r, err := Open(Options{Path: b.TempDir() + "/h", Calendar: Calendar{Loc: time.Local, MonthStart: 1}, Boot: "b"}, t0)
	if err != nil {
		b.Fatal(err)
	}
	rds := thousand()
	now := time.Now()
	_ = r.Write(now, rds)
	cold := newColdTicks()
	tick := func() { _ = r.Write(now, rds) }
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(100 * time.Millisecond)
		for i := range rds {
			rds[i].In.Total += step
		}
		cold.begin(b, func() { // the monitor has just written the readings
			for i := range rds {
				rds[i].Valid = true
			}
		})
		cold.run(tick)
	}
	cold.report(b)
}

func benchWrite1000(b *testing.B, step uint64) {
	r, err := Open(Options{Path: b.TempDir() + "/h", Calendar: Calendar{Loc: time.Local, MonthStart: 1}, Boot: "b"}, t0)
	if err != nil {
		b.Fatal(err)
	}
	rds := thousand()
	now := time.Now()
	_ = r.Write(now, rds)
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(100 * time.Millisecond)
		for i := range rds {
			rds[i].In.Total += step
		}
		_ = r.Write(now, rds)
	}
}

// fullRecord is a device with every bucket filled, as after two years.
func fullRecord(now time.Time, cal Calendar) *Record {
	r := &Record{Total: Amount{1e12, 1e11}, Updated: now.Unix(), Last: Counters{Boot: "0f3c6a8e-4b3d-4a8e-9f1e-2c7d5b9a1e00"}}
	for h := range keepHours {
		r.Hours = append(r.Hours, Bucket{Start: cal.Hour(now.Add(time.Duration(h-keepHours+1) * time.Hour)).Unix(), Amount: Amount{1e6, 1e5}})
	}
	for d := range keepDays {
		r.Days = append(r.Days, Bucket{Start: cal.Day(now.AddDate(0, 0, d-keepDays+1)).Unix(), Amount: Amount{1e9, 1e8}})
	}
	for m := range keepMonths {
		r.Months = append(r.Months, Bucket{Start: cal.Month(now.AddDate(0, m-keepMonths+1, 0)).Unix(), Amount: Amount{1e10, 1e9}})
	}
	return r
}

// BenchmarkOpen200 is the start of a run with a file of 200 full devices:
// B/op is what loading allocates (what the peak RSS sees), live-B/device
// what stays in memory per device.
func BenchmarkOpen200(b *testing.B) {
	path := b.TempDir() + "/h"
	recs := map[string]*Record{}
	for i := range 200 {
		recs[fmt.Sprintf("veth%07x", i)] = fullRecord(t0, utc)
	}
	s := store{path: path}
	if err := s.save(fileOf(recs)); err != nil {
		b.Fatal(err)
	}
	var live uint64
	b.ReportAllocs()
	for b.Loop() {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		r, err := Open(Options{Path: path, Calendar: utc, Boot: "b", ReadOnly: true}, t0)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		live = m1.HeapAlloc - m0.HeapAlloc
		runtime.KeepAlive(r)
	}
	b.ReportMetric(float64(live)/200, "live-B/device")
}

// BenchmarkFlush200 is one flush of 200 full devices.
func BenchmarkFlush200(b *testing.B) {
	r, err := Open(Options{Path: b.TempDir() + "/h", Calendar: utc, Boot: "b"}, t0)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 200 {
		name := fmt.Sprintf("veth%07x", i)
		r.recs[name] = &entry{name: name, rec: fullRecord(t0, utc)}
	}
	b.ReportAllocs()
	for b.Loop() {
		r.dirty = true
		if err := r.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

// coldTicks times benchmark ticks that each begin with the caches
// evicted, as a real 100 ms tick meets its data after the kernel's dump
// and the drawing: begin writes 16 MiB (several times a core's level-2
// cache) with the timer stopped, then runs warm (if any), which reads
// what the tick finds in cache. On a shared machine a tick's wall time
// includes other programs' turns; the lowest decile and the median of the
// ticks, which report adds, are steadier than the mean.
type coldTicks struct {
	junk []byte
	took []time.Duration
}

func newColdTicks() *coldTicks {
	return &coldTicks{junk: make([]byte, 16<<20), took: make([]time.Duration, 0, 1<<16)}
}

func (c *coldTicks) begin(b *testing.B, warm func()) {
	b.StopTimer()
	for i := 0; i < len(c.junk); i += 64 {
		c.junk[i]++
	}
	if warm != nil {
		warm()
	}
	b.StartTimer()
}

// run times tick; it is never inlined, so that tools which count one
// function's work (callgrind --toggle-collect) can count a tick's.
//
//go:noinline
func (c *coldTicks) run(tick func()) {
	start := time.Now()
	tick()
	if len(c.took) < cap(c.took) {
		c.took = append(c.took, time.Since(start))
	}
}

func (c *coldTicks) report(b *testing.B) {
	slices.Sort(c.took)
	if n := len(c.took); n > 0 {
		b.ReportMetric(float64(c.took[n/10].Nanoseconds()), "p10-ns/tick")
		b.ReportMetric(float64(c.took[n/2].Nanoseconds()), "p50-ns/tick")
	}
}

package history

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/winload/winload/internal/coldtick"
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
// nearer caches, which coldtick stands for.
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
	cold := coldtick.New()
	tick := func() { _ = r.Write(now, rds) }
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(100 * time.Millisecond)
		for i := range rds {
			rds[i].In.Total += step
		}
		cold.Begin(b, func() { // the monitor has just written the readings
			for i := range rds {
				rds[i].Valid = true
			}
		})
		cold.Run(tick)
	}
	cold.Report(b)
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

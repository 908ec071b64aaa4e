package history

import (
	"fmt"
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

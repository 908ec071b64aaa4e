package history

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
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

package history

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/stats"
)

// ticks builds one tick's readings from device names and counters.
func tick(devs ...any) []monitor.Reading {
	var rds []monitor.Reading
	for i := 0; i < len(devs); i += 2 {
		n := devs[i+1].(int)
		rds = append(rds, monitor.Reading{Device: devs[i].(string), In: stats.Stat{Total: uint64(n)}, Out: stats.Stat{Total: uint64(2 * n)}, Valid: true})
	}
	return rds
}

// TestWriteDevicesComeAndGo checks that a tick whose devices differ from
// the last one's (gone, new, in another order) adds each device's growth
// to that device.
func TestWriteDevicesComeAndGo(t *testing.T) {
	r := open(t, tempPath(t), "b1", t0)
	steps := [][]monitor.Reading{
		tick("a", 100, "b", 1000, "c", 10000),
		tick("a", 101, "b", 1002, "c", 10003),
		tick("b", 1010, "c", 10030),           // a is gone
		tick("c", 10300, "a", 111, "b", 1110), // a is back, another order
		tick("d", 5, "c", 13300, "a", 211),    // d is new, b is gone
		tick("d", 6, "c", 13301, "a", 212, "b", 1111),
		tick("a", 213),
	}
	now := t0
	for _, s := range steps {
		now = now.Add(time.Second)
		if err := r.Write(now, s); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]uint64{"a": 213 - 100, "b": 1111 - 1000, "c": 13301 - 10000, "d": 1}
	recs := r.Records()
	for dev, in := range want {
		if rec := recs[dev]; rec == nil || rec.Total != (Amount{In: in, Out: 2 * in}) {
			t.Errorf("%s: total %+v, want in %d out %d", dev, rec, in, 2*in)
		}
	}
	if len(recs) != len(want) {
		t.Errorf("%d records, want %d", len(recs), len(want))
	}
}

// TestWriteSteadyTickAllocates nothing: a tick of the same 1,000 devices
// whose counters all grew, within one hour.
func TestWriteSteadyTickAllocatesNothing(t *testing.T) {
	r := open(t, tempPath(t), "b1", t0)
	rds := thousand()
	now := t0
	_ = r.Write(now, rds)
	step := func() {
		now = now.Add(100 * time.Millisecond)
		for i := range rds {
			rds[i].In.Total += 1500
			rds[i].Out.Total += 100
		}
		_ = r.Write(now, rds)
	}
	step() // the first growth makes the buckets
	if n := testing.AllocsPerRun(100, step); n != 0 {
		t.Errorf("a steady tick of 1,000 devices allocates %.1f times, want 0", n)
	}
}

// Ticks whose counters did not move still mark the device as seen each
// second (Updated), and the next growth is added in full: an idle tick
// that skips the record loses nothing.
func TestIdleTicksKeepUpdatedAndCounters(t *testing.T) {
	r := open(t, tempPath(t), "b1", t0)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	steps := []struct {
		ms      int
		in      uint64
		updated time.Time
		total   uint64
	}{
		{0, 500, t0, 0},
		{100, 600, t0, 100},
		{200, 600, t0, 100},
		{900, 600, t0, 100},
		{1000, 600, at(1000), 100},
		{1100, 600, at(1000), 100},
		{2500, 600, at(2000), 100},
		{2600, 650, at(2000), 150},
		{2700, 650, at(2000), 150},
	}
	for _, s := range steps {
		if err := r.Write(at(s.ms), reading("eth0", s.in, 0)); err != nil {
			t.Fatal(err)
		}
		rec := r.Records()["eth0"]
		if rec.Updated != s.updated.Unix() || rec.Total.In != s.total || rec.Last.In != s.in {
			t.Errorf("at %d ms: Updated %d, Total.In %d, Last.In %d; want %d, %d, %d", s.ms, rec.Updated, rec.Total.In, rec.Last.In, s.updated.Unix(), s.total, s.in)
		}
	}
}

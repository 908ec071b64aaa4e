package monitor

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/coldtick"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// many is a Source of n devices whose counters grow each read, like
// /proc/net/dev in a namespace with n interfaces: sorted by name, names
// kept from read to read.
type many struct {
	devs []source.Device
}

func newMany(n int, prefix string) *many {
	m := &many{}
	m.add(n, prefix)
	return m
}

// add appends n devices named prefix0, prefix1, ..., keeping the list
// sorted.
func (m *many) add(n int, prefix string) {
	for i := range n {
		m.devs = append(m.devs, source.Device{Name: fmt.Sprintf("%s%04d", prefix, i), Addr: "10.0.0.1"})
	}
	slices.SortFunc(m.devs, func(a, b source.Device) int { return strings.Compare(a.Name, b.Name) })
}

func (m *many) Read(dst []source.Device) ([]source.Device, error) {
	for i := range m.devs {
		m.devs[i].Rx += uint64(1000 + i)
		m.devs[i].Tx += uint64(500 + i)
	}
	return append(dst[:0], m.devs...), nil
}

func (m *many) Status() source.Status { return source.Status{} }

var benchCfg = stats.Config{Interval: 500 * time.Millisecond, Average: 300 * time.Second, History: 1024}

func benchMonitor(b *testing.B, n int, f Filter) (*Monitor, *many, time.Time) {
	return warmMonitor(b, n, f, 1200) // ten minutes at 500 ms: every ring full
}

func warmMonitor(b *testing.B, n int, f Filter, samples int) (*Monitor, *many, time.Time) {
	src := newMany(n, "ifb")
	m, err := New(src, Options{Stats: benchCfg, Filter: f})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Unix(0, 0)
	for range samples {
		now = now.Add(benchCfg.Interval)
		if err := m.Sample(now); err != nil {
			b.Fatal(err)
		}
	}
	return m, src, now
}

// BenchmarkSample1000 is one tick's sampling work with 1,000 devices in
// steady state (the source's own cost excluded): statistics of every
// device, the selected device's frame.
func BenchmarkSample1000(b *testing.B) {
	m, _, now := benchMonitor(b, 1000, Filter{})
	var f frame.Frame
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(benchCfg.Interval)
		m.Sample(now)
		m.Frame(&f)
	}
}

// BenchmarkSample1000Cold is BenchmarkSample1000 with a sink, as a real
// tick meets it: the rest of a 100 ms tick (the kernel's dump, drawing)
// has pushed the devices out of the nearer caches, which coldtick
// stands for. The sink reads what the history reads: names and totals.
// The windows are those of -t 100.
func BenchmarkSample1000Cold(b *testing.B) {
	cfg := stats.Config{Interval: 100 * time.Millisecond, Average: 300 * time.Second, History: 1024}
	sink := &totals{}
	src := newMany(1000, "ifb")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := New(src, Options{Stats: cfg, Sinks: []Sink{sink}})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Unix(0, 0)
	for range 3000 { // five minutes: every ring full
		now = now.Add(cfg.Interval)
		if err := m.Sample(now); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	cold := coldtick.New()
	var f frame.Frame
	b.ReportAllocs()
	tick := func() {
		now = now.Add(cfg.Interval)
		m.Sample(now)
		m.Frame(&f)
	}
	for b.Loop() {
		cold.Begin(b, nil)
		cold.Run(tick)
	}
	cold.Report(b)
	if sink.in == 0 {
		b.Fatal("the sink saw no traffic")
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1000, "heap-B/device")
}

// totals is a sink that adds up the totals it is handed.
type totals struct {
	in, out uint64
	names   int
}

func (t *totals) Write(_ time.Time, readings []Reading) error {
	for i := range readings {
		t.in += readings[i].In.Total
		t.out += readings[i].Out.Total
		t.names += len(readings[i].Device)
	}
	return nil
}

// BenchmarkSample1000Filtered is BenchmarkSample1000 with an exclude glob,
// which every device name is checked against.
func BenchmarkSample1000Filtered(b *testing.B) {
	m, _, now := benchMonitor(b, 1000, Filter{Exclude: []string{"veth*", "docker*"}})
	var f frame.Frame
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(benchCfg.Interval)
		m.Sample(now)
		m.Frame(&f)
	}
}

// BenchmarkMultiPage1000 is the multi view's per-frame model work with
// 1,000 devices: the selected frame and a page of twelve device frames,
// the page holding the last device.
func BenchmarkMultiPage1000(b *testing.B) {
	m, _, _ := benchMonitor(b, 1000, Filter{})
	m.Move(-1)
	var sel, buf frame.Frame
	b.ReportAllocs()
	for b.Loop() {
		m.Frame(&sel)
		for i := 988; i < 1000; i++ {
			m.FrameAt(i, &buf)
		}
	}
}

// BenchmarkAppear100 is the tick on which 100 devices appear beside
// 1,000 present ones.
func BenchmarkAppear100(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		m, src, now := warmMonitor(b, 1000, Filter{}, 2)
		src.add(100, "new")
		b.StartTimer()
		m.Sample(now.Add(benchCfg.Interval))
	}
}

// BenchmarkSampleSystem is one tick's sampling work on this system's own
// interfaces through the real source, addresses included: run it in a
// network namespace with 1,000 interfaces (scripts/bench-scale makes one)
// to see the source's share at that scale.
func BenchmarkSampleSystem(b *testing.B) {
	src, err := source.Open(source.Options{})
	if err != nil {
		b.Skip(err)
	}
	defer src.Close()
	m, err := New(src, Options{Stats: benchCfg})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	var f frame.Frame
	tick := func() {
		now = now.Add(benchCfg.Interval)
		if err := m.Sample(now); err != nil {
			b.Fatal(err)
		}
		m.Frame(&f)
	}
	for range 1200 { // ten minutes at 500 ms: every ring full
		tick()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tick()
	}
	b.ReportMetric(float64(m.Len()), "devices")
}

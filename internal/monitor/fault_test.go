package monitor

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// faultCfg makes Curr span two samples, so a bad step stays in the Curr
// window for a while, and keeps the Avg window short enough to slide.
var faultCfg = stats.Config{Interval: 500 * time.Millisecond, Average: 5 * time.Second, History: 64}

// faultStep is one Read of a faulty source: the time the sample is taken
// at (from the monitor's start) and what the source returns.
type faultStep struct {
	at   time.Duration
	devs []source.Device
	err  error
}

// faultWant is what must hold after the last step for one device.
type faultWant struct {
	device   string
	gone     bool
	valid    bool
	currIn   float64 // exact, when valid
	totalIn  uint64
	totalOut uint64
}

type faultCase struct {
	name  string
	steps []faultStep
	// bound is the true incoming rate no statistic may exceed, in B/s;
	// outgoing traffic is half of it in every script.
	bound float64
	want  []faultWant
}

// steady returns n steps from start, every 500 ms, of a device moving
// rate B/s in and rate/2 out from the counters rx0.
func steady(name string, start time.Duration, n int, rx0 uint64, rate float64) []faultStep {
	steps := make([]faultStep, n)
	for i := range n {
		at := start + time.Duration(i)*500*time.Millisecond
		moved := uint64(rate * (at - start).Seconds())
		steps[i] = faultStep{at: at, devs: []source.Device{dev(name, rx0+moved, rx0/2+moved/2)}}
	}
	return steps
}

func concat(parts ...[]faultStep) []faultStep {
	var all []faultStep
	for _, p := range parts {
		all = append(all, p...)
	}
	return all
}

// wrap32Steps reads a 32-bit counter that starts just below 2^32 and
// passes it, unwrapped by source.Unwrap32 when unwrap is set, as a
// 32-bit source does, else handed on raw.
func wrap32Steps(unwrap bool) []faultStep {
	const rate = 1000
	var uin, uout source.Unwrap32
	start := uint32(math.MaxUint32 - 2500) // in wraps at step 6, out at step 11
	var steps []faultStep
	for i := range 14 {
		in := start + uint32(i*rate/2) // modulo 2^32, as the hardware counts
		out := start + uint32(i*rate/4)
		rx, tx := uint64(in), uint64(out)
		if unwrap {
			rx, tx = uin.Next(in), uout.Next(out)
		}
		steps = append(steps, faultStep{at: time.Duration(i) * 500 * time.Millisecond, devs: []source.Device{dev("eth0", rx, tx)}})
	}
	return steps
}

func faultCases() []faultCase {
	const rate = 1000.0
	start32 := uint64(math.MaxUint32 - 2500)
	cases := []faultCase{
		{
			name:  "32-bit wrap unwrapped by Unwrap32",
			steps: wrap32Steps(true),
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: start32 + 13*500, totalOut: start32 + 13*250}},
		},
		{
			// A source that forgot to unwrap: the wrap looks like a reset
			// and counts nothing, rather than 2^32 bytes in one step.
			name:  "32-bit wrap left raw",
			steps: wrap32Steps(false),
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: (start32 + 13*500) % (1 << 32), totalOut: (start32 + 13*250) % (1 << 32)}},
		},
		{
			name: "64-bit reset",
			steps: concat(
				steady("eth0", 0, 6, 1<<40, rate),
				steady("eth0", 3*time.Second, 8, 0, rate), // the driver reset the counter to 0
			),
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: 3500, totalOut: 1750}},
		},
		{
			name: "jittered timestamps",
			steps: func() []faultStep {
				var s []faultStep
				at := time.Duration(0)
				for _, gap := range []int{0, 700, 300, 900, 120, 500, 1300, 60, 410, 500, 998, 2} {
					at += time.Duration(gap) * time.Millisecond
					moved := uint64(at / time.Millisecond) // 1000 B/s
					s = append(s, faultStep{at: at, devs: []source.Device{dev("eth0", 5000+moved, 2500+moved/2)}})
				}
				return s
			}(),
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: 5000 + 5790, totalOut: 2500 + 5790/2}},
		},
		{
			// The clock read stalled while the counter moved on: the
			// reading with the repeated time must not divide by zero, and
			// its bytes belong to the next step.
			name: "repeated timestamps",
			steps: []faultStep{
				{at: 0, devs: []source.Device{dev("eth0", 0, 0)}},
				{at: 1 * time.Second, devs: []source.Device{dev("eth0", 1000, 500)}},
				{at: 1 * time.Second, devs: []source.Device{dev("eth0", 1400, 700)}},
				{at: 1 * time.Second, devs: []source.Device{dev("eth0", 1800, 900)}},
				{at: 2 * time.Second, devs: []source.Device{dev("eth0", 2000, 1000)}},
				{at: 2 * time.Second, devs: []source.Device{dev("eth0", 2000, 1000)}},
				{at: 3 * time.Second, devs: []source.Device{dev("eth0", 3000, 1500)}},
			},
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: 3000, totalOut: 1500}},
		},
		{
			name: "clock steps backwards",
			steps: []faultStep{
				{at: 0, devs: []source.Device{dev("eth0", 0, 0)}},
				{at: 1 * time.Second, devs: []source.Device{dev("eth0", 1000, 500)}},
				{at: 2 * time.Second, devs: []source.Device{dev("eth0", 2000, 1000)}},
				{at: 1500 * time.Millisecond, devs: []source.Device{dev("eth0", 2100, 1050)}},
				{at: 3 * time.Second, devs: []source.Device{dev("eth0", 3000, 1500)}},
				{at: 4 * time.Second, devs: []source.Device{dev("eth0", 4000, 2000)}},
			},
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: 4000, totalOut: 2000}},
		},
		{
			// Failed reads leave the device listed and its statistics as
			// they were; the bytes of the missed steps count at the next.
			name: "reads that fail",
			steps: func() []faultStep {
				s := steady("eth0", 0, 12, 0, rate)
				for _, i := range []int{3, 6, 7} {
					s[i].devs, s[i].err = nil, fmt.Errorf("read %d failed", i)
				}
				return s
			}(),
			bound: rate,
			want:  []faultWant{{device: "eth0", valid: true, currIn: rate, totalIn: 5500, totalOut: 2750}},
		},
		{
			// eth0 is renamed eth1 and keeps its counters: eth1 starts
			// from a baseline instead of counting eth0's whole total.
			name: "device renamed",
			steps: concat(
				steady("eth0", 0, 6, 1<<30, rate),
				steady("eth1", 3*time.Second, 6, 1<<30+3000, rate),
			),
			bound: rate,
			want: []faultWant{
				{device: "eth0", gone: true}, // listed as gone until GoneLinger passes
				{device: "eth1", valid: true, currIn: rate, totalIn: 1<<30 + 3000 + 2500, totalOut: (1<<30+3000)/2 + 1250},
			},
		},
	}
	cases = append(cases, mixedFaults(rate))
	return cases
}

// mixedFaults is a long random script with every fault at once: jitter,
// replayed samples with a repeated or earlier time, failed reads, 64-bit
// resets, and a second device that vanishes and returns. The seed is
// fixed. Times and counters stay consistent with a true rate of rate B/s
// (one byte per millisecond and per unit of rate/1000), so any Curr above
// it is a spike of the monitor's making.
func mixedFaults(rate float64) faultCase {
	perMs := uint64(rate / 1000)
	rng := rand.New(rand.NewPCG(5, 5))
	var steps []faultStep
	var now time.Duration
	var base uint64 = 1 << 35 // the counter when the driver last started
	var moved uint64          // bytes since then
	tap := true
	var prev faultStep // the last successful reading
	for i := range 400 {
		gapMs := 100 + 2*rng.IntN(450) // even, so that out = in/2 stays exact
		now += time.Duration(gapMs) * time.Millisecond
		moved += uint64(gapMs) * perMs
		if i%50 == 0 {
			tap = !tap
		}
		var s faultStep
		switch r := rng.IntN(20); {
		case i > 0 && r == 0:
			s = prev // a stale replay with the same time
		case i > 0 && r == 1:
			s = prev // a stale replay with an earlier time
			s.at -= 200 * time.Millisecond
		case i > 0 && r == 2:
			s.err = errors.New("transient")
		default:
			if i > 0 && r == 3 {
				base, moved = 0, 0 // the counter was reset
			}
			rx := base + moved
			s = faultStep{at: now, devs: []source.Device{dev("eth0", rx, rx/2)}}
			if tap {
				s.devs = append(s.devs, dev("tap0", 77, 77)) // idle
			}
			prev = s
		}
		steps = append(steps, s)
	}
	// End with a reset to zero and clean steps, so the final state is known.
	now += time.Second
	steps = append(steps, faultStep{at: now, devs: []source.Device{dev("eth0", 0, 0), dev("tap0", 77, 77)}})
	tail := steady("eth0", now+500*time.Millisecond, 6, 500, rate)
	for i := range tail {
		tail[i].devs = append(tail[i].devs, dev("tap0", 77, 77))
	}
	steps = append(steps, tail...)
	return faultCase{
		name:  "mixed faults, 400 random steps",
		steps: steps,
		bound: rate,
		want: []faultWant{
			{device: "eth0", valid: true, currIn: rate, totalIn: 500 + 2500, totalOut: 250 + 1250},
			{device: "tap0", valid: true, totalIn: 77, totalOut: 77},
		},
	}
}

// checkBound fails when any number of dir exceeds bound or is not finite.
func checkBound(t *testing.T, step int, name, dir string, d frame.Direction, bound float64) {
	t.Helper()
	limit := bound * (1 + 1e-9)
	for _, v := range []struct {
		what string
		v    float64
	}{{"Curr", d.Curr}, {"Avg", d.Avg}, {"Min", d.Min}, {"Max", d.Max}} {
		if math.IsNaN(v.v) || math.IsInf(v.v, 0) || v.v < 0 || v.v > limit {
			t.Errorf("step %d: %s %s %s = %v, outside [0, %v]", step, name, dir, v.what, v.v, bound)
		}
	}
	if d.History != nil {
		for i := range d.History.Len() {
			if v := d.History.At(i); math.IsNaN(v) || v < 0 || v > limit {
				t.Errorf("step %d: %s %s history[%d] = %v, outside [0, %v]", step, name, dir, i, v, bound)
			}
		}
	}
}

// TestCounterFaults drives the monitor through scripted sources that
// misbehave as real ones do, and checks that no statistic ever exceeds
// the true rate (no spike), nothing panics, and the statistics carry on
// with the right totals afterwards.
func TestCounterFaults(t *testing.T) {
	for _, tc := range faultCases() {
		t.Run(tc.name, func(t *testing.T) {
			src := &scripted{}
			for _, s := range tc.steps {
				src.reads = append(src.reads, s.devs)
				src.errs = append(src.errs, s.err)
			}
			sink := &recordingSink{}
			m, err := New(src, Options{Stats: faultCfg, Sinks: []Sink{sink}})
			if err != nil {
				t.Fatal(err)
			}
			origin := time.Unix(1_700_000_000, 0)
			failures := 0
			var f frame.Frame
			for i, s := range tc.steps {
				names := fmt.Sprint(m.Names())
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("step %d panicked: %v", i, p)
						}
					}()
					err := m.Sample(origin.Add(s.at))
					if (err != nil) != (s.err != nil) {
						t.Fatalf("step %d: Sample returned %v, source returned %v", i, err, s.err)
					}
					if err != nil {
						failures++
						if after := fmt.Sprint(m.Names()); after != names {
							t.Errorf("step %d: a failed read changed the device list from %s to %s", i, names, after)
						}
					}
					for k := range m.Len() {
						m.FrameAt(k, &f)
						if s.err != nil && f.Error == "" {
							t.Errorf("step %d: a failed read is not shown", i)
						}
						checkBound(t, i, f.Device, "in", f.In, tc.bound)
						checkBound(t, i, f.Device, "out", f.Out, tc.bound/2)
					}
					for _, r := range m.Readings(nil) {
						in := frame.Direction{Curr: r.In.Curr, Avg: r.In.Avg, Min: r.In.Min, Max: r.In.Max}
						out := frame.Direction{Curr: r.Out.Curr, Avg: r.Out.Avg, Min: r.Out.Min, Max: r.Out.Max}
						checkBound(t, i, r.Device, "in (reading)", in, tc.bound)
						checkBound(t, i, r.Device, "out (reading)", out, tc.bound/2)
					}
				}()
				if t.Failed() {
					t.FailNow()
				}
			}
			if want := len(tc.steps) - failures - 1; len(sink.writes) != want {
				t.Errorf("sink got %d writes, want one per successful sample after the first: %d", len(sink.writes), want)
			}
			for _, w := range tc.want {
				k := -1
				for i, name := range m.Names() {
					if name == w.device {
						k = i
					}
				}
				if k < 0 {
					t.Errorf("%s not listed: %v", w.device, m.Names())
					continue
				}
				m.FrameAt(k, &f)
				if f.Gone != w.gone || f.In.Valid != w.valid {
					t.Errorf("%s: gone %v valid %v, want gone %v valid %v", w.device, f.Gone, f.In.Valid, w.gone, w.valid)
				}
				if w.gone {
					if f.In.Curr != 0 || f.In.Max != 0 || f.In.History.Len() != 0 {
						t.Errorf("%s is gone but keeps statistics: %+v", w.device, f.In)
					}
					continue
				}
				if f.In.Total != w.totalIn || f.Out.Total != w.totalOut {
					t.Errorf("%s totals %d/%d, want %d/%d", w.device, f.In.Total, f.Out.Total, w.totalIn, w.totalOut)
				}
				if w.valid && math.Abs(f.In.Curr-w.currIn) > 1e-6*max(1, w.currIn) {
					t.Errorf("%s Curr in = %v, want %v: statistics must carry on after the fault", w.device, f.In.Curr, w.currIn)
				}
				if w.valid && math.Abs(f.Out.Curr-w.currIn/2) > 1e-6*max(1, w.currIn) {
					t.Errorf("%s Curr out = %v, want %v", w.device, f.Out.Curr, w.currIn/2)
				}
			}
		})
	}
}

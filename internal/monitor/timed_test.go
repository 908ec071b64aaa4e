package monitor

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

// A device read elsewhere carries the time its counters were taken: the
// rate follows that time, not the sample's. A device without a time uses
// the sample's.
func TestRatesUseTheCountersTime(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	remote := func(rx uint64, at time.Duration) source.Device {
		return source.Device{Name: "web1/eth0", Rx: rx, Tx: rx, At: t0.Add(at)}
	}
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 0, 0), remote(0, 0)},
		{dev("eth0", 1000, 1000), remote(4000, 2*time.Second)},         // taken 2 s later, drawn 1 s later
		{dev("eth0", 2000, 2000), remote(4000, 2*time.Second)},         // the same answer again: ignored
		{dev("eth0", 3000, 3000), remote(4600, 2500*time.Millisecond)}, // half a second later
	}}
	m := newMonitor(t, src)
	for i, want := range []struct{ local, remote float64 }{{0, 0}, {1000, 2000}, {1000, 2000}, {1000, 1200}} {
		if err := m.Sample(t0.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
		var local, far Reading
		for _, r := range m.Readings(nil) {
			switch r.Device {
			case "eth0":
				local = r
			case "web1/eth0":
				far = r
			}
		}
		if local.In.Curr != want.local || far.In.Curr != want.remote {
			t.Errorf("sample %d: local %v B/s, remote %v B/s; want %v and %v", i, local.In.Curr, far.In.Curr, want.local, want.remote)
		}
	}
}

// While a device's counters cannot be read it shows why and has no rates;
// the first reading afterwards is a new baseline, so neither the bytes
// counted meanwhile nor a counter that restarted make a spike.
func TestUnreadableDeviceShowsWhyAndRestarts(t *testing.T) {
	down := source.Device{Name: "web1/eth0", Rx: 2000, Tx: 2000, Err: "unreachable: connection refused"}
	src := &scripted{reads: [][]source.Device{
		{dev("web1/eth0", 0, 0)},
		{dev("web1/eth0", 1000, 1000)},
		{down},
		{down},
		{dev("web1/eth0", 90_000, 90_000)},
		{dev("web1/eth0", 91_000, 91_000)},
	}}
	m := newMonitor(t, src)
	var frames []Reading
	var warnings []string
	for i := range 6 {
		if err := m.Sample(time.Unix(int64(i), 0)); err != nil {
			t.Fatal(err)
		}
		frames = append(frames, m.Readings(nil)[0])
		warnings = append(warnings, selected(m).Warning)
	}
	for i, want := range []struct {
		valid bool
		curr  float64
		err   string
	}{{false, 0, ""}, {true, 1000, ""}, {false, 0, down.Err}, {false, 0, down.Err}, {false, 0, ""}, {true, 1000, ""}} {
		r := frames[i]
		if r.Valid != want.valid || r.In.Curr != want.curr || r.Error != want.err || warnings[i] != want.err {
			t.Errorf("sample %d: valid %v curr %v error %q warning %q; want %v %v %q", i, r.Valid, r.In.Curr, r.Error, warnings[i], want.valid, want.curr, want.err)
		}
	}
	if max := frames[5].In.Max; max != 1000 {
		t.Errorf("Max %v after the outage, want 1000 (no spike)", max)
	}
}

// Preload fills the statistics from past readings before the first
// sample, through the filter; the first sample carries on from there.
func TestPreloadFillsHistory(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	src := &scripted{reads: [][]source.Device{{
		dev("eth0", 5, 5),
		{Name: "web1/eth0", Rx: 3500, Tx: 350, At: at(3)},
	}}}
	m, err := New(src, Options{Stats: testCfg, Filter: Filter{Exclude: []string{"web2/*"}}})
	if err != nil {
		t.Fatal(err)
	}
	m.Preload(at(3), []source.Device{
		{Name: "web1/eth0", Rx: 0, Tx: 0, At: at(0)},
		{Name: "web1/eth0", Rx: 1000, Tx: 100, At: at(1)},
		{Name: "web1/eth0", Rx: 3000, Tx: 300, At: at(2)},
		{Name: "web2/eth0", Rx: 1, Tx: 1, At: at(1)},
		{Name: "web1/eth0", Rx: 9, Tx: 9, Err: "unreachable: x", At: at(2)},
		{Name: "web1/eth0", Rx: 9, Tx: 9}, // no time: not a past reading
	})
	if err := m.Sample(at(3)); err != nil {
		t.Fatal(err)
	}
	if got := m.Names(); len(got) != 2 || got[0] != "eth0" || got[1] != "web1/eth0" {
		t.Fatalf("devices %v", got)
	}
	var f = selected(m)
	m.FrameAt(1, &f)
	if !f.In.Valid || f.In.History.Len() != 3 || f.In.Curr != 500 || f.In.Max != 2000 || f.In.Min != 500 || f.Out.Avg != 350.0/3 {
		t.Fatalf("web1/eth0 after preload: in %+v out %+v", f.In, f.Out)
	}
}

package monitor

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// scripted is a Source that returns one prepared reading per call.
type scripted struct {
	reads  [][]source.Device
	errs   []error
	i      int
	status source.Status
}

func (s *scripted) Read(dst []source.Device) ([]source.Device, error) {
	i := min(s.i, len(s.reads)-1)
	s.i++
	if i < len(s.errs) && s.errs[i] != nil {
		return dst[:0], s.errs[i]
	}
	return append(dst[:0], s.reads[i]...), nil
}

func (s *scripted) Status() source.Status { return s.status }

func dev(name string, rx, tx uint64) source.Device { return source.Device{Name: name, Rx: rx, Tx: tx} }

var testCfg = stats.Config{Interval: time.Second, Average: 10 * time.Second, History: 32}

func newMonitor(t *testing.T, src Source) *Monitor {
	t.Helper()
	m, err := New(src, Options{Stats: testCfg, IsLoopback: func(n string) bool { return n == "lo" }})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func selected(m *Monitor) frame.Frame {
	var f frame.Frame
	m.Frame(&f)
	return f
}

func TestDevicesAppearVanishAndReturn(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 0, 0), dev("lo", 0, 0)},
		{dev("eth0", 1000, 100), dev("lo", 10, 10)},
		{dev("eth0", 2000, 200), dev("lo", 20, 20), dev("docker0", 5, 5)}, // appears
		{dev("lo", 30, 30), dev("docker0", 6, 6)},                         // eth0 vanishes
		{dev("eth0", 50, 5), dev("lo", 40, 40), dev("docker0", 7, 7)},     // returns with small counters
		{dev("eth0", 1050, 105), dev("lo", 50, 50), dev("docker0", 8, 8)},
	}}
	m := newMonitor(t, src)
	start := time.Unix(1000, 0)
	step := func(i int) {
		t.Helper()
		if err := m.Sample(start.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	step(0)
	step(1)
	f := selected(m)
	if f.Device != "eth0" || f.Index != 0 || f.Count != 2 || f.In.Curr != 1000 {
		t.Fatalf("after 2 samples: %+v", f)
	}
	step(2)
	if got := strings.Join(m.Names(), ","); got != "docker0,eth0,lo" {
		t.Fatalf("names = %s", got)
	}
	f = selected(m)
	if f.Device != "eth0" || f.Index != 1 || f.Count != 3 {
		t.Fatalf("selection must follow the device, not the index: %+v", f)
	}
	step(3)
	f = selected(m)
	if !f.Gone || f.In.Valid || f.In.Curr != 0 || f.In.History.Len() != 0 || f.In.Total != 0 {
		t.Fatalf("vanished device must show as gone and reset: %+v", f)
	}
	step(4)
	f = selected(m)
	if f.Gone || f.In.Valid {
		t.Fatalf("returned device must start cleanly: %+v", f)
	}
	step(5)
	f = selected(m)
	if f.In.Curr != 1000 || f.In.Max != 1000 || f.Out.Curr != 100 {
		t.Fatalf("after return: %+v; a returning device must not spike", f.In)
	}
}

func TestGoneDevicesAreDroppedUnlessSelected(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("a", 0, 0), dev("b", 0, 0), dev("c", 0, 0)},
		{dev("a", 0, 0)},
	}}
	m := newMonitor(t, src)
	now := time.Unix(0, 0)
	m.Sample(now)
	m.Move(1) // select b
	m.Sample(now.Add(time.Second))
	if m.Len() != 3 {
		t.Fatalf("gone devices must linger: %v", m.Names())
	}
	m.Sample(now.Add(GoneLinger + 2*time.Second))
	if got := strings.Join(m.Names(), ","); got != "a,b" {
		t.Fatalf("after the linger: %s, want a,b (b is selected)", got)
	}
	if f := selected(m); f.Device != "b" || !f.Gone {
		t.Fatalf("frame %+v", f)
	}
}

func TestMoveWraps(t *testing.T) {
	m := newMonitor(t, &scripted{reads: [][]source.Device{{dev("a", 0, 0), dev("b", 0, 0), dev("c", 0, 0)}}})
	m.Move(1) // no devices yet: no panic
	m.Sample(time.Unix(0, 0))
	var seen []string
	for _, d := range []int{1, 1, 1, -1, -1, -1, -1} {
		m.Move(d)
		seen = append(seen, selected(m).Device)
	}
	if got := strings.Join(seen, ""); got != "bcacbac" {
		t.Errorf("sequence %s", got)
	}
}

func TestSelect(t *testing.T) {
	m := newMonitor(t, &scripted{reads: [][]source.Device{{dev("enp3s0", 0, 0), dev("eth0", 0, 0), dev("lo", 0, 0), dev("veth-lo", 0, 0)}}})
	m.Sample(time.Unix(0, 0))
	for query, want := range map[string]string{"LO": "lo", "e": "enp3s0", "ETH": "eth0", "s0": "enp3s0", "veth": "veth-lo"} {
		if err := m.Select(query); err != nil {
			t.Errorf("Select(%q): %v", query, err)
			continue
		}
		if got := selected(m).Device; got != want {
			t.Errorf("Select(%q) chose %q, want %q", query, got, want)
		}
	}
	err := m.Select("wlan")
	if !errors.Is(err, ErrNoDevice) || !strings.Contains(err.Error(), "enp3s0, eth0, lo, veth-lo") {
		t.Errorf("unknown device error %v must list the devices", err)
	}
}

func TestReadErrorIsShownAndRecovered(t *testing.T) {
	src := &scripted{
		reads:  [][]source.Device{{dev("lo", 0, 0)}, nil, {dev("lo", 200, 200)}},
		errs:   []error{nil, errors.New("boom"), nil},
		status: source.Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`, Warning: "loopback warning"},
	}
	m := newMonitor(t, src)
	m.Sample(time.Unix(0, 0))
	if err := m.Sample(time.Unix(1, 0)); err == nil {
		t.Fatal("want the read error")
	}
	f := selected(m)
	if f.Error != "boom" || f.Gone || f.Tag != "npcap" || f.Warning != "loopback warning" {
		t.Fatalf("frame after a failed read: %+v", f)
	}
	m.Sample(time.Unix(2, 0))
	f = selected(m)
	if f.Error != "" || f.In.Curr != 100 {
		t.Fatalf("after recovery: %+v (the failed read's bytes belong to the next step)", f)
	}
}

func TestWarningOnlyForLoopback(t *testing.T) {
	src := &scripted{reads: [][]source.Device{{dev("eth0", 0, 0), dev("lo", 0, 0)}}, status: source.Status{Warning: "w", Error: "capture stopped"}}
	m := newMonitor(t, src)
	m.Sample(time.Unix(0, 0))
	if f := selected(m); f.Warning != "" || f.Error != "capture stopped" {
		t.Errorf("eth0 frame %+v", f)
	}
	m.Move(1)
	if f := selected(m); f.Warning != "w" {
		t.Errorf("lo frame %+v", f)
	}
}

func TestSampleAndFrameDoNotAllocate(t *testing.T) {
	devs := []source.Device{dev("eth0", 0, 0), dev("lo", 0, 0), dev("wlan0", 0, 0)}
	src := &scripted{reads: [][]source.Device{devs}}
	m := newMonitor(t, src)
	now := time.Unix(0, 0)
	var f frame.Frame
	tick := func() {
		now = now.Add(time.Second)
		for i := range devs {
			devs[i].Rx += 1000
		}
		m.Sample(now)
		m.Frame(&f)
	}
	for range 50 {
		tick()
	}
	if n := testing.AllocsPerRun(100, tick); n != 0 {
		t.Errorf("a tick allocates %v times in steady state", n)
	}
}

type recordingSink struct{ writes [][]Reading }

func (r *recordingSink) Write(_ time.Time, readings []Reading) error {
	r.writes = append(r.writes, append([]Reading(nil), readings...))
	return nil
}

func TestSinksStartAfterTheBaselineSample(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 0, 0), dev("lo", 0, 0)},
		{dev("eth0", 1000, 100), dev("lo", 10, 10)},
		{dev("lo", 20, 20)},
	}}
	sink := &recordingSink{}
	m, err := New(src, Options{Stats: testCfg, Sinks: []Sink{sink}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := range 3 {
		if err := m.Sample(start.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if len(sink.writes) != 2 {
		t.Fatalf("sink got %d writes after 3 samples, want 2 (the first sample is only a baseline)", len(sink.writes))
	}
	first := sink.writes[0]
	if len(first) != 2 || first[0].Device != "eth0" || first[0].In.Curr != 1000 || !first[0].Valid {
		t.Errorf("first write: %+v", first)
	}
	if second := sink.writes[1]; len(second) != 1 || second[0].Device != "lo" {
		t.Errorf("a gone device must not be written: %+v", second)
	}
}

func TestFrameAt(t *testing.T) {
	src := &scripted{reads: [][]source.Device{{dev("eth0", 0, 0), dev("lo", 0, 0), dev("wlan0", 0, 0)}}}
	m := newMonitor(t, src)
	if err := m.Sample(time.Now()); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"eth0", "lo", "wlan0"} {
		var f frame.Frame
		m.FrameAt(i, &f)
		if f.Device != want || f.Index != i || f.Count != 3 {
			t.Errorf("FrameAt(%d) = %q index %d count %d", i, f.Device, f.Index, f.Count)
		}
	}
	var f frame.Frame
	m.FrameAt(3, &f)
	if f.Device != "" || f.Count != 3 {
		t.Errorf("out of range: %+v", f)
	}
	if cur := selected(m); cur.Device != "eth0" || cur.Index != 0 {
		t.Errorf("FrameAt must not change the selection: %q", cur.Device)
	}
}

package monitor

import (
	"slices"
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

// Devices keep their statistics and the filter keeps applying while names
// move between places in the source's list.
func TestNamesMovingBetweenPlaces(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 0, 0), dev("veth0", 0, 0), dev("wlan0", 0, 0)},
		{dev("eth0", 100, 0), dev("veth0", 100, 0), dev("wlan0", 100, 0)},
		{dev("eth0", 200, 0), dev("wlan0", 200, 0)},
		{dev("veth0", 300, 0), dev("wlan0", 300, 0), dev("zz0", 0, 0)},
		{dev("eth0", 400, 0), dev("wlan0", 400, 0), dev("zz0", 100, 0)},
	}}
	m, err := New(src, Options{Stats: testCfg, Filter: Filter{Exclude: []string{"veth*"}}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Unix(0, 0)
	wantNames := [][]string{
		{"eth0", "wlan0"}, {"eth0", "wlan0"}, {"eth0", "wlan0"}, {"eth0", "wlan0", "zz0"}, {"eth0", "wlan0", "zz0"},
	}
	for i := range src.reads {
		if err := m.Sample(start.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
		if got := m.Names(); !slices.Equal(got, wantNames[i]) {
			t.Fatalf("sample %d: names %v, want %v", i, got, wantNames[i])
		}
	}
	want := map[string]float64{"eth0": 0, "wlan0": 100, "zz0": 100}
	for _, r := range m.Readings(nil) {
		if r.In.Curr != want[r.Device] {
			t.Errorf("%s: Curr %v, want %v", r.Device, r.In.Curr, want[r.Device])
		}
	}
}

// copying is a sink that keeps a copy of every Write's readings.
type copying struct{ writes [][]Reading }

func (c *copying) Write(_ time.Time, readings []Reading) error {
	c.writes = append(c.writes, slices.Clone(readings))
	return nil
}

// The readings a sink gets are those of Readings on every tick, whether
// Sample wrote them in place (devices unchanged) or they were made afresh
// (a device appeared, went, came back, failed, or the source's order
// changed), and Present follows the source's list.
func TestSinkReadingsFollowChurn(t *testing.T) {
	bad := dev("eth1", 0, 0)
	bad.Err = "unreachable"
	src := &scripted{reads: [][]source.Device{
		{dev("wlan0", 0, 0), dev("eth0", 0, 0), dev("veth0", 0, 0)},
		{dev("wlan0", 100, 10), dev("eth0", 200, 20), dev("veth0", 1, 1)},
		{dev("wlan0", 300, 30), dev("eth0", 500, 50), dev("veth0", 2, 2)},
		{dev("wlan0", 600, 60), dev("veth0", 3, 3)},
		{dev("wlan0", 700, 70), dev("veth0", 3, 3), dev("eth0", 900, 90)},
		{dev("wlan0", 800, 80), dev("veth0", 3, 3), dev("eth0", 1000, 100), dev("eth1", 5, 5)},
		{dev("wlan0", 900, 90), dev("veth0", 3, 3), dev("eth0", 1100, 110), bad},
		{dev("wlan0", 950, 95), dev("veth0", 3, 3), dev("eth0", 1200, 120), dev("eth1", 50, 50)},
		{dev("eth0", 1300, 130), dev("wlan0", 990, 99), dev("eth1", 90, 90)},
		{dev("eth0", 1400, 140), dev("wlan0", 999, 99), dev("eth1", 95, 90)},
	}}
	sink := &copying{}
	m, err := New(src, Options{Stats: testCfg, Filter: Filter{Exclude: []string{"veth*"}}, Sinks: []Sink{sink}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Unix(0, 0)
	for i := range src.reads {
		if err := m.Sample(start.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range src.reads[i] {
			names = append(names, d.Name)
		}
		if got := m.Present(); !slices.Equal(got, names) {
			t.Errorf("sample %d: Present %v, want %v", i, got, names)
		}
		if i == 0 {
			continue
		}
		got, want := sink.writes[len(sink.writes)-1], m.Readings(nil)
		if !slices.Equal(got, want) {
			t.Errorf("sample %d: the sink got\n%+v\nwant\n%+v", i, got, want)
		}
	}
	if len(sink.writes) != len(src.reads)-1 {
		t.Fatalf("%d writes, want %d", len(sink.writes), len(src.reads)-1)
	}
	if last := sink.writes[len(sink.writes)-1]; len(last) != 3 || last[0].Device != "eth0" || last[0].In.Curr != 100 || last[1].Device != "eth1" || last[1].In.Curr != 5 {
		t.Errorf("last readings %+v", last)
	}
}

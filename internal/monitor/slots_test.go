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

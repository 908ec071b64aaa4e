package monitor

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

// A counter that goes backwards shows in the device's reading, so JSON and
// the traffic log can tell a reset from a quiet second.
func TestReadingsCountResets(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 5000, 100), dev("lo", 0, 0)},
		{dev("eth0", 6000, 200), dev("lo", 10, 10)},
		{dev("eth0", 300, 250), dev("lo", 20, 20)},
		{dev("eth0", 400, 100), dev("lo", 30, 30)},
	}}
	m := newMonitor(t, src)
	start := time.Unix(0, 0)
	for i := range src.reads {
		if err := m.Sample(start.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]int{}
	for _, r := range m.Readings(nil) {
		got[r.Device] = r.Resets
	}
	if got["eth0"] != 2 || got["lo"] != 0 {
		t.Errorf("resets = %v, want eth0:2 lo:0", got)
	}
}

package monitor

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

func TestSnapshotHoldsTheLastSampleOfListedDevices(t *testing.T) {
	extra := source.Extra{Valid: true, RxPackets: 7, TxDropped: 2}
	src := &scripted{
		reads: [][]source.Device{
			{dev("eth0", 10, 20), dev("lo", 1, 2), dev("veth9", 5, 5)},
			{{Name: "eth0", Rx: 1 << 40, Tx: 30, Extra: extra}, dev("lo", 3, 4), dev("veth9", 6, 6)},
			{},
		},
		errs: []error{nil, nil, errors.New("read failed")},
	}
	m, err := New(src, Options{Stats: testCfg, Filter: Filter{Exclude: []string{"veth*"}}, Snapshots: true})
	if err != nil {
		t.Fatal(err)
	}
	if m.Snapshot() != nil {
		t.Fatal("a snapshot before the first sample")
	}
	t0 := time.Unix(1000, 0)
	if err := m.Sample(t0); err != nil {
		t.Fatal(err)
	}
	first := m.Snapshot()
	if err := m.Sample(t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	s := m.Snapshot()
	want := []Counters{{Device: source.Device{Name: "eth0", Rx: 1 << 40, Tx: 30, Extra: extra}}, {Device: dev("lo", 3, 4)}}
	if !s.Time.Equal(t0.Add(time.Second)) || len(s.Devices) != len(want) {
		t.Fatalf("snapshot = %+v, want %+v at %v", s, want, t0.Add(time.Second))
	}
	for i := range want {
		if s.Devices[i] != want[i] {
			t.Errorf("device %d = %+v, want %+v", i, s.Devices[i], want[i])
		}
	}
	// The earlier snapshot is untouched: readers may still hold it.
	if first.Devices[0].Rx != 10 || !first.Time.Equal(t0) {
		t.Errorf("the first snapshot changed: %+v", first)
	}
	// A failed sample keeps the last counters.
	if err := m.Sample(t0.Add(2 * time.Second)); err == nil {
		t.Fatal("no error from the failing read")
	}
	if m.Snapshot() != s {
		t.Error("a failed sample replaced the snapshot")
	}
}

func TestNoSnapshotsUnlessAsked(t *testing.T) {
	m := newMonitor(t, &scripted{reads: [][]source.Device{{dev("lo", 1, 1)}}})
	if err := m.Sample(time.Unix(1, 0)); err != nil {
		t.Fatal(err)
	}
	if s := m.Snapshot(); s != nil {
		t.Errorf("snapshot %+v without Options.Snapshots", s)
	}
}

// TestSnapshotReadersRace reads snapshots on other goroutines while the
// monitor samples; run with -race.
func TestSnapshotReadersRace(t *testing.T) {
	src := &counting{}
	m, err := New(src, Options{Stats: testCfg, Snapshots: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			var last uint64
			for {
				select {
				case <-stop:
					return
				default:
				}
				if s := m.Snapshot(); s != nil {
					if rx := s.Devices[0].Rx; rx < last {
						t.Errorf("counter went back from %d to %d", last, rx)
						return
					} else {
						last = rx
					}
				}
			}
		})
	}
	t0 := time.Unix(0, 0)
	for i := range 2000 {
		if err := m.Sample(t0.Add(time.Duration(i) * time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

// counting is a Source whose one device's counters grow by one per read.
type counting struct{ n uint64 }

func (c *counting) Read(dst []source.Device) ([]source.Device, error) {
	c.n++
	return append(dst[:0], dev("lo", c.n, c.n)), nil
}

func (c *counting) Status() source.Status { return source.Status{} }

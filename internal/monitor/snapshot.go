package monitor

import (
	"time"

	"github.com/winload/winload/internal/source"
)

// Snapshot is the counters of one sample, published by the monitor after
// every successful sample and never changed afterwards, so that other
// goroutines (an exporter's scrapes) read it without locks and without
// holding up the sampling loop.
type Snapshot struct {
	// Time is when the counters were taken.
	Time time.Time
	// Devices are the listed devices present in the sample, by name.
	Devices []Counters
}

// Counters is one device's counters in a snapshot.
type Counters struct {
	// Host is "" for this machine's own devices. Devices read from
	// another machine carry its name, so that an exporter can leave them
	// out instead of passing them off as local.
	Host string
	source.Device
}

// Snapshot returns the last published snapshot, nil before the first
// successful sample or when Options.Snapshots is off. Unlike the other
// methods it may be called from any goroutine.
func (m *Monitor) Snapshot() *Snapshot { return m.snap.Load() }

// publish makes the counters of the devices the filter allows the current
// snapshot. It copies them into a fresh Snapshot each time: readers may
// still hold the previous one.
func (m *Monitor) publish(now time.Time, devs []source.Device) {
	s := &Snapshot{Time: now, Devices: make([]Counters, 0, len(devs))}
	for _, d := range devs {
		if m.filter.Allows(d.Name) {
			s.Devices = append(s.Devices, Counters{Host: d.Host, Device: d})
		}
	}
	m.snap.Store(s)
}

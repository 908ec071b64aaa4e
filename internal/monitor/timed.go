package monitor

import (
	"slices"
	"time"

	"github.com/winload/winload/internal/source"
)

// record adds one reading of d to dev's statistics. at is the local
// sample time since start; a reading that carries its own time (d.At, the
// time another host's counters were taken) is placed there instead, so
// that rates follow the remote clock and not when winload drew them. A
// reading with an error starts the statistics afresh and adds nothing:
// rates are unknown while the counters cannot be read, and the first
// reading after that is a new baseline, so the bytes counted meanwhile,
// or a counter that restarted, make no spike.
func (dev *device) record(d *source.Device, at time.Duration, start time.Time) {
	if d.Err != "" {
		if dev.err == "" {
			dev.tracker.Reset()
		}
		dev.err = d.Err
		return
	}
	dev.err = ""
	if !d.At.IsZero() {
		at = d.At.Sub(start)
	}
	dev.tracker.Add(at, d.Rx, d.Tx)
}

// Preload feeds past readings into the statistics before the first
// Sample, so that graphs and the Avg window start full: history holds
// readings of any devices, each with its time At, oldest first per
// device. now is the time of the coming first Sample. Devices the filter
// hides are skipped; the others join the list as the first Sample would
// add them.
func (m *Monitor) Preload(now time.Time, history []source.Device) {
	if m.start.IsZero() {
		m.start = now
	}
	added := false
	for i := range history {
		d := &history[i]
		if d.At.IsZero() || d.Err != "" {
			continue
		}
		var dev *device
		if dev, added = m.lookup(d.Name, added); dev == nil {
			continue
		}
		dev.addr = d.Addr
		dev.tracker.Add(d.At.Sub(m.start), d.Rx, d.Tx)
	}
	if added {
		slices.SortFunc(m.devices, func(a, b *device) int { return m.filter.compare(a.name, b.name) })
	}
}

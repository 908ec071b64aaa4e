package monitor

import (
	"time"

	"github.com/winload/winload/internal/stats"
)

// Reading is one listed device's statistics after a sample.
type Reading struct {
	Device  string
	In, Out stats.Stat
	// Valid is false until the device has two samples: rates are 0 then.
	Valid bool
	// Resets counts the times a counter of the device went backwards
	// since it was first seen (each is counted as no traffic).
	Resets int
	// Error says why the device's counters could not be read, such as
	// "unreachable: connection refused"; Valid is false then.
	Error string
}

// Sink receives the readings of every present device after each sample,
// such as a traffic log or a text stream. The readings are the monitor's
// own: a sink reads them during Write and neither keeps nor changes them.
type Sink interface {
	Write(now time.Time, readings []Reading) error
}

// SinkError is returned by Sample when a sink failed; the program should
// stop, since its output can no longer be trusted.
type SinkError struct{ Err error }

func (e *SinkError) Error() string { return e.Err.Error() }

// Unwrap returns the sink's error.
func (e *SinkError) Unwrap() error { return e.Err }

// Fatal marks the error as one that ends the program.
func (e *SinkError) Fatal() bool { return true }

// Readings appends the readings of the listed devices that are present to
// dst[:0] and returns it.
func (m *Monitor) Readings(dst []Reading) []Reading {
	dst = dst[:0]
	for _, d := range m.devices {
		if d.gone {
			continue
		}
		dst = append(dst, d.reading())
	}
	return dst
}

// reading is the device's reading.
func (d *device) reading() Reading {
	t := &d.tracker
	return Reading{Device: d.name, In: t.In(), Out: t.Out(), Valid: t.Valid(), Resets: t.Resets(), Error: d.err}
}

// update sets the numbers of r, the device's reading, to the current
// ones; r.Device is already the device's name.
func (d *device) update(r *Reading) {
	t := &d.tracker
	t.CopyStats(&r.In, &r.Out)
	r.Valid, r.Resets, r.Error = t.Valid(), t.Resets(), d.err
}

// feed hands the current readings to every sink, from the second
// successful sample on: the first only sets the baseline. Sample has
// written them while the devices stayed in place; otherwise they are
// made afresh here, and each device's place noted.
func (m *Monitor) feed(now time.Time) error {
	if len(m.sinks) == 0 || m.round < 2 {
		return nil
	}
	if !m.placed {
		m.readings = m.Readings(m.readings)
		var i int32
		for _, d := range m.devices {
			if !d.gone {
				d.place = i
				i++
			}
		}
		m.placed = true
	}
	for _, s := range m.sinks {
		if err := s.Write(now, m.readings); err != nil {
			return &SinkError{Err: err}
		}
	}
	return nil
}

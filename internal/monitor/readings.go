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
// such as a traffic log or a text stream.
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
		dst = append(dst, Reading{Device: d.name, In: d.tracker.In(), Out: d.tracker.Out(), Valid: d.tracker.Valid(), Resets: d.tracker.Resets(), Error: d.err})
	}
	return dst
}

// feed hands the current readings to every sink, from the second
// successful sample on: the first only sets the baseline.
func (m *Monitor) feed(now time.Time) error {
	if len(m.sinks) == 0 || m.round < 2 {
		return nil
	}
	m.readings = m.Readings(m.readings)
	for _, s := range m.sinks {
		if err := s.Write(now, m.readings); err != nil {
			return &SinkError{Err: err}
		}
	}
	return nil
}

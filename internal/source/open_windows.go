package source

import (
	"fmt"
	"sync"
)

// Open returns the counter source for Windows: every interface's 64-bit
// counters through gopsutil (GetIfEntry2), with the loopback row always
// present. Windows keeps that row's counters at zero, so opts.Mode may
// take them from elsewhere: ModeNpcap counts Npcap's loopback capture,
// ModeETW polls the loopback row of the IP Helper interface table.
//
// The modes exclude each other by construction: Options holds one Mode.
// ModeNpcap's errors wrap capture.ErrNpcapMissing,
// capture.ErrNoLoopbackAdapter or capture.ErrAccessDenied where one applies.
func Open(opts Options) (Source, error) {
	var (
		mode loopbackMode
		name string
		err  error
	)
	switch opts.Mode {
	case ModeNative:
		mode, name = nativeLoopback{}, loopbackName()
	case ModeNpcap:
		var n *npcapLoopback
		if n, err = openNpcapLoopback(); err == nil {
			mode, name = n, loopbackName()
		}
	case ModeETW:
		var e *etwLoopback
		if e, err = openETWLoopback(); err == nil {
			mode, name = e, e.row.name
		}
	default:
		err = fmt.Errorf("unknown loopback mode %d", opts.Mode)
	}
	if err != nil {
		return nil, err
	}
	return &winSource{base: newGopsutilSource(), name: name, mode: mode}, nil
}

// loopbackMode supplies the loopback row's counters and the status line
// for one way of counting loopback traffic.
type loopbackMode interface {
	// fill sets the loopback row's counters.
	fill(d *Device)
	// status describes the mode for the screen.
	status() Status
	// close stops whatever the mode runs.
	close() error
}

// winSource is gopsutil's interface list with the loopback row merged in.
type winSource struct {
	base *gopsutilSource
	name string
	mode loopbackMode

	closeOnce sync.Once
	closeErr  error
}

// Read implements Source.
func (s *winSource) Read(dst []Device) ([]Device, error) {
	devs, err := s.base.Read(dst)
	if err != nil {
		return devs, err
	}
	devs, i := ensureLoopback(devs, s.name)
	s.mode.fill(&devs[i])
	return devs, nil
}

// Status implements Source.
func (s *winSource) Status() Status { return s.mode.status() }

// loopbackRow names the row of interface type 24, found in the interface
// table when the source was opened.
func (s *winSource) loopbackRow() string { return s.name }

// Close implements Source. It stops a running capture and waits for it.
func (s *winSource) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = s.mode.close()
		s.base.Close()
	})
	return s.closeErr
}

// nativeLoopback leaves the loopback row as Windows reports it: at zero.
type nativeLoopback struct{}

func (nativeLoopback) fill(*Device)   {}
func (nativeLoopback) status() Status { return nativeStatus() }
func (nativeLoopback) close() error   { return nil }

package source

import (
	"fmt"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// etwLoopback is --etw: it polls the loopback row's 64-bit counters with
// GetIfEntry2 at every sample (GetIfEntry2Ex needs Windows 10 1703; Go
// still runs on 1607 and Server 2016). The name comes from the original winload;
// Windows leaves these counters at zero, which the status says.
type etwLoopback struct {
	row loopbackRow
	// getIfEntry2 is iphlpapi.dll's GetIfEntry2, which x/sys/windows
	// lacks.
	getIfEntry2 *windows.LazyProc
	// entry is reused between reads; only Read's goroutine touches it.
	entry windows.MibIfRow2

	mu      sync.Mutex
	rx, tx  uint64
	readErr error
}

// openETWLoopback finds the loopback row to poll.
func openETWLoopback() (*etwLoopback, error) {
	row, err := findLoopbackRow()
	if err != nil {
		return nil, fmt.Errorf("--etw: %w", err)
	}
	proc := windows.NewLazySystemDLL("iphlpapi.dll").NewProc("GetIfEntry2")
	if err := proc.Find(); err != nil {
		return nil, fmt.Errorf("--etw: %w", err)
	}
	return &etwLoopback{row: row, getIfEntry2: proc}, nil
}

// fill reads the loopback row's counters. When the read fails, the row
// keeps the last values and the status shows the error.
func (e *etwLoopback) fill(d *Device) {
	e.entry = windows.MibIfRow2{InterfaceLuid: e.row.luid}
	r, _, _ := e.getIfEntry2.Call(uintptr(unsafe.Pointer(&e.entry)))
	e.mu.Lock()
	defer e.mu.Unlock()
	if r != 0 {
		e.readErr = fmt.Errorf("GetIfEntry2: %w", syscall.Errno(r))
	} else {
		e.rx, e.tx, e.readErr = e.entry.InOctets, e.entry.OutOctets, nil
	}
	d.Rx, d.Tx = e.rx, e.tx
}

func (e *etwLoopback) status() Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	return etwStatus(e.rx, e.tx, e.readErr)
}

func (e *etwLoopback) close() error { return nil }

// Package source reads per-interface byte counters from the operating
// system. Each platform has its own files; the rest of winload sees only
// the Source interface.
package source

import (
	"errors"
	"time"
)

// Device is one network interface's counters at one moment.
type Device struct {
	// Name is the interface name, such as "eth0" or "Loopback Pseudo-Interface 1".
	Name string
	// Addr is the first IPv4 address, else the first IPv6 address, else "".
	Addr string
	// Rx and Tx are the bytes received and sent since the counter started.
	// They are 64-bit; a source with 32-bit counters unwraps them first.
	Rx, Tx uint64
	// Host is "" for this machine's interfaces; a device read from another
	// host (named HOST/DEVICE) carries that HOST.
	Host string
	// At is when the counters were taken, for counters read elsewhere
	// (another host's exporter, a Prometheus server); the zero time means
	// the moment the source was read.
	At time.Time
	// Err, when not empty, says why the counters could not be read this
	// time (such as "unreachable: connection refused"); Rx and Tx are then
	// the last values read.
	Err string
	// Extra holds the packet, error and drop counters of sources that
	// have them; its Valid is false for the others.
	Extra Extra
}

// Extra is the counters some platforms keep beside bytes: packets, errors
// and dropped packets in each direction, 64-bit like Rx and Tx.
type Extra struct {
	Valid                bool
	RxPackets, TxPackets uint64
	RxErrors, TxErrors   uint64
	RxDropped, TxDropped uint64
}

// Status describes a source for the screen: a tag for the header, such as
// "npcap", the capture adapter, a warning about the loopback device (shown
// only while a loopback device is selected), an error that concerns every
// device, such as a loopback capture that stopped, and for --debug-info
// how the counters are read.
type Status struct {
	Tag     string
	Detail  string
	Warning string
	Error   string
	Reader  string
}

// Source yields the counters of every interface, sorted by name.
type Source interface {
	// Read appends one Device per interface to dst[:0] and returns it.
	Read(dst []Device) ([]Device, error)
	// Status tells the screen what to show about the source.
	Status() Status
	// Close releases what the source holds (files, capture handles).
	Close() error
}

// Mode selects how loopback traffic is counted.
type Mode int

// The modes. Npcap and ETW exist for Windows, where the loopback
// interface's own counters stay at zero.
const (
	ModeNative Mode = iota
	ModeNpcap
	ModeETW
)

// String names the mode as its flag does.
func (m Mode) String() string {
	switch m {
	case ModeNpcap:
		return "--npcap"
	case ModeETW:
		return "--etw"
	default:
		return "native"
	}
}

// ErrLoopbackNative is returned on Linux and macOS when a Windows loopback
// mode is asked for: there the loopback interface counts its own traffic.
var ErrLoopbackNative = errors.New("loopback traffic is counted natively on this system")

// Options configure Open.
type Options struct {
	Mode Mode
}

package talkers

import "net/netip"

// Grouping says what one row of a Table stands for.
type Grouping int

// The groupings, in the order key g cycles through them.
const (
	ByProcess    Grouping = iota // one row per process (PID, name, user)
	ByConnection                 // one row per TCP connection
	ByHost                       // one row per remote address
	ByPort                       // one row per local port
	ByCgroup                     // one row per cgroup: systemd unit or container (Linux)
	groupings
)

// String returns "process", "connection", "host", "port" or "cgroup".
func (g Grouping) String() string {
	switch g {
	case ByConnection:
		return "connection"
	case ByHost:
		return "host"
	case ByPort:
		return "port"
	case ByCgroup:
		return "cgroup"
	default:
		return "process"
	}
}

// Next returns the grouping after g, wrapping around.
func (g Grouping) Next() Grouping { return (g + 1) % groupings }

// Order says how the rows are sorted: by the current rate in, out, or
// both added.
type Order int

// The orders, in the order key s cycles through them.
const (
	ByTotal Order = iota
	ByIn
	ByOut
	orders
)

// String returns "total", "in" or "out".
func (o Order) String() string {
	switch o {
	case ByIn:
		return "in"
	case ByOut:
		return "out"
	default:
		return "total"
	}
}

// Next returns the order after o, wrapping around.
func (o Order) Next() Order { return (o + 1) % orders }

// View is a grouping and an order.
type View struct {
	Group Grouping
	Sort  Order
}

// Rate is one direction of a row: Curr is the rate over the last tick and
// Avg the rate since the row was first seen, both in bytes/s; Total is the
// bytes counted since then.
type Rate struct {
	Curr, Avg float64
	Total     uint64
}

// SparkLen is the number of recent rates a row keeps for its sparkline.
const SparkLen = 8

// Row is one talker. Fields the grouping does not have are zero: PID,
// Process and User for a remote host, Remote for a process.
type Row struct {
	// PID is the owning process, 0 when not known (another user's socket
	// without root, or a socket no process holds).
	PID int
	// Process is the process's name; User the owner's user name;
	// Cgroup the last part of the process's cgroup, such as "ssh.service"
	// or "docker-0123456789ab.scope".
	Process, User, Cgroup string
	// Proto is "tcp", "udp", "icmp", "icmpv6" or "ip/N" for another IP
	// protocol; "" for a row of several protocols.
	Proto string
	// Local and Remote are the addresses; zero when the grouping has none
	// (ByPort keeps only Local's port, ByHost only Remote's address).
	Local, Remote netip.AddrPort
	// In and Out are received and sent bytes: TCP payload from the
	// socket statistics, wire bytes from the packet capture.
	In, Out Rate
	// Spark holds the last SparkLen rates of both directions added, in
	// bytes/s, oldest first.
	Spark [SparkLen]float64
	// Ended means the row had no open socket at the last tick: its
	// process ended or closed its connections. Such rows stay for a while.
	Ended bool
}

// Table is the latest aggregation.
type Table struct {
	// View is the grouping and order of the rows.
	View View
	// Rows are the talkers whose device is not known, busiest first, at
	// most MaxRows; they are shown under every device.
	Rows []Row
	// Devices are the talkers of each device by its name, busiest first,
	// at most MaxRows each.
	Devices map[string][]Row
	// Problem is why there are no rows, such as "not available on macOS";
	// "" when collecting works.
	Problem string
	// Note says what the numbers are and what may be missing, such as
	// "TCP payload; not root: only your processes are named".
	Note string
	// Valid is false until two samples exist.
	Valid bool
	// Dropped is how many frames the kernel dropped because the packet
	// capture did not keep up, since it began; 0 without a capture.
	Dropped uint64
}

// Of returns the talkers of device dev: its own rows, or those whose
// device is not known when it has none.
func (t *Table) Of(dev string) []Row {
	if rows, ok := t.Devices[dev]; ok {
		return rows
	}
	return t.Rows
}

// MaxRows is the most rows a Table holds.
const MaxRows = 32

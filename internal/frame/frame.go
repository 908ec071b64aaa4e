// Package frame holds what a consumer shows about one device at one
// moment: its name, state and the numbers of both directions. The screen
// and the streams read frames; the monitor fills them. It imports no
// terminal library.
package frame

import "time"

// Series is a history of Curr values in bytes/s; At(0) is the oldest,
// At(Len()-1) the newest.
type Series interface {
	Len() int
	At(i int) float64
}

// Direction is one panel's numbers: rates in bytes/s, Total in bytes.
// Valid is false until two samples exist; Curr, Avg, Min and Max are shown
// as 0 then, while Total is shown as given.
type Direction struct {
	Curr, Avg, Min, Max float64
	Total               uint64
	Valid               bool
	History             Series
}

// Frame is everything one screen shows about the selected device.
type Frame struct {
	// Device is the interface name; Addr its address, "" when none.
	Device, Addr string
	// Index is 0-based and shown as (Index+1/Count).
	Index, Count int
	// Gone means the device vanished: the header says so, the statistics
	// are zero and the graphs are empty, whatever In and Out hold.
	Gone bool
	// Tag (shown as [npcap]) and Detail describe the source in the header;
	// Warning is shown on its own line under the separator.
	Tag, Detail, Warning string
	// Error is the last sampling error, shown in red on the warning line.
	Error string
	// In and Out are the incoming and outgoing panels.
	In, Out Direction
	// Usage is the device's traffic kept across restarts.
	Usage Usage
}

// Amount is an amount of traffic in bytes, received and sent.
type Amount struct{ In, Out uint64 }

// Bar is the traffic of one day or billing month starting at Start.
type Bar struct {
	Start time.Time
	Amount
}

// Usage is a device's traffic kept across restarts (internal/history).
// With Known false nothing of it is shown.
type Usage struct {
	Known bool
	// Today is today's traffic; Month the current billing month's.
	Today, Month Amount
	// Quota is the billing month's allowance in bytes (in and out
	// together), 0 for none.
	Quota uint64
	// Days are the last 30 days and Months the last 12 billing months,
	// oldest first, the current one last.
	Days   [30]Bar
	Months [12]Bar
}

// Package ui draws winload's screen with tcell and runs its event loop.
//
// Draw paints the single view of one device (header, two traffic panels
// with graphs and statistics, help bar) from a Frame; DrawMulti paints a
// page of compact blocks, one per device. Run owns the terminal, samples a
// Model on a ticker, redraws after every tick, key press and resize, and
// shows the options window (F2).
package ui

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
}

// Lister gives the frames of all listed devices, as the multi view needs.
type Lister interface {
	// Len returns the number of listed devices.
	Len() int
	// FrameAt fills f for device i in list order, 0 <= i < Len(),
	// reusing f's memory.
	FrameAt(i int, f *Frame)
}

// Model is what the screen shows and steers.
type Model interface {
	// Sample takes one sample of all devices.
	Sample(now time.Time) error
	// Move selects the device delta places away (+1 next, -1 previous),
	// wrapping around.
	Move(delta int)
	// Frame fills f for the selected device, reusing f's memory; f.Index
	// is the device's position in list order.
	Frame(f *Frame)
	// Len returns the number of listed devices.
	Len() int
	// FrameAt fills f for device i in list order, 0 <= i < Len().
	FrameAt(i int, f *Frame)
}

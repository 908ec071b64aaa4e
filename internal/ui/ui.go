// Package ui draws winload's screen with tcell and runs its event loop.
//
// A View paints the single view of one device (header, two traffic panels
// with graphs and statistics, help bar) or the multi view, a page of
// compact blocks, one per device, and skips a frame identical to the last.
// Run owns the terminal, samples a Model on a ticker, redraws after every
// tick that changes the frame, every key press and resize, and shows the
// options window (F2).
package ui

import (
	"time"

	"github.com/winload/winload/internal/frame"
)

// Lister gives the frames of all listed devices, as the multi view needs.
type Lister interface {
	// Len returns the number of listed devices.
	Len() int
	// FrameAt fills f for device i in list order, 0 <= i < Len(),
	// reusing f's memory.
	FrameAt(i int, f *frame.Frame)
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
	Frame(f *frame.Frame)
	// Len returns the number of listed devices.
	Len() int
	// FrameAt fills f for device i in list order, 0 <= i < Len().
	FrameAt(i int, f *frame.Frame)
}

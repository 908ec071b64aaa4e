package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/units"
)

// BarStyle selects how graph cells are coloured.
type BarStyle int

// The bar styles. BarFill paints full cells solid in the direction's
// colour and draws partial levels as coloured characters; BarColor draws
// every level as a character in the direction's colour; BarPlain draws
// characters without colour.
const (
	BarFill BarStyle = iota
	BarColor
	BarPlain
)

// The default panel colours: cyan for incoming, gold for outgoing.
const (
	DefaultInColor  = tcell.ColorValid | tcell.ColorIsRGB | 0x00d7ff
	DefaultOutColor = tcell.ColorValid | tcell.ColorIsRGB | 0xffaf00
)

// Options says how the screen looks.
type Options struct {
	// Rate formats Curr, Avg, Min, Max and the graph scale; Total formats Ttl.
	Rate, Total units.Format
	// Unicode draws the graph with block characters; Emoji adds emoji to
	// the header and panel labels; NoGraph shows statistics only.
	Unicode, Emoji, NoGraph bool
	// Color false draws no colours at all (bold and reverse remain).
	Color bool
	// Bar is the graph's colouring.
	Bar BarStyle
	// InColor and OutColor colour the panels; tcell.ColorDefault (the zero
	// value) means DefaultInColor and DefaultOutColor.
	InColor, OutColor tcell.Color
	// InMax and OutMax fix the graph scale in bytes/s; 0 scales automatically.
	InMax, OutMax float64
}

// DefaultOptions returns rates in bits, totals in bytes (binary prefixes,
// chosen per value), an ASCII graph with filled bars, and colours on.
func DefaultOptions() Options {
	return Options{
		Rate:     units.Format{Bits: true},
		Total:    units.Format{},
		Color:    true,
		Bar:      BarFill,
		InColor:  DefaultInColor,
		OutColor: DefaultOutColor,
	}
}

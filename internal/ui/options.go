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

// String returns "fill", "color" or "plain".
func (b BarStyle) String() string {
	switch b {
	case BarColor:
		return "color"
	case BarPlain:
		return "plain"
	default:
		return "fill"
	}
}

// GraphStyle selects the characters a graph is drawn with.
type GraphStyle int

// The graph styles. GraphASCII and GraphUnicode draw one value per column
// with four levels per cell ('#', '|', '.' or '█', '▓', '░', '·');
// GraphBlock draws one value per column with two levels per cell ('▄',
// '█'); GraphBraille draws two values per column with four levels per cell
// (Braille dot patterns). Any other value draws as GraphASCII.
const (
	GraphASCII GraphStyle = iota
	GraphUnicode
	GraphBlock
	GraphBraille
)

// String returns "ascii", "unicode", "block" or "braille".
func (g GraphStyle) String() string {
	switch g {
	case GraphUnicode:
		return "unicode"
	case GraphBlock:
		return "block"
	case GraphBraille:
		return "braille"
	default:
		return "ascii"
	}
}

// The default panel colours: cyan for incoming, gold for outgoing.
const (
	DefaultInColor  = tcell.ColorValid | tcell.ColorIsRGB | 0x00d7ff
	DefaultOutColor = tcell.ColorValid | tcell.ColorIsRGB | 0xffaf00
)

// Options says how the screen looks.
type Options struct {
	// Rate formats Curr, Avg, Min, Max and the graph scale; Total formats Ttl.
	Rate, Total units.Format
	// Graph is the graph's character set.
	Graph GraphStyle
	// Emoji adds emoji to the header and panel labels; NoGraph shows
	// statistics only; Multi shows every device at once (see DrawMulti).
	Emoji, NoGraph, Multi bool
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
// chosen per value), an ASCII graph with filled bars, the single-device
// view and colours on.
func DefaultOptions() Options {
	return Options{
		Rate:     units.Format{Bits: true},
		Total:    units.Format{},
		Graph:    GraphASCII,
		Color:    true,
		Bar:      BarFill,
		InColor:  DefaultInColor,
		OutColor: DefaultOutColor,
	}
}

// arrows reports whether the screen may use arrow characters: when the
// graph is not ASCII or emoji are on.
func (o *Options) arrows() bool {
	return o.Graph != GraphASCII || o.Emoji
}

// Package settings is winload's model of what a person can set: the
// settings themselves, their limits and defaults, and one table of flags
// that drives the command line, the settings file, saving, the options
// window, --help and the manual page's checks. It knows nothing of the
// terminal.
package settings

import (
	"time"

	"github.com/winload/winload/internal/units"
)

// Limits on the sampling interval and the average window.
const (
	minInterval = 100 * time.Millisecond
	maxInterval = time.Minute
	maxAverage  = 24 * time.Hour
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
	barStyles
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
	graphStyles
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
	DefaultInColor  = colorSet | 0x00d7ff
	DefaultOutColor = colorSet | 0xffaf00
)

// Options says how the screen looks.
type Options struct {
	// Rate formats Curr, Avg, Min, Max and the graph scale; Total formats Ttl.
	Rate, Total units.Format
	// Graph is the graph's character set.
	Graph GraphStyle
	// Emoji adds emoji to the header and panel labels; NoGraph shows
	// statistics only; Multi shows every device at once.
	Emoji, NoGraph, Multi bool
	// Color false draws no colours at all (bold and reverse remain).
	Color bool
	// Bar is the graph's colouring.
	Bar BarStyle
	// InColor and OutColor colour the panels; the zero Color means
	// DefaultInColor and DefaultOutColor.
	InColor, OutColor Color
	// InMax and OutMax fix the graph scale in bytes/s; 0 scales automatically.
	InMax, OutMax float64
	// Talkers shows the panel of who uses the bandwidth (key p); with
	// --json and text output, each device lists its talkers.
	Talkers bool
	// TalkersSource is where the talkers' bytes come from: "" for the
	// packet capture where allowed, else the socket statistics;
	// "capture" or "sockets" for only that one.
	TalkersSource string
}

// Settings are what the command line, the settings file and the options
// window decide.
type Settings struct {
	// Options are the display options.
	Options
	// Interval is the refresh interval; Average the averaging window.
	Interval, Average time.Duration
}

// Defaults returns the settings with every flag at its default: a 500 ms
// interval, a 300 s average, rates in bits and totals in bytes (binary
// prefixes chosen per value), an ASCII graph with filled bars, the
// single-device view and colours on.
func Defaults() Settings {
	s := Settings{Options: Options{Color: true}}
	for _, f := range Table() {
		if f.set != nil && f.Default != "" {
			// The defaults are checked by the package's tests.
			_ = f.set(&s, f.Default)
		}
	}
	return s
}

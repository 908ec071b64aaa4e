package settings

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/winload/winload/internal/units"
)

// excerptLen is how many characters of a value a message quotes.
const excerptLen = 40

// Quote quotes text for a message, shortened to its first 40 characters
// and "…" when it is longer, so a huge value never floods the terminal.
func Quote(text string) string {
	if utf8.RuneCountInString(text) <= excerptLen {
		return strconv.Quote(text)
	}
	n := 0
	for i := range text {
		if n == excerptLen {
			return strconv.Quote(text[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(text)
}

// parseInterval reads milliseconds ("500") or a duration with a unit ("2s").
func parseInterval(text string) (time.Duration, error) {
	t := strings.TrimSpace(text)
	var d time.Duration
	if ms, err := strconv.ParseInt(t, 10, 64); err == nil {
		switch {
		case ms < 0:
			d = -1
		case ms > int64(maxInterval/time.Millisecond):
			d = maxInterval + 1
		default:
			d = time.Duration(ms) * time.Millisecond
		}
	} else if parsed, perr := time.ParseDuration(t); perr == nil {
		d = parsed
	} else if errors.Is(err, strconv.ErrRange) {
		d = maxInterval + 1
		if strings.HasPrefix(t, "-") {
			d = -1
		}
	} else {
		return 0, fmt.Errorf("%s is not a number of milliseconds (100-60000, default 500)", Quote(text))
	}
	if err := checkInterval(d, Quote(t)); err != nil {
		return 0, err
	}
	return d, nil
}

// checkInterval applies the interval's limits; shown is how the message
// spells the value.
func checkInterval(d time.Duration, shown string) error {
	switch {
	case d <= 0:
		return fmt.Errorf("must be above zero, from 100 to 60000 ms, got %s", shown)
	case d < minInterval:
		return fmt.Errorf("%s is too short to measure honestly; use 100 ms or more", shown)
	case d > maxInterval:
		return fmt.Errorf("%s is too long; use at most 60000 ms (one minute)", shown)
	}
	return nil
}

// parseAverage reads a number of seconds.
func parseAverage(text string) (time.Duration, error) {
	secs, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(secs) {
		return 0, fmt.Errorf("%s is not a number of seconds (default 300)", Quote(text))
	}
	switch {
	case secs <= 0:
		return 0, fmt.Errorf("must be above zero seconds, got %s", Quote(strings.TrimSpace(text)))
	case secs > maxAverage.Seconds():
		return 0, fmt.Errorf("at most %d seconds (24 hours), got %s", int(maxAverage.Seconds()), Quote(strings.TrimSpace(text)))
	}
	return time.Duration(math.Round(secs * float64(time.Second))), nil
}

// parseBool reads a switch's value as strconv.ParseBool does.
func parseBool(text string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(text))
	if err != nil {
		return false, fmt.Errorf("%s is not true or false", Quote(text))
	}
	return b, nil
}

// unitLetters maps nload's unit letters to a format: lower case bits,
// upper case bytes, h/H human-readable (automatic prefix).
func unitLetter(letter string) (units.Format, bool) {
	i := strings.Index("hHbBkKmMgGtTpP", letter)
	if len(letter) != 1 || i < 0 {
		return units.Format{}, false
	}
	f := units.Format{Bits: i%2 == 0}
	if i >= 2 {
		f.Prefix = units.None + units.Prefix(i/2-1)
	}
	return f, true
}

// IsUnitLetter reports whether text is one of nload's unit letters.
func IsUnitLetter(text string) bool {
	_, ok := unitLetter(text)
	return ok
}

// letterOf names a format by nload's letter for it, "h" when it has none.
func letterOf(f units.Format) string {
	for _, l := range "hHbBkKmMgGtTpP" {
		if g, _ := unitLetter(string(l)); g.Bits == f.Bits && g.Prefix == f.Prefix {
			return string(l)
		}
	}
	return "h"
}

// parseUnit reads a unit: bit, byte or one of nload's letters. SI is
// left false; the caller keeps the setting's own.
func parseUnit(text string) (units.Format, error) {
	t := strings.TrimSpace(text)
	switch strings.ToLower(t) {
	case "bit", "bits":
		return units.Format{Bits: true}, nil
	case "byte", "bytes":
		return units.Format{}, nil
	}
	if f, ok := unitLetter(t); ok {
		return f, nil
	}
	return units.Format{}, fmt.Errorf("%s is not a unit; use bit, byte, or one of h H b B k K m M g G t T p P (lower case bits, upper case bytes, h/H automatic)", Quote(text))
}

// kbitPerSecond is what a bare number means to the scale flags: nload's
// kBit/s, 1024 bits per second, in bytes per second.
const kbitPerSecond = 1024.0 / 8

// parseRate reads a fixed graph scale in bytes/s: "auto" (or "") is 0,
// a bare number is kbit/s as in nload's -i and -o, anything else is read
// by units.ParseRate.
func parseRate(text string) (float64, error) {
	t := strings.TrimSpace(text)
	if t == "" || strings.EqualFold(t, "auto") {
		return 0, nil
	}
	if n, err := strconv.ParseFloat(t, 64); err == nil && strings.IndexByte("0123456789.", t[0]) >= 0 && !strings.ContainsAny(t, "xXpP_") {
		v := n * kbitPerSecond
		switch {
		case v == 0:
			return 0, fmt.Errorf("%s is zero; give a rate above zero, or auto", Quote(text))
		case math.IsInf(v, 0) || v > units.MaxRate:
			return 0, fmt.Errorf("%s is too large (at most 1 EiB/s)", Quote(text))
		}
		return v, nil
	}
	v, err := units.ParseRate(t)
	if err != nil {
		// units quotes the value whole; a message quotes an excerpt.
		msg := strings.ReplaceAll(err.Error(), strconv.Quote(t), Quote(t))
		return 0, errors.New(msg)
	}
	return v, nil
}

// formatRate writes a scale so that parseRate reads it back: "auto", or
// bytes per second with the unit B.
func formatRate(v float64) string {
	if v <= 0 {
		return "auto"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "B"
}

// parseGraph reads a graph style's name.
func parseGraph(text string) (GraphStyle, error) {
	name := strings.ToLower(strings.TrimSpace(text))
	for g := range graphStyles {
		if g.String() == name {
			return g, nil
		}
	}
	return 0, fmt.Errorf("%s is not a graph style; use ascii, unicode, block or braille", Quote(text))
}

// parseBar reads a bar style's name.
func parseBar(text string) (BarStyle, error) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "fill":
		return BarFill, nil
	case "color", "colour":
		return BarColor, nil
	case "plain":
		return BarPlain, nil
	}
	return 0, fmt.Errorf("%s is not a style; use fill, color or plain", Quote(text))
}

// parseColour reads a colour flag.
func parseColour(text string) (Color, error) {
	c, err := ParseColor(text)
	if err != nil {
		return 0, err
	}
	return RGB(c), nil
}

package ui

import (
	"cmp"
	"slices"
	"time"

	"github.com/winload/winload/internal/units"
)

// intervalPresets are the refresh intervals the options window offers.
var intervalPresets = [...]time.Duration{
	100 * time.Millisecond, 200 * time.Millisecond, 250 * time.Millisecond,
	500 * time.Millisecond, time.Second, 2 * time.Second, 5 * time.Second,
}

// averagePresets are the averaging windows the options window offers.
var averagePresets = [...]time.Duration{
	10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute,
	5 * time.Minute, 10 * time.Minute, 30 * time.Minute, time.Hour,
}

// unitChoice is a unit the options window offers: bits or bytes, and a
// prefix (Auto picks one per value).
type unitChoice struct {
	bits   bool
	prefix units.Prefix
}

// unitChoices are the units the options window offers, in order.
var unitChoices = [...]unitChoice{
	{true, units.Auto}, {false, units.Auto},
	{true, units.None}, {true, units.Kilo}, {true, units.Mega}, {true, units.Giga},
	{false, units.None}, {false, units.Kilo}, {false, units.Mega}, {false, units.Giga},
}

// scaleSteps are the fixed graph scales the options window offers, in
// mega- or gigabits per second.
var scaleSteps = [...]struct {
	n      float64
	prefix units.Prefix
}{
	{1, units.Mega}, {2, units.Mega}, {5, units.Mega}, {10, units.Mega}, {20, units.Mega},
	{50, units.Mega}, {100, units.Mega}, {200, units.Mega}, {500, units.Mega},
	{1, units.Giga}, {2, units.Giga}, {5, units.Giga}, {10, units.Giga},
}

// scalePresets returns 0 (automatic) and the fixed scales in bytes/s,
// with binary prefixes or, when si, powers of 1000.
func scalePresets(si bool) [len(scaleSteps) + 1]float64 {
	base := 1024.0
	if si {
		base = 1000
	}
	var out [len(scaleSteps) + 1]float64
	for i, s := range scaleSteps {
		v := s.n / 8
		for range s.prefix - units.None {
			v *= base
		}
		out[i+1] = v
	}
	return out
}

// stepOrdered returns the value next to cur among presets and extra: for
// delta > 0 the smallest one above cur, for delta < 0 the largest one
// below it, and cur itself when there is none (the ends do not wrap).
func stepOrdered[T cmp.Ordered](cur, extra T, presets []T, delta int) T {
	best, found := cur, false
	consider := func(v T) {
		switch {
		case delta > 0 && v > cur && (!found || v < best):
			best, found = v, true
		case delta < 0 && v < cur && (!found || v > best):
			best, found = v, true
		}
	}
	for _, v := range presets {
		consider(v)
	}
	consider(extra)
	return best
}

// stepUnit returns the unit delta places from cur's among unitChoices
// and, when it is none of them, extra (placed last), wrapping around. The
// SI setting of cur is kept.
func stepUnit(cur, extra units.Format, delta int) units.Format {
	list := unitChoices[:]
	n := len(list)
	extraChoice := unitChoice{extra.Bits, extra.Prefix}
	hasExtra := indexUnit(extraChoice) < 0
	if hasExtra {
		n++
	}
	at := func(i int) unitChoice {
		if i == len(list) {
			return extraChoice
		}
		return list[i]
	}
	i := indexUnit(unitChoice{cur.Bits, cur.Prefix})
	if i < 0 && hasExtra && cur.Bits == extra.Bits && cur.Prefix == extra.Prefix {
		i = len(list)
	}
	if i < 0 {
		i = 0
		if delta > 0 {
			delta--
		}
	}
	c := at(((i+delta)%n + n) % n)
	return units.Format{Bits: c.bits, SI: cur.SI, Prefix: c.prefix}
}

// indexUnit returns c's position in unitChoices, or -1.
func indexUnit(c unitChoice) int { return slices.Index(unitChoices[:], c) }

// stepWrap returns the value delta places from cur among n values 0 to
// n-1, wrapping around.
func stepWrap(cur, n, delta int) int {
	return ((cur+delta)%n + n) % n
}

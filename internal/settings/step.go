package settings

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/winload/winload/internal/units"
)

// intervalPresets are the refresh intervals the options window offers.
func intervalPresets() []time.Duration {
	return []time.Duration{
		100 * time.Millisecond, 200 * time.Millisecond, 250 * time.Millisecond,
		500 * time.Millisecond, time.Second, 2 * time.Second, 5 * time.Second,
	}
}

// averagePresets are the averaging windows the options window offers.
func averagePresets() []time.Duration {
	return []time.Duration{
		10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute,
		5 * time.Minute, 10 * time.Minute, 30 * time.Minute, time.Hour,
	}
}

// stepInterval steps the interval among the presets and the value at
// opening, skipping those the average window cannot hold.
func stepInterval(e, o *Settings, delta int) {
	e.Interval = stepOrdered(e.Interval, o.Interval, intervalPresets(), delta, func(v time.Duration) bool {
		t := *e
		t.Interval = v
		return Check(&t) == nil
	})
}

// stepAverage steps the average window among the presets and the value at
// opening, skipping those shorter than the interval.
func stepAverage(e, o *Settings, delta int) {
	e.Average = stepOrdered(e.Average, o.Average, averagePresets(), delta, func(v time.Duration) bool {
		t := *e
		t.Average = v
		return Check(&t) == nil
	})
}

// stepScale steps a graph scale among automatic, the presets and the
// value at opening.
func stepScale(cur, orig float64, si bool, delta int) float64 {
	p := scalePresets(si)
	return stepOrdered(cur, orig, p[:], delta, func(float64) bool { return true })
}

// unitChoice is a unit the options window offers: bits or bytes, and a
// prefix (Auto picks one per value).
type unitChoice struct {
	bits   bool
	prefix units.Prefix
}

// unitChoices are the units the options window offers, in order.
func unitChoices() []unitChoice {
	return []unitChoice{
		{true, units.Auto}, {false, units.Auto},
		{true, units.None}, {true, units.Kilo}, {true, units.Mega}, {true, units.Giga},
		{false, units.None}, {false, units.Kilo}, {false, units.Mega}, {false, units.Giga},
	}
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

// stepOrdered returns the value next to cur among presets and extra that
// ok accepts: for delta > 0 the smallest one above cur, for delta < 0 the
// largest one below it, and cur itself when there is none (the ends do
// not wrap).
func stepOrdered[T cmp.Ordered](cur, extra T, presets []T, delta int, ok func(T) bool) T {
	best, found := cur, false
	consider := func(v T) {
		if !ok(v) {
			return
		}
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
	list := unitChoices()
	n := len(list)
	extraChoice := unitChoice{extra.Bits, extra.Prefix}
	hasExtra := slices.Index(list, extraChoice) < 0
	if hasExtra {
		n++
	}
	at := func(i int) unitChoice {
		if i == len(list) {
			return extraChoice
		}
		return list[i]
	}
	i := slices.Index(list, unitChoice{cur.Bits, cur.Prefix})
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

// stepWrap returns the value delta places from cur among n values 0 to
// n-1, wrapping around.
func stepWrap(cur, n, delta int) int {
	return ((cur+delta)%n + n) % n
}

// appendDuration appends d in the given unit, such as "500 ms".
func appendDuration(dst []byte, d, unit time.Duration, label string) []byte {
	dst = strconv.AppendFloat(dst, float64(d)/float64(unit), 'f', -1, 64)
	return append(dst, label...)
}

// appendUnit appends "auto bits", "auto bytes" or a unit such as "Mibit".
func appendUnit(dst []byte, f units.Format) []byte {
	switch {
	case f.Prefix == units.Auto && f.Bits:
		return append(dst, "auto bits"...)
	case f.Prefix == units.Auto:
		return append(dst, "auto bytes"...)
	case f.Prefix > units.Peta || f.Prefix < units.Auto:
		return append(dst, '?')
	default:
		return append(dst, f.Unit(int(f.Prefix-units.None))...)
	}
}

// appendScale appends "auto" or the fixed scale as a rate.
func appendScale(dst []byte, rate units.Format, v float64) []byte {
	if v <= 0 {
		return append(dst, "auto"...)
	}
	return rate.AppendRate(dst, v)
}

func appendOnOff(dst []byte, on bool) []byte {
	if on {
		return append(dst, "on"...)
	}
	return append(dst, "off"...)
}

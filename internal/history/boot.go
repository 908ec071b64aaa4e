package history

import (
	"strconv"
	"strings"
)

// bootSlack is how far two readings of a boot time may differ and still
// name one boot: the clock less the uptime moves with clock adjustments.
const bootSlack = 120

// sameBoot reports whether two boot identities name one boot. Boot times
// match within bootSlack seconds; other identities must be equal. An
// unknown (empty) identity is taken as the same boot, so that a system
// without one never counts a whole counter twice.
func sameBoot(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	ta, okA := strings.CutPrefix(a, "t:")
	tb, okB := strings.CutPrefix(b, "t:")
	if !okA || !okB {
		return a == b
	}
	x, err1 := strconv.ParseInt(ta, 10, 64)
	y, err2 := strconv.ParseInt(tb, 10, 64)
	if err1 != nil || err2 != nil {
		return a == b
	}
	d := x - y
	return d >= -bootSlack && d <= bootSlack
}

// delta returns what the kernel counted since last, given the counters
// cur of the boot boot: their difference in the same boot, the whole new
// counter after a reboot or where a counter went back (a reset or a
// device made anew). It is never negative.
func delta(last Counters, boot string, cur Amount) Amount {
	if !sameBoot(last.Boot, boot) {
		return cur
	}
	return Amount{In: since(last.In, cur.In), Out: since(last.Out, cur.Out)}
}

func since(last, cur uint64) uint64 {
	if cur < last {
		return cur
	}
	return cur - last
}

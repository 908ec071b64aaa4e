package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxRate is the largest rate ParseRate accepts, in bytes per second
// (1 EiB/s): far above any interface, and small enough to stay exact
// through the arithmetic that uses it.
const MaxRate = 1 << 60

// RateSyntax tells people how ParseRate reads a value; --help shows it.
const RateSyntax = "a number with an optional prefix k, M, G, T or P and an optional unit: " +
	"a bare prefix means binary bytes (100M = 100 MiB/s); with a unit, 'i' means binary " +
	"and no 'i' means SI (12.5MiB, 100MB = 100,000,000 bytes/s, 1Gbit = 10^9 bits/s)"

// ErrSyntax is wrapped by every error ParseRate returns for a value it
// cannot read.
var ErrSyntax = errors.New("invalid rate")

// ParseRate reads a rate typed by a person, such as "100M", "1Gbit",
// "12.5MiB" or "800kbit/s", and returns it in bytes per second.
//
// A bare prefix (100M) means binary bytes, as the original winload read it.
// With a unit, an "i" after the prefix means binary (MiB, Mibit) and a
// prefix without it means SI (MB, Mbit). "b" and "bit" are bits, "B" and
// "byte" are bytes; "/s" or "ps" may follow.
func ParseRate(s string) (float64, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, fmt.Errorf("%w: empty value", ErrSyntax)
	}
	end := 0
	dots := 0
	for end < len(text) && (text[end] >= '0' && text[end] <= '9' || text[end] == '.') {
		if text[end] == '.' {
			dots++
		}
		end++
	}
	if end == 0 || dots > 1 || text[:end] == "." {
		if text[0] == '-' {
			return 0, fmt.Errorf("%w: %q is negative; give a positive rate", ErrSyntax, s)
		}
		return 0, fmt.Errorf("%w: %q does not start with a number", ErrSyntax, s)
	}
	number, err := strconv.ParseFloat(text[:end], 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number", ErrSyntax, s)
	}
	multiplier, err := parseSuffix(strings.TrimSpace(text[end:]))
	if err != nil {
		return 0, fmt.Errorf("%w: %q: %v", ErrSyntax, s, err)
	}
	value := number * multiplier
	switch {
	case value == 0:
		return 0, fmt.Errorf("%w: %q is zero; give a rate above zero", ErrSyntax, s)
	case math.IsInf(value, 0) || math.IsNaN(value) || value > MaxRate:
		return 0, fmt.Errorf("%w: %q is too large (at most 1 EiB/s)", ErrSyntax, s)
	}
	return value, nil
}

// parseSuffix returns the number of bytes per second that one unit of the
// suffix stands for.
func parseSuffix(suffix string) (float64, error) {
	suffix = strings.TrimSuffix(strings.TrimSuffix(suffix, "/s"), "/S")
	if suffix == "" {
		return 1, nil
	}
	power := 0
	if i := strings.IndexByte("kmgtp", lower(suffix[0])); i >= 0 {
		power = i + 1
		suffix = suffix[1:]
	}
	binary := false
	if suffix != "" && (suffix[0] == 'i' || suffix[0] == 'I') && power > 0 {
		binary = true
		suffix = suffix[1:]
	}
	if strings.HasSuffix(strings.ToLower(suffix), "ps") {
		suffix = suffix[:len(suffix)-2]
	}
	bits, hasUnit, ok := unitOf(suffix)
	if !ok {
		return 0, errors.New("unknown unit; use k, M, G, T or P and B, byte, b or bit (e.g. 100M, 12.5MiB, 1Gbit)")
	}
	base := 1000.0
	if binary || !hasUnit {
		base = 1024
	}
	if binary && !hasUnit {
		return 0, errors.New("a binary prefix needs a unit (MiB or Mibit)")
	}
	m := math.Pow(base, float64(power))
	if bits {
		m /= 8
	}
	return m, nil
}

// unitOf names the unit word: bits or bytes, and whether there was one.
func unitOf(word string) (bits, hasUnit, ok bool) {
	switch word {
	case "":
		return false, false, true
	case "b":
		return true, true, true
	case "B":
		return false, true, true
	}
	switch strings.ToLower(word) {
	case "bit", "bits":
		return true, true, true
	case "byte", "bytes":
		return false, true, true
	}
	return false, false, false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Package units formats byte counts and rates for people and parses the
// sizes people type on the command line.
package units

import (
	"math"
	"strconv"
)

// Prefix selects a fixed multiplier for formatting, or Auto to pick the
// largest prefix that keeps the number below the base.
type Prefix int

// The prefixes, from none up to peta. Auto picks one per value.
const (
	Auto Prefix = iota
	None
	Kilo
	Mega
	Giga
	Tera
	Peta
)

// Format says how to print a quantity of data: in bits or bytes, with
// binary (1024) or SI (1000) prefixes, scaled automatically or fixed.
type Format struct {
	Bits   bool
	SI     bool
	Prefix Prefix
}

var (
	binaryBytes = [...]string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	binaryBits  = [...]string{"bit", "Kibit", "Mibit", "Gibit", "Tibit", "Pibit"}
	siBytes     = [...]string{"B", "kB", "MB", "GB", "TB", "PB"}
	siBits      = [...]string{"bit", "kbit", "Mbit", "Gbit", "Tbit", "Pbit"}
)

// decimals is the number of digits printed after the point.
const decimals = 2

func (f Format) base() float64 {
	if f.SI {
		return 1000
	}
	return 1024
}

// baseText is the base as it would be printed with two decimals: a value
// that rounds to it belongs to the next prefix.
func (f Format) baseText() string {
	if f.SI {
		return "1000.00"
	}
	return "1024.00"
}

func (f Format) labels() *[6]string {
	switch {
	case f.SI && f.Bits:
		return &siBits
	case f.SI:
		return &siBytes
	case f.Bits:
		return &binaryBits
	default:
		return &binaryBytes
	}
}

// scale converts a number of bytes into the value shown and the index of
// its prefix (0 = none, 1 = kilo, ...). With the Auto prefix the value is
// rounded to two decimals before the prefix is chosen, so 1023.999 bytes
// is 1.00 KiB and never "1024.00 B".
func (f Format) scale(bytes float64) (float64, int) {
	v := bytes
	if f.Bits {
		v *= 8
	}
	base := f.base()
	if f.Prefix != Auto {
		idx := int(f.Prefix - None)
		return v / math.Pow(base, float64(idx)), idx
	}
	idx := 0
	for idx < len(binaryBytes)-1 {
		a := math.Abs(v)
		if a < base-0.01 || a < base && !f.roundsToBase(a) {
			break
		}
		v /= base
		idx++
	}
	return v, idx
}

// roundsToBase reports whether v, just below the base, is printed with
// two decimals as the base itself ("1024.00").
func (f Format) roundsToBase(v float64) bool {
	var tmp [24]byte
	return string(strconv.AppendFloat(tmp[:0], v, 'f', decimals, 64)) == f.baseText()
}

// Unit returns the label of the unit with the given prefix index, such as
// "MiB" or "kbit".
func (f Format) Unit(idx int) string {
	return f.labels()[idx]
}

// AppendAmount appends an amount of data such as "1.50 MiB" to dst.
func (f Format) AppendAmount(dst []byte, bytes float64) []byte {
	v, idx := f.scale(bytes)
	dst = strconv.AppendFloat(dst, v, 'f', decimals, 64)
	dst = append(dst, ' ')
	return append(dst, f.labels()[idx]...)
}

// AppendRate appends a rate such as "1.50 MiB/s" to dst.
func (f Format) AppendRate(dst []byte, bytesPerSecond float64) []byte {
	dst = f.AppendAmount(dst, bytesPerSecond)
	return append(dst, "/s"...)
}

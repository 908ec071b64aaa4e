package units

import "math"

// minBinaryScale is the smallest automatic graph scale in binary mode, in
// bytes/s, as in nload.
const minBinaryScale = 2048

// minSIScale is the smallest automatic graph scale in SI mode, in bytes/s:
// the first SI step is the first of at least this much.
const minSIScale = 2000

// AutoScale returns the graph scale, in bytes/s, for a graph whose highest
// value is peak bytes/s. In binary mode it is nload's: 2048 bytes/s doubled
// until it reaches peak, so the label reads 2 KiB/s, 4 KiB/s, ... 1 MiB/s.
// In SI mode the label must read as a round SI number, so the scale steps
// through 1, 2 and 5 × 10ⁿ of the unit shown (bits or bytes per second),
// from 2 kB/s (20 kbit/s in bits) up.
func (f Format) AutoScale(peak float64) float64 {
	if !f.SI {
		s := float64(minBinaryScale)
		for s < peak && !math.IsInf(s, 1) {
			s *= 2
		}
		return s
	}
	perByte := 1.0
	if f.Bits {
		perByte = 8
	}
	// Steps in the shown unit: 1, 2, 5, 10, 20, 50, ... (×2, ×2.5, ×2).
	steps := [...]float64{2, 2.5, 2}
	s := 1.0
	for i := 0; (s < minSIScale*perByte || s < peak*perByte) && !math.IsInf(s, 1); i++ {
		s *= steps[i%len(steps)]
	}
	return s / perByte
}

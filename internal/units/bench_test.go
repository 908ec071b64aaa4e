package units

import "testing"

// BenchmarkAppendRate formats the five statistics of a panel, as the
// screen and the text stream do every tick.
func BenchmarkAppendRate(b *testing.B) {
	buf := make([]byte, 0, 32)
	f := Format{Bits: true}
	values := [...]float64{0, 1023.999, 123456789, 5.5e6, 1 << 30}
	for b.Loop() {
		for _, v := range values {
			buf = f.AppendRate(buf[:0], v)
		}
	}
}

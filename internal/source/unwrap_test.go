package source

import (
	"fmt"
	"testing"
)

func TestUnwrap32(t *testing.T) {
	const wrap = 1 << 32
	tests := []struct {
		name     string
		readings []uint32
		want     []uint64
	}{
		{
			// SPEC §2's statistics vector, with no wrap.
			name:     "steady counter",
			readings: []uint32{0, 1000, 3000, 3000, 10000},
			want:     []uint64{0, 1000, 3000, 3000, 10000},
		},
		{
			name:     "first reading kept as it is",
			readings: []uint32{4000000000, 4000000500},
			want:     []uint64{4000000000, 4000000500},
		},
		{
			name:     "one wrap",
			readings: []uint32{0xffffff00, 0x00000100},
			want:     []uint64{0xffffff00, wrap + 0x100},
		},
		{
			name:     "wrap to exactly zero",
			readings: []uint32{0xffffffff, 0, 1},
			want:     []uint64{0xffffffff, wrap, wrap + 1},
		},
		{
			name: "three wraps",
			readings: []uint32{
				0xf0000000, 0x10000000, // wrap 1
				0x80000000, 0x00000010, // wrap 2
				0xfffffff0, 0x00000005, // wrap 3
			},
			want: []uint64{
				0xf0000000, wrap + 0x10000000,
				wrap + 0x80000000, 2*wrap + 0x10,
				2*wrap + 0xfffffff0, 3*wrap + 0x5,
			},
		},
		{
			// SPEC §2's vector shifted to just below 2^32: the rates
			// (differences) must survive the wrap unchanged.
			name:     "statistics vector across a wrap",
			readings: []uint32{0xffffffff - 2999, 0xffffffff - 1999, 0, 0, 7000},
			want:     []uint64{wrap - 3000, wrap - 2000, wrap, wrap, wrap + 7000},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var u Unwrap32
			for i, r := range tt.readings {
				if got := u.Next(r); got != tt.want[i] {
					t.Fatalf("reading %d (%#x): Next = %d, want %d", i, r, got, tt.want[i])
				}
			}
		})
	}
}

func TestWrap32RecordedOnARMv7(t *testing.T) {
	// Two readings of eth0's rx_bytes on a 32-bit ARMv7 board (DietPi)
	// during an iperf run, posted in
	// https://github.com/MichaIng/DietPi/issues/1666 (2018-06-29): the
	// kernel's counter passed 2^32 between them.
	const before, after = 4248714927, 20173913
	w := newWrap32()
	devs := []Device{{Name: "eth0", Rx: before, Tx: 1000}}
	w.apply(devs)
	devs[0].Rx, devs[0].Tx = after, 2000
	w.apply(devs)
	if want := uint64(1<<32 + after); devs[0].Rx != want {
		t.Errorf("rx after the wrap = %d, want %d (%d bytes in the interval)", devs[0].Rx, want, want-before)
	}
	if devs[0].Tx != 2000 {
		t.Errorf("tx = %d, want 2000", devs[0].Tx)
	}
}

// BenchmarkWrap32 unwraps one sample of 1,000 devices with 32-bit counters.
func BenchmarkWrap32(b *testing.B) {
	devs := make([]Device, 1000)
	for i := range devs {
		devs[i] = Device{Name: fmt.Sprintf("veth%d", i), Rx: uint64(i) * 1000, Tx: uint64(i) * 10}
	}
	w := newWrap32()
	w.apply(devs)
	b.ReportAllocs()
	for b.Loop() {
		for i := range devs {
			devs[i].Rx, devs[i].Tx = uint64(uint32(devs[i].Rx+1500)), uint64(uint32(devs[i].Tx+40))
		}
		w.apply(devs)
	}
}

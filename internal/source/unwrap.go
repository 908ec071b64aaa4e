package source

import "math"

// Unwrap32 turns successive readings of a 32-bit counter, such as the
// octet counts of the old MIB_IFROW, into a 64-bit running counter.
//
// A reading below the previous one means the counter passed 2^32 and
// started again: 2^32 is added. Readings must come often enough that the
// counter cannot wrap twice between two of them (at one reading per
// second, that is below 34 Gbit/s). A reset of the counter looks the same
// as a wrap; a 32-bit source cannot tell the two apart. The zero value is
// ready to use; its first reading is taken as it is.
type Unwrap32 struct {
	total   uint64
	last    uint32
	started bool
}

// Next takes the next 32-bit reading and returns the 64-bit total.
func (u *Unwrap32) Next(v uint32) uint64 {
	if !u.started {
		u.started = true
		u.total = uint64(v)
	} else {
		// Unsigned subtraction is modulo 2^32, so a wrap yields
		// v + 2^32 - last, the bytes that really passed.
		u.total += uint64(v - u.last)
	}
	u.last = v
	return u.total
}

// wrap32 unwraps, device by device, the counters of a kernel whose
// drivers may count in 32 bits: /proc/net/dev on a 32-bit Linux kernel
// prints the unsigned longs of drivers without 64-bit statistics, which
// wrap at 2^32.
//
// A device counts as 64-bit from the first reading above 2^32-1 on, and is
// then passed through untouched: a step back is a reset, which the
// statistics handle. Below that, a step back is a wrap and adds 2^32. A
// device that leaves the list is forgotten, so one that comes back with
// fresh counters starts afresh instead of looking like a wrap.
type wrap32 struct {
	devs map[string]*wrapDevice
	gen  uint64
}

type wrapDevice struct {
	rx, tx Unwrap32
	wide   bool
	gen    uint64
}

func newWrap32() *wrap32 { return &wrap32{devs: map[string]*wrapDevice{}} }

// apply rewrites the counters in devs to the unwrapped totals.
func (w *wrap32) apply(devs []Device) {
	w.gen++
	for i := range devs {
		d := &devs[i]
		s := w.devs[d.Name]
		if s == nil {
			s = &wrapDevice{}
			w.devs[d.Name] = s
		}
		s.gen = w.gen
		if d.Rx > math.MaxUint32 || d.Tx > math.MaxUint32 {
			s.wide = true
		}
		if s.wide {
			continue
		}
		d.Rx, d.Tx = s.rx.Next(uint32(d.Rx)), s.tx.Next(uint32(d.Tx))
	}
	if len(w.devs) > len(devs) {
		for name, s := range w.devs {
			if s.gen != w.gen {
				delete(w.devs, name)
			}
		}
	}
}

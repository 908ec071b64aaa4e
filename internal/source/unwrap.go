package source

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

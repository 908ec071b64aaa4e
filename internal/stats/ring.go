package stats

import "math"

// ring is a fixed-capacity FIFO that grows its backing array only as far
// as it is filled, so a device seen briefly costs little memory, and never
// past its capacity, so a full ring costs exactly capacity elements.
type ring[T any] struct {
	buf  []T
	head int32 // index of the oldest element once buf is full
	max  int32
}

func newRing[T any](capacity int) ring[T] {
	return ring[T]{max: int32(min(max(capacity, 1), math.MaxInt32))}
}

// push adds v as the newest element, dropping the oldest when full.
func (r *ring[T]) push(v T) {
	if len(r.buf) < int(r.max) {
		if len(r.buf) == cap(r.buf) {
			grown := make([]T, len(r.buf), min(int(r.max), max(8, 2*len(r.buf))))
			copy(grown, r.buf)
			r.buf = grown
		}
		r.buf = append(r.buf, v)
		return
	}
	r.buf[r.head] = v
	r.head++
	if r.head == r.max {
		r.head = 0
	}
}

// len is the number of elements held.
func (r *ring[T]) len() int { return len(r.buf) }

// at returns element i, 0 being the oldest.
func (r *ring[T]) at(i int) T {
	j := int(r.head) + i
	if j >= len(r.buf) {
		j -= len(r.buf)
	}
	return r.buf[j]
}

// clear empties the ring but keeps its memory.
func (r *ring[T]) clear() {
	r.buf = r.buf[:0]
	r.head = 0
}

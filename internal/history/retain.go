package history

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The history keeps a device for as long as it may matter to someone who
// reads its totals, and no longer: on a host where containers come and go
// every veth* interface would otherwise stay in the file, and in memory,
// forever.
const (
	// ForgetAfter is how long a device with little traffic (less than
	// ForgetBelow in all) is kept after it was last seen.
	ForgetAfter = 7 * 24 * time.Hour
	// ForgetBelow is the all-time traffic, in and out, below which a
	// device is forgotten ForgetAfter after it was last seen.
	ForgetBelow = 100_000_000
	// KeepDevices is how many devices the history keeps at most. Past
	// that the least recently seen are forgotten, but never a device of
	// the last sample.
	KeepDevices = 256
)

// retain forgets the devices the policy above lets go, as of now, and
// says whether it forgot any; r.mu is held.
func (r *Recorder) retain(now time.Time) bool {
	before := now.Add(-ForgetAfter).Unix()
	var old []*entry
	n := len(r.recs)
	for name, e := range r.recs {
		switch {
		case r.present(e):
		case e.rec.Updated < before && satAdd(e.rec.Total.In, e.rec.Total.Out) < ForgetBelow:
			delete(r.recs, name)
		default:
			old = append(old, e)
		}
	}
	if over := len(r.recs) - KeepDevices; over > 0 {
		slices.SortFunc(old, func(a, b *entry) int {
			return cmp.Or(cmp.Compare(a.rec.Updated, b.rec.Updated), strings.Compare(a.name, b.name))
		})
		for _, e := range old[:min(over, len(old))] {
			delete(r.recs, e.name)
		}
	}
	return len(r.recs) != n
}

// present says e is a device of the last sample; r.mu is held.
func (r *Recorder) present(e *entry) bool {
	return r.gen != 0 && e.gen == r.gen
}

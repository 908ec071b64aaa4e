package history

import (
	"encoding/binary"
	"errors"
)

// recordVersion is the first byte of an encoded record.
const recordVersion = 1

// errShort means an encoded record ended early.
var errShort = errors.New("record is cut short")

// recordSize is the length of r encoded.
func recordSize(r *Record) int {
	return 1 + 16 + 2 + len(bootOf(r)) + 16 + 8 + 3*2 + 24*(len(r.Hours)+len(r.Days)+len(r.Months))
}

// bootOf is r's boot as the file stores it, at most 64 KiB.
func bootOf(r *Record) string {
	if len(r.Last.Boot) > 0xffff {
		return r.Last.Boot[:0xffff]
	}
	return r.Last.Boot
}

// appendRecord appends r as the file stores it: a version byte, the
// total, the last counters and their boot, the update time, then the
// hours, days and months, each a count and that many buckets. Numbers
// are little-endian, 8 bytes; the boot and the counts are 2 bytes long.
func appendRecord(b []byte, r *Record) []byte {
	b = append(b, recordVersion)
	b = binary.LittleEndian.AppendUint64(b, r.Total.In)
	b = binary.LittleEndian.AppendUint64(b, r.Total.Out)
	boot := bootOf(r)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(boot)))
	b = append(b, boot...)
	b = binary.LittleEndian.AppendUint64(b, r.Last.In)
	b = binary.LittleEndian.AppendUint64(b, r.Last.Out)
	b = binary.LittleEndian.AppendUint64(b, uint64(r.Updated))
	for _, bs := range [...][]Bucket{r.Hours, r.Days, r.Months} {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(bs)))
		for _, k := range bs {
			b = binary.LittleEndian.AppendUint64(b, uint64(k.Start))
			b = binary.LittleEndian.AppendUint64(b, k.In)
			b = binary.LittleEndian.AppendUint64(b, k.Out)
		}
	}
	return b
}

// decoder reads an encoded record front to back.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) take(n int) []byte {
	if d.err != nil || n < 0 || len(d.b) < n {
		d.err = errShort
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) u64() uint64 {
	if p := d.take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}

func (d *decoder) u32() int {
	if p := d.take(4); p != nil {
		return int(binary.LittleEndian.Uint32(p))
	}
	return 0
}

func (d *decoder) u16() int {
	if p := d.take(2); p != nil {
		return int(binary.LittleEndian.Uint16(p))
	}
	return 0
}

// buckets reads a count and that many buckets, and keeps them in order
// of Start without repeats, at most keep of them (the latest).
func (d *decoder) buckets(keep int) []Bucket {
	n := d.u16()
	if d.err != nil || len(d.b)/24 < n {
		d.err = errShort
		return nil
	}
	bs := make([]Bucket, 0, n)
	for range n {
		k := Bucket{Start: int64(d.u64()), Amount: Amount{In: d.u64(), Out: d.u64()}}
		// Sorted insertion: the file holds them in order, so this
		// normally appends.
		i := len(bs)
		for i > 0 && bs[i-1].Start > k.Start {
			i--
		}
		if i > 0 && bs[i-1].Start == k.Start {
			bs[i-1].add(k.Amount)
			continue
		}
		bs = append(bs, Bucket{})
		copy(bs[i+1:], bs[i:])
		bs[i] = k
	}
	if len(bs) > keep {
		bs = bs[len(bs)-keep:]
	}
	return bs
}

// decodeRecord reads a record the file stores.
func decodeRecord(data []byte) (*Record, error) {
	if len(data) == 0 || data[0] != recordVersion {
		return nil, errors.New("unknown record version")
	}
	d := &decoder{b: data[1:]}
	var r Record
	r.Total = Amount{In: d.u64(), Out: d.u64()}
	r.Last.Boot = string(d.take(d.u16()))
	r.Last.Amount = Amount{In: d.u64(), Out: d.u64()}
	r.Updated = int64(d.u64())
	r.Hours = d.buckets(keepHours)
	r.Days = d.buckets(keepDays)
	r.Months = d.buckets(keepMonths)
	switch {
	case d.err != nil:
		return nil, d.err
	case len(d.b) != 0:
		return nil, errors.New("record has extra bytes")
	}
	return &r, nil
}

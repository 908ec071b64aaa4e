package history

import "time"

// How many buckets of each kind a record keeps.
const (
	keepHours  = 48
	keepDays   = 62
	keepMonths = 24
)

// Amount is traffic in bytes, received (In) and sent (Out).
type Amount struct {
	In  uint64 `json:"in"`
	Out uint64 `json:"out"`
}

// add adds b to a, saturating instead of wrapping.
func (a *Amount) add(b Amount) {
	a.In = satAdd(a.In, b.In)
	a.Out = satAdd(a.Out, b.Out)
}

func satAdd(a, b uint64) uint64 {
	if a+b < a {
		return ^uint64(0)
	}
	return a + b
}

// Bucket is the traffic of one hour, day or billing month that starts at
// Start (Unix seconds of the local wall-clock start).
type Bucket struct {
	Start int64
	Amount
}

// Counters are the kernel's counters of a device when they were last
// added, and the boot they belong to.
type Counters struct {
	Boot string
	Amount
}

// Record is everything kept about one device.
type Record struct {
	Hours  []Bucket
	Days   []Bucket
	Months []Bucket
	Total  Amount
	// Last are the counters up to which traffic has been added.
	Last Counters
	// Updated is when traffic was last added, Unix seconds.
	Updated int64
}

// Calendar turns instants into the starts of their hour, day and
// billing month in a time zone.
type Calendar struct {
	Loc *time.Location
	// MonthStart is the day of the month (1-28) a billing month begins.
	MonthStart int
}

func (c Calendar) loc() *time.Location {
	if c.Loc == nil {
		return time.Local
	}
	return c.Loc
}

func (c Calendar) monthStart() int {
	if c.MonthStart < 1 || c.MonthStart > 28 {
		return 1
	}
	return c.MonthStart
}

// Hour returns the start of t's local hour.
func (c Calendar) Hour(t time.Time) time.Time {
	t = t.In(c.loc())
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, c.loc())
}

// Day returns the start of t's local day.
func (c Calendar) Day(t time.Time) time.Time {
	t = t.In(c.loc())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc())
}

// Month returns the start of the billing month t lies in: the latest
// MonthStart day at or before t.
func (c Calendar) Month(t time.Time) time.Time {
	t = t.In(c.loc())
	y, m := t.Year(), t.Month()
	if t.Day() < c.monthStart() {
		m--
	}
	return time.Date(y, m, c.monthStart(), 0, 0, 0, 0, c.loc())
}

// NextMonth returns the start of the billing month after the one that
// starts at start.
func (c Calendar) NextMonth(start time.Time) time.Time {
	start = start.In(c.loc())
	return time.Date(start.Year(), start.Month()+1, c.monthStart(), 0, 0, 0, 0, c.loc())
}

// span is where the buckets of an instant begin, and where the buckets
// kept then begin (exclusive), in Unix seconds: one Write reckons it once
// for all its devices.
type span struct {
	hour, day, month             int64
	fromHour, fromDay, fromMonth int64
}

// span returns the span of now.
func (c Calendar) span(now time.Time) span {
	return span{
		hour:      c.Hour(now).Unix(),
		day:       c.Day(now).Unix(),
		month:     c.Month(now).Unix(),
		fromHour:  c.Hour(now.Add(-keepHours * time.Hour)).Unix(),
		fromDay:   c.Day(now.AddDate(0, 0, -keepDays)).Unix(),
		fromMonth: c.Month(now.AddDate(0, -keepMonths, 0)).Unix(),
	}
}

// addAt adds a to every bucket kind and the total. It drops the buckets
// that fell out of their window when it made a bucket or added to one
// that is not the latest (the clock went back): otherwise nothing
// changed that a window would drop.
func (r *Record) addAt(at *span, a Amount) {
	r.Total.add(a)
	var moved bool
	r.Hours, moved = addTo(r.Hours, at.hour, a)
	prune := moved
	r.Days, moved = addTo(r.Days, at.day, a)
	prune = prune || moved
	r.Months, moved = addTo(r.Months, at.month, a)
	if prune || moved {
		r.prune(at)
	}
}

// addTo adds a to the bucket starting at start, making it when missing
// and keeping the buckets in order of Start. The bucket is normally the
// last one or a new last one; moved says it was not the last one.
func addTo(bs []Bucket, start int64, a Amount) ([]Bucket, bool) {
	if n := len(bs); n > 0 && bs[n-1].Start == start {
		bs[n-1].add(a)
		return bs, false
	}
	i := len(bs)
	for i > 0 && bs[i-1].Start > start {
		i--
	}
	if i == 0 || bs[i-1].Start != start {
		bs = append(bs, Bucket{})
		copy(bs[i+1:], bs[i:])
		bs[i] = Bucket{Start: start}
		i++
	}
	bs[i-1].add(a)
	return bs, true
}

// prune drops buckets older than their window or later than the bucket
// of now (left by a clock that was set ahead and then back: their traffic
// stays in the total), and keeps at most the number each kind keeps.
func (r *Record) prune(at *span) {
	r.Hours = window(r.Hours, at.fromHour, at.hour, keepHours)
	r.Days = window(r.Days, at.fromDay, at.day, keepDays)
	r.Months = window(r.Months, at.fromMonth, at.month, keepMonths)
}

// window keeps the buckets with from < Start <= to, at most n of them
// (the latest).
func window(bs []Bucket, from, to int64, n int) []Bucket {
	kept := bs[:0]
	for _, b := range bs {
		if b.Start > from && b.Start <= to {
			kept = append(kept, b)
		}
	}
	if len(kept) > n {
		kept = kept[len(kept)-n:]
	}
	return kept
}

// find returns the amount of the bucket starting at start.
func find(bs []Bucket, start int64) Amount {
	for i := len(bs) - 1; i >= 0; i-- {
		if bs[i].Start == start {
			return bs[i].Amount
		}
	}
	return Amount{}
}

// sumSince adds the buckets starting at or after start and at or before end.
func sumSince(bs []Bucket, start, end int64) Amount {
	var a Amount
	for _, b := range bs {
		if b.Start >= start && b.Start <= end {
			a.add(b.Amount)
		}
	}
	return a
}

// clone returns a deep copy of r.
func (r *Record) clone() *Record {
	c := *r
	c.Hours = append([]Bucket(nil), r.Hours...)
	c.Days = append([]Bucket(nil), r.Days...)
	c.Months = append([]Bucket(nil), r.Months...)
	return &c
}

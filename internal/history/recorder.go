package history

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
)

// FlushEvery is how often a writing Recorder writes its file, and a
// reading one reads it again.
const FlushEvery = time.Minute

// Options configure a Recorder.
type Options struct {
	// Path is the history file.
	Path string
	// Calendar says where hours, days and billing months begin.
	Calendar Calendar
	// Boot is the boot identity (BootID) the counters belong to.
	Boot string
	// Quotas are billing-month allowances in bytes by device name.
	Quotas map[string]uint64
	// ReadOnly never writes the file, as reports do.
	ReadOnly bool
}

// Recorder keeps the history of the devices a monitor reports. Write
// (the monitor's sink) and Usage run on the sampling goroutine and only
// touch memory; Run reads and writes the file on its own goroutine.
type Recorder struct {
	opt   Options
	store store

	mu   sync.Mutex
	recs map[string]*entry
	// slots are the entries of the last Write's readings, in their
	// order: the monitor hands its devices over in the same order every
	// tick, so a tick finds each device's entry by position, without a
	// map lookup.
	slots []*entry
	// dirty says a record changed since the last flush.
	dirty bool
	// gen counts Writes; an entry of the last one has its gen.
	gen uint64
	// now is the time of the last Write (or of Open before any).
	now time.Time
	// lock is held while this process is the writer.
	lock *writerLock
	note string
}

// Open reads the history file and takes the writer's lock unless another
// winload holds it (then this one only reads) or opt.ReadOnly. A damaged
// or unreadable file is moved aside and a new one started, with a note
// (Note) saying so. It fails when the file was written by a newer
// winload, and when a reading Recorder cannot read the file.
func Open(opt Options, now time.Time) (*Recorder, error) {
	r := &Recorder{opt: opt, store: store{path: opt.Path}, now: now}
	if !opt.ReadOnly {
		lock, err := lockWriter(opt.Path)
		switch {
		case err == nil:
			r.lock = lock
		case errors.Is(err, errLocked):
		default:
			r.note = fmt.Sprintf("history not saved: %v", err)
		}
	}
	recs, err := r.store.load()
	if err != nil {
		recs, err = r.recover(err, now)
		if err != nil {
			r.lock.release()
			return nil, err
		}
	}
	r.recs = entries(recs)
	// What an earlier run kept beyond the policy (or an older winload
	// without one) goes at the next flush; a report shows what is kept.
	r.dirty = r.retain(now) && r.lock != nil
	return r, nil
}

// entry is one device's record and what this process knows about it.
type entry struct {
	name string
	// rec is nil for a device a read-only Recorder does not keep.
	rec *Record
	// local says this process read Last from the kernel: the next
	// counters are a plain difference.
	local bool
	// gen is the Recorder's gen of the last Write that had the device.
	gen uint64
	// last and updated are rec.Last.Amount and rec.Updated as add set
	// them while local: a tick whose counters and second are those of the
	// last one changes nothing and need not reach rec (another cache
	// line) at all.
	last    Amount
	updated int64
}

// entries wraps the records a file held.
func entries(recs map[string]*Record) map[string]*entry {
	m := make(map[string]*entry, len(recs))
	for name, rec := range recs {
		m[name] = &entry{name: name, rec: rec}
	}
	return m
}

// recover handles a file that failed to load: a writer moves a damaged
// or unreadable one aside and starts anew.
func (r *Recorder) recover(err error, now time.Time) (map[string]*Record, error) {
	if r.lock == nil || !(errors.Is(err, ErrCorrupt) || errors.Is(err, ErrUnreadable)) {
		return nil, err
	}
	to, merr := r.store.moveAside(now)
	if merr != nil {
		return nil, fmt.Errorf("%w; cannot move it aside: %w", err, merr)
	}
	r.note = fmt.Sprintf("history file was damaged: moved to %s, started a new one", to)
	return map[string]*Record{}, nil
}

// Writing reports whether this Recorder writes the file.
func (r *Recorder) Writing() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lock != nil
}

// Note returns the last problem with the history file, "" for none.
func (r *Recorder) Note() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.note
}

// Write implements monitor.Sink: it adds what each device's counters
// grew by since they were last added. A device seen for the first time
// only sets its baseline. A tick whose devices are those of the last one,
// in the same order, looks nothing up and allocates nothing.
func (r *Recorder) Write(now time.Time, readings []monitor.Reading) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(readings) == 0 {
		return nil
	}
	at := r.opt.Calendar.span(now)
	unix := now.Unix()
	r.gen++
	if now.After(r.now) {
		r.now = now
	}
	for i := range readings {
		rd := &readings[i]
		var e *entry
		if i < len(r.slots) && r.slots[i].name == rd.Device {
			e = r.slots[i]
		} else {
			e = r.entry(rd.Device)
			if i < len(r.slots) {
				r.slots[i] = e
			} else {
				r.slots = append(r.slots, e)
			}
		}
		e.gen = r.gen
		r.add(e, &at, unix, Amount{In: rd.In.Total, Out: rd.Out.Total})
	}
	clear(r.slots[len(readings):])
	r.slots = r.slots[:len(readings)]
	return nil
}

// entry returns device's entry, making it when missing; r.mu is held.
func (r *Recorder) entry(device string) *entry {
	if e := r.recs[device]; e != nil {
		return e
	}
	e := &entry{name: device}
	if r.opt.ReadOnly {
		return e // a report shows the devices the file knows
	}
	r.recs[device] = e
	return e
}

// add adds one device's counters; r.mu is held.
func (r *Recorder) add(e *entry, at *span, now int64, cur Amount) {
	if e.local && cur == e.last && now == e.updated {
		r.dirty = true
		return // rec holds these counters and this second already
	}
	switch {
	case e.rec == nil && r.opt.ReadOnly:
		return
	case e.rec == nil:
		e.rec = &Record{}
	default:
		boot := r.opt.Boot
		if e.local {
			boot = e.rec.Last.Boot
		}
		if d := delta(e.rec.Last, boot, cur); d != (Amount{}) {
			e.rec.addAt(at, d)
		}
	}
	e.local = true
	e.rec.Last = Counters{Boot: r.opt.Boot, Amount: cur}
	e.rec.Updated = now
	e.last, e.updated = cur, now
	r.dirty = true
}

// Run writes the file every FlushEvery while this process is the writer,
// and reads it again while another one is (taking over when that one has
// ended), until ctx is done; then it writes a last time and gives the
// lock up. It returns the last flush's error.
func (r *Recorder) Run(ctx context.Context) error {
	t := time.NewTicker(FlushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return r.Close()
		case <-t.C:
			if r.Writing() {
				_ = r.Flush()
			} else {
				_ = r.Reload()
			}
		}
	}
}

// Close writes the changed devices a last time and gives the writer's
// lock up.
func (r *Recorder) Close() error {
	err := r.Flush()
	r.mu.Lock()
	r.lock.release()
	r.lock = nil
	r.mu.Unlock()
	return err
}

// Flush writes the changed devices when this process is the writer. On
// failure the file keeps its previous state and the changes stay in
// memory for the next flush.
func (r *Recorder) Flush() error {
	r.mu.Lock()
	if r.lock == nil || !r.dirty {
		r.mu.Unlock()
		return nil
	}
	r.retain(r.now)
	// The file is written whole: every device, changed or not.
	data := encodeFile(r.recs)
	r.dirty = false
	r.mu.Unlock()

	err := r.store.save(data)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.dirty = true
		r.note = fmt.Sprintf("history not saved: %v", err)
		return err
	}
	r.note = ""
	return nil
}

// Reload reads the file again when another process writes it, or takes
// the writer's lock when that one has ended. What this process added for
// display is replaced by what the writer wrote; the next Write adds again
// what the counters grew by since.
func (r *Recorder) Reload() error {
	if r.Writing() || r.opt.ReadOnly {
		return nil
	}
	lock, err := lockWriter(r.opt.Path)
	if err != nil && !errors.Is(err, errLocked) {
		return err
	}
	recs, lerr := r.store.load()
	r.mu.Lock()
	defer r.mu.Unlock()
	if lerr != nil {
		lock.release()
		r.note = fmt.Sprintf("history: %v", lerr)
		return lerr
	}
	r.recs, r.lock = entries(recs), lock
	clear(r.slots)
	r.slots = r.slots[:0]
	r.dirty = false
	return nil
}

// Usage fills u with device's traffic today, this billing month and per
// day and month, as of now.
func (r *Recorder) Usage(device string, now time.Time, u *frame.Usage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	*u = frame.Usage{Known: true, Quota: r.opt.Quotas[device]}
	e := r.recs[device]
	if e == nil {
		return
	}
	rec := e.rec
	cal := r.opt.Calendar
	day, month := cal.Day(now), cal.Month(now)
	u.Today = frame.Amount(find(rec.Days, day.Unix()))
	u.Month = frame.Amount(sumSince(rec.Days, month.Unix(), day.Unix()))
	for i := range u.Days {
		start := day.AddDate(0, 0, i+1-len(u.Days))
		u.Days[i] = frame.Bar{Start: start, Amount: frame.Amount(find(rec.Days, start.Unix()))}
	}
	for i := range u.Months {
		start := month.AddDate(0, i+1-len(u.Months), 0)
		a := find(rec.Months, start.Unix())
		if i == len(u.Months)-1 {
			a = Amount(u.Month)
		}
		u.Months[i] = frame.Bar{Start: start, Amount: frame.Amount(a)}
	}
}

// Records returns a copy of every device's record.
func (r *Recorder) Records() map[string]*Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]*Record, len(r.recs))
	for name, e := range r.recs {
		out[name] = e.rec.clone()
	}
	return out
}

// Package monitor keeps the list of devices and their statistics up to
// date from a counter source, and tells the screen what to show.
package monitor

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/printable"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// GoneLinger is how long a vanished device stays in the list, marked as
// gone, before it is dropped (the selected device is never dropped).
const GoneLinger = 30 * time.Second

// Source is what the monitor reads counters from.
type Source interface {
	Read(dst []source.Device) ([]source.Device, error)
	Status() source.Status
}

// ErrNoDevice is wrapped by Select when no device matches.
var ErrNoDevice = errors.New("no such device")

// device is one interface as the monitor knows it. The tracker lives in
// the device, beside the fields every sample touches, so that a tick
// follows one pointer per device.
type device struct {
	seen    uint64
	place   int32 // its place in Monitor.readings while Monitor.placed
	gone    bool
	err     string // why the counters could not be read, "" when they were
	name    string
	addr    string
	tracker stats.Tracker
	goneAt  time.Time
}

// Monitor implements ui.Model over a Source.
type Monitor struct {
	src      Source
	cfg      stats.Config
	start    time.Time
	devices  []*device // sorted by name
	byName   map[string]*device
	current  *device
	buf      []source.Device
	round    uint64
	lastErr  string
	isLoop   func(string) bool
	filter   Filter
	all      []string
	sinks    []Sink
	readings []Reading
	// placed says each present listed device has its place in readings
	// (device.place), set by the last feed: no device was added,
	// dropped, went or came back since. Sample then writes each device's
	// reading as it updates it, while its numbers are at hand.
	placed    bool
	snapshots bool
	snap      atomic.Pointer[Snapshot]
	// slots is the last sample's list as the source gave it: each name
	// with its device, or nil when the filter leaves it out. While a name
	// stays in its place, the next sample skips the filter and the map.
	slots []slot
}

// slot is one row of the source's last list.
type slot struct {
	name string
	dev  *device
}

// Options configure a Monitor.
type Options struct {
	// Stats sets the statistics windows of every device.
	Stats stats.Config
	// Filter chooses and orders the devices listed.
	Filter Filter
	// IsLoopback tells which devices the source's loopback warning concerns.
	IsLoopback func(name string) bool
	// Sinks receive the readings after every successful sample.
	Sinks []Sink
	// Snapshots makes the monitor publish a Snapshot after every
	// successful sample, for readers on other goroutines.
	Snapshots bool
}

// New returns a monitor of src.
func New(src Source, opts Options) (*Monitor, error) {
	if err := opts.Stats.Validate(); err != nil {
		return nil, err
	}
	if err := opts.Filter.Validate(); err != nil {
		return nil, err
	}
	return &Monitor{src: src, cfg: opts.Stats, filter: opts.Filter.translated(), byName: map[string]*device{}, isLoop: opts.IsLoopback, sinks: opts.Sinks, snapshots: opts.Snapshots}, nil
}

// Sample reads the source once and updates every device. Devices that
// appear join the list; devices that vanish are marked gone and their
// statistics reset.
func (m *Monitor) Sample(now time.Time) error {
	if m.start.IsZero() {
		m.start = now
	}
	devs, err := m.src.Read(m.buf[:0])
	m.buf = devs
	if err != nil {
		m.lastErr = err.Error()
		return err
	}
	m.lastErr = ""
	m.round++
	at := now.Sub(m.start)
	added, renamed := false, len(devs) != len(m.slots)
	seen := 0
	for i := range devs {
		d := &devs[i]
		var dev *device
		if i < len(m.slots) && m.slots[i].name == d.Name {
			dev = m.slots[i].dev
		} else {
			renamed = true
			dev, added = m.lookup(d.Name, added)
			if i < len(m.slots) {
				m.slots[i] = slot{name: d.Name, dev: dev}
			} else {
				m.slots = append(m.slots, slot{name: d.Name, dev: dev})
			}
		}
		if dev == nil {
			continue
		}
		if dev.gone {
			dev.gone = false
			dev.tracker.Reset()
			m.placed = false
		}
		if dev.seen != m.round {
			dev.seen = m.round
			seen++
		}
		dev.addr = d.Addr
		dev.record(d, at, m.start)
		if m.placed {
			dev.update(&m.readings[dev.place])
		}
	}
	clear(m.slots[len(devs):])
	m.slots = m.slots[:len(devs)]
	if renamed {
		m.all = m.all[:0]
		for i := range devs {
			m.all = append(m.all, devs[i].Name)
		}
	}
	if added {
		slices.SortFunc(m.devices, func(a, b *device) int { return m.filter.compare(a.name, b.name) })
	}
	if seen != len(m.devices) {
		m.sweep(now) // some device was not seen: it goes, or has gone
	}
	if m.snapshots {
		m.publish(now, devs)
	}
	if m.current == nil && len(m.devices) > 0 {
		m.current = m.devices[0]
	}
	return m.feed(now)
}

// lookup returns the device of that name, making it if the filter allows
// it and it is new (added then becomes true), or nil if the filter leaves
// it out.
func (m *Monitor) lookup(name string, added bool) (*device, bool) {
	if !m.filter.Allows(name) {
		return nil, added
	}
	dev, ok := m.byName[name]
	if !ok {
		dev = &device{name: name, tracker: stats.MakeTracker(m.cfg)}
		m.byName[name] = dev
		m.devices = append(m.devices, dev)
		m.placed = false
		added = true
	}
	return dev, added
}

// sweep marks devices missing from this round as gone and drops those
// gone for longer than GoneLinger.
func (m *Monitor) sweep(now time.Time) {
	keep := m.devices[:0]
	for _, dev := range m.devices {
		if dev.seen != m.round && !dev.gone {
			dev.gone = true
			dev.goneAt = now
			dev.tracker.Reset()
			m.placed = false
		}
		if dev.gone && dev != m.current && now.Sub(dev.goneAt) >= GoneLinger {
			delete(m.byName, dev.name)
			continue
		}
		keep = append(keep, dev)
	}
	clear(m.devices[len(keep):])
	m.devices = keep
}

// Len is the number of devices listed.
func (m *Monitor) Len() int { return len(m.devices) }

// Present returns the names of all devices the source reported in the
// last sample, listed or not.
func (m *Monitor) Present() []string { return slices.Clone(m.all) }

// Names returns the listed device names in order.
func (m *Monitor) Names() []string {
	names := make([]string, len(m.devices))
	for i, d := range m.devices {
		names[i] = d.name
	}
	return names
}

// Move selects the device delta places away, wrapping around.
func (m *Monitor) Move(delta int) {
	n := len(m.devices)
	if n == 0 {
		return
	}
	i := m.index()
	m.current = m.devices[((i+delta)%n+n)%n]
}

func (m *Monitor) index() int {
	for i, d := range m.devices {
		if d == m.current {
			return i
		}
	}
	return 0
}

// Select chooses the device whose name matches query, ignoring case: an
// exact match first, then the first name starting with it, then the first
// name containing it.
func (m *Monitor) Select(query string) error {
	name, ok := Match(m.Names(), query)
	if !ok {
		return fmt.Errorf("%w %q; devices: %s", ErrNoDevice, query, printable.Join(m.Names(), ", "))
	}
	m.current = m.byName[name]
	return nil
}

// Match finds the name query stands for in names, ignoring case: an exact
// match, else the first name starting with query, else the first name
// containing it.
func Match(names []string, query string) (string, bool) {
	q := strings.ToLower(query)
	if q == "" {
		return "", false
	}
	for _, rule := range []func(string) bool{
		func(n string) bool { return n == q },
		func(n string) bool { return strings.HasPrefix(n, q) },
		func(n string) bool { return strings.Contains(n, q) },
	} {
		for _, name := range names {
			if rule(strings.ToLower(name)) {
				return name, true
			}
		}
	}
	return "", false
}

// Frame fills f with what the screen shows for the selected device.
func (m *Monitor) Frame(f *frame.Frame) {
	if m.current == nil {
		m.fill(f, nil, 0)
		return
	}
	m.fill(f, m.current, m.index())
}

// FrameAt fills f for device i in list order; an index out of range gives
// a frame without a device.
func (m *Monitor) FrameAt(i int, f *frame.Frame) {
	if i < 0 || i >= len(m.devices) {
		m.fill(f, nil, 0)
		return
	}
	m.fill(f, m.devices[i], i)
}

func (m *Monitor) fill(f *frame.Frame, dev *device, index int) {
	status := m.src.Status()
	*f = frame.Frame{Count: len(m.devices), Tag: status.Tag, Detail: status.Detail, Error: m.lastErr}
	if f.Error == "" {
		f.Error = status.Error
	}
	if dev == nil {
		return
	}
	f.Device, f.Addr, f.Gone, f.Index = dev.name, dev.addr, dev.gone, index
	if m.isLoop != nil && m.isLoop(dev.name) {
		f.Warning = status.Warning
	}
	if dev.err != "" && !dev.gone {
		f.Warning = dev.err
	}
	t := &dev.tracker
	f.In = direction(t.In(), t.Valid(), t.InHistory())
	f.Out = direction(t.Out(), t.Valid(), t.OutHistory())
}

func direction(s stats.Stat, valid bool, h stats.History) frame.Direction {
	return frame.Direction{Curr: s.Curr, Avg: s.Avg, Min: s.Min, Max: s.Max, Total: s.Total, Valid: valid, History: h}
}

// SetStats changes the statistics windows. Every device starts afresh,
// since samples taken at another interval do not fit the new windows.
func (m *Monitor) SetStats(cfg stats.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	m.cfg = cfg
	for _, d := range m.devices {
		d.tracker = stats.MakeTracker(cfg)
	}
	return nil
}

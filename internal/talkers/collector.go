package talkers

import (
	"context"
	"sync/atomic"
	"time"
)

// reader lists the host's TCP sockets.
type reader interface {
	// Read appends the sockets to dst[:0] and returns it.
	Read(dst []tcpSocket) ([]tcpSocket, error)
	// Closed appends the sockets that closed since the last call, with
	// their last counters, to dst[:0]; none when the reader cannot know.
	Closed(dst []tcpSocket) []tcpSocket
	// Missed says what the reader cannot see, "" when nothing.
	Missed() string
	Close() error
}

// resolver names the processes that hold sockets.
type resolver interface {
	// Begin is called with each new list before ownerOf, so that the
	// resolver can look up the sockets it does not know yet.
	Begin(socks []tcpSocket)
	// ownerOf returns the process holding s.
	ownerOf(s *tcpSocket) procOwner
	// Note says what the resolver cannot name, "" when it names all.
	Note() string
}

// counter is a reader that says what its bytes are, when they are not
// TCP payload.
type counter interface {
	Counts() string
}

// dropper is a reader that may lose packets: Dropped returns how many
// since it opened.
type dropper interface {
	Dropped() uint64
}

// Source chooses where the bytes come from.
type Source int

// The sources: the packet capture where allowed, else the socket
// statistics; only the socket statistics; only the packet capture.
const (
	Auto Source = iota
	Sockets
	Capture
)

// opener returns the function that opens src.
func opener(src Source) func() (reader, resolver, error) {
	switch src {
	case Sockets:
		return openSource
	case Capture:
		return openCapture
	}
	return openAuto
}

// Collector samples the sockets every interval in its own goroutine
// (Run) and publishes a Table that Latest returns without blocking.
type Collector struct {
	interval atomic.Int64 // time.Duration
	open     func() (reader, resolver, error)
	latest   atomic.Pointer[Table]
	view     atomic.Int64
	wake     chan struct{}
	rd       reader   // set by Open, else opened by Run
	res      resolver // set with rd
}

// New returns a Collector that samples src every interval once Run is
// called.
func New(interval time.Duration, src Source) *Collector {
	return newCollector(interval, opener(src))
}

// Open returns a Collector whose source is open already, or an error
// saying why this system cannot tell who uses the bandwidth.
func Open(interval time.Duration, src Source) (*Collector, error) {
	c := New(interval, src)
	rd, res, err := c.open()
	if err != nil {
		return nil, err
	}
	c.rd, c.res = rd, res
	return c, nil
}

func newCollector(interval time.Duration, open func() (reader, resolver, error)) *Collector {
	c := &Collector{open: open, wake: make(chan struct{}, 1)}
	c.interval.Store(int64(interval))
	c.latest.Store(&Table{Note: "collecting…"})
	return c
}

// Latest returns the newest Table; it never returns nil.
func (c *Collector) Latest() *Table { return c.latest.Load() }

// View returns the grouping and order in use.
func (c *Collector) View() View {
	v := c.view.Load()
	return View{Group: Grouping(v >> 8), Sort: Order(v & 0xff)}
}

// SetInterval changes how often the sockets are sampled, from the next
// tick on; d must be positive.
func (c *Collector) SetInterval(d time.Duration) {
	if d > 0 && c.interval.Swap(int64(d)) != int64(d) {
		c.poke()
	}
}

// SetView chooses the grouping and order; the next Table, built at once
// from the data at hand, follows it.
func (c *Collector) SetView(v View) {
	c.view.Store(int64(v.Group%groupings)<<8 | int64(v.Sort%orders))
	c.poke()
}

// poke wakes Run to publish a table and follow the interval.
func (c *Collector) poke() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run samples until ctx is done; it may be called once. When the system offers no way to read
// the sockets, the Table's Problem says why and Run waits for ctx.
func (c *Collector) Run(ctx context.Context) {
	rd, res := c.rd, c.res
	if rd == nil {
		var err error
		rd, res, err = c.open()
		if err != nil {
			c.latest.Store(&Table{View: c.View(), Problem: err.Error()})
			<-ctx.Done()
			return
		}
	}
	defer rd.Close()
	t := newTracker()
	t.devOf = newAddrDevices().device
	drops, _ := rd.(dropper)
	var socks, closed []tcpSocket
	var problem string
	said := note(rd, res)
	sample := func() {
		var err error
		socks, err = rd.Read(socks)
		closed = rd.Closed(closed)
		if err != nil {
			problem = err.Error()
			if _, capture := rd.(counter); !capture {
				problem = "reading socket statistics: " + problem
			}
			return
		}
		problem = ""
		res.Begin(socks)
		t.update(time.Now(), socks, closed, res.ownerOf)
	}
	publish := func() {
		v := c.View()
		tab := &Table{View: v, Problem: problem, Note: said, Valid: t.tick > 1}
		if problem == "" {
			tab.Rows, tab.Devices = t.table(v)
		}
		if drops != nil {
			tab.Dropped = drops.Dropped()
		}
		c.latest.Store(tab)
	}
	sample()
	publish()
	every := time.Duration(c.interval.Load())
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			sample()
			publish()
		case <-c.wake:
			if d := time.Duration(c.interval.Load()); d != every {
				every = d
				tick.Reset(d)
			}
			publish()
		}
	}
}

// note is what every Table says about its numbers.
func note(rd reader, res resolver) string {
	n := "TCP payload only (socket statistics)"
	if c, ok := rd.(counter); ok {
		n = c.Counts()
	}
	for _, more := range []string{rd.Missed(), res.Note()} {
		if more != "" {
			n += "; " + more
		}
	}
	return n
}

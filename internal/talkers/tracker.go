package talkers

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"
	"time"
)

// procOwner is the process that holds a socket.
type procOwner struct {
	// PID is 0 when the process is not known.
	PID int
	// Process is the process's name, User its owner's name, Cgroup the
	// last part of its cgroup ("" when not known).
	Process, User, Cgroup string
}

// linger is how long a row without open sockets stays, marked Ended.
const linger = 10 * time.Second

// sockState is what the tracker remembers of a socket between ticks.
type sockState struct {
	sent, recv uint64
	tick       uint64 // the last tick that saw the socket
	pid        int    // the owner the rows were chosen for
	// rows are the socket's row in each grouping, nil until chosen.
	rows [groupings]*group
}

// groupKey identifies a row within a grouping; fields the grouping does
// not use stay zero.
type groupKey struct {
	dev           string
	proto         uint8
	pid           int
	uid           uint32
	local, remote netip.AddrPort
	cgroup        string
}

// group is one row's running state.
type group struct {
	dev         string    // the device; "" when not known
	row         Row       // PID, names and addresses
	dIn, dOut   uint64    // bytes counted this tick
	first, last time.Time // the tick before the row was seen; its last tick
	seen        uint64    // the last tick with an open socket
	quiet       int       // ticks in a row without bytes, up to SparkLen
}

// tracker turns successive socket lists into per-row rates. It is not
// safe for concurrent use.
type tracker struct {
	socks  map[uint64]*sockState
	groups [groupings]map[groupKey]*group
	byDev  map[string][]*group // scratch for sorting
	// devOf names the device of a local address, for sockets whose
	// reader does not know it; nil leaves them without one.
	devOf  func(netip.Addr) string
	tick   uint64
	prev   time.Time
	primed bool // a first list has set the baseline
}

func newTracker() *tracker {
	t := &tracker{socks: map[uint64]*sockState{}, byDev: map[string][]*group{}}
	for g := range t.groups {
		t.groups[g] = map[groupKey]*group{}
	}
	return t
}

// update counts the bytes each socket moved since the last call: socks
// are the open sockets, closed those that closed meanwhile, with their
// last counters. The first call only sets the baseline; after it, a
// socket not seen before counts all its bytes, since it opened after the
// previous list was read. owner names the process of a socket.
func (t *tracker) update(now time.Time, socks, closed []tcpSocket, owner func(s *tcpSocket) procOwner) {
	t.tick++
	for i := range socks {
		t.count(now, &socks[i], owner)
	}
	// A closed socket counts its last bytes, once: it may have been in
	// this tick's list too, and is forgotten at once.
	for i := range closed {
		if st := t.count(now, &closed[i], owner); st != nil {
			st.tick = 0
		}
	}
	for c, st := range t.socks {
		if st.tick != t.tick {
			delete(t.socks, c)
		}
	}
	dt := now.Sub(t.prev).Seconds()
	for _, m := range t.groups {
		for k, gr := range m {
			if gr.seen != t.tick && now.Sub(gr.last) > linger {
				delete(m, k)
				continue
			}
			gr.settle(now, dt, gr.seen == t.tick && t.primed)
		}
	}
	t.prev = now
	t.primed = true
}

// count adds the bytes s moved since the last tick to its rows and
// returns its state; nil for a socket without counters.
func (t *tracker) count(now time.Time, s *tcpSocket, owner func(s *tcpSocket) procOwner) *sockState {
	if !s.HasBytes {
		return nil
	}
	var dIn, dOut uint64
	st := t.socks[s.Cookie]
	if st != nil {
		dIn, dOut = since(s.Received, st.recv), since(s.Sent, st.sent)
	} else {
		st = &sockState{}
		t.socks[s.Cookie] = st
		if t.primed {
			dIn, dOut = s.Received, s.Sent
		}
	}
	st.sent, st.recv, st.tick = s.Sent, s.Received, t.tick
	// A known owner stays; an unknown one may be found later.
	if st.rows[0] == nil || st.pid == 0 {
		if o := owner(s); st.rows[0] == nil || o.PID != st.pid {
			st.pid = o.PID
			dev := s.Device
			if dev == "" && t.devOf != nil {
				dev = t.devOf(s.Local.Addr())
			}
			for g := range groupings {
				st.rows[g] = t.row(g, now, s, dev, &o)
			}
		}
	}
	for _, gr := range st.rows {
		gr.dIn += dIn
		gr.dOut += dOut
		gr.seen = t.tick
	}
	return st
}

// since is cur-prev, or 0 when the counter went back.
func since(cur, prev uint64) uint64 {
	if cur < prev {
		return 0
	}
	return cur - prev
}

// row returns the row of a socket owned by o in grouping g, making it
// when it is new.
func (t *tracker) row(g Grouping, now time.Time, s *tcpSocket, dev string, o *procOwner) *group {
	k := groupKey{dev: dev}
	proto := protoName(s.Proto)
	switch g {
	case ByProcess:
		k.pid = o.PID
		if o.PID == 0 {
			k.uid = s.UID
		}
	case ByConnection:
		k.proto = s.Proto
		k.local, k.remote = s.Local, s.Remote
	case ByHost:
		k.remote = netip.AddrPortFrom(s.Remote.Addr(), 0)
	case ByPort:
		k.local = netip.AddrPortFrom(netip.Addr{}, s.Local.Port())
	case ByCgroup:
		k.cgroup = o.Cgroup
		if o.Cgroup == "" {
			k.uid = s.UID
		}
	}
	gr := t.groups[g][k]
	if gr == nil {
		first := t.prev
		if !t.primed {
			first = now
		}
		gr = &group{first: first, dev: dev}
		gr.row.Proto = proto
		gr.row.Local, gr.row.Remote = k.local, k.remote
		switch g {
		case ByProcess, ByConnection:
			gr.row.PID, gr.row.Process, gr.row.User, gr.row.Cgroup = o.PID, o.Process, o.User, o.Cgroup
		case ByCgroup:
			gr.row.Cgroup, gr.row.User = o.Cgroup, o.User
		}
		t.groups[g][k] = gr
	} else if gr.row.Proto != proto {
		gr.row.Proto = "" // a row of several protocols
	}
	return gr
}

// protoName is the name of an IP protocol as rows and streams show it.
func protoName(p uint8) string {
	switch p {
	case 0, protoTCP:
		return "tcp"
	case protoUDP:
		return "udp"
	case 1:
		return "icmp"
	case 58:
		return "icmpv6"
	}
	return "ip/" + strconv.Itoa(int(p))
}

// settle turns this tick's bytes into rates; counted is false on the
// baseline tick and for rows without open sockets.
func (gr *group) settle(now time.Time, dt float64, counted bool) {
	r := &gr.row
	if counted {
		gr.last = now
	}
	// A row without bytes for SparkLen ticks has a flat sparkline and no
	// current rate: only its average moves, and only with bytes behind it.
	if gr.dIn == 0 && gr.dOut == 0 {
		if gr.quiet >= SparkLen {
			if counted && r.In.Total+r.Out.Total > 0 {
				gr.average()
			}
			return
		}
		gr.quiet++
	} else {
		gr.quiet = 0
	}
	copy(r.Spark[:], r.Spark[1:])
	r.In.Curr, r.Out.Curr = 0, 0
	if counted && dt > 0 {
		r.In.Curr, r.Out.Curr = float64(gr.dIn)/dt, float64(gr.dOut)/dt
	}
	r.In.Total += gr.dIn
	r.Out.Total += gr.dOut
	gr.average()
	r.Spark[SparkLen-1] = r.In.Curr + r.Out.Curr
	gr.dIn, gr.dOut = 0, 0
}

// average sets Avg: the total over the time since the row was first seen.
func (gr *group) average() {
	r := &gr.row
	if life := gr.last.Sub(gr.first).Seconds(); life > 0 {
		r.In.Avg, r.Out.Avg = float64(r.In.Total)/life, float64(r.Out.Total)/life
	}
}

// table returns the rows of view v, busiest first, at most MaxRows per
// device: those whose device is not known, and those of each device.
func (t *tracker) table(v View) (host []Row, devs map[string][]Row) {
	for d, l := range t.byDev {
		t.byDev[d] = l[:0]
	}
	for _, gr := range t.groups[v.Group%groupings] {
		gr.row.Ended = gr.seen != t.tick
		t.byDev[gr.dev] = append(t.byDev[gr.dev], gr)
	}
	for d, l := range t.byDev {
		if len(l) == 0 {
			delete(t.byDev, d)
			continue
		}
		rows := sortRows(l, v.Sort)
		if d == "" {
			host = rows
			continue
		}
		if devs == nil {
			devs = map[string][]Row{}
		}
		devs[d] = rows
	}
	return host, devs
}

// sortRows returns the rows of l, busiest first, at most MaxRows.
func sortRows(l []*group, o Order) []Row {
	slices.SortFunc(l, func(a, b *group) int {
		if c := cmp.Compare(sortRate(&b.row, o), sortRate(&a.row, o)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.row.In.Total+b.row.Out.Total, a.row.In.Total+a.row.Out.Total); c != 0 {
			return c
		}
		if c := cmp.Compare(a.row.PID, b.row.PID); c != 0 {
			return c
		}
		if c := a.row.Local.Compare(b.row.Local); c != 0 {
			return c
		}
		return a.row.Remote.Compare(b.row.Remote)
	})
	n := min(len(l), MaxRows)
	out := make([]Row, n)
	for i := range out {
		out[i] = l[i].row
	}
	return out
}

// sortRate is the current rate a row is sorted by.
func sortRate(r *Row, o Order) float64 {
	switch o {
	case ByIn:
		return r.In.Curr
	case ByOut:
		return r.Out.Curr
	default:
		return r.In.Curr + r.Out.Curr
	}
}

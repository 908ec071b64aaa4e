package talkers

import (
	"net/netip"
	"testing"
	"time"
)

func sock(cookie uint64, inode uint32, local, remote string, sent, recv uint64) tcpSocket {
	return tcpSocket{Cookie: cookie, Inode: inode, UID: 1000, Local: netip.MustParseAddrPort(local),
		Remote: netip.MustParseAddrPort(remote), Sent: sent, Received: recv, HasBytes: true}
}

// owners names inode 1 and 2 as process 10 and inode 3 as process 20.
func owners(s *tcpSocket) procOwner {
	switch s.Inode {
	case 1, 2:
		return procOwner{PID: 10, Process: "curl", User: "ann", Cgroup: "session-1.scope"}
	case 3:
		return procOwner{PID: 20, Process: "ssh", User: "ann", Cgroup: "session-1.scope"}
	}
	return procOwner{User: "bob"}
}

func TestTrackerRates(t *testing.T) {
	t0 := time.Unix(1000, 0)
	sec := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Second) }
	tr := newTracker()
	// The first list is the baseline: nothing counts.
	tr.update(sec(0), []tcpSocket{sock(1, 1, "10.0.0.1:4000", "1.1.1.1:443", 500, 700)}, nil, owners)
	// One second later: +100 out, +300 in on cookie 1; cookie 2 opened
	// since and counts all of its bytes; cookie 3 belongs to process 20.
	tr.update(sec(1), []tcpSocket{
		sock(1, 1, "10.0.0.1:4000", "1.1.1.1:443", 600, 1000),
		sock(2, 2, "10.0.0.1:4001", "1.1.1.1:443", 50, 50),
		sock(3, 3, "10.0.0.1:4002", "2.2.2.2:22", 10, 2000),
	}, nil, owners)
	tests := []struct {
		view    View
		first   Row // PID, Process, Local, Remote, In.Curr, Out.Curr checked
		rows    int
		firstIn uint64
	}{
		{View{ByProcess, ByTotal}, Row{PID: 20, Process: "ssh", In: Rate{Curr: 2000}, Out: Rate{Curr: 10}}, 2, 2000},
		{View{ByProcess, ByOut}, Row{PID: 10, Process: "curl", In: Rate{Curr: 350}, Out: Rate{Curr: 150}}, 2, 350},
		{View{ByHost, ByIn}, Row{Remote: netip.MustParseAddrPort("2.2.2.2:0"), In: Rate{Curr: 2000}, Out: Rate{Curr: 10}}, 2, 2000},
		{View{ByHost, ByOut}, Row{Remote: netip.MustParseAddrPort("1.1.1.1:0"), In: Rate{Curr: 350}, Out: Rate{Curr: 150}}, 2, 350},
		{View{ByConnection, ByOut}, Row{PID: 10, Process: "curl", Local: netip.MustParseAddrPort("10.0.0.1:4000"),
			Remote: netip.MustParseAddrPort("1.1.1.1:443"), In: Rate{Curr: 300}, Out: Rate{Curr: 100}}, 3, 300},
		{View{ByPort, ByIn}, Row{Local: netip.AddrPortFrom(netip.Addr{}, 4002), In: Rate{Curr: 2000}, Out: Rate{Curr: 10}}, 3, 2000},
		{View{ByCgroup, ByIn}, Row{In: Rate{Curr: 2350}, Out: Rate{Curr: 160}}, 1, 2350},
	}
	for _, tt := range tests {
		rows := hostRows(tr, tt.view)
		if len(rows) != tt.rows {
			t.Errorf("%v: %d rows, want %d", tt.view, len(rows), tt.rows)
			continue
		}
		g := rows[0]
		w := tt.first
		if tt.view.Group == ByCgroup && g.Cgroup != "session-1.scope" {
			t.Errorf("%v: cgroup %q", tt.view, g.Cgroup)
		}
		if g.PID != w.PID || g.Process != w.Process || g.Local != w.Local || g.Remote != w.Remote ||
			g.In.Curr != w.In.Curr || g.Out.Curr != w.Out.Curr || g.In.Total != tt.firstIn || g.In.Avg != w.In.Curr {
			t.Errorf("%v: first row %+v, want %+v", tt.view, g, w)
		}
	}
}

func TestTrackerEndedRowsLingerThenGo(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tr := newTracker()
	s := []tcpSocket{sock(1, 3, "10.0.0.1:4000", "1.1.1.1:443", 0, 0)}
	tr.update(t0, s, nil, owners)
	s[0].Sent = 1000
	tr.update(t0.Add(time.Second), s, nil, owners)
	// The socket closes: the row stays, marked, with no current rate.
	tr.update(t0.Add(2*time.Second), nil, nil, owners)
	rows := hostRows(tr, View{})
	if len(rows) != 1 || !rows[0].Ended || rows[0].Out.Curr != 0 || rows[0].Out.Total != 1000 || rows[0].Process != "ssh" {
		t.Fatalf("after closing: %+v, want one ended ssh row with 1000 bytes out", rows)
	}
	tr.update(t0.Add(2*time.Second+linger+time.Second), nil, nil, owners)
	if rows := hostRows(tr, View{}); len(rows) != 0 {
		t.Fatalf("after the linger time: %+v, want no rows", rows)
	}
	if len(tr.socks) != 0 {
		t.Errorf("the tracker still remembers %d sockets", len(tr.socks))
	}
}

func TestTrackerCounterGoingBackCountsNothing(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tr := newTracker()
	tr.update(t0, []tcpSocket{sock(1, 1, "10.0.0.1:1", "1.1.1.1:2", 900, 900)}, nil, owners)
	tr.update(t0.Add(time.Second), []tcpSocket{sock(1, 1, "10.0.0.1:1", "1.1.1.1:2", 100, 100)}, nil, owners)
	rows := hostRows(tr, View{})
	if len(rows) != 1 || rows[0].In.Curr != 0 || rows[0].Out.Total != 0 {
		t.Fatalf("rows %+v, want no spike from a counter that went back", rows)
	}
}

func TestTrackerUnownedSocketsGroupByUser(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tr := newTracker()
	s := []tcpSocket{sock(1, 9, "10.0.0.1:1", "1.1.1.1:2", 0, 0), sock(2, 0, "10.0.0.1:3", "1.1.1.1:2", 0, 0)}
	tr.update(t0, s, nil, owners)
	s[0].Received, s[1].Received = 10, 20
	tr.update(t0.Add(time.Second), s, nil, owners)
	rows := hostRows(tr, View{})
	if len(rows) != 1 || rows[0].PID != 0 || rows[0].User != "bob" || rows[0].In.Curr != 30 {
		t.Fatalf("rows %+v, want one row of user bob without a PID, 30 B/s in", rows)
	}
}

func TestTrackerCapsRows(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tr := newTracker()
	var s []tcpSocket
	for i := range MaxRows + 5 {
		s = append(s, sock(uint64(i+1), 0, "10.0.0.1:1", netip.AddrPortFrom(netip.AddrFrom4([4]byte{9, 9, 9, byte(i)}), 1).String(), 0, 0))
	}
	tr.update(t0, s, nil, owners)
	if rows := hostRows(tr, View{Group: ByHost}); len(rows) != MaxRows {
		t.Fatalf("%d rows, want %d", len(rows), MaxRows)
	}
}

// With destroy notifications, a socket's last bytes count once, whether
// or not this tick's list still had it, and a socket that opened and
// closed between two ticks counts all its bytes.
func TestTrackerClosedSocketsCountTheirLastBytes(t *testing.T) {
	t0 := time.Unix(1000, 0)
	sec := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Second) }
	a := sock(1, 3, "10.0.0.1:4000", "1.1.1.1:443", 100, 0)
	b := sock(2, 3, "10.0.0.1:4001", "1.1.1.1:443", 100, 0)
	tr := newTracker()
	tr.update(sec(0), []tcpSocket{a, b}, nil, owners)
	// a closed after 50 more bytes and is gone from the list; b closed
	// after the list was read, which still had it at 120, with 130 last.
	aEnd, bListed, bEnd := a, b, b
	aEnd.Sent, bListed.Sent, bEnd.Sent = 150, 120, 130
	// c opened and closed between the ticks.
	c := sock(3, 3, "10.0.0.1:4002", "1.1.1.1:443", 7, 0)
	tr.update(sec(1), []tcpSocket{bListed}, []tcpSocket{aEnd, bEnd, c}, owners)
	rows := hostRows(tr, View{})
	if len(rows) != 1 || rows[0].Out.Total != 50+30+7 || rows[0].Out.Curr != 87 {
		t.Fatalf("rows %+v, want ssh with 87 bytes out", rows)
	}
	if len(tr.socks) != 0 {
		t.Errorf("closed sockets are still remembered: %v", tr.socks)
	}
	// A late duplicate of a notification counts nothing more.
	tr.update(sec(2), nil, []tcpSocket{}, owners)
	if rows := hostRows(tr, View{}); rows[0].Out.Total != 87 {
		t.Errorf("total %d after the next tick, want 87", rows[0].Out.Total)
	}
}

// hostRows returns the rows whose device is not known.
func hostRows(tr *tracker, v View) []Row {
	rows, _ := tr.table(v)
	return rows
}

// Rows are kept per device: the reader's device, else the one devOf
// names for the local address; sockets of no known device are the
// host's rows, which Of shows for a device without rows of its own.
func TestTrackerPerDevice(t *testing.T) {
	tr := newTracker()
	tr.devOf = func(a netip.Addr) string {
		if a.IsLoopback() {
			return "lo"
		}
		return ""
	}
	t0 := time.Unix(1000, 0)
	lo := sock(1, 1, "127.0.0.1:4000", "127.0.0.1:5000", 0, 0)
	eth := sock(2, 2, "10.0.0.1:4001", "1.1.1.1:443", 0, 0)
	eth.Device = "eth0"
	unknown := sock(3, 3, "192.168.9.9:22", "2.2.2.2:50000", 0, 0)
	tr.update(t0, []tcpSocket{lo, eth, unknown}, nil, owners)
	lo.Sent, eth.Received, unknown.Sent = 100, 200, 300
	tr.update(t0.Add(time.Second), []tcpSocket{lo, eth, unknown}, nil, owners)
	host, devs := tr.table(View{})
	tab := &Table{Rows: host, Devices: devs}
	for _, tt := range []struct {
		dev     string
		pid     int
		in, out uint64
	}{{"lo", 10, 0, 100}, {"eth0", 10, 200, 0}, {"wlan0", 20, 0, 300}} {
		rows := tab.Of(tt.dev)
		if len(rows) != 1 || rows[0].PID != tt.pid || rows[0].In.Total != tt.in || rows[0].Out.Total != tt.out {
			t.Errorf("%s: rows %+v, want PID %d with in %d out %d", tt.dev, rows, tt.pid, tt.in, tt.out)
		}
	}
}

func TestAddrDevices(t *testing.T) {
	d := &addrDevices{
		exact:    map[netip.Addr]string{netip.MustParseAddr("10.0.0.1"): "eth0", netip.MustParseAddr("127.0.0.1"): "lo"},
		prefixes: []devPrefix{{netip.MustParsePrefix("127.0.0.0/8"), "lo"}},
		read:     time.Now(),
	}
	for a, want := range map[string]string{"10.0.0.1": "eth0", "::ffff:10.0.0.1": "eth0", "127.0.0.9": "lo", "10.0.0.2": ""} {
		if got := d.device(netip.MustParseAddr(a)); got != want {
			t.Errorf("%s: %q, want %q", a, got, want)
		}
	}
}

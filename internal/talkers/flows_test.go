package talkers

import (
	"net/netip"
	"testing"
	"time"
)

// fakeFinder owns the flows whose local port it lists.
type fakeFinder struct {
	byPort   map[uint16]sockRef
	refreshs int
}

func (f *fakeFinder) refresh() error { f.refreshs++; return nil }

func (f *fakeFinder) find(k flowKey) (sockRef, bool) {
	r, ok := f.byPort[k.local.Port()]
	return r, ok
}

// recorded is a short recording of frames as the two capture sockets
// hand them over: device index, incoming or not, wire length, frame.
type recorded struct {
	dev   int32
	in    bool
	n     uint64
	frame []byte
}

func udp4(src, dst string, sport, dport uint16) []byte {
	return ether(etherIPv4, 0, ipv4(protoUDP, src, dst, 0, 5, ports(sport, dport, 8)))
}

func tcp4(src, dst string, sport, dport uint16) []byte {
	return ether(etherIPv4, 0, ipv4(protoTCP, src, dst, 0, 5, ports(sport, dport, 20)))
}

// TestCaptureAccounting runs recorded frames through the capture's path:
// parsing, the flow tables, the owners and the tracker, and checks the
// rows of each device. Device 1 is lo, 2 eth0.
func TestCaptureAccounting(t *testing.T) {
	names := map[int32]string{1: "lo", 2: "eth0"}
	loop := map[int32]bool{1: true}
	in, out := newFlowTable(), newFlowTable()
	set := newFlowSet()
	finder := &fakeFinder{byPort: map[uint16]sockRef{
		4000: {inode: 1, uid: 1000}, // the sender on lo (process 10)
		5001: {inode: 3, uid: 1000}, // the listener on lo (process 20)
		6000: {inode: 2, uid: 1000}, // process 10's QUIC on eth0
	}}
	tr := newTracker()
	t0 := time.Unix(1000, 0)
	tick := func(now time.Time, frames []recorded) {
		for _, f := range frames {
			var p packetInfo
			if !parseFrame(f.frame, &p) {
				p = packetInfo{}
			}
			tab := out
			if f.in {
				tab = in
			}
			tab.add(f.dev, &p, f.n, f.in, f.in && loop[f.dev])
		}
		in.drain(set.add)
		out.drain(set.add)
		if set.unowned() {
			if err := set.own(finder); err != nil {
				t.Fatal(err)
			}
		}
		socks := set.sockets(nil, now, func(d int32) string { return names[d] })
		tr.update(now, socks, nil, owners)
	}
	tick(t0, nil)
	tick(t0.Add(time.Second), []recorded{
		// lo: 127.0.0.1:4000 sends 3 frames to :5001; the capture sees
		// each once, on the incoming socket.
		{1, true, 1500, udp4("127.0.0.1", "127.0.0.1", 4000, 5001)},
		{1, true, 1500, udp4("127.0.0.1", "127.0.0.1", 4000, 5001)},
		{1, true, 100, udp4("127.0.0.1", "127.0.0.1", 4000, 5001)},
		// eth0: QUIC out and in for port 6000.
		{2, false, 1300, udp4("10.0.0.1", "1.1.1.1", 6000, 443)},
		{2, true, 700, udp4("1.1.1.1", "10.0.0.1", 443, 6000)},
		// eth0: a TCP flow no socket holds (it closed): counted, no owner.
		{2, true, 90, tcp4("2.2.2.2", "10.0.0.1", 22, 7000)},
		// eth0: ARP counts for nobody's flow but the device's.
		{2, true, 42, ether(0x0806, 0, make([]byte, 28))},
	})
	rows, devs := tr.table(View{Group: ByProcess})
	if len(rows) != 0 {
		t.Errorf("%d rows without a device, want 0", len(rows))
	}
	type want struct {
		pid     int
		in, out uint64
	}
	check := func(dev string, w []want) {
		t.Helper()
		got := devs[dev]
		if len(got) != len(w) {
			t.Fatalf("%s: %d rows %+v, want %d", dev, len(got), got, len(w))
		}
		for _, w := range w {
			found := false
			for _, r := range got {
				if r.PID == w.pid {
					found = true
					if r.In.Total != w.in || r.Out.Total != w.out {
						t.Errorf("%s: PID %d in %d out %d, want %d and %d", dev, w.pid, r.In.Total, r.Out.Total, w.in, w.out)
					}
				}
			}
			if !found {
				t.Errorf("%s: no row for PID %d in %+v", dev, w.pid, got)
			}
		}
	}
	// lo: the sender sent 3,100 bytes and the listener received them.
	check("lo", []want{{10, 0, 3100}, {20, 3100, 0}})
	// eth0: process 10's QUIC; the closed TCP flow and the ARP frame
	// under no process (PID 0).
	check("eth0", []want{{10, 700, 1300}, {0, 132, 0}})
	if finder.refreshs != 1 {
		t.Errorf("socket tables read %d times, want 1", finder.refreshs)
	}

	// Conn grouping: the flows keep their protocol.
	_, devs = tr.table(View{Group: ByConnection})
	for _, r := range devs["eth0"] {
		if r.Remote.Port() == 443 && r.Proto != "udp" {
			t.Errorf("QUIC flow has proto %q", r.Proto)
		}
	}

	// More frames on the known flows read no socket table; the flows
	// without an owner are looked up ownTries times in all.
	for i := 2; i <= 6; i++ {
		tick(t0.Add(time.Duration(i)*time.Second), []recorded{{2, false, 100, udp4("10.0.0.1", "1.1.1.1", 6000, 443)}, {2, true, 10, tcp4("2.2.2.2", "10.0.0.1", 22, 7000)}})
	}
	if finder.refreshs != ownTries {
		t.Errorf("socket tables read %d times, want %d", finder.refreshs, ownTries)
	}
	_, devs = tr.table(View{Group: ByProcess})
	check("eth0", []want{{10, 700, 1800}, {0, 182, 0}})
}

func TestFlowSetForgetsQuietFlows(t *testing.T) {
	s := newFlowSet()
	k := flowKey{dev: 1, proto: protoUDP, local: netip.MustParseAddrPort("10.0.0.1:1"), remote: netip.MustParseAddrPort("10.0.0.2:2")}
	t0 := time.Unix(0, 0)
	s.add(k, 10, 20)
	socks := s.sockets(nil, t0, func(int32) string { return "eth0" })
	if len(socks) != 1 || socks[0].Received != 10 || socks[0].Sent != 20 || socks[0].UID != noUID || socks[0].Device != "eth0" {
		t.Fatalf("first list %+v", socks)
	}
	cookie := socks[0].Cookie
	s.add(k, 1, 1)
	socks = s.sockets(socks[:0], t0.Add(time.Second), func(int32) string { return "eth0" })
	if len(socks) != 1 || socks[0].Cookie != cookie || socks[0].Received != 11 || socks[0].Sent != 21 {
		t.Fatalf("second list %+v, want cookie %d with 11 and 21 bytes", socks, cookie)
	}
	// Quiet, it stays for flowLinger, then goes.
	if socks = s.sockets(socks[:0], t0.Add(time.Second+flowLinger), func(int32) string { return "eth0" }); len(socks) != 1 {
		t.Fatalf("a flow quiet for flowLinger is gone")
	}
	if socks = s.sockets(socks[:0], t0.Add(2*time.Second+flowLinger), func(int32) string { return "eth0" }); len(socks) != 0 {
		t.Fatalf("a flow quiet for longer than flowLinger stays: %+v", socks)
	}
	// Back, it is a new flow with a new cookie, counting from zero.
	s.add(k, 5, 0)
	socks = s.sockets(socks[:0], t0.Add(3*time.Second+flowLinger), func(int32) string { return "eth0" })
	if len(socks) != 1 || socks[0].Cookie == cookie || socks[0].Received != 5 {
		t.Fatalf("returning flow %+v", socks)
	}
}

func TestFlowTableOverflow(t *testing.T) {
	tab := newFlowTable()
	var p packetInfo
	for i := range maxFlows + 10 {
		p = packetInfo{proto: protoUDP, src: netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}), 1), dst: netip.MustParseAddrPort("10.1.0.1:2")}
		tab.add(3, &p, 100, false, false)
	}
	var flows, total uint64
	tab.drain(func(k flowKey, in, out uint64) { flows++; total += in + out })
	if flows > maxFlows+1 || total != (maxFlows+10)*100 {
		t.Errorf("%d flows with %d bytes, want at most %d flows and %d bytes", flows, total, maxFlows+1, (maxFlows+10)*100)
	}
	// A drain without packets since forgets every flow.
	tab.drain(func(flowKey, uint64, uint64) {})
	if len(tab.flows) != 0 {
		t.Errorf("%d flows left after a quiet drain", len(tab.flows))
	}
}

package talkers

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/winload/winload/internal/capture"
)

// pcapItem is one answer of a fakePcap's read: a frame, a read timeout,
// or a marker that only says the previous item was handled.
type pcapItem struct {
	data    []byte
	wire    int
	timeout bool
	sync    bool
}

// fakePcap is a recorded adapter: the test hands it frames one by one
// through an unbuffered channel, so that when a send returns, every
// frame before it has been counted.
type fakePcap struct {
	feed    chan pcapItem
	woken   chan struct{}
	wakeOne sync.Once
	mu      sync.Mutex
	dropped uint64
	closed  bool
}

func newFakePcap() *fakePcap {
	return &fakePcap{feed: make(chan pcapItem), woken: make(chan struct{})}
}

func (f *fakePcap) read() ([]byte, int, error) {
	select {
	case it := <-f.feed:
		switch {
		case it.timeout:
			return nil, 0, errPcapTimeout
		case it.sync:
			return nil, 0, errPcapTimeout
		}
		return it.data, it.wire, nil
	case <-f.woken:
		return nil, 0, errPcapWoken
	}
}

func (f *fakePcap) drops() (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dropped, nil
}

func (f *fakePcap) wake() { f.wakeOne.Do(func() { close(f.woken) }) }

func (f *fakePcap) close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return nil
}

// send hands frames to the capture goroutine and waits until they are
// counted.
func (f *fakePcap) send(frames ...[]byte) {
	for _, b := range frames {
		f.feed <- pcapItem{data: b, wire: len(b)}
	}
	f.feed <- pcapItem{sync: true}
	f.feed <- pcapItem{sync: true}
}

// fakeTables are recorded owner tables: TCP IPv4, TCP IPv6, UDP IPv4,
// UDP IPv6.
type fakeTables struct {
	tabs  [4][]byte
	reads int
}

func (f *fakeTables) tcpTable(_ []byte, v6 bool) ([]byte, error) {
	if !v6 {
		f.reads++
		return f.tabs[0], nil
	}
	return f.tabs[1], nil
}

func (f *fakeTables) udpTable(_ []byte, v6 bool) ([]byte, error) {
	if v6 {
		return f.tabs[3], nil
	}
	return f.tabs[2], nil
}

var (
	hostMAC = [6]byte{0x00, 0x15, 0x5d, 0x01, 0x02, 0x03}
	gwMAC   = [6]byte{0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc}
)

// etherFrom is an Ethernet frame from src to dst carrying IP packet p.
func etherFrom(src, dst [6]byte, p []byte) []byte {
	b := append(append(dst[:0:0], dst[:]...), src[:]...)
	typ := uint16(etherIPv4)
	if p[0]>>4 == 6 {
		typ = etherIPv6
	}
	return append(binary.BigEndian.AppendUint16(b, typ), p...)
}

// nullFrame is a loopback frame as Npcap's loopback adapter delivers it:
// a little-endian family word (2 IPv4, 24 IPv6), then the IP packet.
func nullFrame(p []byte) []byte {
	fam := uint32(2)
	if p[0]>>4 == 6 {
		fam = 24
	}
	return append(binary.LittleEndian.AppendUint32(nil, fam), p...)
}

// pad makes an IP packet n bytes long.
func pad(p []byte, n int) []byte { return append(p, make([]byte, n-len(p))...) }

// TestNpcapAccounting runs recorded Ethernet and loopback frames through
// the Windows capture's path (two adapters, each in its goroutine, the
// flow tables, the owner tables, the PID owners, the tracker) and checks
// each device's rows and protocols.
func TestNpcapAccounting(t *testing.T) {
	const eth, lo = "Ethernet", "Loopback Pseudo-Interface 1"
	ethCap, loCap := newFakePcap(), newFakePcap()
	ethCap.dropped = 7 // before the first Read: not counted
	tables := &fakeTables{}
	tables.tabs[0] = winTable(
		ownerRow4(tcpStateEstab, "192.168.1.5:52000", "140.82.112.3:443", 100), // git.exe
		ownerRow4(tcpStateTimeWait, "192.168.1.5:52001", "140.82.112.3:443", 0),
		ownerRow4(tcpStateListen, "127.0.0.1:8080", "0.0.0.0:0", 300), // a local server
		ownerRow4(tcpStateEstab, "127.0.0.1:50000", "127.0.0.1:8080", 400),
		ownerRow4(tcpStateEstab, "127.0.0.1:8080", "127.0.0.1:50000", 300),
	)
	tables.tabs[1] = winTable()
	tables.tabs[2] = winTable(udpRow4("0.0.0.0:5353", 200))  // mDNS on every address
	tables.tabs[3] = winTable(udpRow6("[::]:50500", 0, 500)) // a dual-stack QUIC client
	ad := npcapAdapter{dev: eth, mac: hostMAC}
	ad.setLink(linkEthernet)
	la := npcapAdapter{dev: lo}
	la.setLink(linkNull)
	rd := newNpcapReader([]*npcapCapture{{h: ethCap, ad: ad}, {h: loCap, ad: la}}, newWinSockets(tables))
	defer rd.Close()
	names := map[uint32]string{100: "git.exe", 200: "svchost.exe", 300: "server.exe", 400: "client.exe", 500: "quic.exe"}
	var asked []uint32
	res := newPIDOwners(func(pid uint32) procOwner {
		asked = append(asked, pid)
		n, ok := names[pid]
		if !ok {
			n = "?" // it ended before it was looked up
		}
		return procOwner{PID: int(pid), Process: n, User: "ann"}
	})
	tr := newTracker()
	t0 := time.Unix(1000, 0)
	tick := func(i int) {
		t.Helper()
		socks, err := rd.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		tr.update(t0.Add(time.Duration(i)*time.Second), socks, nil, res.ownerOf)
	}
	tick(0)

	tcpOut := pad(ipv4(protoTCP, "192.168.1.5", "140.82.112.3", 0, 5, ports(52000, 443, 20)), 1000)
	tcpIn := pad(ipv4(protoTCP, "140.82.112.3", "192.168.1.5", 0, 5, ports(443, 52000, 20)), 1500)
	mdns := pad(ipv4(protoUDP, "192.168.1.9", "224.0.0.251", 0, 5, ports(5353, 5353, 8)), 300)
	quicOut := pad(ipv4(protoUDP, "192.168.1.5", "1.1.1.1", 0, 5, ports(50500, 443, 8)), 1200)
	quicIn := pad(ipv4(protoUDP, "1.1.1.1", "192.168.1.5", 0, 5, ports(443, 50500, 8)), 1250)
	gone := pad(ipv6(protoUDP, "2001:db8::5", "2001:db8::1", ports(40000, 53, 8)), 80)
	arp := append(append(gwMAC[:0:0], make([]byte, 6)...), gwMAC[:]...)
	arp = append(binary.BigEndian.AppendUint16(arp, 0x0806), make([]byte, 28)...)
	ethCap.send(
		etherFrom(hostMAC, gwMAC, tcpOut), etherFrom(gwMAC, hostMAC, tcpIn), etherFrom(gwMAC, hostMAC, tcpIn),
		etherFrom(gwMAC, [6]byte{1, 0, 0x5e, 0, 0, 0xfb}, mdns),
		etherFrom(hostMAC, gwMAC, quicOut), etherFrom(gwMAC, hostMAC, quicIn),
		etherFrom(hostMAC, gwMAC, gone),
		arp, // not IP: counts nowhere
	)
	toServer := pad(ipv4(protoTCP, "127.0.0.1", "127.0.0.1", 0, 5, ports(50000, 8080, 20)), 4000)
	toClient := pad(ipv4(protoTCP, "127.0.0.1", "127.0.0.1", 0, 5, ports(8080, 50000, 20)), 100)
	loCap.send(nullFrame(toServer), nullFrame(toServer), nullFrame(toClient))
	ethCap.mu.Lock()
	ethCap.dropped = 10
	ethCap.mu.Unlock()
	ethCap.feed <- pcapItem{timeout: true} // a quiet moment: the drops are read
	ethCap.send()
	tick(1)

	if d := rd.Dropped(); d != 3 {
		t.Errorf("Dropped() = %d, want 3 (10 less the 7 before the first tick)", d)
	}
	type want struct {
		pid     int
		name    string
		in, out uint64
	}
	check := func(dev string, g Grouping, w []want) {
		t.Helper()
		_, devs := tr.table(View{Group: g})
		got := devs[dev]
		if len(got) != len(w) {
			t.Fatalf("%s: %d rows %+v, want %d", dev, len(got), got, len(w))
		}
		for _, w := range w {
			i := slices.IndexFunc(got, func(r Row) bool { return r.PID == w.pid })
			if i < 0 {
				t.Errorf("%s: no row for PID %d in %+v", dev, w.pid, got)
				continue
			}
			if r := got[i]; r.Process != w.name || r.In.Total != w.in || r.Out.Total != w.out {
				t.Errorf("%s: PID %d is %q in %d out %d, want %q in %d out %d", dev, w.pid, r.Process, r.In.Total, r.Out.Total, w.name, w.in, w.out)
			}
		}
	}
	// Ethernet: wire bytes with the 14-byte header; the IPv6 flow whose
	// socket is gone, and nothing for ARP.
	check(eth, ByProcess, []want{
		{100, "git.exe", 2 * 1514, 1014},
		{200, "svchost.exe", 314, 0},  // bound to 0.0.0.0:5353
		{500, "quic.exe", 1264, 1214}, // bound to [::]:50500, serving IPv4
		{0, "", 0, 94},
	})
	// Loopback: each frame once, for the sender (out) and the receiver
	// (in), without the 4-byte family word.
	check(lo, ByProcess, []want{{400, "client.exe", 100, 8000}, {300, "server.exe", 8000, 100}})
	// UDP rows say udp: the connections by local port.
	_, devs := tr.table(View{Group: ByConnection})
	protos := map[uint16]string{52000: "tcp", 5353: "udp", 50500: "udp", 40000: "udp"}
	for _, r := range devs[eth] {
		if want := protos[r.Local.Port()]; r.Proto != want {
			t.Errorf("connection %v -> %v is %q, want %q", r.Local, r.Remote, r.Proto, want)
		}
	}

	// git.exe exits: its connection leaves the tables, but its flow,
	// owned at the first tick, keeps its name while it lingers.
	tables.tabs[0] = winTable(ownerRow4(tcpStateEstab, "127.0.0.1:50000", "127.0.0.1:8080", 400))
	names[100] = "?"
	ethCap.send(etherFrom(gwMAC, hostMAC, tcpIn))
	tick(2)
	check(eth, ByProcess, []want{
		{100, "git.exe", 3 * 1514, 1014},
		{200, "svchost.exe", 314, 0},
		{500, "quic.exe", 1264, 1214},
		{0, "", 0, 94},
	})
	slices.Sort(asked)
	if !slices.Equal(asked, []uint32{100, 200, 300, 400, 500}) {
		t.Errorf("asked for PIDs %v; want each of the five once, never 0", asked)
	}
	// The unowned flow is looked up ownTries times, then left alone.
	for i := 3; i < 3+ownTries; i++ {
		ethCap.send(etherFrom(hostMAC, gwMAC, gone))
		tick(i)
	}
	if tables.reads != ownTries {
		t.Errorf("owner tables read %d times, want %d", tables.reads, ownTries)
	}

	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if !ethCap.closed || !loCap.closed {
		t.Error("Close left a capture open")
	}
}

// TestNpcapReaderStops: a capture that fails stops its goroutine, and
// Read says why instead of rows; Close wakes blocked reads.
func TestNpcapReaderStops(t *testing.T) {
	bad := &failingPcap{fakePcap: newFakePcap(), done: make(chan struct{})}
	ad := npcapAdapter{dev: "Wi-Fi"}
	ad.setLink(linkEthernet)
	idle := newFakePcap()
	rd := newNpcapReader([]*npcapCapture{{h: bad, ad: ad}, {h: idle, ad: ad}}, newWinSockets(&fakeTables{}))
	bad.feed <- pcapItem{}
	<-bad.done
	// The goroutine records its failure as it returns.
	_, err := rd.Read(nil)
	for ; err == nil; _, err = rd.Read(nil) {
		time.Sleep(time.Millisecond)
	}
	if !strings.Contains(err.Error(), "the packet capture on Wi-Fi stopped: the adapter went away") {
		t.Errorf("Read after a failure: %v", err)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
}

// failingPcap fails its first read.
type failingPcap struct {
	*fakePcap
	done chan struct{}
	once sync.Once
}

func (f *failingPcap) read() ([]byte, int, error) {
	<-f.feed
	f.once.Do(func() { close(f.done) })
	return nil, 0, errors.New("the adapter went away")
}

// TestNpcapFrame checks the parsing per link type and that a loopback
// frame counts what capture.FrameBytes counts for the --npcap row.
func TestNpcapFrame(t *testing.T) {
	p4 := pad(ipv4(protoUDP, "127.0.0.1", "127.0.0.1", 0, 5, ports(1, 2, 8)), 512)
	p6 := pad(ipv6(protoTCP, "::1", "::1", ports(3, 4, 20)), 700)
	tests := []struct {
		name  string
		link  int
		frame []byte
		wire  int
		n     uint64
		ok    bool
		proto uint8
	}{
		{"loopback IPv4", linkNull, nullFrame(p4)[:npcapSnapLen], 516, 512, true, protoUDP},
		{"loopback IPv6", linkNull, nullFrame(p6)[:npcapSnapLen], 704, 700, true, protoTCP},
		{"loopback short", linkNull, []byte{2, 0, 0}, 3, 0, false, 0},
		{"loopback, big-endian family", linkNull, append([]byte{0, 0, 0, 2}, p4[:60]...), 516, 512, true, protoUDP},
		{"loopback, family 99 before an IPv4 header", linkNull, append([]byte{99, 0, 0, 0}, p4[:60]...), 516, 0, false, 0},
		{"ethernet", linkEthernet, etherFrom(hostMAC, gwMAC, p4)[:npcapSnapLen], 526, 526, true, protoUDP},
		{"ethernet ARP", linkEthernet, append(make([]byte, 12), 8, 6, 0, 1), 42, 0, false, 0},
		{"raw IPv6", linkRaw, p6[:npcapSnapLen], 700, 700, true, protoTCP},
		{"raw garbage", linkRaw, []byte{0x10, 1, 2}, 3, 0, false, 0},
		{"raw, negative wire length", linkRaw, p6[:npcapSnapLen], -76, 0, false, 0},
		{"unknown link", 127, p4, 512, 0, false, 0},
	}
	for _, tt := range tests {
		var p packetInfo
		n, ok := npcapFrame(tt.link, tt.frame, tt.wire, &p)
		if n != tt.n || ok != tt.ok || ok && p.proto != tt.proto {
			t.Errorf("%s: %d %v proto %d, want %d %v proto %d", tt.name, n, ok, p.proto, tt.n, tt.ok, tt.proto)
		}
		if tt.link == linkNull && len(tt.frame) >= 20 {
			// What the loopback row counts with --npcap.
			want, wok := capture.FrameBytes(tt.frame, gopacket.CaptureInfo{Length: tt.wire, CaptureLength: len(tt.frame)}, layers.LinkTypeNull)
			if wok != ok || want != n {
				t.Errorf("%s: counts %d (%v), capture.FrameBytes %d (%v)", tt.name, n, ok, want, wok)
			}
		}
	}
}

func TestNpcapOutgoing(t *testing.T) {
	p := pad(ipv4(protoTCP, "10.0.0.5", "10.0.0.1", 0, 5, ports(1, 2, 20)), 60)
	var info packetInfo
	parseIP(p, &info)
	eth := npcapAdapter{mac: hostMAC, addrs: []netip.Addr{netip.MustParseAddr("10.0.0.1")}}
	eth.setLink(linkEthernet)
	noMAC := npcapAdapter{addrs: []netip.Addr{netip.MustParseAddr("10.0.0.5")}}
	noMAC.setLink(linkEthernet)
	raw := npcapAdapter{addrs: []netip.Addr{netip.MustParseAddr("10.0.0.5")}}
	raw.setLink(linkRaw)
	for _, tt := range []struct {
		name string
		ad   npcapAdapter
		b    []byte
		out  bool
	}{
		{"from the adapter's MAC", eth, etherFrom(hostMAC, gwMAC, p), true},
		{"to the adapter's MAC (the addresses do not decide)", eth, etherFrom(gwMAC, hostMAC, p), false},
		{"no MAC: from an address of the adapter", noMAC, etherFrom(gwMAC, hostMAC, p), true},
		{"raw: from an address of the adapter", raw, p, true},
		{"raw: from elsewhere", npcapAdapter{link: linkRaw}, p, false},
	} {
		if got := tt.ad.outgoing(tt.b, &info); got != tt.out {
			t.Errorf("%s: outgoing %v", tt.name, got)
		}
	}
}

// TestWinSocketsFind looks flows up in recorded owner tables.
func TestWinSocketsFind(t *testing.T) {
	tables := &fakeTables{}
	tables.tabs[0] = winTable(
		ownerRow4(tcpStateEstab, "192.168.1.5:52000", "140.82.112.3:443", 100),
		ownerRow4(tcpStateTimeWait, "192.168.1.5:52000", "140.82.112.3:443", 0), // must not hide PID 100
		ownerRow4(tcpStateTimeWait, "192.168.1.5:52002", "140.82.112.3:443", 0),
		ownerRow4(tcpStateListen, "0.0.0.0:445", "0.0.0.0:0", 4),
	)
	tables.tabs[1] = winTable(
		ownerRow6(tcpStateEstab, "[::ffff:192.168.1.5]:52001", 0, "[::ffff:10.1.1.1]:80", 0, 101), // dual-stack
		ownerRow6(tcpStateListen, "[::]:8080", 0, "[::]:0", 0, 300),
		ownerRow6(tcpStateEstab, "[fe80::1]:22", 5, "[fe80::2]:50000", 5, 22),
	)
	tables.tabs[2] = winTable(udpRow4("0.0.0.0:5353", 200), udpRow4("192.168.1.5:137", 4), udpRow4("127.0.0.1:1900", 0),
		udpRow4("127.0.0.1:5353", 0), udpRow4("0.0.0.0:5355", 201), udpRow4("0.0.0.0:5355", 202))
	tables.tabs[3] = winTable(udpRow6("[::]:500", 0, 400))
	w := newWinSockets(tables)
	if err := w.refresh(); err != nil {
		t.Fatal(err)
	}
	ap := netip.MustParseAddrPort
	for _, tt := range []struct {
		proto         uint8
		local, remote string
		pid           uint32
	}{
		{protoTCP, "192.168.1.5:52000", "140.82.112.3:443", 100},
		{protoTCP, "192.168.1.5:52002", "140.82.112.3:443", 0}, // TIME_WAIT: no process
		{protoTCP, "192.168.1.5:52001", "10.1.1.1:80", 101},    // the IPv6 table's mapped row
		{protoTCP, "192.168.1.5:445", "10.0.0.7:50123", 4},     // listener on 0.0.0.0
		{protoTCP, "192.168.1.5:8080", "10.0.0.7:50124", 300},  // listener on [::], serving IPv4
		{protoTCP, "[2001:db8::5]:8080", "[2001:db8::9]:1", 300},
		{protoTCP, "[fe80::1]:22", "[fe80::2]:50000", 22},
		{protoTCP, "192.168.1.5:9999", "10.0.0.7:1", 0},
		{protoUDP, "192.168.1.5:5353", "224.0.0.251:5353", 200},
		{protoUDP, "192.168.1.5:137", "192.168.1.255:137", 4},
		{protoUDP, "192.168.1.5:500", "10.0.0.1:500", 400},
		{protoUDP, "[2001:db8::5]:500", "[2001:db8::1]:500", 400},
		{protoUDP, "127.0.0.1:1900", "127.0.0.1:5000", 0},    // PID 0 is no owner
		{protoUDP, "127.0.0.1:5353", "127.0.0.1:5000", 200},  // PID 0 on the address, 200 on every address
		{protoUDP, "192.168.1.5:5355", "10.0.0.7:5355", 201}, // two processes on the port: the first
		{protoUDP, "192.168.1.5:445", "10.0.0.7:1", 0},       // TCP's port, not UDP's
		{1, "192.168.1.5:0", "10.0.0.7:0", 0},                // ICMP has no socket
	} {
		ref, ok := w.find(flowKey{proto: tt.proto, local: ap(tt.local), remote: ap(tt.remote)})
		if ok != (tt.pid != 0) || ref.pid != tt.pid {
			t.Errorf("%d %s -> %s: PID %d (%v), want %d", tt.proto, tt.local, tt.remote, ref.pid, ok, tt.pid)
		}
	}
	tables.tabs[2] = []byte{9, 0, 0, 0}
	if err := w.refresh(); err == nil {
		t.Error("a table shorter than its count was read")
	}
}

// TestNpcapAdapterOf maps Npcap's device names to winload's.
func TestNpcapAdapterOf(t *testing.T) {
	mac := []byte{0, 0x15, 0x5d, 1, 2, 3}
	ifs := []winAdapter{
		{GUID: "{4D36E972-E325-11CE-BFC1-08002BE10318}", Name: "Ethernet", MAC: mac,
			Addrs: []netip.Addr{netip.MustParseAddr("192.168.1.5")}},
		{GUID: "{9A3F0C11-1111-4B7D-A1B2-000000000001}", Name: "Wi-Fi", MAC: make([]byte, 6)},
		{GUID: "{0F1E2D3C-0000-0000-0000-00000000BEEF}", Name: "Loopback Pseudo-Interface 1", Loopback: true},
	}
	for _, tt := range []struct {
		npf  string
		ifs  []winAdapter
		dev  string
		ok   bool
		mac  bool
		addr int
	}{
		{`\Device\NPF_{4D36E972-E325-11CE-BFC1-08002BE10318}`, ifs, "Ethernet", true, true, 1},
		{`\Device\NPF_{4d36e972-e325-11ce-bfc1-08002be10318}`, ifs, "Ethernet", true, true, 1},
		{`\Device\NPF_{9A3F0C11-1111-4B7D-A1B2-000000000001}`, ifs, "Wi-Fi", true, false, 0},
		{`\Device\NPF_Loopback`, ifs, "Loopback Pseudo-Interface 1", true, false, 0},
		{`\Device\NPF_Loopback`, []winAdapter{{GUID: "{x}", Name: "Loopback-Schnittstelle 1", Loopback: true}}, "Loopback-Schnittstelle 1", true, false, 0},
		{`\Device\NPF_Loopback`, nil, "Loopback Pseudo-Interface 1", true, false, 0},
		{`\Device\NPF_NdisWanIp`, ifs, "", false, false, 0},
		{`\Device\NPF_{00000000-0000-0000-0000-000000000000}`, ifs, "", false, false, 0},
		{`\Device\NPF_`, ifs, "", false, false, 0},
		{`rpcap://whatever`, ifs, "", false, false, 0},
	} {
		a, ok := npcapAdapterOf(tt.npf, tt.ifs)
		if ok != tt.ok || a.dev != tt.dev || (a.mac != [6]byte{}) != tt.mac || len(a.addrs) != tt.addr {
			t.Errorf("%s: %+v %v, want %q %v (MAC %v, %d addresses)", tt.npf, a, ok, tt.dev, tt.ok, tt.mac, tt.addr)
		}
	}
}

// TestWinChoice: the source plain --talkers takes on Windows.
func TestWinChoice(t *testing.T) {
	npcapRd, estatsRd := &fakeReader{}, &fakeReader{}
	missing := errors.New("Npcap missing")
	denied := errors.New("access to the Npcap driver was denied; run winload as administrator, or reinstall Npcap without its admin-only option")
	broken := errors.New("Npcap lists no adapters")
	noEStats := errors.New("talkers: this Windows has no per-connection TCP statistics")
	opener := func(rd reader, err error) func() (reader, resolver, error) {
		return func() (reader, resolver, error) {
			if err != nil {
				return nil, nil, err
			}
			return rd, fakeResolver{}, nil
		}
	}
	for _, tt := range []struct {
		name      string
		npcapErr  error
		estatsErr error
		elevated  bool
		want      reader
		problem   string
	}{
		{"Npcap works", nil, nil, false, npcapRd, ""},
		{"Npcap works, elevated", nil, nil, true, npcapRd, ""},
		{"no Npcap, elevated", missing, nil, true, estatsRd, ""},
		{"Npcap refuses, elevated", denied, nil, true, estatsRd, ""},
		{"no Npcap, not elevated", missing, nil, false, nil, "install Npcap (https://npcap.com) or run winload as administrator"},
		{"Npcap refuses, not elevated", denied, nil, false, nil,
			"access to the Npcap driver was denied; run winload as administrator, or reinstall Npcap without its admin-only option"},
		{"Npcap broken, not elevated", broken, nil, false, nil, "Npcap lists no adapters; or run winload as administrator"},
		{"no Npcap, elevated, no EStats", missing, noEStats, true, nil,
			"install Npcap (https://npcap.com): this Windows has no per-connection TCP statistics"},
		{"Npcap broken, elevated, no EStats", broken, noEStats, true, nil,
			"Npcap lists no adapters; and this Windows has no per-connection TCP statistics"},
	} {
		rd, _, err := winChoice{
			npcap:    opener(npcapRd, tt.npcapErr),
			estats:   opener(estatsRd, tt.estatsErr),
			elevated: tt.elevated,
			missing:  func(err error) bool { return err == missing },
		}.open()
		if rd != tt.want {
			t.Errorf("%s: reader %p, want %p", tt.name, rd, tt.want)
		}
		if got := ""; err != nil {
			got = err.Error()
			if got != tt.problem {
				t.Errorf("%s: %q, want %q", tt.name, got, tt.problem)
			}
		} else if tt.problem != "" {
			t.Errorf("%s: no error, want %q", tt.name, tt.problem)
		}
	}
}

func TestNpcapMissed(t *testing.T) {
	for _, tt := range []struct {
		failed   []string
		loopback bool
		want     string
	}{
		{nil, true, ""},
		{[]string{"Wi-Fi"}, true, "Wi-Fi not captured (it would not open)"},
		{[]string{"Wi-Fi", "Ethernet 2", "vEthernet"}, false,
			"Wi-Fi and 2 more adapters not captured (they would not open); no loopback capture (Npcap was installed without loopback support)"},
	} {
		if got := npcapMissed(tt.failed, tt.loopback); got != tt.want {
			t.Errorf("npcapMissed(%q, %v) = %q, want %q", tt.failed, tt.loopback, got, tt.want)
		}
	}
}

func TestNpcapDropCountWraps(t *testing.T) {
	var d npcapDropCount
	for _, step := range []struct {
		cur  uint32
		want uint64
	}{{5, 5}, {5, 5}, {1<<32 - 1, 1<<32 - 1}, {3, 1<<32 + 3}} {
		if got := d.update(step.cur); got != step.want {
			t.Errorf("update(%d) = %d, want %d", step.cur, got, step.want)
		}
	}
}

func FuzzNpcapFrame(f *testing.F) {
	f.Add(linkNull, nullFrame(pad(ipv4(protoUDP, "127.0.0.1", "127.0.0.1", 0, 5, ports(1, 2, 8)), 60)), 64)
	f.Add(linkEthernet, etherFrom(hostMAC, gwMAC, ipv6(protoTCP, "::1", "::2", ports(1, 2, 20))), 74)
	f.Add(linkRaw, []byte{0x45}, 1)
	f.Fuzz(func(t *testing.T, link int, b []byte, wire int) {
		var p packetInfo
		n, ok := npcapFrame(link, b, wire, &p)
		if ok && (wire < 0 || n > uint64(wire)) {
			t.Fatalf("counted %d of a %d-byte frame", n, wire)
		}
	})
}

// BenchmarkNpcapCountFrame is the work per frame in an adapter's capture
// goroutine: parse, find the direction, add to the flow.
func BenchmarkNpcapCountFrame(b *testing.B) {
	ad := npcapAdapter{dev: "Ethernet", mac: hostMAC}
	ad.setLink(linkEthernet)
	c := &npcapCapture{ad: ad, table: newFlowTable()}
	r := &npcapReader{}
	frame := etherFrom(hostMAC, gwMAC, pad(ipv4(protoUDP, "192.168.1.5", "1.1.1.1", 0, 5, ports(50500, 443, 8)), 100))
	var p packetInfo
	r.count(c, frame, 1514, &p)
	b.ReportAllocs()
	for b.Loop() {
		r.count(c, frame, 1514, &p)
	}
}

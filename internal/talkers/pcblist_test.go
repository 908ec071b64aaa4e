package talkers

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// The buffers below are built field by field from XNU's declarations
// (xnu-11417.101.15; see pcblist.go), not from the parser's constants, so
// that a wrong offset there fails here.

// pcbBuf builds a pcblist_n buffer.
type pcbBuf struct{ b []byte }

// item appends an item of n bytes (n is also its xi_len) of the given
// kind, padded to 8 bytes: the first n bytes of what fill writes into a
// struct of size bytes.
func (p *pcbBuf) item(kind uint32, n, size int, fill func(b []byte)) {
	full := make([]byte, max(n, size))
	if fill != nil {
		fill(full)
	}
	binary.LittleEndian.PutUint32(full[0:], uint32(n))
	binary.LittleEndian.PutUint32(full[4:], kind)
	p.b = append(p.b, full[:n]...)
	p.b = append(p.b, make([]byte, (n+7)&^7-n)...)
}

// xinpgen appends a struct xinpgen: u_int32_t xig_len, u_int xig_count,
// inp_gen_t xig_gen, so_gen_t xig_sogen (24 bytes).
func (p *pcbBuf) xinpgen(count uint32) {
	p.item(0, 24, 24, func(g []byte) {
		binary.LittleEndian.PutUint32(g[4:], count)
		binary.LittleEndian.PutUint64(g[8:], 1000)
		binary.LittleEndian.PutUint64(g[16:], 2000)
	})
}

// testSock is what one socket's items say.
type testSock struct {
	gen            uint64
	local, remote  string // "addr:port"; the family follows local
	vflag          byte   // 0: from local's family
	uid            uint32
	lastPID, ePID  int32
	stats          [4][4]uint64 // per class: rxpackets, rxbytes, txpackets, txbytes
	state          int32        // TCP state; -1 for a UDP socket (no xtcpcb_n)
	inpLen, soLen  int          // 0: today's 104 and 104
	statLen, tcpLn int          // 0: today's 136 and 204
}

// or returns n, or def when n is 0.
func or(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// xinpcbN appends a struct xinpcb_n: u_int32_t xi_len, xi_kind;
// u_int64_t xi_inpp (8); u_short inp_fport (16), inp_lport (18);
// u_int64_t inp_ppcb (20); inp_gen_t inp_gencnt (28); int inp_flags (36);
// u_int32_t inp_flow (40); u_char inp_vflag (44), inp_ip_ttl, inp_ip_p;
// then, 4-aligned under pack(4), the foreign address union (48) and the
// local one (64), each a struct in6_addr or a struct in_addr_4in6 (three
// u_int32_t of padding, then the IPv4 address).
func (p *pcbBuf) xinpcbN(s testSock) {
	p.item(0x10, or(s.inpLen, 104), 104, func(it []byte) {
		l, r := netip.MustParseAddrPort(s.local), netip.MustParseAddrPort(s.remote)
		binary.LittleEndian.PutUint64(it[8:], 0xdeadbeef)
		binary.BigEndian.PutUint16(it[16:], r.Port())
		binary.BigEndian.PutUint16(it[18:], l.Port())
		binary.LittleEndian.PutUint64(it[20:], 0xfeedface)
		binary.LittleEndian.PutUint64(it[28:], s.gen)
		vflag := s.vflag
		if vflag == 0 {
			vflag = 1 // INP_IPV4
			if l.Addr().Is6() {
				vflag = 2 // INP_IPV6
			}
		}
		it[44], it[45] = vflag, 64
		if l.Addr().Is4() {
			it[46] = 6
			a, b := l.Addr().As4(), r.Addr().As4()
			copy(it[64+12:], a[:])
			copy(it[48+12:], b[:])
			return
		}
		a, b := l.Addr().As16(), r.Addr().As16()
		copy(it[64:], a[:])
		copy(it[48:], b[:])
	})
}

// xsocketN appends a struct xsocket_n: u_int32_t xso_len, xso_kind;
// u_int64_t xso_so (8); short so_type (16); u_int32_t so_options (20);
// short so_linger (24), so_state (26); u_int64_t so_pcb (28);
// int xso_protocol (36), xso_family (40); short so_qlen (44), so_incqlen,
// so_qlimit, so_timeo; u_short so_error (52); pid_t so_pgid (56);
// u_int32_t so_oobmark (60); uid_t so_uid (64); pid_t so_last_pid (68),
// so_e_pid (72); so_gen_t so_gencnt (76) and more since macOS 13.
func (p *pcbBuf) xsocketN(s testSock) {
	p.item(0x1, or(s.soLen, 104), 104, func(it []byte) {
		binary.LittleEndian.PutUint32(it[36:], 6)
		binary.LittleEndian.PutUint32(it[40:], 2)
		binary.LittleEndian.PutUint32(it[56:], 0xffffffff) // so_pgid, not an owner
		binary.LittleEndian.PutUint32(it[64:], s.uid)
		binary.LittleEndian.PutUint32(it[68:], uint32(s.lastPID))
		binary.LittleEndian.PutUint32(it[72:], uint32(s.ePID))
		binary.LittleEndian.PutUint64(it[76:], 77)
	})
}

// xsockbufN appends a struct xsockbuf_n (32 bytes) of kind XSO_RCVBUF or
// XSO_SNDBUF, or 0 as XNU writes it for a socket without buffers.
func (p *pcbBuf) xsockbufN(kind uint32) {
	p.item(kind, 32, 32, func(it []byte) { binary.LittleEndian.PutUint32(it[8:], 123456) })
}

// xsockstatN appends a struct xsockstat_n: u_int32_t xst_len, xst_kind;
// struct data_stats xst_tc_stats[4] (8), each u_int64_t rxpackets,
// rxbytes, txpackets, txbytes.
func (p *pcbBuf) xsockstatN(s testSock) {
	p.item(0x8, or(s.statLen, 136), 136, func(it []byte) {
		for c := range s.stats {
			for f, v := range s.stats[c] {
				binary.LittleEndian.PutUint64(it[8+c*32+f*8:], v)
			}
		}
	})
}

// xtcpcbN appends a struct xtcpcb_n: u_int32_t xt_len, xt_kind;
// u_int64_t t_segq (8); int t_dupacks (16); int t_timer[4] (20);
// int t_state (36); ...
func (p *pcbBuf) xtcpcbN(s testSock) {
	p.item(0x20, or(s.tcpLn, 204), 204, func(it []byte) {
		binary.LittleEndian.PutUint32(it[16:], 3)
		for i := range 4 {
			binary.LittleEndian.PutUint32(it[20+4*i:], 1000)
		}
		binary.LittleEndian.PutUint32(it[36:], uint32(s.state))
	})
}

// sock appends all items of one socket in the kernel's order.
func (p *pcbBuf) sock(s testSock) {
	p.xinpcbN(s)
	p.xsocketN(s)
	p.xsockbufN(0x2)
	p.xsockbufN(0x4)
	p.xsockstatN(s)
	if s.state >= 0 {
		p.xtcpcbN(s)
	}
}

// pcbList returns a whole buffer: xinpgen, the sockets, xinpgen.
func pcbList(socks ...testSock) []byte {
	var p pcbBuf
	p.xinpgen(uint32(len(socks)))
	for _, s := range socks {
		p.sock(s)
	}
	p.xinpgen(uint32(len(socks)))
	return p.b
}

// classStats returns counters with rx and tx bytes in class 0 and the
// other classes holding 1000 times more of each.
func classStats(rx, tx uint64) [4][4]uint64 {
	var st [4][4]uint64
	st[0] = [4]uint64{1, rx, 1, tx}
	for c := 1; c < 4; c++ {
		st[c] = [4]uint64{1, rx * 1000, 1, tx * 1000}
	}
	return st
}

func ap(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

func TestAppendPCBList(t *testing.T) {
	tcp4 := testSock{gen: 7, local: "192.168.1.5:50000", remote: "93.184.216.34:443", uid: 501, lastPID: 321,
		stats: classStats(1000, 200), state: 4}
	tcp6 := testSock{gen: 8, local: "[2001:db8::5]:50001", remote: "[2001:db8::1]:22", uid: 0, lastPID: 99, ePID: 444,
		stats: classStats(3, 4), state: 4}
	udp4 := testSock{gen: 3, local: "0.0.0.0:5353", remote: "0.0.0.0:0", uid: 65, lastPID: 80,
		stats: classStats(50, 60), state: -1}
	udp6 := testSock{gen: 4, local: "[fe80:4::1]:546", remote: "[::]:0", lastPID: 81, stats: classStats(5, 6), state: -1}
	want := map[string]pcbSocket{
		"tcp4": {Local: ap("192.168.1.5:50000"), Remote: ap("93.184.216.34:443"), Gen: 7, UID: 501, LastPID: 321, State: 4, Rx: 1000, Tx: 200},
		"tcp6": {Local: ap("[2001:db8::5]:50001"), Remote: ap("[2001:db8::1]:22"), Gen: 8, LastPID: 99, EPID: 444, State: 4, Rx: 3, Tx: 4},
		"udp4": {Local: ap("0.0.0.0:5353"), Remote: ap("0.0.0.0:0"), Gen: 3, UID: 65, LastPID: 80, State: -1, Rx: 50, Tx: 60},
		"udp6": {Local: ap("[fe80::1]:546"), Remote: ap("[::]:0"), Gen: 4, LastPID: 81, State: -1, Rx: 5, Tx: 6},
	}
	longer := tcp4
	longer.inpLen, longer.soLen, longer.statLen, longer.tcpLn = 120, 140, 136+64, 260
	older := tcp4
	older.soLen = 76 // xsocket_n before macOS 13 ended after so_e_pid
	threeClasses := tcp4
	threeClasses.statLen = 8 + 3*32
	noFamily := tcp4
	noFamily.vflag = 0x80
	cases := []struct {
		name    string
		buf     []byte
		classes int
		want    []pcbSocket
	}{
		{"empty", pcbList(), 1, nil},
		{"tcp4", pcbList(tcp4), 1, []pcbSocket{want["tcp4"]}},
		{"tcp6 delegated", pcbList(tcp6), 1, []pcbSocket{want["tcp6"]}},
		{"udp4 and link-local udp6", pcbList(udp4, udp6), 1, []pcbSocket{want["udp4"], want["udp6"]}},
		{"several", pcbList(tcp4, tcp6, tcp4), 1, []pcbSocket{want["tcp4"], want["tcp6"], want["tcp4"]}},
		{"all four classes", pcbList(tcp4), 4, []pcbSocket{func() pcbSocket {
			s := want["tcp4"]
			s.Rx, s.Tx = 1000+3*1000*1000, 200+3*200*1000
			return s
		}()}},
		{"longer structs of a newer macOS", pcbList(longer), 4, []pcbSocket{func() pcbSocket {
			s := want["tcp4"]
			s.Rx, s.Tx = 1000+3*1000*1000, 200+3*200*1000
			return s
		}()}},
		{"xsocket_n of macOS 12", pcbList(older), 1, []pcbSocket{want["tcp4"]}},
		{"fewer classes than asked", pcbList(threeClasses), 4, []pcbSocket{func() pcbSocket {
			s := want["tcp4"]
			s.Rx, s.Tx = 1000+2*1000*1000, 200+2*200*1000
			return s
		}()}},
		{"no known family", pcbList(noFamily, udp4), 1, []pcbSocket{want["udp4"]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := appendPCBList(nil, c.buf, c.classes)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d sockets %+v, want %d", len(got), got, len(c.want))
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("socket %d:\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestAppendPCBListSkipsWhatItDoesNotKnow(t *testing.T) {
	s := testSock{gen: 7, local: "10.0.0.1:1", remote: "10.0.0.2:2", lastPID: 5, stats: classStats(10, 20), state: 4}
	var p pcbBuf
	p.xinpgen(1)
	p.xinpcbN(s)
	p.item(0x400, 44, 44, nil) // a kind of a later macOS, between the known ones
	p.xsocketN(s)
	p.xsockbufN(0)                     // XNU's xsockbuf_n of a socket without buffers has no kind
	p.xsocketN(testSock{lastPID: 666}) // a second xsocket_n is ignored, as netstat does
	p.xsockstatN(s)
	p.xtcpcbN(s)
	p.item(0x400, 8+200, 8+200, nil)
	// A PCB without xsocket_n (the kernel never writes one) is left out.
	p.xinpcbN(s)
	p.xsockstatN(s)
	p.xinpgen(1)
	got, err := appendPCBList(nil, p.b, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := pcbSocket{Local: ap("10.0.0.1:1"), Remote: ap("10.0.0.2:2"), Gen: 7, LastPID: 5, State: 4, Rx: 10, Tx: 20}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %+v, want [%+v]", got, want)
	}
}

func TestAppendPCBListRefuses(t *testing.T) {
	s := testSock{gen: 7, local: "10.0.0.1:1", remote: "10.0.0.2:2", stats: classStats(10, 20), state: 4}
	whole := pcbList(s, s)
	short := func(mod func(*testSock)) []byte {
		x := s
		mod(&x)
		return pcbList(x)
	}
	cases := []struct {
		name string
		buf  []byte
		want string
	}{
		{"nothing", nil, "shorter than the leading xinpgen"},
		{"half an xinpgen", whole[:12], "shorter than the leading xinpgen"},
		{"xinpgen longer than the buffer", func() []byte {
			b := append([]byte(nil), whole[:24]...)
			binary.LittleEndian.PutUint32(b, 200)
			return b
		}(), "leading xinpgen says 200 bytes"},
		{"xinpgen too short", func() []byte {
			b := append([]byte(nil), whole...)
			binary.LittleEndian.PutUint32(b, 8)
			return b
		}(), "leading xinpgen says 8 bytes"},
		{"cut inside an item", whole[:24+104+50], "truncated"},
		{"cut between items", whole[:24+104], "truncated"},
		{"no trailing xinpgen", whole[:len(whole)-24], "truncated"},
		{"item longer than the rest", func() []byte {
			b := append([]byte(nil), whole...)
			binary.LittleEndian.PutUint32(b[24:], uint32(len(b)))
			return b
		}(), "truncated"},
		{"short xinpcb_n", short(func(x *testSock) { x.inpLen = 64 }), "xinpcb_n of 64 bytes, need 80"},
		{"short xsocket_n", short(func(x *testSock) { x.soLen = 72 }), "xsocket_n of 72 bytes, need 76"},
		{"short xsockstat_n", short(func(x *testSock) { x.statLen = 32 }), "xsockstat_n of 32 bytes, need 40"},
		{"short xtcpcb_n", short(func(x *testSock) { x.tcpLn = 36 }), "xtcpcb_n of 36 bytes, need 40"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := appendPCBList(nil, c.buf, 1)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestDataClasses(t *testing.T) {
	for major, want := range map[int]int{19: 4, 23: 4, 24: 1, 25: 1} {
		if got := dataClasses(major); got != want {
			t.Errorf("dataClasses(%d) = %d, want %d", major, got, want)
		}
	}
}

// fakeSysctl serves pcblist_n buffers by name.
type fakeSysctl struct {
	bufs map[string][]byte
	err  error
}

func (f *fakeSysctl) fetch(name string) ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	b, ok := f.bufs[name]
	if !ok {
		return nil, errors.New("no such sysctl")
	}
	return b, nil
}

func TestPCBReader(t *testing.T) {
	est := testSock{gen: 5, local: "10.0.0.1:40000", remote: "10.0.0.2:443", uid: 501, lastPID: 10, stats: classStats(100, 200), state: 4}
	listen := testSock{gen: 6, local: "0.0.0.0:22", remote: "0.0.0.0:0", lastPID: 11, state: 1}
	timeWait := testSock{gen: 9, local: "10.0.0.1:40001", remote: "10.0.0.2:443", lastPID: 10, stats: classStats(1, 1), state: 10}
	delegated := testSock{gen: 12, local: "10.0.0.1:40002", remote: "10.0.0.3:443", lastPID: 10, ePID: 20, stats: classStats(7, 8), state: 4}
	udp := testSock{gen: 5, local: "0.0.0.0:5353", remote: "0.0.0.0:0", uid: 65, lastPID: 30, stats: classStats(9, 0), state: -1}
	// Flows of user-space network stacks have no generation.
	userland := testSock{local: "10.0.0.1:40003", remote: "10.0.0.4:443", lastPID: 40, stats: classStats(3, 3), state: 4}
	userland2 := testSock{local: "10.0.0.1:40004", remote: "10.0.0.4:443", lastPID: 40, stats: classStats(1, 2), state: 4}
	sys := &fakeSysctl{bufs: map[string][]byte{
		sysctlTCP: pcbList(est, listen, timeWait, delegated, userland, userland2),
		sysctlUDP: pcbList(udp),
	}}
	r := newPCBReader(sys.fetch, 1)
	got, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	wantSock := []tcpSocket{
		{Proto: 6, Local: ap("10.0.0.1:40000"), Remote: ap("10.0.0.2:443"), UID: 501, Sent: 200, Received: 100, HasBytes: true},
		{Proto: 6, Local: ap("10.0.0.1:40002"), Remote: ap("10.0.0.3:443"), Sent: 8, Received: 7, HasBytes: true},
		{Proto: 6, Local: ap("10.0.0.1:40003"), Remote: ap("10.0.0.4:443"), Sent: 3, Received: 3, HasBytes: true},
		{Proto: 6, Local: ap("10.0.0.1:40004"), Remote: ap("10.0.0.4:443"), Sent: 2, Received: 1, HasBytes: true},
		{Proto: 17, Local: ap("0.0.0.0:5353"), Remote: ap("0.0.0.0:0"), UID: 65, Received: 9, HasBytes: true},
	}
	wantPID := []int32{10, 20, 40, 40, 30}
	if len(got) != len(wantSock) {
		t.Fatalf("got %d sockets %+v, want %d (no listening or TIME_WAIT ones)", len(got), got, len(wantSock))
	}
	cookies := map[uint64]bool{}
	for i := range got {
		c := got[i].Cookie
		if cookies[c] {
			t.Errorf("socket %d: cookie %#x seen twice (TCP and UDP sockets of one generation, and user-space flows, must differ)", i, c)
		}
		cookies[c] = true
		got[i].Cookie = 0
		if got[i] != wantSock[i] {
			t.Errorf("socket %d:\n got %+v\nwant %+v", i, got[i], wantSock[i])
		}
		if pid := r.pids[c]; pid != wantPID[i] {
			t.Errorf("socket %d: owner %d, want %d", i, pid, wantPID[i])
		}
	}
	again, err := r.Read(got)
	if err != nil {
		t.Fatal(err)
	}
	for c := range cookies {
		found := false
		for _, s := range again {
			found = found || s.Cookie == c
		}
		if !found {
			t.Errorf("cookie %#x changed between two reads of the same sockets", c)
		}
	}

	sys.bufs[sysctlUDP] = pcbList(udp)[:30]
	if _, err := r.Read(nil); err == nil || !strings.Contains(err.Error(), sysctlUDP) || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("a truncated UDP list: err = %v", err)
	}
	sys.err = errors.New("operation not permitted")
	if _, err := r.Read(nil); err == nil || !strings.Contains(err.Error(), "sysctl "+sysctlTCP+": operation not permitted") {
		t.Errorf("a failing sysctl: err = %v", err)
	}
}

func TestPCBOwners(t *testing.T) {
	a := testSock{gen: 1, local: "10.0.0.1:1", remote: "10.0.0.2:2", lastPID: 10, stats: classStats(1, 1), state: 4}
	b := testSock{gen: 2, local: "10.0.0.1:3", remote: "10.0.0.2:2", lastPID: 10, stats: classStats(1, 1), state: 4}
	kernel := testSock{gen: 3, local: "10.0.0.1:4", remote: "10.0.0.2:2", stats: classStats(1, 1), state: 4}
	sys := &fakeSysctl{bufs: map[string][]byte{sysctlTCP: pcbList(a, b, kernel), sysctlUDP: pcbList()}}
	r := newPCBReader(sys.fetch, 1)
	calls := map[int32]int{}
	p := newPCBOwners(r, func(pid int32) procOwner {
		calls[pid]++
		return procOwner{PID: int(pid), Process: "curl", User: "ann"}
	})
	socks, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Begin(socks)
	for i, want := range []procOwner{{PID: 10, Process: "curl", User: "ann"}, {PID: 10, Process: "curl", User: "ann"}, {}} {
		if got := p.ownerOf(&socks[i]); got != want {
			t.Errorf("socket %d: owner %+v, want %+v", i, got, want)
		}
	}
	if calls[10] != 1 || len(calls) != 1 {
		t.Errorf("describe calls %v, want PID 10 once and no call for PID 0", calls)
	}
	// PID 10 ends; a new process gets its PID and is asked for again.
	sys.bufs[sysctlTCP] = pcbList(kernel)
	socks, _ = r.Read(socks)
	p.Begin(socks)
	sys.bufs[sysctlTCP] = pcbList(a)
	socks, _ = r.Read(socks)
	p.Begin(socks)
	p.ownerOf(&socks[0])
	if calls[10] != 2 {
		t.Errorf("describe called %d times for PID 10, want 2 (its first process ended)", calls[10])
	}
	if p.Note() != "" {
		t.Errorf("Note = %q; macOS names every user's processes", p.Note())
	}
}

// TestMacSourceThroughTracker runs two lists through the reader, the
// owners and the tracker, as the Collector does on macOS.
func TestMacSourceThroughTracker(t *testing.T) {
	web := testSock{gen: 1, local: "10.0.0.1:50000", remote: "93.184.216.34:443", uid: 501, lastPID: 10, stats: classStats(1000, 100), state: 4}
	dns := testSock{gen: 1, local: "10.0.0.1:5353", remote: "0.0.0.0:0", uid: 65, lastPID: 20, stats: classStats(10, 10), state: -1}
	sys := &fakeSysctl{bufs: map[string][]byte{sysctlTCP: pcbList(web), sysctlUDP: pcbList(dns)}}
	r := newPCBReader(sys.fetch, 1)
	names := map[int32]string{10: "Safari", 20: "mDNSResponder"}
	res := newPCBOwners(r, func(pid int32) procOwner { return procOwner{PID: int(pid), Process: names[pid]} })
	tr := newTracker()
	now := time.Unix(1000, 0)
	tick := func() {
		socks, err := r.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		tr.update(now, socks, nil, res.ownerOf)
	}
	tick()
	web.stats, dns.stats = classStats(1000+4000, 100+2000), classStats(10+500, 10)
	sys.bufs[sysctlTCP], sys.bufs[sysctlUDP] = pcbList(web), pcbList(dns)
	now = now.Add(2 * time.Second)
	tick()
	rows, _ := tr.table(View{Group: ByProcess})
	if len(rows) != 2 {
		t.Fatalf("rows %+v", rows)
	}
	want := []struct {
		name    string
		in, out float64
	}{{"Safari", 2000, 1000}, {"mDNSResponder", 250, 0}}
	for i, w := range want {
		r := rows[i]
		if r.Process != w.name || r.In.Curr != w.in || r.Out.Curr != w.out {
			t.Errorf("row %d: %s in %.0f out %.0f, want %s in %.0f out %.0f", i, r.Process, r.In.Curr, r.Out.Curr, w.name, w.in, w.out)
		}
	}
}

func FuzzAppendPCBList(f *testing.F) {
	s := testSock{gen: 7, local: "10.0.0.1:1", remote: "10.0.0.2:2", lastPID: 5, stats: classStats(10, 20), state: 4}
	s6 := testSock{gen: 8, local: "[2001:db8::1]:1", remote: "[2001:db8::2]:2", lastPID: 5, stats: classStats(10, 20), state: -1}
	f.Add(pcbList(s, s6), 4)
	f.Add(pcbList(), 1)
	f.Add(pcbList(s)[:100], 1)
	f.Fuzz(func(t *testing.T, b []byte, classes int) {
		socks, err := appendPCBList(nil, b, classes)
		if err != nil {
			return
		}
		// Each socket takes an xinpcb_n, an xsocket_n and an
		// xsockstat_n, after the leading xinpgen, before the trailing one.
		if min := xinpgenLen + len(socks)*(inpNeedLen+soNeedLen+statsFirst+dataStatsLen) + 8; len(socks) > 0 && len(b) < min {
			t.Fatalf("%d sockets from %d bytes", len(socks), len(b))
		}
		for _, s := range socks {
			if !s.Local.Addr().IsValid() || !s.Remote.Addr().IsValid() {
				t.Fatalf("socket without addresses: %+v", s)
			}
			if classes <= 0 && (s.Rx != 0 || s.Tx != 0) {
				t.Fatalf("bytes counted from no class: %+v", s)
			}
		}
	})
}

// BenchmarkPCBTick is winload's side of a macOS tick with 1,000 TCP
// sockets of 50 processes and 100 UDP sockets: parsing both lists,
// naming, counting in five groupings and the table (the sysctls'
// own cost is the kernel's and not measured here).
func BenchmarkPCBTick(b *testing.B) {
	const nTCP, nUDP = 1000, 100
	var tcp, udp []testSock
	for i := range nTCP {
		tcp = append(tcp, testSock{gen: uint64(i + 1), state: 4, lastPID: int32(100 + i%50),
			local:  netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), uint16(30000+i)).String(),
			remote: netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 1, byte(i / 250), byte(i)}), 443).String()})
	}
	for i := range nUDP {
		udp = append(udp, testSock{gen: uint64(i + 1), state: -1, lastPID: int32(100 + i%50),
			local: netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), uint16(40000+i)).String(), remote: "0.0.0.0:0"})
	}
	var bufs [2][2][]byte // two generations of counters: on every other tick every socket moves
	for g := range 2 {
		for i := range tcp {
			tcp[i].stats = classStats(uint64(1000*g+i), uint64(500*g+i))
		}
		for i := range udp {
			udp[i].stats = classStats(uint64(100*g+i), 0)
		}
		bufs[g] = [2][]byte{pcbList(tcp...), pcbList(udp...)}
	}
	gen := 0
	fetch := func(name string) ([]byte, error) {
		if name == sysctlTCP {
			return bufs[gen][0], nil
		}
		return bufs[gen][1], nil
	}
	rd := newPCBReader(fetch, 1)
	res := newPCBOwners(rd, func(pid int32) procOwner { return procOwner{PID: int(pid), Process: "proc", User: "ann"} })
	tr := newTracker()
	now := time.Unix(1000, 0)
	var socks []tcpSocket
	tick := func() {
		var err error
		if socks, err = rd.Read(socks); err != nil || len(socks) != nTCP+nUDP {
			b.Fatalf("%d sockets, %v", len(socks), err)
		}
		res.Begin(socks)
		tr.update(now, socks, nil, res.ownerOf)
		_, _ = tr.table(View{})
		now = now.Add(time.Second)
		gen ^= 1
	}
	tick()
	tick()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tick()
	}
}

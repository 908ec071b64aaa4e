package talkers

import (
	"context"
	"encoding/binary"
	"errors"
	"net/netip"
	"slices"
	"testing"
	"time"
)

// dataROD is a TCP_ESTATS_DATA_ROD_v0 written field by field at the
// offsets of tcpestats.h (8-byte alignment). Every field gets its own
// value, so that reading a neighbour shows.
func dataROD(thruAcked, thruReceived uint64) []byte {
	b := make([]byte, 0, dataRODLen)
	u64 := func(v uint64) { b = binary.LittleEndian.AppendUint64(b, v) }
	u32 := func(v uint32) { b = binary.LittleEndian.AppendUint32(b, v) }
	u64(thruAcked + 1001)   // DataBytesOut (counts retransmissions too)
	u64(11)                 // DataSegsOut
	u64(thruReceived + 999) // DataBytesIn
	u64(12)                 // DataSegsIn
	u64(13)                 // SegsOut
	u64(14)                 // SegsIn
	u32(15)                 // SoftErrors
	u32(16)                 // SoftErrorReason
	u32(17)                 // SndUna
	u32(18)                 // SndNxt
	u32(19)                 // SndMax
	u32(0xeeeeeeee)         // padding
	u64(thruAcked)          // ThruBytesAcked
	u32(20)                 // RcvNxt
	u32(0xeeeeeeee)         // padding
	u64(thruReceived)       // ThruBytesReceived
	return b
}

func TestParseDataROD(t *testing.T) {
	b := dataROD(1<<40+5, 77)
	if len(b) != dataRODLen {
		t.Fatalf("the struct is %d bytes", len(b))
	}
	sent, recv, err := parseDataROD(b)
	if err != nil || sent != 1<<40+5 || recv != 77 {
		t.Errorf("got %d, %d, %v; want ThruBytesAcked %d and ThruBytesReceived 77", sent, recv, err, uint64(1<<40+5))
	}
	if _, _, err := parseDataROD(b[:dataRODLen-1]); err == nil {
		t.Error("a short struct was accepted")
	}
}

// fakeConnection is one connection of fakeIphlpapi.
type fakeConnection struct {
	sent, recv uint64
	on         bool // the data statistics are collected
	gone       bool // closed after the table was read
}

// fakeIphlpapi answers like iphlpapi.dll from recorded tables and
// per-connection counters, keyed by the MIB row without its state.
type fakeIphlpapi struct {
	tables    [2][]byte
	conns     map[string]*fakeConnection
	enabled   []string // the connections enableData turned on, in order
	enableErr error
	getErr    error
	calls     [2]int // dataStats calls for IPv4 and IPv6
}

func (f *fakeIphlpapi) tcpTable(buf []byte, v6 bool) ([]byte, error) {
	t := f.tables[0]
	if v6 {
		t = f.tables[1]
	}
	if cap(buf) < len(t) {
		buf = make([]byte, len(t)+16)
	}
	buf = buf[:cap(buf)]
	for i := range buf {
		buf[i] = 0xcc // what lies after the table must not matter
	}
	copy(buf, t)
	return buf, nil
}

func (f *fakeIphlpapi) dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error {
	if v6 != (len(mib) == mibTCP6RowLen) {
		return errors.New("row of the wrong family")
	}
	if v6 {
		f.calls[1]++
	} else {
		f.calls[0]++
	}
	if f.getErr != nil {
		return f.getErr
	}
	c := f.conns[string(mib[4:])]
	if c == nil || c.gone {
		return errConnGone
	}
	if !c.on {
		rw[0] = 0
		for i := range rod {
			rod[i] = 0xaa // not filled: must not be read
		}
		return nil
	}
	rw[0] = 1
	copy(rod[:], dataROD(c.sent, c.recv))
	return nil
}

func (f *fakeIphlpapi) enableData(mib []byte, v6 bool) error {
	if f.enableErr != nil {
		return f.enableErr
	}
	c := f.conns[string(mib[4:])]
	if c == nil || c.gone {
		return errConnGone
	}
	c.on = true
	f.enabled = append(f.enabled, string(mib[4:]))
	return nil
}

// conn registers the connection of an owner row and returns it.
func (f *fakeIphlpapi) conn(row []byte, v6 bool) *fakeConnection {
	rows, err := appendTCPTable(nil, winTable(row), v6)
	if err != nil {
		panic(err)
	}
	var m [mibTCP6RowLen]byte
	c := &fakeConnection{}
	if f.conns == nil {
		f.conns = map[string]*fakeConnection{}
	}
	f.conns[string(rows[0].mibRow(&m)[4:])] = c
	return c
}

func TestEStatsReader(t *testing.T) {
	ap := netip.MustParseAddrPort
	est4 := ownerRow4(tcpStateEstab, "10.0.0.1:50000", "10.0.0.9:443", 100)
	wait4 := ownerRow4(tcpStateCloseWait, "10.0.0.1:50001", "10.0.0.9:80", 200)
	listen4 := ownerRow4(tcpStateListen, "0.0.0.0:445", "0.0.0.0:0", 4)
	tw4 := ownerRow4(tcpStateTimeWait, "10.0.0.1:50002", "10.0.0.9:80", 0)
	est6 := ownerRow6(tcpStateEstab, "[::ffff:10.0.0.1]:50003", 0, "[2001:db8::1]:443", 0, 300)
	f := &fakeIphlpapi{}
	f.tables[0] = winTable(listen4, est4, tw4, wait4)
	f.tables[1] = winTable(est6)
	c1, c2, c3 := f.conn(est4, false), f.conn(wait4, false), f.conn(est6, true)
	f.conn(listen4, false).on = true // must not be asked for
	f.conn(tw4, false).on = true
	c2.on = true // turned on by another program: left as it is
	c1.sent, c1.recv, c2.sent, c2.recv, c3.sent = 5, 6, 7, 8, 9

	rd := newEStatsReader(f)
	socks, err := rd.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []tcpSocket{
		{PID: 100, Local: ap("10.0.0.1:50000"), Remote: ap("10.0.0.9:443"), Sent: 5, Received: 6, HasBytes: true},
		{PID: 200, Local: ap("10.0.0.1:50001"), Remote: ap("10.0.0.9:80"), Sent: 7, Received: 8, HasBytes: true},
		{PID: 300, Local: ap("10.0.0.1:50003"), Remote: ap("[2001:db8::1]:443"), Sent: 9, HasBytes: true},
	}
	check := func(step string, socks []tcpSocket) {
		t.Helper()
		if len(socks) != len(want) {
			t.Fatalf("%s: %d sockets, want %d: %+v", step, len(socks), len(want), socks)
		}
		for i := range socks {
			got := socks[i]
			got.Cookie = 0
			if got != want[i] {
				t.Errorf("%s: socket %d = %+v, want %+v", step, i, got, want[i])
			}
		}
	}
	check("first read", socks)
	if len(f.enabled) != 2 || f.calls != [2]int{3, 2} {
		t.Errorf("first read: turned on %d connections with %v reads; want 2 (the ones that were off), 3 IPv4 and 2 IPv6 reads (read, turn on, read again)", len(f.enabled), f.calls)
	}
	first := slices.Clone(socks)

	// Later reads do not turn anything on again; the cookies stay, and a
	// connection that closes between the table and its statistics is
	// left out.
	c1.sent, c1.recv = 1005, 2006
	c2.gone = true
	want[0].Sent, want[0].Received = 1005, 2006
	want = slices.Delete(want, 1, 2)
	socks, err = rd.Read(socks)
	if err != nil {
		t.Fatal(err)
	}
	check("second read", socks)
	if len(f.enabled) != 2 {
		t.Errorf("second read turned on %d more connections", len(f.enabled)-2)
	}
	if socks[0].Cookie != first[0].Cookie || socks[1].Cookie != first[2].Cookie {
		t.Error("the cookies changed between reads")
	}
}

func TestEStatsReaderErrors(t *testing.T) {
	est4 := ownerRow4(tcpStateEstab, "10.0.0.1:50000", "10.0.0.9:443", 100)
	tests := []struct {
		name      string
		enableErr error
		getErr    error
		table     []byte
		want      error
	}{
		{"turning on is denied", errNotAdmin, nil, winTable(est4), errNotAdmin},
		{"reading fails for every connection", nil, errors.New("broken"), winTable(est4), nil},
		{"bad table", nil, nil, append(le32(3), est4...), errShortTable},
	}
	for _, tt := range tests {
		f := &fakeIphlpapi{enableErr: tt.enableErr, getErr: tt.getErr}
		f.tables[0], f.tables[1] = tt.table, winTable()
		f.conn(est4, false)
		socks, err := newEStatsReader(f).Read(nil)
		if err == nil || len(socks) != 0 || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: got %d sockets, %v; want an error like %v", tt.name, len(socks), err, tt.want)
		}
	}
}

// failingIphlpapi fails to read the statistics of one connection.
type failingIphlpapi struct {
	fakeIphlpapi
	bad string
}

func (f *failingIphlpapi) dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error {
	if string(mib[4:]) == f.bad {
		return errors.New("ERROR_INVALID_PARAMETER")
	}
	return f.fakeIphlpapi.dataStats(mib, v6, rw, rod)
}

func TestEStatsReaderSkipsOneFailingConnection(t *testing.T) {
	good := ownerRow4(tcpStateEstab, "10.0.0.1:50000", "10.0.0.9:443", 100)
	bad := ownerRow4(tcpStateEstab, "10.0.0.1:50001", "10.0.0.9:443", 100)
	f := &failingIphlpapi{}
	f.tables[0], f.tables[1] = winTable(bad, good), winTable()
	f.conn(good, false).sent = 42
	f.conn(bad, false)
	var m [mibTCP6RowLen]byte
	rows, _ := appendTCPTable(nil, winTable(bad), false)
	f.bad = string(rows[0].mibRow(&m)[4:])
	socks, err := newEStatsReader(f).Read(nil)
	if err != nil || len(socks) != 1 || socks[0].Sent != 42 || socks[0].Local.Port() != 50000 {
		t.Errorf("got %+v, %v; want the good connection alone", socks, err)
	}
	f.tables[0] = winTable(bad)
	if socks, err := newEStatsReader(f).Read(nil); err == nil {
		t.Errorf("no error when no connection could be read: %+v", socks)
	}
}

func TestPIDOwners(t *testing.T) {
	est := func(port uint16, pid uint32) []byte {
		return ownerRow4(tcpStateEstab, netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), port).String(), "10.0.0.9:443", pid)
	}
	a, b, c := est(1, 100), est(2, 100), est(3, 200)
	f := &fakeIphlpapi{}
	f.conn(a, false)
	f.conn(b, false)
	f.conn(c, false)
	f.tables[1] = winTable()
	rd := newEStatsReader(f)
	var asked []uint32
	res := newPIDOwners(func(pid uint32) procOwner {
		asked = append(asked, pid)
		if pid == 200 {
			return procOwner{PID: 200, Process: "?"} // it ended while being looked up
		}
		return procOwner{PID: int(pid), Process: "curl.exe", User: "ann"}
	})
	read := func(rows ...[]byte) []procOwner {
		t.Helper()
		f.tables[0] = winTable(rows...)
		socks, err := rd.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		var got []procOwner
		for i := range socks {
			got = append(got, res.ownerOf(&socks[i]))
		}
		return got
	}
	got := read(a, b, c)
	want := []procOwner{{PID: 100, Process: "curl.exe", User: "ann"}, {PID: 100, Process: "curl.exe", User: "ann"}, {PID: 200, Process: "?"}}
	if !slices.Equal(got, want) || !slices.Equal(asked, []uint32{100, 200}) {
		t.Errorf("got %+v after asking for %v", got, asked)
	}
	// PID 100 closes its connections: forgotten, so that a new process
	// with the same PID is asked for again.
	read(c)
	read(a, c)
	if !slices.Equal(asked, []uint32{100, 200, 100}) {
		t.Errorf("asked for %v; want 100 again after it held no connection", asked)
	}
	if o := res.ownerOf(&tcpSocket{Cookie: 12345}); o != (procOwner{}) { // no PID
		t.Errorf("an unknown connection has owner %+v", o)
	}
}

// TestWindowsSourceThroughCollector runs the Windows reader and resolver
// on recorded tables through the Collector: the counters of the
// extended statistics become rates per process.
func TestWindowsSourceThroughCollector(t *testing.T) {
	row := ownerRow4(tcpStateEstab, "192.168.1.5:52000", "140.82.112.3:443", 4321)
	f := &fakeIphlpapi{}
	f.tables[0], f.tables[1] = winTable(row), winTable()
	c := f.conn(row, false)
	rd := newEStatsReader(f)
	res := newPIDOwners(func(pid uint32) procOwner { return procOwner{PID: int(pid), Process: "git.exe", User: "ann"} })
	tr := newTracker()
	now := time.Unix(1000, 0)
	var socks []tcpSocket
	for i := range 3 {
		c.sent, c.recv = uint64(i)*1000, uint64(i)*5000
		var err error
		if socks, err = rd.Read(socks); err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		tr.update(now.Add(time.Duration(i)*time.Second), socks, rd.Closed(nil), res.ownerOf)
	}
	rows, _ := tr.table(View{Group: ByProcess})
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.PID != 4321 || r.Process != "git.exe" || r.Out.Curr != 1000 || r.In.Curr != 5000 || r.In.Total != 10000 {
		t.Errorf("row %+v", r)
	}

	col := newCollector(time.Millisecond, func() (reader, resolver, error) { return rd, res, nil })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { col.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for col.Latest().Note == "collecting…" {
		time.Sleep(time.Millisecond)
	}
	if n := col.Latest().Note; n != "TCP payload only (extended TCP statistics); connections closed between ticks miss their last bytes" {
		t.Errorf("note %q", n)
	}
}

func FuzzEStatsRead(f *testing.F) {
	f.Add(winTable(ownerRow4(tcpStateEstab, "10.0.0.1:1", "10.0.0.2:2", 3)), winTable(ownerRow6(tcpStateEstab, "[::1]:1", 0, "[::1]:2", 0, 3)), dataROD(1, 2))
	f.Add([]byte{1, 0, 0, 0}, []byte{}, []byte{1})
	f.Fuzz(func(t *testing.T, t4, t6, rod []byte) {
		api := &fuzzIphlpapi{tables: [2][]byte{t4, t6}, rod: rod}
		rd := newEStatsReader(api)
		socks, err := rd.Read(nil)
		if err != nil {
			return
		}
		padded := make([]byte, dataRODLen)
		copy(padded, rod)
		rows4, _ := appendTCPTable(nil, t4, false)
		rows6, _ := appendTCPTable(nil, t6, true)
		if len(socks) > len(rows4)+len(rows6) {
			t.Fatalf("%d sockets from %d rows", len(socks), len(rows4)+len(rows6))
		}
		for i := range socks {
			if s := socks[i]; !s.HasBytes || s.Sent != binary.LittleEndian.Uint64(padded[72:]) || s.Received != binary.LittleEndian.Uint64(padded[88:]) {
				t.Fatalf("socket %+v from ROD % x", s, padded)
			}
		}
	})
}

// fuzzIphlpapi answers every connection with the same statistics.
type fuzzIphlpapi struct {
	tables [2][]byte
	rod    []byte
}

func (f *fuzzIphlpapi) tcpTable(buf []byte, v6 bool) ([]byte, error) {
	if v6 {
		return f.tables[1], nil
	}
	return f.tables[0], nil
}

func (f *fuzzIphlpapi) dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error {
	rw[0] = 1
	n := copy(rod[:], f.rod)
	clear(rod[n:])
	return nil
}

func (f *fuzzIphlpapi) enableData([]byte, bool) error { return nil }

// countingIphlpapi is a table of n connections of 50 processes whose
// counters grow by one byte a tick, answered without allocating.
type countingIphlpapi struct {
	tables [2][]byte
	tick   uint64
}

func (f *countingIphlpapi) tcpTable(buf []byte, v6 bool) ([]byte, error) {
	if v6 {
		return f.tables[1], nil
	}
	return f.tables[0], nil
}

func (f *countingIphlpapi) dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error {
	rw[0] = 1
	binary.LittleEndian.PutUint64(rod[rodThruBytesAcked:], f.tick)
	binary.LittleEndian.PutUint64(rod[rodThruBytesRecv:], 2*f.tick)
	return nil
}

func (f *countingIphlpapi) enableData([]byte, bool) error { return nil }

// BenchmarkEStatsTick is one Windows tick's work in winload with 1,000
// connections of 50 processes: parsing the tables, naming each
// connection to the statistics, counting into every grouping and
// building the table. The calls into iphlpapi.dll are answered at once,
// so Windows' own cost of them is not included.
func BenchmarkEStatsTick(b *testing.B) {
	const n = 1000
	var rows [][]byte
	for i := range n {
		local := netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), uint16(30000+i)).String()
		remote := netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 1, byte(i / 250), byte(i)}), 443).String()
		rows = append(rows, ownerRow4(tcpStateEstab, local, remote, uint32(100+i%50)))
	}
	api := &countingIphlpapi{tables: [2][]byte{winTable(rows...), winTable()}}
	rd := newEStatsReader(api)
	res := newPIDOwners(func(pid uint32) procOwner { return procOwner{PID: int(pid), Process: "proc.exe", User: "ann"} })
	tr := newTracker()
	now := time.Unix(1000, 0)
	var socks []tcpSocket
	tick := func() {
		var err error
		if socks, err = rd.Read(socks); err != nil || len(socks) != n {
			b.Fatalf("%d sockets, %v", len(socks), err)
		}
		res.Begin(socks)
		tr.update(now, socks, nil, res.ownerOf)
		_, _ = tr.table(View{})
		now = now.Add(time.Second)
		api.tick++
	}
	tick()
	tick()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tick()
	}
}

package talkers

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"testing"
)

// The builders below write Windows' rows field by field at the offsets
// of tcpmib.h and udpmib.h, independently of the parser's code.

// portDWORD is a port DWORD as Windows fills it: the port in network
// byte order in the low 16 bits, and junk above, which the documentation
// says may be there.
func portDWORD(p uint16) []byte { return []byte{byte(p >> 8), byte(p), 0xde, 0xad} }

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// ownerRow4 is a MIB_TCPROW_OWNER_PID.
func ownerRow4(state uint32, local, remote string, pid uint32) []byte {
	l, r := netip.MustParseAddrPort(local), netip.MustParseAddrPort(remote)
	la, ra := l.Addr().As4(), r.Addr().As4()
	var b []byte
	b = append(b, le32(state)...)         // dwState
	b = append(b, la[:]...)               // dwLocalAddr
	b = append(b, portDWORD(l.Port())...) // dwLocalPort
	b = append(b, ra[:]...)               // dwRemoteAddr
	b = append(b, portDWORD(r.Port())...) // dwRemotePort
	return append(b, le32(pid)...)        // dwOwningPid
}

// ownerRow6 is a MIB_TCP6ROW_OWNER_PID.
func ownerRow6(state uint32, local string, lscope uint32, remote string, rscope uint32, pid uint32) []byte {
	l, r := netip.MustParseAddrPort(local), netip.MustParseAddrPort(remote)
	la, ra := l.Addr().As16(), r.Addr().As16()
	var b []byte
	b = append(b, la[:]...)               // ucLocalAddr
	b = append(b, le32(lscope)...)        // dwLocalScopeId
	b = append(b, portDWORD(l.Port())...) // dwLocalPort
	b = append(b, ra[:]...)               // ucRemoteAddr
	b = append(b, le32(rscope)...)        // dwRemoteScopeId
	b = append(b, portDWORD(r.Port())...) // dwRemotePort
	b = append(b, le32(state)...)         // dwState
	return append(b, le32(pid)...)        // dwOwningPid
}

// udpRow4 is a MIB_UDPROW_OWNER_PID, udpRow6 a MIB_UDP6ROW_OWNER_PID.
func udpRow4(local string, pid uint32) []byte {
	l := netip.MustParseAddrPort(local)
	la := l.Addr().As4()
	return append(append(la[:], portDWORD(l.Port())...), le32(pid)...)
}

func udpRow6(local string, scope, pid uint32) []byte {
	l := netip.MustParseAddrPort(local)
	la := l.Addr().As16()
	b := append(la[:], le32(scope)...)
	return append(append(b, portDWORD(l.Port())...), le32(pid)...)
}

// winTable is a table: dwNumEntries, then the rows.
func winTable(rows ...[]byte) []byte {
	b := le32(uint32(len(rows)))
	for _, r := range rows {
		b = append(b, r...)
	}
	return b
}

func TestAppendTCPTable(t *testing.T) {
	ap := netip.MustParseAddrPort
	mapped := netip.AddrPortFrom(netip.AddrFrom16(netip.MustParseAddr("192.0.2.7").As16()), 80)
	tests := []struct {
		name string
		b    []byte
		v6   bool
		want []tcpRow
	}{
		{"empty", winTable(), false, nil},
		{"ipv4", winTable(
			ownerRow4(tcpStateEstab, "10.0.0.1:50000", "93.184.216.34:443", 4242),
			ownerRow4(tcpStateListen, "0.0.0.0:445", "0.0.0.0:0", 4)), false,
			[]tcpRow{
				{Local: ap("10.0.0.1:50000"), Remote: ap("93.184.216.34:443"), State: tcpStateEstab, PID: 4242},
				{Local: ap("0.0.0.0:445"), Remote: ap("0.0.0.0:0"), State: tcpStateListen, PID: 4},
			}},
		{"ipv4, bytes after the last row", append(winTable(ownerRow4(tcpStateTimeWait, "127.0.0.1:1", "127.0.0.1:2", 0)), 1, 2, 3), false,
			[]tcpRow{{Local: ap("127.0.0.1:1"), Remote: ap("127.0.0.1:2"), State: tcpStateTimeWait}}},
		{"ipv6 with scopes and a mapped address", winTable(
			ownerRow6(tcpStateCloseWait, "[fe80::1]:5353", 12, "[fe80::2]:40000", 13, 77),
			ownerRow6(tcpStateEstab, "[::ffff:192.0.2.7]:80", 0, "[2001:db8::9]:65535", 0, 78)), true,
			[]tcpRow{
				{Local: ap("[fe80::1]:5353"), LocalScope: 12, Remote: ap("[fe80::2]:40000"), RemoteScope: 13, State: tcpStateCloseWait, PID: 77, V6: true},
				{Local: mapped, Remote: ap("[2001:db8::9]:65535"), State: tcpStateEstab, PID: 78, V6: true},
			}},
	}
	for _, tt := range tests {
		got, err := appendTCPTable(nil, tt.b, tt.v6)
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: row %d = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
	one := winTable(ownerRow4(tcpStateEstab, "10.0.0.1:1", "10.0.0.2:2", 1))
	for name, bad := range map[string][]byte{
		"nil":                    nil,
		"count cut":              {1, 0, 0},
		"row cut":                one[:len(one)-1],
		"count beyond buffer":    append(le32(0xffffffff), one[4:]...),
		"ipv6 count of ipv4 row": one,
	} {
		if rows, err := appendTCPTable(nil, bad, name == "ipv6 count of ipv4 row"); err == nil {
			t.Errorf("%s: accepted, %+v", name, rows)
		}
	}
}

func TestAppendUDPTable(t *testing.T) {
	ap := netip.MustParseAddrPort
	got, err := appendUDPTable(nil, winTable(udpRow4("0.0.0.0:53", 1200), udpRow4("127.0.0.1:5353", 1201)), false)
	want := []udpRow{{Local: ap("0.0.0.0:53"), PID: 1200}, {Local: ap("127.0.0.1:5353"), PID: 1201}}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ipv4: got %+v, %v; want %+v", got, err, want)
	}
	got, err = appendUDPTable(nil, winTable(udpRow6("[fe80::5]:546", 7, 900)), true)
	if err != nil || len(got) != 1 || got[0] != (udpRow{Local: ap("[fe80::5]:546"), LocalScope: 7, PID: 900}) {
		t.Errorf("ipv6: got %+v, %v", got, err)
	}
	if _, err := appendUDPTable(nil, winTable(udpRow4("0.0.0.0:53", 1)), true); err == nil {
		t.Error("an IPv4 row read as an IPv6 table")
	}
}

// TestMIBRow checks the rows that name a connection to the EStats
// functions: a MIB_TCPROW is the first five DWORDs of the owner row, a
// MIB_TCP6ROW has the state first, then local and remote address, scope
// and port.
func TestMIBRow(t *testing.T) {
	zeroHigh := func(b []byte, ports ...int) []byte {
		b = bytes.Clone(b)
		for _, p := range ports {
			b[p+2], b[p+3] = 0, 0
		}
		return b
	}
	row4 := ownerRow4(tcpStateEstab, "10.1.2.3:50001", "10.9.8.7:8080", 99)
	rows, err := appendTCPTable(nil, winTable(row4), false)
	if err != nil {
		t.Fatal(err)
	}
	var m [mibTCP6RowLen]byte
	if got, want := rows[0].mibRow(&m), zeroHigh(row4[:mibTCPRowLen], 8, 16); !bytes.Equal(got, want) {
		t.Errorf("MIB_TCPROW\n got % x\nwant % x", got, want)
	}

	row6 := ownerRow6(tcpStateFinWait, "[fe80::1]:443", 3, "[2001:db8::2]:50002", 4, 99)
	rows, err = appendTCPTable(nil, winTable(row6), true)
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	want = append(want, le32(tcpStateFinWait)...)
	want = append(want, row6[0:24]...)  // local address, scope, port
	want = append(want, row6[24:48]...) // remote address, scope, port
	want = zeroHigh(want, 24, 48)
	if got := rows[0].mibRow(&m); !bytes.Equal(got, want) {
		t.Errorf("MIB_TCP6ROW\n got % x\nwant % x", got, want)
	}
}

// tcpStateFinWait is FIN_WAIT1, a closing state that still carries data.
const tcpStateFinWait = 6

func TestCarriesData(t *testing.T) {
	for s := uint32(0); s <= 13; s++ {
		want := s >= 5 && s <= 10 // ESTAB, FIN_WAIT1/2, CLOSE_WAIT, CLOSING, LAST_ACK
		if got := carriesData(s); got != want {
			t.Errorf("carriesData(%d) = %v", s, got)
		}
	}
}

func TestConnCookie(t *testing.T) {
	cookie := func(state uint32, local string, pid uint32) uint64 {
		rows, err := appendTCPTable(nil, winTable(ownerRow4(state, local, "10.0.0.2:443", pid)), false)
		if err != nil {
			t.Fatal(err)
		}
		var m [mibTCP6RowLen]byte
		return connCookie(rows[0].mibRow(&m), pid)
	}
	base := cookie(tcpStateEstab, "10.0.0.1:5000", 10)
	if cookie(tcpStateCloseWait, "10.0.0.1:5000", 10) != base {
		t.Error("the cookie changed with the state")
	}
	if cookie(tcpStateEstab, "10.0.0.1:5000", 11) == base {
		t.Error("the same four-tuple of another process has the same cookie")
	}
	if cookie(tcpStateEstab, "10.0.0.1:5001", 10) == base {
		t.Error("another port has the same cookie")
	}
}

func FuzzAppendTCPTable(f *testing.F) {
	f.Add(winTable(ownerRow4(tcpStateEstab, "10.0.0.1:1", "10.0.0.2:2", 3)), false)
	f.Add(winTable(ownerRow6(tcpStateEstab, "[::1]:1", 0, "[::1]:2", 0, 3)), true)
	f.Add([]byte{2, 0, 0, 0, 1}, false)
	f.Fuzz(func(t *testing.T, b []byte, v6 bool) {
		rows, err := appendTCPTable(nil, b, v6)
		if err != nil {
			return
		}
		rowLen := tcpRowLen
		if v6 {
			rowLen = tcp6RowLen
		}
		if 4+len(rows)*rowLen > len(b) || uint32(len(rows)) != binary.LittleEndian.Uint32(b) {
			t.Fatalf("%d rows from %d bytes", len(rows), len(b))
		}
		var m [mibTCP6RowLen]byte
		for i := range rows {
			r := b[4+i*rowLen:]
			mib := rows[i].mibRow(&m)
			if !v6 && (!bytes.Equal(mib[0:10], r[0:10]) || !bytes.Equal(mib[12:18], r[12:18])) {
				t.Fatalf("MIB_TCPROW % x from row % x", mib, r[:rowLen])
			}
			if v6 && (!bytes.Equal(mib[4:26], r[0:22]) || !bytes.Equal(mib[28:50], r[24:46])) {
				t.Fatalf("MIB_TCP6ROW % x from row % x", mib, r[:rowLen])
			}
		}
	})
}

func FuzzAppendUDPTable(f *testing.F) {
	f.Add(winTable(udpRow4("0.0.0.0:53", 3)), false)
	f.Add(winTable(udpRow6("[::]:53", 0, 3)), true)
	f.Fuzz(func(t *testing.T, b []byte, v6 bool) {
		rows, err := appendUDPTable(nil, b, v6)
		if err != nil {
			return
		}
		rowLen := udpRowLen
		if v6 {
			rowLen = udp6RowLen
		}
		if 4+len(rows)*rowLen > len(b) {
			t.Fatalf("%d rows from %d bytes", len(rows), len(b))
		}
	})
}

package talkers

import (
	"encoding/binary"
	"errors"
	"net/netip"
)

// Windows' connection tables, as GetExtendedTcpTable (TCP_TABLE_OWNER_PID_ALL)
// and GetExtendedUdpTable (UDP_TABLE_OWNER_PID) return them (tcpmib.h,
// udpmib.h): a DWORD count, then the rows, each made of DWORDs and byte
// arrays only, so packed without padding. DWORDs are little-endian (every
// Windows target is); addresses are bytes in network order; a port is a
// DWORD whose low 16 bits hold the port in network byte order, the rest
// possibly garbage. The parsers here run on every system so that the
// tests and fuzz targets run on Linux too.
const (
	tcpRowLen  = 24 // MIB_TCPROW_OWNER_PID
	tcp6RowLen = 56 // MIB_TCP6ROW_OWNER_PID
	udpRowLen  = 12 // MIB_UDPROW_OWNER_PID
	udp6RowLen = 28 // MIB_UDP6ROW_OWNER_PID
	// mibTCPRowLen and mibTCP6RowLen are MIB_TCPROW and MIB_TCP6ROW, the
	// rows that name a connection to GetPerTcp(6)ConnectionEStats.
	mibTCPRowLen  = 20
	mibTCP6RowLen = 52
)

// MIB_TCP_STATE values (tcpmib.h) that winload tells apart: from
// ESTAB to LAST_ACK a connection may move payload; CLOSED (1), LISTEN,
// SYN_SENT (3), SYN_RCVD (4), TIME_WAIT and DELETE_TCB (12) do not.
const (
	tcpStateListen    = 2
	tcpStateEstab     = 5
	tcpStateCloseWait = 8
	tcpStateLastAck   = 10
	tcpStateTimeWait  = 11
)

// tcpRow is one row of a Windows TCP table.
type tcpRow struct {
	// Local and Remote are the addresses as the table has them (an IPv6
	// row's IPv4-mapped addresses stay mapped, so that the row can be
	// named back to Windows).
	Local, Remote netip.AddrPort
	// LocalScope and RemoteScope are an IPv6 row's scope IDs, as the
	// table holds them (in network byte order, says the documentation of
	// MIB_TCP6ROW); they go back to Windows unchanged.
	LocalScope, RemoteScope uint32
	// State is a MIB_TCP_STATE value; PID the owning process.
	State, PID uint32
	// V6 is set for a row of the AF_INET6 table.
	V6 bool
}

// udpRow is one row of a Windows UDP table: a bound local endpoint.
type udpRow struct {
	Local      netip.AddrPort
	LocalScope uint32
	PID        uint32
}

var errShortTable = errors.New("connection table shorter than its count of rows")

// tableRows returns the rows of a table whose rows are rowLen bytes, as
// one slice, after checking the count against the buffer.
func tableRows(b []byte, rowLen int) ([]byte, int, error) {
	if len(b) < 4 {
		return nil, 0, errShortTable
	}
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4)/uint64(rowLen) {
		return nil, 0, errShortTable
	}
	return b[4 : 4+int(n)*rowLen], int(n), nil
}

// winPort reads a port DWORD: network byte order in the low 16 bits.
func winPort(b []byte) uint16 { return binary.BigEndian.Uint16(b[0:2]) }

// appendTCPTable appends the rows of a MIB_TCPTABLE_OWNER_PID (v6 false)
// or MIB_TCP6TABLE_OWNER_PID (v6 true) to dst.
func appendTCPTable(dst []tcpRow, b []byte, v6 bool) ([]tcpRow, error) {
	rowLen := tcpRowLen
	if v6 {
		rowLen = tcp6RowLen
	}
	rows, n, err := tableRows(b, rowLen)
	if err != nil {
		return dst, err
	}
	for i := range n {
		r := rows[i*rowLen : (i+1)*rowLen]
		var row tcpRow
		if v6 {
			row = tcpRow{
				Local:       netip.AddrPortFrom(netip.AddrFrom16([16]byte(r[0:16])), winPort(r[20:24])),
				LocalScope:  binary.LittleEndian.Uint32(r[16:20]),
				Remote:      netip.AddrPortFrom(netip.AddrFrom16([16]byte(r[24:40])), winPort(r[44:48])),
				RemoteScope: binary.LittleEndian.Uint32(r[40:44]),
				State:       binary.LittleEndian.Uint32(r[48:52]),
				PID:         binary.LittleEndian.Uint32(r[52:56]),
				V6:          true,
			}
		} else {
			row = tcpRow{
				State:  binary.LittleEndian.Uint32(r[0:4]),
				Local:  netip.AddrPortFrom(netip.AddrFrom4([4]byte(r[4:8])), winPort(r[8:12])),
				Remote: netip.AddrPortFrom(netip.AddrFrom4([4]byte(r[12:16])), winPort(r[16:20])),
				PID:    binary.LittleEndian.Uint32(r[20:24]),
			}
		}
		dst = append(dst, row)
	}
	return dst, nil
}

// appendUDPTable appends the rows of a MIB_UDPTABLE_OWNER_PID (v6 false)
// or MIB_UDP6TABLE_OWNER_PID (v6 true) to dst.
func appendUDPTable(dst []udpRow, b []byte, v6 bool) ([]udpRow, error) {
	rowLen := udpRowLen
	if v6 {
		rowLen = udp6RowLen
	}
	rows, n, err := tableRows(b, rowLen)
	if err != nil {
		return dst, err
	}
	for i := range n {
		r := rows[i*rowLen : (i+1)*rowLen]
		if v6 {
			dst = append(dst, udpRow{
				Local:      netip.AddrPortFrom(netip.AddrFrom16([16]byte(r[0:16])), winPort(r[20:24])),
				LocalScope: binary.LittleEndian.Uint32(r[16:20]),
				PID:        binary.LittleEndian.Uint32(r[24:28]),
			})
		} else {
			dst = append(dst, udpRow{
				Local: netip.AddrPortFrom(netip.AddrFrom4([4]byte(r[0:4])), winPort(r[4:8])),
				PID:   binary.LittleEndian.Uint32(r[8:12]),
			})
		}
	}
	return dst, nil
}

// carriesData reports whether a connection in state s may move payload:
// established or closing, not listening, opening or gone.
func carriesData(s uint32) bool { return s >= tcpStateEstab && s <= tcpStateLastAck }

// putWinPort writes a port DWORD, the upper 16 bits zero.
func putWinPort(b []byte, p uint16) {
	binary.BigEndian.PutUint16(b[0:2], p)
	b[2], b[3] = 0, 0
}

// mibRow writes the row that names r to GetPerTcpConnectionEStats (a
// MIB_TCPROW) or GetPerTcp6ConnectionEStats (a MIB_TCP6ROW) into b and
// returns it.
func (r *tcpRow) mibRow(b *[mibTCP6RowLen]byte) []byte {
	if r.V6 {
		m := b[:mibTCP6RowLen]
		binary.LittleEndian.PutUint32(m[0:4], r.State)
		la, ra := r.Local.Addr().As16(), r.Remote.Addr().As16()
		copy(m[4:20], la[:])
		binary.LittleEndian.PutUint32(m[20:24], r.LocalScope)
		putWinPort(m[24:28], r.Local.Port())
		copy(m[28:44], ra[:])
		binary.LittleEndian.PutUint32(m[44:48], r.RemoteScope)
		putWinPort(m[48:52], r.Remote.Port())
		return m
	}
	m := b[:mibTCPRowLen]
	binary.LittleEndian.PutUint32(m[0:4], r.State)
	la, ra := r.Local.Addr().As4(), r.Remote.Addr().As4()
	copy(m[4:8], la[:])
	putWinPort(m[8:12], r.Local.Port())
	copy(m[12:16], ra[:])
	putWinPort(m[16:20], r.Remote.Port())
	return m
}

// connCookie identifies a connection for its lifetime: an FNV-1a hash of
// its addresses, ports and scopes (mib without the state, which changes)
// and its process, so that a four-tuple used again by a new connection of
// another process counts as new.
func connCookie(mib []byte, pid uint32) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, c := range mib[4:] {
		h = (h ^ uint64(c)) * prime
	}
	for i := range 4 {
		h = (h ^ uint64(byte(pid>>(8*i)))) * prime
	}
	return h
}

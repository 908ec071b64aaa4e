package talkers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
)

// Windows' extended TCP statistics of the data kind (tcpestats.h): the
// read/write part TCP_ESTATS_DATA_RW_v0 is one BOOLEAN that turns the
// collection on; the read-only dynamic part TCP_ESTATS_DATA_ROD_v0 is
//
//	ULONG64 DataBytesOut, DataSegsOut, DataBytesIn, DataSegsIn, SegsOut, SegsIn; // 0..47
//	ULONG   SoftErrors, SoftErrorReason, SndUna, SndNxt, SndMax;                 // 48..67
//	ULONG64 ThruBytesAcked;                                                      // 72 (after 4 bytes of padding)
//	ULONG   RcvNxt;                                                              // 80
//	ULONG64 ThruBytesReceived;                                                   // 88 (after padding); 96 in all
//
// ThruBytesAcked and ThruBytesReceived are RFC 4898's
// tcpEStatsAppThruOctetsAcked and ThruOctetsReceived: the payload the peer
// acknowledged and the payload received in order, without
// retransmissions. They are the counters Linux reports as tcpi_bytes_acked
// and tcpi_bytes_received, so the panel means the same on both systems
// (DataBytesOut and DataBytesIn count retransmitted data again).
const (
	estatsData        = 1 // TcpConnectionEstatsData, a TCP_ESTATS_TYPE
	dataRWLen         = 1
	dataRODLen        = 96
	rodThruBytesAcked = 72
	rodThruBytesRecv  = 88
)

var errShortROD = errors.New("TCP_ESTATS_DATA_ROD_v0 too short")

// parseDataROD reads the payload counters of a TCP_ESTATS_DATA_ROD_v0.
func parseDataROD(b []byte) (sent, recv uint64, err error) {
	if len(b) < dataRODLen {
		return 0, 0, errShortROD
	}
	return binary.LittleEndian.Uint64(b[rodThruBytesAcked:]), binary.LittleEndian.Uint64(b[rodThruBytesRecv:]), nil
}

// connStats is the part of Windows' IP helper API (iphlpapi.dll) that
// estatsReader uses.
type connStats interface {
	// tcpTable returns GetExtendedTcpTable's TCP_TABLE_OWNER_PID_ALL of
	// IPv4 (v6 false) or IPv6, in buf when it fits, else in a larger
	// buffer, which the next call gets as buf.
	tcpTable(buf []byte, v6 bool) ([]byte, error)
	// dataStats fills rw and rod with the connection's data statistics
	// (GetPerTcp(6)ConnectionEStats); mib is a MIB_TCPROW or MIB_TCP6ROW.
	// rod is meaningful only when rw says the collection is on.
	dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error
	// enableData turns the collection of the connection's data
	// statistics on (SetPerTcp(6)ConnectionEStats).
	enableData(mib []byte, v6 bool) error
}

// The errors connStats returns for the cases estatsReader handles.
var (
	// errConnGone is ERROR_NOT_FOUND: the connection closed meanwhile.
	errConnGone = errors.New("the connection closed")
	// errNotAdmin is ERROR_ACCESS_DENIED, or a process without
	// elevation: only administrators may turn the statistics on.
	errNotAdmin = errors.New("run winload as administrator: Windows gives per-connection byte counts to administrators only")
)

// estatsReader lists the TCP connections of both families from the
// owner tables and reads each one's payload counters from the extended
// statistics, turning their collection on for each connection it sees
// first. Each socket carries its connection's PID, for pidOwners.
type estatsReader struct {
	api  connStats
	bufs [2][]byte // the IPv4 and IPv6 tables
	rows []tcpRow
	mib  [mibTCP6RowLen]byte
	rw   [dataRWLen]byte
	rod  [dataRODLen]byte
}

func newEStatsReader(api connStats) *estatsReader {
	return &estatsReader{api: api}
}

// Read implements reader. Connections that carry no data (listening,
// opening, TIME_WAIT) are left out; one that closes while being read, or
// whose statistics cannot be read, is skipped.
func (r *estatsReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	dst = dst[:0]
	r.rows = r.rows[:0]
	for i := range r.bufs {
		v6 := i == 1
		b, err := r.api.tcpTable(r.bufs[i], v6)
		if err != nil {
			return dst, fmt.Errorf("listing the TCP connections: %w", err)
		}
		r.bufs[i] = b[:cap(b)]
		if r.rows, err = appendTCPTable(r.rows, b, v6); err != nil {
			return dst, fmt.Errorf("listing the TCP connections: %w", err)
		}
	}
	var failed error
	for i := range r.rows {
		row := &r.rows[i]
		if !carriesData(row.State) {
			continue
		}
		dst = append(dst, tcpSocket{})
		s := &dst[len(dst)-1]
		ok, err := r.stats(row, s)
		if errors.Is(err, errNotAdmin) {
			return dst[:0], err
		}
		if err != nil && failed == nil {
			failed = err
		}
		if !ok || err != nil {
			dst = dst[:len(dst)-1]
		}
	}
	// One connection whose statistics Windows will not give is left out;
	// when none could be read, the reason is shown instead of an empty
	// list.
	if len(dst) == 0 && failed != nil {
		return dst, failed
	}
	return dst, nil
}

// stats fills s from row and the connection's statistics; false when the
// connection closed meanwhile. A connection seen for the first time has
// its collection turned on and is read at once, so that its counters
// from then on count.
func (r *estatsReader) stats(row *tcpRow, s *tcpSocket) (bool, error) {
	mib := row.mibRow(&r.mib)
	*s = tcpSocket{
		Cookie: connCookie(mib, row.PID),
		PID:    row.PID,
		Local:  netip.AddrPortFrom(row.Local.Addr().Unmap(), row.Local.Port()),
		Remote: netip.AddrPortFrom(row.Remote.Addr().Unmap(), row.Remote.Port()),
	}
	err := r.api.dataStats(mib, row.V6, &r.rw, &r.rod)
	if err == nil && r.rw[0] == 0 {
		if err = r.api.enableData(mib, row.V6); err == nil {
			err = r.api.dataStats(mib, row.V6, &r.rw, &r.rod)
		}
	}
	switch {
	case errors.Is(err, errConnGone):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("reading a TCP connection's statistics: %w", err)
	}
	if r.rw[0] != 0 {
		s.Sent, s.Received, err = parseDataROD(r.rod[:])
		s.HasBytes = err == nil
	}
	return true, nil
}

// Closed implements reader: Windows does not tell of closed connections.
func (r *estatsReader) Closed(dst []tcpSocket) []tcpSocket { return dst[:0] }

// Counts says what the bytes are: TCP payload from each connection's
// extended statistics.
func (r *estatsReader) Counts() string { return "TCP payload only (extended TCP statistics)" }

// Missed implements reader.
func (r *estatsReader) Missed() string {
	return "connections closed between ticks miss their last bytes"
}

// Close implements reader. The collection stays on for the connections
// it was turned on for: another program may be reading them too.
func (r *estatsReader) Close() error { return nil }

// pidOwners names the processes of the sockets a Windows reader lists,
// each with its PID (tcpSocket.PID), through describe, once per PID.
// PIDs that hold no socket any more are forgotten at once, since Windows
// soon gives them to new processes.
type pidOwners struct {
	describe func(pid uint32) procOwner
	procs    map[uint32]procOwner
	live     map[uint32]struct{} // scratch: the PIDs of the last list
}

func newPIDOwners(describe func(pid uint32) procOwner) *pidOwners {
	return &pidOwners{describe: describe, procs: map[uint32]procOwner{}, live: map[uint32]struct{}{}}
}

// Begin implements resolver.
func (p *pidOwners) Begin(socks []tcpSocket) {
	clear(p.live)
	for i := range socks {
		p.live[socks[i].PID] = struct{}{}
	}
	for pid := range p.procs {
		if _, ok := p.live[pid]; !ok {
			delete(p.procs, pid)
		}
	}
}

// ownerOf implements resolver: nobody for a socket without a PID.
func (p *pidOwners) ownerOf(s *tcpSocket) procOwner {
	if s.PID == 0 {
		return procOwner{}
	}
	o, ok := p.procs[s.PID]
	if !ok {
		o = p.describe(s.PID)
		p.procs[s.PID] = o
	}
	return o
}

// Note implements resolver: every process is named where Windows allows.
func (p *pidOwners) Note() string { return "" }

package talkers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
)

// macOS lists its internet sockets through the sysctls
// net.inet.tcp.pcblist_n and net.inet.udp.pcblist_n (XNU's get_pcblist_n,
// bsd/netinet/in_pcblist.c): a struct xinpgen, then per socket a run of
// items, each starting with its length and kind, each padded to 8 bytes
// (ROUNDUP64), in the order xinpcb_n, xsocket_n, xsockbuf_n (receive),
// xsockbuf_n (send), xsockstat_n and, for TCP, xtcpcb_n; then a trailing
// struct xinpgen. All these structs are declared under #pragma pack(4), so
// 64-bit fields sit on 4-byte boundaries. The offsets below are from
// xnu-11417.101.15 (macOS 15.4):
//
//	struct xinpgen      bsd/netinet/in_pcb.h  24 bytes: xig_len 0, xig_count 4, xig_gen 8, xig_sogen 16
//	struct xinpcb_n     bsd/netinet/in_pcb.h  104 bytes: inp_fport 16, inp_lport 18 (network order),
//	                                          inp_gencnt 28, inp_vflag 44, inp_dependfaddr 48,
//	                                          inp_dependladdr 64 (an IPv4 address in the last 4 of the 16)
//	struct xsocket_n    bsd/sys/socketvar.h   104 bytes: so_uid 64, so_last_pid 68, so_e_pid 72
//	struct xsockstat_n  bsd/sys/socketvar.h   136 bytes: xst_tc_stats[4] at 8, each struct data_stats
//	                                          {rxpackets, rxbytes, txpackets, txbytes}, 32 bytes
//	struct xtcpcb_n     bsd/netinet/tcp_var.h 204 bytes: t_state 36
//
// The offsets used here are the same in every XNU release since macOS
// 10.13 (xnu-4570): the structs only grew at their ends (xsocket_n from 80
// to 104 bytes in macOS 13, xnu-8792). So the parser takes each item's
// length from the item, reads only the fields below, and skips kinds it
// does not know by their length; an item too short for the fields read is
// an error. Integers are little-endian (every macOS target is).
//
// The parser runs on every system so that its tests and fuzz target run
// on Linux too.
const (
	xinpgenLen = 24 // struct xinpgen; an item no longer than this ends the list

	xsoSocket = 0x001 // XSO_SOCKET: struct xsocket_n
	xsoStats  = 0x008 // XSO_STATS: struct xsockstat_n
	xsoInpcb  = 0x010 // XSO_INPCB: struct xinpcb_n
	xsoTcpcb  = 0x020 // XSO_TCPCB: struct xtcpcb_n

	inpFport   = 16
	inpLport   = 18
	inpGencnt  = 28
	inpVflag   = 44
	inpFaddr   = 48
	inpLaddr   = 64
	inpNeedLen = 80
	inpIPv4    = 0x1 // INP_IPV4
	inpIPv6    = 0x2 // INP_IPV6

	soUID     = 64
	soLastPID = 68
	soEPID    = 72
	soNeedLen = 76

	statsFirst   = 8
	dataStatsLen = 32 // struct data_stats
	statsRxBytes = 8
	statsTxBytes = 24

	tcpState   = 36
	tcpNeedLen = 40
)

// TCP states (bsd/netinet/tcp_fsm.h) of sockets that move no bytes.
const (
	tcpsClosed   = 0
	tcpsListen   = 1
	tcpsTimeWait = 10
)

// pcbSocket is one socket of a pcblist_n buffer.
type pcbSocket struct {
	// Local and Remote are the socket's addresses; Remote is zero for a
	// UDP socket that is not connected.
	Local, Remote netip.AddrPort
	// Gen is the PCB's generation count (inp_gencnt), unique among the
	// protocol's sockets; 0 for the flows of user-space network stacks
	// (Skywalk) that XNU lists beside the kernel's sockets.
	Gen uint64
	// UID owns the socket (so_uid).
	UID uint32
	// LastPID is the last process that used the socket (so_last_pid);
	// EPID the process it works for when it was delegated (so_e_pid), 0
	// when it was not.
	LastPID, EPID int32
	// State is the TCP state (t_state), -1 without an xtcpcb_n.
	State int32
	// Rx and Tx are the socket's byte counters (xst_tc_stats).
	Rx, Tx uint64
}

// pcbRecord is the socket being assembled from its items.
type pcbRecord struct {
	s                pcbSocket
	open             bool // an xinpcb_n started it
	addr, sock, stat bool // the items seen
}

var errPCBShort = errors.New("the list ends inside an item (truncated)")

// appendPCBList appends the sockets of a pcblist_n buffer to dst and
// returns it. classes is how many of xst_tc_stats' entries count as the
// socket's bytes (see pcbReader). Sockets without addresses of a known
// family, or without an xsocket_n or xsockstat_n, are left out.
func appendPCBList(dst []pcbSocket, b []byte, classes int) ([]pcbSocket, error) {
	if len(b) < xinpgenLen {
		return dst, fmt.Errorf("%d bytes, shorter than the leading xinpgen", len(b))
	}
	glen := uint64(binary.LittleEndian.Uint32(b))
	if glen < xinpgenLen || glen > uint64(len(b)) {
		return dst, fmt.Errorf("the leading xinpgen says %d bytes", glen)
	}
	var rec pcbRecord
	flush := func() {
		if rec.open && rec.addr && rec.sock && rec.stat {
			dst = append(dst, rec.s)
		}
		rec = pcbRecord{}
	}
	off := roundUp8(glen)
	for {
		if off+8 > uint64(len(b)) {
			return dst, errPCBShort
		}
		ilen := uint64(binary.LittleEndian.Uint32(b[off:]))
		kind := binary.LittleEndian.Uint32(b[off+4:])
		if ilen > uint64(len(b))-off {
			return dst, errPCBShort
		}
		if ilen <= xinpgenLen {
			flush()
			return dst, nil
		}
		item := b[off : off+ilen]
		var err error
		switch kind {
		case xsoInpcb:
			flush()
			rec.open = true
			rec.s.State = -1
			rec.addr, err = parseXinpcb(item, &rec.s)
		case xsoSocket:
			if rec.open && !rec.sock {
				rec.sock = true
				err = parseXsocket(item, &rec.s)
			}
		case xsoStats:
			if rec.open && !rec.stat {
				rec.stat = true
				err = parseXsockstat(item, classes, &rec.s)
			}
		case xsoTcpcb:
			if rec.open && rec.s.State < 0 {
				err = parseXtcpcb(item, &rec.s)
			}
		}
		if err != nil {
			return dst, err
		}
		off += roundUp8(ilen)
	}
}

// roundUp8 is XNU's ROUNDUP64: n rounded up to a multiple of 8.
func roundUp8(n uint64) uint64 { return (n + 7) &^ 7 }

// parseXinpcb reads the addresses of an xinpcb_n into s; ok is false when
// they are of no family winload knows.
func parseXinpcb(b []byte, s *pcbSocket) (ok bool, err error) {
	if len(b) < inpNeedLen {
		return false, fmt.Errorf("xinpcb_n of %d bytes, need %d", len(b), inpNeedLen)
	}
	s.Gen = binary.LittleEndian.Uint64(b[inpGencnt:])
	fport := binary.BigEndian.Uint16(b[inpFport:])
	lport := binary.BigEndian.Uint16(b[inpLport:])
	var local, remote netip.Addr
	switch vflag := b[inpVflag]; {
	case vflag&inpIPv4 != 0:
		local = netip.AddrFrom4([4]byte(b[inpLaddr+12 : inpLaddr+16]))
		remote = netip.AddrFrom4([4]byte(b[inpFaddr+12 : inpFaddr+16]))
	case vflag&inpIPv6 != 0:
		local = kameUnscope(netip.AddrFrom16([16]byte(b[inpLaddr : inpLaddr+16])))
		remote = kameUnscope(netip.AddrFrom16([16]byte(b[inpFaddr : inpFaddr+16])))
	default:
		return false, nil
	}
	s.Local, s.Remote = netip.AddrPortFrom(local, lport), netip.AddrPortFrom(remote, fport)
	return true, nil
}

// kameUnscope clears the interface index that XNU, as KAME did, may keep
// in the second 16-bit word of a link-local IPv6 address.
func kameUnscope(a netip.Addr) netip.Addr {
	if !a.IsLinkLocalUnicast() && !a.IsLinkLocalMulticast() && !a.IsInterfaceLocalMulticast() {
		return a
	}
	b := a.As16()
	b[2], b[3] = 0, 0
	return netip.AddrFrom16(b)
}

// parseXsocket reads the owner of an xsocket_n into s.
func parseXsocket(b []byte, s *pcbSocket) error {
	if len(b) < soNeedLen {
		return fmt.Errorf("xsocket_n of %d bytes, need %d", len(b), soNeedLen)
	}
	s.UID = binary.LittleEndian.Uint32(b[soUID:])
	s.LastPID = int32(binary.LittleEndian.Uint32(b[soLastPID:]))
	s.EPID = int32(binary.LittleEndian.Uint32(b[soEPID:]))
	return nil
}

// parseXsockstat adds the first classes entries of an xsockstat_n's
// xst_tc_stats, as many as it holds, to s's counters.
func parseXsockstat(b []byte, classes int, s *pcbSocket) error {
	if len(b) < statsFirst+dataStatsLen {
		return fmt.Errorf("xsockstat_n of %d bytes, need %d", len(b), statsFirst+dataStatsLen)
	}
	n := min((len(b)-statsFirst)/dataStatsLen, classes)
	for i := range n {
		d := b[statsFirst+i*dataStatsLen:]
		s.Rx += binary.LittleEndian.Uint64(d[statsRxBytes:])
		s.Tx += binary.LittleEndian.Uint64(d[statsTxBytes:])
	}
	return nil
}

// parseXtcpcb reads the state of an xtcpcb_n into s.
func parseXtcpcb(b []byte, s *pcbSocket) error {
	if len(b) < tcpNeedLen {
		return fmt.Errorf("xtcpcb_n of %d bytes, need %d", len(b), tcpNeedLen)
	}
	s.State = int32(binary.LittleEndian.Uint32(b[tcpState:]))
	return nil
}

// The sysctls that list the sockets, one per protocol.
const (
	sysctlTCP = "net.inet.tcp.pcblist_n"
	sysctlUDP = "net.inet.udp.pcblist_n"
)

// Darwin 24 (macOS 15) stopped counting bytes per traffic class: since
// then xst_tc_stats[0] holds the data and xst_tc_stats[1] the bytes the
// socket dropped for want of buffer space (SO_STATS_DATA and
// SO_STATS_SBNOSPACE in bsd/sys/socketvar.h of xnu-11215); before, each
// of the four entries was a traffic class and all of them are data.
const (
	dataClassesSince24  = 1
	dataClassesBefore24 = 4
)

// dataClasses returns how many xst_tc_stats entries hold data on Darwin
// release major (the first number of kern.osrelease).
func dataClasses(major int) int {
	if major >= 24 {
		return dataClassesSince24
	}
	return dataClassesBefore24
}

// pcbReader lists the TCP and UDP sockets of macOS from its pcblist_n
// sysctls. fetch returns a sysctl's value by name. It keeps the owning
// PID of each socket of the last Read for pcbOwners.
type pcbReader struct {
	fetch   func(name string) ([]byte, error)
	classes int
	socks   []pcbSocket
	pids    map[uint64]int32 // cookie -> owning PID
}

func newPCBReader(fetch func(name string) ([]byte, error), classes int) *pcbReader {
	return &pcbReader{fetch: fetch, classes: classes, pids: map[uint64]int32{}}
}

// Read implements reader. TCP sockets that are listening, closed or in
// TIME_WAIT are left out, as on Linux; UDP sockets all count.
func (r *pcbReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	dst = dst[:0]
	clear(r.pids)
	for _, name := range [...]string{sysctlTCP, sysctlUDP} {
		b, err := r.fetch(name)
		if err != nil {
			return dst, fmt.Errorf("sysctl %s: %w", name, err)
		}
		r.socks, err = appendPCBList(r.socks[:0], b, r.classes)
		if err != nil {
			return dst, fmt.Errorf("sysctl %s: %w", name, err)
		}
		udp := name == sysctlUDP
		proto := uint8(6)
		if udp {
			proto = 17
		}
		for i := range r.socks {
			s := &r.socks[i]
			if !udp && (s.State == tcpsListen || s.State == tcpsClosed || s.State == tcpsTimeWait) {
				continue
			}
			c := pcbCookie(s, udp)
			dst = append(dst, tcpSocket{Cookie: c, Proto: proto, UID: s.UID, Local: s.Local, Remote: s.Remote,
				Sent: s.Tx, Received: s.Rx, HasBytes: true})
			r.pids[c] = s.owner()
		}
	}
	return dst, nil
}

// owner is the process the socket's bytes are for: the one it was
// delegated to when it was (so_e_pid; a daemon such as nsurlsessiond
// moving an app's data names the app), else the last one that used it.
func (s *pcbSocket) owner() int32 {
	if s.EPID > 0 {
		return s.EPID
	}
	return max(s.LastPID, 0)
}

// pcbCookie identifies a socket across reads: its PCB generation and
// protocol; for a user-space flow, which has no generation, a hash of its
// addresses, protocol and process, with the top bit set.
func pcbCookie(s *pcbSocket, udp bool) uint64 {
	var proto uint64
	if udp {
		proto = 1
	}
	if s.Gen != 0 {
		return (s.Gen<<1 | proto) &^ (1 << 63)
	}
	h := uint64(14695981039346656037) // FNV-1a
	add := func(b []byte) {
		for _, c := range b {
			h = (h ^ uint64(c)) * 1099511628211
		}
	}
	for _, ap := range [...]netip.AddrPort{s.Local, s.Remote} {
		a := ap.Addr().As16()
		add(a[:])
		add([]byte{byte(ap.Port() >> 8), byte(ap.Port())})
	}
	p := uint32(s.owner())
	add([]byte{byte(proto), byte(p >> 24), byte(p >> 16), byte(p >> 8), byte(p)})
	return h | 1<<63
}

// Closed implements reader: the sysctls list open sockets only.
func (r *pcbReader) Closed(dst []tcpSocket) []tcpSocket { return dst[:0] }

// Missed implements reader.
func (r *pcbReader) Missed() string {
	return "sockets that open and close between two ticks are not seen"
}

// Close implements reader.
func (r *pcbReader) Close() error { return nil }

// Counts says what the bytes are: each socket's own counters, for TCP and
// UDP. They are neither wire bytes nor payload alone: up to macOS 14 XNU
// counts each packet with its IP and TCP/UDP headers when it leaves, and
// received packets as they reach the socket, with their headers on TCP's
// fast path; from macOS 15 it counts data as it enters a socket buffer,
// and its sources also still count received packets in TCP and UDP input
// (bsd/netinet/in_tclass.c, bsd/kern/uipc_socket2.c), which would count
// received data about twice. Not checked on a Mac; docs/talkers.md says
// more.
func (r *pcbReader) Counts() string { return "TCP and UDP, macOS's per-socket byte counters" }

// pcbOwners names the processes of the sockets pcbReader read, through
// describe, once per PID. PIDs that hold no socket any more are forgotten
// at once, since macOS gives them to new processes.
type pcbOwners struct {
	socks    *pcbReader
	describe func(pid int32) procOwner
	procs    map[int32]procOwner
	live     map[int32]struct{}
}

func newPCBOwners(socks *pcbReader, describe func(pid int32) procOwner) *pcbOwners {
	return &pcbOwners{socks: socks, describe: describe, procs: map[int32]procOwner{}, live: map[int32]struct{}{}}
}

// Begin implements resolver.
func (p *pcbOwners) Begin([]tcpSocket) {
	clear(p.live)
	for _, pid := range p.socks.pids {
		p.live[pid] = struct{}{}
	}
	for pid := range p.procs {
		if _, ok := p.live[pid]; !ok {
			delete(p.procs, pid)
		}
	}
}

// ownerOf implements resolver.
func (p *pcbOwners) ownerOf(s *tcpSocket) procOwner {
	pid := p.socks.pids[s.Cookie]
	if pid <= 0 {
		return procOwner{}
	}
	o, ok := p.procs[pid]
	if !ok {
		o = p.describe(pid)
		p.procs[pid] = o
	}
	return o
}

// Note implements resolver: macOS names the owners of every user's
// sockets.
func (p *pcbOwners) Note() string { return "" }

package talkers

import (
	"encoding/binary"
	"errors"
	"net/netip"
)

// tcpSocket is one socket as the kernel reports it, or one flow as a
// packet capture counts it.
type tcpSocket struct {
	// Cookie identifies the socket for its lifetime.
	Cookie uint64
	// Inode ties the socket to the processes whose file descriptors hold
	// it; 0 when none does.
	Inode uint32
	// UID is the socket's owner.
	UID uint32
	// PID is the process holding the socket when the reader knows it
	// (Windows' tables name it); 0 otherwise.
	PID uint32
	// Local and Remote are the socket's addresses.
	Local, Remote netip.AddrPort
	// Sent is the payload the peer acknowledged (tcpi_bytes_acked);
	// Received the payload received (tcpi_bytes_received).
	Sent, Received uint64
	// HasBytes is false when the kernel sent no tcp_info counters.
	HasBytes bool
	// Proto is the IP protocol (6 TCP, 17 UDP); 0 is taken for TCP.
	Proto uint8
	// Device is the network device the socket's bytes went through; ""
	// when the reader does not know, and the tracker guesses it from
	// the local address.
	Device string
}

// The sock_diag layout (linux/inet_diag.h, linux/tcp.h).
const (
	diagMsgLen       = 72  // struct inet_diag_msg
	diagInfoAttr     = 2   // INET_DIAG_INFO: struct tcp_info
	tcpInfoAckedOff  = 120 // tcpi_bytes_acked
	tcpInfoRecvOff   = 128 // tcpi_bytes_received
	tcpInfoBytesNeed = 136
	afInet           = 2
	afInet6          = 10
)

var errShortDiag = errors.New("sock_diag message too short")

// parseDiag reads one inet_diag_msg with its attributes (the payload of a
// SOCK_DIAG_BY_FAMILY reply) into s.
func parseDiag(b []byte, s *tcpSocket) error {
	if len(b) < diagMsgLen {
		return errShortDiag
	}
	family := b[0]
	sport := binary.BigEndian.Uint16(b[4:6])
	dport := binary.BigEndian.Uint16(b[6:8])
	var src, dst netip.Addr
	switch family {
	case afInet:
		src = netip.AddrFrom4([4]byte(b[8:12]))
		dst = netip.AddrFrom4([4]byte(b[24:28]))
	case afInet6:
		src = netip.AddrFrom16([16]byte(b[8:24])).Unmap()
		dst = netip.AddrFrom16([16]byte(b[24:40])).Unmap()
	default:
		return errors.New("sock_diag message of an unknown address family")
	}
	*s = tcpSocket{
		Cookie: uint64(binary.NativeEndian.Uint32(b[44:48])) | uint64(binary.NativeEndian.Uint32(b[48:52]))<<32,
		UID:    binary.NativeEndian.Uint32(b[64:68]),
		Inode:  binary.NativeEndian.Uint32(b[68:72]),
		Local:  netip.AddrPortFrom(src, sport),
		Remote: netip.AddrPortFrom(dst, dport),
	}
	for a := b[diagMsgLen:]; len(a) >= 4; {
		n := int(binary.NativeEndian.Uint16(a[0:2]))
		typ := binary.NativeEndian.Uint16(a[2:4])
		if n < 4 || n > len(a) {
			return errors.New("sock_diag attribute with a bad length")
		}
		if typ == diagInfoAttr && n-4 >= tcpInfoBytesNeed {
			info := a[4:n]
			s.Sent = binary.NativeEndian.Uint64(info[tcpInfoAckedOff:])
			s.Received = binary.NativeEndian.Uint64(info[tcpInfoRecvOff:])
			s.HasBytes = true
		}
		step := (n + 3) &^ 3
		if step >= len(a) {
			break
		}
		a = a[step:]
	}
	return nil
}

// Netlink message types (linux/netlink.h, linux/sock_diag.h).
const (
	nlmsgHdrLen      = 16
	nlmsgError       = 2
	nlmsgDone        = 3
	sockDiagByFamily = 20 // SOCK_DIAG_BY_FAMILY
	tcpDiagReply     = 18 // TCPDIAG_GETSOCK, the older request's replies
)

// appendDump appends the sockets of one read of a sock_diag dump (one or
// more netlink messages) to dst. Messages of another sequence number than
// seq are skipped. done reports the dump's end; a netlink error in the
// dump is returned as err.
func appendDump(dst []tcpSocket, b []byte, seq uint32) (out []tcpSocket, done bool, err error) {
	for len(b) >= nlmsgHdrLen {
		n := int(binary.NativeEndian.Uint32(b[0:4]))
		typ := binary.NativeEndian.Uint16(b[4:6])
		if n < nlmsgHdrLen || n > len(b) {
			return dst, false, errors.New("netlink message with a bad length")
		}
		data := b[nlmsgHdrLen:n]
		if binary.NativeEndian.Uint32(b[8:12]) == seq {
			switch typ {
			case nlmsgDone, nlmsgError:
				if len(data) >= 4 {
					if code := int32(binary.NativeEndian.Uint32(data[0:4])); code < 0 {
						return dst, true, errnoError(-code)
					}
				}
				return dst, true, nil
			case sockDiagByFamily, tcpDiagReply:
				dst = append(dst, tcpSocket{})
				if parseDiag(data, &dst[len(dst)-1]) != nil {
					dst = dst[:len(dst)-1]
				}
			}
		}
		step := (n + 3) &^ 3
		if step >= len(b) {
			break
		}
		b = b[step:]
	}
	return dst, false, nil
}

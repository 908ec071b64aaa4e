package talkers

import (
	"encoding/binary"
	"fmt"

	"github.com/mdlayher/netlink"
)

// The sock_diag request (linux/sock_diag.h, linux/inet_diag.h).
const (
	netlinkSockDiag  = 4  // NETLINK_SOCK_DIAG
	sockDiagByFamily = 20 // SOCK_DIAG_BY_FAMILY
	ipprotoTCP       = 6
	diagReqLen       = 56 // struct inet_diag_req_v2
	// diagStates are the TCP states asked for: all but LISTEN, TIME_WAIT
	// and SYN_RECV, which carry no payload counters.
	diagStates = 0xfff &^ (1<<10 | 1<<6 | 1<<3)
)

// diagReader reads the TCP sockets of both address families through one
// netlink socket.
type diagReader struct {
	conn *netlink.Conn
	req  [2][diagReqLen]byte
}

func openDiag() (*diagReader, error) {
	conn, err := netlink.Dial(netlinkSockDiag, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the kernel's socket statistics: %w", err)
	}
	r := &diagReader{conn: conn}
	for i, family := range []byte{afInet, afInet6} {
		b := &r.req[i]
		b[0], b[1] = family, ipprotoTCP
		b[2] = 1 << (diagInfoAttr - 1)
		binary.NativeEndian.PutUint32(b[4:8], diagStates)
		// inet_diag_sockid stays zero; its cookie must be "no cookie".
		binary.NativeEndian.PutUint32(b[48:52], ^uint32(0))
		binary.NativeEndian.PutUint32(b[52:56], ^uint32(0))
	}
	return r, nil
}

// Read implements reader.
func (r *diagReader) Read(dst []Socket) ([]Socket, error) {
	dst = dst[:0]
	for i := range r.req {
		msgs, err := r.conn.Execute(netlink.Message{
			Header: netlink.Header{Type: sockDiagByFamily, Flags: netlink.Request | netlink.Dump},
			Data:   r.req[i][:],
		})
		if err != nil {
			return dst, fmt.Errorf("listing TCP sockets: %w", err)
		}
		for _, m := range msgs {
			dst = append(dst, Socket{})
			if parseDiag(m.Data, &dst[len(dst)-1]) != nil {
				dst = dst[:len(dst)-1]
			}
		}
	}
	return dst, nil
}

// Close implements reader.
func (r *diagReader) Close() error { return r.conn.Close() }

func openSource() (reader, resolver, error) {
	rd, err := openDiag()
	if err != nil {
		return nil, nil, err
	}
	return rd, newProcOwners("/proc"), nil
}

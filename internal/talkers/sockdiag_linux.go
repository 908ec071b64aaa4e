package talkers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall"
	"time"

	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// The request: the inet_diag interface's older form (TCPDIAG_GETSOCK with
// struct inet_diag_req, linux/inet_diag.h), which the kernel still
// serves and which, unlike SOCK_DIAG_BY_FAMILY, lists both address
// families in one walk of the socket table: that walk is most of a
// tick's cost.
const (
	netlinkSockDiag = 4  // NETLINK_SOCK_DIAG (NETLINK_INET_DIAG)
	tcpDiagGetSock  = 18 // TCPDIAG_GETSOCK
	diagReqLen      = 60 // struct inet_diag_req
	// diagStates are the TCP states asked for: all but LISTEN, TIME_WAIT
	// and SYN_RECV, which carry no payload counters.
	diagStates = 0xfff &^ (1<<10 | 1<<6 | 1<<3)
	// dumpBuf holds one read of a dump; the kernel fills at most 32 KiB.
	dumpBuf = 64 << 10
	// dumpTimeout bounds the wait for the kernel's answer.
	dumpTimeout = 5 * time.Second
)

// diagReader reads the TCP sockets of both address families through one
// netlink socket, with one request. mdlayher/netlink opens it and sends the requests; the
// replies are read into one reused buffer, since the library's Receive
// allocates for every message.
type diagReader struct {
	conn *netlink.Conn
	raw  syscall.RawConn
	req  [diagReqLen]byte
	buf  []byte
	// watch has the sockets that closed; nil without CAP_NET_ADMIN.
	watch *destroyWatch
}

// openDiag opens the netlink socket; with watch, and CAP_NET_ADMIN, it
// also joins the notifications of closing sockets.
func openDiag(watch bool) (*diagReader, error) {
	conn, err := netlink.Dial(netlinkSockDiag, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the kernel's socket statistics: %w", err)
	}
	raw, err := conn.SyscallConn()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("opening the kernel's socket statistics: %w", err)
	}
	r := &diagReader{conn: conn, raw: raw, buf: make([]byte, dumpBuf)}
	if watch {
		if w, err := watchDestroys(); err == nil {
			r.watch = w
		}
	}
	b := &r.req
	b[0] = afInet // the family is ignored: the reply has both
	b[3] = 1 << (diagInfoAttr - 1)
	// inet_diag_sockid (b[4:52]) stays zero; its cookie must be "none".
	binary.NativeEndian.PutUint32(b[44:48], ^uint32(0))
	binary.NativeEndian.PutUint32(b[48:52], ^uint32(0))
	binary.NativeEndian.PutUint32(b[52:56], diagStates)
	return r, nil
}

// Read implements reader.
func (r *diagReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	sent, err := r.conn.Send(netlink.Message{
		Header: netlink.Header{Type: tcpDiagGetSock, Flags: netlink.Request | netlink.Dump},
		Data:   r.req[:],
	})
	if err != nil {
		return dst[:0], fmt.Errorf("asking for the TCP sockets: %w", err)
	}
	if dst, err = r.receive(dst[:0], sent.Header.Sequence); err != nil {
		return dst, fmt.Errorf("listing the TCP sockets: %w", err)
	}
	for i := range dst {
		dst[i].Proto = protoTCP
	}
	return dst, nil
}

// receive reads the dump answering the request seq.
func (r *diagReader) receive(dst []tcpSocket, seq uint32) ([]tcpSocket, error) {
	if err := r.conn.SetReadDeadline(time.Now().Add(dumpTimeout)); err != nil {
		return dst, err
	}
	for {
		n, err := r.read()
		if err != nil {
			return dst, err
		}
		if n >= len(r.buf) {
			return dst, errors.New("a netlink message does not fit the buffer")
		}
		var done bool
		if dst, done, err = appendDump(dst, r.buf[:n], seq); done || err != nil {
			return dst, err
		}
	}
}

// read reads one datagram of the dump into r.buf, waiting for it.
func (r *diagReader) read() (int, error) {
	var n int
	var rerr error
	err := r.raw.Read(func(fd uintptr) bool {
		n, rerr = unix.Read(int(fd), r.buf)
		return rerr != unix.EAGAIN
	})
	if err != nil {
		return 0, err
	}
	return n, rerr
}

// Closed implements reader.
func (r *diagReader) Closed(dst []tcpSocket) []tcpSocket {
	if r.watch == nil {
		return dst[:0]
	}
	return r.watch.take(dst)
}

// Missed implements reader.
func (r *diagReader) Missed() string {
	if r.watch == nil {
		return "sockets closed between ticks miss their last bytes (needs CAP_NET_ADMIN)"
	}
	return ""
}

// Close implements reader.
func (r *diagReader) Close() error {
	if r.watch != nil {
		r.watch.close()
	}
	return r.conn.Close()
}

func openSource() (reader, resolver, error) {
	rd, err := openDiag(true)
	if err != nil {
		return nil, nil, err
	}
	return rd, newProcOwners("/proc"), nil
}

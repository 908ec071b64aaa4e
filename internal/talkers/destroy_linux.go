package talkers

import (
	"sync"
	"syscall"

	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// The sock_diag multicast groups of closing TCP sockets
// (linux/sock_diag.h); joining them needs CAP_NET_ADMIN.
const (
	groupTCPDestroy  = 1 // SKNLGRP_INET_TCP_DESTROY
	groupTCP6Destroy = 3 // SKNLGRP_INET6_TCP_DESTROY
	// maxClosed bounds the sockets kept between two ticks; beyond it the
	// oldest notifications of a storm are dropped.
	maxClosed = 1 << 16
)

// destroyWatch receives the kernel's notifications of closing TCP
// sockets, with their last counters, in its own goroutine, which ends
// when close closes the socket.
type destroyWatch struct {
	conn *netlink.Conn
	raw  syscall.RawConn
	done chan struct{}

	mu     sync.Mutex
	closed []tcpSocket // since the last take
}

// watchDestroys joins the destroy groups; it fails without CAP_NET_ADMIN.
func watchDestroys() (*destroyWatch, error) {
	conn, err := netlink.Dial(netlinkSockDiag, nil)
	if err != nil {
		return nil, err
	}
	for _, g := range []uint32{groupTCPDestroy, groupTCP6Destroy} {
		if err := conn.JoinGroup(g); err != nil {
			conn.Close()
			return nil, err
		}
	}
	raw, err := conn.SyscallConn()
	if err != nil {
		conn.Close()
		return nil, err
	}
	w := &destroyWatch{conn: conn, raw: raw, done: make(chan struct{})}
	go w.run()
	return w, nil
}

// run reads notifications until the socket is closed.
func (w *destroyWatch) run() {
	defer close(w.done)
	buf := make([]byte, dumpBuf)
	var batch []tcpSocket
	for {
		var n int
		var rerr error
		err := w.raw.Read(func(fd uintptr) bool {
			n, rerr = unix.Read(int(fd), buf)
			return rerr != unix.EAGAIN
		})
		if err != nil {
			return // closed
		}
		if rerr != nil {
			continue // ENOBUFS: notifications were lost; go on
		}
		batch, _, _ = appendDump(batch[:0], buf[:n], 0)
		w.mu.Lock()
		if len(w.closed)+len(batch) <= maxClosed {
			w.closed = append(w.closed, batch...)
		}
		w.mu.Unlock()
	}
}

// take appends the sockets closed since the last call to dst[:0].
func (w *destroyWatch) take(dst []tcpSocket) []tcpSocket {
	w.mu.Lock()
	dst = append(dst[:0], w.closed...)
	w.closed = w.closed[:0]
	w.mu.Unlock()
	return dst
}

// close stops the watch and waits for its goroutine.
func (w *destroyWatch) close() error {
	err := w.conn.Close()
	<-w.done
	return err
}

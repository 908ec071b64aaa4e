package talkers

import (
	"encoding/binary"
	"fmt"

	"github.com/mdlayher/netlink"
)

// udpReqLen is the size of struct inet_diag_req_v2 (linux/inet_diag.h).
const udpReqLen = 56

// sockIndex finds the TCP or UDP socket of a flow in the kernel's socket
// tables, read through sock_diag (inodes and owners' UIDs).
type sockIndex struct {
	diag  *diagReader
	udp   [2][udpReqLen]byte // requests for IPv4 and IPv6
	socks []tcpSocket
	byKey map[sockKey]sockRef
}

func openSockIndex() (*sockIndex, error) {
	d, err := openDiag(false)
	if err != nil {
		return nil, err
	}
	x := &sockIndex{diag: d, byKey: map[sockKey]sockRef{}}
	for i, fam := range []byte{afInet, afInet6} {
		b := &x.udp[i]
		b[0], b[1] = fam, protoUDP
		binary.NativeEndian.PutUint32(b[4:8], 0xfff) // every state
		// The socket ID (b[8:56]) stays zero; its cookie must be "none".
		binary.NativeEndian.PutUint32(b[48:52], ^uint32(0))
		binary.NativeEndian.PutUint32(b[52:56], ^uint32(0))
	}
	return x, nil
}

// refresh implements sockFinder: one TCP dump (both families) and one
// UDP dump per family.
func (x *sockIndex) refresh() error {
	var err error
	x.socks, err = x.diag.Read(x.socks[:0])
	if err != nil {
		return err
	}
	for i := range x.udp {
		sent, err := x.diag.conn.Send(netlink.Message{
			Header: netlink.Header{Type: sockDiagByFamily, Flags: netlink.Request | netlink.Dump},
			Data:   x.udp[i][:],
		})
		if err != nil {
			return fmt.Errorf("asking for the UDP sockets: %w", err)
		}
		n := len(x.socks)
		if x.socks, err = x.diag.receive(x.socks, sent.Header.Sequence); err != nil {
			return fmt.Errorf("listing the UDP sockets: %w", err)
		}
		for j := n; j < len(x.socks); j++ {
			x.socks[j].Proto = protoUDP
		}
	}
	clear(x.byKey)
	for i := range x.socks {
		s := &x.socks[i]
		k := sockKeyOf(s.Proto, s.Local, s.Remote)
		if _, dup := x.byKey[k]; !dup || s.Inode != 0 {
			x.byKey[k] = sockRef{inode: s.Inode, uid: s.UID}
		}
	}
	return nil
}

// find implements sockFinder (findSock).
func (x *sockIndex) find(k flowKey) (sockRef, bool) { return findSock(x.byKey, k) }

func (x *sockIndex) close() error { return x.diag.Close() }

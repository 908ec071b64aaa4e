package talkers

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/mdlayher/netlink"
)

// udpReqLen is the size of struct inet_diag_req_v2 (linux/inet_diag.h).
const udpReqLen = 56

// sockKey is a socket's protocol and addresses as the flows are keyed:
// an unconnected socket has no remote address, a socket bound to every
// address the unspecified one of its family.
type sockKey struct {
	proto         uint8
	local, remote netip.AddrPort
}

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
		k := sockKey{s.Proto, s.Local, s.Remote}
		if !s.Remote.Addr().IsValid() || s.Remote.Addr().IsUnspecified() && s.Remote.Port() == 0 {
			k.remote = netip.AddrPort{}
		}
		if _, dup := x.byKey[k]; !dup || s.Inode != 0 {
			x.byKey[k] = sockRef{inode: s.Inode, uid: s.UID}
		}
	}
	return nil
}

// find implements sockFinder: the connected socket of the flow, else an
// unconnected one bound to its local address, else one bound to every
// address (IPv4's, then IPv6's, which serves IPv4 too) on its port.
func (x *sockIndex) find(k flowKey) (sockRef, bool) {
	if k.proto != protoTCP && k.proto != protoUDP {
		return sockRef{}, false
	}
	keys := [...]sockKey{
		{k.proto, k.local, k.remote},
		{k.proto, k.local, netip.AddrPort{}},
		{k.proto, netip.AddrPortFrom(netip.IPv4Unspecified(), k.local.Port()), netip.AddrPort{}},
		{k.proto, netip.AddrPortFrom(netip.IPv6Unspecified(), k.local.Port()), netip.AddrPort{}},
	}
	for i, key := range keys {
		if i == 2 && k.local.Addr().Is6() {
			continue
		}
		if ref, ok := x.byKey[key]; ok {
			return ref, true
		}
	}
	return sockRef{}, false
}

func (x *sockIndex) close() error { return x.diag.Close() }

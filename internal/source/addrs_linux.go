package source

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"syscall"
	"unsafe"
)

// addressLookup returns the lookup of every interface's preferred address
// for Linux; it keeps buffers between calls, so give each book its own.
func addressLookup() func() map[string]string {
	n := &netlinkAddresses{}
	return n.lookup
}

// netlinkAddresses looks every interface's addresses up with one netlink
// RTM_GETADDR dump, read into one buffer and parsed in place, then names
// the interfaces that have one with an SIOCGIFNAME ioctl each, whatever
// the number of interfaces. (net.Interface.Addrs dumps every address once
// per interface; a link dump for the names costs more than the ioctls.)
// It keeps the last results so a steady table allocates little more than
// its map. Not safe for concurrent use.
type netlinkAddresses struct {
	buf   []byte
	names map[uint32]string
	texts map[netip.Addr]string
}

// choice is an interface's preferred address so far and its rank: 0 for
// IPv4, 1 for IPv6 other than link-local, 2 for link-local.
type choice struct {
	addr netip.Addr
	rank int
}

func rank(a netip.Addr) int {
	switch {
	case a.Is4():
		return 0
	case a.IsLinkLocalUnicast():
		return 2
	}
	return 1
}

// lookup maps interface names to their preferred address; interfaces
// without an address, or whose lookup failed, are left out.
func (n *netlinkAddresses) lookup() map[string]string {
	if n.buf == nil {
		n.buf = make([]byte, 32<<10)
		n.names = map[uint32]string{}
		n.texts = map[netip.Addr]string{}
	}
	best, err := n.dumpAddresses()
	if err != nil {
		return map[string]string{}
	}
	names, texts := n.interfaceNames(best), make(map[netip.Addr]string, len(best))
	out := make(map[string]string, len(best))
	for index, c := range best {
		name, ok := names[index]
		if !ok {
			continue
		}
		text, ok := n.texts[c.addr]
		if !ok {
			text = c.addr.String()
		}
		texts[c.addr] = text
		out[name] = text
	}
	n.names, n.texts = names, texts
	return out
}

// dumpAddresses runs the RTM_GETADDR dump and keeps each interface's
// preferred address: the first IPv4 address, else the first IPv6 address
// that is not link-local, else the first link-local one.
func (n *netlinkAddresses) dumpAddresses() (map[uint32]choice, error) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	defer syscall.Close(fd)
	sa := &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}
	if err := syscall.Bind(fd, sa); err != nil {
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	const seq = 1
	req := make([]byte, syscall.NLMSG_HDRLEN+syscall.SizeofIfAddrmsg)
	binary.NativeEndian.PutUint32(req[0:4], uint32(len(req)))
	binary.NativeEndian.PutUint16(req[4:6], syscall.RTM_GETADDR)
	binary.NativeEndian.PutUint16(req[6:8], syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP)
	binary.NativeEndian.PutUint32(req[8:12], seq)
	req[syscall.NLMSG_HDRLEN] = syscall.AF_UNSPEC
	if err := syscall.Sendto(fd, req, 0, sa); err != nil {
		return nil, fmt.Errorf("netlink request: %w", err)
	}
	best := make(map[uint32]choice, len(n.names))
	for {
		nr, _, flags, _, err := syscall.Recvmsg(fd, n.buf, nil, 0)
		if err != nil {
			return nil, fmt.Errorf("netlink dump: %w", err)
		}
		if flags&syscall.MSG_TRUNC != 0 {
			return nil, errors.New("netlink dump: message larger than the buffer")
		}
		done, err := parseAddrMessages(n.buf[:nr], seq, best)
		if err != nil || done {
			return best, err
		}
	}
}

// parseAddrMessages reads the netlink messages in b, keeping in best each
// interface's preferred address. It reports whether the dump is done.
func parseAddrMessages(b []byte, seq uint32, best map[uint32]choice) (bool, error) {
	done, err := walkDump(b, seq, func(typ uint16, msg []byte) {
		if typ != syscall.RTM_NEWADDR {
			return
		}
		index, addr, ok := parseAddrMessage(msg)
		if !ok {
			return
		}
		if c, seen := best[index]; !seen || rank(addr) < c.rank {
			best[index] = choice{addr: addr, rank: rank(addr)}
		}
	})
	if err != nil {
		return false, fmt.Errorf("netlink dump: %w", err)
	}
	return done, nil
}

// parseAddrMessage reads an RTM_NEWADDR payload: the interface index and
// its own address, IFA_LOCAL when given (on a point-to-point link
// IFA_ADDRESS is the peer's), else IFA_ADDRESS.
func parseAddrMessage(msg []byte) (uint32, netip.Addr, bool) {
	if len(msg) < syscall.SizeofIfAddrmsg {
		return 0, netip.Addr{}, false
	}
	index := binary.NativeEndian.Uint32(msg[4:8])
	var local, address netip.Addr
	walkAttrs(msg[syscall.SizeofIfAddrmsg:], func(typ uint16, value []byte) {
		a, ok := netip.AddrFromSlice(value)
		if !ok {
			return
		}
		switch typ {
		case syscall.IFA_LOCAL:
			local = a
		case syscall.IFA_ADDRESS:
			address = a
		}
	})
	if local.IsValid() {
		return index, local, true
	}
	return index, address, address.IsValid()
}

// interfaceNames names each interface index in best, reusing the strings
// of the last lookup; an index that has no name any more is left out.
func (n *netlinkAddresses) interfaceNames(best map[uint32]choice) map[uint32]string {
	names := make(map[uint32]string, len(best))
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return names
	}
	defer syscall.Close(fd)
	var req ifreq
	for index := range best {
		req = ifreq{index: int32(index)}
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.SIOCGIFNAME, uintptr(unsafe.Pointer(&req))); e != 0 {
			continue
		}
		name := req.name[:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if old, ok := n.names[index]; ok && old == string(name) {
			names[index] = old
			continue
		}
		names[index] = string(name)
	}
	return names
}

// ifreq is struct ifreq as SIOCGIFNAME reads and writes it: the name,
// then the index in the union.
type ifreq struct {
	name  [syscall.IFNAMSIZ]byte
	index int32
	_     [20]byte
}

package talkers

import (
	"encoding/binary"
	"net/netip"
)

// IP protocol numbers.
const (
	protoTCP = 6
	protoUDP = 17
)

// Ethernet types.
const (
	etherIPv4  = 0x0800
	etherIPv6  = 0x86dd
	etherVLAN  = 0x8100
	etherQinQ  = 0x88a8
	etherHdr   = 14
	vlanTagLen = 4
)

// packetInfo is what one captured frame's headers say: the IP protocol,
// the addresses and, for TCP and UDP, the ports (0 otherwise).
type packetInfo struct {
	proto    uint8
	src, dst netip.AddrPort
}

// parseFrame reads the headers of one frame as an AF_PACKET socket of type
// SOCK_RAW hands it over: an Ethernet header (also on loopback, with zero
// addresses) with optional in-band VLAN tags, or a bare IP packet on
// devices without a link header (tun, WireGuard). It reports false when
// the frame holds no IPv4 or IPv6 header. It allocates nothing.
func parseFrame(b []byte, p *packetInfo) bool {
	if ip, ok := ethernetPayload(b); ok {
		return parseIP(ip, p)
	}
	return parseIP(b, p)
}

// ethernetPayload returns the IP packet behind an Ethernet header whose
// type and the packet's version agree.
func ethernetPayload(b []byte) ([]byte, bool) {
	if len(b) < etherHdr+1 {
		return nil, false
	}
	off := 12
	typ := binary.BigEndian.Uint16(b[off:])
	for (typ == etherVLAN || typ == etherQinQ) && len(b) >= off+vlanTagLen+2 {
		off += vlanTagLen
		typ = binary.BigEndian.Uint16(b[off:])
	}
	off += 2
	if off >= len(b) {
		return nil, false
	}
	v := b[off] >> 4
	if typ == etherIPv4 && v == 4 || typ == etherIPv6 && v == 6 {
		return b[off:], true
	}
	return nil, false
}

// parseIP reads an IPv4 or IPv6 header and the ports of a TCP or UDP
// header behind it. Fragments after the first have no ports.
func parseIP(b []byte, p *packetInfo) bool {
	if len(b) < 1 {
		return false
	}
	var src, dst netip.Addr
	var l4 []byte
	switch b[0] >> 4 {
	case 4:
		if len(b) < 20 {
			return false
		}
		ihl := int(b[0]&0x0f) * 4
		if ihl < 20 {
			return false
		}
		p.proto = b[9]
		src = netip.AddrFrom4([4]byte(b[12:16]))
		dst = netip.AddrFrom4([4]byte(b[16:20]))
		fragOff := binary.BigEndian.Uint16(b[6:8]) & 0x1fff
		if fragOff == 0 && len(b) >= ihl {
			l4 = b[ihl:]
		}
	case 6:
		if len(b) < 40 {
			return false
		}
		src = netip.AddrFrom16([16]byte(b[8:24]))
		dst = netip.AddrFrom16([16]byte(b[24:40]))
		p.proto, l4 = ipv6Upper(b[6], b[40:])
	default:
		return false
	}
	var sport, dport uint16
	if (p.proto == protoTCP || p.proto == protoUDP) && len(l4) >= 4 {
		sport = binary.BigEndian.Uint16(l4[0:2])
		dport = binary.BigEndian.Uint16(l4[2:4])
	}
	p.src = netip.AddrPortFrom(src, sport)
	p.dst = netip.AddrPortFrom(dst, dport)
	return true
}

// ipv6Upper skips the extension headers an IPv6 packet may carry before
// its upper-layer header and returns that header's protocol and bytes
// (nil when they are cut off or the packet is a later fragment).
func ipv6Upper(next uint8, b []byte) (uint8, []byte) {
	for range 8 {
		switch next {
		case 0, 43, 60: // hop-by-hop, routing, destination options
			if len(b) < 8 {
				return next, nil
			}
			n := (int(b[1]) + 1) * 8
			next = b[0]
			if n > len(b) {
				return next, nil
			}
			b = b[n:]
		case 44: // fragment
			if len(b) < 8 {
				return next, nil
			}
			next = b[0]
			if binary.BigEndian.Uint16(b[2:4])&^7 != 0 {
				return next, nil // not the first fragment: no ports
			}
			b = b[8:]
		default:
			return next, b
		}
	}
	return next, nil
}

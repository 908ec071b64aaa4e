package talkers

import (
	"encoding/binary"
	"net/netip"
	"testing"
)

// ipv4 returns an IPv4 header (20 bytes, or ihl words) for proto from
// src to dst, followed by l4; frag is the fragment offset in 8 bytes.
func ipv4(proto uint8, src, dst string, frag uint16, ihl int, l4 []byte) []byte {
	b := make([]byte, ihl*4, ihl*4+len(l4))
	b[0] = 0x40 | byte(ihl)
	binary.BigEndian.PutUint16(b[2:4], uint16(len(b)+len(l4)))
	binary.BigEndian.PutUint16(b[6:8], frag)
	b[8], b[9] = 64, proto
	s, d := netip.MustParseAddr(src).As4(), netip.MustParseAddr(dst).As4()
	copy(b[12:16], s[:])
	copy(b[16:20], d[:])
	return append(b, l4...)
}

// ipv6 returns an IPv6 header with next header next from src to dst,
// followed by rest (extension headers and the upper layer).
func ipv6(next uint8, src, dst string, rest []byte) []byte {
	b := make([]byte, 40, 40+len(rest))
	b[0] = 0x60
	binary.BigEndian.PutUint16(b[4:6], uint16(len(rest)))
	b[6], b[7] = next, 64
	s, d := netip.MustParseAddr(src).As16(), netip.MustParseAddr(dst).As16()
	copy(b[8:24], s[:])
	copy(b[24:40], d[:])
	return append(b, rest...)
}

// ports returns the first bytes of a TCP or UDP header.
func ports(sport, dport uint16, n int) []byte {
	b := make([]byte, n)
	binary.BigEndian.PutUint16(b[0:2], sport)
	binary.BigEndian.PutUint16(b[2:4], dport)
	return b
}

// ether puts an Ethernet header of type typ, with VLAN tags, before p.
func ether(typ uint16, vlans int, p []byte) []byte {
	b := make([]byte, 12)
	for range vlans {
		b = binary.BigEndian.AppendUint16(b, etherVLAN)
		b = binary.BigEndian.AppendUint16(b, 7)
	}
	b = binary.BigEndian.AppendUint16(b, typ)
	return append(b, p...)
}

// ext is an IPv6 extension header of 8 bytes with next header next.
func ext(next uint8) []byte { return []byte{next, 0, 0, 0, 0, 0, 0, 0} }

// fragHdr is an IPv6 fragment header at offset off (8-byte units).
func fragHdr(next uint8, off uint16) []byte {
	b := []byte{next, 0, 0, 0, 0, 0, 0, 1}
	binary.BigEndian.PutUint16(b[2:4], off<<3)
	return b
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func TestParseFrame(t *testing.T) {
	tcp4 := ipv4(protoTCP, "10.0.0.1", "10.0.0.2", 0, 5, ports(443, 50000, 20))
	tests := []struct {
		name     string
		frame    []byte
		ok       bool
		proto    uint8
		src, dst string
	}{
		{"ethernet IPv4 TCP", ether(etherIPv4, 0, tcp4), true, protoTCP, "10.0.0.1:443", "10.0.0.2:50000"},
		{"raw IPv4 TCP (tun)", tcp4, true, protoTCP, "10.0.0.1:443", "10.0.0.2:50000"},
		{"IPv4 with options", ether(etherIPv4, 0, ipv4(protoUDP, "1.2.3.4", "5.6.7.8", 0, 7, ports(53, 999, 8))), true, protoUDP, "1.2.3.4:53", "5.6.7.8:999"},
		{"two VLAN tags", ether(etherIPv4, 2, tcp4), true, protoTCP, "10.0.0.1:443", "10.0.0.2:50000"},
		{"IPv4 later fragment: no ports", ether(etherIPv4, 0, ipv4(protoUDP, "1.2.3.4", "5.6.7.8", 185, 5, ports(53, 999, 8))), true, protoUDP, "1.2.3.4:0", "5.6.7.8:0"},
		{"IPv4 ICMP", ether(etherIPv4, 0, ipv4(1, "1.2.3.4", "5.6.7.8", 0, 5, []byte{8, 0, 0, 0})), true, 1, "1.2.3.4:0", "5.6.7.8:0"},
		{"IPv4 TCP header cut at 2 bytes", ether(etherIPv4, 0, ipv4(protoTCP, "1.2.3.4", "5.6.7.8", 0, 5, []byte{1, 2})), true, protoTCP, "1.2.3.4:0", "5.6.7.8:0"},
		{"ethernet IPv6 UDP", ether(etherIPv6, 0, ipv6(protoUDP, "fe80::1", "2001:db8::2", ports(443, 60000, 8))), true, protoUDP, "[fe80::1]:443", "[2001:db8::2]:60000"},
		{"raw IPv6 TCP", ipv6(protoTCP, "::1", "::1", ports(1, 2, 20)), true, protoTCP, "[::1]:1", "[::1]:2"},
		{"IPv6 hop-by-hop, destination options, then TCP", ipv6(0, "::1", "::2", cat(ext(60), ext(protoTCP), ports(80, 81, 20))), true, protoTCP, "[::1]:80", "[::2]:81"},
		{"IPv6 first fragment", ipv6(44, "::1", "::2", cat(fragHdr(protoUDP, 0), ports(5, 6, 8))), true, protoUDP, "[::1]:5", "[::2]:6"},
		{"IPv6 later fragment", ipv6(44, "::1", "::2", cat(fragHdr(protoUDP, 100), ports(5, 6, 8))), true, protoUDP, "[::1]:0", "[::2]:0"},
		{"IPv6 extension header cut", ipv6(0, "::1", "::2", []byte{6, 0}), true, 0, "[::1]:0", "[::2]:0"},
		{"IPv6 ICMPv6", ipv6(58, "::1", "::2", []byte{128, 0, 0, 0}), true, 58, "[::1]:0", "[::2]:0"},
		{"ARP", ether(0x0806, 0, make([]byte, 28)), false, 0, "", ""},
		{"ethernet type IPv4, version 6", ether(etherIPv4, 0, ipv6(protoTCP, "::1", "::2", ports(1, 2, 20))), false, 0, "", ""},
		{"IPv4 header cut", ether(etherIPv4, 0, tcp4[:19]), false, 0, "", ""},
		{"IPv4 IHL below 5", ether(etherIPv4, 0, append([]byte{0x44}, tcp4[1:]...)), false, 0, "", ""},
		{"IPv6 header cut", ipv6(protoTCP, "::1", "::2", nil)[:39], false, 0, "", ""},
		{"empty", nil, false, 0, "", ""},
		{"ethernet header alone", ether(etherIPv4, 0, nil), false, 0, "", ""},
	}
	for _, tt := range tests {
		var p packetInfo
		ok := parseFrame(tt.frame, &p)
		if ok != tt.ok {
			t.Errorf("%s: ok %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if p.proto != tt.proto || p.src.String() != tt.src || p.dst.String() != tt.dst {
			t.Errorf("%s: %d %s > %s, want %d %s > %s", tt.name, p.proto, p.src, p.dst, tt.proto, tt.src, tt.dst)
		}
	}
}

// FuzzParseFrame: any bytes parse without a panic, and a frame that
// parses has valid addresses of one family.
func FuzzParseFrame(f *testing.F) {
	f.Add(ether(etherIPv4, 0, ipv4(protoTCP, "10.0.0.1", "10.0.0.2", 0, 5, ports(443, 50000, 20))))
	f.Add(ether(etherIPv6, 1, ipv6(0, "::1", "::2", cat(ext(44), fragHdr(protoUDP, 0), ports(80, 81, 8)))))
	f.Add(ipv6(43, "::1", "::2", cat(ext(protoTCP), ports(80, 81, 20))))
	f.Add([]byte{0x45})
	f.Fuzz(func(t *testing.T, b []byte) {
		var p packetInfo
		if !parseFrame(b, &p) {
			return
		}
		if !p.src.Addr().IsValid() || !p.dst.Addr().IsValid() || p.src.Addr().Is4() != p.dst.Addr().Is4() {
			t.Fatalf("parsed %x into %s > %s", b, p.src, p.dst)
		}
	})
}

// BenchmarkCountFrame is the capture's work per frame: parsing the
// headers and adding the length to the flow. It must not allocate.
func BenchmarkCountFrame(b *testing.B) {
	frames := make([][]byte, 64)
	for i := range frames {
		frames[i] = ether(etherIPv4, 0, ipv4(protoUDP, "127.0.0.1", "127.0.0.1", 0, 5, ports(uint16(40000+i), 5001, 8)))
	}
	t := newFlowTable()
	var p packetInfo
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if parseFrame(frames[i&63], &p) {
			t.add(1, &p, 1500, true, true)
		}
		i++
	}
}

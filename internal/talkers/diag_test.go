package talkers

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"testing"
)

// diagMessage builds an inet_diag_msg as the kernel sends it, with a
// tcp_info attribute when info is set.
func diagMessage(family byte, local, remote netip.AddrPort, cookie uint64, uid, inode uint32, info bool, sent, recv uint64) []byte {
	b := make([]byte, diagMsgLen)
	b[0] = family
	binary.BigEndian.PutUint16(b[4:], local.Port())
	binary.BigEndian.PutUint16(b[6:], remote.Port())
	if family == afInet {
		a, r := local.Addr().As4(), remote.Addr().As4()
		copy(b[8:], a[:])
		copy(b[24:], r[:])
	} else {
		a, r := local.Addr().As16(), remote.Addr().As16()
		copy(b[8:], a[:])
		copy(b[24:], r[:])
	}
	binary.NativeEndian.PutUint32(b[44:], uint32(cookie))
	binary.NativeEndian.PutUint32(b[48:], uint32(cookie>>32))
	binary.NativeEndian.PutUint32(b[64:], uid)
	binary.NativeEndian.PutUint32(b[68:], inode)
	// An attribute the parser skips, then tcp_info (232 bytes today).
	b = append(b, 5, 0, 1, 0, 7, 0, 0, 0)
	if info {
		attr := make([]byte, 4+232)
		binary.NativeEndian.PutUint16(attr[0:], uint16(len(attr)))
		binary.NativeEndian.PutUint16(attr[2:], diagInfoAttr)
		binary.NativeEndian.PutUint64(attr[4+tcpInfoAckedOff:], sent)
		binary.NativeEndian.PutUint64(attr[4+tcpInfoRecvOff:], recv)
		b = append(b, attr...)
	}
	return b
}

func TestParseDiag(t *testing.T) {
	l4, r4 := netip.MustParseAddrPort("127.0.0.1:40000"), netip.MustParseAddrPort("127.0.0.2:9000")
	l6, r6 := netip.MustParseAddrPort("[2001:db8::1]:443"), netip.MustParseAddrPort("[2001:db8::2]:5000")
	mapped := netip.AddrPortFrom(netip.AddrFrom16(l4.Addr().As16()), 40000)
	tests := []struct {
		name string
		msg  []byte
		want tcpSocket
	}{
		{"ipv4", diagMessage(afInet, l4, r4, 1<<40|7, 1000, 55, true, 123, 456),
			tcpSocket{Cookie: 1<<40 | 7, UID: 1000, Inode: 55, Local: l4, Remote: r4, Sent: 123, Received: 456, HasBytes: true}},
		{"ipv6", diagMessage(afInet6, l6, r6, 9, 0, 66, true, 1, 2),
			tcpSocket{Cookie: 9, Inode: 66, Local: l6, Remote: r6, Sent: 1, Received: 2, HasBytes: true}},
		{"v4-mapped is unmapped", diagMessage(afInet6, mapped, r6, 9, 0, 66, false, 0, 0),
			tcpSocket{Cookie: 9, Inode: 66, Local: l4, Remote: r6}},
		{"no tcp_info", diagMessage(afInet, l4, r4, 3, 5, 0, false, 0, 0),
			tcpSocket{Cookie: 3, UID: 5, Local: l4, Remote: r4}},
	}
	for _, tt := range tests {
		var got tcpSocket
		if err := parseDiag(tt.msg, &got); err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
	for _, bad := range [][]byte{nil, make([]byte, diagMsgLen-1), append([]byte{99}, make([]byte, diagMsgLen)...)} {
		var s tcpSocket
		if err := parseDiag(bad, &s); err == nil {
			t.Errorf("parseDiag(% x) succeeded", bad)
		}
	}
	short := diagMessage(afInet, l4, r4, 3, 5, 0, false, 0, 0)
	short = append(short, 200, 0, 2, 0)
	var s tcpSocket
	if err := parseDiag(short, &s); err == nil {
		t.Error("parseDiag accepted an attribute longer than the message")
	}
}

func FuzzParseDiag(f *testing.F) {
	f.Add(diagMessage(afInet, netip.MustParseAddrPort("127.0.0.1:1"), netip.MustParseAddrPort("127.0.0.1:2"), 1, 2, 3, true, 4, 5))
	f.Add(diagMessage(afInet6, netip.MustParseAddrPort("[::1]:1"), netip.MustParseAddrPort("[::1]:2"), 1, 2, 3, false, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s tcpSocket
		if parseDiag(b, &s) == nil && !s.Local.Addr().IsValid() {
			t.Fatalf("parsed %+v with an invalid address", s)
		}
	})
}

// nlmsg wraps data in a netlink header.
func nlmsg(typ uint16, seq uint32, data []byte) []byte {
	b := make([]byte, nlmsgHdrLen, nlmsgHdrLen+len(data)+3)
	binary.NativeEndian.PutUint32(b[0:], uint32(nlmsgHdrLen+len(data)))
	binary.NativeEndian.PutUint16(b[4:], typ)
	binary.NativeEndian.PutUint32(b[8:], seq)
	b = append(b, data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func TestAppendDump(t *testing.T) {
	a, r := netip.MustParseAddrPort("127.0.0.1:1"), netip.MustParseAddrPort("127.0.0.1:2")
	sockMsg := func(seq uint32, cookie uint64) []byte {
		return nlmsg(sockDiagByFamily, seq, diagMessage(afInet, a, r, cookie, 0, 1, true, 1, 2))
	}
	code := func(c int32) []byte { b := make([]byte, 4); binary.NativeEndian.PutUint32(b, uint32(c)); return b }
	cat := func(parts ...[]byte) []byte {
		var b []byte
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	tests := []struct {
		name    string
		b       []byte
		cookies []uint64
		done    bool
		err     bool
	}{
		{"two sockets, more to come", cat(sockMsg(7, 1), sockMsg(7, 2)), []uint64{1, 2}, false, false},
		{"a stale reply is skipped", cat(sockMsg(6, 1), sockMsg(7, 2), nlmsg(nlmsgDone, 7, code(0))), []uint64{2}, true, false},
		{"an error ends the dump", cat(sockMsg(7, 1), nlmsg(nlmsgError, 7, code(-1))), []uint64{1}, true, true},
		{"a bad socket message is dropped", cat(nlmsg(sockDiagByFamily, 7, []byte{1, 2, 3}), nlmsg(nlmsgDone, 7, code(0))), nil, true, false},
		{"a bad length", []byte{200, 0, 0, 0, 3, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0}, nil, false, true},
	}
	for _, tt := range tests {
		got, done, err := appendDump(nil, tt.b, 7)
		var cookies []uint64
		for _, s := range got {
			cookies = append(cookies, s.Cookie)
		}
		if done != tt.done || (err != nil) != tt.err || fmt.Sprint(cookies) != fmt.Sprint(tt.cookies) {
			t.Errorf("%s: cookies %v, done %v, err %v; want %v, %v, error %v", tt.name, cookies, done, err, tt.cookies, tt.done, tt.err)
		}
	}
}

func FuzzAppendDump(f *testing.F) {
	a := netip.MustParseAddrPort("127.0.0.1:1")
	f.Add(nlmsg(sockDiagByFamily, 1, diagMessage(afInet, a, a, 1, 0, 1, true, 1, 2)))
	f.Add(nlmsg(nlmsgDone, 1, []byte{0, 0, 0, 0}))
	f.Fuzz(func(t *testing.T, b []byte) {
		socks, _, _ := appendDump(nil, b, 1)
		if len(socks) > len(b)/(nlmsgHdrLen+diagMsgLen) {
			t.Fatalf("%d sockets from %d bytes", len(socks), len(b))
		}
	})
}

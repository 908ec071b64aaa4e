package talkers

import (
	"net/netip"
	"testing"
	"time"
)

// BenchmarkTick is one tick's work with 1,000 TCP sockets of 50
// processes, from the kernel's messages to the published rows: parsing,
// counting into every grouping and building the table. The netlink
// round trip itself is the kernel's work and not included.
func BenchmarkTick(b *testing.B) {
	const n = 1000
	msgs := make([][]byte, n)
	local := netip.MustParseAddr("10.0.0.1")
	for i := range msgs {
		l := netip.AddrPortFrom(local, uint16(30000+i))
		r := netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 1, byte(i / 250), byte(i)}), 443)
		msgs[i] = diagMessage(afInet, l, r, uint64(i+1), 1000, uint32(i+1), true, 0, 0)
	}
	owners := map[uint32]procOwner{}
	for i := range n {
		owners[uint32(i+1)] = procOwner{PID: 100 + i%50, Process: "proc", User: "ann"}
	}
	owner := func(s *tcpSocket) procOwner { return owners[s.Inode] }
	tr := newTracker()
	socks := make([]tcpSocket, 0, n)
	now := time.Unix(1000, 0)
	tick := func() {
		socks = socks[:0]
		for _, m := range msgs {
			socks = append(socks, tcpSocket{})
			if parseDiag(m, &socks[len(socks)-1]) != nil {
				b.Fatal("parse failed")
			}
		}
		tr.update(now, socks, nil, owner)
		_, _ = tr.table(View{})
		now = now.Add(time.Second)
		for _, m := range msgs {
			m[diagMsgLen+8+4+tcpInfoAckedOff]++ // every socket sends a byte
		}
	}
	tick()
	tick()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tick()
	}
}

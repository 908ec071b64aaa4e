package capture

import (
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// frame is one record of a pcap fixture: the bytes kept and the length of
// the frame on the wire.
type frame struct {
	data   []byte
	length int
}

// nullHeader returns a DLT_NULL family word as Npcap writes it
// (little-endian), or big-endian when be is set.
func nullHeader(family uint32, be bool) []byte {
	b := make([]byte, 4)
	if be {
		binary.BigEndian.PutUint32(b, family)
	} else {
		binary.LittleEndian.PutUint32(b, family)
	}
	return b
}

// serialize builds a packet from layers with lengths and checksums fixed.
func serialize(t testing.TB, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
		t.Fatalf("serializing packet: %v", err)
	}
	return append([]byte(nil), buf.Bytes()...)
}

// ipv4TCP returns an IPv4 TCP packet (no link header) with payload bytes
// of data: 20 + 20 + payload bytes long.
func ipv4TCP(t testing.TB, payload int) []byte {
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP,
		SrcIP: net.IPv4(127, 0, 0, 1), DstIP: net.IPv4(127, 0, 0, 1)}
	tcp := &layers.TCP{SrcPort: 50000, DstPort: 8080, Seq: 1, ACK: true, PSH: true, Window: 65535}
	if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	return serialize(t, ip, tcp, gopacket.Payload(make([]byte, payload)))
}

// ipv6UDP returns an IPv6 UDP packet (no link header): 40 + 8 + payload
// bytes long.
func ipv6UDP(t testing.TB, payload int) []byte {
	ip := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP,
		SrcIP: net.IPv6loopback, DstIP: net.IPv6loopback}
	udp := &layers.UDP{SrcPort: 5353, DstPort: 5353}
	if err := udp.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	return serialize(t, ip, udp, gopacket.Payload(make([]byte, payload)))
}

// loopbackFrame puts a DLT_NULL header in front of an IP packet.
func loopbackFrame(family uint32, ip []byte) []byte {
	return append(nullHeader(family, false), ip...)
}

// writeFixture writes frames to a pcap file in t.TempDir(), keeping at
// most snaplen bytes of each, and returns its path.
func writeFixture(t testing.TB, link layers.LinkType, snaplen int, frames []frame) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "loopback.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(uint32(snaplen), link); err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for i, fr := range frames {
		data := fr.data
		if len(data) > snaplen {
			data = data[:snaplen]
		}
		ci := gopacket.CaptureInfo{
			Timestamp:     ts.Add(time.Duration(i) * time.Millisecond),
			CaptureLength: len(data),
			Length:        fr.length,
		}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatalf("writing frame %d: %v", i, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openFixture opens a pcap file as a packet source.
func openFixture(t testing.TB, path string) *pcapgo.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

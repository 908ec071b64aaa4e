package capture

import (
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

func TestFrameBytes(t *testing.T) {
	v4 := ipv4TCP(t, 100) // 140 bytes of IP
	v6 := ipv6UDP(t, 50)  // 98 bytes of IP
	full := func(data []byte) gopacket.CaptureInfo {
		return gopacket.CaptureInfo{CaptureLength: len(data), Length: len(data)}
	}
	v4Frame := loopbackFrame(2, v4)
	bigFrame := loopbackFrame(2, ipv4TCP(t, 1460)) // 1504 bytes on the wire
	tests := []struct {
		name   string
		data   []byte
		ci     gopacket.CaptureInfo
		link   layers.LinkType
		want   uint64
		wantOK bool
	}{
		{"IPv4, Npcap little-endian", v4Frame, full(v4Frame), layers.LinkTypeNull, 140, true},
		{"IPv6, Windows family 23", loopbackFrame(23, v6), full(loopbackFrame(23, v6)), layers.LinkTypeNull, 98, true},
		{"IPv6, BSD family 24", loopbackFrame(24, v6), full(loopbackFrame(24, v6)), layers.LinkTypeNull, 98, true},
		{"IPv6, FreeBSD family 28", loopbackFrame(28, v6), full(loopbackFrame(28, v6)), layers.LinkTypeNull, 98, true},
		{"IPv6, Darwin family 30", loopbackFrame(30, v6), full(loopbackFrame(30, v6)), layers.LinkTypeNull, 98, true},
		{"IPv4, big-endian family", append(nullHeader(2, true), v4...), full(v4Frame), layers.LinkTypeNull, 140, true},
		{"DLT_LOOP, network order", append(nullHeader(2, true), v4...), full(v4Frame), layers.LinkTypeLoop, 140, true},
		{"snap length 96 of 1504: original length counts",
			bigFrame[:96], gopacket.CaptureInfo{CaptureLength: 96, Length: 1504}, layers.LinkTypeNull, 1500, true},
		{"only the header captured", bigFrame[:4], gopacket.CaptureInfo{CaptureLength: 4, Length: 1504}, layers.LinkTypeNull, 1500, true},
		{"header only, no packet", nullHeader(2, false), gopacket.CaptureInfo{CaptureLength: 4, Length: 4}, layers.LinkTypeNull, 0, true},
		{"2-byte frame", []byte{2, 0}, gopacket.CaptureInfo{CaptureLength: 2, Length: 2}, layers.LinkTypeNull, 0, false},
		{"captured data shorter than the header", []byte{2, 0, 0}, gopacket.CaptureInfo{CaptureLength: 3, Length: 1504}, layers.LinkTypeNull, 0, false},
		{"original length shorter than the header", nullHeader(2, false), gopacket.CaptureInfo{CaptureLength: 4, Length: 3}, layers.LinkTypeNull, 0, false},
		{"negative original length", nullHeader(2, false), gopacket.CaptureInfo{CaptureLength: 4, Length: -1}, layers.LinkTypeNull, 0, false},
		{"empty frame", nil, gopacket.CaptureInfo{}, layers.LinkTypeNull, 0, false},
		{"unknown family 7", loopbackFrame(7, v4), full(v4Frame), layers.LinkTypeNull, 0, false},
		{"family 0", loopbackFrame(0, v4), full(v4Frame), layers.LinkTypeNull, 0, false},
		{"family word too large", []byte{2, 0, 0, 1, 0x45}, gopacket.CaptureInfo{CaptureLength: 5, Length: 5}, layers.LinkTypeNull, 0, false},
		{"Ethernet is not a loopback link type", v4Frame, full(v4Frame), layers.LinkTypeEthernet, 0, false},
		{"raw IP is not a loopback link type", v4, full(v4), layers.LinkTypeRaw, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, ok := FrameBytes(tt.data, tt.ci, tt.link)
			if n != tt.want || ok != tt.wantOK {
				t.Errorf("FrameBytes = %d, %v; want %d, %v", n, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestFrameBytesIgnoresCapturedLength(t *testing.T) {
	// The original winload counted the captured length with a 96-byte snap
	// length, so a 1500-byte packet counted as 92 bytes.
	frame := loopbackFrame(2, ipv4TCP(t, 1460))
	for _, snap := range []int{4, 16, 64, 96, 200, len(frame)} {
		ci := gopacket.CaptureInfo{CaptureLength: snap, Length: len(frame)}
		n, ok := FrameBytes(frame[:snap], ci, layers.LinkTypeNull)
		if !ok || n != 1500 {
			t.Errorf("snap %d: FrameBytes = %d, %v; want 1500, true", snap, n, ok)
		}
	}
}

func TestSupportsLinkType(t *testing.T) {
	for link, want := range map[layers.LinkType]bool{
		layers.LinkTypeNull:     true,
		layers.LinkTypeLoop:     true,
		layers.LinkTypeEthernet: false,
		layers.LinkTypeRaw:      false,
	} {
		if got := SupportsLinkType(link); got != want {
			t.Errorf("SupportsLinkType(%v) = %v, want %v", link, got, want)
		}
	}
}

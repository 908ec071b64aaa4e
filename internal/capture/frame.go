package capture

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// nullHeaderLen is the size of the DLT_NULL and DLT_LOOP header: one 32-bit
// address-family word in front of the IP packet.
const nullHeaderLen = 4

// Address-family values that can head a loopback frame. Npcap writes 2
// for IPv4 and 24 for IPv6 (the value libpcap's DLT_NULL uses, not
// Windows' own AF_INET6, 23) in little-endian order. 23 is still accepted
// in case a capture tool wrote Windows' value; 28 and 30 are the IPv6
// values of captures made on FreeBSD and macOS.
const (
	familyIPv4        = 2
	familyIPv6Windows = 23
	familyIPv6BSD     = 24
	familyIPv6FreeBSD = 28
	familyIPv6Darwin  = 30
)

// SupportsLinkType reports whether FrameBytes can account frames of the
// given link type: DLT_NULL (what Npcap's loopback adapter delivers) and
// DLT_LOOP (the same header in network byte order).
func SupportsLinkType(link layers.LinkType) bool {
	return link == layers.LinkTypeNull || link == layers.LinkTypeLoop
}

// FrameBytes returns the length of the IP packet that a captured loopback
// frame carries, and whether the frame counts at all.
//
// The length is the frame's original length (ci.Length) less the 4-byte
// family header. The captured length is never used: a capture with a small
// snap length holds only the first bytes of each packet, and counting those
// would cap every packet at the snap length.
//
// A frame does not count when its link type is not supported, when its
// original length or its captured bytes are too short to hold the header,
// or when the family word names neither IPv4 nor IPv6. The loopback adapter
// carries only IP, so any other family means the record is not the frame it
// claims to be (a damaged record or a misreported link type), and its
// length cannot be trusted as a packet's length; the Counter tallies such
// frames as skipped instead of guessing.
func FrameBytes(data []byte, ci gopacket.CaptureInfo, link layers.LinkType) (n uint64, ok bool) {
	if !SupportsLinkType(link) {
		return 0, false
	}
	if ci.Length < nullHeaderLen || len(data) < nullHeaderLen {
		return 0, false
	}
	var hdr layers.Loopback
	if err := hdr.DecodeFromBytes(data[:nullHeaderLen], gopacket.NilDecodeFeedback); err != nil {
		return 0, false
	}
	if !isIPFamily(hdr.Family) {
		return 0, false
	}
	return uint64(ci.Length - nullHeaderLen), true
}

// isIPFamily reports whether a loopback header's family word names IPv4
// or one of the IPv6 values in use. gopacket's decoder has already read the
// word in whichever byte order makes it small.
func isIPFamily(f layers.ProtocolFamily) bool {
	switch f {
	case familyIPv4, familyIPv6Windows, familyIPv6BSD, familyIPv6FreeBSD, familyIPv6Darwin:
		return true
	}
	return false
}

package source

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrIfList2Format is wrapped by every error parseIfList2 returns.
var ErrIfList2Format = errors.New("unexpected NET_RT_IFLIST2 format")

// The parts of macOS's routing messages that parseIfList2 reads (net/if.h,
// net/route.h, net/if_dl.h of the XNU sources). They are constants here,
// not taken from package syscall, so that the parser builds and is tested
// on every system.
//
//	struct if_msghdr2 {              offset
//		u_short ifm_msglen;          0
//		u_char  ifm_version;         2  (RTM_VERSION, 5)
//		u_char  ifm_type;            3  (RTM_IFINFO2, 0x12)
//		int     ifm_addrs;           4  (RTA_IFP set: a sockaddr_dl follows)
//		int     ifm_flags;           8
//		u_short ifm_index;           12
//		int     ifm_snd_len;         16
//		int     ifm_snd_maxlen;      20
//		int     ifm_snd_drops;       24
//		int     ifm_timer;           28
//		struct if_data64 ifm_data;   32, 128 bytes: ifi_ibytes at +64, ifi_obytes at +72
//	};                               160 bytes, then the sockaddr_dl:
//	struct sockaddr_dl { u_char sdl_len, sdl_family (AF_LINK, 18); u_short sdl_index;
//		u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen; char sdl_data[]; } (name at +8)
//
// Numbers are in the machine's byte order; every Mac (amd64, arm64) is
// little-endian.
const (
	rtmVersion     = 5
	rtmIfInfo2     = 0x12
	rtaIFP         = 0x10
	afLink         = 18
	ifMsghdr2Len   = 160
	ifData64Off    = 32
	ifiIBytesOff   = ifData64Off + 64
	ifiOBytesOff   = ifData64Off + 72
	sockaddrDLNLen = 5
	sockaddrDLName = 8
)

// parseIfList2 appends one Device per RTM_IFINFO2 message in b, the reply
// of sysctl {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0}, to dst: the
// interface name from the sockaddr_dl after the header, and the 64-bit
// ifi_ibytes and ifi_obytes of its if_data64. The other messages of the
// reply (RTM_NEWADDR, RTM_NEWMADDR2) are stepped over. intern works as in
// parseProcNetDev.
func parseIfList2(b []byte, dst []Device, intern map[string]string) ([]Device, error) {
	le := binary.LittleEndian
	off := 0
	for len(b) > 0 {
		if len(b) < 4 {
			return dst, fmt.Errorf("%w: %d stray bytes at offset %d", ErrIfList2Format, len(b), off)
		}
		n := int(le.Uint16(b))
		if n < 4 || n > len(b) {
			return dst, fmt.Errorf("%w: message at offset %d claims %d bytes, %d left", ErrIfList2Format, off, n, len(b))
		}
		msg := b[:n]
		b, off = b[n:], off+n
		if msg[3] != rtmIfInfo2 {
			continue
		}
		if msg[2] != rtmVersion {
			return dst, fmt.Errorf("%w: RTM_IFINFO2 of version %d, want %d", ErrIfList2Format, msg[2], rtmVersion)
		}
		if n < ifMsghdr2Len {
			return dst, fmt.Errorf("%w: RTM_IFINFO2 of %d bytes, shorter than if_msghdr2 (%d)", ErrIfList2Format, n, ifMsghdr2Len)
		}
		if le.Uint32(msg[4:])&rtaIFP == 0 {
			continue // no link address, hence no name
		}
		name, err := linkName(msg[ifMsghdr2Len:])
		if err != nil {
			return dst, fmt.Errorf("%w: interface %d: %v", ErrIfList2Format, le.Uint16(msg[12:]), err)
		}
		s, ok := intern[string(name)]
		if !ok {
			s = string(name)
			intern[s] = s
		}
		dst = append(dst, Device{Name: s, Rx: le.Uint64(msg[ifiIBytesOff:]), Tx: le.Uint64(msg[ifiOBytesOff:])})
	}
	return dst, nil
}

// linkName returns the interface name that a sockaddr_dl carries.
func linkName(sa []byte) ([]byte, error) {
	if len(sa) < sockaddrDLName {
		return nil, fmt.Errorf("link address of %d bytes", len(sa))
	}
	if sa[1] != afLink {
		return nil, fmt.Errorf("address family %d, want AF_LINK (%d)", sa[1], afLink)
	}
	size := int(sa[0])
	if size > len(sa) {
		return nil, fmt.Errorf("link address claims %d bytes, %d left", size, len(sa))
	}
	nlen := int(sa[sockaddrDLNLen])
	if nlen == 0 || sockaddrDLName+nlen > size {
		return nil, fmt.Errorf("name of %d bytes in a link address of %d", nlen, size)
	}
	return sa[sockaddrDLName : sockaddrDLName+nlen], nil
}

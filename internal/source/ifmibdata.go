package source

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrIfMibFormat is wrapped by every error parseIfMibData returns.
var ErrIfMibFormat = errors.New("unexpected net.link.generic.ifalldata format")

// The reply of sysctl {CTL_NET, PF_LINK, NETLINK_GENERIC, IFMIB_IFALLDATA,
// 0, IFDATA_GENERAL} on macOS is one struct ifmibdata per interface
// (net/if_mib.h of the XNU sources, packed to 4 bytes):
//
//	struct ifmibdata {                offset
//		char     ifmd_name[IFNAMSIZ]; 0   (16 bytes, NUL-terminated)
//		u_int    ifmd_pcount;         16
//		u_int    ifmd_flags;          20
//		u_int    ifmd_snd_len;        24
//		u_int    ifmd_snd_maxlen;     28
//		u_int    ifmd_snd_drops;      32
//		u_int    ifmd_filler[4];      36
//		struct if_data64 ifmd_data;   52, 128 bytes: ifi_ibytes at +64, ifi_obytes at +72
//	};                                180 bytes
//
// Unlike NET_RT_IFLIST2, whose byte counters the kernel rounds down to
// 1 KiB and cuts to 32 bits for programs not signed by Apple
// (ALIGN_BYTES in bsd/net/rtsock.c), this path copies the 64-bit counters
// as they are, which is what netstat shows. An interface that is not
// attached comes as a record of zeros.
const (
	ifMibDataLen  = 180
	ifNameSize    = 16
	ifMibIBytes   = 52 + 64
	ifMibOBytes   = 52 + 72
	ifMibFlagsOff = 20
)

// parseIfMibData appends one Device per named ifmibdata record in b to
// dst. intern works as in parseProcNetDev.
func parseIfMibData(b []byte, dst []Device, intern map[string]string) ([]Device, error) {
	if len(b)%ifMibDataLen != 0 {
		return dst, fmt.Errorf("%w: %d bytes, not a whole number of %d-byte records", ErrIfMibFormat, len(b), ifMibDataLen)
	}
	le := binary.LittleEndian
	for off := 0; off < len(b); off += ifMibDataLen {
		rec := b[off : off+ifMibDataLen]
		n := 0
		for n < ifNameSize && rec[n] != 0 {
			n++
		}
		if n == ifNameSize {
			return dst, fmt.Errorf("%w: record %d: name not terminated within %d bytes", ErrIfMibFormat, off/ifMibDataLen, ifNameSize)
		}
		if n == 0 {
			continue // not attached
		}
		s, ok := intern[string(rec[:n])]
		if !ok {
			s = string(rec[:n])
			intern[s] = s
		}
		dst = append(dst, Device{Name: s, Rx: le.Uint64(rec[ifMibIBytes:]), Tx: le.Uint64(rec[ifMibOBytes:])})
	}
	return dst, nil
}

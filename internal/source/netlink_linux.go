package source

import (
	"encoding/binary"
	"errors"
	"syscall"
)

// errBadNetlinkLength is a reply whose message length runs past the data.
var errBadNetlinkLength = errors.New("bad netlink message length")

// walkDump hands each message of b that answers request seq to each, by
// type and payload, until the dump ends. It reports whether the dump is
// done (NLMSG_DONE, or an NLMSG_ERROR acknowledging the request) and the
// kernel's error, if it sent one. Messages of other requests are skipped.
func walkDump(b []byte, seq uint32, each func(typ uint16, msg []byte)) (done bool, err error) {
	for len(b) >= syscall.NLMSG_HDRLEN {
		l := int(binary.NativeEndian.Uint32(b[0:4]))
		typ := binary.NativeEndian.Uint16(b[4:6])
		if l < syscall.NLMSG_HDRLEN || l > len(b) {
			return false, errBadNetlinkLength
		}
		msgSeq := binary.NativeEndian.Uint32(b[8:12])
		msg := b[syscall.NLMSG_HDRLEN:l]
		b = b[min(len(b), align4(l)):]
		if msgSeq != seq {
			continue
		}
		switch typ {
		case syscall.NLMSG_DONE:
			return true, nil
		case syscall.NLMSG_ERROR:
			if len(msg) >= 4 {
				if e := int32(binary.NativeEndian.Uint32(msg[0:4])); e != 0 {
					return false, syscall.Errno(-e)
				}
			}
			return true, nil
		default:
			each(typ, msg)
		}
	}
	return false, nil
}

// walkAttrs calls each with the type and payload of every route
// attribute in b, in order, and stops at the first malformed one.
func walkAttrs(b []byte, each func(typ uint16, value []byte)) {
	for len(b) >= syscall.SizeofRtAttr {
		l := int(binary.NativeEndian.Uint16(b[0:2]))
		typ := binary.NativeEndian.Uint16(b[2:4])
		if l < syscall.SizeofRtAttr || l > len(b) {
			return
		}
		value := b[syscall.SizeofRtAttr:l]
		b = b[min(len(b), align4(l)):]
		each(typ, value)
	}
}

// align4 rounds a netlink length up to the next multiple of 4.
func align4(n int) int { return (n + 3) &^ 3 }

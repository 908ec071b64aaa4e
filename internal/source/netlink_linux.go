package source

import (
	"encoding/binary"
	"errors"
	"syscall"
)

// errBadNetlinkLength is a reply whose message length runs past the data.
var errBadNetlinkLength = errors.New("bad netlink message length")

// nextMessage splits the first netlink message off b, which holds at
// least a header: its type, its sequence number, its payload and the
// messages after it.
func nextMessage(b []byte) (typ uint16, seq uint32, msg, rest []byte, err error) {
	l := int(binary.NativeEndian.Uint32(b[0:4]))
	if l < syscall.NLMSG_HDRLEN || l > len(b) {
		return 0, 0, nil, nil, errBadNetlinkLength
	}
	typ = binary.NativeEndian.Uint16(b[4:6])
	seq = binary.NativeEndian.Uint32(b[8:12])
	return typ, seq, b[syscall.NLMSG_HDRLEN:l], b[min(len(b), align4(l)):], nil
}

// dumpEnd reports whether a message of type typ ends a dump (NLMSG_DONE,
// or an NLMSG_ERROR acknowledging the request) and the kernel's error,
// if it sent one.
func dumpEnd(typ uint16, msg []byte) (bool, error) {
	switch typ {
	case syscall.NLMSG_DONE:
		return true, nil
	case syscall.NLMSG_ERROR:
		if len(msg) >= 4 {
			if e := int32(binary.NativeEndian.Uint32(msg[0:4])); e != 0 {
				return true, syscall.Errno(-e)
			}
		}
		return true, nil
	}
	return false, nil
}

// walkDump hands each message of b that answers request seq to each, by
// type and payload, until the dump ends. It reports whether the dump is
// done (NLMSG_DONE, or an NLMSG_ERROR acknowledging the request) and the
// kernel's error, if it sent one. Messages of other requests are skipped.
func walkDump(b []byte, seq uint32, each func(typ uint16, msg []byte)) (done bool, err error) {
	for len(b) >= syscall.NLMSG_HDRLEN {
		typ, msgSeq, msg, rest, err := nextMessage(b)
		if err != nil {
			return false, err
		}
		b = rest
		if msgSeq != seq {
			continue
		}
		if end, err := dumpEnd(typ, msg); end {
			return err == nil, err
		}
		each(typ, msg)
	}
	return false, nil
}

// nextAttr splits the first route attribute off b, which holds at least
// an attribute header: its type, its payload and the attributes after
// it. ok is false for a malformed attribute.
func nextAttr(b []byte) (typ uint16, value, rest []byte, ok bool) {
	l := int(binary.NativeEndian.Uint16(b[0:2]))
	if l < syscall.SizeofRtAttr || l > len(b) {
		return 0, nil, nil, false
	}
	typ = binary.NativeEndian.Uint16(b[2:4])
	return typ, b[syscall.SizeofRtAttr:l], b[min(len(b), align4(l)):], true
}

// walkAttrs calls each with the type and payload of every route
// attribute in b, in order, and stops at the first malformed one.
func walkAttrs(b []byte, each func(typ uint16, value []byte)) {
	for len(b) >= syscall.SizeofRtAttr {
		typ, value, rest, ok := nextAttr(b)
		if !ok {
			return
		}
		b = rest
		each(typ, value)
	}
}

// align4 rounds a netlink length up to the next multiple of 4.
func align4(n int) int { return (n + 3) &^ 3 }

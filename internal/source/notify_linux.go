package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// errBadNotification is a link notification too short for its header.
var errBadNotification = errors.New("netlink notification too short")

// openWatch opens a non-blocking netlink socket on which the kernel tells
// of every link and every IPv4 and IPv6 address that appears, changes or
// goes, in the network namespace of the caller.
func openWatch() (int, error) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK, syscall.NETLINK_ROUTE)
	if err != nil {
		return -1, err
	}
	sa := &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK,
		Groups: unix.RTMGRP_LINK | unix.RTMGRP_IPV4_IFADDR | unix.RTMGRP_IPV6_IFADDR}
	if err := syscall.Bind(fd, sa); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	return fd, nil
}

// maxWatchReads is the most notifications one sample reads; the
// socket's buffer holds a few hundred.
const maxWatchReads = 4096

// drainWatch reads what the kernel told of since the last sample, until
// the socket has nothing more (one EAGAIN when nothing changed): a link
// notification updates or drops that index's cached name, an address
// notification asks the address book for a lookup. When notifications
// were lost (ENOBUFS: the socket's buffer overflowed) or cannot be read,
// every name is asked again and the addresses looked up again; after an
// error other than an overflow the socket is given up for the periodic
// recheck.
func (s *statsSource) drainWatch() {
	if s.readWatchAll() {
		s.addrs.refresh()
	}
}

// readWatchAll is drainWatch's loop; it reports whether an address
// changed, so that a burst of them asks for one lookup.
func (s *statsSource) readWatchAll() (addrs bool) {
	// A flood of changes faster than they can be read waits for the next
	// sample rather than hold this one.
	for range maxWatchReads {
		n, err := s.readWatch(s.watch, s.buf)
		switch err {
		case nil:
		case syscall.EAGAIN:
			return addrs
		case syscall.EINTR:
			continue
		case syscall.ENOBUFS:
			s.recheckAll()
			continue
		default:
			s.recheckAll()
			syscall.Close(s.watch)
			s.watch = -1
			s.checked = time.Now()
			return addrs
		}
		changed, err := parseNotifications(s.buf[:n], s.linkChanged)
		if err != nil {
			s.recheckAll()
			continue
		}
		addrs = addrs || changed
	}
	return addrs
}

// recheckAll asks every interface's name again at its next sighting and
// the address book for a lookup.
func (s *statsSource) recheckAll() {
	s.gen++
	s.prev.index = s.prev.index[:0]
	s.addrs.refresh()
}

// linkChanged takes a link notification: the interface's name from it,
// or, for an interface gone or a notification without a name, the ioctl
// at its next sighting.
func (s *statsSource) linkChanged(index uint32, name []byte, gone bool) {
	c, ok := s.names[index]
	if ok && !gone && c.name == string(name) {
		// Another change (up, down, carrier): the name stands, and keeps
		// its string, so the rest of winload sees the very same one.
		c.gen = s.gen
		s.names[index] = c
		return
	}
	// The names in dump order may hold the old name.
	s.prev.index = s.prev.index[:0]
	if gone || len(name) == 0 {
		delete(s.names, index)
		return
	}
	s.names[index] = cachedName{name: string(name), gen: s.gen}
}

// parseNotifications reads the rtnetlink notifications in b: it calls
// link with the index, the name (IFLA_IFNAME; nil when missing or not a
// name) and whether it is gone for each RTM_NEWLINK and RTM_DELLINK, and
// reports whether an RTM_NEWADDR or RTM_DELADDR came. Other messages are
// skipped; a malformed message ends the read with an error.
func parseNotifications(b []byte, link func(index uint32, name []byte, gone bool)) (addrs bool, err error) {
	for len(b) >= syscall.NLMSG_HDRLEN {
		typ, _, msg, rest, err := nextMessage(b)
		if err != nil {
			return addrs, err
		}
		b = rest
		switch typ {
		case syscall.RTM_NEWADDR, syscall.RTM_DELADDR:
			addrs = true
		case syscall.RTM_NEWLINK, syscall.RTM_DELLINK:
			if len(msg) < syscall.SizeofIfInfomsg {
				return addrs, errBadNotification
			}
			index := binary.NativeEndian.Uint32(msg[4:8])
			link(index, ifinfoName(msg[syscall.SizeofIfInfomsg:]), typ == syscall.RTM_DELLINK)
		}
	}
	return addrs, nil
}

// ifinfoName finds IFLA_IFNAME among a link message's attributes: the name
// up to its NUL, or nil when there is none or it is empty or too long
// for an interface name.
func ifinfoName(attrs []byte) []byte {
	for len(attrs) >= syscall.SizeofRtAttr {
		typ, v, rest, ok := nextAttr(attrs)
		if !ok {
			return nil
		}
		attrs = rest
		if typ != syscall.IFLA_IFNAME {
			continue
		}
		if i := bytes.IndexByte(v, 0); i >= 0 {
			v = v[:i]
		}
		if len(v) == 0 || len(v) >= syscall.IFNAMSIZ {
			return nil
		}
		return v
	}
	return nil
}

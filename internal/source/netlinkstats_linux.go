package source

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// Netlink constants of the RTM_GETSTATS dump (linux/rtnetlink.h,
// linux/if_link.h), which the syscall package lacks.
const (
	rtmNewStats      = 92
	rtmGetStats      = 94
	iflaStatsLink64  = 1
	sizeofIfStatsMsg = 12
	// Offsets in struct rtnl_link_stats64: packets, bytes, errors and
	// dropped packets, each received then sent.
	rxPackets = 0
	txPackets = 8
	rxBytes   = 16
	txBytes   = 24
	rxErrors  = 32
	txErrors  = 40
	rxDropped = 48
	txDropped = 56
)

// nameRecheck is how often every cached interface name is asked again,
// so that a renamed interface shows its new name, and addresses are
// looked up again, when the kernel cannot tell of changes (no watch
// socket).
const nameRecheck = 10 * time.Second

// statsSource reads every interface's 64-bit counters with one netlink
// RTM_GETSTATS dump per sample, asking only for struct rtnl_link_stats64:
// binary, about 200 bytes an interface, where /proc/net/dev makes the
// kernel format sixteen numbers a line for winload to parse back. The
// dump names interfaces by index; names come from an SIOCGIFNAME ioctl the
// first time an index is seen, and then from the link notifications of
// the watch socket (see drainWatch), or, without one, from the ioctl again
// every nameRecheck.
type statsSource struct {
	nl, inet int // the netlink socket and a socket for the ioctls
	// watch is a socket the kernel tells of new, changed and deleted
	// links and addresses on, -1 when it could not be opened; readWatch
	// reads it (syscall.Read; tests feed it errors).
	watch     int
	readWatch func(fd int, p []byte) (int, error)
	seq       uint32
	buf       []byte
	names     map[uint32]cachedName
	gen       uint64 // names of another generation are asked again
	checked   time.Time
	// prev and cur are the indexes and names of the last dump and this
	// one, in dump order: while the same index comes in the same place,
	// its name is taken from there without a map lookup.
	prev, cur placedNames
	// missed is whether an index of this dump came elsewhere than in the
	// last one. raw is the dump's devices in dump order, perm[k] the
	// place in raw of the k-th device by name: while the dump keeps the
	// same indexes in the same places, its names are the same too and the
	// last dump's perm sorts it without comparing a name.
	missed bool
	raw    []Device
	perm   []int
	addrs  *addressBook
	// wrap unwraps 32-bit counters; nil on a 64-bit kernel.
	wrap *wrap32
}

// placedNames lists interface indexes and their names in dump order.
type placedNames struct {
	index []uint32
	name  []string
}

// cachedName is an interface's name and the generation it was asked in.
type cachedName struct {
	name string
	gen  uint64
}

// readerNetlinkStats names this reader in --debug-info.
const readerNetlinkStats = "netlink RTM_GETSTATS"

func openStatsSource() (*statsSource, error) {
	nl, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	if err := syscall.Bind(nl, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		syscall.Close(nl)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	inet, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		syscall.Close(nl)
		return nil, fmt.Errorf("socket for interface names: %w", err)
	}
	s := &statsSource{nl: nl, inet: inet, watch: -1, readWatch: syscall.Read, buf: make([]byte, 64<<10),
		names: map[uint32]cachedName{}, checked: time.Now()}
	// The watch opens before the first dump and the first address lookup,
	// so that no change after them goes untold.
	if fd, err := openWatch(); err == nil {
		s.watch = fd
	}
	// The book looks addresses up when asked: on address notifications,
	// or every nameRecheck without a watch.
	s.addrs = startAddressBook(addressLookup(), addressRetry, 0)
	if _, err := s.read(nil); err != nil {
		s.addrs.close()
		s.closeSockets()
		return nil, err
	}
	return s, nil
}

// Read implements Source.
func (s *statsSource) Read(dst []Device) ([]Device, error) {
	dst, err := s.read(dst)
	if err != nil {
		return dst[:0], err
	}
	s.addrs.fill(dst)
	return dst, nil
}

func (s *statsSource) read(dst []Device) ([]Device, error) {
	if s.watch >= 0 {
		s.drainWatch()
	} else if time.Since(s.checked) >= nameRecheck {
		s.checked = time.Now()
		s.recheckAll()
	}
	s.seq++
	var req [syscall.NLMSG_HDRLEN + sizeofIfStatsMsg]byte
	binary.NativeEndian.PutUint32(req[0:4], uint32(len(req)))
	binary.NativeEndian.PutUint16(req[4:6], rtmGetStats)
	binary.NativeEndian.PutUint16(req[6:8], syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP)
	binary.NativeEndian.PutUint32(req[8:12], s.seq)
	binary.NativeEndian.PutUint32(req[syscall.NLMSG_HDRLEN+8:], 1<<(iflaStatsLink64-1))
	// Plain write and read on the bound socket talk to the kernel and,
	// unlike sendto and recvmsg, allocate nothing. The kernel sizes dump
	// messages to at most 32 KiB, half the buffer; a cut message would
	// fail the length check.
	if _, err := syscall.Write(s.nl, req[:]); err != nil {
		return dst[:0], fmt.Errorf("asking for interface counters: %w", err)
	}
	s.begin()
	for {
		n, err := syscall.Read(s.nl, s.buf)
		if err != nil {
			return dst[:0], fmt.Errorf("reading interface counters: %w", err)
		}
		done, err := s.parse(s.buf[:n])
		if err != nil {
			return dst[:0], fmt.Errorf("reading interface counters: %w", err)
		}
		if done {
			break
		}
	}
	return s.finish(dst), nil
}

// begin starts a dump.
func (s *statsSource) begin() {
	s.cur.index, s.cur.name = s.cur.index[:0], s.cur.name[:0]
	s.missed = false
	s.raw = s.raw[:0]
}

// parse takes the devices of b, one read of the dump, and reports
// whether the dump is done.
func (s *statsSource) parse(b []byte) (done bool, err error) {
	s.raw, done, err = parseStatsMessages(b, s.seq, s.raw, s.name)
	return done, err
}

// finish appends the dump's devices to dst[:0], sorted by name, and keeps
// what the next dump reuses.
func (s *statsSource) finish(dst []Device) []Device {
	// Without a miss, this dump's devices begin like the last one's, in
	// the same places with the same names; as many, they are the same.
	steady := !s.missed && len(s.perm) == len(s.raw)
	s.prev, s.cur = s.cur, s.prev
	if len(s.names) > 2*len(s.raw)+16 {
		clear(s.names)
		s.prev.index = s.prev.index[:0]
	}
	if s.wrap != nil {
		s.wrap.apply(s.raw)
	}
	if !steady {
		s.perm = s.perm[:0]
		for i := range s.raw {
			s.perm = append(s.perm, i)
		}
		slices.SortFunc(s.perm, func(a, b int) int { return strings.Compare(s.raw[a].Name, s.raw[b].Name) })
	}
	dst = dst[:0]
	for _, i := range s.perm {
		dst = append(dst, s.raw[i])
	}
	return dst
}

// name returns the name of interface index, "" when it has none any more,
// and notes it in dump order.
func (s *statsSource) name(index uint32) string {
	k := len(s.cur.index)
	var name string
	if k < len(s.prev.index) && s.prev.index[k] == index {
		name = s.prev.name[k]
	} else {
		name = s.lookupName(index)
		s.missed = true
	}
	s.cur.index = append(s.cur.index, index)
	s.cur.name = append(s.cur.name, name)
	return name
}

// lookupName returns the name of interface index from the cache, or asks
// the kernel when it is not there or is of an older generation.
func (s *statsSource) lookupName(index uint32) string {
	old, ok := s.names[index]
	if ok && old.gen == s.gen {
		return old.name
	}
	req := ifreq{index: int32(index)}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(s.inet), syscall.SIOCGIFNAME, uintptr(unsafe.Pointer(&req))); e != 0 {
		return ""
	}
	b := req.name[:]
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
	}
	// An unchanged name keeps its string, so the rest of winload sees the
	// very same one.
	name := old.name
	if !ok || name != string(b) {
		name = string(b)
	}
	s.names[index] = cachedName{name: name, gen: s.gen}
	return name
}

// parseStatsMessages appends a Device for each RTM_NEWSTATS message of
// sequence seq in b, naming interfaces with name (a device whose name is
// "" is left out). It reports whether the dump is done.
func parseStatsMessages(b []byte, seq uint32, dst []Device, name func(uint32) string) ([]Device, bool, error) {
	done, err := walkDump(b, seq, func(typ uint16, msg []byte) {
		if typ != rtmNewStats || len(msg) < sizeofIfStatsMsg {
			return
		}
		index := binary.NativeEndian.Uint32(msg[4:8])
		walkAttrs(msg[sizeofIfStatsMsg:], func(at uint16, v []byte) {
			if at != iflaStatsLink64 || len(v) < txBytes+8 {
				return
			}
			if n := name(index); n != "" {
				d := Device{Name: n, Rx: binary.NativeEndian.Uint64(v[rxBytes:]), Tx: binary.NativeEndian.Uint64(v[txBytes:])}
				if len(v) >= txDropped+8 {
					u := func(off int) uint64 { return binary.NativeEndian.Uint64(v[off:]) }
					d.Extra = Extra{Valid: true, RxPackets: u(rxPackets), TxPackets: u(txPackets),
						RxErrors: u(rxErrors), TxErrors: u(txErrors), RxDropped: u(rxDropped), TxDropped: u(txDropped)}
				}
				dst = append(dst, d)
			}
		})
	})
	return dst, done, err
}

// Status implements Source.
func (s *statsSource) Status() Status {
	if s.wrap != nil {
		return Status{Reader: readerNetlinkStats + readerUnwrapSuffix}
	}
	return Status{Reader: readerNetlinkStats}
}

// unwrap32 makes the source unwrap counters that wrap at 2^32, from the
// next read on.
func (s *statsSource) unwrap32() { s.wrap = newWrap32() }

// Close implements Source.
func (s *statsSource) Close() error {
	s.addrs.close()
	return s.closeSockets()
}

func (s *statsSource) closeSockets() error {
	err := errors.Join(syscall.Close(s.nl), syscall.Close(s.inet))
	if s.watch >= 0 {
		err = errors.Join(err, syscall.Close(s.watch))
		s.watch = -1
	}
	return err
}

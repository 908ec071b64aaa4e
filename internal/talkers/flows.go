package talkers

import (
	"net/netip"
	"sync"
	"time"
)

// captureState is what both packet captures (AF_PACKET on Linux, Npcap on
// Windows) keep beside their flows: why a capture goroutine stopped, and
// the drop count at the first Read, the baseline of Dropped, so that
// frames lost while the captures were being set up do not count.
type captureState struct {
	mu       sync.Mutex
	failed   error
	dropBase *uint64
}

// fail records err as why the capture stopped; the first reason stays.
func (s *captureState) fail(err error) {
	s.mu.Lock()
	if s.failed == nil {
		s.failed = err
	}
	s.mu.Unlock()
}

// begin starts a Read: it returns why the capture stopped, if it did, and
// takes the drop baseline from drops at the first call.
func (s *captureState) begin(drops func() uint64) error {
	s.mu.Lock()
	failed := s.failed
	s.mu.Unlock()
	if failed != nil {
		return failed
	}
	if s.dropBase == nil {
		n := drops()
		s.dropBase = &n
	}
	return nil
}

// dropped returns the frames drops counts since the first Read.
func (s *captureState) dropped(drops func() uint64) uint64 {
	if s.dropBase == nil {
		return 0
	}
	return drops() - *s.dropBase
}

// flowKey is one flow as seen from this host on one device: the IP
// protocol and the local and remote address and port (ports 0 for
// protocols without them).
type flowKey struct {
	dev           int32
	proto         uint8
	local, remote netip.AddrPort
}

// flowBytes are the wire bytes of one flow since the last drain.
type flowBytes struct {
	in, out uint64
	seen    bool // a packet came since the last drain
}

// maxFlows bounds a flowTable; the packets of further flows count in
// one overflow flow per device and direction.
const maxFlows = 1 << 16

// flowTable adds up the wire bytes of each flow as a capture goroutine
// reads packets, and hands them over to the collector at each tick. A
// packet costs one map lookup and no allocation once its flow is known.
type flowTable struct {
	mu    sync.Mutex
	flows map[flowKey]*flowBytes
}

func newFlowTable() *flowTable {
	return &flowTable{flows: map[flowKey]*flowBytes{}}
}

// add counts n bytes of a frame on device dev: in is true for a frame
// the host received, false for one it sent. On a loopback device (loop)
// the host both sent and received it, so it counts out for the sender's
// flow and in for the receiver's; the capture sees such a frame once.
func (t *flowTable) add(dev int32, p *packetInfo, n uint64, in, loop bool) {
	t.mu.Lock()
	switch {
	case loop:
		t.flow(flowKey{dev, p.proto, p.src, p.dst}).out += n
		t.flow(flowKey{dev, p.proto, p.dst, p.src}).in += n
	case in:
		t.flow(flowKey{dev, p.proto, p.dst, p.src}).in += n
	default:
		t.flow(flowKey{dev, p.proto, p.src, p.dst}).out += n
	}
	t.mu.Unlock()
}

// overflow is the key a full table counts new flows under.
func overflow(k flowKey) flowKey { return flowKey{dev: k.dev, proto: 0} }

// flow returns k's counters, making them when k is new.
func (t *flowTable) flow(k flowKey) *flowBytes {
	f := t.flows[k]
	if f == nil {
		if len(t.flows) >= maxFlows {
			k = overflow(k)
			if f = t.flows[k]; f != nil {
				f.seen = true
				return f
			}
		}
		f = &flowBytes{}
		t.flows[k] = f
	}
	f.seen = true
	return f
}

// drain calls fn with the bytes of every flow that had packets since the
// last drain and sets them back to zero; flows without packets since are
// forgotten.
func (t *flowTable) drain(fn func(k flowKey, in, out uint64)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, f := range t.flows {
		if !f.seen {
			delete(t.flows, k)
			continue
		}
		if f.in != 0 || f.out != 0 {
			fn(k, f.in, f.out)
		}
		f.in, f.out, f.seen = 0, 0, false
	}
}

// flowLinger is how long a flow without packets stays listed, so that
// a quiet connection keeps its row open.
const flowLinger = 5 * time.Second

// ownTries is how many ticks a flow is looked up in the socket tables
// before it is left without an owner (the socket closed, or the flow
// only passes through).
const ownTries = 3

// noUID marks a flow that no socket holds.
const noUID = ^uint32(0)

// flowState is what the collector keeps of one flow: its bytes since it
// was first seen and the socket it belongs to.
type flowState struct {
	cookie     uint64
	in, out    uint64
	last       time.Time // the last tick with packets
	active     bool      // packets since the last sockets call
	inode, uid uint32
	pid        uint32
	owned      bool
	tries      int
}

// sockRef is the socket that holds a flow: its inode and owner's UID on
// Linux, its process on Windows, whose tables name the PID.
type sockRef struct{ inode, uid, pid uint32 }

// sockKey is a socket's protocol and addresses as the flows are keyed:
// an unconnected socket has no remote address, a socket bound to every
// address the unspecified one of its family.
type sockKey struct {
	proto         uint8
	local, remote netip.AddrPort
}

// sockKeyOf returns the key of a socket with these addresses; a remote
// address that is missing or unspecified with port 0 (a listening or
// unconnected socket) is left out.
func sockKeyOf(proto uint8, local, remote netip.AddrPort) sockKey {
	k := sockKey{proto, local, remote}
	if !remote.Addr().IsValid() || remote.Addr().IsUnspecified() && remote.Port() == 0 {
		k.remote = netip.AddrPort{}
	}
	return k
}

// findSock returns the socket of flow k in byKey: the connected socket of
// the flow, else an unconnected one bound to its local address, else one
// bound to every address (IPv4's, then IPv6's, which serves IPv4 too) on
// its port. Only TCP and UDP flows have sockets.
func findSock(byKey map[sockKey]sockRef, k flowKey) (sockRef, bool) {
	if k.proto != protoTCP && k.proto != protoUDP {
		return sockRef{}, false
	}
	keys := [...]sockKey{
		{k.proto, k.local, k.remote},
		{k.proto, k.local, netip.AddrPort{}},
		{k.proto, netip.AddrPortFrom(netip.IPv4Unspecified(), k.local.Port()), netip.AddrPort{}},
		{k.proto, netip.AddrPortFrom(netip.IPv6Unspecified(), k.local.Port()), netip.AddrPort{}},
	}
	for i, key := range keys {
		if i == 2 && k.local.Addr().Is6() {
			continue
		}
		if ref, ok := byKey[key]; ok {
			return ref, true
		}
	}
	return sockRef{}, false
}

// sockFinder looks flows up in the kernel's socket tables.
type sockFinder interface {
	// refresh reads the tables again.
	refresh() error
	// find returns the socket that holds flow k.
	find(k flowKey) (sockRef, bool)
}

// flowSet turns the bytes drained from the flow tables into sockets with
// running counters and stable cookies, the form the tracker counts.
type flowSet struct {
	flows map[flowKey]*flowState
	next  uint64
}

func newFlowSet() flowSet { return flowSet{flows: map[flowKey]*flowState{}} }

// add adds a flow's bytes since the last drain.
func (s *flowSet) add(k flowKey, in, out uint64) {
	f := s.flows[k]
	if f == nil {
		s.next++
		f = &flowState{cookie: s.next, uid: noUID}
		s.flows[k] = f
	}
	f.in += in
	f.out += out
	f.active = true
}

// unowned reports whether a flow waits for its socket.
func (s *flowSet) unowned() bool {
	for _, f := range s.flows {
		if !f.owned && f.tries < ownTries {
			return true
		}
	}
	return false
}

// own reads the socket tables once and ties the flows that wait for a
// socket to theirs.
func (s *flowSet) own(fd sockFinder) error {
	if err := fd.refresh(); err != nil {
		return err
	}
	for k, f := range s.flows {
		if f.owned || f.tries >= ownTries {
			continue
		}
		f.tries++
		if ref, ok := fd.find(k); ok {
			f.inode, f.uid, f.pid, f.owned = ref.inode, ref.uid, ref.pid, true
		}
	}
	return nil
}

// sockets appends every flow as a socket to dst and forgets the flows
// without packets for flowLinger. name names a device index.
func (s *flowSet) sockets(dst []tcpSocket, now time.Time, name func(int32) string) []tcpSocket {
	for k, f := range s.flows {
		if f.active {
			f.last, f.active = now, false
		} else if now.Sub(f.last) > flowLinger {
			delete(s.flows, k)
			continue
		}
		dst = append(dst, tcpSocket{
			Cookie: f.cookie, Inode: f.inode, UID: f.uid, PID: f.pid, Local: k.local, Remote: k.remote,
			Sent: f.out, Received: f.in, HasBytes: true, Proto: k.proto, Device: name(k.dev),
		})
	}
	return dst
}

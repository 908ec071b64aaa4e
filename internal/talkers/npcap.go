package talkers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The Windows packet capture (Npcap). This file holds everything but the
// calls into Windows (npcap_windows.go), so that it builds and is tested
// on every system: the frames of each adapter are parsed by parseFrame's
// parts and counted in the flow tables the Linux capture uses, the flows
// are tied to processes through Windows' TCP and UDP owner tables, and
// the adapters are named as winload's Windows device list names them.

// The link types Npcap's adapters deliver (pcap_datalink).
const (
	linkNull     = 0   // DLT_NULL: the loopback adapter, a 4-byte family word
	linkEthernet = 1   // DLT_EN10MB: Ethernet and Wi-Fi outside monitor mode
	linkRawBSD   = 12  // DLT_RAW as most systems number it
	linkRawOld   = 14  // DLT_RAW on OpenBSD
	linkRaw      = 101 // LINKTYPE_RAW: a bare IP packet
	nullHdr      = 4
)

// npcapSnapLen is how much of each frame Npcap copies: the link, IP and
// TCP or UDP headers, with room for options.
const npcapSnapLen = 128

// errPcapTimeout is what pcapHandle.read returns when no frame came
// before the read timeout; errPcapWoken once wake was called.
var (
	errPcapTimeout = errors.New("no frame before the read timeout")
	errPcapWoken   = errors.New("the capture was woken to stop")
)

// pcapHandle is one adapter's capture as npcapReader uses it.
type pcapHandle interface {
	// read returns the next frame's captured bytes, valid until the next
	// call, and its length on the wire.
	read() (data []byte, wireLen int, err error)
	// drops returns the frames the driver and the adapter dropped since
	// the capture opened (pcap_stats: ps_drop + ps_ifdrop).
	drops() (uint64, error)
	// wake makes a blocked read return errPcapWoken; any goroutine may
	// call it.
	wake()
	close() error
}

// npcapAdapter is one adapter to capture: its device name on winload's
// screen, its link type (pcap_datalink, known once it is open) and what
// tells its outgoing frames apart.
type npcapAdapter struct {
	dev  string
	link int
	// loop is set for the loopback adapter (DLT_NULL): each frame there
	// was both sent and received by the host.
	loop bool
	// mac is the adapter's own address: an Ethernet frame from it was
	// sent by the host. When it is zero, addrs decide: a frame from one
	// of them was sent by the host.
	mac   [6]byte
	addrs []netip.Addr
}

// outgoing reports whether the host sent frame b whose headers are p.
func (a *npcapAdapter) outgoing(b []byte, p *packetInfo) bool {
	if a.link == linkEthernet && a.mac != ([6]byte{}) && len(b) >= etherHdr {
		return [6]byte(b[6:12]) == a.mac
	}
	src := p.src.Addr()
	for _, ip := range a.addrs {
		if ip == src {
			return true
		}
	}
	return false
}

// npcapFrame reads the headers of a frame of the given link type into p
// and returns the bytes it counts: the whole frame on the wire, except on
// the loopback adapter, where the 4-byte family word is no part of the
// packet (as capture.FrameBytes counts the loopback row for --npcap). It
// reports false for a frame without an IPv4 or IPv6 header; it allocates
// nothing.
func npcapFrame(link int, b []byte, wireLen int, p *packetInfo) (uint64, bool) {
	if wireLen < 0 {
		return 0, false
	}
	switch link {
	case linkEthernet:
		ip, ok := ethernetPayload(b)
		if !ok || !parseIP(ip, p) {
			return 0, false
		}
		return uint64(wireLen), true
	case linkNull:
		if len(b) < nullHdr || wireLen < nullHdr {
			return 0, false
		}
		if !nullFamilyIP(b) || !parseIP(b[nullHdr:], p) {
			return 0, false
		}
		return uint64(wireLen - nullHdr), true
	case linkRaw, linkRawBSD, linkRawOld:
		if !parseIP(b, p) {
			return 0, false
		}
		return uint64(wireLen), true
	}
	return 0, false
}

// setLink records the link type of the open capture; DLT_NULL is the
// loopback adapter's (also Npcap's before 1.0, which named it by a GUID).
func (a *npcapAdapter) setLink(link int) {
	a.link, a.loop = link, link == linkNull
}

// nullFamilyIP reports whether a DLT_NULL frame's family word names IPv4
// or IPv6, in either byte order, with the values capture.FrameBytes
// takes (2; 24 as Npcap writes it, 23, 28 and 30): a frame of another
// family is no IP packet whose length could be trusted.
func nullFamilyIP(b []byte) bool {
	f := binary.LittleEndian.Uint32(b)
	if f > 0xffff {
		f = binary.BigEndian.Uint32(b)
	}
	switch f {
	case 2, 23, 24, 28, 30:
		return true
	}
	return false
}

// npcapCapture is one adapter's capture and its flow table.
type npcapCapture struct {
	h     pcapHandle
	ad    npcapAdapter
	dev   int32 // the index of ad.dev in npcapReader.names
	table *flowTable
	// dropped is the adapter's drop count as last read, updated by the
	// capture's goroutine (pcap_t handles are not for two goroutines).
	dropped atomic.Uint64
}

// dropsEvery is how often a capture goroutine reads its drop counters.
const dropsEvery = 500 * time.Millisecond

// npcapReader counts the wire bytes of every flow on every adapter that
// Npcap captures, one goroutine per adapter, and hands them to the
// collector as sockets tied to processes through Windows' owner tables.
type npcapReader struct {
	caps  []*npcapCapture
	names []string
	flows flowSet
	socks sockFinder
	stop  atomic.Bool
	wg    sync.WaitGroup

	// state holds why a capture stopped and the drop count at the
	// first Read.
	state captureState
	// missed says which adapters are not captured, "" when none.
	missed string
}

// newNpcapReader starts a goroutine per capture; Close stops them.
func newNpcapReader(caps []*npcapCapture, socks sockFinder) *npcapReader {
	r := &npcapReader{caps: caps, flows: newFlowSet(), socks: socks}
	for _, c := range caps {
		c.dev = r.devIndex(c.ad.dev)
		c.table = newFlowTable()
		c.readDrops()
	}
	for _, c := range caps {
		r.wg.Add(1)
		go r.run(c)
	}
	return r
}

// devIndex returns the index of device name n, adding it when new.
func (r *npcapReader) devIndex(n string) int32 {
	for i, m := range r.names {
		if m == n {
			return int32(i)
		}
	}
	r.names = append(r.names, n)
	return int32(len(r.names) - 1)
}

// run reads one adapter until Close. It reads the adapter's drop counters
// after each read timeout (a quiet adapter) and every dropsEvery while
// frames keep coming; newNpcapReader read them first.
func (r *npcapReader) run(c *npcapCapture) {
	defer r.wg.Done()
	var p packetInfo
	last := time.Now()
	for n := 1; !r.stop.Load(); n++ {
		if n&63 == 0 && time.Since(last) >= dropsEvery {
			last = c.readDrops()
		}
		data, wire, err := c.h.read()
		switch {
		case err == nil:
			r.count(c, data, wire, &p)
		case errors.Is(err, errPcapTimeout):
			last = c.readDrops()
		default:
			if !r.stop.Load() && !errors.Is(err, errPcapWoken) {
				r.state.fail(fmt.Errorf("the packet capture on %s stopped: %w", c.ad.dev, err))
			}
			return
		}
	}
}

// readDrops reads the adapter's drop counters into c.dropped, only ever
// from the goroutine that reads its frames (or before it starts).
func (c *npcapCapture) readDrops() time.Time {
	if d, err := c.h.drops(); err == nil {
		c.dropped.Store(d)
	}
	return time.Now()
}

// count adds one frame to its flow.
func (r *npcapReader) count(c *npcapCapture, data []byte, wire int, p *packetInfo) {
	n, ok := npcapFrame(c.ad.link, data, wire, p)
	if !ok {
		return
	}
	if c.ad.loop {
		c.table.add(c.dev, p, n, true, true)
		return
	}
	c.table.add(c.dev, p, n, !c.ad.outgoing(data, p), false)
}

// Read implements reader: the flows of every adapter as sockets whose
// Sent and Received are the wire bytes since each flow was first seen.
func (r *npcapReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	if err := r.state.begin(r.drops); err != nil {
		return dst[:0], err
	}
	for _, c := range r.caps {
		c.table.drain(r.flows.add)
	}
	if r.flows.unowned() {
		// Without the tables the flows stay unowned; they count all the
		// same.
		_ = r.flows.own(r.socks)
	}
	return r.flows.sockets(dst[:0], time.Now(), r.name), nil
}

func (r *npcapReader) name(dev int32) string { return r.names[dev] }

// drops adds up the adapters' drop counters.
func (r *npcapReader) drops() uint64 {
	var n uint64
	for _, c := range r.caps {
		n += c.dropped.Load()
	}
	return n
}

// Dropped implements dropper: the frames Npcap dropped since the first
// Read.
func (r *npcapReader) Dropped() uint64 { return r.state.dropped(r.drops) }

// Counts implements counter.
func (r *npcapReader) Counts() string { return "wire bytes of every protocol (Npcap capture)" }

// Closed implements reader: the capture counts every frame.
func (r *npcapReader) Closed(dst []tcpSocket) []tcpSocket { return dst[:0] }

// Missed implements reader.
func (r *npcapReader) Missed() string { return r.missed }

// npcapMissed says what the capture leaves out: the adapters that would
// not open, and loopback traffic when Npcap has no loopback adapter.
func npcapMissed(failed []string, loopback bool) string {
	var parts []string
	switch len(failed) {
	case 0:
	case 1:
		parts = append(parts, failed[0]+" not captured (it would not open)")
	default:
		parts = append(parts, fmt.Sprintf("%s and %d more adapters not captured (they would not open)", failed[0], len(failed)-1))
	}
	if !loopback {
		parts = append(parts, "no loopback capture (Npcap was installed without loopback support)")
	}
	return strings.Join(parts, "; ")
}

// Close implements reader: it wakes and stops the goroutines, then
// closes the captures.
func (r *npcapReader) Close() error {
	r.stop.Store(true)
	for _, c := range r.caps {
		c.h.wake()
	}
	r.wg.Wait()
	var first error
	for _, c := range r.caps {
		if err := c.h.close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ownerTables is the part of Windows' IP helper API that names the
// owners of sockets.
type ownerTables interface {
	// tcpTable returns GetExtendedTcpTable's TCP_TABLE_OWNER_PID_ALL of
	// IPv4 (v6 false) or IPv6, in buf when it fits, else in a larger
	// buffer, which the next call gets as buf.
	tcpTable(buf []byte, v6 bool) ([]byte, error)
	// udpTable is the same for GetExtendedUdpTable's UDP_TABLE_OWNER_PID.
	udpTable(buf []byte, v6 bool) ([]byte, error)
}

// winSockets finds the process of a flow in Windows' TCP and UDP owner
// tables: the connection with its addresses, else a socket bound to its
// local address, else one bound to every address on its port (findSock).
type winSockets struct {
	api   ownerTables
	bufs  [4][]byte // TCP IPv4, TCP IPv6, UDP IPv4, UDP IPv6
	tcp   []tcpRow
	udp   []udpRow
	byKey map[sockKey]sockRef
}

func newWinSockets(api ownerTables) *winSockets {
	return &winSockets{api: api, byKey: map[sockKey]sockRef{}}
}

// refresh implements sockFinder: the four tables, once.
func (w *winSockets) refresh() error {
	w.tcp, w.udp = w.tcp[:0], w.udp[:0]
	for i := range w.bufs {
		v6 := i%2 == 1
		var b []byte
		var err error
		if i < 2 {
			b, err = w.api.tcpTable(w.bufs[i], v6)
			if err == nil {
				w.tcp, err = appendTCPTable(w.tcp, b, v6)
			}
		} else {
			b, err = w.api.udpTable(w.bufs[i], v6)
			if err == nil {
				w.udp, err = appendUDPTable(w.udp, b, v6)
			}
		}
		if b != nil {
			w.bufs[i] = b[:cap(b)]
		}
		if err != nil {
			return fmt.Errorf("reading the owners of the sockets: %w", err)
		}
	}
	clear(w.byKey)
	for i := range w.tcp {
		r := &w.tcp[i]
		w.put(sockKeyOf(protoTCP, unmapPort(r.Local), unmapPort(r.Remote)), r.PID)
	}
	for i := range w.udp {
		r := &w.udp[i]
		w.put(sockKey{protoUDP, unmapPort(r.Local), netip.AddrPort{}}, r.PID)
	}
	return nil
}

// put adds a socket of a process. A row without one (PID 0: a
// connection in TIME_WAIT) is left out, so that the flow's lookup goes on
// to the sockets bound to every address; of several processes bound to
// one address and port (mDNS listeners sharing 0.0.0.0:5353) the first
// listed stands for them all.
func (w *winSockets) put(k sockKey, pid uint32) {
	if _, dup := w.byKey[k]; pid == 0 || dup {
		return
	}
	w.byKey[k] = sockRef{pid: pid, uid: noUID}
}

// find implements sockFinder.
func (w *winSockets) find(k flowKey) (sockRef, bool) { return findSock(w.byKey, k) }

// unmapPort turns an IPv4-mapped address, as a dual-stack socket's row
// in an IPv6 table has it, into the IPv4 address the frames carry.
func unmapPort(a netip.AddrPort) netip.AddrPort {
	return netip.AddrPortFrom(a.Addr().Unmap(), a.Port())
}

// winAdapter is one adapter as GetAdaptersAddresses lists it.
type winAdapter struct {
	// GUID is AdapterName, such as "{4D36E972-E325-11CE-BFC1-08002BE10318}".
	GUID string
	// Name is FriendlyName, the name winload's device list shows.
	Name string
	// Loopback is set for the interface of type 24 (software loopback).
	Loopback bool
	MAC      []byte
	Addrs    []netip.Addr
}

// npcapLoopbackName is the device name of Npcap's loopback adapter, and
// npcapPrefix that of the others before their GUID.
const (
	npcapLoopbackName = `\Device\NPF_Loopback`
	npcapPrefix       = `\Device\NPF_`
	// defaultLoopbackName is the loopback row's name when Windows lists
	// no loopback interface (as winload's source names it then).
	defaultLoopbackName = "Loopback Pseudo-Interface 1"
)

// npcapAdapterOf maps an Npcap device name to the device winload's
// device list shows: \Device\NPF_{GUID} to the adapter with that GUID, and
// Npcap's loopback adapter to Windows' loopback interface. It reports
// false for a device that is on no list winload shows (such as Npcap's
// WAN miniports).
func npcapAdapterOf(npf string, ifs []winAdapter) (npcapAdapter, bool) {
	if strings.EqualFold(npf, npcapLoopbackName) {
		a := npcapAdapter{dev: defaultLoopbackName}
		for _, w := range ifs {
			if w.Loopback && w.Name != "" {
				a.dev = w.Name
				break
			}
		}
		return a, true
	}
	if len(npf) <= len(npcapPrefix) || !strings.EqualFold(npf[:len(npcapPrefix)], npcapPrefix) {
		return npcapAdapter{}, false
	}
	guid := npf[len(npcapPrefix):]
	for _, w := range ifs {
		if w.GUID == "" || w.Name == "" || !strings.EqualFold(w.GUID, guid) {
			continue
		}
		a := npcapAdapter{dev: w.Name, addrs: w.Addrs}
		if len(w.MAC) == 6 && !bytes.Equal(w.MAC, make([]byte, 6)) {
			a.mac = [6]byte(w.MAC)
		}
		return a, true
	}
	return npcapAdapter{}, false
}

// npcapInstall is what the panel says when neither source can work.
const npcapInstall = "install Npcap (https://npcap.com) or run winload as administrator"

// winChoice holds what choosing the Windows source depends on.
type winChoice struct {
	npcap, estats func() (reader, resolver, error)
	elevated      bool
	// missing reports whether an error of npcap means that Npcap is not
	// installed (rather than refused or broken).
	missing func(error) bool
}

// open chooses the source for plain --talkers on Windows: the Npcap
// capture when it opens, else the extended TCP statistics when winload
// runs as administrator, else an error that says what to install or run.
func (c winChoice) open() (reader, resolver, error) {
	rd, res, nerr := c.npcap()
	if nerr == nil {
		return rd, res, nil
	}
	missing := c.missing(nerr)
	if c.elevated {
		rd, res, err := c.estats()
		if err == nil {
			return rd, res, nil
		}
		if missing {
			return nil, nil, fmt.Errorf("install Npcap (https://npcap.com): %s", trimTalkers(err))
		}
		return nil, nil, fmt.Errorf("%s; and %s", trimTalkers(nerr), trimTalkers(err))
	}
	if missing {
		return nil, nil, errors.New(npcapInstall)
	}
	if strings.Contains(nerr.Error(), "administrator") {
		return nil, nil, nerr
	}
	return nil, nil, fmt.Errorf("%w; or run winload as administrator", nerr)
}

// trimTalkers drops the "talkers: " some errors begin with, when they
// are part of a longer one.
func trimTalkers(err error) string { return strings.TrimPrefix(err.Error(), "talkers: ") }

// npcapDropCount converts pcap_stats' 32-bit counters into a running
// count that survives their wrapping.
type npcapDropCount struct {
	last  uint32
	total uint64
}

// update takes the sum of ps_drop and ps_ifdrop and returns the total.
func (d *npcapDropCount) update(cur uint32) uint64 {
	d.total += uint64(cur - d.last)
	d.last = cur
	return d.total
}

package talkers

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopacket/gopacket/afpacket"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// The capture's ring and filter.
const (
	// snapLen is how much of each frame the kernel copies: the link,
	// IP and TCP or UDP headers, with room for IP options and IPv6
	// extension headers.
	snapLen = 128
	// ringBlock and the block counts size the TPACKET_V3 rings: 4 MiB for
	// the incoming socket, which also carries both directions of
	// loopback traffic, about 20,000 frames of headers or 100 ms of
	// 200,000 frames a second (2 MiB dropped frames on the 2-vCPU test
	// machine under three CPU hogs; 4 MiB did not); 2 MiB for the
	// outgoing one.
	ringBlock     = 256 << 10
	ringBlocksIn  = 16
	ringBlocksOut = 8
	ringFrame     = 2048
	// ringRetire is how long the kernel fills a block before handing it
	// over anyway, so that a quiet link is still counted each tick.
	ringRetire = 50 * time.Millisecond
	// pollWait bounds a capture goroutine's wait, so that Close stops it.
	pollWait = 100 * time.Millisecond
)

// Link-layer constants the filter tests.
const (
	packetOutgoing = 4   // PACKET_OUTGOING
	arphrdLoopback = 772 // ARPHRD_LOOPBACK
)

// captureFilter is the kernel filter of one capture socket: IPv4 and IPv6
// only, the first snapLen bytes; the incoming socket takes every frame
// the host did not send, the outgoing one those it sent, except on
// loopback devices, where the incoming socket's copy stands for both.
func captureFilter(outgoing bool) ([]bpf.RawInstruction, error) {
	prog := []bpf.Instruction{
		bpf.LoadExtension{Num: bpf.ExtProto},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: etherIPv4, SkipTrue: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: etherIPv6, SkipTrue: 1},
		bpf.RetConstant{Val: 0},
		bpf.LoadExtension{Num: bpf.ExtType},
	}
	if outgoing {
		prog = append(prog,
			bpf.JumpIf{Cond: bpf.JumpEqual, Val: packetOutgoing, SkipTrue: 1},
			bpf.RetConstant{Val: 0},
			bpf.LoadExtension{Num: bpf.ExtLinkLayerType},
			bpf.JumpIf{Cond: bpf.JumpEqual, Val: arphrdLoopback, SkipFalse: 1},
			bpf.RetConstant{Val: 0},
			bpf.RetConstant{Val: snapLen},
		)
	} else {
		prog = append(prog,
			bpf.JumpIf{Cond: bpf.JumpEqual, Val: packetOutgoing, SkipFalse: 1},
			bpf.RetConstant{Val: 0},
			bpf.RetConstant{Val: snapLen},
		)
	}
	return bpf.Assemble(prog)
}

// captureReader counts the wire bytes of every flow on every device
// through two AF_PACKET sockets with TPACKET_V3 rings (gopacket's
// afpacket, pure Go): one for the frames the host receives, one for
// those it sends. A goroutine per socket parses each frame's headers and
// adds its length to its flow; Read hands the flows to the collector as
// sockets, tied to the TCP and UDP sockets of the kernel's tables.
type captureReader struct {
	rings  [2]*afpacket.TPacket // incoming, outgoing
	tables [2]*flowTable
	flows  flowSet
	socks  *sockIndex
	names  devNames
	stop   atomic.Bool
	wg     sync.WaitGroup

	// state holds why a ring stopped and the kernel's drop count at the
	// first Read: frames lost while the rings were set up, before the
	// filter was in place, do not count.
	state captureState
}

// openCapture opens the capture; it fails without CAP_NET_RAW.
func openCapture() (reader, resolver, error) {
	c := &captureReader{flows: newFlowSet(), names: devNames{}}
	idx, err := openSockIndex()
	if err != nil {
		return nil, nil, err
	}
	c.socks = idx
	for i := range c.rings {
		tp, err := openRing(i == 1)
		if err != nil {
			c.Close()
			return nil, nil, err
		}
		// Read at once: until the filter was set, whole frames of every
		// kind filled the ring.
		c.rings[i], c.tables[i] = tp, newFlowTable()
		c.wg.Add(1)
		go c.run(tp, c.tables[i], i == 0)
	}
	return c, newProcOwners("/proc"), nil
}

// openRing opens one capture socket on every device.
func openRing(outgoing bool) (*afpacket.TPacket, error) {
	blocks := ringBlocksIn
	if outgoing {
		blocks = ringBlocksOut
	}
	tp, err := afpacket.NewTPacket(
		afpacket.OptTPacketVersion(afpacket.TPacketVersion3),
		afpacket.OptFrameSize(ringFrame),
		afpacket.OptBlockSize(ringBlock),
		afpacket.OptNumBlocks(blocks),
		afpacket.OptBlockTimeout(ringRetire),
		afpacket.OptPollTimeout(pollWait),
	)
	if err != nil {
		if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
			return nil, fmt.Errorf("packet capture needs root or CAP_NET_RAW: %w", err)
		}
		return nil, fmt.Errorf("opening the packet capture: %w", err)
	}
	filter, err := captureFilter(outgoing)
	if err == nil {
		err = tp.SetBPF(filter)
	}
	if err != nil {
		tp.Close()
		return nil, fmt.Errorf("setting the packet capture's filter: %w", err)
	}
	return tp, nil
}

// run reads one ring until Close; in is true for the incoming ring.
func (c *captureReader) run(tp *afpacket.TPacket, t *flowTable, in bool) {
	defer c.wg.Done()
	var loop loopDevices
	var p packetInfo
	for !c.stop.Load() {
		data, ci, err := tp.ZeroCopyReadPacketData()
		if err != nil {
			if errors.Is(err, afpacket.ErrTimeout) {
				continue
			}
			if !c.stop.Load() {
				c.state.fail(fmt.Errorf("the packet capture stopped: %w", err))
			}
			return
		}
		if !parseFrame(data, &p) {
			p = packetInfo{}
		}
		dev := int32(ci.InterfaceIndex)
		n := uint64(ci.Length)
		lo := in && loop.is(dev)
		if lo && n >= etherHdr {
			// The loopback device's counters leave out the Ethernet
			// header of zeros it puts on each frame: so does this.
			n -= etherHdr
		}
		t.add(dev, &p, n, in, lo)
	}
}

// Read implements reader: the flows of every device as sockets whose
// Sent and Received are the wire bytes since each flow was first seen.
func (c *captureReader) Read(dst []tcpSocket) ([]tcpSocket, error) {
	if err := c.state.begin(c.kernelDrops); err != nil {
		return dst[:0], err
	}
	now := time.Now()
	for _, t := range c.tables {
		t.drain(c.flows.add)
	}
	if c.flows.unowned() {
		// Without the tables the flows stay unowned; they are counted
		// all the same.
		_ = c.flows.own(c.socks)
	}
	return c.flows.sockets(dst[:0], now, c.names.name), nil
}

// Dropped returns the frames the kernel dropped because a ring was full,
// since the first Read.
func (c *captureReader) Dropped() uint64 { return c.state.dropped(c.kernelDrops) }

// kernelDrops returns the frames both rings dropped since they opened.
func (c *captureReader) kernelDrops() uint64 {
	var n uint64
	for _, tp := range c.rings {
		if tp == nil {
			continue
		}
		if _, st, err := tp.SocketStats(); err == nil {
			n += uint64(st.Drops())
		}
	}
	return n
}

// Counts implements counter.
func (c *captureReader) Counts() string { return "wire bytes of every protocol (packet capture)" }

// Closed implements reader: the capture counts every frame, so closed
// sockets leave nothing behind.
func (c *captureReader) Closed(dst []tcpSocket) []tcpSocket { return dst[:0] }

// Missed implements reader.
func (c *captureReader) Missed() string { return "" }

// Close implements reader: it stops the goroutines, then closes the rings.
func (c *captureReader) Close() error {
	c.stop.Store(true)
	c.wg.Wait()
	c.closeRings()
	return c.socks.close()
}

func (c *captureReader) closeRings() {
	for i, tp := range c.rings {
		if tp != nil {
			tp.Close()
			c.rings[i] = nil
		}
	}
}

// loopDevices remembers which device indexes are loopback devices.
type loopDevices map[int32]bool

// is reports whether device index dev is a loopback device.
func (l *loopDevices) is(dev int32) bool {
	if v, ok := (*l)[dev]; ok {
		return v
	}
	if *l == nil {
		*l = loopDevices{}
	}
	ifi, err := net.InterfaceByIndex(int(dev))
	v := err == nil && ifi.Flags&net.FlagLoopback != 0
	(*l)[dev] = v
	return v
}

// devNames remembers the names of device indexes; an index whose device
// is gone gets its number.
type devNames map[int32]string

func (d devNames) name(dev int32) string {
	if n, ok := d[dev]; ok {
		return n
	}
	n := fmt.Sprintf("#%d", dev)
	if ifi, err := net.InterfaceByIndex(int(dev)); err == nil {
		n = ifi.Name
	}
	d[dev] = n
	return n
}

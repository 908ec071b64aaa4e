package capture

import (
	"fmt"
	"io"
	"syscall"
	"time"
	"unsafe"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Capture settings for the loopback adapter. Only lengths are counted, so
// 64 bytes (the family header and an IP header) is plenty; the original
// length is reported whatever the snap length. The read timeout bounds how
// long a read blocks, so the goroutine notices a stop even if the wake-up
// is missed. The kernel buffer holds bursts between reads.
const (
	loopbackSnapLen    = 64
	loopbackTimeoutMS  = 200
	loopbackBufferSize = 4 << 20
)

// Npcap is a live capture on Npcap's loopback adapter, bound to wpcap.dll
// at run time. It is a gopacket.PacketDataSource for Counter.Run.
//
// ReadPacketData reuses one buffer: the data it returns is valid until the
// next call. ReadPacketData and Close must not run at the same time; stop
// the Session that reads first. Wake may be called from any goroutine.
type Npcap struct {
	lib     *wpcap
	handle  uintptr
	adapter Adapter
	link    layers.LinkType
	version string
	buf     []byte
	// pcap_next_ex writes its results here; fields rather than locals,
	// so that passing their addresses does not allocate per packet.
	hdr  *pcapPkthdr
	data *byte
}

// OpenLoopback loads Npcap, finds its loopback adapter and starts a
// capture on it. The errors wrap ErrNpcapMissing, ErrNoLoopbackAdapter or
// ErrAccessDenied where one applies, and say what to do.
func OpenLoopback() (*Npcap, error) {
	lib, err := loadWpcap()
	if err != nil {
		return nil, err
	}
	n, err := openLoopback(lib)
	if err != nil {
		lib.release()
		return nil, err
	}
	return n, nil
}

// openLoopback does OpenLoopback's work once the DLL is loaded.
func openLoopback(lib *wpcap) (*Npcap, error) {
	adapters, err := lib.adapters()
	if err != nil {
		return nil, err
	}
	a, err := ChooseLoopback(adapters, lib.probeLink)
	if err != nil {
		return nil, err
	}
	h, err := lib.open(a.Name, loopbackSnapLen, loopbackTimeoutMS, loopbackBufferSize)
	if err != nil {
		return nil, err
	}
	r, _, _ := lib.datalink.Call(h)
	link := layers.LinkType(int32(r))
	if !SupportsLinkType(link) {
		lib.close.Call(h)
		return nil, fmt.Errorf("%w: the loopback adapter %s delivers link type %d, not DLT_NULL; %s",
			ErrNpcapFailed, a.Name, int32(r), reinstallAdvice)
	}
	return &Npcap{lib: lib, handle: h, adapter: a, link: link, version: lib.version(), buf: make([]byte, 0, loopbackSnapLen)}, nil
}

// probeLink opens an adapter briefly to learn the link type it delivers.
func (w *wpcap) probeLink(a Adapter) (layers.LinkType, error) {
	h, err := w.open(a.Name, loopbackSnapLen, loopbackTimeoutMS, 1<<16)
	if err != nil {
		return 0, err
	}
	defer w.close.Call(h)
	r, _, _ := w.datalink.Call(h)
	return layers.LinkType(int32(r)), nil
}

// Version returns pcap_lib_version's text, such as "Npcap version 1.79,
// based on libpcap version 1.10.4".
func (n *Npcap) Version() string { return n.version }

// Adapter returns the adapter being captured.
func (n *Npcap) Adapter() Adapter { return n.adapter }

// LinkType returns the link type of the captured frames.
func (n *Npcap) LinkType() layers.LinkType { return n.link }

// ReadPacketData returns the next frame. It returns ErrTimeout when the
// read timeout passed without one, and io.EOF once Wake has been called.
func (n *Npcap) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	// syscall.SyscallN rather than Proc.Call, whose arguments escape:
	// that would allocate them on every packet.
	r, _, _ := syscall.SyscallN(n.lib.nextEx.Addr(), n.handle,
		uintptr(unsafe.Pointer(&n.hdr)), uintptr(unsafe.Pointer(&n.data)))
	switch int32(r) {
	case 1:
		caplen := int(n.hdr.caplen)
		n.buf = append(n.buf[:0], unsafe.Slice(n.data, caplen)...)
		ci := gopacket.CaptureInfo{
			Timestamp:     time.Unix(int64(n.hdr.sec), int64(n.hdr.usec)*int64(time.Microsecond)),
			CaptureLength: caplen,
			Length:        int(n.hdr.len),
		}
		return n.buf, ci, nil
	case 0:
		return nil, gopacket.CaptureInfo{}, ErrTimeout
	case -2:
		return nil, gopacket.CaptureInfo{}, io.EOF
	default:
		return nil, gopacket.CaptureInfo{}, fmt.Errorf("capture on %s: %s", n.adapter.Name, n.lib.errText(n.handle))
	}
}

// Wake makes a blocked or later ReadPacketData return io.EOF
// (pcap_breakloop). It is safe to call from another goroutine.
func (n *Npcap) Wake() {
	if n.handle != 0 {
		n.lib.breakloop.Call(n.handle)
	}
}

// Close ends the capture and unloads wpcap.dll. Calling it again does
// nothing.
func (n *Npcap) Close() error {
	if n.handle == 0 {
		return nil
	}
	n.lib.close.Call(n.handle)
	n.handle = 0
	n.lib.release()
	return nil
}

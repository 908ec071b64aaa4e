package capture

import (
	"fmt"
	"unsafe"

	"github.com/gopacket/gopacket/layers"
	"golang.org/x/sys/windows"
)

// Capture settings of OpenAdapter: the read timeout bounds a read, so that
// a stop is noticed even if the wake-up is missed.
const (
	adapterTimeoutMS = 200
	// pcapNetmaskUnknown is PCAP_NETMASK_UNKNOWN, for pcap_compile.
	pcapNetmaskUnknown = 0xffffffff
)

// wpcapAdapter are the functions OpenAdapter needs beyond the loopback
// capture's, for the talkers' capture on every adapter: a filter and the
// drop counters. loadWpcap resolves them where they exist.
var wpcapAdapter = []string{"pcap_compile", "pcap_setfilter", "pcap_freecode", "pcap_stats"}

// bpfProgram mirrors struct bpf_program: a count and a pointer to the
// instructions, which libpcap allocates and pcap_freecode frees.
type bpfProgram struct {
	len   uint32
	insns uintptr
}

// ListAdapters loads Npcap and lists its capture devices. Its errors wrap
// ErrNpcapMissing or ErrAccessDenied where one applies.
func ListAdapters() ([]Adapter, error) {
	lib, err := loadWpcap()
	if err != nil {
		return nil, err
	}
	defer lib.release()
	return lib.adapters()
}

// OpenAdapter starts a capture on adapter a that keeps the first snapLen
// bytes of the frames filter lets through (libpcap's filter syntax,
// compiled by pcap_compile), with a kernel buffer of bufferBytes. Each
// handle loads wpcap.dll for itself (Windows counts the loads) and
// unloads it on Close. Its errors are OpenLoopback's.
func OpenAdapter(a Adapter, snapLen, bufferBytes int, filter string) (*Npcap, error) {
	lib, err := loadWpcap()
	if err != nil {
		return nil, err
	}
	for _, name := range wpcapAdapter {
		if lib.procs[name] == nil {
			lib.release()
			return nil, missingFuncError(lib.path, name)
		}
	}
	h, err := lib.open(a.Name, snapLen, adapterTimeoutMS, bufferBytes)
	if err != nil {
		lib.release()
		return nil, err
	}
	if err := lib.setFilter(h, filter); err != nil {
		lib.close.Call(h)
		lib.release()
		return nil, fmt.Errorf("%w (Npcap adapter %s: %v); %s", ErrNpcapFailed, a.Name, err, reinstallAdvice)
	}
	r, _, _ := lib.datalink.Call(h)
	return &Npcap{lib: lib, handle: h, adapter: a, link: layers.LinkType(int32(r)),
		version: lib.version(), buf: make([]byte, 0, snapLen)}, nil
}

// setFilter compiles filter for handle h and sets it.
func (w *wpcap) setFilter(h uintptr, filter string) error {
	cf, err := windows.BytePtrFromString(filter)
	if err != nil {
		return fmt.Errorf("filter %q: %w", filter, err)
	}
	var prog bpfProgram
	if r, _, _ := w.procs["pcap_compile"].Call(h, uintptr(unsafe.Pointer(&prog)), uintptr(unsafe.Pointer(cf)),
		1, pcapNetmaskUnknown); int32(r) != 0 {
		return fmt.Errorf("compiling the filter %q: %s", filter, w.errText(h))
	}
	defer w.procs["pcap_freecode"].Call(uintptr(unsafe.Pointer(&prog)))
	if r, _, _ := w.procs["pcap_setfilter"].Call(h, uintptr(unsafe.Pointer(&prog))); int32(r) != 0 {
		return fmt.Errorf("setting the filter %q: %s", filter, w.errText(h))
	}
	return nil
}

// Dropped returns the frames dropped since the capture opened, by the
// driver for want of buffer space and by the adapter (pcap_stats: ps_drop
// plus ps_ifdrop, 32-bit counters that wrap). Only a handle opened by
// OpenAdapter has it. Like ReadPacketData it must not run at the same
// time as another call on the handle but Wake.
func (n *Npcap) Dropped() (uint32, error) {
	p := n.lib.procs["pcap_stats"]
	if p == nil || n.handle == 0 {
		return 0, fmt.Errorf("no drop counters for %s", n.adapter.Name)
	}
	// struct pcap_stat: ps_recv, ps_drop, ps_ifdrop, and on Windows
	// fields Npcap's pcap_stats leaves alone; room for them all the same.
	var st [6]uint32
	if r, _, _ := p.Call(n.handle, uintptr(unsafe.Pointer(&st[0]))); int32(r) != 0 {
		return 0, fmt.Errorf("reading the drop counters of %s: %s", n.adapter.Name, n.lib.errText(n.handle))
	}
	return st[1] + st[2], nil
}

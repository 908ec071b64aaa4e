package talkers

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"unsafe"

	"github.com/winload/winload/internal/capture"
	"golang.org/x/sys/windows"
)

// npcapBuffer is the kernel buffer of each adapter's capture, about
// 7,000 frames of headers; npcapFilter its filter, compiled by
// pcap_compile: IP only.
const (
	npcapBuffer = 1 << 20
	npcapFilter = "ip or ip6"
)

// openAuto opens the Npcap capture when it can, else the extended TCP
// statistics when winload runs as administrator (winChoice).
func openAuto() (reader, resolver, error) {
	return winChoice{
		npcap:    openCapture,
		estats:   openSource,
		elevated: windows.GetCurrentProcessToken().IsElevated(),
		missing:  func(err error) bool { return errors.Is(err, capture.ErrNpcapMissing) },
	}.open()
}

// openCapture opens a capture on every adapter Npcap lists that winload's
// device list shows, the loopback adapter included, with the owner
// tables for the flows' processes.
func openCapture() (reader, resolver, error) {
	api, err := loadOwnerTables()
	if err != nil {
		return nil, nil, err
	}
	list, err := capture.ListAdapters()
	if err != nil {
		return nil, nil, err
	}
	ifs, err := winAdapters()
	if err != nil {
		return nil, nil, fmt.Errorf("listing the network adapters: %w", err)
	}
	var caps []*npcapCapture
	var failed error
	var notOpen []string
	loopback := false
	for _, a := range list {
		ad, ok := npcapAdapterOf(a.Name, ifs)
		if !ok {
			continue
		}
		h, err := capture.OpenAdapter(a, npcapSnapLen, npcapBuffer, npcapFilter)
		if err != nil {
			if failed == nil {
				failed = err
			}
			notOpen = append(notOpen, ad.dev)
			continue
		}
		ad.setLink(int(h.LinkType()))
		loopback = loopback || ad.loop
		caps = append(caps, &npcapCapture{h: &npcapHandle{n: h}, ad: ad})
	}
	if len(caps) == 0 {
		if failed == nil {
			failed = fmt.Errorf("%w: Npcap lists none of the adapters Windows shows", capture.ErrNpcapFailed)
		}
		return nil, nil, failed
	}
	rd := newNpcapReader(caps, newWinSockets(api))
	rd.missed = npcapMissed(notOpen, loopback)
	names := &procNames{users: map[string]string{}}
	return rd, newPIDOwners(names.describe), nil
}

// npcapHandle is a capture.Npcap as a pcapHandle.
type npcapHandle struct {
	n     *capture.Npcap
	count npcapDropCount
}

func (h *npcapHandle) read() ([]byte, int, error) {
	data, ci, err := h.n.ReadPacketData()
	switch {
	case err == nil:
		return data, ci.Length, nil
	case errors.Is(err, capture.ErrTimeout):
		return nil, 0, errPcapTimeout
	case errors.Is(err, io.EOF):
		return nil, 0, errPcapWoken
	}
	return nil, 0, err
}

func (h *npcapHandle) drops() (uint64, error) {
	d, err := h.n.Dropped()
	if err != nil {
		return 0, err
	}
	return h.count.update(d), nil
}

func (h *npcapHandle) wake()        { h.n.Wake() }
func (h *npcapHandle) close() error { return h.n.Close() }

// winAdapters lists the adapters with GetAdaptersAddresses, the list
// winload's Windows device names come from (their friendly names).
func winAdapters() ([]winAdapter, error) {
	const flags = windows.GAA_FLAG_SKIP_ANYCAST | windows.GAA_FLAG_SKIP_MULTICAST | windows.GAA_FLAG_SKIP_DNS_SERVER
	size := uint32(15000)
	for range tableTries {
		buf := make([]byte, size)
		list := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0]))
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, flags, 0, list, &size)
		if errors.Is(err, windows.ERROR_BUFFER_OVERFLOW) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if size == 0 {
			return nil, nil
		}
		var out []winAdapter
		for aa := list; aa != nil; aa = aa.Next {
			w := winAdapter{
				GUID:     windows.BytePtrToString(aa.AdapterName),
				Name:     windows.UTF16PtrToString(aa.FriendlyName),
				Loopback: aa.IfType == windows.IF_TYPE_SOFTWARE_LOOPBACK,
			}
			if n := aa.PhysicalAddressLength; n > 0 && n <= uint32(len(aa.PhysicalAddress)) {
				w.MAC = append([]byte(nil), aa.PhysicalAddress[:n]...)
			}
			for u := aa.FirstUnicastAddress; u != nil; u = u.Next {
				if ip, ok := netip.AddrFromSlice(u.Address.IP()); ok {
					w.Addrs = append(w.Addrs, ip.Unmap())
				}
			}
			out = append(out, w)
		}
		return out, nil
	}
	return nil, errors.New("GetAdaptersAddresses: the adapter list kept growing")
}

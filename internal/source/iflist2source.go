package source

import "fmt"

// Reader descriptions for --debug-info.
const (
	readerIfList2      = "sysctl NET_RT_IFLIST2 (64-bit if_data64 counters, no child process)"
	readerGopsutilMac  = "gopsutil (runs netstat -ibdnW at every sample)"
	readerProcNetDev   = "/proc/net/dev"
	readerGopsutil     = "gopsutil"
	readerGopsutilWin  = "gopsutil (GetIfEntry2, 64-bit counters)"
	readerUnwrapSuffix = ", 32-bit counters unwrapped"
)

// ifList2Source reads macOS's interface counters from the reply of
// sysctl NET_RT_IFLIST2, which fetch returns; only fetch is macOS-only.
type ifList2Source struct {
	fetch  func() ([]byte, error)
	intern map[string]string
	addrs  *addressBook
}

// Read implements Source.
func (s *ifList2Source) Read(dst []Device) ([]Device, error) {
	b, err := s.fetch()
	if err != nil {
		return dst[:0], fmt.Errorf("reading interface counters (sysctl NET_RT_IFLIST2): %w", err)
	}
	dst, err = parseIfList2(b, dst[:0], s.intern)
	if err != nil {
		return dst[:0], fmt.Errorf("reading interface counters (sysctl NET_RT_IFLIST2): %w", err)
	}
	if len(dst) == 0 {
		return dst, fmt.Errorf("reading interface counters (sysctl NET_RT_IFLIST2): %w: no interfaces", ErrIfList2Format)
	}
	s.intern = pruneNames(s.intern, dst)
	sortDevices(dst)
	if s.addrs != nil {
		s.addrs.fill(dst)
	}
	return dst, nil
}

// Status implements Source.
func (s *ifList2Source) Status() Status { return Status{Reader: readerIfList2} }

// Close implements Source.
func (s *ifList2Source) Close() error { return nil }

// openIfList2 returns the sysctl reader when a first read through fetch
// works, and else gopsutil, whose status names the reason.
func openIfList2(fetch func() ([]byte, error), addrs func() map[string]string, fallback func() Source) Source {
	s := &ifList2Source{fetch: fetch, intern: map[string]string{}}
	if _, err := s.Read(nil); err != nil {
		return &fallbackSource{Source: fallback(), reader: readerGopsutilMac + "; sysctl failed: " + oneLine(err.Error())}
	}
	s.addrs = newAddressBook(addrs)
	return s
}

// fallbackSource is a source used because the preferred one failed; its
// status says so.
type fallbackSource struct {
	Source
	reader string
}

// Status implements Source.
func (f *fallbackSource) Status() Status {
	st := f.Source.Status()
	st.Reader = f.reader
	return st
}

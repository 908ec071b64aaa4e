package source

import (
	"fmt"
	"strings"
)

// Reader descriptions for --debug-info.
const (
	readerIfAllData    = "sysctl net.link.generic.ifalldata (64-bit counters, no child process)"
	readerIfList2      = "sysctl NET_RT_IFLIST2 (counters rounded down to 1 KiB and cut to 32 bits by macOS for programs not signed by Apple; unwrapped)"
	readerGopsutilMac  = "gopsutil (runs netstat -ibdnW at every sample)"
	readerProcNetDev   = "/proc/net/dev"
	readerGopsutil     = "gopsutil"
	readerGopsutilWin  = "gopsutil (GetIfEntry2, 64-bit counters)"
	readerUnwrapSuffix = ", 32-bit counters unwrapped"
)

// sysctlReader is one way to read macOS's interface counters in-process:
// a sysctl that fetch runs, and the parser of its reply. Only fetch is
// macOS-only.
type sysctlReader struct {
	what  string
	fetch func() ([]byte, error)
	parse func(b []byte, dst []Device, intern map[string]string) ([]Device, error)
	// unwrap is set for a reply whose counters may wrap at 2^32.
	unwrap bool
}

// sysctlSource reads the counters through a sysctlReader.
type sysctlSource struct {
	r      sysctlReader
	intern map[string]string
	wrap   *wrap32
	addrs  *addressBook
	// reader is what Status tells --debug-info.
	reader string
}

// Read implements Source.
func (s *sysctlSource) Read(dst []Device) ([]Device, error) {
	b, err := s.r.fetch()
	if err != nil {
		return dst[:0], fmt.Errorf("reading interface counters (%s): %w", s.r.what, err)
	}
	dst, err = s.r.parse(b, dst[:0], s.intern)
	if err != nil {
		return dst[:0], fmt.Errorf("reading interface counters (%s): %w", s.r.what, err)
	}
	if len(dst) == 0 {
		return dst, fmt.Errorf("reading interface counters (%s): no interfaces in the reply", s.r.what)
	}
	s.intern = pruneNames(s.intern, dst)
	if s.wrap != nil {
		s.wrap.apply(dst)
	}
	sortDevices(dst)
	if s.addrs != nil {
		s.addrs.fill(dst)
	}
	return dst, nil
}

// Status implements Source.
func (s *sysctlSource) Status() Status { return Status{Reader: s.reader} }

// Close implements Source.
func (s *sysctlSource) Close() error { return nil }

// openSysctl returns a source over the first reader whose first read
// works, else the fallback; --debug-info names the reader and why the
// ones before it were passed over.
func openSysctl(readers []sysctlReader, addrs func() map[string]string, fallback func() Source) Source {
	var failed []string
	for _, r := range readers {
		s := &sysctlSource{r: r, intern: map[string]string{}}
		if r.unwrap {
			s.wrap = newWrap32()
		}
		if _, err := s.Read(nil); err != nil {
			failed = append(failed, oneLine(err.Error()))
			continue
		}
		s.addrs = newAddressBook(addrs)
		s.reader = readerDescription(r.what, failed)
		return s
	}
	return &fallbackSource{Source: fallback(), reader: readerDescription(readerGopsutilMac, failed)}
}

// readerDescription names a reader and the failures of those tried first.
func readerDescription(what string, failed []string) string {
	if len(failed) == 0 {
		return what
	}
	return what + "; passed over: " + strings.Join(failed, "; ")
}

// fallbackSource is a source used because the preferred ones failed; its
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

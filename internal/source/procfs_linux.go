package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// procNetDevPath is where Linux publishes per-interface counters for the
// network namespace of the reading process.
const procNetDevPath = "/proc/net/dev"

// procSource reads /proc/net/dev through a file kept open and re-read from
// offset 0 each sample: the kernel regenerates the text on every read, and
// this costs a fraction of opening the file each time.
type procSource struct {
	file   *os.File
	buf    []byte
	intern map[string]string
	order  nameOrder
	addrs  *addressBook
	// wrap unwraps 32-bit counters; nil on a 64-bit kernel.
	wrap *wrap32
}

func openProcSource(path string) (*procSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	p := &procSource{file: f, buf: make([]byte, 8192), intern: map[string]string{}, addrs: newAddressBook(addressLookup())}
	if _, err := p.Read(nil); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Read implements Source.
func (p *procSource) Read(dst []Device) ([]Device, error) {
	n := 0
	for {
		m, err := p.file.ReadAt(p.buf[n:], int64(n))
		n += m
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return dst[:0], fmt.Errorf("reading %s: %w", p.file.Name(), err)
		}
		if n == len(p.buf) {
			p.buf = append(p.buf, make([]byte, len(p.buf))...)
		}
	}
	dst, err := parseProcNetDev(p.buf[:n], dst[:0], p.intern)
	if err != nil {
		return dst[:0], fmt.Errorf("reading %s: %w", p.file.Name(), err)
	}
	p.intern = pruneNames(p.intern, dst)
	if p.wrap != nil {
		p.wrap.apply(dst)
	}
	p.order.sort(dst)
	p.addrs.fill(dst)
	return dst, nil
}

// unwrap32 makes the source unwrap counters that wrap at 2^32, from the
// next read on.
func (p *procSource) unwrap32() { p.wrap = newWrap32() }

// Status implements Source.
func (p *procSource) Status() Status {
	if p.wrap != nil {
		return Status{Reader: readerProcNetDev + readerUnwrapSuffix}
	}
	return Status{Reader: readerProcNetDev}
}

// kernelCounts32 reports whether the running kernel is a 32-bit one
// (i686, armv7l and the like), whose drivers without 64-bit statistics
// print counters that wrap at 2^32. A 32-bit winload on a 64-bit kernel
// (uname says x86_64 or aarch64) reads 64-bit counters.
func kernelCounts32() bool {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return strconv.IntSize == 32
	}
	return !machineIs64(unix.ByteSliceToString(u.Machine[:]))
}

// machineIs64 reports whether uname's machine field names a 64-bit kernel.
func machineIs64(machine string) bool {
	return strings.Contains(machine, "64") || machine == "s390x"
}

// Close implements Source.
func (p *procSource) Close() error {
	p.addrs.close()
	return p.file.Close()
}

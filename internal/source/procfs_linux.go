package source

import (
	"errors"
	"fmt"
	"io"
	"os"
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
	p.order.sort(dst)
	p.addrs.fill(dst)
	return dst, nil
}

// Status implements Source.
func (p *procSource) Status() Status { return Status{} }

// Close implements Source.
func (p *procSource) Close() error {
	p.addrs.close()
	return p.file.Close()
}

//go:build !linux

package source

import (
	"context"
	"fmt"
	"runtime"

	psnet "github.com/shirou/gopsutil/v4/net"
)

// gopsutilSource reads counters through gopsutil: /proc/net/dev on Linux,
// netstat on macOS, GetIfEntry2 on Windows.
type gopsutilSource struct {
	addrs *addressBook
	// names keeps one copy of each interface name so that steady-state
	// reads hand out the same strings instead of fresh ones.
	names map[string]string
}

func newGopsutilSource() *gopsutilSource {
	return &gopsutilSource{addrs: newAddressBook(addressLookup()), names: map[string]string{}}
}

// Read implements Source.
func (g *gopsutilSource) Read(dst []Device) ([]Device, error) {
	stats, err := psnet.IOCountersWithContext(context.Background(), true)
	if err != nil {
		return dst[:0], fmt.Errorf("reading interface counters: %w", err)
	}
	dst = dst[:0]
	for _, s := range stats {
		name, ok := g.names[s.Name]
		if !ok {
			name = s.Name
			g.names[name] = name
		}
		dst = append(dst, Device{Name: name, Rx: s.BytesRecv, Tx: s.BytesSent, Extra: Extra{
			Valid:     true,
			RxPackets: s.PacketsRecv, TxPackets: s.PacketsSent,
			RxErrors: s.Errin, TxErrors: s.Errout,
			RxDropped: s.Dropin, TxDropped: s.Dropout,
		}})
	}
	g.names = pruneNames(g.names, dst)
	sortDevices(dst)
	g.addrs.fill(dst)
	return dst, nil
}

// Status implements Source.
func (g *gopsutilSource) Status() Status {
	switch runtime.GOOS {
	case "darwin":
		return Status{Reader: readerGopsutilMac}
	case "windows":
		return Status{Reader: readerGopsutilWin}
	}
	return Status{Reader: readerGopsutil}
}

// Close implements Source.
func (g *gopsutilSource) Close() error {
	g.addrs.close()
	return nil
}

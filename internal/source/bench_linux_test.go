package source

import (
	"testing"

	psnet "github.com/shirou/gopsutil/v4/net"
)

// BenchmarkProcSourceRead is one sample of all devices on Linux.
func BenchmarkProcSourceRead(b *testing.B) {
	p, err := openProcSource(procNetDevPath)
	if err != nil {
		b.Skip(err)
	}
	defer p.Close()
	buf := make([]Device, 0, 16)
	b.ReportAllocs()
	for b.Loop() {
		buf, err = p.Read(buf)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGopsutilRead is one sample of all devices through gopsutil's
// parse of the same file, for comparison (winload does not use it on
// Linux).
func BenchmarkGopsutilRead(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := psnet.IOCounters(true); err != nil {
			b.Fatal(err)
		}
	}
}

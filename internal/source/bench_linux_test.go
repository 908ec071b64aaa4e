package source

import "testing"

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

// BenchmarkGopsutilRead is one sample of all devices through gopsutil,
// the source on macOS and Windows and the fallback on Linux.
func BenchmarkGopsutilRead(b *testing.B) {
	g := newGopsutilSource()
	buf := make([]Device, 0, 16)
	var err error
	b.ReportAllocs()
	for b.Loop() {
		buf, err = g.Read(buf)
		if err != nil {
			b.Fatal(err)
		}
	}
}

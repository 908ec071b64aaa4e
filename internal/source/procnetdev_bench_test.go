package source

import (
	"os"
	"testing"
)

// BenchmarkParseProcNetDev1000 parses a /proc/net/dev of 1,000
// interfaces: recorded in a network namespace with 1,000 ifb devices,
// its counters then filled with values of realistic length.
func BenchmarkParseProcNetDev1000(b *testing.B) {
	text, err := os.ReadFile("testdata/procnetdev-1000.txt")
	if err != nil {
		b.Fatal(err)
	}
	intern := map[string]string{}
	var order nameOrder
	devs, err := parseProcNetDev(text, nil, intern)
	if err != nil || len(devs) != 1002 {
		b.Fatalf("%d devices, %v", len(devs), err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		devs, _ = parseProcNetDev(text, devs[:0], intern)
		order.sort(devs)
	}
}

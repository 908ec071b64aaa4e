package source

import (
	"slices"
	"strings"
	"testing"

	psnet "github.com/shirou/gopsutil/v4/net"
)

func TestProcSourceReadsLiveCounters(t *testing.T) {
	p, err := openProcSource(procNetDevPath)
	if err != nil {
		t.Skipf("no %s here: %v", procNetDevPath, err)
	}
	defer p.Close()
	devs, err := p.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, d := range devs {
		if i > 0 && devs[i-1].Name >= d.Name {
			t.Errorf("not sorted by name: %q before %q", devs[i-1].Name, d.Name)
		}
		if d.Name == "lo" {
			found = true
			if d.Addr != "127.0.0.1" {
				t.Errorf("lo address = %q, want 127.0.0.1", d.Addr)
			}
		}
	}
	if !found {
		t.Errorf("lo missing from %+v", devs)
	}
	// gopsutil, an independent parser of the same file, must agree on
	// the device list.
	g, err := psnet.IOCounters(true)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(g, func(a, b psnet.IOCountersStat) int { return strings.Compare(a.Name, b.Name) })
	if len(g) != len(devs) {
		t.Fatalf("gopsutil lists %d devices, /proc/net/dev %d", len(g), len(devs))
	}
	for i := range g {
		if g[i].Name != devs[i].Name {
			t.Errorf("device %d: gopsutil %q, procfs %q", i, g[i].Name, devs[i].Name)
		}
		if g[i].BytesRecv < devs[i].Rx {
			t.Errorf("%s: gopsutil read after procfs but saw fewer bytes", g[i].Name)
		}
	}
}

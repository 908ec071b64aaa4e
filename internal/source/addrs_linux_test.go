package source

import (
	"net"
	"testing"
)

// The two-dump table gives every interface the address the standard
// library's per-interface lookup gives it.
func TestSystemAddressesMatchNetInterfaces(t *testing.T) {
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Skip(err)
	}
	got := systemAddresses()
	for _, iface := range ifaces {
		addrs, err := iface.Addrs()
		if err != nil {
			t.Fatal(err)
		}
		var ips []net.IP
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, n.IP)
			}
		}
		want := preferredIP(ips)
		if addr, ok := got[iface.Name]; !ok || addr != want {
			t.Errorf("%s: %q (listed %v), want %q", iface.Name, addr, ok, want)
		}
	}
	if len(got) != len(ifaces) {
		t.Errorf("%d interfaces in the table, %d in net.Interfaces", len(got), len(ifaces))
	}
}

// BenchmarkSystemAddresses is one refresh of every interface's address;
// run it in a namespace with 1,000 interfaces to see the scale.
func BenchmarkSystemAddresses(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		systemAddresses()
	}
}

package source

import (
	"net"
	"testing"
)

func TestPreferredAddress(t *testing.T) {
	ipnet := func(s string) net.Addr { return &net.IPNet{IP: net.ParseIP(s)} }
	tests := []struct {
		addrs []net.Addr
		want  string
	}{
		{nil, ""},
		{[]net.Addr{ipnet("fe80::1"), ipnet("2001:db8::1"), ipnet("10.0.0.2")}, "10.0.0.2"},
		{[]net.Addr{ipnet("fe80::1"), ipnet("2001:db8::1")}, "2001:db8::1"},
		{[]net.Addr{ipnet("fe80::1")}, "fe80::1"},
		{[]net.Addr{&net.IPAddr{IP: net.ParseIP("::1")}}, "::1"},
		{[]net.Addr{&net.UnixAddr{Name: "x"}, ipnet("127.0.0.1")}, "127.0.0.1"},
	}
	for _, tt := range tests {
		if got := preferredAddress(tt.addrs); got != tt.want {
			t.Errorf("preferredAddress(%v) = %q, want %q", tt.addrs, got, tt.want)
		}
	}
}

func TestAddressBookLooksUpOnlyWhenNeeded(t *testing.T) {
	lookups := 0
	book := newAddressBook(func() map[string]string {
		lookups++
		return map[string]string{"eth0": "10.0.0.1"}
	})
	devs := []Device{{Name: "eth0"}, {Name: "veth1"}}
	book.fill(devs)
	book.fill(devs)
	if lookups != 1 {
		t.Errorf("lookups = %d, want 1 (a device without address must be remembered)", lookups)
	}
	if devs[0].Addr != "10.0.0.1" || devs[1].Addr != "" {
		t.Errorf("addresses %q, %q", devs[0].Addr, devs[1].Addr)
	}
	book.fill(append(devs, Device{Name: "new0"}))
	if lookups != 2 {
		t.Errorf("lookups = %d after a new device, want 2", lookups)
	}
}

func TestPruneNames(t *testing.T) {
	names := map[string]string{}
	for i := range 100 {
		n := string(rune('a'+i%26)) + string(rune('a'+i/26))
		names[n] = n
	}
	live := []Device{{Name: "lo"}}
	got := pruneNames(names, live)
	if len(got) != 1 || got["lo"] != "lo" {
		t.Errorf("pruned to %v", got)
	}
	small := map[string]string{"lo": "lo", "x": "x"}
	if got := pruneNames(small, live); len(got) != 2 {
		t.Errorf("a small map must be kept, got %v", got)
	}
}

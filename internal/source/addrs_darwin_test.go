package source

import (
	"testing"

	"golang.org/x/net/route"
)

// Messages as route.ParseRIB returns them for NET_RT_IFLIST: a link with
// its addresses (the first of each is the link-layer one, without an
// RTAX_IFA entry), then another link.
func TestRIBAddresses(t *testing.T) {
	ifa := func(index int, a route.Addr) *route.InterfaceAddrMessage {
		addrs := make([]route.Addr, 6)
		addrs[5] = a
		return &route.InterfaceAddrMessage{Index: index, Addrs: addrs}
	}
	msgs := []route.Message{
		&route.InterfaceMessage{Index: 1, Name: "lo0"},
		ifa(1, &route.Inet6Addr{IP: [16]byte{15: 1}}),
		ifa(1, &route.Inet4Addr{IP: [4]byte{127, 0, 0, 1}}),
		&route.InterfaceMessage{Index: 4, Name: "en0"},
		ifa(4, &route.Inet6Addr{IP: [16]byte{0: 0xfe, 1: 0x80, 15: 7}, ZoneID: 4}),
		&route.InterfaceAddrMessage{Index: 4, Addrs: []route.Addr{nil, nil}},
		&route.InterfaceMessage{Index: 5, Name: "utun0"},
	}
	names, addrs := ribAddresses(msgs)
	got := addressTable(names, addrs)
	want := map[string]string{"lo0": "127.0.0.1", "en0": "fe80::7", "utun0": ""}
	for k, v := range want {
		if a, ok := got[k]; !ok || a != v {
			t.Errorf("%s: %q (listed %v), want %q", k, a, ok, v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("table %v", got)
	}
}

package source

import (
	"net"
	"syscall"

	"golang.org/x/net/route"
)

// addressLookup returns the lookup of every interface's preferred address.
func addressLookup() func() map[string]string { return systemAddresses }

// systemAddresses maps each interface name to its preferred address from
// one sysctl NET_RT_IFLIST, whatever the number of interfaces.
// (net.Interface.Addrs fetches every interface's list once per interface.)
func systemAddresses() map[string]string {
	b, err := route.FetchRIB(syscall.AF_UNSPEC, route.RIBTypeInterface, 0)
	if err != nil {
		return map[string]string{}
	}
	msgs, err := route.ParseRIB(route.RIBTypeInterface, b)
	if err != nil {
		return map[string]string{}
	}
	names, addrs := ribAddresses(msgs)
	return addressTable(names, addrs)
}

// ribAddresses sorts the routing messages of NET_RT_IFLIST into interface
// names and each interface's addresses by index.
func ribAddresses(msgs []route.Message) (map[int]string, map[int][]net.IP) {
	names := map[int]string{}
	addrs := map[int][]net.IP{}
	for _, m := range msgs {
		switch m := m.(type) {
		case *route.InterfaceMessage:
			names[m.Index] = m.Name
		case *route.InterfaceAddrMessage:
			if len(m.Addrs) <= syscall.RTAX_IFA {
				continue
			}
			switch a := m.Addrs[syscall.RTAX_IFA].(type) {
			case *route.Inet4Addr:
				addrs[m.Index] = append(addrs[m.Index], net.IP(append([]byte(nil), a.IP[:]...)))
			case *route.Inet6Addr:
				addrs[m.Index] = append(addrs[m.Index], net.IP(append([]byte(nil), a.IP[:]...)))
			}
		}
	}
	return names, addrs
}

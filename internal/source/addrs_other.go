//go:build !linux && !darwin && !windows

package source

import "net"

// addressLookup returns the lookup of every interface's preferred address.
func addressLookup() func() map[string]string { return systemAddresses }

// systemAddresses maps each interface name to its preferred address,
// asking for each interface's addresses in turn.
func systemAddresses() map[string]string {
	out := map[string]string{}
	ifaces, err := net.Interfaces()
	if err != nil {
		return out
	}
	for _, iface := range ifaces {
		addrs, err := iface.Addrs()
		if err != nil {
			continue
		}
		var ips []net.IP
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, n.IP)
			}
		}
		out[iface.Name] = preferredIP(ips)
	}
	return out
}
